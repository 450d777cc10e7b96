"""The lokaal addendum: its regional challenges, and which of them an answer addresses.

Challenges are the list items (or sub-headings) under a heading that contains "uitdaging"; an
addendum without such a heading gives all its list items. A challenge is recognised in an answer by
its number ("uitdaging 3"), all of its title, or two of its distinctive stems within two sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from assistant.i18n import _
from assistant.review.findings import Finding
from assistant.review.language import LIST_ITEM, STOPWORDS, Analysis, stem, stems
from assistant.review.rules import Challenge, Outcome, QuestionContext, clamp, rule, shorten

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_TITLE_SPLIT = re.compile(r"\s*[:–—]\s+|\.\s")
MIN_KEY_LENGTH = 4
# "… in de gemeenten Assenede, Eeklo, Evergem, Kaprijke, Sint-Laureins en Zelzate"
_AREA_NAMES = re.compile(r"gemeenten?\s+([A-Z][\w'-]+(?:(?:,\s*|\s+en\s+)[A-Z][\w'-]+)*)")
_NAME = re.compile(r"[A-Z][\w'-]*[\w]")
_REFERENCE = re.compile(r"\buitdaging\s*(?:nr\.?\s*)?(\d{1,2})\b", re.IGNORECASE)
_INNER_NAME = re.compile(r"(?<=[^.!?:\s][\s-])[A-Z][^\W\d_]+")


def _heading(line: str, previous_blank: bool) -> tuple[int, str] | None:
    """(level, text) when the line is a heading: Markdown, a bold line, or a short plain line after a blank."""
    if match := _MARKDOWN_HEADING.match(line):
        return len(match.group(1)), match.group(2)
    if match := _BOLD_LINE.match(line):
        return 7, match.group(1)
    stripped = line.strip()
    if (
        previous_blank
        and stripped
        and not LIST_ITEM.match(line)
        and len(stripped.split()) <= 8
        and not stripped.endswith((".", ",", ";"))
    ):
        return 8, stripped.rstrip(":")
    return None


class _Block(NamedTuple):
    kind: str  # "item" or "heading"
    text: str
    under_challenges: bool  # below a heading that contains "uitdaging"


def _blocks(text: str) -> list[_Block]:
    """Every list item, and every sub-heading below a challenges heading, with the text that follows it."""
    blocks: list[_Block] = []
    section_level: int | None = None  # level of the current "uitdaging" heading
    lines: list[str] | None = None  # the lines of the open block
    previous_blank = True

    def close() -> None:
        if lines is not None:
            kind, _text, under = blocks[-1]
            blocks[-1] = _Block(kind, " ".join(lines), under)

    for line in text.replace("\r\n", "\n").split("\n"):
        heading = _heading(line, previous_blank)
        item = None if heading else LIST_ITEM.match(line)
        if heading or item:
            close()
            lines = None
        if heading:
            level, title = heading
            if "uitdaging" in title.lower():
                section_level = level
            elif section_level is not None and level <= section_level:
                section_level = None
            elif section_level is not None:
                lines = [title]
                blocks.append(_Block("heading", title, True))
        elif item:
            lines = [line[item.end() :].strip()]
            blocks.append(_Block("item", lines[0], section_level is not None))
        elif line.strip() and lines is not None:
            lines.append(line.strip())
        elif not line.strip() and lines is not None and blocks[-1].kind == "item":
            close()
            lines = None
        previous_blank = not line.strip()
    close()
    return blocks


@lru_cache(maxsize=8)
def parse_challenges(text: str) -> tuple[Challenge, ...]:
    blocks = _blocks(text)
    chosen = [b for b in blocks if b.under_challenges] or [b for b in blocks if b.kind == "item"]
    raw = []
    for block in chosen:
        body = re.sub(r"[*_`]+", "", block.text).strip()
        if not body:
            continue
        title = _TITLE_SPLIT.split(body, maxsplit=1)[0]
        raw.append((shorten(title, 70), body))
    key_sets = [_keys(body) for _, body in raw]
    # Stems shared by most challenges ("doelgroep", "regio") do not tell them apart.
    common = {
        key for key in set().union(*key_sets) if len(raw) >= 4 and sum(key in keys for keys in key_sets) > len(raw) / 2
    } if key_sets else set()
    return tuple(
        Challenge(number, title, body, frozenset(keys - common))
        for number, ((title, body), keys) in enumerate(zip(raw, key_sets, strict=True), start=1)
    )


# Words any answer of this call uses, whatever the challenge: they do not tell a challenge apart.
_EVERYDAY = frozenset(
    stem(w)
    for w in """mensen mens gaan vaak groot grote lang lange deel samen problemen probleem gemeente gemeenten
    doelgroep doelgroepen aantal kern rond opnieuw start nood past houdt dienst diensten werk werken traject
    trajecten begeleiding partner partners aanbod ondersteuning organisatie organisaties regio jaar jaren""".split()
)


@lru_cache(maxsize=8)
def municipalities_in(text: str) -> tuple[str, ...]:
    """The municipalities an addendum names in its werkingsgebied: the capitalised names after
    "gemeente(n)" in the section whose heading says "werkingsgebied"."""
    section: list[str] = []
    in_section = False
    previous_blank = True
    for line in text.replace("\r\n", "\n").split("\n"):
        heading = _heading(line, previous_blank)
        previous_blank = not line.strip()
        if heading:
            in_section = "werkingsgebied" in heading[1].lower()
        elif in_section:
            section.append(line.strip())
    lists = _AREA_NAMES.findall(" ".join(section))
    return tuple(dict.fromkeys(name for found in lists for name in _NAME.findall(found)))


def _keys(text: str) -> set[str]:
    """Distinctive stems of a challenge; place and organisation names (capitalised inside a sentence)
    say where, not what, and are left out."""
    names = {stem(w.lower()) for w in _INNER_NAME.findall(text)}
    return {
        s
        for s in stems(text)
        if len(s) >= MIN_KEY_LENGTH and s not in STOPWORDS and s not in _EVERYDAY and not s.isdigit() and s not in names
    }


@lru_cache(maxsize=64)
def _references(text: str) -> frozenset[int]:
    return frozenset(int(number) for number in _REFERENCE.findall(text))


def addresses(challenge: Challenge, analysis: Analysis) -> bool:
    """Whether the answer takes up the challenge: by its number ("uitdaging 3"), all of its title, or two
    of its distinctive stems within two sentences."""
    if challenge.number in _references(analysis.text):
        return True
    if not challenge.keys:
        return False
    title_keys = _keys(challenge.title)
    needed = min(2, len(challenge.keys))
    sentences = analysis.sentences
    for index, sentence in enumerate(sentences):
        window = set(sentence.stems)
        if title_keys and title_keys <= window:
            return True
        if index + 1 < len(sentences):
            window |= set(sentences[index + 1].stems)
        if len(challenge.keys & window) >= needed:
            return True
    return False


@rule("addendum", weight=20.0, component="criteria", order=60)
def check(context: QuestionContext) -> Outcome:
    outcome = Outcome()
    # The criterion whose questions must build on the addendum (the call's region.addendum_criterion).
    criterion = context.call.region.addendum_criterion or ""
    applies = bool(criterion) and criterion in context.question.criteria
    if not context.challenges:
        if applies:
            outcome.findings.append(
                Finding(
                    severity="tip",
                    criterion=criterion,
                    message=_("Voeg het lokaal addendum toe aan het voorstel: dan toont de controle welke regio-uitdagingen u behandelt."),
                )
            )
        return outcome
    outcome.addressed = [i for i, c in enumerate(context.challenges) if addresses(c, context.analysis)]
    if applies:
        total = len(context.challenges)
        outcome.quality = clamp(len(outcome.addressed) / min(3, total))
        if not outcome.addressed:
            titles = "; ".join(c.title for c in context.challenges[:4])
            outcome.findings.append(
                Finding(
                    severity="belangrijk",
                    criterion=criterion,
                    message=_("Het antwoord gaat op geen enkele uitdaging uit het lokaal addendum in. Vertrek ervan en noem ze: {titles}.").format(
                        titles=titles
                    ),
                )
            )
    return outcome


def unaddressed_finding(challenge: Challenge, criterion: str) -> Finding:
    return Finding(
        severity="tip",
        criterion=criterion,
        message=_("Uitdaging uit het addendum die geen enkel antwoord behandelt: '{challenge}'. "
                  "Zeg wat u ervoor doet, of waarom een partner het beter opneemt.").format(challenge=challenge.title),
    )

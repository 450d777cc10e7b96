"""Facts in a suggested text that its sources do not give: marked `[CONTROLEER: …]` for the applicant.

A rewrite by the LLM may invent a number, a date, an amount, a person, an organisation or a place. Each
such fact that is not in the answer, the applicant's replies, the addendum, section B or the question
itself is wrapped in a mark; the marks stay in the answer until the applicant removes them, and the
offline rule `rules/marks.py` reports every mark left as blocking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.review.people import PARTICLES, PLACES, person_spans

MARK = re.compile(r"\[CONTROLEER:\s*([^\]\n]{0,200})\]")
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# A date in words, a number with its unit or currency, or a bare number with the noun it counts.
_NUMBER = r"\d+(?:[ .,]\d+)*"
_FACT_NUMBER = re.compile(
    rf"(?:\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?|(?:{_MONTHS})\s+\d{{4}}"
    rf"|(?:€\s?)?(?<![\w.,]){_NUMBER}(?![^\W\d_])(?:\s?(?:%|procent|euro|EUR|€))?(?:\s+[a-zà-ÿ][\w-]*)?)",
    re.IGNORECASE,
)
_DIGITS = re.compile(_NUMBER)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n•*–-])[\s\"“‘'(*_]*$")
# Words that are no count of anything: a number followed by these keeps only the number in its mark.
_NOT_COUNTED = frozenset("en of tot in op de het een van voor met aan per à a".split())


def _number_key(raw: str) -> str:
    """"15.000", "15 000" and "15000" are one number; "2,5" and "2.5" another."""
    key = re.sub(r"[ .,](?=\d{3}(?!\d))", "", raw)
    return key.replace(",", ".")


def _numbers(text: str) -> set[str]:
    return {_number_key(m.group(0)) for m in _DIGITS.finditer(text)}


def _words(text: str) -> set[str]:
    words = set()
    for match in _WORD.finditer(text.lower()):
        word = match.group(0)
        words.add(word)
        words.update(part for part in re.split(r"[-'’]", word) if part)
    return words


def _number_facts(text: str, known: set[str]) -> list[tuple[int, int]]:
    spans = []
    for match in _FACT_NUMBER.finditer(text):
        found = _DIGITS.findall(match.group(0))
        if not found or all(_number_key(n) in known for n in found):
            continue
        end = match.end()
        words = match.group(0).split()
        last = words[-1].lower()
        year = re.fullmatch(r"(?:19|20)\d\d", words[0]) is not None
        noun = len(words) > 1 and last[:1].isalpha() and last not in ("procent", "euro", "eur")
        with_unit = noun and (words[0].startswith("€") or re.search(r"(?:%|procent|euro|eur|€)$", words[-2].lower()))
        if noun and (last in _NOT_COUNTED or with_unit or year):
            end = match.start() + match.group(0).rstrip().rfind(" ")
        spans.append((match.start(), end))
    return spans


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or (len(word) > 1 and word.replace("-", "").isupper())


def _name_facts(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Runs of capitalised words (persons, organisations, places) with a word the sources never use.
    A capitalised word that only starts a sentence counts when it is a person's name or a place."""
    people = person_spans(text)
    in_people = {position for start, end in people for position in range(start, end)}
    spans = []
    tokens = list(_WORD.finditer(text))
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = token.group(0)
        sentence_start = _SENTENCE_START.search(text[max(0, token.start() - 8):token.start()]) is not None
        in_person = token.start() in in_people
        if not _is_name_word(word) or (sentence_start and not in_person and word.lower() not in PLACES
                                       and not word.isupper()):
            index += 1
            continue
        last = index
        # A lower-case particle joins the run only inside a person's name ("Karel van den Bossche"), so that
        # "VDAB-werkwinkel van Eeklo" marks the new organisation, not the known place after it.
        while last + 1 < len(tokens) and text[tokens[last].end():tokens[last + 1].start()] == " " and (
            _is_name_word(tokens[last + 1].group(0)) or (
                tokens[last + 1].group(0).lower() in PARTICLES and tokens[last + 1].start() in in_people)
        ):
            last += 1
        while last > index and tokens[last].group(0).lower() in PARTICLES:
            last -= 1
        run = [t.group(0) for t in tokens[index:last + 1]]
        new = [w for w in run if _is_name_word(w) and not (_words(w) <= known)]
        if new:
            spans.append((token.start(), tokens[last].end()))
        index = last + 1
    return spans


def mark_unverified(text: str, sources: Iterable[str]) -> tuple[str, list[str]]:
    """The text with each fact its sources lack wrapped as [CONTROLEER: …], and those facts in order.
    Marks already in the text are kept as they are."""
    source = MARK.sub(" ", "\n".join(sources))  # a fact still to check is no source for another text
    known_numbers, known_words = _numbers(source), _words(source)
    kept = [(m.start(), m.end()) for m in MARK.finditer(text)]
    spans = _number_facts(text, known_numbers) + _name_facts(text, known_words)
    spans = [(s, e) for s, e in spans if not any(ks < e and s < ke for ks, ke in kept)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    facts = [text[s:e] for s, e in merged]
    parts, position = [], 0
    for start, end in merged:
        parts += [text[position:start], f"[CONTROLEER: {text[start:end]}]"]
        position = end
    return "".join(parts) + text[position:], facts


def unresolved_marks(text: str) -> list[str]:
    """What each mark still in the text asks to check."""
    return [m.group(1).strip() for m in MARK.finditer(text)]

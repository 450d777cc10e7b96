"""Rehearsal: an answer typed to a jury question, checked against the proposal.

A number said about something the proposal counts differently ("60 deelnemers" where it says 45) is a
contradiction; a number or a name the proposal does not hold at all goes beyond it. Both are flagged:
what the applicant says in the pitch must be what the candidacy says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.call.models import Call
from assistant.draft.models import Proposal, Rehearsal
from assistant.i18n import _
from assistant.review.language import STOPWORDS, sentences, stem, words

MAX_ANSWER = 20_000  # characters: a spoken answer is a few hundred words; longer text is checked up to here
MAX_FLAGS = 12
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(\s*%)?")
_NUMBER_WORDS = {
    w: i + 3
    for i, w in enumerate("drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien "
                          "zeventien achttien negentien twintig".split())
} | {"dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
     "honderd": 100, "duizend": 1000}
_NAME = re.compile(r"\b[A-Z][\w'-]*", re.UNICODE)
_ACRONYM = re.compile(r"^[A-Z]{2,}")
# Capitalised words that name nothing (pronouns, articles, the words a spoken answer starts with).
_NOT_NAMES = frozenset("ik wij we onze ons u uw de het een dat die dit deze en maar als ook zo dan".split())


class Flag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["tegenspraak", "nieuw"]
    said: str  # the number or name as said in the answer
    message: str  # Dutch


@dataclass(frozen=True)
class _Number:
    value: float
    said: str
    noun: str | None  # the stem of the word it counts ("deelnemer")


def _numbers(text: str) -> list[_Number]:
    found: list[_Number] = []
    for match in _NUMBER.finditer(text):
        whole = match.group(1).replace(".", "")
        value = float(f"{whole}.{match.group(2)}") if match.group(2) else float(whole)
        # A share ("44%") is compared as a number only: what it is a share of is too loosely worded.
        noun = None if match.group(3) else _noun_after(text[match.end():])
        found.append(_Number(value, match.group().strip().replace(" ", ""), noun))
    for match in re.finditer(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", text, re.IGNORECASE):
        found.append(_Number(float(_NUMBER_WORDS[match.group(1).lower()]), match.group(1), _noun_after(text[match.end():])))
    return found


def _noun_after(rest: str) -> str | None:
    """The stem of the first content word after a number ("45 deelnemers tegelijk" -> "deelnemer")."""
    for word in words(rest[:60])[:3]:
        if len(word) >= 3 and not word.isdigit() and stem(word) not in STOPWORDS:
            return stem(word)
    return None


def _names(text: str) -> list[str]:
    """Capitalised words that are not a sentence's first word, and acronyms anywhere."""
    found = []
    for sentence in sentences(text):
        for match in _NAME.finditer(sentence):
            name = match.group().strip("'-")
            first = match.start() == len(sentence) - len(sentence.lstrip("\"“‘(*-– "))
            if name.lower() in _NOT_NAMES or (first and not _ACRONYM.match(name)):
                continue
            found.append(name)
    return found


@dataclass
class _Facts:
    values: set[float]
    by_noun: dict[str, set[float]]
    said_by_noun: dict[str, list[str]]
    words: set[str]


def _facts(proposal: Proposal, call: Call) -> _Facts:
    text = "\n\n".join([*(proposal.answer_text(q.id) for q in call.questions), *proposal.fields.values()])
    facts = _Facts(set(), {}, {}, set(words(text)))
    for number in _numbers(text):
        facts.values.add(number.value)
        if number.noun:
            facts.by_noun.setdefault(number.noun, set()).add(number.value)
            facts.said_by_noun.setdefault(number.noun, []).append(number.said)
    return facts


def check_answer(proposal: Proposal, call: Call, answer: str) -> list[Flag]:
    """Numbers and names in a rehearsal answer that contradict the proposal or go beyond it."""
    answer = answer[:MAX_ANSWER]
    facts = _facts(proposal, call)
    flags: list[Flag] = []
    seen: set[str] = set()
    for number in _numbers(answer):
        if number.value in facts.values or number.said in seen:
            continue
        seen.add(number.said)
        noun = next((w for w in words(answer[answer.find(number.said):][:80])[1:4] if stem(w) == number.noun), "")
        if number.noun and number.noun in facts.by_noun:
            written = ", ".join(dict.fromkeys(facts.said_by_noun[number.noun]))
            flags.append(Flag(
                kind="tegenspraak", said=f"{number.said} {noun}".strip(),
                message=_("U zegt {said} {noun}, het voorstel noemt {written} {noun}.")
                .format(said=number.said, noun=noun, written=written)
                .replace("  ", " "),
            ))
        else:
            flags.append(Flag(
                kind="nieuw", said=number.said,
                message=_("{said} staat niet in het voorstel: kan u het staven, of laat het weg.").format(said=number.said),
            ))
    for name in _names(answer):
        if name.lower() in facts.words or name in seen:
            continue
        seen.add(name)
        flags.append(Flag(kind="nieuw", said=name, message=_("«{name}» staat niet in het voorstel.").format(name=name)))
    return flags[:MAX_FLAGS]


def record(proposal: Proposal, jury: str, question: str, answer: str, seconds: int, flags: list[Flag]) -> Rehearsal:
    """Keep a rehearsed answer with the proposal (its newest rehearsals are at the end)."""
    rehearsal = Rehearsal(jury=jury, question=question, answer=answer[:MAX_ANSWER], seconds=seconds,
                          flags=[flag.message for flag in flags])
    proposal.rehearsals.append(rehearsal)
    proposal.touch()
    return rehearsal

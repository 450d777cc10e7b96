"""The offline rules. Each module has `check(context) -> Outcome` and does one job; offline.py combines them."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.call.models import Call, Question
from assistant.review.findings import Finding, PartCoverage
from assistant.review.language import Analysis


@dataclass(frozen=True)
class Challenge:
    """One regional challenge of the lokaal addendum."""

    number: int  # its place in the addendum, from 1: answers refer to "uitdaging 3"
    title: str
    text: str
    keys: frozenset[str]  # the distinctive stems used to recognise it in an answer


@dataclass
class QuestionContext:
    call: Call
    question: Question
    analysis: Analysis
    pages: float  # pages this answer takes (layout estimate)
    section_over_limit: bool = False
    challenges: tuple[Challenge, ...] = ()
    extra_municipalities: tuple[str, ...] = ()  # named by the attached addendum


@dataclass
class Outcome:
    """What one rule found. `quality` in 0..1 feeds the score; None means the rule does not apply."""

    findings: list[Finding] = field(default_factory=list)
    quality: float | None = None
    penalty: float = 0.0  # points off the score
    factor: float = 1.0  # the score is multiplied by it
    parts: list[PartCoverage] = field(default_factory=list)
    addressed: list[int] = field(default_factory=list)  # indices of addendum challenges addressed


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def shorten(text: str, limit: int = 90) -> str:
    """A quote short enough for a terminal line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def lower_first(text: str) -> str:
    """For a text that reads on after an introduction: "Toont hoe …" -> "toont hoe …"."""
    return text[:1].lower() + text[1:]

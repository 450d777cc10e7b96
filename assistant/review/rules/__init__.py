"""The offline rules. Each rule is one module whose `check(context) -> Outcome` does one job and registers
itself with `@rule(name, weight=...)`; offline.py walks `registered()` and combines the outcomes.

Adding a rule is adding one module here: `registered()` imports every module of this package, and a
module that defines `check` without registering it is an error, so a rule cannot be left out silently.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

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
    unreviewed_chars: int = 0  # the end of a very long answer left out of the analysis (offline.REVIEWED_CHARS)


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


Check = Callable[[QuestionContext], Outcome]


@dataclass(frozen=True)
class Rule:
    """One registered rule and its part in the score.

    `weight` is the rule's share of the 0-100 score (a rule that does not apply passes it on to the others);
    0 means the rule only reports findings, penalties or a factor. Rules naming the same `component` share
    one weight: their qualities are averaged into it (the three criteria of the quality framework).
    `order` places the rule's findings among others of the same severity (lower first).
    """

    name: str
    check: Check
    weight: float
    component: str
    order: int


_REGISTRY: dict[str, Rule] = {}


def rule(name: str, *, weight: float, component: str | None = None, order: int = 1000) -> Callable[[Check], Check]:
    """Register `check` as the rule `name`. The weight is required: a rule cannot enter the review without
    saying what it counts for in the score."""
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
        raise TypeError(f"rule {name!r}: weight must be a number of at least 0, not {weight!r}")
    component = component or name
    for other in _REGISTRY.values():
        if other.component == component and other.weight != weight and other.name != name:
            raise ValueError(f"rule {name!r}: component {component!r} already weighs {other.weight}, not {weight}")

    def register(check: Check) -> Check:
        if name in _REGISTRY and _REGISTRY[name].check is not check:
            raise ValueError(f"rule {name!r} is registered twice")
        _REGISTRY[name] = Rule(name=name, check=check, weight=float(weight), component=component, order=order)
        _discover.cache_clear()  # the next review walks the new list
        return check

    return register


def registered() -> tuple[Rule, ...]:
    """Every rule of this package, in the order the reviewer runs them (and lists their findings)."""
    return _discover()


@cache
def _discover() -> tuple[Rule, ...]:
    """Import every module of the package (once: a review runs after every pause in typing), so that each
    rule registers itself; the rules in order."""
    for module in pkgutil.iter_modules(__path__):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        check = getattr(loaded, "check", None)
        if check is not None and not any(r.check is check for r in _REGISTRY.values()):
            raise TypeError(f"{loaded.__name__} defines check() but does not register it with @rule(name, weight=...)")
    return tuple(sorted(_REGISTRY.values(), key=lambda r: (r.order, r.name)))

"""The "me too" check: a unique value that is what VDAB or any activation service already offers.

An answer (the call's `[me_too] questions`: 1a, 1b) that claims as its meerwaarde or expertise a generic
offer ("trajectbegeleiding", "jobcoaching", "een warme overdracht") and nowhere says concretely what sets
it apart ("als enige in Eeklo", "anders dan", "combineert … in één persoon") reads to a jury as "me too".
The phrases are data of the call file; the finding says what would set the answer apart.
"""

from __future__ import annotations

import os
from functools import lru_cache

from assistant.call.models import MeToo
from assistant.i18n import _
from assistant.review.findings import Finding
from assistant.review.language import Analysis, cue_hits, is_heading, stems
from assistant.review.rules import Outcome, QuestionContext, rule, shorten
from assistant.review.rules.anchoring import found
from assistant.review.rules.substance import content_stems, markers, question_stems

CRITERION = "me_too"
PENALTY = 5.0
MAX_NAMED = 3
_NEGATIONS = frozenset({"geen", "niet", "nooit"})
OWN_TERMS = 2  # a contrast that names this many words of its own ("geestelijke gezondheid") is an element


def _concrete(analysis: Analysis, index: int) -> bool:
    """The sentence, or the next one of its paragraph, holds a number, a name or a period."""
    sentences = analysis.sentences
    if markers(sentences[index]):
        return True
    following = index + 1
    return following < len(sentences) and sentences[following].paragraph == sentences[index].paragraph and bool(
        markers(sentences[following])
    )


def _hollow(analysis: Analysis, index: int) -> bool:
    """A sentence that states without a number, a name or a period, and is not a heading."""
    sentence = analysis.sentences[index]
    return not markers(sentence) and not is_heading(sentence.text)


def _beside(analysis: Analysis, index: int) -> set[int]:
    """The sentence and the ones just before and after it in the same paragraph."""
    paragraph = analysis.sentences[index].paragraph
    return {i for i in (index - 1, index, index + 1) if 0 <= i < len(analysis.sentences) and analysis.sentences[i].paragraph == paragraph}


def _denied(analysis: Analysis, index: int) -> bool:
    return bool(_NEGATIONS.intersection(analysis.sentences[index].words))


@lru_cache(maxsize=8)
def _stems_of(cues: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stems(" ".join(cues).replace("*", " ").replace("+", " ")))


def _cue_stems(spec: MeToo) -> frozenset[str]:
    return _stems_of((*spec.claims, *spec.generic_offers, *spec.distinguishing))


def _distinguishes(context: QuestionContext, spec: MeToo, index: int) -> bool:
    """A contrast or combination counts when it is concrete, or names something beyond the cues and the question."""
    if _concrete(context.analysis, index):
        return True
    known = _cue_stems(spec) | question_stems(context.question)
    own = {t for t in content_stems(context.analysis.sentences[index]) if not any(t.startswith(k) for k in known)}
    return len(own) >= OWN_TERMS


def _names(sources: list[str]) -> str:
    """The offers as the user reads them, one per family ("trajectbegeleiding", not also "trajectbegeleider")."""
    kept: list[str] = []
    for source in sources:
        name = source.split("+")[0].strip().rstrip("*")
        if not any(len(os.path.commonprefix([name, other])) >= 8 for other in kept):
            kept.append(name)
    return ", ".join(f"«{name}»" for name in kept[:MAX_NAMED])


def _apart(context: QuestionContext, numbers: bool) -> str:
    """What would set the answer apart, leaving out what it already has."""
    ways = [
        _("wat u anders doet dan zij (bv. wat u combineert dat anderen apart aanbieden)"),
        _("voor welke mensen die elders uit de boot vallen"),
    ]
    if not numbers:
        ways.append(_("met welk resultaat, in cijfers"))
    if not found(context.call.region.municipalities, context.analysis.text):
        ways.append(_("in welke gemeenten van {region}").format(region=context.call.region.name))
    return "; ".join(ways)


@rule("me_too", weight=0, order=100)
def check(context: QuestionContext) -> Outcome:
    spec = context.call.me_too
    if spec is None or context.question.id not in spec.questions:
        return Outcome()
    analysis = context.analysis
    # A hollow claim: a sentence claiming the unique value with nothing concrete in it (a team of "vier
    # maatschappelijk werkers met een specialisatie" is a fact, not a claim).
    claims = {i for hits in cue_hits(tuple(spec.claims), analysis).values() for i in hits if _hollow(analysis, i)}
    offers = cue_hits(tuple(spec.generic_offers), analysis)
    # The claim names the offer in its own sentence or in the one before or after it in its paragraph (a label
    # such as "Expertise." starting the next paragraph claims nothing of it); an offer said with a fact ("sinds
    # 2023 een aparte jobcoach") or denied ("wij doen geen trajectbegeleiding") is not claimed.
    claimed = {
        source: sorted(
            i for i in hits if claims & _beside(analysis, i) and _hollow(analysis, i) and not _denied(analysis, i)
        )
        for source, hits in offers.items()
    }
    claimed = {source: hits for source, hits in claimed.items() if hits}
    if not claimed:
        return Outcome()
    distinguishing = cue_hits(tuple(spec.distinguishing), analysis)
    if any(_distinguishes(context, spec, i) for hits in distinguishing.values() for i in hits):
        return Outcome()
    first = min(i for hits in claimed.values() for i in hits)
    named = _names(list(claimed))
    numbers = any(any(ch.isdigit() for ch in s.text) for s in analysis.sentences)
    return Outcome(
        findings=[
            Finding(
                severity="belangrijk",
                criterion=CRITERION,
                quote=shorten(analysis.sentences[first].text),
                message=_("Wat u als uw meerwaarde noemt ({named}), biedt {providers} ook. "
                          "Zeg wat u onderscheidt: {apart}.").format(
                    named=named, providers=spec.providers, apart=_apart(context, numbers)
                ),
                suggestion=spec.suggestion or None,
            )
        ],
        penalty=PENALTY,
    )

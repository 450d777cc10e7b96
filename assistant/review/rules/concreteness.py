"""Concreteness: named partners and organisations, numbers, periods and examples, against
generic phrases that claim without showing ("wij zijn een sterke partner")."""

from __future__ import annotations

from assistant.i18n import _
from assistant.review.findings import Finding
from assistant.review.rules import Outcome, QuestionContext, clamp, rule, shorten
from assistant.review.rules.substance import generic_sentences, markers

MAX_QUOTED = 3


@rule("concreteness", weight=20.0, order=30)
def check(context: QuestionContext) -> Outcome:
    analysis = context.analysis
    outcome = Outcome()
    words = analysis.word_count
    if not words:
        return outcome
    counts = [markers(s) for s in analysis.sentences]
    density = 100 * sum(counts) / words
    concrete_share = sum(1 for c in counts if c) / len(counts)
    outcome.quality = 0.5 * clamp(density / 5) + 0.5 * clamp(concrete_share / 0.6)

    generic = sorted(generic_sentences(analysis))
    for index in generic[:MAX_QUOTED]:
        outcome.findings.append(
            Finding(
                severity="tip" if len(generic) < 3 else "belangrijk",
                criterion="concreetheid",
                quote=shorten(analysis.sentences[index].text),
                message=_("Algemene uitspraak zonder inhoud: vervang ze door een feit (wie, hoeveel, waar, wanneer) of een voorbeeld."),
            )
        )
    outcome.penalty = min(9.0, 3.0 * len(generic))
    if words >= 40 and density < 1.5:
        outcome.findings.append(
            Finding(
                severity="belangrijk",
                criterion="concreetheid",
                message=_("Weinig concreet: noem partners en organisaties bij naam, aantallen, periodes en een voorbeeld uit de praktijk."),
            )
        )
    elif words >= 40 and density < 3:
        outcome.findings.append(
            Finding(
                severity="tip",
                criterion="concreetheid",
                message=_("Maak het concreter: een aantal, een naam van een partner of een kort praktijkvoorbeeld overtuigt meer."),
            )
        )
    return outcome

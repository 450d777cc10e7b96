"""Sub-part coverage: for each sub-part of the question, the sentence that answers it, or a finding."""

from __future__ import annotations

from assistant.review.findings import Finding, PartCoverage
from assistant.review.language import cue_hits
from assistant.review.rules import Outcome, QuestionContext, shorten


def check(context: QuestionContext) -> Outcome:
    analysis = context.analysis
    outcome = Outcome()
    for part in context.question.subparts:
        hits = cue_hits(tuple(part.cues), analysis)
        if not hits:
            outcome.parts.append(PartCoverage(id=part.id, covered=False))
            outcome.findings.append(
                Finding(
                    severity="belangrijk",
                    criterion=f"deelvraag:{part.id}",
                    part=part.id,
                    message=f"Deelvraag '{part.label}' ontbreekt. De vraag verwacht: {part.description[:1].lower()}{part.description[1:]}",
                )
            )
            continue
        # The evidence is the sentence with the most distinct cues; the earliest one on a tie.
        per_sentence: dict[int, int] = {}
        for sentences in hits.values():
            for index in sentences:
                per_sentence[index] = per_sentence.get(index, 0) + 1
        best = min(per_sentence, key=lambda index: (-per_sentence[index], index))
        outcome.parts.append(PartCoverage(id=part.id, covered=True, evidence=shorten(analysis.sentences[best].text, 160)))
    parts = context.question.subparts
    outcome.quality = sum(p.covered for p in outcome.parts) / len(parts) if parts else None
    return outcome

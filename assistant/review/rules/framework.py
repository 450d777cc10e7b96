"""The Europa WSE quality framework: client perspective, learning cycle, partnership development.

Every criterion of the call file that has cues and applies to the question is checked here; one that
the question lists among its own criteria is important, one that merely applies is a tip.
"""

from __future__ import annotations

from assistant.i18n import _
from assistant.review.findings import Finding
from assistant.review.language import cue_hits
from assistant.review.rules import Outcome, QuestionContext, lower_first, rule


@rule("framework", weight=20.0, component="criteria", order=50)
def check(context: QuestionContext) -> Outcome:
    question = context.question
    criteria = [c for c in context.call.criteria_for(question.id) if c.cues]
    if not criteria:
        return Outcome()
    outcome = Outcome()
    scores = []
    for criterion in criteria:
        hits = cue_hits(tuple(criterion.cues), context.analysis)
        scores.append(1.0 if len(hits) >= 2 else 0.6 if hits else 0.0)
        if not hits:
            outcome.findings.append(
                Finding(
                    severity="belangrijk" if criterion.id in question.criteria else "tip",
                    criterion=criterion.id,
                    message=_("{criterion} ontbreekt. Een sterk antwoord {strong}").format(
                        criterion=criterion.title, strong=lower_first(criterion.levels.sterk)
                    ),
                )
            )
    outcome.quality = sum(scores) / len(scores)
    return outcome

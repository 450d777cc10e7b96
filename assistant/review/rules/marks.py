"""[CONTROLEER: …] marks left in an answer: facts an AI suggestion added that the applicant has not checked.

Blocking: a jury must not read a number, name or place nobody confirmed (see assistant/review/facts.py)."""

from __future__ import annotations

from assistant.i18n import _
from assistant.review.facts import unresolved_marks
from assistant.review.findings import Finding
from assistant.review.rules import Outcome, QuestionContext, rule, shorten

SHOWN = 5


@rule("marks", weight=0, order=90)
def check(context: QuestionContext) -> Outcome:
    marks = unresolved_marks(context.analysis.text)
    if not marks:
        return Outcome()
    more = _(" en nog {count}").format(count=len(marks) - SHOWN) if len(marks) > SHOWN else ""
    listed = "; ".join(f"«{m}»" for m in marks[:SHOWN]) + more
    return Outcome(findings=[Finding(
        severity="blokkerend", criterion="controleer",
        message=_("{count} gegeven(s) uit een AI-voorstel nog niet nagekeken: {listed}. Controleer elk en haal "
                  "de markering [CONTROLEER: …] weg (of het gegeven zelf, als het niet klopt).").format(
            count=len(marks), listed=listed
        ),
        quote=shorten(f"[CONTROLEER: {marks[0]}]"),
    )])

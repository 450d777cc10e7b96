"""Length against the question's page budget and against the page limit of section D."""

from __future__ import annotations

from assistant.draft.text import dutch_number
from assistant.i18n import _
from assistant.review.findings import Finding
from assistant.review.rules import Outcome, QuestionContext, clamp, rule

TOO_THIN = 0.25  # share of the budget under which an answer is too thin to convince
THIN = 0.5
OVER = 1.25  # share of the budget above which an answer eats the pages of others
FAR_OVER = 1.6


@rule("length", weight=10.0, order=20)
def check(context: QuestionContext) -> Outcome:
    budget = context.question.page_budget
    used = context.pages
    ratio = used / budget if budget else 1.0
    where = _("{used} van de {budget} pagina's die deze vraag krijgt").format(used=dutch_number(used), budget=dutch_number(budget))
    outcome = Outcome()
    if ratio < TOO_THIN:
        outcome.findings.append(
            Finding(
                severity="belangrijk",
                criterion="lengte",
                message=_("Te kort ({where}): werk elke deelvraag uit met een concreet voorbeeld.").format(where=where),
            )
        )
    elif ratio < THIN:
        outcome.findings.append(
            Finding(severity="tip", criterion="lengte", message=_("Eerder kort ({where}): er is ruimte voor meer bewijs.").format(where=where))
        )
    elif ratio > FAR_OVER or (ratio > 1 and context.section_over_limit):
        limit = context.call.page_rule.max_pages
        outcome.findings.append(
            Finding(
                severity="belangrijk",
                criterion="paginalimiet" if context.section_over_limit else "lengte",
                message=_("Te lang ({where}): dit gaat ten koste van andere vragen en van de {limit} pagina's van D. "
                "Schrap herhaling en algemene zinnen.").format(where=where, limit=limit),
            )
        )
    elif ratio > OVER:
        outcome.findings.append(
            Finding(severity="tip", criterion="lengte", message=_("Lang ({where}): houd ruimte over voor de andere vragen.").format(where=where))
        )
    # Full marks from half the budget up to the budget plus a quarter; less for thinner or longer answers.
    if ratio < THIN:
        outcome.quality = clamp((ratio - 0.05) / (THIN - 0.05))
        # A thin answer cannot score high however good its few lines are: the jury reads depth.
        outcome.factor = 0.5 + 0.5 * outcome.quality
    elif ratio <= OVER:
        outcome.quality = 1.0
    else:
        outcome.quality = clamp(1 - (ratio - OVER), 0.3)
    return outcome

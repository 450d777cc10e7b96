"""Local anchoring: municipalities and local actors of the werkingsgebied, from the call file and the
municipalities an attached addendum names."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.i18n import _, ngettext
from assistant.review.findings import Finding
from assistant.review.language import words
from assistant.review.rules import Outcome, QuestionContext, rule, shorten

# The call names the criterion this rule checks (region.anchoring_criterion); where a question lists it
# among its own criteria, anchoring is required, where it merely applies to the question, it is a tip.
MAX_ELSEWHERE = 2


@lru_cache(maxsize=16)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    # Spaces and hyphens are interchangeable in names ("Sint Laureins", "Sint-Laureins").
    alternatives = sorted((re.escape(n).replace(r"\-", "[- ]").replace(r"\ ", "[- ]") for n in names), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)


def found(names: list[str], text: str) -> list[str]:
    """The names that occur in the text, in the spelling of the list, each once."""
    if not names:
        return []
    by_key = {n.lower().replace("-", " "): n for n in names}
    hits = {by_key.get(m.group().lower().replace("-", " "), m.group()) for m in _pattern(tuple(names)).finditer(text)}
    return sorted(hits)


# "in Maldegem", "te Gent", "vanuit Brugge": a place named as where something happens; "naar Gent" is not.
_WHERE = re.compile(r"\b(?:in|te|vanuit|rond|omgeving|regio|afdeling|vestiging|kantoor|zitdag(?:en)?)\s+(?:\w+\s+){0,1}$", re.IGNORECASE)
_WHERE_LIST = re.compile(r"\b(?:in|te|vanuit)\s+[A-Z][\w-]*(?:(?:,\s*|\s+en\s+|\s+of\s+)[A-Z][\w-]*)*(?:,\s*|\s+en\s+|\s+of\s+)$")


def elsewhere_findings(context: QuestionContext, criterion: str) -> list[Finding]:
    """A place outside the werkingsgebied named as where the work happens: one finding per sentence."""
    region = context.call.region
    inside = {n.lower() for n in [*region.municipalities, *context.extra_municipalities]}
    # Only places whose first word occurs at all: most answers name none, and the regex is then skipped.
    named_words = context.analysis.by_word
    places = [n for n in region.elsewhere if n.lower() not in inside and words(n)[0] in named_words]
    if not places:
        return []
    severity = "belangrijk" if criterion in context.question.criteria else "tip"
    findings = []
    for sentence in context.analysis.sentences:
        named = []
        for match in _pattern(tuple(places)).finditer(sentence.text):
            before = sentence.text[max(0, match.start() - 40) : match.start()]
            if _WHERE.search(before) or _WHERE_LIST.search(before):
                named.append(next(p for p in places if p.lower().replace("-", " ") == match.group().lower().replace("-", " ")))
        if named:
            unique = list(dict.fromkeys(named))
            names = _(" en ").join(unique)
            findings.append(
                Finding(
                    severity=severity,
                    criterion=criterion,
                    quote=shorten(sentence.text),
                    message=ngettext(
                        "{names} ligt buiten het werkingsgebied ({region}): "
                        "zeg wat u in die gemeenten doet, of waarom deze plaats voor hun inwoners telt.",
                        "{names} liggen buiten het werkingsgebied ({region}): "
                        "zeg wat u in die gemeenten doet, of waarom deze plaats voor hun inwoners telt.",
                        len(unique),
                    ).format(names=names, region=", ".join(region.municipalities)),
                )
            )
    return findings[:MAX_ELSEWHERE]


@rule("anchoring", weight=20.0, component="criteria", order=40)
def check(context: QuestionContext) -> Outcome:
    call, question = context.call, context.question
    criterion_id = call.region.anchoring_criterion
    if criterion_id is None:
        return Outcome()
    elsewhere = elsewhere_findings(context, criterion_id)
    if not any(c.id == criterion_id for c in call.criteria_for(question.id)):
        return Outcome(findings=elsewhere)
    required = criterion_id in question.criteria
    region = call.region
    known = list(dict.fromkeys([*region.municipalities, *context.extra_municipalities]))
    municipalities = found(known, context.analysis.text)
    actors = found(region.local_actors, context.analysis.text)
    outcome = Outcome(findings=elsewhere)
    examples = ", ".join(region.municipalities[:4])
    actor_examples = f"({', '.join(region.local_actors[:3])}, …) " if region.local_actors else ""
    if required:
        if not municipalities:
            outcome.findings.append(
                Finding(
                    severity="belangrijk",
                    criterion=criterion_id,
                    message=_("Geen enkele gemeente van {region} genoemd: zeg waar u al werkt of aanwezig bent ({examples}, …).").format(
                        region=region.name, examples=examples
                    ),
                )
            )
        if not actors:
            outcome.findings.append(
                Finding(
                    severity="belangrijk",
                    criterion=criterion_id,
                    message=_("Geen lokale partners genoemd: noem bij naam met wie u in de regio samenwerkt "
                              "{actor_examples}en sinds wanneer.").format(actor_examples=actor_examples),
                )
            )
        outcome.quality = 0.6 * min(len(municipalities), 2) / 2 + 0.4 * min(len(actors), 2) / 2
    else:
        if not municipalities and not actors:
            outcome.findings.append(
                Finding(
                    severity="tip",
                    criterion=criterion_id,
                    message=_(
                        "Verbind uw aanbod met het werkingsgebied: noem de gemeenten ({examples}, …) "
                        "of lokale partners waar het om gaat."
                    ).format(examples=examples),
                )
            )
        outcome.quality = 1.0 if municipalities or actors else 0.5
    return outcome

"""The questions the jury will ask: per jury member, first about the weak spots the offline review finds,
then general ones. Templates, jury members and probes are data of the call file (`[pitch]`)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from assistant.call.models import Call, JuryQuestion, Pitch
from assistant.draft.models import Proposal
from assistant.pitch.outline import pitch_spec, spoken
from assistant.review.findings import Report
from assistant.review.language import analyse, cue_hits
from assistant.review.offline import review_proposal

THIN = 0.5  # an answer under half its page budget is thin
# The order weak spots are asked in: what is missing before what is vague.
WEAK_SPOT_ORDER = ("ontbreekt", "me_too", "deelvraag", "probe", "verankering", "algemeen", "hergebruik", "dun")
_REASON = {
    "ontbreekt": "geen antwoord op {vragen}",
    "me_too": "de meerwaarde in {vraag} is wat anderen ook bieden",
    "deelvraag": "ontbreekt in {vraag}: {deelvraag}",
    "probe": "{vraag} {grens}",
    "verankering": "weinig lokale verankering in {vraag}",
    "algemeen": "algemene uitspraak in {vraag}",
    "hergebruik": "tekst hergebruikt in {vraag}",
    "dun": "weinig tekst bij {vragen}",
}


class JuryModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AskedQuestion(JuryModel):
    text: str
    weak_spot: str | None  # the kind of weak spot it comes from; None for a general question
    questions: list[str]  # the question ids it is about
    reason: str | None  # Dutch: why the jury asks it


class MemberQuestions(JuryModel):
    id: str
    name: str
    focus: str
    questions: list[AskedQuestion]


@dataclass(frozen=True)
class WeakSpot:
    kind: str
    question: str  # question id
    part: str | None = None  # sub-part id, or probe id
    label: str | None = None  # sub-part label or probe label
    quote: str | None = None


def weak_spots(proposal: Proposal, call: Call, report: Report) -> list[WeakSpot]:
    """What the offline review (and the call's probes) find weak, most serious kind first."""
    spec = pitch_spec(call)
    budget = {q.id: (q.pages, q.budget) for q in report.pages.per_question}
    spots: list[WeakSpot] = []
    kinds = {"concreetheid": "algemeen", "hergebruik": "hergebruik", "me_too": "me_too"}
    if call.region.anchoring_criterion:
        kinds[call.region.anchoring_criterion] = "verankering"
    for review in report.questions:
        question = call.question(review.id)
        labels = {s.id: s.label for s in question.subparts}
        if review.level == "ontbreekt":
            # Every sub-part of a missing answer is missing too: VDAB still asks where the offer stops.
            spots.append(WeakSpot("ontbreekt", review.id))
            spots += [WeakSpot("deelvraag", review.id, s.id, s.label) for s in question.subparts]
            continue
        spots += [WeakSpot("deelvraag", review.id, p, labels.get(p, p)) for p in review.missing_parts]
        pages, page_budget = budget.get(review.id, (0.0, 0.0))
        if page_budget and pages < THIN * page_budget:
            spots.append(WeakSpot("dun", review.id))
        for finding in review.findings:
            kind = kinds.get(finding.criterion)
            if kind and (kind != "algemeen" or finding.quote):
                spots.append(WeakSpot(kind, review.id, quote=_whole(finding.quote, proposal.answer_text(review.id))))
    for probe in spec.probes:
        text = proposal.answer_text(probe.question)
        if text.strip() and not cue_hits(tuple(probe.cues), analyse(text)):
            spots.append(WeakSpot("probe", probe.question, probe.id, probe.label))
    order = {q.id: i for i, q in enumerate(call.questions)}
    return sorted(spots, key=lambda s: (WEAK_SPOT_ORDER.index(s.kind), order[s.question]))


def _whole(quote: str | None, answer: str) -> str | None:
    """A finding quotes a shortened sentence ("… met een …"); the jury quotes it whole, as it is said."""
    if not quote or not quote.endswith("…"):
        return quote
    start = quote.removesuffix("…").strip()
    sentence = next((s.text for s in analyse(answer).sentences if " ".join(s.text.split()).startswith(start)), None)
    return spoken(sentence) if sentence else quote


def _matches(template: JuryQuestion, spot: WeakSpot) -> bool:
    return (
        template.weak_spot == spot.kind
        and template.question in (None, spot.question)
        and template.part in (None, spot.part)
    )


def _join(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


def _fill(text: str, call: Call, spots: list[WeakSpot]) -> str:
    first = spots[0] if spots else None
    numbers = [call.question(s.question).number for s in spots]
    values = {
        "vraag": _join(numbers) if spots else "",
        "vragen": (f"vraag {numbers[0]}" if len(set(numbers)) == 1 else f"de vragen {_join(numbers)}") if spots else "",
        "deelvraag": _join([f"'{s.label}'" for s in spots if s.label]),
        "citaat": (first.quote or "").rstrip(" .…") if first else "",
        "grens": (first.label or "") if first else "",
        "regio": call.region.name,
        "gemeenten": ", ".join(call.region.municipalities),
    }
    return text.format_map(values)


def ask(spec: Pitch, call: Call, spots: list[WeakSpot]) -> list[MemberQuestions]:
    """Per jury member: a question per template that a weak spot triggers (a template without a
    question of its own gathers every spot of its kind), then the general ones, up to the limit."""
    result = []
    for member in spec.jury:
        templates = [t for t in spec.jury_questions if t.jury == member.id]
        asked: list[tuple[int, AskedQuestion]] = []
        # A member who asks for a missing answer does not also ask for each of its sub-parts.
        unanswered = {s.question for s in spots if s.kind == "ontbreekt" for t in templates if _matches(t, s)}
        for template in (t for t in templates if t.weak_spot):
            found = [s for s in spots if _matches(template, s) and not (s.kind == "deelvraag" and s.question in unanswered)]
            if not found:
                continue
            # A template for one question takes all its spots (every missing sub-part of 2d); one for any
            # question takes the first spot of each question it applies to.
            gathered = found if template.question else list({s.question: s for s in found[::-1]}.values())[::-1]
            rank = min(spots.index(s) for s in gathered)
            asked.append(
                (rank, AskedQuestion(
                    text=_fill(template.text, call, gathered), weak_spot=template.weak_spot,
                    questions=[s.question for s in gathered],
                    reason=_fill(_REASON[template.weak_spot or ""], call, gathered),
                ))
            )
        chosen = [q for _, q in sorted(asked, key=lambda item: item[0])][: spec.questions_per_member]
        for template in (t for t in templates if not t.weak_spot):
            if len(chosen) >= spec.questions_per_member:
                break
            chosen.append(AskedQuestion(text=_fill(template.text, call, []), weak_spot=None, questions=[], reason=None))
        result.append(MemberQuestions(id=member.id, name=member.name, focus=member.focus, questions=chosen))
    return result


def jury_questions(proposal: Proposal, call: Call, report: Report | None = None) -> list[MemberQuestions]:
    """The jury's questions for this proposal (the offline review is run when no report is given)."""
    spec = pitch_spec(call)
    report = report or review_proposal(proposal, call)
    return ask(spec, call, weak_spots(proposal, call, report))

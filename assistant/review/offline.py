"""The offline review: every rule on every answer, a level and a score per question, and the Report.

Deterministic (the same text gives the same result), no network, fast enough to run after every pause
in typing: the analysis of an answer is cached by its text.
"""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.call.models import Call, Level
from assistant.draft.models import Proposal
from assistant.draft.text import dutch_number
from assistant.i18n import _
from assistant.layout.estimate import estimate_pages
from assistant.review.fields import check_fields
from assistant.review.findings import (
    SEVERITY_ORDER,
    ChallengeCoverage,
    FieldCheck,
    Finding,
    PageReport,
    PartCoverage,
    QuestionReview,
    Report,
)
from assistant.review.language import analyse
from assistant.review.rules import Challenge, Outcome, QuestionContext, addendum, applicant, registered, reuse

# Rough words per page, used only when the caller has no layout estimate for a single answer.
WORDS_PER_PAGE = 500
# Past this an answer is reviewed in part: ten times the longest page budget, so the findings stay the same
# for any answer that could fit, while a pasted book is reviewed in bounded time and memory (its pages are
# counted in full).
REVIEWED_CHARS = 100_000
_WORD = re.compile(r"\S+")
STRONG, SUFFICIENT = 75, 50
# The weighted sum of the rules is mapped piecewise linearly onto the score, so that the level
# thresholds above mean what a strict jury member's labels mean on the tune corpus: a raw 14 is where
# partial answers begin, a raw 34 where good ones do, when every sub-part is answered and nothing
# important is left (bench/review_quality.py, bench/notes.md "Offline review: measured quality").
CALIBRATION = ((0.0, 0.0), (14.0, SUFFICIENT), (34.0, STRONG), (100.0, 100.0))
# Findings on these criteria do not keep an answer from sterk: the labels rate an answer good on its
# content; a missing client perspective or a thin answer is shown but does not cap the level.
_LEVEL_NEUTRAL = ("lengte",)
# Under these shares of its page budget, counted in words (WORDS_PER_PAGE a page: the layout's estimate of a
# few lines includes the spacing around them), an answer is at most voldoende, and at most zwak.
THIN_FOR_STRONG = 0.05  # costs nothing on the tune labels (level 82.0% either way)
THIN_FOR_SUFFICIENT = 0.03  # every tune answer this short is labelled poor
# An answer that tries to steer the reviewer is zwak whatever it says, and scores no more than this.
INJECTION_CAP = 20


def level_for(score: int, complete: bool, important: bool) -> Level:
    """`sterk` needs every sub-part and nothing important left to fix."""
    if score >= STRONG and complete and not important:
        return "sterk"
    return "voldoende" if score >= SUFFICIENT else "zwak"


def calibrated(raw: float) -> int:
    for (x0, y0), (x1, y1) in pairwise(CALIBRATION):
        if raw <= x1:
            return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0))
    return round(CALIBRATION[-1][1])


def _score(outcomes: dict[str, Outcome]) -> int:
    """Each rule's quality counts by its registered weight (rules of one component averaged); a rule that
    does not apply (quality None) passes its weight on to the others."""
    weights: dict[str, float] = {}
    qualities: dict[str, list[float]] = {}
    for rule in registered():
        quality = outcomes[rule.name].quality
        if rule.weight and quality is not None:
            weights[rule.component] = rule.weight
            qualities.setdefault(rule.component, []).append(quality)
    total_weight = sum(weights.values())
    raw = 100 * sum(weights[c] * sum(q) / len(q) for c, q in qualities.items()) / total_weight if total_weight else 0.0
    factor = 1.0
    for outcome in outcomes.values():
        factor *= outcome.factor
    penalty = sum(o.penalty for o in outcomes.values())
    return calibrated(max(0.0, min(100.0, raw * factor - penalty)))


def _important(findings: list[Finding], call: Call) -> bool:
    """Something important left to fix in the content itself (criteria of the quality framework and the
    length are reported, but the corpus labels do not let them decide the level)."""
    neutral = {c.id for c in call.criteria} | set(_LEVEL_NEUTRAL)
    return any(f.severity != "tip" and f.criterion not in neutral for f in findings)


def _missing(question_id: str, call: Call) -> QuestionReview:
    return QuestionReview(
        id=question_id,
        level="ontbreekt",
        score=0,
        parts=[PartCoverage(id=part_id, covered=False) for part_id in call.question(question_id).subpart_ids],
        findings=[
            Finding(
                severity="blokkerend",
                criterion="antwoord",
                message=_("Nog geen antwoord: zonder antwoord op elke vraag is de kandidatuur onvolledig."),
            )
        ],
    )


def _partly_reviewed(context: QuestionContext) -> list[Finding]:
    if not context.unreviewed_chars:
        return []
    return [Finding(severity="belangrijk", criterion="lengte", message=_(
        "Alleen de eerste {reviewed} tekens van dit antwoord zijn nagekeken; de overige {rest} niet (zo lang "
        "past het nooit binnen de pagina's)."
    ).format(
        reviewed=dutch_number(REVIEWED_CHARS, 0, grouped=True), rest=dutch_number(context.unreviewed_chars, 0, grouped=True)
    ))]


def _review(context: QuestionContext) -> tuple[QuestionReview, list[int]]:
    outcomes = {rule.name: rule.check(context) for rule in registered()}
    findings = sorted(
        [*(finding for outcome in outcomes.values() for finding in outcome.findings), *_partly_reviewed(context)],
        key=lambda f: SEVERITY_ORDER[f.severity],
    )
    parts = outcomes["coverage"].parts
    score = _score(outcomes)
    level = level_for(score, all(p.covered for p in parts), _important(findings, context.call))
    budget_words = context.question.page_budget * WORDS_PER_PAGE
    if level != "zwak" and context.analysis.word_count < THIN_FOR_SUFFICIENT * budget_words:
        score, level = min(score, SUFFICIENT - 1), "zwak"  # a line or two answers nothing a jury can weigh
    if level == "sterk" and context.analysis.word_count < THIN_FOR_STRONG * budget_words:
        level = "voldoende"  # a few lines cannot convince a jury however right they are
    if outcomes["injection"].findings:
        score, level = min(score, INJECTION_CAP), "zwak"

    review = QuestionReview(
        id=context.question.id,
        level=level,
        score=score,
        parts=parts,
        findings=findings,
    )
    return review, outcomes["addendum"].addressed


def review_question(
    call: Call,
    question_id: str,
    text: str,
    *,
    pages: float | None = None,
    addendum_text: str | None = None,
    section_over_limit: bool = False,
) -> QuestionReview:
    """Review one answer on its own (the TUI, as you type). Without `pages` the length is estimated
    from the word count."""
    if not text.strip():
        return _missing(question_id, call)
    return _review(question_context(call, question_id, text, pages, section_over_limit, addendum_text))[0]


def question_context(
    call: Call, question_id: str, text: str, pages: float | None, section_over_limit: bool, addendum_text: str | None
) -> QuestionContext:
    reviewed = text if len(text) <= REVIEWED_CHARS else text[:REVIEWED_CHARS]
    analysis = analyse(reviewed)
    words = analysis.word_count if reviewed is text else sum(1 for _ in _WORD.finditer(text))
    return QuestionContext(
        call=call,
        question=call.question(question_id),
        analysis=analysis,
        pages=pages if pages is not None else words / WORDS_PER_PAGE,
        unreviewed_chars=len(text) - len(reviewed),
        section_over_limit=section_over_limit,
        challenges=addendum.parse_challenges(addendum_text) if addendum_text else (),
        extra_municipalities=addendum.municipalities_in(addendum_text) if addendum_text else (),
    )


def _blocking(fields: list[FieldCheck], questions: list[QuestionReview], pages: PageReport, call: Call) -> list[str]:
    blocking = []
    for check in fields:
        if not check.ok:
            blocking.append(f"{call.field(check.id).label}: {check.message}")
    for review in questions:
        number = call.question(review.id).number
        blocking += [
            _("Vraag {number}: {message}").format(number=number, message=f.message)
            for f in review.findings
            if f.severity == "blokkerend"
        ]
    if pages.over_limit:
        from assistant.layout.pages import over_limit_message  # noqa: PLC0415 - it loads Word's document model

        blocking.append(over_limit_message(pages))
    return blocking


def review_proposal(proposal: Proposal, call: Call, pages: PageReport | None = None) -> Report:
    """The whole offline report: fields, every question, reuse across answers, the addendum, pages."""
    pages = pages or estimate_pages(proposal, call)
    pages_of = {q.id: q.pages for q in pages.per_question}
    attachment = proposal.addendum()
    addendum_text = attachment.text if attachment else None
    challenges = addendum.parse_challenges(addendum_text) if addendum_text else ()
    repeated = reuse.repeated_paragraphs(
        {q.id: proposal.answer_text(q.id) for q in call.questions}, {q.id: q.number for q in call.questions}
    )
    organisation = proposal.fields.get(call.applicant_field, "").strip() if call.applicant_field else ""
    questions: list[QuestionReview] = []
    addressed_by: dict[int, list[str]] = {i: [] for i in range(len(challenges))}
    for question in call.questions:
        text = proposal.answer_text(question.id)
        if not text.strip():
            questions.append(_missing(question.id, call))
            continue
        context = question_context(call, question.id, text, pages_of.get(question.id), pages.over_limit, addendum_text)
        review, addressed = _review(context)
        if organisation and (other := applicant.findings(call, context.analysis, organisation)):
            findings = sorted([*review.findings, *other], key=lambda f: SEVERITY_ORDER[f.severity])
            review = review.model_copy(update={"findings": findings, "level": level_for(review.score, not review.missing_parts, True)})
        for index in addressed:
            addressed_by[index].append(question.id)
        if question.id in repeated:
            penalty = 8 * len(repeated[question.id])
            findings = sorted([*review.findings, *repeated[question.id]], key=lambda f: SEVERITY_ORDER[f.severity])
            score = max(0, review.score - penalty)
            review = review.model_copy(
                update={"findings": findings, "score": score, "level": level_for(score, not review.missing_parts, True)}
            )
        questions.append(review)
    _add_unaddressed(questions, challenges, addressed_by, call)
    fields = check_fields(proposal, call)
    return Report(
        call=call.id,
        blocking=_blocking(fields, questions, pages, call),
        fields=fields,
        questions=questions,
        pages=pages,
        challenges=[
            ChallengeCoverage(title=c.title, text=c.text, addressed_by=addressed_by[i]) for i, c in enumerate(challenges)
        ],
    )


def _add_unaddressed(
    questions: list[QuestionReview], challenges: tuple[Challenge, ...], addressed_by: dict[int, list[str]], call: Call
) -> None:
    """A challenge no answer takes up is reported on the question that must build on the addendum."""
    criterion = call.region.addendum_criterion
    if criterion is None:
        return
    unaddressed = [addendum.unaddressed_finding(c, criterion) for i, c in enumerate(challenges) if not addressed_by[i]]
    target = next((q.id for q in call.questions if criterion in q.criteria), None)
    for position, review in enumerate(questions):
        if review.id == target and unaddressed:
            questions[position] = review.model_copy(update={"findings": [*review.findings, *unaddressed]})

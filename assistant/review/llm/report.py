"""The LLM part of the `check --llm` report: every answered question reviewed (in parallel), findings
joined next to the rules', cost summed, trouble reported once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assistant.call.models import Call, Question
from assistant.config import Settings
from assistant.draft.models import Proposal
from assistant.errors import ProposalLockedError
from assistant.i18n import N_, _
from assistant.review import cache
from assistant.review.findings import Finding, LLMReviewLine, LLMSummary, Report
from assistant.review.llm.calibration import ensure_fit
from assistant.review.llm.errors import LLMError
from assistant.review.llm.ladder import ProgressCallback
from assistant.review.llm.provider import ensure_allowed
from assistant.review.llm.review import LLMReview, llm_findings, overruled_parts, review_with_llm
from assistant.review.llm.session import LLMSession, open_session


def add_llm_findings(
    report: Report,
    proposal: Proposal,
    call: Call,
    settings: Settings,
    no_cache: bool = False,
    *,
    save_to: Path | None = None,
    session: LLMSession | None = None,
    cancel: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    allow_unfit: bool = False,
) -> Report:
    """The report with the LLM's findings added to each answered question (Report.with_findings: the rules
    keep level and score) and `report.llm` filled in.

    Never raises for LLM trouble: the offline report stands and `report.llm.message` says what went wrong.
    `save_to`: a proposal file to keep the fresh cached results in (skipped if another process holds it).
    A model calibrated ongeschikt is not asked at all (status "refused") unless `allow_unfit`.
    """
    try:
        ensure_allowed(proposal.llm_privacy, settings, session.endpoint if session else None)
        session = session or open_session(settings)
    except LLMError as exc:
        status = "off" if exc.kind in ("off", "privacy") else "error"
        return report.model_copy(update={"llm": LLMSummary(status=status, message=str(exc))})
    try:
        verdict = ensure_fit(session.endpoint.base_url, session.model, allow_unfit=allow_unfit)
    except LLMError as exc:
        return report.model_copy(update={"llm": LLMSummary(
            status="refused", message=str(exc), provider=session.endpoint.provider, model=session.model,
            currency=settings.llm.currency, calibration="ongeschikt")})
    trusted = verdict == "geschikt"
    summary = LLMSummary(status="ok", provider=session.endpoint.provider, model=session.model,
                         currency=settings.llm.currency, cost=0.0, calibration=verdict)
    answered = [q for q in call.questions if proposal.answer_text(q.id).strip()]
    stop = threading.Event()  # set when the endpoint itself is unusable: the other questions are not sent

    def one(question: Question) -> LLMReview | LLMError | None:
        if stop.is_set():
            return None  # not sent: the endpoint already failed
        try:
            return review_with_llm(proposal, call, question.id, settings, cancel=cancel, session=session,
                                   no_cache=no_cache, progress=progress)
        except LLMError as exc:
            if exc.stops_session:
                stop.set()
            return exc

    parallel = settings.llm.parallel_requests or (1 if session.endpoint.local else 4)
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        outcomes = list(pool.map(one, answered))
    failures = [(q, o) for q, o in zip(answered, outcomes, strict=True) if isinstance(o, LLMError)]
    # Trouble with the endpoint is said once; trouble with one answer (too long, invalid reply) per question.
    endpoint_error = next((str(o) for _, o in failures if o.stops_session), None)
    errors = [endpoint_error] if endpoint_error else []
    errors += [f"Vraag {q.number}: {o}" for q, o in failures if not o.stops_session]
    findings: dict[str, list[Finding]] = {}
    overruled: dict[str, LLMReview] = {}
    for question, outcome in zip(answered, outcomes, strict=True):
        if isinstance(outcome, LLMReview):
            findings[question.id] = llm_findings(outcome, call, trusted=trusted, rules=report.question(question.id))
            if trusted:
                overruled[question.id] = outcome
            _count(summary, outcome)
    reviewed = len(findings)
    if errors:
        summary.status = "partial" if reviewed else "error"
        summary.message = "\n".join(errors)
    if save_to is not None and reviewed:
        save_cached_reviews(save_to, proposal)
    joined = report.with_findings(findings)
    if overruled:  # a geschikt model may mark a part missing that the rules took as covered
        questions = [overruled_parts(overruled[q.id], q) if q.id in overruled else q for q in joined.questions]
        joined = joined.model_copy(update={"questions": questions})
    return joined.model_copy(update={"llm": summary})


def _count(summary: LLMSummary, review: LLMReview) -> None:
    usage = review.usage
    spent = not review.cached
    summary.reviews.append(LLMReviewLine(
        question_id=review.question_id, cached=review.cached, mode=review.mode,
        prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
        cost=usage.cost if spent else 0.0,
    ))
    if spent:
        summary.prompt_tokens += usage.prompt_tokens
        summary.completion_tokens += usage.completion_tokens
        summary.cost = None if summary.cost is None or usage.cost is None else round(summary.cost + usage.cost, 6)
        summary.approximate_tokens = summary.approximate_tokens or usage.approximate


def save_cached_reviews(path: Path, proposal: Proposal) -> bool:
    """Merge the cached results into the proposal file on disk; False if another process holds it."""
    from assistant.draft.store import ProposalFile  # noqa: PLC0415

    try:
        with ProposalFile(path) as opened:
            if cache.merge(opened.proposal, proposal):
                opened.save()
    except ProposalLockedError:
        return False
    return True


def summary_lines(summary: LLMSummary) -> list[str]:
    """The LLM part of a text report, in the active language."""
    if summary.status == "off":
        return [summary.message or _("Taalmodel niet gebruikt.")]
    if summary.status == "refused":
        return [_("Taalmodel niet gebruikt: {message}").format(message=summary.message)]
    lines = []
    if summary.model:
        from assistant.config import PRESETS  # noqa: PLC0415

        fresh = [r for r in summary.reviews if not r.cached]
        if summary.cost is None:
            cost = _("kost onbekend (geen prijs voor dit model in llm.prices)")
        elif summary.cost == 0:
            cost = _("geen kosten")
        else:
            cost = _("geschat {cost} {currency}").format(cost=f"{summary.cost:.4f}", currency=summary.currency)
        approx = _(" (benadering)") if summary.approximate_tokens else ""
        label = PRESETS[summary.provider].label if summary.provider in PRESETS else summary.provider
        lines.append(
            _(
                "Taalmodel {model} ({label}): {reviewed} beoordeeld, {cached} uit de cache; {prompt} prompt- en "
                "{completion} antwoordtokens{approx}, {cost}."
            ).format(
                model=summary.model,
                label=label,
                reviewed=len(fresh),
                cached=len(summary.reviews) - len(fresh),
                prompt=summary.prompt_tokens,
                completion=summary.completion_tokens,
                approx=approx,
                cost=cost,
            )
        )
        lines.append(_(CALIBRATION_NOTES[summary.calibration]))
    if summary.message:
        lines.append(_("Taalmodel: {message}").format(message=summary.message))
    return lines


CALIBRATION_NOTES: dict[str | None, str] = {
    "geschikt": N_("Geijkt als geschikt: waar het taalmodel een deelvraag mist die de regels gedekt vonden, staat ze als "
                   "ontbrekend (✗AI), met de zin waarop de regels steunden."),
    "twijfelachtig": N_("Geijkt als twijfelachtig: de bevindingen van het taalmodel zijn advies naast de regels."),
    "ongeschikt": N_("Geijkt als ongeschikt, op uw vraag toch gebruikt: wat het taalmodel zegt, is hooguit advies en "
                     "geen beoordeling; kies liefst een sterker model."),
    None: N_("Niet geijkt ('wse-assistant llm ijken'): de bevindingen van het taalmodel zijn advies naast de regels."),
}

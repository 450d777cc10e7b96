"""The LLM review of one answer, its findings, the `check --llm` part of a report, and proposed revisions.

Everything here is synchronous and cancellable between requests (pass a threading.Event); the TUI runs
it in a worker. Nothing is applied to the proposal except cached results: revisions are returned as
proposed text for the applicant to accept.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.call.models import Call, Question
from assistant.config import Settings, StructuredMode
from assistant.draft.models import Answer, FollowUp, Proposal
from assistant.errors import ProposalLockedError
from assistant.review import cache
from assistant.review.findings import Finding, LLMReviewLine, LLMSummary, Report
from assistant.review.llm.errors import LLMError, from_sdk
from assistant.review.llm.ladder import Exchange, StructuredCaller
from assistant.review.llm.prompt import (
    as_data, build_review_prompt, load_template, question_values, render,
)
from assistant.review.llm.provider import Endpoint, make_client, pick_model, resolve_endpoint
from assistant.review.llm.schema import (
    ReplyInvalid, ReviewOutput, RevisionOutput, normalize_review, review_model, skeleton, strict_schema,
)
from assistant.review.redact import Redactor
from assistant.tokens import TokenCounter, counter_for

if TYPE_CHECKING:
    import httpx2
    from openai import OpenAI

# The proposal's review cache is shared by the worker threads of add_llm_findings.
_CACHE_LOCK = threading.Lock()
LLM_SEVERITY = {"ontbreekt": "belangrijk", "zwak": "belangrijk", "voldoende": "tip", "sterk": "tip"}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Usage(Model):
    prompt_tokens: int
    completion_tokens: int
    counted_by: str  # "server" or the local counter
    approximate: bool
    cost: float | None  # None: no price known for this model
    currency: str


class LLMReview(Model):
    """One question reviewed by the LLM, with personal data restored (or masked, as cached)."""

    question_id: str
    provider: str
    model: str
    mode: StructuredMode
    prompt: str  # template name/version/digest
    cached: bool
    output: ReviewOutput
    usage: Usage
    prompt_budget: int
    addendum_chunks: int
    trimmed: list[str]  # parts of the prompt left out to stay within the budget
    masked_values: int
    dropped: int  # quotes not found in the answer, example texts copied back
    server_ms: float
    tool_ms: float  # our own time: prompt building, validation, logging, cache


class RevisionProposal(Model):
    """Text the LLM proposes for an answer; the applicant accepts it (origin "suggestion") or not."""

    question_id: str
    purpose: str  # "vervolgvragen" or "inkorten"
    original: str
    text: str
    changes: list[str]
    usage: Usage


@dataclass
class LLMSession:
    """One resolved endpoint with its client and model, reused across questions."""

    settings: Settings
    endpoint: Endpoint
    client: OpenAI
    model: str
    caller: StructuredCaller

    @property
    def counter(self) -> TokenCounter:
        return self.caller.counter


def open_session(settings: Settings, *, http_client: httpx2.Client | None = None) -> LLMSession:
    """Resolve the endpoint and model; LLMError('off') when no LLM is configured or it is turned off.
    `http_client` is the seam tests fake (an httpx2 client with a MockTransport)."""
    endpoint, key = resolve_endpoint(settings)
    import openai  # noqa: PLC0415 - 0.8 s, only once an LLM is really configured

    client = make_client(endpoint, key, http_client)
    try:
        model = pick_model(endpoint, client)
    except openai.OpenAIError as exc:
        raise from_sdk(exc, endpoint.base_url, endpoint.model or "?", endpoint.timeout_s) from None
    counter = counter_for(model)
    caller = StructuredCaller(client, endpoint, model, settings.llm, counter, secret=key)
    return LLMSession(settings, endpoint, client, model, caller)


def _usage(session: LLMSession, exchange: Exchange) -> Usage:
    llm = session.settings.llm
    price = llm.price_for(session.model)
    if session.endpoint.local:
        cost: float | None = 0.0
    elif price is None:
        cost = None
    else:
        cost = round((exchange.prompt_tokens * price.input + exchange.completion_tokens * price.output) / 1e6, 6)
    counted_by_server = exchange.counted_by == "server"
    return Usage(
        prompt_tokens=exchange.prompt_tokens, completion_tokens=exchange.completion_tokens,
        counted_by=exchange.counted_by, approximate=not counted_by_server and session.counter.approximate,
        cost=cost, currency=llm.currency,
    )


def contact_names(proposal: Proposal, call: Call) -> list[str]:
    """The contact person's name as filled in (the call's name field in the contact group)."""
    return [
        proposal.fields[f.id] for f in call.fields
        if f.group and "contact" in f.group.lower() and f.label.lower().startswith("naam") and proposal.fields.get(f.id)
    ]


def _redactor(proposal: Proposal, call: Call) -> Redactor:
    return Redactor(contact_names(proposal, call))


def _check_answer(proposal: Proposal, question: Question) -> str:
    answer = proposal.answer_text(question.id)
    if not answer.strip():
        raise LLMError("empty", f"Vraag {question.number} heeft nog geen antwoord: er is niets te beoordelen.")
    return answer


def review_with_llm(
    proposal: Proposal,
    call: Call,
    question_id: str,
    settings: Settings,
    *,
    cancel: threading.Event | None = None,
    session: LLMSession | None = None,
    no_cache: bool = False,
) -> LLMReview:
    """Review one answer. Cached by answer, question, call, endpoint, model, prompt and addendum; a fresh
    result is stored in `proposal.reviews` (the caller saves the proposal). Raises LLMError."""
    session = session or open_session(settings)
    started = time.perf_counter()
    question = call.question(question_id)
    answer = _check_answer(proposal, question)
    redactor = _redactor(proposal, call)
    masked_answer = redactor.mask(answer)
    addendum = proposal.addendum()
    masked_addendum = redactor.mask(addendum.text) if addendum else None
    reply_model = review_model(question, call)
    template = load_template("review")
    budget = settings.llm.prompt_budget_tokens
    key = cache.review_key(
        answer=masked_answer, question=question_id, call=call.sha256, base_url=session.endpoint.base_url,
        model=session.model, prompt=template.tag, addendum=addendum.sha256 if addendum else None, budget=budget,
    )
    with _CACHE_LOCK:
        cached = None if no_cache else cache.lookup(proposal, key)
    if cached is not None:
        try:
            review = LLMReview.model_validate({k: v for k, v in cached.items() if k not in ("kind", "question_id")}
                                              | {"question_id": question_id, "cached": True})
            return _restored(review, redactor)
        except ValidationError:
            pass  # stored by another version of the tool: only a cache, so ask again

    prompt = build_review_prompt(
        question, call, masked_answer, masked_addendum, skeleton(strict_schema(reply_model)), session.counter, budget
    )
    reply, exchange = session.caller.call(prompt.messages, reply_model, kind=f"review {question_id}", cancel=cancel)
    output, dropped = normalize_review(reply, masked_answer)
    review = LLMReview(
        question_id=question_id, provider=session.endpoint.provider, model=session.model, mode=exchange.mode,
        prompt=template.tag, cached=False, output=output, usage=_usage(session, exchange), prompt_budget=budget,
        addendum_chunks=prompt.addendum_chunks, trimmed=prompt.trimmed, masked_values=redactor.masked_count, dropped=dropped,
        server_ms=round(exchange.server_ms, 2), tool_ms=0.0,
    )
    review.tool_ms = round((time.perf_counter() - started) * 1000 - exchange.server_ms, 2)
    with _CACHE_LOCK:
        cache.store(proposal, key, "llm-review", question_id, review.model_dump(mode="json", exclude={"question_id", "cached"}))
    return _restored(review, redactor)


def _restored(review: LLMReview, redactor: Redactor) -> LLMReview:
    output = ReviewOutput.model_validate(redactor.restore(review.output.model_dump()))
    return review.model_copy(update={"output": output})


def llm_findings(review: LLMReview, call: Call) -> list[Finding]:
    """The review as findings next to the offline rules' (reviewer "llm")."""
    question = call.question(review.question_id)
    titles = {c.id: c.title for c in call.criteria}
    labels = {p.id: p.label for p in question.subparts}
    findings = [
        Finding(
            severity=LLM_SEVERITY[j.level], criterion=j.criterion, reviewer="llm",
            message=f"{titles.get(j.criterion, j.criterion)}: {j.level}. {j.reasoning}".strip(),
            quote=j.evidence[0] if j.evidence else None,
        )
        for j in review.output.criteria
    ]
    findings += [
        Finding(severity="belangrijk", criterion=f"deelvraag:{part}", reviewer="llm", part=part,
                message=f"Deelvraag '{labels.get(part, part)}' is volgens het taalmodel niet of nauwelijks beantwoord.")
        for part in review.output.missing_parts
    ]
    findings += [
        Finding(severity="tip", criterion="suggestie", reviewer="llm", part=s.part, message=s.text, suggestion=s.text)
        for s in review.output.suggestions
    ]
    findings += [
        Finding(severity="tip", criterion="vervolgvraag", reviewer="llm", message=f"Vraag van de jury: {q}")
        for q in review.output.followup_questions
    ]
    return findings


def record_followups(proposal: Proposal, question_id: str, questions: Iterable[str]) -> list[FollowUp]:
    """Keep a review's follow-up questions with the answer (once each); returns the ones still unanswered."""
    answer = proposal.answers.setdefault(question_id, Answer(question_id=question_id))
    asked = {f.question for f in answer.followups}
    for question in questions:
        if question not in asked:
            answer.followups.append(FollowUp(question=question))
            asked.add(question)
    return [f for f in answer.followups if not f.reply.strip()]


# ---- check --llm


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
) -> Report:
    """The report with the LLM's findings added to each answered question (Report.with_findings: the rules
    keep level and score) and `report.llm` filled in.

    Never raises for LLM trouble: the offline report stands and `report.llm.message` says what went wrong.
    `save_to`: a proposal file to keep the fresh cached results in (skipped if another process holds it).
    """
    try:
        session = session or open_session(settings)
    except LLMError as exc:
        status = "off" if exc.kind == "off" else "error"
        return report.model_copy(update={"llm": LLMSummary(status=status, message=str(exc))})
    summary = LLMSummary(status="ok", provider=session.endpoint.provider, model=session.model,
                         currency=settings.llm.currency, cost=0.0)
    answered = [q for q in call.questions if proposal.answer_text(q.id).strip()]
    stop = threading.Event()  # set when the endpoint itself is unusable: the other questions are not sent

    def one(question: Question) -> LLMReview | LLMError:
        if stop.is_set():
            return LLMError("cancelled", "niet verstuurd")
        try:
            return review_with_llm(proposal, call, question.id, settings, cancel=cancel, session=session,
                                   no_cache=no_cache)
        except LLMError as exc:
            if exc.stops_session:
                stop.set()
            return exc

    with ThreadPoolExecutor(max_workers=settings.llm.parallel_requests) as pool:
        outcomes = list(pool.map(one, answered))
    errors: list[str] = []
    findings: dict[str, list[Finding]] = {}
    for question, outcome in zip(answered, outcomes, strict=True):
        if isinstance(outcome, LLMError):
            if str(outcome) != "niet verstuurd" and not any(str(outcome) in e for e in errors):
                errors.append(f"Vraag {question.number}: {outcome}")
            continue
        findings[question.id] = llm_findings(outcome, call)
        _count(summary, outcome)
    reviewed = len(findings)
    if errors:
        summary.status = "partial" if reviewed else "error"
        summary.message = "\n".join(errors)
    if save_to is not None and reviewed:
        save_cached_reviews(save_to, proposal)
    return report.with_findings(findings).model_copy(update={"llm": summary})


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
    """The LLM part of a text report, in Dutch."""
    if summary.status == "off":
        return [summary.message or "Taalmodel niet gebruikt."]
    lines = []
    if summary.model:
        from assistant.config import PRESETS  # noqa: PLC0415

        fresh = [r for r in summary.reviews if not r.cached]
        if summary.cost is None:
            cost = "kost onbekend (geen prijs voor dit model in llm.prices)"
        elif summary.cost == 0:
            cost = "geen kosten"
        else:
            cost = f"geschat {summary.cost:.4f} {summary.currency}"
        approx = " (benadering)" if summary.approximate_tokens else ""
        label = PRESETS[summary.provider].label if summary.provider in PRESETS else summary.provider
        lines.append(
            f"Taalmodel {summary.model} ({label}): {len(fresh)} beoordeeld, "
            f"{len(summary.reviews) - len(fresh)} uit de cache; {summary.prompt_tokens} prompt- en "
            f"{summary.completion_tokens} antwoordtokens{approx}, {cost}."
        )
    if summary.message:
        lines.append(f"Taalmodel: {summary.message}")
    return lines


# ---- proposed revisions


def _revision_call(
    session: LLMSession, template_name: str, values: dict[str, Any], kind: str,
    check: Callable[[BaseModel], None] | None, cancel: threading.Event | None, max_tokens: int,
) -> tuple[RevisionOutput, Exchange]:
    values = {**values, "skeleton": json.dumps(skeleton(strict_schema(RevisionOutput)), ensure_ascii=False)}
    messages = render(load_template(template_name), values)
    reply, exchange = session.caller.call(messages, RevisionOutput, kind=kind, check=check, cancel=cancel,
                                          max_tokens=max_tokens)
    return RevisionOutput.model_validate(reply.model_dump()), exchange


def _budget_words(question: Question) -> int:
    """How many words of answer fit the question's page budget, by the layout's own estimate."""
    from assistant.layout.estimate import WORDS_PER_PAGE  # noqa: PLC0415

    return max(50, int(question.page_budget * WORDS_PER_PAGE) - len(question.text.split()))


def _output_tokens_for(words: int, session: LLMSession) -> int:
    # Dutch runs about 1.6 tokens a word; JSON framing and the change list need a little more.
    return max(session.settings.llm.max_output_tokens, int(words * 2.2) + 200)


def propose_followup_revision(
    proposal: Proposal, call: Call, question_id: str, settings: Settings, *,
    cancel: threading.Event | None = None, session: LLMSession | None = None,
) -> RevisionProposal:
    """A revised answer that works in the applicant's replies to the follow-up questions."""
    session = session or open_session(settings)
    question = call.question(question_id)
    answer = _check_answer(proposal, question)
    replied = [f for f in proposal.answers[question_id].followups if f.reply.strip()]
    if not replied:
        raise LLMError("empty", "Beantwoord eerst minstens één vervolgvraag; daarna kan het taalmodel die verwerken.")
    redactor = _redactor(proposal, call)
    followups = "\n\n".join(f"Vraag: {redactor.mask(f.question)}\nAntwoord: {redactor.mask(f.reply)}" for f in replied)
    target = max(_budget_words(question), len(answer.split()))
    values = {**question_values(question, call), "answer": as_data(redactor.mask(answer)),
              "followups": as_data(followups), "target_words": str(target)}
    output, exchange = _revision_call(session, "revise", values, f"herschrijf {question_id}", None, cancel,
                                      _output_tokens_for(target, session))
    return _revision(question_id, "vervolgvragen", answer, output, redactor, session, exchange)


def propose_shorter(
    proposal: Proposal, call: Call, question_id: str, settings: Settings, *,
    covered_parts: Callable[[str], Iterable[str]] | None = None,
    cancel: threading.Event | None = None, session: LLMSession | None = None,
) -> RevisionProposal:
    """A shorter answer that fits the page budget and keeps every sub-part the current one covers.

    `covered_parts(text)` says which sub-part ids a text answers, by default the offline rules' coverage;
    the proposal is checked with it (and with the page budget) before it is offered, with one repair round.
    """
    session = session or open_session(settings)
    addendum = proposal.addendum()
    covered_parts = covered_parts or offline_coverage(call, question_id, addendum.text if addendum else None)
    question = call.question(question_id)
    answer = _check_answer(proposal, question)
    words = len(answer.split())
    target = _budget_words(question)
    if words <= target:
        raise LLMError("empty", f"Het antwoord op vraag {question.number} past al binnen zijn paginabudget "
                       f"({words} van ongeveer {target} woorden).")
    keep = [p for p in question.subpart_ids if p in set(covered_parts(answer))]
    labels = {p.id: p.label for p in question.subparts}
    redactor = _redactor(proposal, call)

    def keeps_parts_and_fits(reply: BaseModel) -> None:
        text = redactor.restore(reply.revised_answer)  # type: ignore[attr-defined]
        lost = [labels[p] for p in keep if p not in set(covered_parts(text))]
        too_long = len(text.split()) - target
        problems = []
        if lost:
            problems.append("deze deelvragen zijn niet meer beantwoord: " + ", ".join(lost))
        if too_long > 0:
            problems.append(f"nog {too_long} woorden te lang (hoogstens {target})")
        if problems:
            raise ReplyInvalid("De ingekorte tekst voldoet niet: " + "; ".join(problems) + ".")

    values = {**question_values(question, call), "answer": as_data(redactor.mask(answer)), "words": str(words),
              "target_words": str(target), "keep_parts": ", ".join(labels[p] for p in keep) or "(geen)"}
    output, exchange = _revision_call(session, "shorten", values, f"inkorten {question_id}", keeps_parts_and_fits,
                                      cancel, _output_tokens_for(target, session))
    return _revision(question_id, "inkorten", answer, output, redactor, session, exchange)


def offline_coverage(call: Call, question_id: str, addendum_text: str | None) -> Callable[[str], set[str]]:
    """The offline rules' answer to "which sub-parts does this text cover?"."""
    from assistant.review.offline import review_question  # noqa: PLC0415

    def covered(text: str) -> set[str]:
        review = review_question(call, question_id, text, addendum_text=addendum_text)
        return {part.id for part in review.parts if part.covered}

    return covered


def _revision(question_id: str, purpose: str, original: str, output: RevisionOutput, redactor: Redactor,
              session: LLMSession, exchange: Exchange) -> RevisionProposal:
    return RevisionProposal(
        question_id=question_id, purpose=purpose, original=original,
        text=redactor.restore(output.revised_answer).strip(), changes=redactor.restore(output.changes),
        usage=_usage(session, exchange),
    )

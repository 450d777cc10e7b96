"""The LLM review of one answer: cached, masked, validated; its findings; its follow-up questions.

Synchronous and cancellable between requests (pass a threading.Event); the TUI runs it in a worker.
Nothing is applied to the proposal except cached results.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from pydantic import ValidationError

from assistant.call.models import Call, Question
from assistant.config import Settings, StructuredMode
from assistant.draft.models import Answer, FollowUp, Proposal
from assistant.i18n import _
from assistant.review import cache
from assistant.review.findings import Finding, QuestionReview, Severity, level_label
from assistant.review.llm.errors import LLMError
from assistant.review.llm.ladder import ProgressCallback
from assistant.review.llm.prompt import build_review_prompt, load_template
from assistant.review.llm.provider import ensure_allowed
from assistant.review.llm.schema import ReviewOutput, normalize_review, review_model, skeleton, strict_schema
from assistant.review.llm.session import LLMSession, Model, Usage, open_session, usage_of
from assistant.review.redact import Redactor, redactor_for

# The proposal's review cache is shared by the worker threads of add_llm_findings.
_CACHE_LOCK = threading.Lock()
LLM_SEVERITY = {"ontbreekt": "belangrijk", "zwak": "belangrijk", "voldoende": "tip", "sterk": "tip"}


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
    quotes_given: int = 0  # quotes the model gave as evidence (example texts aside)
    quotes_found: int = 0  # of which found in the answer
    first_token_ms: float | None = None
    server_ms: float
    tool_ms: float  # our own time: prompt building, validation, logging, cache


def answer_to_review(proposal: Proposal, question: Question) -> str:
    """The answer's text; LLMError("empty") when there is nothing to send."""
    answer = proposal.answer_text(question.id)
    if not answer.strip():
        raise LLMError("empty", _("Vraag {number} heeft nog geen antwoord: er is niets te beoordelen.").format(number=question.number))
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
    progress: ProgressCallback | None = None,
) -> LLMReview:
    """Review one answer. Cached by answer, question, call, endpoint, model, prompt and addendum; a fresh
    result is stored in `proposal.reviews` (the caller saves the proposal). Raises LLMError."""
    ensure_allowed(proposal.llm_privacy, settings, session.endpoint if session else None)
    session = session or open_session(settings)
    started = time.perf_counter()
    question = call.question(question_id)
    answer = answer_to_review(proposal, question)
    redactor = redactor_for(proposal, call)
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
    reply, exchange = session.caller.call(prompt.messages, reply_model, kind=f"review {question_id}", cancel=cancel,
                                          progress=progress)
    output, dropped, (quotes_given, quotes_found) = normalize_review(reply, masked_answer)
    review = LLMReview(
        question_id=question_id, provider=session.endpoint.provider, model=session.model, mode=exchange.mode,
        prompt=template.tag, cached=False, output=output, usage=usage_of(session, exchange), prompt_budget=budget,
        addendum_chunks=prompt.addendum_chunks, trimmed=prompt.trimmed, masked_values=redactor.masked_count, dropped=dropped,
        quotes_given=quotes_given, quotes_found=quotes_found, server_ms=round(exchange.server_ms, 2), tool_ms=0.0,
        first_token_ms=None if exchange.first_token_ms is None else round(exchange.first_token_ms, 1),
    )
    review.tool_ms = round((time.perf_counter() - started) * 1000 - exchange.server_ms, 2)
    with _CACHE_LOCK:
        cache.store(proposal, key, "llm-review", question_id, review.model_dump(mode="json", exclude={"question_id", "cached"}))
    return _restored(review, redactor)


def _restored(review: LLMReview, redactor: Redactor) -> LLMReview:
    output = ReviewOutput.model_validate(redactor.restore(review.output.model_dump()))
    return review.model_copy(update={"output": output})


def llm_findings(review: LLMReview, call: Call, *, trusted: bool = False,
                 rules: QuestionReview | None = None) -> list[Finding]:
    """The review as findings next to the offline rules' (reviewer "llm").

    `trusted` (the model is calibrated geschikt): its judgement carries the weight of a finding, and a
    sub-part it finds missing that the rules took as covered (`rules`) is said so, with the sentence the
    rules relied on. Otherwise everything it says is advice (severity tip) beside the rules'.
    """
    question = call.question(review.question_id)
    titles = {c.id: c.title for c in call.criteria}
    labels = {p.id: p.label for p in question.subparts}
    covered = {p.id: p for p in rules.parts if p.covered} if rules else {}

    def weight(severity: str) -> Severity:
        return severity if trusted else "tip"  # type: ignore[return-value]

    advice = "" if trusted else _("Advies van het taalmodel: ")
    findings = [
        Finding(
            severity=weight(LLM_SEVERITY[j.level]), criterion=j.criterion, reviewer="llm",
            message=f"{advice}{titles.get(j.criterion, j.criterion)}: {level_label(j.level)}. {j.reasoning}".strip(),
            quote=j.evidence[0] if j.evidence else None,
        )
        for j in review.output.criteria
    ]
    for part in review.output.missing_parts:
        label = labels.get(part, part)
        if trusted and part in covered:
            findings.append(Finding(
                severity="belangrijk", criterion=f"deelvraag:{part}", reviewer="llm", part=part,
                quote=covered[part].evidence,
                message=_("Deelvraag '{part}' ontbreekt volgens het taalmodel (geijkt: geschikt), al namen de "
                          "regels ze als beantwoord op grond van deze zin.").format(part=label),
            ))
        else:
            findings.append(Finding(
                severity=weight("belangrijk"), criterion=f"deelvraag:{part}", reviewer="llm", part=part,
                message=advice
                + _("Deelvraag '{part}' is volgens het taalmodel niet of nauwelijks beantwoord.").format(part=label),
            ))
    findings += [
        Finding(severity="tip", criterion="suggestie", reviewer="llm", part=s.part, message=s.text, suggestion=s.text)
        for s in review.output.suggestions
    ]
    findings += [
        Finding(severity="tip", criterion="vervolgvraag", reviewer="llm", message=_("Vraag van de jury: {question}").format(question=q))
        for q in review.output.followup_questions
    ]
    return findings


def overruled_parts(review: LLMReview, rules: QuestionReview) -> QuestionReview:
    """The rules' sub-part coverage with the parts a geschikt model finds missing marked so (judged_by "llm").
    Level and score stay the rules'."""
    missing = set(review.output.missing_parts)
    parts = [p.model_copy(update={"covered": False, "judged_by": "llm"}) if p.covered and p.id in missing else p
             for p in rules.parts]
    return rules.model_copy(update={"parts": parts})


def record_followups(proposal: Proposal, question_id: str, questions: Iterable[str]) -> list[FollowUp]:
    """Keep a review's follow-up questions with the answer (once each); returns the ones still unanswered."""
    answer = proposal.answers.setdefault(question_id, Answer(question_id=question_id))
    asked = {f.question for f in answer.followups}
    for question in questions:
        if question not in asked:
            answer.followups.append(FollowUp(question=question))
            asked.add(question)
    return [f for f in answer.followups if not f.reply.strip()]

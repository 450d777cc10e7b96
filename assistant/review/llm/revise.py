"""Revised answers the LLM proposes: the follow-up replies worked in, or a shorter version of an answer
over its page budget. Returned as text only; the applicant accepts (a revision with origin "suggestion")."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from assistant.call.models import Call
from assistant.config import Settings
from assistant.draft.models import Answer, Proposal
from assistant.draft.text import dutch_number
from assistant.i18n import _
from assistant.review.facts import mark_unverified
from assistant.review.llm.errors import LLMError
from assistant.review.llm.ladder import Exchange, ProgressCallback
from assistant.review.llm.prompt import as_data, load_template, question_values, render
from assistant.review.llm.provider import ensure_allowed
from assistant.review.llm.review import answer_to_review
from assistant.review.llm.schema import ReplyInvalid, RevisionOutput, skeleton, strict_schema
from assistant.review.llm.session import LLMSession, Model, Usage, open_session, usage_of
from assistant.review.redact import Redactor, redactor_for


class RevisionProposal(Model):
    """Text the LLM proposes for an answer; the applicant accepts it (origin "suggestion") or not."""

    question_id: str
    purpose: str  # "vervolgvragen" or "inkorten"
    original: str
    text: str  # facts not in the sources are marked [CONTROLEER: …]
    changes: list[str]
    unverified: list[str]  # the marked facts, to list before the applicant accepts
    usage: Usage


def _revision_call(
    session: LLMSession, template_name: str, values: dict[str, Any], kind: str,
    check: Callable[[BaseModel], None] | None, cancel: threading.Event | None, max_tokens: int,
    progress: ProgressCallback | None,
) -> tuple[RevisionOutput, Exchange]:
    values = {**values, "skeleton": json.dumps(skeleton(strict_schema(RevisionOutput)), ensure_ascii=False)}
    messages = render(load_template(template_name), values)
    reply, exchange = session.caller.call(messages, RevisionOutput, kind=kind, check=check, cancel=cancel,
                                          max_tokens=max_tokens, progress=progress)
    return RevisionOutput.model_validate(reply.model_dump()), exchange


def pages_of(call: Call, question_id: str, text: str) -> float:
    """The pages an answer takes by the layout's estimate (its stable `estimate_pages` signature)."""
    from assistant.layout.estimate import estimate_pages  # noqa: PLC0415

    alone = Proposal(name="schatting", call_id=call.id, answers={question_id: Answer(question_id=question_id, text=text)})
    return next(q.pages for q in estimate_pages(alone, call).per_question if q.id == question_id)


def words_within_budget(call: Call, question_id: str, text: str) -> int:
    """About how many words of this kind of text fit the question's page budget (5 % kept free)."""
    pages = pages_of(call, question_id, text)
    words = len(text.split())
    if pages <= 0:
        return words
    return max(50, int(words * call.question(question_id).page_budget / pages * 0.95))


def _output_tokens_for(words: int, session: LLMSession) -> int:
    # Dutch runs about 1.6 tokens a word; JSON framing and the change list need a little more.
    return max(session.settings.llm.max_output_tokens, int(words * 2.2) + 200)


def propose_followup_revision(
    proposal: Proposal, call: Call, question_id: str, settings: Settings, *,
    cancel: threading.Event | None = None, session: LLMSession | None = None, progress: ProgressCallback | None = None,
) -> RevisionProposal:
    """A revised answer that works in the applicant's replies to the follow-up questions."""
    ensure_allowed(proposal.llm_privacy, settings, session.endpoint if session else None)
    session = session or open_session(settings)
    question = call.question(question_id)
    answer = answer_to_review(proposal, question)
    replied = [f for f in proposal.answers[question_id].followups if f.reply.strip()]
    if not replied:
        raise LLMError("empty", _("Beantwoord eerst minstens één vervolgvraag; daarna kan het taalmodel die verwerken."))
    redactor = redactor_for(proposal, call)
    followups = "\n\n".join(f"Vraag: {redactor.mask(f.question)}\nAntwoord: {redactor.mask(f.reply)}" for f in replied)
    target = max(words_within_budget(call, question_id, answer), len(answer.split()))
    values = {**question_values(question, call), "answer": as_data(redactor.mask(answer)),
              "followups": as_data(followups), "target_words": str(target)}
    output, exchange = _revision_call(session, "revise", values, f"herschrijf {question_id}", None, cancel,
                                      _output_tokens_for(target, session), progress)
    return _revision(proposal, call, question_id, "vervolgvragen", answer, output, redactor, session, exchange)


def propose_shorter(
    proposal: Proposal, call: Call, question_id: str, settings: Settings, *,
    covered_parts: Callable[[str], Iterable[str]] | None = None,
    cancel: threading.Event | None = None, session: LLMSession | None = None, progress: ProgressCallback | None = None,
) -> RevisionProposal:
    """A shorter answer that fits the page budget and keeps every sub-part the current one covers.

    `covered_parts(text)` says which sub-part ids a text answers, by default the offline rules' coverage;
    the proposal is checked with it (and with the page budget) before it is offered, with one repair round.
    """
    ensure_allowed(proposal.llm_privacy, settings, session.endpoint if session else None)
    session = session or open_session(settings)
    addendum = proposal.addendum()
    covered_parts = covered_parts or offline_coverage(call, question_id, addendum.text if addendum else None)
    question = call.question(question_id)
    answer = answer_to_review(proposal, question)
    words = len(answer.split())
    pages, budget = pages_of(call, question_id, answer), question.page_budget
    if pages <= budget:
        raise LLMError("empty", _(
            "Het antwoord op vraag {number} past al binnen zijn paginabudget ({pages} van "
            "{budget} pagina's)."
        ).format(number=question.number, pages=dutch_number(pages), budget=dutch_number(budget, trim=True)))
    target = words_within_budget(call, question_id, answer)
    keep = [p for p in question.subpart_ids if p in set(covered_parts(answer))]
    labels = {p.id: p.label for p in question.subparts}
    redactor = redactor_for(proposal, call)

    def keeps_parts_and_fits(reply: BaseModel) -> None:
        text = redactor.restore(reply.revised_answer)  # type: ignore[attr-defined]
        lost = [labels[p] for p in keep if p not in set(covered_parts(text))]
        pages_now = pages_of(call, question_id, text)
        problems = []
        if lost:
            problems.append("deze deelvragen zijn niet meer beantwoord: " + ", ".join(lost))
        if pages_now > budget:
            problems.append(f"nog te lang: {pages_now:.1f} pagina's waar {budget:g} past (hoogstens {target} woorden)")
        if problems:
            raise ReplyInvalid("De ingekorte tekst voldoet niet: " + "; ".join(problems) + ".")

    values = {**question_values(question, call), "answer": as_data(redactor.mask(answer)), "words": str(words),
              "target_words": str(target), "keep_parts": ", ".join(labels[p] for p in keep) or "(geen)"}
    output, exchange = _revision_call(session, "shorten", values, f"inkorten {question_id}", keeps_parts_and_fits,
                                      cancel, _output_tokens_for(target, session), progress)
    return _revision(proposal, call, question_id, "inkorten", answer, output, redactor, session, exchange)


def offline_coverage(call: Call, question_id: str, addendum_text: str | None) -> Callable[[str], set[str]]:
    """The offline rules' answer to "which sub-parts does this text cover?"."""
    from assistant.review.offline import review_question  # noqa: PLC0415

    def covered(text: str) -> set[str]:
        review = review_question(call, question_id, text, addendum_text=addendum_text)
        return {part.id for part in review.parts if part.covered}

    return covered


def fact_sources(proposal: Proposal, call: Call, question_id: str) -> list[str]:
    """What a suggested text may take facts from: the answer, the applicant's replies (with the questions
    they answer), the addendum, section B and the question itself."""
    question = call.question(question_id)
    answer = proposal.answers.get(question_id)
    addendum = proposal.addendum()
    sources = [proposal.answer_text(question_id), question.theme, question.text, *(i.text for i in question.items),
               *proposal.fields.values()]
    sources += [f"{f.question}\n{f.reply}" for f in (answer.followups if answer else []) if f.reply.strip()]
    sources += [addendum.text] if addendum else []
    return sources


def _revision(proposal: Proposal, call: Call, question_id: str, purpose: str, original: str, output: RevisionOutput,
              redactor: Redactor, session: LLMSession, exchange: Exchange) -> RevisionProposal:
    text, unverified = mark_unverified(redactor.restore(output.revised_answer).strip(),
                                       fact_sources(proposal, call, question_id))
    return RevisionProposal(
        question_id=question_id, purpose=purpose, original=original, text=text,
        changes=redactor.restore(output.changes), unverified=unverified, usage=usage_of(session, exchange),
    )

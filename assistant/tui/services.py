"""The app's one door to review, layout and LLM code: thin calls with lazy imports.

Nothing heavy (python-docx, openai, the review rules) is imported at module level, so the app opens fast;
each function imports what it needs the first time it runs.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.call import Call
    from assistant.config import Settings  # pydantic-settings stays off the start-up path
    from assistant.draft.models import FollowUp, Proposal
    from assistant.review.findings import FieldCheck, Finding, PageReport, QuestionReview, Report
    from assistant.review.llm.session import LLMSession


class ExportError(AssistantError):
    """An export that was refused or could not be written."""


def page_report(proposal: Proposal, call: Call) -> PageReport:
    from assistant.layout.estimate import estimate_pages  # noqa: PLC0415

    return estimate_pages(proposal, call)


def review_question(proposal: Proposal, call: Call, question_id: str, pages: PageReport) -> QuestionReview:
    """The offline review of one answer, as the user types (milliseconds)."""
    from assistant.review.offline import review_question as review  # noqa: PLC0415

    attachment = proposal.addendum()
    return review(
        call,
        question_id,
        proposal.answer_text(question_id),
        pages=next((q.pages for q in pages.per_question if q.id == question_id), None),
        addendum_text=attachment.text if attachment else None,
        section_over_limit=pages.over_limit,
    )


def check_field(call: Call, field_id: str, value: str) -> FieldCheck:
    from assistant.review.fields import check_field as check  # noqa: PLC0415

    return check(call.field(field_id), value)


def report(proposal: Proposal, call: Call) -> Report:
    """The whole offline report: blocking problems, fields, every question, the addendum's challenges."""
    from assistant.review.offline import review_proposal  # noqa: PLC0415

    return review_proposal(proposal, call, page_report(proposal, call))


EXPORT_FORMATS = (".docx", ".md", ".pdf")


def needs_proof(estimate: PageReport) -> bool:
    """Whether the estimate is too close to the limit to decide without LibreOffice."""
    from assistant.layout.pages import needs_rendering  # noqa: PLC0415

    return needs_rendering(estimate)


def proof_pages(proposal: Proposal, call: Call) -> PageReport:
    """The estimate, with LibreOffice's count when the estimate is too close to the limit to decide."""
    from assistant.layout.export import proof_pages as proof  # noqa: PLC0415

    return proof(proposal, call)[0]


def export(proposal: Proposal, call: Call, path: Path, force: bool = False) -> list[str]:
    """Write the proposal to `path` in the format its suffix names; returns notes for the user.
    A .docx or .pdf with section D over the limit is refused unless `force`."""
    from assistant.layout.export import FORMATS, PageLimitError, export_proposal  # noqa: PLC0415

    if path.suffix.lower() not in FORMATS:
        raise ExportError(f"Onbekend formaat '{path.suffix or '(geen)'}'; kies .docx, .md of .pdf.")
    try:
        result = export_proposal(proposal, call, path, force=force)
    except PageLimitError as exc:
        raise ExportError(f"{exc} Kort in, of kies 'Toch schrijven'.") from None
    return result.notes + ([f"{result.over_limit} (toch geschreven)"] if result.over_limit else [])


def rendered_page_report(proposal: Proposal, call: Call) -> PageReport:
    """Section D rendered by LibreOffice and counted (seconds; run it in a worker)."""
    from assistant.layout.pages import render_page_report  # noqa: PLC0415

    return render_page_report(proposal, call)


def attach_addendum(proposal: Proposal, path: Path) -> bool:
    """Read the lokaal addendum's text into the proposal; whether it was new."""
    from assistant.draft.attachments import attach  # noqa: PLC0415

    return attach(proposal, path)[1]



def open_llm_session(settings: Settings) -> LLMSession:
    """The LLM endpoint and model (imports the openai SDK; run in a worker). Tests replace this one seam."""
    from assistant.review.llm.session import open_session  # noqa: PLC0415

    return open_session(settings)


def llm_review(
    proposal: Proposal, call: Call, question_id: str, settings: Settings, cancel: threading.Event
) -> tuple[list[Finding], list[str]]:
    """The LLM's findings on one answer and its follow-up questions (seconds; run it in a worker).
    Raises LLMError with a Dutch message; the answer is never touched."""
    from assistant.review.llm.calibration import stored_verdict  # noqa: PLC0415
    from assistant.review.llm.review import llm_findings, review_with_llm  # noqa: PLC0415
    from assistant.review.offline import review_question as rules_review  # noqa: PLC0415

    session = open_llm_session(settings)
    review = review_with_llm(proposal, call, question_id, settings, cancel=cancel, session=session)
    calibrated = stored_verdict(session.endpoint.base_url, session.model)
    trusted = calibrated is not None and calibrated[1] == "geschikt"
    rules = rules_review(call, question_id, proposal.answer_text(question_id)) if trusted else None
    return llm_findings(review, call, trusted=trusted, rules=rules), list(review.output.followup_questions)


def record_followups(proposal: Proposal, question_id: str, questions: list[str]) -> list[FollowUp]:
    from assistant.review.llm.review import record_followups as record  # noqa: PLC0415

    return record(proposal, question_id, questions)


def propose_revision(
    proposal: Proposal, call: Call, question_id: str, settings: Settings, cancel: threading.Event, shorter: bool
) -> tuple[str, list[str]]:
    """An LLM rewrite of the answer, never applied here: (revised text, what changed). `shorter` asks for a
    version within the page budget that keeps every covered sub-part; otherwise the follow-up replies are
    worked in."""
    from assistant.review.llm import revise  # noqa: PLC0415

    propose = revise.propose_shorter if shorter else revise.propose_followup_revision
    proposal_text = propose(proposal, call, question_id, settings, cancel=cancel, session=open_llm_session(settings))
    return proposal_text.text, proposal_text.changes

"""The app's one door to review, layout and LLM code: thin calls with lazy imports.

Nothing heavy (python-docx, openai, the review rules) is imported at module level, so the app opens fast;
each function imports what it needs the first time it runs.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError
from assistant.i18n import N_, _

if TYPE_CHECKING:
    from rich.text import Text

    from assistant.call import Call
    from assistant.config import Settings  # pydantic-settings stays off the start-up path
    from assistant.draft.models import FollowUp, Proposal
    from assistant.draft.word_changes import WordChanges
    from assistant.layout.report import PageReport
    from assistant.review.crossclient import OtherProposals
    from assistant.review.findings import FieldCheck, Finding, QuestionReview, Report
    from assistant.review.llm.calibration import ItemCallback
    from assistant.review.llm.ladder import ProgressCallback
    from assistant.review.llm.session import LLMSession
    from assistant.review.portfolio import Portfolio


class ExportError(AssistantError):
    """An export that was refused or could not be written."""


def page_report(proposal: Proposal, call: Call) -> PageReport:
    from assistant.layout.estimate import estimate_pages  # noqa: PLC0415

    return estimate_pages(proposal, call)


def review_question(
    proposal: Proposal, call: Call, question_id: str, pages: PageReport, path: Path | None = None
) -> QuestionReview:
    """The offline review of one answer, as the user types (milliseconds). With the proposal's `path`,
    the findings across clients join it (other proposals in the data folder; see `other_clients`)."""
    from assistant.review.findings import SEVERITY_ORDER  # noqa: PLC0415
    from assistant.review.offline import review_question as review  # noqa: PLC0415

    attachment = proposal.addendum()
    result = review(
        call,
        question_id,
        proposal.answer_text(question_id),
        pages=next((q.pages for q in pages.per_question if q.id == question_id), None),
        addendum_text=attachment.text if attachment else None,
        section_over_limit=pages.over_limit,
    )
    others = other_clients(path) if path is not None else None
    if others is None:
        return result
    extra = others.answer_findings(proposal, call, question_id)
    if not extra:
        return result
    findings = sorted([*result.findings, *extra], key=lambda f: SEVERITY_ORDER[f.severity])
    return result.model_copy(update={"findings": findings})


REFRESH_OTHERS_S = 2.0  # how often the other clients' files are looked at again, in a thread
_others: dict[Path, OtherProposals] = {}
_others_checked: dict[Path, float] = {}
_others_lock = threading.Lock()


def other_clients(path: Path, build: bool = False) -> OtherProposals | None:
    """The other proposals of the data folder, indexed, for the proposal at `path`; None until built.

    `build=True` builds it (seconds for hundreds of proposals: call it in a worker, as the interview's
    first review does). Afterwards the files are looked at again at most every REFRESH_OTHERS_S, in a
    daemon thread, so a review after a pause only reads the index (a few ms)."""
    from assistant.review.crossclient import OtherProposals  # noqa: PLC0415

    with _others_lock:
        others = _others.get(path)
    if others is None:
        if not build:
            return None
        others = OtherProposals(exclude=path)
        with _others_lock:
            others = _others.setdefault(path, others)
            _others_checked[path] = time.monotonic()
        return others
    with _others_lock:
        due = time.monotonic() - _others_checked.get(path, 0.0) >= REFRESH_OTHERS_S
        if due:
            _others_checked[path] = time.monotonic()
    if due:
        threading.Thread(target=_refresh_quietly, args=(others,), name="other-clients", daemon=True).start()
    return others


def _refresh_quietly(others: OtherProposals) -> None:
    try:
        others.refresh()
    except OSError:
        pass  # the folder went away for a moment: the last index stays


def check_field(call: Call, field_id: str, value: str) -> FieldCheck:
    from assistant.review.fields import check_field as check  # noqa: PLC0415

    return check(call.field(field_id), value)


def report(proposal: Proposal, call: Call) -> Report:
    """The whole offline report: blocking problems, fields, every question, the addendum's challenges."""
    from assistant.review.offline import review_proposal  # noqa: PLC0415

    return review_proposal(proposal, call, page_report(proposal, call))


def read_word_file(path: Path, call: Call) -> WordChanges:
    """A Word file the client edited: its tracked changes and comments, per question."""
    from assistant.draft.word_changes import read_changes  # noqa: PLC0415

    return read_changes(path, call)


def take_over_word(proposal: Proposal, word: WordChanges, accepted: set[int], source: str) -> tuple[list[str], int]:
    """Fields and answers as the file reads with the `accepted` changes, and the client's comments as notes:
    the items changed and the number of notes added."""
    from assistant.draft.word_changes import add_notes  # noqa: PLC0415

    changed = word.read(accepted).apply(proposal)
    return changed, add_notes(proposal, word.client_comments, source)


EXPORT_FORMATS = (".docx", ".md", ".pdf")


def needs_proof(estimate: PageReport) -> bool:
    """Whether the estimate is too close to the limit to decide without LibreOffice."""
    from assistant.layout.pages import needs_rendering  # noqa: PLC0415

    return needs_rendering(estimate)


def over_limit_message(report: PageReport) -> str:
    """By how much section D is too long and which answers overshoot their budget (the CLI's wording)."""
    from assistant.layout.pages import over_limit_message as message  # noqa: PLC0415

    return message(report)


def proof_pages(proposal: Proposal, call: Call) -> PageReport:
    """The estimate, with LibreOffice's count when the estimate is too close to the limit to decide."""
    from assistant.layout.export import proof_pages as proof  # noqa: PLC0415

    return proof(proposal, call)[0]


def export(
    proposal: Proposal,
    call: Call,
    path: Path,
    force: bool = False,
    source: Path | None = None,
    overwrite: bool = False,
    comments: bool = False,
) -> list[str]:
    """Write the proposal to `path` in the format its suffix names; returns notes for the user.
    A .docx or .pdf with section D over the limit is refused unless `force`; the proposal's own file
    (`source`) is never written over, another existing file only with `overwrite` (ConfirmOverwrite).
    `comments` puts every review finding in a .docx as a Word comment."""
    from assistant.layout.export import PageLimitError, export_kind, export_proposal  # noqa: PLC0415

    kind = export_kind(path)
    if not path.parent.is_dir():  # as `export -o`: a typing error in the folder does not quietly make folders
        raise ExportError(
            _("Map {folder} bestaat niet. Maak ze eerst aan, of kies een andere plaats voor {name}.").format(
                folder=path.parent, name=path.name
            )
        )
    try:
        comment_notes = report(proposal, call).comment_notes() if comments and kind == "docx" else ()
        result = export_proposal(
            proposal, call, path, force=force, sources=[source] if source else [], overwrite=overwrite, notes=comment_notes
        )
    except PageLimitError as exc:
        raise ExportError(_("{exc} Kort in, of kies 'Toch schrijven'.").format(exc=exc)) from None
    notes = result.notes + ([result.over_limit + _(" (toch geschreven)")] if result.over_limit else [])
    backup = _("het vorige bestand is bewaard als {name}").format(name=result.backup.name) if result.backup else None
    return notes + ([backup] if backup else [])


def rendered_page_report(proposal: Proposal, call: Call) -> PageReport:
    """Section D rendered by LibreOffice and counted (seconds; run it in a worker)."""
    from assistant.layout.pages import render_page_report  # noqa: PLC0415

    return render_page_report(proposal, call)


def used_pages(report: PageReport) -> float:
    """Section D in pages as a fraction: rendered pages with the used part of the last, else the estimate."""
    from assistant.layout.pages import used_pages as used  # noqa: PLC0415

    return used(report)


def exact_proof(report: PageReport) -> bool:
    """Whether LibreOffice's count is exact: set in Carlito or Calibri, the fonts the form is measured on."""
    from assistant.layout.pages import exact_proof as exact  # noqa: PLC0415

    return exact(report)


def attach_addendum(proposal: Proposal, path: Path) -> bool:
    """Read the lokaal addendum's text into the proposal; whether it was new."""
    from assistant.draft.attachments import attach  # noqa: PLC0415

    return attach(proposal, path)[1]



def open_llm_session(settings: Settings) -> LLMSession:
    """The LLM endpoint and model (imports the openai SDK; run in a worker). Tests replace this one seam."""
    from assistant.review.llm.session import open_session  # noqa: PLC0415

    return open_session(settings)


class UnfitModel(AssistantError):
    """The configured model was calibrated ongeschikt: not asked unless the user chooses to (advice only)."""


UNFIT_HINT_APP = N_("Kies een sterker model in Instellingen (F9), of laat het toch lezen, enkel als advies.")


def fit_or_refuse(session: LLMSession, allow_unfit: bool) -> str | None:
    """The model's stored calibration verdict (None: not calibrated); UnfitModel for one calibrated
    ongeschikt, before anything is sent, unless the user chose it anyway."""
    from assistant.review.llm.calibration import ensure_fit  # noqa: PLC0415
    from assistant.review.llm.errors import LLMError  # noqa: PLC0415

    try:
        return ensure_fit(session.endpoint.base_url, session.model, allow_unfit=allow_unfit, hint=UNFIT_HINT_APP)
    except LLMError as exc:
        raise UnfitModel(str(exc)) from None


def llm_review(
    proposal: Proposal, call: Call, question_id: str, settings: Settings, cancel: threading.Event,
    progress: ProgressCallback | None = None, allow_unfit: bool = False,
) -> tuple[list[Finding], list[str]]:
    """The LLM's findings on one answer and its follow-up questions (seconds; run it in a worker).
    `progress` is called from this thread as the reply streams. Raises LLMError with a Dutch message,
    UnfitModel (before anything is sent) for a model calibrated ongeschikt unless `allow_unfit`;
    the answer is never touched."""
    from assistant.review.llm.provider import ensure_allowed  # noqa: PLC0415
    from assistant.review.llm.review import llm_findings, review_with_llm  # noqa: PLC0415
    from assistant.review.offline import review_question as rules_review  # noqa: PLC0415

    ensure_allowed(proposal.llm_privacy, settings)  # before the session: nothing at all leaves otherwise
    session = open_llm_session(settings)
    verdict = fit_or_refuse(session, allow_unfit)
    review = review_with_llm(proposal, call, question_id, settings, cancel=cancel, session=session, progress=progress)
    trusted = verdict == "geschikt"
    rules = rules_review(call, question_id, proposal.answer_text(question_id)) if trusted else None
    return llm_findings(review, call, trusted=trusted, rules=rules), list(review.output.followup_questions)


def record_followups(proposal: Proposal, question_id: str, questions: list[str]) -> list[FollowUp]:
    from assistant.review.llm.review import record_followups as record  # noqa: PLC0415

    return record(proposal, question_id, questions)


def propose_revision(
    proposal: Proposal, call: Call, question_id: str, settings: Settings, cancel: threading.Event, shorter: bool,
    progress: ProgressCallback | None = None, allow_unfit: bool = False,
) -> tuple[str, list[str], list[str]]:
    """An LLM rewrite of the answer, never applied here: (revised text with its facts to check marked, what
    changed, the marked facts). `shorter` asks for a version within the page budget that keeps every covered
    sub-part; otherwise the follow-up replies are worked in. A model calibrated ongeschikt is refused as for
    a review (UnfitModel, nothing sent) unless `allow_unfit`."""
    from assistant.review.llm import revise  # noqa: PLC0415
    from assistant.review.llm.provider import ensure_allowed  # noqa: PLC0415

    ensure_allowed(proposal.llm_privacy, settings)
    session = open_llm_session(settings)
    fit_or_refuse(session, allow_unfit)
    propose = revise.propose_shorter if shorter else revise.propose_followup_revision
    proposal_text = propose(proposal, call, question_id, settings, cancel=cancel, session=session, progress=progress)
    return proposal_text.text, proposal_text.changes, proposal_text.unverified


# ---------------------------------------------------------------- the consultant's desk (start screen)
def desk_folder(place: str | None = None) -> Path:
    """The data folder, or its archive or trash ('archief', 'prullenbak')."""
    from assistant import locations  # noqa: PLC0415

    folder = locations.proposals_dir()
    return folder / place if place else folder


def desk_portfolio(place: str | None = None) -> Portfolio | None:
    """The status of every proposal in the data folder (or its archive or trash), from the index where it
    is fresh; None when the folder does not exist yet."""
    from assistant.review.portfolio import load_portfolio  # noqa: PLC0415

    folder = desk_folder(place)
    return load_portfolio(folder) if folder.is_dir() else None


def desk_changed(place: str | None, seen: dict[str, tuple[int, int]]) -> bool:
    """Whether the folder's proposals differ from `seen` (added, removed, or saved by another process)."""
    from assistant.review.portfolio import proposal_files  # noqa: PLC0415

    folder = desk_folder(place)
    try:
        return (proposal_files(folder) if folder.is_dir() else {}) != seen
    except (OSError, AssistantError):
        return False  # the folder went away for a moment, or grew too large: the next look decides


def deadline_text(deadline: str | None) -> Text | str:
    """A status entry's deadline with the days left ('—' without one); red once it is a week away or passed."""
    from datetime import date  # noqa: PLC0415

    from rich.text import Text  # noqa: PLC0415

    from assistant.draft.client import days_left, describe_deadline  # noqa: PLC0415

    if not deadline:
        return "—"
    day = date.fromisoformat(deadline)
    return Text(describe_deadline(day), style="bold red" if days_left(day) <= 7 else "")


def desk_sorted(entries: list[dict], sort: str) -> list[dict]:
    """Status entries in the order `status --sorteer` gives (most recent and most blocked first)."""
    from assistant.review.portfolio import REVERSED, SORT_KEYS  # noqa: PLC0415

    return sorted(entries, key=SORT_KEYS[sort], reverse=sort in REVERSED)


def folded(text: str) -> str:
    """Text as the search compares it: lower case, no accents, single spaces."""
    from assistant.review.portfolio import fold  # noqa: PLC0415

    return fold(text)


def desk_elsewhere(place: str | None = None) -> list[tuple[dict, str]]:
    """Status entries and search texts of the recent proposals kept outside the data folder, in use or in
    their folder's archive or trash (`place`), read one by one."""
    from assistant.draft.workspace import recent_elsewhere  # noqa: PLC0415
    from assistant.review.portfolio import entry_of, search_text_of_file  # noqa: PLC0415

    found = []
    for path in recent_elsewhere(place):
        entry = entry_of(path)
        if entry is not None:
            found.append((entry, search_text_of_file(path)))
    return found


def manage(action: str, path: Path, name: str = "") -> Path:
    """rename, duplicate (both with `name`), archive, delete or restore the proposal at `path`; the new path."""
    from assistant.draft import manage as actions  # noqa: PLC0415

    if action in ("rename", "duplicate"):
        return getattr(actions, action)(path, name)
    return getattr(actions, action)(path)


def answer_sources(question_id: str, own: Path) -> list[tuple[str, Path]]:
    """The other proposals of the data folder that answer `question_id` (from the status index), as
    ("name (organisation)", path), by name."""
    portfolio = desk_portfolio()
    if portfolio is None:
        return []
    own_path = str(own.resolve())
    found = []
    for entry in portfolio.proposals:
        answered = any(q["id"] == question_id and q["level"] != "ontbreekt" for q in entry["questions"])
        if answered and entry["path"] != own_path:
            organisation = f" ({entry['organisation']})" if entry["organisation"] and entry["organisation"] != entry["name"] else ""
            found.append((f"{entry['name']}{organisation}", Path(entry["path"])))
    return sorted(found, key=lambda item: folded(item[0]))


def copy_answer(proposal: Proposal, question_id: str, source: Path, replace: bool = False) -> bool:
    """Copy another proposal's answer into this one (in memory; the session saves it), the copy recorded."""
    from assistant.draft.manage import copy_answer as copy  # noqa: PLC0415

    return copy(proposal, question_id, source, replace)


def calibration_line(settings: Settings) -> str:
    """How the configured model did in `llm ijken` (stored; nothing is sent)."""
    from assistant.review.llm.calibration import for_settings  # noqa: PLC0415 - no SDK behind it

    try:
        return for_settings(settings)
    except AssistantError as exc:  # a config that does not resolve: the settings fields say what to fix
        return f"IJking: {exc}"


def calibration_size() -> int:
    """How many answers the shipped calibration set holds."""
    from assistant.review.llm.calibration import load_set  # noqa: PLC0415

    return len(load_set().answers)


def calibrate(
    settings: Settings, max_items: int | None, restart: bool, on_item: ItemCallback, progress: ProgressCallback,
    cancel: threading.Event,
) -> tuple[str, list[str]]:
    """`llm ijken` for the app (minutes; run it in a worker): the set's answers not yet done, saved after each
    one, so a cancelled run resumes. Returns the stored calibration's line and the verdict's reasons.
    Raises LLMError (the endpoint failed, or cancelled: what was done is kept)."""
    from assistant.call import load_call  # noqa: PLC0415
    from assistant.review.llm import calibration  # noqa: PLC0415

    result = calibration.run(settings, load_call(), session=open_llm_session(settings), max_items=max_items,
                             restart=restart, on_item=on_item, progress=progress, cancel=cancel)
    return calibration.describe(result), result.verdict()[1]

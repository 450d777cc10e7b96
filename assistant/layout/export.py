"""Writing a proposal out as .docx, .pdf or .md: the one implementation the CLI and the app share.

Word and PDF refuse a section D over the page limit unless forced: the estimate decides when it is
clearly under or over, LibreOffice's rendering when it is close (and always for a PDF, which is rendered).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from assistant import exit_codes
from assistant.call.models import Call
from assistant.draft.markdown import to_markdown
from assistant.draft.models import Proposal
from assistant.draft.store import write_file_atomic
from assistant.errors import AssistantError, ProposalFileError, UsageError
from assistant.layout.document import build_docx
from assistant.layout.estimate import estimate_pages
from assistant.layout.pages import (
    needs_rendering,
    nl_number,
    over_limit_message,
    render_page_report,
    render_pdf,
    with_rendering,
)
from assistant.layout.render import find_soffice, renderer_version, section_pages
from assistant.layout.report import PageReport

FORMATS = {".docx": "docx", ".pdf": "pdf", ".md": "md", ".markdown": "md"}


class PageLimitError(AssistantError):
    """Section D is longer than the call allows; the message says by how much and where."""

    exit_code = exit_codes.BLOCKING


@dataclass
class ExportResult:
    path: Path
    notes: list[str] = field(default_factory=list)  # Dutch, for the user: dropped characters, a missing renderer
    pages: PageReport | None = None
    over_limit: str | None = None  # why section D is too long, when written anyway (forced)


def proof_pages(proposal: Proposal, call: Call) -> tuple[PageReport, str | None]:
    """The estimate, with LibreOffice's count when the estimate is too close to the limit to decide;
    the second value warns when that count was needed but LibreOffice is missing."""
    report = estimate_pages(proposal, call)
    if not needs_rendering(report):
        return report, None
    if find_soffice() is None:
        return report, (
            f"sectie D is geschat op {nl_number(report.estimated)} pagina's, dicht bij het maximum van "
            f"{report.limit}; zonder LibreOffice kan dat niet exact nagekeken worden"
        )
    return render_page_report(proposal, call), None


def _check_length(report: PageReport, force: bool, result: ExportResult) -> None:
    if not report.over_limit:
        return
    if not force:
        raise PageLimitError(over_limit_message(report))
    result.over_limit = over_limit_message(report)


def _make_shareable(path: Path) -> None:
    """An export is handed on: the usual permissions (the umask's), not the temporary file's 0600."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)


def export_proposal(proposal: Proposal, call: Call, path: Path, *, force: bool = False) -> ExportResult:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UsageError(f"{path}: onbekend formaat '{path.suffix or '(geen)'}'; gebruik .docx, .pdf of .md.")
    result = ExportResult(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "md":
            write_file_atomic(path, to_markdown(proposal, call).encode("utf-8"))
        elif kind == "docx":
            result.pages, warning = proof_pages(proposal, call)
            result.notes += [warning] if warning else []
            _check_length(result.pages, force, result)
            built = build_docx(proposal, call)
            write_file_atomic(path, built.data)
            result.notes += built.notes()
        else:
            with tempfile.TemporaryDirectory(prefix="wse-export-") as tmp:
                pdf, built = render_pdf(proposal, call, Path(tmp))  # a clear error without LibreOffice
                version = renderer_version(find_soffice() or "soffice")
                result.pages = with_rendering(estimate_pages(proposal, call), section_pages(pdf, call), version)
                _check_length(result.pages, force, result)
                shutil.copyfile(pdf, path)
            result.notes += built.notes()
        _make_shareable(path)
    except OSError as exc:
        raise ProposalFileError(f"{path} kan niet geschreven worden: {exc.strerror or exc}.") from None
    return result

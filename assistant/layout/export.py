"""Writing a proposal out as .docx, .pdf or .md: the one implementation the CLI and the app share.

Word and PDF refuse a section D over the page limit unless forced: the estimate decides when it is
clearly under or over, LibreOffice's rendering when it is close (and always for a PDF, which is rendered).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant import exit_codes, locations
from assistant.call.models import Call
from assistant.draft.markdown import to_markdown
from assistant.draft.models import Proposal
from assistant.draft.store import real_path, write_file_atomic
from assistant.errors import (
    AssistantError,
    ConfirmOverwrite,
    OverwriteError,
    ProposalFileError,
    UsageError,
    os_error_text,
)
from assistant.i18n import _
from assistant.layout.document import build_docx
from assistant.layout.estimate import estimate_pages
from assistant.layout.pages import (
    exact_proof,
    needs_rendering,
    nl_number,
    over_limit_message,
    render_page_report,
    render_pdf,
    with_rendering,
)
from assistant.layout.render import find_soffice, renderer_version, section_pages
from assistant.layout.report import PageReport
from assistant.layout.structure import Note

FORMATS = {".docx": "docx", ".pdf": "pdf", ".md": "md", ".markdown": "md"}
WRITTEN_KEEP = 1000  # exports remembered as the tool's own (so writing them again needs no confirmation)


def export_kind(path: Path) -> str:
    """The format the file name asks for ("docx", "pdf" or "md"); a clear message for any other suffix."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UsageError(_(
            "Onbekend formaat '{value}' voor {name}; gebruik .docx, .pdf of .md."
        ).format(value=path.suffix or _('(geen)'), name=path.name))
    return kind


class PageLimitError(AssistantError):
    """Section D is longer than the call allows; the message says by how much and where."""

    exit_code = exit_codes.BLOCKING


@dataclass
class ExportResult:
    path: Path
    notes: list[str] = field(default_factory=list)  # Dutch, for the user: dropped characters, a missing renderer
    pages: PageReport | None = None
    over_limit: str | None = None  # why section D is too long, when written anyway (forced)
    backup: Path | None = None  # where the file that was overwritten (confirmed) is kept


def proof_pages(proposal: Proposal, call: Call) -> tuple[PageReport, str | None]:
    """The estimate, with LibreOffice's count when the estimate is too close to the limit to decide;
    the second value warns when that count was needed but LibreOffice is missing."""
    report = estimate_pages(proposal, call)
    if not needs_rendering(report):
        return report, None
    if find_soffice() is None:
        return report, _(
            "sectie {section} is geschat op {pages} pagina's, dicht bij het maximum van {limit}; "
            "zonder LibreOffice kan dat niet exact nagekeken worden"
        ).format(section=report.section, pages=nl_number(report.estimated), limit=report.limit)
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


# ------------------------------------------------------------------ never write over what is not ours
def _written_record() -> Path:
    return locations.data_dir() / "exports.json"


def _load_written() -> dict[str, list]:
    try:
        data = json.loads(_written_record().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _digest(path: Path) -> tuple[int, str]:
    with path.open("rb") as handle:
        return os.fstat(handle.fileno()).st_size, hashlib.file_digest(handle, "sha256").hexdigest()


def _remember_written(path: Path) -> None:
    """Note that the tool wrote this file with this content (losing the note only costs a confirmation)."""
    written = _load_written()
    key = str(path.absolute())
    written.pop(key, None)
    written[key] = list(_digest(path))
    kept = dict(list(written.items())[-WRITTEN_KEEP:])
    try:
        _written_record().parent.mkdir(parents=True, exist_ok=True)
        write_file_atomic(_written_record(), json.dumps(kept, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass


def _written_by_us(path: Path) -> bool:
    """The file is an export of ours, unchanged since (a file edited in Word afterwards is the user's)."""
    known = _load_written().get(str(path.absolute()))
    if not isinstance(known, list) or len(known) != 2:
        return False
    try:
        return path.stat().st_size == known[0] and _digest(path)[1] == known[1]
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_overwrite(path: Path, sources: Iterable[Path] = (), *, overwrite: bool = False) -> bool:
    """Whether writing `path` replaces a file that must be kept as a backup first.

    An input of this export is never written over (OverwriteError); an existing file the tool did not
    write, or that changed since, only when `overwrite` is given (else ConfirmOverwrite).
    """
    if any(_same_file(path, source) for source in sources):
        raise OverwriteError(_("{path} is het bestand waaruit geëxporteerd wordt; kies een andere naam voor de export.").format(path=path))
    if not path.exists() and not path.is_symlink():
        return False
    if path.is_dir():
        raise OverwriteError(_("{path} is een map; geef een bestandsnaam op.").format(path=path))
    if _written_by_us(real_path(path)):
        return False
    if not overwrite:
        raise ConfirmOverwrite(_("{path} bestaat al en is niet door wse-assistant geschreven (of is sindsdien gewijzigd).").format(path=path))
    return True


def backup_name(path: Path) -> Path:
    """'verslag.docx' -> 'verslag (reservekopie).docx', numbered when that exists: it still opens in Word."""
    for number in range(1, 1000):
        label = "reservekopie" if number == 1 else f"reservekopie {number}"
        candidate = path.with_name(f"{path.stem} ({label}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise OverwriteError(_("Te veel reservekopieën naast {path}; ruim er enkele op.").format(path=path))


def export_proposal(
    proposal: Proposal,
    call: Call,
    path: Path,
    *,
    force: bool = False,
    sources: Iterable[Path] = (),
    overwrite: bool = False,
    notes: Sequence[Note] = (),
) -> ExportResult:
    """Write the export. `force` writes a section D over the limit; `sources` are the files the proposal was
    read from (never written over); `overwrite` confirms replacing a file that is not an export of ours,
    which is kept as a backup first; `notes` become Word comments (.docx only)."""
    kind = export_kind(path)
    needs_backup = check_overwrite(path, sources, overwrite=overwrite)
    target = real_path(path)  # through a link the real file is written, the link stays
    result = ExportResult(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "md":
            data = to_markdown(proposal, call).encode("utf-8")
        elif kind == "docx":
            result.pages, warning = proof_pages(proposal, call)
            result.notes += [warning] if warning else []
            _check_length(result.pages, force, result)
            built = build_docx(proposal, call, notes)
            data = built.data
            result.notes += built.notes()
        else:
            with tempfile.TemporaryDirectory(prefix="wse-export-") as tmp:
                pdf, built = render_pdf(proposal, call, Path(tmp))  # a clear error without LibreOffice
                version = renderer_version(find_soffice() or "soffice")
                result.pages = with_rendering(estimate_pages(proposal, call), section_pages(pdf, call), version)
                _check_length(result.pages, force, result)
                data = pdf.read_bytes()
            result.notes += built.notes()
        if result.pages is not None and result.pages.rendered is not None and not exact_proof(result.pages):
            result.notes.append(result.pages.note or "")  # counted in another font: said, never passed off as exact
        if needs_backup and target.exists():  # a dangling link has nothing to keep
            result.backup = backup_name(target)
            shutil.copy2(target, result.backup)
        write_file_atomic(target, data)
        _make_shareable(target)
        _remember_written(target)
    except OSError as exc:
        raise ProposalFileError(_("{path} kan niet geschreven worden: {error}.").format(path=path, error=os_error_text(exc))) from None
    return result

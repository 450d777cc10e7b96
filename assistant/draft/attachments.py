"""The lokaal addendum (or another document) attached to a proposal: its text, extracted once and kept."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from assistant.draft.limits import (
    MAX_ADDENDUM_CHARS,
    MAX_PDF_BYTES,
    check_docx_package,
    read_markdown_file,
    require_file,
    too_large,
)
from assistant.draft.markdown import MARKDOWN_SUFFIXES
from assistant.draft.models import Attachment, Proposal
from assistant.draft.text import normalize_answer
from assistant.errors import ImportFormatError, InputTooLargeError, os_error_text
from assistant.i18n import _

ATTACHMENT_SUFFIXES = MARKDOWN_SUFFIXES | {".pdf", ".docx"}


def _text_too_long(path: Path) -> InputTooLargeError:
    limit = f"{MAX_ADDENDUM_CHARS:_}".replace("_", ".")
    return InputTooLargeError(_(
        "{path} bevat te veel tekst: van een addendum wordt hoogstens {limit} tekens bewaard."
    ).format(path=path, limit=limit))


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 - only attaching a PDF needs it
    from pypdf.errors import DependencyError  # noqa: PLC0415

    # pypdf logs its repairs of damaged files; the user gets one message of ours instead.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise too_large(path, _("een PDF"), MAX_PDF_BYTES, size)
    try:
        reader = PdfReader(path)
        # An encrypted PDF that opens without a password (only printing or copying is restricted) is read.
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFormatError(
                _("{path} is beveiligd met een wachtwoord; bewaar of exporteer het zonder wachtwoord en voeg het opnieuw toe.").format(path=path)
            )
        pages, length = [], 0
        for page in reader.pages:  # page by page, so a huge text stops at the limit instead of after it
            text = page.extract_text() or ""
            length += len(text)
            if length > MAX_ADDENDUM_CHARS:
                raise _text_too_long(path)
            pages.append(text)
        return "\n\n".join(pages)
    except (ImportFormatError, InputTooLargeError):
        raise
    except DependencyError:
        raise ImportFormatError(
            _(
                "{path} is versleuteld op een manier die zonder het pakket 'cryptography' niet gelezen kan "
                "worden; installeer wse-assistant opnieuw."
            ).format(path=path)
        ) from None
    except Exception as exc:  # noqa: BLE001 - a damaged or hostile PDF can fail anywhere inside pypdf
        raise ImportFormatError(_("{path} is geen leesbare PDF ({error_type}).").format(path=path, error_type=type(exc).__name__)) from None


def _docx_text(path: Path) -> str:
    import zipfile  # noqa: PLC0415

    import docx  # noqa: PLC0415
    from docx.opc.exceptions import PackageNotFoundError  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from lxml import etree  # noqa: PLC0415

    from assistant.draft.docx_import import body_elements  # noqa: PLC0415

    check_docx_package(path, ImportFormatError)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError):
        raise ImportFormatError(_("{path} is geen leesbaar Word-document (.docx).").format(path=path)) from None
    blocks = []
    for element in body_elements(document.element.body):
        if element.tag == qn("w:p"):
            blocks.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
        else:  # a table: one line per row, cells separated by " | "
            for row in element.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                blocks.append(" | ".join(cells))
    return "\n".join(blocks)


def extract_text(path: str | Path) -> str:
    """The text of a .pdf, .docx, .md or .txt file, with Unix newlines and no blank ends."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ATTACHMENT_SUFFIXES:
        raise ImportFormatError(
            _("{path}: formaat '{value}' wordt niet ondersteund; gebruik .pdf, .docx, .md of .txt.").format(path=path, value=suffix or _("(geen)"))
        )
    require_file(path, ImportFormatError)
    try:
        if suffix == ".pdf":
            text = _pdf_text(path)
        elif suffix == ".docx":
            text = _docx_text(path)
        else:
            text = read_markdown_file(path, ImportFormatError)
    except OSError as exc:
        raise ImportFormatError(_("Bestand {path} kan niet gelezen worden: {error}.").format(path=path, error=os_error_text(exc))) from None
    if len(text) > MAX_ADDENDUM_CHARS:
        raise _text_too_long(path)
    text = normalize_answer(text.replace("\x00", ""))
    if not text:
        raise ImportFormatError(
            _(
                "{path} bevat geen tekst die gelezen kan worden (een scan zonder tekstlaag?). Bewaar het "
                "addendum als tekst-PDF, .docx of .txt."
            ).format(path=path)
        )
    return text


def attach(proposal: Proposal, path: str | Path, kind: str = "addendum") -> tuple[Attachment, bool]:
    """Add the file's text to the proposal; returns the attachment and whether it was new."""
    path = Path(path)
    text = extract_text(path)
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    for existing in proposal.attachments:
        if existing.sha256 == digest and existing.kind == kind:
            return existing, False
    attachment = Attachment(kind=kind, filename=path.name, sha256=digest, text=text)
    proposal.attachments.append(attachment)
    proposal.touch()
    return attachment, True

"""The lokaal addendum (or another document) attached to a proposal: its text, extracted once and kept."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from assistant.draft.models import Attachment, Proposal
from assistant.draft.text import normalize_answer
from assistant.errors import ImportFormatError

ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".txt")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 - only attaching a PDF needs it
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    # pypdf logs its repairs of damaged files; the user gets one message of ours instead.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFormatError(f"{path} is beveiligd met een wachtwoord; bewaar het zonder beveiliging.")
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except PyPdfError as exc:
        raise ImportFormatError(f"{path} is geen leesbare PDF: {exc}.") from None


def _docx_text(path: Path) -> str:
    import zipfile  # noqa: PLC0415

    import docx  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from lxml import etree  # noqa: PLC0415

    from assistant.draft.docx_import import body_elements  # noqa: PLC0415

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ImportFormatError(f"{path} is geen leesbaar Word-document: {exc}.") from None
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
            f"{path}: formaat '{suffix or '(geen)'}' wordt niet ondersteund; gebruik .pdf, .docx, .md of .txt."
        )
    if not path.is_file():
        raise ImportFormatError(f"Bestand {path} bestaat niet.")
    if suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".docx":
        text = _docx_text(path)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ImportFormatError(f"{path} kan niet gelezen worden als UTF-8-tekst: {exc}.") from None
    text = normalize_answer(text.replace("\x00", ""))
    if not text:
        raise ImportFormatError(
            f"{path} bevat geen tekst die gelezen kan worden (een scan zonder tekstlaag?). "
            "Bewaar het addendum als tekst-PDF, .docx of .txt."
        )
    return text


def attach(proposal: Proposal, path: str | Path, kind: str = "addendum") -> tuple[Attachment, bool]:
    """Add the file's text to the proposal; returns the attachment and whether it was new."""
    path = Path(path)
    text = extract_text(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    for existing in proposal.attachments:
        if existing.sha256 == digest and existing.kind == kind:
            return existing, False
    attachment = Attachment(kind=kind, filename=path.name, sha256=digest, text=text)  # type: ignore[arg-type]
    proposal.attachments.append(attachment)
    proposal.touch()
    return attachment, True

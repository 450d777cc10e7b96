"""Limits on what is read, so any input ends in a result or a clear refusal within seconds and bounded memory.

Sizes are checked before reading or unpacking (the file's size, a zip's member sizes), never after.
A whole section D is about 50 KB of text; every limit leaves a wide margin above real use.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from assistant.draft.text import dutch_number, safe_text
from assistant.errors import AssistantError, InputTooLargeError, os_error_text
from assistant.i18n import _

MB = 1024 * 1024

MAX_PROPOSAL_BYTES = 50 * MB  # a proposal file (.json), revisions and versions included
MAX_MARKDOWN_BYTES = 5 * MB  # a Markdown or text file read as a proposal (a whole section D is about 50 KB)
MAX_DOCX_BYTES = 100 * MB  # a Word file as it is on disk
MAX_DOCX_UNPACKED = 200 * MB  # all parts of a Word file unpacked (pictures included)
MAX_DOCX_XML = 10 * MB  # the XML parts (the text and its markup) unpacked
MAX_DOCX_PARTS = 10_000
MAX_PDF_BYTES = 100 * MB
MAX_ADDENDUM_CHARS = 2_000_000  # the text kept from an addendum (a long one is about 100,000)


def size_text(size: float) -> str:
    """'12 MB', '1,5 MB', '800 KB' (Dutch decimal comma)."""
    if size >= MB:
        value, unit = size / MB, "MB"
    else:
        value, unit = max(size / 1024, 1), "KB"
    text = dutch_number(value, trim=True) if value < 10 else f"{value:_.0f}".replace("_", ".")
    return f"{text} {unit}"


def too_large(path: Path, what: str, limit: int, size: int | None = None) -> InputTooLargeError:
    found = f" ({size_text(size)})" if size is not None else ""
    return InputTooLargeError(_(
        "{path} is te groot{found}: {what} mag hoogstens {value} zijn."
    ).format(path=path, found=found, what=what, value=size_text(limit)))


def require_file(path: Path, error: type[AssistantError]) -> None:
    """Refuse a missing path, a folder, and what is no ordinary file (a pipe, a device), each with its own
    Dutch line: opening a pipe waits for a writer that may never come."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise error(_("Bestand {path} bestaat niet.").format(path=path)) from None
    except OSError as exc:
        raise error(_("Bestand {path} kan niet gelezen worden: {error}.").format(path=path, error=os_error_text(exc))) from None
    if stat.S_ISDIR(mode):
        raise error(_("{path} is een map, geen bestand; geef een bestand op.").format(path=path))
    if not stat.S_ISREG(mode):
        raise error(_("{path} is geen gewoon bestand (maar een pipe of een apparaat); geef een bestand op.").format(path=path))


def read_limited(path: Path, limit: int, what: str, error: type[AssistantError]) -> bytes:
    """The file's bytes, refused before reading when it holds more than `limit`."""
    require_file(path, error)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise too_large(path, what, limit, size)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise error(_("Bestand {path} bestaat niet.").format(path=path)) from None
    except OSError as exc:
        raise error(_("Bestand {path} kan niet gelezen worden: {error}.").format(path=path, error=os_error_text(exc))) from None
    if len(data) > limit:
        raise too_large(path, what, limit)
    return data


def decode_text(data: bytes, path: Path, error: type[AssistantError]) -> str:
    """UTF-8 (a byte-order mark is dropped); a file in another encoding is refused in Dutch."""
    try:
        return safe_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise error(
            _("{path} is geen UTF-8-tekst (ongeldige byte op positie {start}); bewaar het als UTF-8.").format(path=path, start=exc.start)
        ) from None


def read_markdown_file(path: Path, error: type[AssistantError]) -> str:
    """A Markdown or text file read as a proposal: bounded, UTF-8."""
    return decode_text(read_limited(path, MAX_MARKDOWN_BYTES, _("een Markdown- of tekstbestand"), error), path, error)


def check_docx_package(path: Path, error: type[AssistantError]) -> None:
    """Refuse a Word file that is no zip, or whose parts would unpack beyond the limits (a zip bomb).

    Python's zipfile never unpacks more than a member's declared size (a member that lies fails its
    CRC), so checking the declared sizes bounds what python-docx will read.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise error(_("Bestand {path} kan niet gelezen worden: {error}.").format(path=path, error=os_error_text(exc))) from None
    if size > MAX_DOCX_BYTES:
        raise too_large(path, _("een Word-bestand"), MAX_DOCX_BYTES, size)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise error(
            _("{path} is geen leesbaar Word-document (.docx): het is geen zip-pakket (een PDF of .doc met een andere naam?).").format(path=path)
        ) from None
    except OSError as exc:
        raise error(_("Bestand {path} kan niet gelezen worden: {error}.").format(path=path, error=os_error_text(exc))) from None
    if len(members) > MAX_DOCX_PARTS:
        raise InputTooLargeError(
            _(
                "{path} bestaat uit {count} delen: een Word-bestand mag er hoogstens {MAX_DOCX_PARTS} "
                "hebben."
            ).format(path=path, count=len(members), MAX_DOCX_PARTS=MAX_DOCX_PARTS)
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_DOCX_UNPACKED:
        raise InputTooLargeError(
            _(
                "{path} pakt uit tot {value}: een Word-bestand mag uitgepakt hoogstens {value2} zijn. Het "
                "wordt niet gelezen."
            ).format(path=path, value=size_text(unpacked), value2=size_text(MAX_DOCX_UNPACKED))
        )
    xml = sum(m.filename.lower().endswith((".xml", ".rels")) and m.file_size for m in members)
    if xml > MAX_DOCX_XML:
        raise InputTooLargeError(
            _(
                "{path} bevat uitgepakt {value} tekst en opmaak (XML): een Word-bestand mag daarvan "
                "hoogstens {value2} hebben. Het wordt niet gelezen."
            ).format(path=path, value=size_text(xml), value2=size_text(MAX_DOCX_XML))
        )

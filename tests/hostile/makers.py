"""Hostile files made in the test: zip bombs, PDFs (encrypted with pypdf), Word files with many paragraphs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

CHUNK = 1 << 20


def word_file(path: Path, paragraphs: list[str] | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs or ["Uitdagingen", "1. Mobiliteit in Assenede"]:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def zip_bomb(path: Path, *, xml_bytes: int = 0, media_bytes: int = 0) -> Path:
    """A real Word file with `xml_bytes` of text in its document, or `media_bytes` of zeros as a picture,
    deflated: a few hundred KB on disk that unpack to the sizes given."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for item in source.infolist():
            if item.filename == "word/document.xml" and xml_bytes:
                with out.open(item.filename, "w", force_zip64=True) as handle:
                    handle.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                                 b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
                    _fill(handle, b"A", xml_bytes)
                    handle.write(b"</w:t></w:r></w:p></w:body></w:document>")
            else:
                out.writestr(item, source.read(item.filename))
        if media_bytes:
            with out.open("word/media/image1.png", "w", force_zip64=True) as handle:
                _fill(handle, b"\0", media_bytes)
    return path


def _fill(handle, byte: bytes, size: int) -> None:
    chunk = byte * CHUNK
    while size > 0:
        handle.write(chunk[:size])
        size -= CHUNK


def text_pdf(path: Path, lines: list[str], user_password: str | None = None) -> Path:
    """A one-page PDF with real text; with a password, AES-256 encrypted (an empty one opens without asking)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    stream = DecodedStreamObject()
    stream.set_data(("BT /F1 12 Tf 72 770 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET").encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="AES-256")
    with path.open("wb") as handle:
        writer.write(handle)
    return path

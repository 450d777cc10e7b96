"""A client's edits to an exported .docx, written with the element shapes Word uses: tracked insertions
(w:ins with w:t), deletions (w:del with w:delText) by several authors, and comments (comments.xml with
commentRangeStart/End and a commentReference run)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from copy import deepcopy
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from assistant.call.models import Call
from assistant.layout.document import build_docx
from assistant.layout.structure import Note
from tests.layout.samples import sample_proposal

AN, ELS = "An Peeters", "Els Claes"
DATE = "2026-12-01T10:00:00Z"
OWN_FINDING = "belangrijk: noem een meetbaar resultaat."


class Ids:
    def __init__(self) -> None:
        self.next = 100

    def __call__(self) -> str:
        self.next += 1
        return str(self.next)


def _change(tag: str, author: str, ids: Ids, run) -> object:
    wrapper = OxmlElement(tag)
    wrapper.set(qn("w:id"), ids())
    wrapper.set(qn("w:author"), author)
    wrapper.set(qn("w:date"), DATE)
    wrapper.append(run)
    return wrapper


def _run_like(run, text: str, deleted: bool = False):
    copy = deepcopy(run)
    for child in list(copy):
        if child.tag != qn("w:rPr"):
            copy.remove(child)
    node = OxmlElement("w:delText" if deleted else "w:t")
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    node.text = text
    copy.append(node)
    return copy


def split_runs(document) -> None:
    """One run per text, tab or break (Word's own runs are often split like this), so edits find theirs."""
    for run in list(document.element.body.iter(qn("w:r"))):
        content = [child for child in run if child.tag != qn("w:rPr")]
        if len(content) < 2:
            continue
        for child in reversed(content):
            piece = _run_like(run, "")
            piece.remove(piece[-1])
            piece.append(child)
            run.addnext(piece)
        run.getparent().remove(run)


def track(document, phrase: str, new: str, author: str, ids: Ids) -> None:
    """Replace `phrase` (found inside one run) by `new` as Word records it with change tracking on:
    the old text in a deletion, the new in an insertion; an empty side is left out."""
    for run in document.element.body.iter(qn("w:r")):
        text_node = run.find(qn("w:t"))
        if text_node is None or phrase not in (text_node.text or ""):
            continue
        before, after = text_node.text.split(phrase, 1)
        pieces = [_run_like(run, before)] if before else []
        if phrase:
            pieces.append(_change("w:del", author, ids, _run_like(run, phrase, deleted=True)))
        if new:
            pieces.append(_change("w:ins", author, ids, _run_like(run, new)))
        if after:
            pieces.append(_run_like(run, after))
        for piece in reversed(pieces):
            run.addnext(piece)
        run.getparent().remove(run)
        return
    raise AssertionError(f"{phrase!r} is not in one run of the document")


def append(document, phrase: str, new: str, author: str, ids: Ids) -> None:
    """Type `new` after the run that ends with `phrase`, change tracking on."""
    for run in document.element.body.iter(qn("w:r")):
        texts = run.findall(qn("w:t"))
        if texts and (texts[-1].text or "").endswith(phrase):
            run.addnext(_change("w:ins", author, ids, _run_like(run, new)))
            return
    raise AssertionError(f"no run ends with {phrase!r}")


def paragraph_mark(document, phrase: str, tag: str, author: str, ids: Ids) -> None:
    """Track the end of the paragraph holding `phrase` as inserted (w:ins: the client split a paragraph
    there) or deleted (w:del: the client joined it with the next), in w:pPr/w:rPr as Word writes it."""
    for paragraph in document.paragraphs:
        if phrase in paragraph.text:
            ppr = paragraph._p.get_or_add_pPr()
            rpr = ppr.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                ppr.append(rpr)
            change = OxmlElement(tag)
            for name, value in (("w:id", ids()), ("w:author", author), ("w:date", DATE)):
                change.set(qn(name), value)
            rpr.insert(0, change)
            return
    raise AssertionError(f"{phrase!r} is in no body paragraph")


def comment(document, phrase: str, text: str, author: str) -> None:
    for paragraph in document.paragraphs:
        runs = [run for run in paragraph.runs if phrase in run.text]
        if runs:
            document.add_comment(runs[0], text, author=author, initials=author[:2])
            return
    raise AssertionError(f"{phrase!r} is in no run of a body paragraph")


def client_edited(call: Call, path: Path) -> Path:
    """The sample proposal exported with one finding as a comment, then edited by two people in Word."""
    proposal = sample_proposal(call)
    exported = build_docx(proposal, call, [Note("D1a", OWN_FINDING)]).data
    document = docx.Document(io.BytesIO(exported))
    ids = Ids()
    split_runs(document)
    track(document, "Zelzate en Evergem", "Eeklo en Maldegem", AN, ids)  # D1a: a replacement
    track(document, "120 mensen", "140 mensen", ELS, ids)  # D1b: a replacement by someone else
    append(document, "ervaringsdeskundigen.", " Zij spreken ook Arabisch.", AN, ids)  # D1b: an insertion
    track(document, ", bij consensus", "", ELS, ids)  # D2d: a deletion only
    track(document, "Vzw De Brug Meetjesland", "Vzw De Brug Eeklo", AN, ids)  # section B: the organisation's name
    comment(document, "Cruciaal is vertrouwen.", "Hier nog een voorbeeld uit 2025 toevoegen?", ELS)
    comment(document, "Sinds 2009", "Klopt 2009? Volgens mij 2010.", AN)
    document.save(str(path))
    return path


def _odf_change(region: str, kind: str, author: str, deleted: str = "") -> str:
    body = f"<text:p>{deleted}</text:p>" if kind == "deletion" else ""
    return (
        f'<text:changed-region xml:id="{region}" text:id="{region}"><text:{kind}><office:change-info>'
        f"<dc:creator>{author}</dc:creator><dc:date>2026-12-01T10:00:00</dc:date></office:change-info>"
        f"{body}</text:{kind}></text:changed-region>"
    )


def _odf_replace(old: str, new: str, author: str, region: str) -> tuple[str, str]:
    """The text and the changed regions of `old` replaced by `new`, as LibreOffice records it."""
    regions, text = "", ""
    if old:
        regions += _odf_change(f"{region}d", "deletion", author, old)
        text += f'<text:change text:change-id="{region}d"/>'
    if new:
        regions += _odf_change(f"{region}i", "insertion", author)
        text += f'<text:change-start text:change-id="{region}i"/>{new}<text:change-end text:change-id="{region}i"/>'
    return text, regions


def _odf_comment(anchor: str, text: str, author: str, name: str) -> str:
    return (
        f'<office:annotation office:name="{name}"><dc:creator>{author}</dc:creator>'
        f"<dc:date>2026-12-01T10:00:00</dc:date><text:p>{text}</text:p></office:annotation>"
        f'{anchor}<office:annotation-end office:name="{name}"/>'
    )


def soffice_convert(soffice: str, source: Path, target_format: str, outdir: Path, profile: Path) -> Path:
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", target_format, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return outdir / f"{source.stem}.{target_format.split(':')[0]}"


def libreoffice_edited(call: Call, folder: Path, soffice: str) -> Path:
    """The sample proposal exported with one finding as a comment, opened in LibreOffice (as .odt), edited
    there with change tracking by two people and a comment added, and saved by LibreOffice as .docx."""
    proposal = sample_proposal(call)
    source = folder / "export" / "voorstel.docx"
    source.parent.mkdir(parents=True)
    source.write_bytes(build_docx(proposal, call, [Note("D1a", OWN_FINDING)]).data)
    profile = folder / "profile"
    odt = soffice_convert(soffice, source, "odt", folder / "odt", profile)
    with zipfile.ZipFile(odt) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    content = parts["content.xml"].decode()
    edits = [
        ("120 mensen", "140 mensen", AN, "ct1"),
        (", bij consensus", "", ELS, "ct2"),
        ("Meetjesland</text:p>", "Eeklo", AN, "ct3"),
    ]
    regions = ""
    for old, new, author, region in edits:
        plain = old.removesuffix("</text:p>")
        text, more = _odf_replace(plain, new, author, region)
        assert content.count(old) == 1, old
        content = content.replace(old, text + old[len(plain) :])
        regions += more
    content = content.replace("Sinds 2009", _odf_comment("Sinds 2009", "Klopt 2009? Volgens mij 2010.", ELS, "c1"), 1)
    content = re.sub(r"(<office:text[^>]*>)", rf'\1<text:tracked-changes text:track-changes="true">{regions}'
                     "</text:tracked-changes>", content, count=1)  # fmt: skip
    parts["content.xml"] = content.encode()
    edited = folder / "bewerkt" / "voorstel.odt"
    edited.parent.mkdir()
    with zipfile.ZipFile(edited, "w") as package:
        package.writestr("mimetype", parts.pop("mimetype"), compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            package.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return soffice_convert(soffice, edited, "docx:MS Word 2007 XML", folder / "terug", profile)

"""export to .docx/.pdf, import of .docx, pages and attach, as a user runs them."""

import json
import os
import re
import subprocess
import zlib
from pathlib import Path

import docx
from pypdf import PdfReader

from assistant.cli import main
from assistant.draft.store import ProposalFile, read_proposal
from assistant.draft.workspace import load_any
from assistant.layout.document import write_docx
from assistant.review.offline import review_proposal
from tests.layout.corpus import corpus_proposal
from tests.layout.samples import sample_proposal
from tests.libreoffice import require_soffice, require_tool


def _save(proposal, path: Path) -> Path:
    with ProposalFile(path, create=proposal):
        pass
    return path


def test_export_refuses_a_too_long_section_d_and_says_which_answers(call, tmp_path, capsys):
    path = _save(corpus_proposal(call, 3, 12.5), tmp_path / "lang.json")
    assert main(["export", str(path), "-o", str(tmp_path / "lang.docx")]) == 1
    err = capsys.readouterr().err
    assert "Sectie D is te lang" in err and "pagina's te veel (maximum 10)" in err
    assert "budget" in err and "--force" in err
    assert not (tmp_path / "lang.docx").exists()
    assert main(["export", str(path), "-o", str(tmp_path / "lang.docx"), "--force"]) == 0
    assert "geëxporteerd met --force" in capsys.readouterr().err
    assert docx.Document(str(tmp_path / "lang.docx")).paragraphs


def test_export_docx_and_import_it_back_into_the_same_proposal(call, tmp_path, capsys):
    path = _save(sample_proposal(call), tmp_path / "p.json")
    assert main(["export", str(path), "-o", str(tmp_path / "p.docx")]) == 0
    # Nothing changed in Word: no new revisions.
    assert main(["import", str(tmp_path / "p.docx"), "-o", str(path)]) == 0
    assert "0 onderdelen bijgewerkt" in capsys.readouterr().out
    # Edit one answer in the document, as a consultant would in Word.
    document = docx.Document(str(tmp_path / "p.docx"))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Sinds 2009"))
    paragraph.runs[0].text = "Sinds 2010"
    document.save(str(tmp_path / "p.docx"))
    assert main(["import", str(tmp_path / "p.docx"), "-o", str(path)]) == 0
    assert "1 onderdelen bijgewerkt (D1b)" in capsys.readouterr().out
    answer = read_proposal(path).answers["D1b"]
    assert answer.text.startswith("Sinds 2010")
    assert answer.revisions[-1].origin == "imported"
    assert read_proposal(path).answers["D1a"].revisions[-1].origin == "typed"


def test_import_docx_into_a_new_proposal_and_show_it(call, tmp_path, isolated_home, capsys):
    write_docx(sample_proposal(call), call, tmp_path / "brug.docx")
    assert main(["import", str(tmp_path / "brug.docx")]) == 0
    imported = read_proposal(isolated_home / "data" / "proposals" / "brug.json")  # the data folder, as in the app
    assert imported.fields["B.organisatie"] == "Vzw De Brug Meetjesland"
    capsys.readouterr()
    assert main(["show", str(tmp_path / "brug.docx")]) == 0  # commands read a .docx directly too
    assert "Vzw De Brug Meetjesland" in capsys.readouterr().out


def test_pages_estimate_only_json(call, tmp_path, capsys):
    path = _save(sample_proposal(call), tmp_path / "p.json")
    assert main(["pages", str(path), "--estimate-only", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["section"] == "D" and report["limit"] == 10 and report["rendered"] is None
    assert [q["id"] for q in report["per_question"]] == [q.id for q in call.questions]
    assert report["per_question"][0]["budget"] == 2.0


def test_pages_far_over_the_limit_says_why_it_did_not_render_not_that_libreoffice_is_missing(call, tmp_path, capsys):
    require_soffice()
    path = _save(corpus_proposal(call, 5, 20), tmp_path / "p.json")  # far over: the estimate decides
    assert main(["pages", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "ver boven de limiet, dus niet gerenderd" in out and "LibreOffice" not in err


def test_pages_renders_with_libreoffice(call, tmp_path, capsys):
    require_soffice()
    path = _save(corpus_proposal(call, 5, 11.5), tmp_path / "p.json")
    assert main(["pages", str(path), "--json"]) == 1  # over the limit: blocking
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {
        "section",
        "limit",
        "estimated",
        "rendered",
        "last_page_fill",
        "renderer",
        "over_limit",
        "per_question",
    }
    assert report["over_limit"] is True and report["rendered"] > 10
    assert report["renderer"].startswith("LibreOffice")
    assert abs(report["rendered"] - 1 + report["last_page_fill"] - report["estimated"]) <= 0.3


def test_export_pdf(call, tmp_path):
    require_soffice()
    path = _save(sample_proposal(call), tmp_path / "p.json")
    assert main(["export", str(path), "-o", str(tmp_path / "p.pdf")]) == 0
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "p.pdf").pages)
    assert "Vzw De Brug Meetjesland" in text and "D. Projectvoorstel" in text


def test_export_unknown_format_is_a_usage_error(call, tmp_path, capsys):
    path = _save(sample_proposal(call), tmp_path / "p.json")
    assert main(["export", str(path), "-o", str(tmp_path / "p.odt")]) == 2
    assert "gebruik .docx, .pdf of .md" in capsys.readouterr().err


def _text_pdf(text: str) -> bytes:
    """A minimal one-page PDF with a text layer, written by hand."""
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_attach_an_addendum_from_every_format(call, tmp_path, capsys):
    path = _save(sample_proposal(call), tmp_path / "p.json")
    (tmp_path / "addendum.txt").write_text("Uitdaging 1: armoede in Zelzate.\n", encoding="utf-8")
    (tmp_path / "addendum.md").write_text("# Addendum\n\nUitdaging 2: mobiliteit in Kaprijke.\n", encoding="utf-8")
    (tmp_path / "addendum.pdf").write_bytes(_text_pdf("Uitdaging 3: kinderopvang in Assenede"))
    document = docx.Document()
    document.add_paragraph("Uitdaging 4: huisvesting in Eeklo.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Gemeente", "Evergem"
    document.save(str(tmp_path / "addendum.docx"))
    for suffix, expected in [
        ("txt", "armoede in Zelzate"),
        ("md", "mobiliteit in Kaprijke"),
        ("pdf", "kinderopvang in Assenede"),
        ("docx", "Gemeente | Evergem"),
    ]:
        assert main(["attach", str(path), str(tmp_path / f"addendum.{suffix}")]) == 0
        assert expected in read_proposal(path).addendum().text
    assert "was al toegevoegd" not in capsys.readouterr().out
    assert main(["attach", str(path), str(tmp_path / "addendum.txt")]) == 0
    assert "was al toegevoegd" in capsys.readouterr().out
    assert len(read_proposal(path).attachments) == 4


def test_attach_refuses_what_it_cannot_read(call, tmp_path, capsys):
    path = _save(sample_proposal(call), tmp_path / "p.json")
    (tmp_path / "scan.pdf").write_bytes(_text_pdf(""))
    (tmp_path / "plaatje.png").write_bytes(b"\x89PNG")
    assert main(["attach", str(path), str(tmp_path / "scan.pdf")]) == 2
    assert "geen tekst" in capsys.readouterr().err
    assert main(["attach", str(path), str(tmp_path / "plaatje.png")]) == 2
    assert "wordt niet ondersteund" in capsys.readouterr().err
    assert read_proposal(path).attachments == []


def test_check_counts_pages_with_libreoffice_and_says_so(call, tmp_path, capsys):
    require_soffice()
    path = _save(corpus_proposal(call, 9, 11.5), tmp_path / "lang.json")
    assert main(["check", str(path), "--json"]) == 1
    pages = json.loads(capsys.readouterr().out)["pages"]
    assert pages["rendered"] > 10 and pages["renderer"].startswith("LibreOffice") and pages["over_limit"]
    assert main(["check", str(path), "--estimate-only"]) == 1
    out = capsys.readouterr().out
    assert "(schatting, niet gerenderd)" in out and "TE LANG" in out


def test_pages_without_libreoffice_falls_back_to_the_estimate(call, tmp_path, capsys, monkeypatch):
    path = _save(sample_proposal(call), tmp_path / "p.json")
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert main(["pages", str(path)]) == 0
    captured = capsys.readouterr()
    assert "LibreOffice is niet gevonden" in captured.err
    assert "Sectie D: geschat" in captured.out and "(schatting: LibreOffice is niet geïnstalleerd)" in captured.out
    assert main(["export", str(path), "-o", str(tmp_path / "p.pdf")]) == 2
    assert "LibreOffice is niet gevonden" in capsys.readouterr().err


def test_exports_get_the_usual_permissions(call, tmp_path):
    path = _save(sample_proposal(call), tmp_path / "p.json")
    umask = os.umask(0o022)
    try:
        for suffix in ("docx", "md"):
            assert main(["export", str(path), "-o", str(tmp_path / f"p.{suffix}")]) == 0
            assert (tmp_path / f"p.{suffix}").stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)


def test_export_with_findings_as_word_comments(call, tmp_path, capsys):
    pandoc = require_tool("pandoc", "pandoc")
    proposal = load_any(Path(__file__).resolve().parents[1] / "fixtures" / "proposals" / "zwak.md").proposal
    path = _save(proposal, tmp_path / "zwak.json")
    notes = review_proposal(proposal, call).comment_notes()
    quoted = [n for n in notes if n.quote]
    assert quoted and len(quoted) < len(notes)  # both kinds: on a sentence, and on a question heading
    assert main(["export", str(path), "-o", str(tmp_path / "plain.docx"), "--force"]) == 0
    assert not docx.Document(str(tmp_path / "plain.docx")).comments  # default off: the jury's version
    assert main(["export", str(path), "-o", str(tmp_path / "z.docx"), "--force", "--opmerkingen"]) == 0
    document = docx.Document(str(tmp_path / "z.docx"))
    comments = list(document.comments)
    assert len(comments) == len(notes)
    assert {c.author for c in comments} == {"wse-assistant"}
    assert sorted(c.text for c in comments) == sorted(n.text for n in notes)
    assert all(c.text.split(":")[0] in {"blokkerend", "belangrijk", "tip"} for c in comments)
    # pandoc, a second reader, sees each comment on the text it is about.
    markdown = subprocess.run(
        [pandoc, "-f", "docx", "-t", "markdown", "--track-changes=all", "--wrap=none", str(tmp_path / "z.docx")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert markdown.count('author="wse-assistant"') == len(notes)
    first = quoted[0]
    anchored = re.search(r'\{\.comment-start id="(\d+)"[^}]*\}(.*?)\[\]\{\.comment-end id="\1"\}', markdown, re.S)
    assert anchored is not None
    spans = dict(re.findall(r'\{\.comment-start id="(\d+)"[^}]*\}(.*?)\[\]\{\.comment-end id="\1"\}', markdown, re.S))
    plain = [re.sub(r"[*\\\s]+", " ", span).strip() for span in spans.values()]
    assert any(re.sub(r"[*\s]+", " ", first.quote).strip() in text for text in plain), first.quote
    headings = [h for h in markdown.splitlines() if h.startswith("### ") and "comment-start" in h]
    assert headings  # findings without a quote sit on their question's heading


def test_comments_only_for_word(call, tmp_path, capsys):
    path = _save(sample_proposal(call), tmp_path / "p.json")
    assert main(["export", str(path), "-o", str(tmp_path / "p.md"), "--opmerkingen"]) == 2
    assert "--opmerkingen kan alleen bij een export naar .docx." in capsys.readouterr().err

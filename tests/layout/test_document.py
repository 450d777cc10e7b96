"""The exported Word document: structure read back by pandoc, geometry, properties, hygiene."""

import getpass
import hashlib
import io
import subprocess
import time
import zipfile
from datetime import UTC
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Cm, Length

from assistant.layout.document import build_docx, write_docx
from tests.layout.samples import sample_proposal
from tests.libreoffice import require_tool


def test_pandoc_reads_the_form_structure(call, tmp_path):
    pandoc = require_tool("pandoc", "pandoc")
    path = tmp_path / "voorstel.docx"
    write_docx(sample_proposal(call), call, path)
    markdown = subprocess.run(
        [pandoc, "-f", "docx", "-t", "markdown-smart", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[:4] == [
        "# A. Werkingsgebied",
        "# B. Kenmerken kandidaat",
        "# C. Engagement",
        "# D. Projectvoorstel (max 10 pagina's)",
    ]
    expected = (
        ["## 1. Unieke expertise"] + [f"### {q.number}. " for q in call.questions[:3]] + ["## 2. Fit for partnership"]
    )
    assert [h[: len(e)] for h, e in zip(headings[4:9], expected, strict=True)] == expected
    assert sum(h.startswith("### ") for h in headings) == len(call.questions)
    # Real lists, bold and italic, not literal Markdown characters.
    assert "-   een wekelijkse inloop in het Sociaal Huis van Zelzate;" in markdown
    assert "1.  vraagverheldering met de klant zelf" in markdown
    assert "**schulden en psychische kwetsbaarheid**" in markdown
    assert "*outreachende*" in markdown
    assert "i.  Inzet voor het gezamenlijke belang" in markdown  # 2d keeps its i–iv numbering
    assert "\\*\\*" not in markdown


def test_page_geometry_footer_and_section_d_on_a_new_page(call):
    document = docx.Document(io.BytesIO(build_docx(sample_proposal(call), call).data))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    for margin in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin):
        assert abs(margin - Cm(2.5)) < Cm(0.01)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 11
    fonts = (
        document.styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:rFonts"))
    )
    assert fonts.get(qn("w:ascii")) == "Calibri" and fonts.get(qn("w:asciiTheme")) is None
    heading_d = next(p for p in document.paragraphs if p.text.startswith("D. Projectvoorstel"))
    assert heading_d.paragraph_format.page_break_before is True
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Deelnemer / Organisatie", "Vzw De Brug Meetjesland"]


def test_properties_name_the_organisation_and_nothing_of_the_machine(call):
    data = build_docx(sample_proposal(call), call).data
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == f"{call.title} – {call.subtitle}"
    assert document.core_properties.author == "Vzw De Brug Meetjesland"
    every_part = b"".join(
        zipfile.ZipFile(io.BytesIO(data)).read(name) for name in zipfile.ZipFile(io.BytesIO(data)).namelist()
    )
    for secret in {getpass.getuser(), str(Path.home()), "python-docx", "Macintosh"}:
        if len(secret) >= 4:  # a two-letter user name would match any XML
            assert secret.encode() not in every_part, secret
    assert b"thumbnail" not in every_part


def test_control_characters_are_dropped_and_reported(call):
    proposal = sample_proposal(call)
    proposal.set_answer("D1c", "Tekst\x00 met\x07 stuurtekens\x1b.")
    proposal.set_field("B.contact.functie", "coördinator\x0c")
    export = build_docx(proposal, call)
    document = docx.Document(io.BytesIO(export.data))
    assert any(p.text == "Tekst met stuurtekens." for p in document.paragraphs)
    assert export.dropped == {"D1c": 3, "B.contact.functie": 1}
    assert "3 teken(s) die Word niet kan bewaren weggelaten uit D1c" in export.notes()


def test_same_proposal_gives_the_same_bytes(call, monkeypatch):
    """Consultants compare exports by hash: nothing of the moment or of chance may enter the package."""
    proposal = sample_proposal(call)
    first = build_docx(proposal, call).data
    # What differs between two runs: the clock (zip entries are stamped with it) and fresh random ids.
    later = time.localtime(time.time() + 3600)
    monkeypatch.setattr(time, "localtime", lambda *args: later if not args else _localtime(*args))
    monkeypatch.setattr(time, "time", lambda: 4_000_000_000.0)
    second = build_docx(proposal, call).data
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    package = zipfile.ZipFile(io.BytesIO(first))
    moment = proposal.updated_at.astimezone(UTC)
    stamp = (*moment.timetuple()[:5], moment.second // 2 * 2)  # a zip entry keeps seconds in twos
    assert {info.date_time for info in package.infolist()} == {stamp}
    document = docx.Document(io.BytesIO(first))
    assert document.core_properties.created == proposal.updated_at.astimezone(UTC).replace(microsecond=0)


_localtime = time.localtime


def test_c_has_real_footnotes_and_its_confirmation_follows_the_engagement_text(call, tmp_path):
    pandoc = require_tool("pandoc", "pandoc")
    path = tmp_path / "voorstel.docx"
    write_docx(sample_proposal(call), call, path)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    start = texts.index(call.section("C").title)
    last_intro = call.section("C").intro.strip().split("\n\n")[-1]
    assert texts[start + 5].startswith(last_intro[:40])
    assert texts[start + 6] == "Bevestigd: ja"  # right after the engagement text, not after the notes
    assert not any(note.url in text for note in call.section("C").footnotes for text in texts)
    references = document.element.body.findall(f".//{qn('w:footnoteReference')}")
    assert [r.get(qn("w:id")) for r in references] == ["1", "2"]
    markdown = subprocess.run(
        [pandoc, "-f", "docx", "-t", "markdown-smart", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "werk en sociale economie[^1]." in markdown
    notes = {line[:5]: line for line in markdown.splitlines() if line.startswith("[^")}
    assert "](https://deming.org/explore/pdsa/)" in notes["[^2]:"]
    assert "Kwaliteits- en registratiemodel" in notes["[^1]:"] and "](https://www.vlaanderen.be/" in notes["[^1]:"]


def test_questions_stand_apart_from_the_answer_before(call):
    document = docx.Document(io.BytesIO(build_docx(sample_proposal(call), call).data))
    question = document.styles["Heading 3"].paragraph_format
    body = document.styles["Normal"].paragraph_format
    assert question.space_before.pt >= 2 * body.space_after.pt


def test_markdown_tables_and_nested_lists_become_word_tables_and_list_levels(call, tmp_path):
    pandoc = require_tool("pandoc", "pandoc")
    proposal = sample_proposal(call)
    proposal.set_answer(
        "D1b",
        "Planning:\n\n| Activiteit | Partner | Wanneer |\n|---|---|---|\n| Inloop | **OCMW** | wekelijks |\n"
        "| Jobcoaching op de werkvloer | VDAB | tot zes maanden na de start |\n\n"
        "- Zelzate\n  - inloop\n    1. intake\n    2. plan\n- Evergem",
    )
    path = tmp_path / "voorstel.docx"
    write_docx(proposal, call, path)
    document = docx.Document(str(path))
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Activiteit", "Partner", "Wanneer"]
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)
    assert table.rows[1].cells[1].paragraphs[0].runs[0].bold
    assert table.style.name == "Table Grid"  # grid lines
    widths = [column.width.pt for column in table.columns]
    text_width = Length(document.sections[0].page_width - 2 * document.sections[0].left_margin).pt
    assert abs(sum(widths) - text_width) < 1 and min(widths) > 40, widths
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    levels = {p.text: p._p.pPr.numPr.ilvl.val for p in numbered}
    assert [levels[t] for t in ("Zelzate", "inloop", "intake", "plan", "Evergem")] == [0, 1, 2, 2, 0]
    after_table = next(p for p in numbered if p.text == "Zelzate")
    assert after_table.paragraph_format.space_before.pt == 6  # not glued to the table's last row
    markdown = subprocess.run(
        [pandoc, "-f", "docx", "-t", "gfm", "--wrap=none", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [" ".join(line.split()) for line in markdown.split("Planning:")[1].splitlines() if line.startswith("|")]
    assert rows[0] == "| **Activiteit** | **Partner** | **Wanneer** |" and rows[1].startswith("|---")
    assert rows[2] == "| Inloop | **OCMW** | wekelijks |"
    answer = markdown.split("Planning:")[1].split("###")[0]
    items = [line for line in answer.splitlines() if line.lstrip().startswith(("- ", "1. ", "2. "))]
    assert [len(line) - len(line.lstrip()) for line in items] == [0, 4, 8, 8, 0]  # pandoc sees the levels

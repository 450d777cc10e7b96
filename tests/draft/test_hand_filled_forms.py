"""Copies of the form filled in by hand in Word (python-docx writes them here as an applicant would):
section B in the shapes people give it, the engagement ticked in C, and a question whose heading lost
its bold so that it reads as part of the answer before it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from assistant.cli import main
from assistant.draft.docx_import import from_docx
from assistant.draft.markdown import label_key

CONTACT = {
    "B.contact.naam": "Peeters An",
    "B.contact.functie": "directeur",
    "B.contact.email": "an@hetanker.be",
    "B.contact.telefoon": "09 123 45 67",
}
FORM_LABELS = "Contactpersoon voor de organisatie\n• Naam & voornaam:\n• Functie:\n• E - mail:\n• Telefoonnummer:"


def _save(document: Document, path: Path) -> Path:
    document.save(str(path))
    return path


def _form_with_b_table() -> tuple[Document, docx.table.Table]:
    document = docx.Document()
    document.add_heading("B. Kenmerken kandidaat", level=2)
    table = document.add_table(rows=4, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Deelnemer / Organisatie:", "Vzw Het Anker"
    table.cell(1, 0).text, table.cell(1, 1).text = "Rechtsvorm:", "vzw"
    table.cell(2, 0).text, table.cell(2, 1).text = "Ondernemingsnummer:", "0403.170.701"
    return document, table


def test_contact_labels_in_one_cell_and_the_values_beside_them(call, tmp_path):
    """The form's own layout: the four labels in the left cell, the applicant's values in the right one."""
    document, table = _form_with_b_table()
    table.cell(3, 0).text = FORM_LABELS
    table.cell(3, 1).text = "\n".join(CONTACT.values())
    imported = from_docx(_save(document, tmp_path / "b.docx"), call)
    assert imported.fields == {
        "B.organisatie": "Vzw Het Anker",
        "B.rechtsvorm": "vzw",
        "B.ondernemingsnummer": "0403.170.701",
        **CONTACT,
    }
    assert imported.unmapped == []
    # One value missing: which is which cannot be known, so none is placed and all are listed.
    table.cell(3, 1).text = "Peeters An\nan@hetanker.be\n09 123 45 67"
    imported = from_docx(_save(document, tmp_path / "b.docx"), call)
    assert not any(imported.fields.get(fid) for fid in CONTACT)
    assert imported.unmapped == ["tabel 2, rij 4: niet herkend 'Peeters An | an@hetanker.be | 09 123 45 67'"]


def _merge_across(table, row: int) -> None:
    table.cell(row, 0).merge(table.cell(row, table._column_count - 1))


def test_a_two_column_table_with_merged_cells(call, tmp_path):
    """A title row merged across both columns, then one row per field; the group title merged down
    the side in a three-column variant."""
    document = docx.Document()
    document.add_heading("B. Kenmerken kandidaat", level=2)
    table = document.add_table(rows=6, cols=2)
    table.cell(0, 0).text = "Deelnemer / Organisatie: Vzw Het Anker"
    _merge_across(table, 0)
    table.cell(1, 0).text = "Contactpersoon voor de organisatie"
    _merge_across(table, 1)
    for row, (label, fid) in enumerate(
        [("Naam & voornaam", "B.contact.naam"), ("Functie", "B.contact.functie"), ("E-mail", "B.contact.email")],
        start=2,
    ):
        table.cell(row, 0).text, table.cell(row, 1).text = label, CONTACT[fid]
    table.cell(5, 0).text = "Iets wat het formulier niet vraagt: 12"
    _merge_across(table, 5)
    side = document.add_table(rows=2, cols=3)
    side.cell(0, 0).merge(side.cell(1, 0)).text = "Contactpersoon voor de organisatie"
    side.cell(0, 1).text, side.cell(0, 2).text = "Telefoonnummer:", CONTACT["B.contact.telefoon"]
    side.cell(1, 1).text, side.cell(1, 2).text = "Rechtsvorm", "vzw"
    imported = from_docx(_save(document, tmp_path / "b.docx"), call)
    assert imported.fields == {"B.organisatie": "Vzw Het Anker", "B.rechtsvorm": "vzw", **CONTACT}
    assert imported.unmapped == ["tabel 2, rij 6: niet herkend 'Iets wat het formulier niet vraagt: 12'"]


def test_label_lines_with_the_value_on_the_next_line(call, tmp_path):
    document = docx.Document()
    document.add_heading("B. Kenmerken kandidaat", level=2)
    document.add_paragraph("Contactpersoon voor de organisatie")
    for label, fid in [("Naam & voornaam:", "B.contact.naam"), ("Functie:", "B.contact.functie")]:
        document.add_paragraph(label, style="List Bullet")
        document.add_paragraph(CONTACT[fid])
    document.add_paragraph("E-mailadres: an@hetanker.be")
    imported = from_docx(_save(document, tmp_path / "b.docx"), call)
    assert imported.fields == {
        "B.contact.naam": "Peeters An",
        "B.contact.functie": "directeur",
        "B.contact.email": "an@hetanker.be",
    }
    assert imported.unmapped == []


def _section_c(line: str, in_table: bool = False) -> Document:
    document = docx.Document()
    document.add_heading("C. Engagement", level=2)
    document.add_paragraph(
        "Organisaties die zich kandidaat stellen via deze call for interest engageren zich om bij goedkeuring "
        "het Europa WSE-kwaliteitskader toe te passen. Dit ter uitbreiding van de minimale vereisten van het "
        "kwaliteits- en registratiemodel van dienstverleners binnen werk en sociale economie1."
    )
    if in_table:
        document.add_table(rows=1, cols=1).cell(0, 0).text = line
    else:
        document.add_paragraph(line)
    document.add_heading("D. Projectvoorstel (max 10 pagina's)", level=1)
    return document


@pytest.mark.parametrize(
    ("line", "in_table"),
    [
        ("☒ Wij bevestigen dit engagement.", False),
        ("☑ Wij bevestigen dit engagement.", False),
        ("[x] Wij bevestigen dit engagement.", False),
        ("X  Wij bevestigen dit engagement.", False),
        ("☒ Wij bevestigen dit engagement.", True),
    ],
)
def test_a_ticked_engagement_confirms_section_c(call, tmp_path, line, in_table):
    imported = from_docx(_save(_section_c(line, in_table), tmp_path / "c.docx"), call)
    assert imported.fields == {"C.engagement": "ja"}
    assert imported.unmapped == []


def test_a_ticked_engagement_under_a_heading_without_its_letter(call, tmp_path):
    document = docx.Document()
    document.add_heading("B. Kenmerken kandidaat", level=2)
    document.add_paragraph("Organisatie: Vzw Het Anker")
    document.add_heading("Engagement", level=2)  # no "C.": the reader still stands in section B
    document.add_paragraph("☒ Wij bevestigen dit engagement.")
    document.add_paragraph("☒ Iets anders aangekruist.")
    imported = from_docx(_save(document, tmp_path / "c.docx"), call)
    assert imported.fields == {"B.organisatie": "Vzw Het Anker", "C.engagement": "ja"}
    assert imported.unmapped == ["alinea 3: niet herkend 'Engagement'", "alinea 5: niet herkend '☒ Iets anders aangekruist.'"]


def test_an_empty_box_is_no_confirmation_and_is_reported(call, tmp_path):
    imported = from_docx(_save(_section_c("☐ Wij bevestigen dit engagement."), tmp_path / "c.docx"), call)
    assert "C.engagement" not in imported.fields
    assert imported.unmapped == ["alinea 3: niet aangekruist, dus niet bevestigd '☐ Wij bevestigen dit engagement.'"]


# ---------------------------------------------------------------- a question read as part of the answer before it


def _part_two(call, d_question: list[str]) -> Document:
    """2c with its answer, then 2d's question as the applicant left it (no bold, edited), its items and answer."""
    document = docx.Document()
    document.add_heading("D. Projectvoorstel (max 10 pagina's)", level=1)
    document.add_heading("2. Fit for partnership", level=2)
    document.add_paragraph().add_run(f"c. {call.question('D2c').text}").bold = True
    document.add_paragraph("We leerden dat vaste afspraken met elke partner tijd vragen.")
    document.add_paragraph("Die les nemen we mee in ons overleg met het OCMW van Eeklo.")
    for line in d_question:
        document.add_paragraph(line)
    for item in call.question("D2d").items:
        document.add_paragraph(f"{item.number}. {item.text}")
    document.add_paragraph("Voor ons is vertrouwen cruciaal: we delen cijfers en beslissen samen.")
    return document


EDITED_2D = [
    "d. Wat is voor jullie organisatie cruciaal als jullie deel uitmaken van een partnerschap?",
    "Hoe kijkt u naar volgende organisatie-uitdagingen binnen samenwerking:",
]


def _holds_2d(text: str) -> bool:
    return label_key("Hoe kijkt u naar volgende organisatie-uitdagingen") in label_key(text)


def test_an_edited_question_without_bold_starts_its_own_answer(call, tmp_path):
    imported = from_docx(_save(_part_two(call, EDITED_2D), tmp_path / "d.docx"), call)
    assert imported.answers == {
        "D2c": "We leerden dat vaste afspraken met elke partner tijd vragen.\n\n"
        "Die les nemen we mee in ons overleg met het OCMW van Eeklo.",
        "D2d": "Voor ons is vertrouwen cruciaal: we delen cijfers en beslissen samen.",
    }
    assert imported.misplaced == [
        "alinea 6: de vraagtekst van 2d stond in het antwoord op 2c; "
        "de tekst vanaf daar staat nu onder 2d: kijk beide antwoorden na"
    ]


def test_question_and_answer_in_one_paragraph_are_split(call, tmp_path):
    """The applicant typed the answer straight after the question, with a line break between them."""
    answer = "Voor ons is vertrouwen cruciaal: we delen cijfers en beslissen samen. "
    document = _part_two(call, [])
    document.paragraphs[4].add_run(f"\n{call.question('D2d').text}\n{answer}" + "Elke partner beslist mee. " * 8)
    imported = from_docx(_save(document, tmp_path / "d.docx"), call)
    assert imported.answers["D2c"] == (
        "We leerden dat vaste afspraken met elke partner tijd vragen.\n\n"
        "Die les nemen we mee in ons overleg met het OCMW van Eeklo."
    )
    assert imported.answers["D2d"].startswith("Voor ons is vertrouwen cruciaal: we delen cijfers en beslissen samen.")
    assert not _holds_2d(imported.answers["D2c"])
    assert imported.misplaced and "2d" in imported.misplaced[0]


def test_the_form_as_a_table_of_questions_and_answers(call, tmp_path):
    """Each question in a cell with its answer in the cell below: a table after 2c's answer is no table of 2c."""
    document = _part_two(call, [])
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "d. " + call.question("D2d").text
    table.cell(1, 0).text = "Gelijkwaardigheid betekent voor ons dat elke partner evenveel stem heeft."
    imported = from_docx(_save(document, tmp_path / "d.docx"), call)
    assert not _holds_2d(imported.answers["D2c"])
    assert imported.answers["D2d"].endswith("Gelijkwaardigheid betekent voor ons dat elke partner evenveel stem heeft.")


def test_an_answer_that_keeps_another_questions_text_is_reported(call, tmp_path):
    """2d answered already above: 2d's text inside 2c cannot be moved there, so the import says so."""
    document = docx.Document()
    document.add_heading("D. Projectvoorstel (max 10 pagina's)", level=1)
    document.add_heading(f"2d. {call.question('D2d').text}", level=3)
    document.add_paragraph("Vertrouwen.")
    document.add_heading(f"2c. {call.question('D2c').text}", level=3)
    document.add_paragraph("Lessen. " + EDITED_2D[1] + " Dat leerden we ook.")
    imported = from_docx(_save(document, tmp_path / "d.docx"), call)
    assert imported.answers["D2d"] == "Vertrouwen."
    assert imported.misplaced == [
        "alinea 5: het antwoord op 2c bevat de vraagtekst van 2d; de tekst blijft onder 2c: kijk na of hij daar hoort"
    ]


def test_the_cli_warns_about_a_moved_question(call, tmp_path, capsys):
    source = _save(_part_two(call, EDITED_2D), tmp_path / "anker.docx")
    assert main(["import", str(source), "-o", str(tmp_path / "anker.json")]) == 0
    err = capsys.readouterr().err
    assert "Nakijken: alinea 6: de vraagtekst van 2d stond in het antwoord op 2c" in err


def test_ticked_box_in_a_word_checkbox_content_control(call, tmp_path):
    """Word's checkbox content control shows its state as ☒ text in the run: read like a typed ☒."""
    document = _section_c("")
    paragraph = document.paragraphs[2]
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "☒"
    run.append(text)
    content.append(run)
    sdt.append(content)
    paragraph._p.append(sdt)
    paragraph.add_run(" Wij bevestigen dit engagement.")
    assert paragraph._p.find(qn("w:sdt")) is not None
    imported = from_docx(_save(document, tmp_path / "c.docx"), call)
    assert imported.fields == {"C.engagement": "ja"}


def _legacy_checkbox(state: str) -> str:
    return (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>'
        f'<w:checkBox><w:sizeAuto/><w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
    )


@pytest.mark.parametrize(
    ("box", "confirmed"),
    [
        (_legacy_checkbox("<w:checked/>"), True),  # Word's legacy form field, ticked
        (_legacy_checkbox('<w:checked w:val="0"/>'), False),
        (f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>', True),  # Insert > Symbol: ☑
        (f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>', False),  # ☐
    ],
)
def test_word_check_boxes_that_are_no_text(call, tmp_path, box, confirmed):
    document = _section_c("")
    paragraph = document.paragraphs[2]
    paragraph._p.append(parse_xml(box))
    paragraph.add_run(" Wij bevestigen dit engagement.")
    imported = from_docx(_save(document, tmp_path / "c.docx"), call)
    assert imported.fields == ({"C.engagement": "ja"} if confirmed else {})
    empty = ["alinea 3: niet aangekruist, dus niet bevestigd '☐ Wij bevestigen dit engagement.'"]
    assert imported.unmapped == ([] if confirmed else empty)  # an empty box is read as one and reported

"""Word files back into fields and answers: our own export (also after LibreOffice re-saved it) and a
copy of the form filled in by hand."""

import io
import subprocess

import docx
import pytest
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings, strategies as st

from assistant.draft.docx_import import from_docx
from assistant.draft.richtext import canonical_answer
from assistant.draft.workspace import new_proposal
from assistant.errors import ImportFormatError
from assistant.layout.document import build_docx, write_docx
from tests.layout.samples import ANSWERS, FIELDS, sample_proposal
from tests.libreoffice import require_soffice


def _filled(fields: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in fields.items() if v}


def test_export_then_import_gives_back_every_field_and_answer(call):
    proposal = sample_proposal(call)
    imported = from_docx(io.BytesIO(build_docx(proposal, call).data), call)
    assert _filled(imported.fields) == proposal.fields
    assert imported.answers == {qid: canonical_answer(text) for qid, text in ANSWERS.items()}
    assert imported.unmapped == []


def test_lists_bold_italic_and_line_breaks_survive_exactly(call):
    proposal = sample_proposal(call)
    imported = from_docx(io.BytesIO(build_docx(proposal, call).data), call)
    assert imported.answers["D1a"] == ANSWERS["D1a"]  # already canonical: identical, character for character
    assert "\nOnze coaches" in imported.answers["D1b"]


words = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Po", "Sc")).filter(lambda c: c not in "*\\"),
    min_size=1,
    max_size=10,
)
sentence = st.lists(words, min_size=1, max_size=10).map(" ".join)
block = st.one_of(
    sentence,
    st.tuples(sentence, sentence).map(lambda t: f"{t[0]} **{t[1]}**"),
    st.tuples(sentence, sentence).map(lambda t: f"*{t[0]}* {t[1]}"),
    st.lists(sentence, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(sentence, min_size=1, max_size=3).map(
        lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))
    ),
    st.tuples(sentence, sentence).map("\n".join),
    st.lists(sentence, min_size=2, max_size=4).map(
        lambda items: "\n".join("  " * (n % 2) + f"- {i}" for n, i in enumerate(items))
    ),
    st.lists(st.tuples(sentence, sentence), min_size=1, max_size=3).map(
        lambda rows: "| Wat | Wie |\n|---|---|\n" + "\n".join(f"| {a} | **{b}** |" for a, b in rows)
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.dictionaries(
        st.sampled_from(["D1a", "D1c", "D2b", "D2d"]), st.lists(block, min_size=1, max_size=5).map("\n\n".join)
    )
)
def test_round_trip_is_lossless_for_generated_answers(call, answers):
    proposal = new_proposal("x", call)
    for qid, text in answers.items():
        proposal.set_answer(qid, text)
    imported = from_docx(io.BytesIO(build_docx(proposal, call).data), call)
    expected = {qid: canonical_answer(text) for qid, text in answers.items() if canonical_answer(text)}
    assert imported.answers == expected
    assert imported.unmapped == []


def test_tables_and_nested_lists_come_back_from_our_export(call):
    proposal = sample_proposal(call)
    answer = (
        "Planning:\n\n| Activiteit | Partner |\n| --- | --- |\n| Inloop | **OCMW** |\n| Coaching \\| nazorg |  |\n\n"
        "- Zelzate\n    - inloop\n        1. intake\n        2. plan\n- Evergem"
    )
    proposal.set_answer("D1b", answer)
    imported = from_docx(io.BytesIO(build_docx(proposal, call).data), call)
    assert imported.answers["D1b"] == answer
    assert imported.unmapped == []


def test_document_resaved_by_libreoffice_comes_back_whole(call, tmp_path):
    soffice = require_soffice()
    proposal = sample_proposal(call)
    write_docx(proposal, call, tmp_path / "in" / "voorstel.docx")
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "out"), str(tmp_path / "in" / "voorstel.docx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    imported = from_docx(tmp_path / "out" / "voorstel.docx", call)
    assert _filled(imported.fields) == proposal.fields
    assert imported.answers == {qid: canonical_answer(text) for qid, text in ANSWERS.items()}
    assert imported.unmapped == []


def _hand_filled_form(call) -> bytes:
    """The form as an applicant would fill it in Word: bold question texts, a table for B, typos included."""
    document = docx.Document()
    document.add_paragraph("Kandidatuur voor deelname aan het lokaal partnerschap", style="Title")
    document.add_heading("A. Werkingsgebied", level=2)
    document.add_paragraph("Voor welk werkingsgebied stelt u zich kandidaat: B – OOST Meetjesland")
    document.add_heading("B. Kenmerken kandidaat", level=2)
    table = document.add_table(rows=4, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Deelnemer / Organisatie:", "Vzw Het Anker"
    table.cell(1, 0).text, table.cell(1, 1).text = "Rechtsvorm:", "vzw"
    table.cell(2, 0).text, table.cell(2, 1).text = "Ondernemingsnummer:", "0403.170.701"
    table.cell(3, 0).text = (
        "Contactpersoon voor de organisatie\n• Naam & voornaam: Peeters An\n• Functie: directeur\n"
        "• E - mail: an@hetanker.be\n• Telefoonnummer: 09 123 45 67"
    )
    document.add_heading("C. Engagement", level=2)
    document.add_paragraph(
        "Organisaties die zich kandidaat stellen via deze call for interest engageren zich om bij goedkeuring "
        "het Europa WSE-kwaliteitskader toe te passen. Dit ter uitbreiding van de minimale vereisten van het "
        "kwaliteits- en registratiemodel van dienstverleners binnen werk en sociale economie1."
    )
    document.add_heading("D. Projectvoorstel (max 10 pagina's)", level=1)
    document.add_heading("1. Unieke expertise", level=2)

    def bold(text: str) -> None:
        document.add_paragraph().add_run(text).bold = True

    # 1a with a small edit ("kunt u" for "kan u") and the letter prefix of the form.
    bold(
        "a. Welke (unieke) meerwaarde kunt u brengen op basis van de lokale noden en regio-uitdagingen opgenomen "
        "in het lokaal addendum. Welke activiteiten (oplossingen, interventies, dienstverlening, ...) kan u bieden "
        "in functie van deze regio-uitdagingen? Omschrijf hoe u dit concreet zal aanpakken."
    )
    document.add_paragraph("Wij werken outreachend in Zelzate.")
    document.add_paragraph("Huisbezoeken", style="List Bullet")
    document.add_paragraph("Inloop", style="List Bullet")
    bold("b. Toon aan dat u over de juiste expertise, kennis en ervaring beschikt om deze activiteiten in te zetten.")
    document.add_paragraph("Sinds 2009 begeleiden we 120 mensen per jaar.")
    document.add_heading("2. Fit for partnership", level=2)
    bold("d. Wat is voor uw organisatie cruciaal als u deel uitmaakt van een partnerschap?")
    document.add_paragraph("Hoe kijkt u naar volgende organisatie-uitdagingen binnen samenwerking:")
    document.add_paragraph(
        "Inzet voor het gezamenlijke belang, los van het eigen organisatiebelang;", style="List Number"
    )
    document.add_paragraph("Vertrouwen is voor ons cruciaal.")
    # Something that belongs nowhere: must be reported, not dropped.
    document.add_heading("E. Bijlagen", level=2)
    document.add_paragraph("Zie ons jaarverslag.").runs[0].font.size = Pt(11)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_hand_filled_form_maps_question_texts_and_the_field_table(call):
    imported = from_docx(io.BytesIO(_hand_filled_form(call)), call)
    assert imported.fields == {
        "A": "B – OOST Meetjesland",
        "B.organisatie": "Vzw Het Anker",
        "B.rechtsvorm": "vzw",
        "B.ondernemingsnummer": "0403.170.701",
        "B.contact.naam": "Peeters An",
        "B.contact.functie": "directeur",
        "B.contact.email": "an@hetanker.be",
        "B.contact.telefoon": "09 123 45 67",
    }
    assert imported.answers == {
        "D1a": "Wij werken outreachend in Zelzate.\n\n- Huisbezoeken\n- Inloop",
        "D1b": "Sinds 2009 begeleiden we 120 mensen per jaar.",
        "D2d": "Vertrouwen is voor ons cruciaal.",
    }
    assert any("E. Bijlagen" in line for line in imported.unmapped)
    assert any("jaarverslag" in line for line in imported.unmapped)


def test_label_value_lines_instead_of_a_table(call):
    document = docx.Document()
    document.add_heading("B. Kenmerken kandidaat", level=1)
    document.add_paragraph("Organisatie: Vzw Het Anker")
    document.add_paragraph("KBO-nummer: 0403.170.701")
    document.add_paragraph("Onbekend veld: iets")
    buffer = io.BytesIO()
    document.save(buffer)
    imported = from_docx(io.BytesIO(buffer.getvalue()), call)
    assert imported.fields == {"B.organisatie": "Vzw Het Anker", "B.ondernemingsnummer": "0403.170.701"}
    assert imported.unmapped == ["alinea 4: niet herkend 'Onbekend veld: iets'"]


def test_not_a_word_file_is_refused_in_dutch(call, tmp_path):
    bad = tmp_path / "kapot.docx"
    bad.write_bytes(b"dit is geen zip")
    with pytest.raises(ImportFormatError, match="geen leesbaar Word-document"):
        from_docx(bad, call)


def test_applying_an_unchanged_export_records_no_revision(call):
    proposal = sample_proposal(call)
    imported = from_docx(io.BytesIO(build_docx(proposal, call).data), call)
    assert imported.apply(proposal) == []
    imported.answers["D1b"] = "Nieuwe tekst uit Word."
    assert imported.apply(proposal) == ["D1b"]
    assert proposal.answers["D1b"].revisions[-1].origin == "imported"


def test_fields_reference(call):
    assert set(FIELDS) <= {f.id for f in call.fields}


def test_question_headings_with_edits_and_an_unknown_heading(call):
    document = docx.Document()
    document.add_heading("D. Projectvoorstel", level=1)
    document.add_heading("Toon aan dat u over de juiste expertise, kennis en ervaring beschikt om die activiteiten in te zetten", level=3)
    document.add_paragraph("Twintig jaar ervaring.")
    document.add_heading("Onze troeven", level=4)  # a subheading inside the answer stays with it
    document.add_paragraph("Ervaringsdeskundigen.")
    document.add_heading("Iets wat het formulier niet vraagt", level=3)
    document.add_paragraph("Deze tekst hoort bij geen enkele vraag.")
    document.add_heading("1c. Lokale verankering", level=3)
    document.add_paragraph("In Eeklo sinds 2001.")
    buffer = io.BytesIO()
    document.save(buffer)
    imported = from_docx(io.BytesIO(buffer.getvalue()), call)
    assert imported.answers == {
        "D1b": "Twintig jaar ervaring.\n\nOnze troeven\n\nErvaringsdeskundigen.",
        "D1c": "In Eeklo sinds 2001.",
    }
    assert imported.unmapped == [
        "alinea 6: onbekende vraag 'Iets wat het formulier niet vraagt'",
        "alinea 7: niet herkend 'Deze tekst hoort bij geen enkele vraag.'",
    ]


def test_an_answer_line_that_starts_like_a_question_number_stays_in_its_answer(call):
    document = docx.Document()
    document.add_heading("2c. Wat heeft u geleerd uit eerdere samenwerkingen?", level=3)
    document.add_paragraph("We leerden drie dingen.")
    document.add_paragraph("2a) samenwerken vraagt tijd en vaste afspraken met elke partner")
    buffer = io.BytesIO()
    document.save(buffer)
    imported = from_docx(io.BytesIO(buffer.getvalue()), call)
    assert imported.answers == {
        "D2c": "We leerden drie dingen.\n\n2a) samenwerken vraagt tijd en vaste afspraken met elke partner"
    }

"""A call of another shape (tests/fixtures/calls): sections I–III, questions 3.1–4.3, a 6-page section III,
other fields, a declaration instead of an engagement. The whole path in the app: tests/tui/test_second_call_path.py."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from assistant.call import Call, load_call
from assistant.call.loader import DEFAULT_CALL_ID, load_call_file
from assistant.cli import main
from assistant.draft.markdown import from_markdown, to_markdown
from assistant.draft.store import ProposalFile, read_proposal
from assistant.draft.workspace import call_of_document, load_any, new_proposal, new_proposal_path
from assistant.errors import CallFileError
from assistant.layout.document import write_docx
from assistant.review.crossclient import NAME, OtherProposals
from assistant.review.crossindex import IndexedProposals
from assistant.review.offline import review_proposal
from assistant.review.redact import redactor_for

SECOND = Path(__file__).parent.parent / "fixtures" / "calls" / "kempen-inschakeling-2027.toml"
FIELDS = {
    "I.naam": "Vzw Springplank",
    "I.type": "andere: sociale coöperatie",
    "I.kbo": "0123.456.749",
    "I.verantwoordelijke": "Els Jansen",
    "I.mail": "els.jansen@springplank.be",
    "II.verklaring": "ja",
}
ANSWERS = {
    "3.1": "We begeleiden 40 langdurig werkzoekenden per jaar in Geel en Mol, samen met het OCMW.\n\n"
    "- stap 1: kennismaking\n- stap 2: een traject op maat",
    "3.2": "Na twee jaar stromen 25 deelnemers door naar werk; we volgen het resultaat elk kwartaal op.",
    "4.1": "Onze partners zijn het OCMW van Geel, de VDAB in Turnhout en het CAW in Herentals.",
    "4.2": "Elke partner heeft een eigen rol: het OCMW leidt toe, wij begeleiden, de VDAB bemiddelt.",
    "4.3": "Na elk traject vragen we feedback aan de deelnemers; elk kwartaal is er overleg om bij te sturen.",
}


@pytest.fixture(scope="module")
def second() -> Call:
    return load_call(SECOND)


def _filled(call: Call) -> object:
    proposal = new_proposal("Vzw Springplank", call)
    for field_id, value in FIELDS.items():
        proposal.set_field(field_id, value)
    for question_id, text in ANSWERS.items():
        proposal.set_answer(question_id, text)
    return proposal


def test_the_second_call_has_its_own_shape(second):
    assert [s.id for s in second.sections] == ["I", "II", "III"]
    assert second.question_section == "III" and second.page_rule.max_pages == 6
    assert [q.number for q in second.questions] == ["3.1", "3.2", "4.1", "4.2", "4.3"]
    assert second.field_sections == "I–II"


def test_markdown_round_trip_with_dotted_numbers_and_roman_sections(second):
    proposal = _filled(second)
    text = to_markdown(proposal, second)
    assert "# III. Projectplan (max 6 pagina's)" in text and "## 3.1. Welke doelgroep" in text
    back = from_markdown(text, second)
    assert back.unmapped == []
    assert back.fields == FIELDS and back.answers == ANSWERS
    # Headings written by hand: "III" before "II", a spaced number, the section letter before it.
    typed = "# II Verklaring\nVerklaard: ja\n# III Projectplan\n## III 4 . 2\nWij verdelen het werk.\n## 3.10\nx\n"
    loose = from_markdown(typed, second)
    assert loose.fields == {"II.verklaring": "ja"} and loose.answers["4.2"].startswith("Wij verdelen het werk.")
    assert loose.unmapped == ["regel 6: onbekende kop '## 3.10'", "regel 7: niet herkend 'x'"]  # 3.10 is no 3.1


def test_the_offline_review_checks_anchoring_in_this_calls_region_and_skips_the_addendum(second):
    proposal = _filled(second)
    proposal.set_answer("4.1", "We werken samen met verschillende partners.")
    report = review_proposal(proposal, second, None)
    by_id = {q.id: q for q in report.questions}
    messages = [f for f in by_id["4.1"].findings if f.criterion == "verankering_kempen"]
    assert any("Geen enkele gemeente van Kempen" in f.message for f in messages)
    assert not any("addendum" in f.message for q in report.questions for f in q.findings)
    assert report.blocking == []


def test_the_contact_field_of_this_call_is_masked(second):
    redactor = redactor_for(_filled(second), second)
    masked = redactor.mask("Bel Els Jansen of mail els.jansen@springplank.be over Vzw Springplank.")
    assert "Jansen" not in masked and "springplank.be" not in masked and "Springplank" not in masked


def test_a_section_iii_over_six_pages_is_refused_on_export(second, tmp_path, capsys):
    proposal = _filled(second)
    proposal.set_answer("3.1", "\n\n".join(["Een lange alinea over de aanpak in Geel en Mol. " * 12] * 60))
    path = tmp_path / "lang.json"
    with ProposalFile(path, create=proposal):
        pass
    assert main(["export", str(path), "-o", str(tmp_path / "lang.docx")]) == 1
    err = capsys.readouterr().err
    assert "Sectie III is te lang" in err and "(maximum 6)" in err and "3.1 " in err
    assert not (tmp_path / "lang.docx").exists()


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: s.replace('section = "III"', 'section = "II"'), "sectie 'II' met de vragen moet de laatste sectie zijn"),
        (lambda s: s.replace('section = "III"', 'section = "IV"'), "page_rule.section: onbekende sectie 'IV'"),
        (lambda s: s.replace('section = "II"\nlabel = "Verklaard"', 'section = "III"\nlabel = "Verklaard"'), "sectie 'III' bevat de vragen"),
        (lambda s: s.replace('section = "II"\nlabel = "Verklaard"', 'section = "V"\nlabel = "Verklaard"'), "onbekende sectie 'V'"),
        (lambda s: s.replace('anchoring_criterion = "verankering_kempen"', 'anchoring_criterion = "lokale_verankering"'),
         "region.anchoring_criterion: onbekend criterium 'lokale_verankering'"),
        (lambda s: s.replace('contact_field = "I.verantwoordelijke"', 'contact_field = "B.contact.naam"'), "contact_field: onbekend veld"),
        (lambda s: s.replace('id = "II"\n', 'id = "I"\n'), "dubbele sectie-id"),
        (lambda s: s.replace('id = "III"\n', 'id = "3"\n'), "sections[3].id"),
        (lambda s: s.replace('kind = "enterprise_number"', 'kind = "enterprise_number"\nother_label = "Ander"'), "'other_label' hoort bij"),
        (lambda s: s.replace('title = "III. Projectplan', 'intro = "x"\ntitle = "III. Projectplan'), "geen intro of voetnoten"),
        (lambda s: s.replace('id = "I.naam"\nsection = "I"', 'id = "I.naam"\nsection = "II"'), "de velden staan per sectie"),
    ],
)
def test_a_call_of_an_impossible_shape_is_refused_naming_the_key(tmp_path, edit, expected):
    broken = tmp_path / "vorm.toml"
    broken.write_text(edit(SECOND.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CallFileError) as info:
        load_call_file(broken)
    assert expected in str(info.value)


def test_a_document_finds_its_call_only_by_a_bundled_id_or_a_known_proposal(second, tmp_path):
    proposal = _filled(second)
    exported = tmp_path / "springplank.docx"
    write_docx(proposal, second, exported)
    assert call_of_document(exported).id == DEFAULT_CALL_ID  # no proposal made with this call is known yet
    with ProposalFile(new_proposal_path("Vzw Springplank"), create=proposal):
        pass
    assert call_of_document(exported).source_path == str(SECOND)
    document = docx.Document(str(exported))
    document.core_properties.identifier = "../../kempen-inschakeling-2027.toml"  # never read as a path
    document.save(str(exported))
    assert call_of_document(exported).id == DEFAULT_CALL_ID


def test_exported_markdown_names_its_call_so_the_app_and_import_read_it_back_with_it(second, tmp_path, capsys):
    path = new_proposal_path("Vzw Springplank")
    with ProposalFile(path, create=_filled(second)):
        pass
    exported = tmp_path / "springplank.md"
    assert main(["export", str(path), "-o", str(exported)]) == 0
    assert exported.read_text(encoding="utf-8").startswith("<!-- oproep: kempen-inschakeling-2027 -->\n")
    loaded = load_any(exported)  # what the app's import does
    assert loaded.call.id == "kempen-inschakeling-2027" and loaded.unmapped == []
    assert loaded.proposal.fields == FIELDS
    capsys.readouterr()
    assert main(["import", str(exported)]) == 0
    imported = read_proposal(Path(capsys.readouterr().out.split(":")[0]))
    assert imported.call_id == "kempen-inschakeling-2027" and imported.answer_text("4.3") == ANSWERS["4.3"]


def test_the_items_of_a_question_are_numbered_in_word_as_the_call_numbers_them(second, call, tmp_path):
    def item_format(current: Call, text: str) -> str:
        path = tmp_path / f"{current.id}.docx"
        write_docx(_filled(current) if current is second else new_proposal("X", current), current, path)
        document = docx.Document(str(path))
        paragraph = next(p for p in document.paragraphs if p.text == text)
        num_id = paragraph._p.pPr.numPr.numId.val
        numbering = document.part.numbering_part.element
        num = next(n for n in numbering.num_lst if n.numId == num_id)
        abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val))
        return abstract.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val"))

    assert item_format(second, "Hoe verzamelt u feedback van deelnemers?") == "lowerLetter"  # a. b.
    assert item_format(call, call.question("D2d").items[0].text) == "lowerRoman"  # i. – iv.


def test_without_page_rule_section_the_last_section_is_counted(tmp_path):
    older = tmp_path / "ouder.toml"
    older.write_text(SECOND.read_text(encoding="utf-8").replace('section = "III"\nmax_pages', "max_pages"), encoding="utf-8")
    assert load_call_file(older).question_section == "III"


def test_another_clients_contact_of_this_call_is_found_by_the_calls_roles(second, tmp_path):
    folder = tmp_path / "klanten"
    folder.mkdir()
    other = _filled(second)  # its contact is Els Jansen
    other.set_field("I.naam", "Vzw Kompas Geel")
    other.set_field("I.kbo", "0403.170.701")
    ours = _filled(second)
    ours.set_field("I.verantwoordelijke", "Piet Peeters")
    ours.set_answer("4.1", ANSWERS["4.1"] + " Bel Els Jansen voor meer uitleg.")
    for name, proposal in (("kompas.json", other), ("springplank.json", ours)):
        with ProposalFile(folder / name, create=proposal):
            pass
    mine = folder / "springplank.json"
    proposal = read_proposal(mine)
    found = OtherProposals(folder, exclude=mine).findings(proposal, second)
    assert IndexedProposals(folder, mine).findings(proposal, second) == found  # what `check FILE` asks
    (finding,) = [f for f in found["4.1"] if f.criterion == NAME]
    assert "de contactpersoon" in finding.message and "kompas.json" in finding.message


def test_an_unconfirmed_declaration_blocks_naming_its_own_section(second):
    proposal = _filled(second)
    proposal.set_field("II.verklaring", "")
    report = review_proposal(proposal, second, None)
    assert any("Verklaard" in b and "sectie II " in b for b in report.blocking), report.blocking

"""Tracked changes and comments in a Word file that comes back from the client: listed per question, taken
over only as decided, comments as notes (the tool's own recognised). Files written with Word's element
shapes (python-docx and lxml) and by LibreOffice's own change tracking."""

import io
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from assistant.draft.docx_import import FIELDS_ITEM, from_docx
from assistant.draft.richtext import canonical_answer
from assistant.draft.word_changes import TOOL_AUTHOR, add_notes, read_changes
from assistant.draft.workspace import load_any, new_proposal
from assistant.layout.document import COMMENT_AUTHOR, build_docx
from assistant.layout.structure import Note
from tests.draft.word_edits import (
    AN,
    ELS,
    OWN_FINDING,
    Ids,
    client_edited,
    libreoffice_edited,
    paragraph_mark,
    soffice_convert,
)
from tests.layout.samples import ANSWERS, FIELDS, sample_proposal
from tests.libreoffice import require_soffice

ORIGINAL = {qid: canonical_answer(text) for qid, text in ANSWERS.items()}


@pytest.fixture
def word_file(call, tmp_path) -> Path:
    return client_edited(call, tmp_path / "terug-van-klant.docx")


def _summary(changes):
    return [(c.item, c.kind, c.author, c.text) for c in changes]


def test_every_insertion_and_deletion_is_listed_under_its_question_with_its_author(call, word_file):
    found = read_changes(word_file, call)
    assert _summary(found.changes) == [
        (FIELDS_ITEM, "del", AN, "Vzw De Brug Meetjesland"),
        (FIELDS_ITEM, "ins", AN, "Vzw De Brug Eeklo"),
        ("D1a", "del", AN, "Zelzate en Evergem"),
        ("D1a", "ins", AN, "Eeklo en Maldegem"),
        ("D1b", "del", ELS, "120 mensen"),
        ("D1b", "ins", ELS, "140 mensen"),
        ("D1b", "ins", AN, " Zij spreken ook Arabisch."),
        ("D2d", "del", ELS, ", bij consensus"),
    ]
    assert found.authors == [AN, ELS]
    assert list(found.by_item()) == ["D1a", "D1b", "D2d", FIELDS_ITEM]  # the form's order, A–C last
    replaced = found.changes[4]
    assert replaced.context.startswith("Sinds 2009 begeleiden we [-120 mensen-]{+140 mensen+} per jaar")
    diff = "\n".join(found.diff_lines())
    assert "[8] verwijderd door Els Claes: «, bij consensus»" in diff
    assert "Beslissingen nemen we in de stuurgroep[-, bij consensus-]." in diff


def test_nothing_accepted_gives_the_text_before_the_client_edited_it(call, word_file):
    found = read_changes(word_file, call)
    before = found.read(set())
    assert before.answers == ORIGINAL
    assert {k: v for k, v in before.fields.items() if v} == sample_proposal(call).fields


def test_exactly_the_accepted_changes_are_taken_over(call, word_file):
    found = read_changes(word_file, call)
    everything = found.read(found.all_numbers())
    assert everything.answers["D1a"].startswith("In Eeklo en Maldegem zien we")
    assert everything.answers["D1b"] == (
        "Sinds 2009 begeleiden we 140 mensen per jaar; 35% vindt binnen het jaar werk.\n"
        "Onze coaches zijn ervaringsdeskundigen. Zij spreken ook Arabisch."
    )
    assert everything.answers["D2d"].endswith("Beslissingen nemen we in de stuurgroep.")
    assert everything.fields["B.organisatie"] == "Vzw De Brug Eeklo"
    only_1b = found.read({c.number for c in found.by_item()["D1b"]})
    assert only_1b.answers["D1b"] == everything.answers["D1b"]
    assert {qid: only_1b.answers[qid] for qid in ("D1a", "D2d")} == {qid: ORIGINAL[qid] for qid in ("D1a", "D2d")}
    assert only_1b.fields["B.organisatie"] == FIELDS["B.organisatie"]
    # Half of a replacement: the deletion accepted, the insertion not.
    half = found.read({found.changes[4].number})
    assert half.answers["D1b"].startswith("Sinds 2009 begeleiden we  per jaar")


def test_the_clients_comments_become_notes_and_the_tools_own_are_recognised(call, word_file):
    found = read_changes(word_file, call)
    assert [(c.item, c.author, c.text, c.quote) for c in found.client_comments] == [
        ("D1b", AN, "Klopt 2009? Volgens mij 2010.", "Sinds 2009 begeleiden we"),
        ("D2d", ELS, "Hier nog een voorbeeld uit 2025 toevoegen?", "Cruciaal is vertrouwen."),
    ]  # in reading order, not in the order they were written
    assert [(c.item, c.text) for c in found.own_comments] == [("D1a", OWN_FINDING)]
    assert TOOL_AUTHOR == COMMENT_AUTHOR  # the exporter writes what the importer recognises
    proposal = new_proposal("De Brug", call)
    assert add_notes(proposal, found.comments, word_file.name) == 2
    assert add_notes(proposal, found.comments, word_file.name) == 0  # read again: not duplicated
    assert [(n.item, n.author) for n in proposal.notes] == [("D1b", AN), ("D2d", ELS)]
    assert [number for number, _ in proposal.open_notes("D2d")] == [2]


def test_reading_a_word_file_directly_takes_changes_as_accepted_only_with_a_notice(call, word_file):
    loaded = load_any(word_file)
    assert loaded.proposal.answer_text("D1b").startswith("Sinds 2009 begeleiden we 140 mensen")
    assert len(loaded.notices) == 1 and "8 bijgehouden wijziging(en)" in loaded.notices[0]
    assert "--wijzigingen" in loaded.notices[0]
    rejected = load_any(word_file, accept_changes=False)
    assert rejected.proposal.answer_text("D1b") == ORIGINAL["D1b"] and rejected.notices == []
    assert rejected.word is not None and len(rejected.word.changes) == 8
    assert [n.author for n in loaded.proposal.notes] == [AN, ELS]


@pytest.mark.parametrize(("tag", "joined_when_accepted"), [("w:del", True), ("w:ins", False)])
def test_a_paragraph_end_deleted_or_inserted_joins_or_splits_paragraphs_as_decided(call, tag, joined_when_accepted):
    document = docx.Document(io.BytesIO(build_docx(sample_proposal(call), call).data))
    paragraph_mark(document, "trajecten op maat.", tag, ELS, Ids())
    data = io.BytesIO()
    document.save(data)
    found = read_changes(io.BytesIO(data.getvalue()), call)
    assert [(c.item, c.kind, c.paragraph_mark) for c in found.changes] == [("D1a", tag[2:], True)]
    assert "een alinea-einde" in found.changes[0].describe()
    assert found.changes[0].context.endswith("trajecten op maat." + ("[-¶-]" if tag == "w:del" else "{+¶+}"))
    separate = ORIGINAL["D1a"]
    joined = separate.replace("op maat.\n\nConcreet:", "op maat.Concreet:")
    assert found.read({1}).answers["D1a"] == (joined if joined_when_accepted else separate)
    assert found.read(set()).answers["D1a"] == (separate if joined_when_accepted else joined)


def test_a_file_without_changes_or_comments_reads_as_before(call):
    data = build_docx(sample_proposal(call), call).data
    found = read_changes(io.BytesIO(data), call)
    assert found.changes == [] and found.comments == []
    assert found.read(set()).answers == from_docx(io.BytesIO(data), call).answers == ORIGINAL


def test_changes_made_with_libreoffices_change_tracking(call, tmp_path):
    soffice = require_soffice()
    found = read_changes(libreoffice_edited(call, tmp_path, soffice), call)
    assert _summary(found.changes) == [
        (FIELDS_ITEM, "del", AN, "Meetjesland"),
        (FIELDS_ITEM, "ins", AN, "Eeklo"),
        ("D1b", "del", AN, "120 mensen"),
        ("D1b", "ins", AN, "140 mensen"),
        ("D2d", "del", ELS, ", bij consensus"),
    ]
    assert [(c.item, c.author, c.text, c.quote) for c in found.client_comments] == [
        ("D1b", ELS, "Klopt 2009? Volgens mij 2010.", "Sinds 2009")
    ]
    assert [c.text for c in found.own_comments] == [OWN_FINDING]
    proposal = new_proposal("De Brug", call)
    add_notes(proposal, found.comments, "voorstel.docx")
    assert proposal.notes[0].at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # when the client wrote it
    assert found.read(set()).answers == ORIGINAL
    accepted = found.read(found.all_numbers())
    assert accepted.answers["D1b"].startswith("Sinds 2009 begeleiden we 140 mensen per jaar")
    assert accepted.answers["D2d"].endswith("in de stuurgroep.")
    assert accepted.fields["B.organisatie"] == "Vzw De Brug Eeklo"
    assert accepted.unmapped == []


def test_word_shaped_changes_survive_a_libreoffice_re_save(call, word_file, tmp_path):
    soffice = require_soffice()
    resaved = soffice_convert(soffice, word_file, "docx:MS Word 2007 XML", tmp_path / "lo", tmp_path / "profile")
    before, after = read_changes(word_file, call), read_changes(resaved, call)
    assert _summary(after.changes) == _summary(before.changes)
    assert after.read(after.all_numbers()).answers == before.read(before.all_numbers()).answers
    assert [(c.item, c.author, c.text) for c in after.comments] == [(c.item, c.author, c.text) for c in before.comments]


def test_export_with_comments_then_libreoffice_re_save_then_import_loses_nothing(call, tmp_path):
    soffice = require_soffice()
    proposal = sample_proposal(call)
    notes = [
        Note("D1b", "tip: noem de bron van 35%.", quote="35% vindt binnen het jaar werk."),
        Note("D2d", OWN_FINDING),
    ]
    exported = tmp_path / "export" / "voorstel.docx"
    exported.parent.mkdir()
    exported.write_bytes(build_docx(proposal, call, notes).data)
    resaved = soffice_convert(soffice, exported, "docx:MS Word 2007 XML", tmp_path / "lo", tmp_path / "profile")
    assert docx.Document(str(resaved)).comments  # LibreOffice kept the comments
    found = read_changes(resaved, call)
    assert found.changes == [] and found.client_comments == []
    assert [(c.item, c.text) for c in found.own_comments] == [("D1b", notes[0].text), ("D2d", OWN_FINDING)]
    imported = found.read(set())
    assert imported.answers == ORIGINAL and imported.unmapped == []
    assert {k: v for k, v in imported.fields.items() if v} == proposal.fields
    target = new_proposal("De Brug", call)
    assert add_notes(target, found.comments, resaved.name) == 0

"""`import FILE.docx --wijzigingen`, `notes`, and the client's comments in `show` and `check --json`, as a
user runs them on a file the client edited in Word."""

import io
import json

import pytest

from assistant.cli import main
from assistant.draft.store import ProposalFile, read_proposal
from tests.draft.word_edits import AN, ELS, client_edited
from tests.layout.samples import ANSWERS, sample_proposal


@pytest.fixture
def word_file(call, tmp_path):
    return client_edited(call, tmp_path / "terug.docx")


@pytest.fixture
def proposal_path(call, tmp_path):
    path = tmp_path / "de-brug.json"
    with ProposalFile(path, create=sample_proposal(call)):
        pass
    return path


def _answer(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def test_import_of_a_file_with_tracked_changes_refuses_and_points_to_wijzigingen(word_file, proposal_path, capsys):
    before = proposal_path.read_bytes()
    assert main(["import", str(word_file), "-o", str(proposal_path)]) == 2
    err = capsys.readouterr().err
    assert "8 bijgehouden wijziging(en) van An Peeters, Els Claes" in err and "niets ingelezen" in err
    assert f"import {word_file} -o {proposal_path} --wijzigingen" in err
    assert proposal_path.read_bytes() == before


def test_wijzigingen_lists_the_changes_and_no_reads_nothing(word_file, proposal_path, capsys, monkeypatch):
    before = proposal_path.read_bytes()
    _answer(monkeypatch, "n")
    assert main(["import", str(word_file), "-o", str(proposal_path), "--wijzigingen"]) == 0
    out = capsys.readouterr().out
    assert "1b. Toon aan dat u over de juiste expertise" in out
    assert "[5] verwijderd door Els Claes: «120 mensen»" in out
    assert "[6] ingevoegd door Els Claes: «140 mensen»" in out
    assert "Sinds 2009 begeleiden we [-120 mensen-]{+140 mensen+}" in out
    assert "Niets ingelezen." in out
    assert proposal_path.read_bytes() == before


def test_yes_takes_every_change_and_the_clients_comments_as_notes(word_file, proposal_path, capsys, monkeypatch):
    _answer(monkeypatch, "j")
    assert main(["import", str(word_file), "-o", str(proposal_path), "--wijzigingen"]) == 0
    out = capsys.readouterr().out
    assert "8 wijziging(en) aanvaard, 0 verworpen." in out
    assert "2 opmerking(en) van de klant bewaard als notitie" in out
    assert "1 eigen opmerking(en) van wse-assistant herkend en niet overgenomen." in out
    proposal = read_proposal(proposal_path)
    assert proposal.answer_text("D1b").startswith("Sinds 2009 begeleiden we 140 mensen")
    assert proposal.fields["B.organisatie"] == "Vzw De Brug Eeklo"
    assert [(n.item, n.author) for n in proposal.notes] == [("D1b", AN), ("D2d", ELS)]
    # The same file again (with --ja, as a script would): nothing new, no note twice.
    assert main(["import", str(word_file), "-o", str(proposal_path), "--wijzigingen", "--ja"]) == 0
    assert "0 onderdelen bijgewerkt" in capsys.readouterr().out
    assert len(read_proposal(proposal_path).notes) == 2


def test_per_question_takes_only_the_questions_said_yes_to(word_file, proposal_path, capsys, monkeypatch):
    _answer(monkeypatch, "v", "n", "j", "n", "n")  # 1a no, 1b yes, 2d no, sections A–C no
    assert main(["import", str(word_file), "-o", str(proposal_path), "--wijzigingen"]) == 0
    assert "3 wijziging(en) aanvaard, 5 verworpen." in capsys.readouterr().out
    proposal = read_proposal(proposal_path)
    assert proposal.answer_text("D1b").endswith("Zij spreken ook Arabisch.")
    assert proposal.answer_text("D1a") == ANSWERS["D1a"]
    assert proposal.answer_text("D2d") == ANSWERS["D2d"]
    assert proposal.fields["B.organisatie"] == "Vzw De Brug Meetjesland"


def test_no_answer_on_a_closed_input_reads_nothing(word_file, tmp_path, capsys, monkeypatch):
    _answer(monkeypatch)
    target = tmp_path / "nieuw.json"
    assert main(["import", str(word_file), "-o", str(target), "--wijzigingen"]) == 2
    assert "--ja" in capsys.readouterr().err
    assert not target.exists()
    assert main(["import", str(word_file), "-o", str(target), "--ja"]) == 2  # --ja alone accepts nothing unseen
    assert "--ja hoort bij --wijzigingen" in capsys.readouterr().err


def test_notes_show_under_their_question_in_show_and_check_until_done(word_file, proposal_path, capsys):
    assert main(["import", str(word_file), "-o", str(proposal_path), "--wijzigingen", "--ja"]) == 0
    capsys.readouterr()
    assert main(["show", str(proposal_path)]) == 0
    shown = capsys.readouterr().out
    after_1b = shown.split("1b. Toon aan")[1].split("1c. ")[0]
    assert "[1] An Peeters: Klopt 2009? Volgens mij 2010. (bij «Sinds 2009 begeleiden we»)" in after_1b
    main(["check", str(proposal_path), "--json", "--estimate-only", "--niet-vergelijken"])
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert [(n["number"], n["question"], n["author"]) for n in notes] == [(1, "D1b", AN), (2, "D2d", ELS)]

    assert main(["notes", str(proposal_path), "--klaar", "1"]) == 0
    listed = capsys.readouterr().out
    assert "Klopt 2009" not in listed and "Vraag 2d" in listed
    main(["show", str(proposal_path)])
    assert "Klopt 2009" not in capsys.readouterr().out
    main(["check", str(proposal_path), "--json", "--estimate-only", "--niet-vergelijken"])
    assert [n["number"] for n in json.loads(capsys.readouterr().out)["notes"]] == [2]
    assert main(["notes", str(proposal_path), "--alle"]) == 0
    assert "Klopt 2009? Volgens mij 2010. (bij «Sinds 2009 begeleiden we») – afgehandeld" in capsys.readouterr().out
    assert main(["notes", str(proposal_path), "--klaar", "7"]) == 2
    assert "geen notitie 7; dit voorstel heeft er 2" in capsys.readouterr().err


def test_show_of_the_word_file_itself_says_changes_are_read_as_accepted(word_file, capsys):
    assert main(["show", str(word_file)]) == 0
    captured = capsys.readouterr()
    assert "140 mensen" in captured.out
    assert "Let op: terug.docx bevat 8 bijgehouden wijziging(en)" in captured.err
    assert "alsof ze aanvaard zijn" in captured.err

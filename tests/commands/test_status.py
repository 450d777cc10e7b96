"""`status`: a folder of generated proposals, its index file deleted, corrupted, stale or old between runs."""

import json
import os

import pytest

from assistant import locations
from assistant.cli import main
from assistant.draft.store import read_proposal, write_proposal
from assistant.review.portfolio import INDEX_NAME, SEARCH_NAME, load_portfolio
from bench.portfolio import client, write_portfolio

CLIENTS = 4


def status_json(capsys, *args):
    assert main(["status", *map(str, args), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_status_lists_every_proposal_with_the_documented_fields(client_folder, capsys):
    document = status_json(capsys, client_folder)
    assert (document["format"], document["version"], document["unreadable"]) == ("wse-assistant/status", 1, [])
    assert len(document["proposals"]) == CLIENTS
    entry = document["proposals"][0]
    assert set(entry) == {
        "file", "path", "name", "organisation", "call", "werkingsgebied", "questions", "answered",
        "blocking", "pages_estimated", "pages_limit", "updated_at", "language", "deadline", "days_left", "notes_open",
    }
    assert (entry["language"], entry["deadline"], entry["days_left"], entry["notes_open"]) == (None, None, None, 0)
    assert entry["call"] == "oost-meetjesland-2026" and entry["answered"] == 7 and entry["blocking"] == 0
    assert [q["number"] for q in entry["questions"]] == ["1a", "1b", "1c", "2a", "2b", "2c", "2d"]
    assert {q["level"] for q in entry["questions"]} <= {"sterk", "voldoende", "zwak"}
    times = [e["updated_at"] for e in document["proposals"]]
    assert times == sorted(times, reverse=True)  # last change first


def test_the_index_is_used_when_fresh_and_the_files_win_when_they_change(client_folder, call):
    first = load_portfolio(client_folder)
    assert first.reviewed == CLIENTS and (client_folder / INDEX_NAME).exists()
    assert load_portfolio(client_folder).reviewed == 0
    # A second process writes one proposal and makes another: only those are read again.
    changed = read_proposal(client_folder / "client-1.json")
    changed.set_answer("D2d", "")
    changed.set_field("B.ondernemingsnummer", "0123.456.748")
    write_proposal(client_folder / "client-1.json", changed)
    write_portfolio(client_folder / "nieuw", 1, call, words=50)
    os.replace(client_folder / "nieuw" / "client-0.json", client_folder / "client-9.json")
    again = load_portfolio(client_folder)
    assert again.reviewed == 2
    entry = next(e for e in again.proposals if e["file"] == "client-1.json")
    assert entry["blocking"] == 2 and entry["questions"][-1]["level"] == "ontbreekt" and entry["answered"] == 6
    os.unlink(client_folder / "client-9.json")
    assert {e["file"] for e in load_portfolio(client_folder).proposals} == {f"client-{n}.json" for n in range(CLIENTS)}


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.unlink(),
        lambda path: path.write_text("{kapot", encoding="utf-8"),
        lambda path: path.write_text('{"format": "wse-assistant/status-index", "version": 0, "entries": {}}', encoding="utf-8"),
        lambda path: path.write_text("[1, 2]", encoding="utf-8"),
    ],
    ids=["deleted", "corrupt", "older-version", "other-shape"],
)
def test_a_missing_corrupt_or_old_index_is_rebuilt(client_folder, capsys, damage):
    before = status_json(capsys, client_folder)
    damage(client_folder / INDEX_NAME)
    assert load_portfolio(client_folder).reviewed == CLIENTS
    assert status_json(capsys, client_folder) == before
    assert load_portfolio(client_folder).reviewed == 0


def test_an_entry_whose_file_changed_behind_it_is_not_trusted(client_folder):
    load_portfolio(client_folder)
    index = json.loads((client_folder / INDEX_NAME).read_text(encoding="utf-8"))
    index["entries"]["client-0.json"]["status"]["blocking"] = 99  # a forged entry for the old file
    index["entries"]["client-0.json"]["stat"][0] -= 1
    (client_folder / INDEX_NAME).write_text(json.dumps(index), encoding="utf-8")
    portfolio = load_portfolio(client_folder)
    assert portfolio.reviewed == 1
    assert next(e for e in portfolio.proposals if e["file"] == "client-0.json")["blocking"] == 0


def test_search_across_answers_and_filters(client_folder, capsys):
    target = read_proposal(client_folder / "client-2.json")
    target.set_answer("D1c", target.answer_text("D1c") + "\n\nWe werken samen met het Wijkgezondheidscentrum Zelzate.")
    write_proposal(client_folder / "client-2.json", target)
    found = status_json(capsys, client_folder, "--zoek", "wijkgezondheidscentrum  ZELZATE")
    assert [e["file"] for e in found["proposals"]] == ["client-2.json"]
    assert status_json(capsys, client_folder, "--zoek", "komt nergens voor")["proposals"] == []
    # Without the search index, or with one that no longer fits the file, the files are searched.
    (client_folder / SEARCH_NAME).unlink()
    assert [e["file"] for e in status_json(capsys, client_folder, "--zoek", "wijkgezondheidscentrum")["proposals"]] == ["client-2.json"]
    stale = {"format": "wse-assistant/status-search", "version": 1, "program": "0.1.0",
             "entries": {"client-2.json": {"stat": [1, 2], "text": "iets anders"}}}
    (client_folder / SEARCH_NAME).write_text(json.dumps(stale), encoding="utf-8")
    assert [e["file"] for e in status_json(capsys, client_folder, "--zoek", "wijkgezondheidscentrum")["proposals"]] == ["client-2.json"]
    assert status_json(capsys, client_folder, "--oproep", "een-andere-oproep")["proposals"] == []
    by_name = status_json(capsys, client_folder, "--sorteer", "naam")["proposals"]
    assert [e["name"] for e in by_name] == sorted((client(n).organisation for n in range(CLIENTS)), key=str.casefold)


def test_text_table_unreadable_files_and_bad_folders(client_folder, capsys):
    (client_folder / "kapot.json").write_text("{niet", encoding="utf-8")
    # As `check --all`: a file that cannot be read makes the exit code 2, the others are shown all the same.
    assert main(["status", str(client_folder)]) == 2
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("Gewijzigd") and "1a  1b  1c  2a  2b  2c  2d" in out
    assert f"{CLIENTS} van {CLIENTS} voorstellen" in out and "Niet te lezen: kapot.json:" in out
    assert main(["status", str(client_folder), "--json"]) == 2
    document = json.loads(capsys.readouterr().out)
    assert len(document["proposals"]) == CLIENTS and [u["file"] for u in document["unreadable"]] == ["kapot.json"]
    assert main(["status", str(client_folder / "nergens")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_status_without_a_folder_shows_the_data_folder(capsys, call):
    assert main(["status"]) == 0
    assert "Geen voorstellen in deze map." in capsys.readouterr().out
    write_portfolio(locations.proposals_dir(), 1, call, words=50)
    assert main(["status"]) == 0
    assert "client-0.json" in capsys.readouterr().out


def test_a_read_only_folder_still_gets_its_status(client_folder, capsys):
    os.chmod(client_folder, 0o555)
    try:
        if os.access(client_folder, os.W_OK):
            pytest.skip("running as a user who may write anyway")
        assert len(status_json(capsys, client_folder)["proposals"]) == CLIENTS
        assert not (client_folder / INDEX_NAME).exists()
    finally:
        os.chmod(client_folder, 0o755)

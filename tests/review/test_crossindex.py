"""The cross-client index on disk that `check FILE` reads: only what changed is read again, the files always
win over the index, and a missing, corrupt, older or unusable index never stops the check."""

import sqlite3

import pytest

from assistant import locations
from assistant.cli import main
from assistant.draft.store import read_proposal, write_proposal
from assistant.review.crossclient import OVERLAP, OtherProposals
from assistant.review.crossindex import INDEX_NAME, IndexedProposals, others_for_one
from bench.portfolio import write_portfolio

CLIENTS = 5


@pytest.fixture
def folder(tmp_path, call):
    folder = tmp_path / "klanten"
    write_portfolio(folder, CLIENTS, call, words=200)
    return folder


def plant(folder, source="client-0.json", target="client-3.json"):
    paragraph = read_proposal(folder / source).answer_text("D2a").split("\n\n")[0]
    proposal = read_proposal(folder / target)
    proposal.set_answer("D1b", proposal.answer_text("D1b") + "\n\n" + paragraph)
    write_proposal(folder / target, proposal)
    return paragraph


def overlaps(folder, name, call):
    path = folder / name
    index = IndexedProposals(folder, path)
    found = index.findings(read_proposal(path), call)
    return index, [f for items in found.values() for f in items if f.criterion == OVERLAP]


def test_only_changed_files_are_read_again_and_the_files_win(folder, call):
    plant(folder)
    index, found = overlaps(folder, "client-3.json", call)
    assert index.read == CLIENTS and len(index) == CLIENTS - 1 and len(found) == 1
    assert "client-0.json" in found[0].message
    index, found = overlaps(folder, "client-3.json", call)
    assert index.read == 0 and len(found) == 1  # nothing changed: nothing read, the same finding
    # Another process rewrites client-0 without the paragraph: the index entry is stale and not trusted.
    source = read_proposal(folder / "client-0.json")
    source.set_answer("D2a", "Een heel ander antwoord.")
    write_proposal(folder / "client-0.json", source)
    index, found = overlaps(folder, "client-3.json", call)
    assert index.read == 1 and found == []
    # A file removed is forgotten; one added is read.
    (folder / "client-1.json").unlink()
    index, _ = overlaps(folder, "client-3.json", call)
    assert index.read == 0 and len(index) == CLIENTS - 2
    write_portfolio(folder / "nieuw", 1, call, words=50)
    (folder / "nieuw" / "client-0.json").rename(folder / "extra.json")
    index, _ = overlaps(folder, "client-3.json", call)
    assert index.read == 1 and len(index) == CLIENTS - 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "older", "other-program"])
def test_a_damaged_or_older_index_is_made_again(folder, call, damage):
    plant(folder)
    overlaps(folder, "client-3.json", call)
    index_file = folder / INDEX_NAME
    if damage == "garbage":
        index_file.write_bytes(b"dit is geen database" * 100)
    elif damage == "truncated":
        index_file.write_bytes(index_file.read_bytes()[:5000])
    else:
        with sqlite3.connect(index_file) as db:
            key = "version" if damage == "older" else "program"
            db.execute("UPDATE meta SET value = '0' WHERE key = ?", (key,))
    index, found = overlaps(folder, "client-3.json", call)
    assert index.read == CLIENTS and len(found) == 1


def test_an_index_that_cannot_be_made_falls_back_to_reading_the_files(folder, call):
    plant(folder)
    (folder / INDEX_NAME).mkdir()  # in the way: SQLite cannot open it, nor can it be removed as a file
    others = others_for_one(folder, folder / "client-3.json")
    assert isinstance(others, OtherProposals)
    found = others.findings(read_proposal(folder / "client-3.json"), call)
    assert [f.criterion for items in found.values() for f in items] == [OVERLAP]


def test_check_of_one_file_uses_the_index_of_the_data_folder(call, capsys):
    folder = locations.proposals_dir()
    write_portfolio(folder, CLIENTS, call, words=200)
    plant(folder)
    assert main(["check", str(folder / "client-3.json"), "--estimate-only", "--json"]) == 1
    assert (folder / INDEX_NAME).is_file()
    capsys.readouterr()
    source = read_proposal(folder / "client-0.json")
    source.set_answer("D2a", "Een heel ander antwoord.")
    write_proposal(folder / "client-0.json", source)
    assert main(["check", str(folder / "client-3.json"), "--estimate-only"]) == 0
    # Not one of the proposals: the index file is never listed or checked as a proposal.
    assert main(["status", str(folder)]) == 0 and INDEX_NAME not in capsys.readouterr().out


def test_an_unreadable_file_is_tried_again_every_time(folder, call):
    plant(folder)
    source = folder / "client-0.json"
    good = source.read_bytes()
    source.write_bytes(good[:100])  # cut off: not a proposal now
    index, found = overlaps(folder, "client-3.json", call)
    assert found == [] and len(index) == CLIENTS - 2
    index, _ = overlaps(folder, "client-3.json", call)
    assert index.read == 1  # tried again, though its time and size did not change
    source.write_bytes(good)
    index, found = overlaps(folder, "client-3.json", call)
    assert len(found) == 1


def test_two_checks_at_once_on_a_folder_without_an_index(call, tmp_path):
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    folder = tmp_path / "data" / "proposals"
    write_portfolio(folder, CLIENTS, call, words=200)
    plant(folder)
    env = {**os.environ, "WSE_ASSISTANT_HOME": str(tmp_path)}
    argv = [sys.executable, "-m", "assistant", "check", str(folder / "client-3.json"), "--estimate-only"]
    runs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    for code, out, err in results:
        assert code == 1 and err == "" and "client-0.json, vraag 2a, alinea 1" in out
    assert (folder / INDEX_NAME).is_file()

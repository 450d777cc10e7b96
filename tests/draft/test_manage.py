"""Managing proposals on real files in a data folder: rename, duplicate, archive, delete, restore, copy an
answer; nothing is lost, nothing overwritten, a proposal open elsewhere is left alone."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import locations
from assistant.cli import main
from assistant.draft import manage
from assistant.draft.store import ProposalFile, backup_path, lock_path, read_proposal, write_proposal
from assistant.errors import ProposalLockedError, UsageError
from assistant.review.crossclient import OVERLAP, OtherProposals
from assistant.review.portfolio import load_portfolio
from bench.portfolio import write_portfolio


@pytest.fixture
def folder(call):
    folder = locations.proposals_dir()
    write_portfolio(folder, 3, call, words=120)
    return folder


def files(folder):
    return sorted(p.name for p in folder.glob("*.json") if not p.name.startswith("."))


def test_rename_changes_the_name_and_the_file_and_keeps_everything_else(folder):
    before = read_proposal(folder / "client-0.json")
    path = manage.rename(folder / "client-0.json", "Vzw Nieuwe Naam")
    assert path == folder / "vzw-nieuwe-naam.json"
    after = read_proposal(path)
    assert after.name == "Vzw Nieuwe Naam"
    assert after.answers == before.answers and after.fields == before.fields
    assert read_proposal(backup_path(path)).name == before.name  # the state before the rename is the backup
    assert not (folder / "client-0.json").exists() and not (folder / "client-0.json.bak").exists()
    assert not list(folder.glob("*.lock"))


def test_rename_onto_a_taken_name_picks_a_free_one(folder):
    taken = (folder / "client-1.json").read_bytes()
    path = manage.rename(folder / "client-0.json", "Client 1")
    assert path.name == "client-1-2.json" and read_proposal(path).name == "Client 1"
    assert (folder / "client-1.json").read_bytes() == taken


def test_a_proposal_open_elsewhere_is_not_renamed_archived_or_deleted(folder):
    path = folder / "client-0.json"
    original = path.read_bytes()
    with ProposalFile(path):
        for action in (lambda: manage.rename(path, "Andere"), lambda: manage.archive(path), lambda: manage.delete(path)):
            with pytest.raises(ProposalLockedError, match="al geopend"):
                action()
    assert path.read_bytes() == original and files(folder) == ["client-0.json", "client-1.json", "client-2.json"]


def test_a_proposal_open_in_another_process_is_not_deleted(folder):
    path = folder / "client-0.json"
    code = (
        "import sys, time; from assistant.draft.store import ProposalFile; f = ProposalFile(sys.argv[1]); "
        "print('open', flush=True); sys.stdin.readline()"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert main(["delete", str(path)]) == 2
        assert path.exists()
    finally:
        holder.communicate("\n", timeout=30)
    assert main(["delete", str(path)]) == 0 and not path.exists()


def test_delete_goes_to_the_trash_and_restore_brings_it_back_whole(folder):
    path = folder / "client-1.json"
    original = path.read_bytes()
    trashed = manage.delete(path)
    assert trashed == folder / "prullenbak" / "client-1.json" and trashed.read_bytes() == original
    assert [e["file"] for e in load_portfolio(folder).proposals] == ["client-0.json", "client-2.json"]
    assert [e["file"] for e in load_portfolio(folder / "prullenbak").proposals] == ["client-1.json"]
    back = manage.restore(trashed)
    assert back == path and path.read_bytes() == original
    assert files(folder / "prullenbak") == []


def test_restore_never_overwrites_a_proposal_that_took_the_name_meanwhile(folder, call):
    trashed = manage.delete(folder / "client-1.json")
    newcomer = (folder / "client-0.json").read_bytes()
    (folder / "client-1.json").write_bytes(newcomer)
    back = manage.restore(trashed)
    assert back == folder / "client-1-2.json"
    assert (folder / "client-1.json").read_bytes() == newcomer


def test_deleting_the_same_name_twice_keeps_both_in_the_trash(folder):
    first = manage.delete(folder / "client-1.json")
    (folder / "client-1.json").write_bytes((folder / "client-0.json").read_bytes())
    second = manage.delete(folder / "client-1.json")
    assert {first.name, second.name} == {"client-1.json", "client-1-2.json"} and first.exists() and second.exists()


def test_archive_hides_and_restore_shows_again(folder):
    archived = manage.archive(folder / "client-2.json")
    assert archived.parent.name == "archief"
    assert "client-2.json" not in [e["file"] for e in load_portfolio(folder).proposals]
    with pytest.raises(UsageError, match="al in het archief"):
        manage.archive(archived)
    manage.restore(archived)
    assert "client-2.json" in [e["file"] for e in load_portfolio(folder).proposals]


def test_restore_of_a_proposal_in_use_is_refused(folder):
    with pytest.raises(UsageError, match="niets te herstellen"):
        manage.restore(folder / "client-0.json")


def test_duplicate_clears_section_b_keeps_answers_marked_as_copied(folder, call):
    source = read_proposal(folder / "client-0.json")
    original = (folder / "client-0.json").read_bytes()
    path = manage.duplicate(folder / "client-0.json", "Vzw Nieuwe Klant")
    copy = read_proposal(path)
    assert path == folder / "vzw-nieuwe-klant.json" and copy.name == "Vzw Nieuwe Klant"
    assert not [f for f in copy.fields if f.startswith("B.") and f not in {x.id for x in call.fields if x.kind == "fixed"}]
    assert copy.fields.get("A") == source.fields.get("A")
    for question_id, answer in source.answers.items():
        copied = copy.answers[question_id]
        assert copied.text == answer.text and copied.copied_from is not None
        assert copied.copied_from.file == "client-0.json" and copied.copied_unchanged
    assert copy.versions == [] and copy.reviews == []
    assert (folder / "client-0.json").read_bytes() == original


def test_the_cross_client_finding_says_copied_and_not_adapted_until_the_text_changes(folder, call):
    manage.duplicate(folder / "client-0.json", "Vzw Nieuwe Klant")
    path = folder / "vzw-nieuwe-klant.json"
    copy = read_proposal(path)
    copy.set_field("B.organisatie", "Vzw Nieuwe Klant")
    found = OtherProposals(folder, exclude=path).answer_findings(copy, call, "D1a")
    overlap = [f for f in found if f.criterion == OVERLAP]
    assert overlap and all(f.message.startswith("Overgenomen uit '") for f in overlap)
    assert all("client-0.json" in f.message and "nog niet aangepast" in f.message for f in overlap)
    copy.set_answer("D1a", copy.answer_text("D1a") + "\n\nEen eigen alinea voor deze klant, met zijn eigen woorden.")
    found = OtherProposals(folder, exclude=path).answer_findings(copy, call, "D1a")
    overlap = [f for f in found if f.criterion == OVERLAP]
    assert overlap and not any("nog niet aangepast" in f.message for f in overlap)  # adapted: the plain finding


def test_copy_answer_records_its_source_and_refuses_to_overwrite_without_replace(folder, call):
    target, source = folder / "client-1.json", folder / "client-0.json"
    assert main(["copy-answer", str(target), str(source), "1a"]) == 2  # client 1 has its own answer to 1a
    assert read_proposal(target).answer_text("D1a") != read_proposal(source).answer_text("D1a")
    old = read_proposal(target).answer_text("D1a")
    assert main(["copy-answer", str(target), str(source), "1a", "--vervang"]) == 0
    answer = read_proposal(target).answers["D1a"]
    assert answer.text == read_proposal(source).answer_text("D1a")
    assert answer.copied_from is not None and answer.copied_from.file == "client-0.json" and answer.copied_unchanged
    assert any(r.text == old for r in answer.revisions)  # the replaced answer stays in the history
    assert main(["copy-answer", str(target), str(source), "9z"]) == 2


def test_cli_finds_a_proposal_by_file_name_in_the_data_folder_archive_and_trash(folder, capsys):
    assert main(["archive", "client-0"]) == 0
    assert main(["delete", "client-1.json"]) == 0
    assert main(["status", "--archief", "--json"]) == 0
    capsys.readouterr()
    assert main(["status", "--prullenbak", "--json"]) == 0
    assert [e["file"] for e in json.loads(capsys.readouterr().out)["proposals"]] == ["client-1.json"]
    assert main(["restore", "client-0"]) == 0 and main(["restore", "client-1"]) == 0
    assert files(folder) == ["client-0.json", "client-1.json", "client-2.json"]
    assert main(["restore", "bestaat-niet"]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_a_proposal_kept_elsewhere_is_found_in_its_trash_and_restored_to_the_list(folder, tmp_path):
    from assistant.draft.workspace import recent_elsewhere, remember

    elsewhere = tmp_path / "gedeeld" / "klant.json"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes((folder / "client-0.json").read_bytes())
    remember(elsewhere)
    trashed = manage.delete(elsewhere)
    assert trashed == tmp_path / "gedeeld" / "prullenbak" / "klant.json"
    # The start screen's trash view and `restore klant` find it; the list of proposals in use does not.
    assert recent_elsewhere("prullenbak") == [trashed.resolve()] and recent_elsewhere() == []
    assert manage.find(Path("klant")) == trashed.resolve()
    assert main(["restore", "klant"]) == 0
    assert recent_elsewhere() == [elsewhere.resolve()] and recent_elsewhere("prullenbak") == []


def test_a_read_only_proposal_is_not_deleted_or_renamed(folder):
    path = folder / "client-0.json"
    name_before = read_proposal(path).name
    path.chmod(0o444)
    assert main(["delete", str(path)]) == 2 and main(["rename", str(path), "X"]) == 2
    assert files(folder) == ["client-0.json", "client-1.json", "client-2.json"]
    assert read_proposal(path).name == name_before


def test_closing_a_proposal_leaves_no_lock_file_and_the_lock_still_works(folder):
    path = folder / "client-0.json"
    with ProposalFile(path):
        assert lock_path(path).exists()
        with pytest.raises(ProposalLockedError):
            ProposalFile(path)
    assert not lock_path(path).exists()
    proposal = read_proposal(path)
    with ProposalFile(path) as opened:
        opened.proposal = proposal
        opened.save()
    assert not lock_path(path).exists()


def test_a_corrupt_file_can_still_be_moved_to_the_trash(folder):
    bad = folder / "kapot.json"
    bad.write_bytes(b"{kapot")
    trashed = manage.delete(bad)
    assert trashed.read_bytes() == b"{kapot"


def test_write_proposal_of_the_duplicate_keeps_older_files_loadable(folder, tmp_path):
    """A proposal without copies is written without the new field, so older versions still open it."""
    path = folder / "client-0.json"
    write_proposal(path, read_proposal(path))
    assert "copied_from" not in path.read_text(encoding="utf-8")


def test_a_linked_proposal_is_renamed_in_place_and_moved_as_a_link(folder, tmp_path):
    real = tmp_path / "elders" / "echt.json"
    real.parent.mkdir()
    (folder / "client-0.json").rename(real)
    link = folder / "gelinkt.json"
    link.symlink_to(real)
    assert manage.rename(link, "Nieuwe Naam") == link
    assert link.is_symlink() and read_proposal(link).name == "Nieuwe Naam" and real.exists()
    trashed = manage.delete(link)
    assert trashed.is_symlink() and real.exists() and not link.exists()
    assert manage.restore(trashed) == link and link.is_symlink()


def test_cli_rename_and_duplicate_say_where_and_refuse_a_name_without_letters(folder, capsys):
    assert main(["rename", "client-0", "Vzw Nieuwe Naam"]) == 0
    assert str(folder / "vzw-nieuwe-naam.json") in capsys.readouterr().out
    assert main(["duplicate", "vzw-nieuwe-naam", "Vzw Tweede Klant"]) == 0
    assert "sectie B is leeg" in capsys.readouterr().out and (folder / "vzw-tweede-klant.json").exists()
    assert main(["rename", "client-1", "  --  "]) == 2
    assert "letter" in capsys.readouterr().err and (folder / "client-1.json").exists()

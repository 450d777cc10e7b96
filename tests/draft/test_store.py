import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from assistant.draft.store import ProposalFile, backup_path, read_proposal, write_proposal
from assistant.draft.versions import diff_versions, render_diff, save_version
from assistant.draft.workspace import new_proposal
from assistant.errors import ProposalFileError, ProposalLockedError


def test_save_keeps_the_previous_version_as_backup(tmp_path, call):
    path = tmp_path / "p.json"
    proposal = new_proposal("Vzw", call)
    proposal.set_answer("D1a", "eerste")
    write_proposal(path, proposal)
    proposal.set_answer("D1a", "tweede", origin="imported")
    write_proposal(path, proposal)
    assert read_proposal(path).answer_text("D1a") == "tweede"
    assert read_proposal(backup_path(path)).answer_text("D1a") == "eerste"
    assert [r.origin for r in read_proposal(path).answers["D1a"].revisions] == ["typed", "imported"]


def test_a_second_writer_is_refused_and_a_reader_is_not(tmp_path, call):
    path = tmp_path / "p.json"
    with ProposalFile(path, create=new_proposal("Vzw", call)):
        with pytest.raises(ProposalLockedError, match="al geopend"):
            ProposalFile(path)
        reader = ProposalFile(path, read_only=True)
        with pytest.raises(ProposalLockedError):
            reader.save()
    ProposalFile(path).close()  # the lock is free again


def test_a_writer_in_another_process_is_refused(tmp_path, call):
    path = tmp_path / "p.json"
    with ProposalFile(path, create=new_proposal("Vzw", call)):
        code = f"from assistant.draft.store import ProposalFile; ProposalFile({str(path)!r})"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode != 0 and "ProposalLockedError" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{kapot", "beschadigd"),
        (b'{"hello": 1}', "geen voorstelbestand"),
        (json.dumps({"format": "wse-assistant/proposal", "schema_version": 99}).encode(), "nieuwere versie"),
        (json.dumps({"format": "wse-assistant/proposal", "schema_version": 1, "name": 3}).encode(), "beschadigd"),
    ],
)
def test_a_corrupt_or_foreign_file_is_refused_and_never_overwritten(tmp_path, content, message):
    path = tmp_path / "p.json"
    path.write_bytes(content)
    with pytest.raises(ProposalFileError, match=message):
        ProposalFile(path)
    assert path.read_bytes() == content


def test_named_versions_and_word_diff(call):
    proposal = new_proposal("Vzw", call)
    proposal.set_answer("D1a", "Wij werken in Eeklo met tien cliënten.")
    save_version(proposal, "v1")
    proposal.set_answer("D1a", "Wij werken in Eeklo en Zelzate met twintig cliënten.")
    diffs = diff_versions(proposal.version("v1"), proposal.snapshot("nu"), [q.id for q in call.questions])
    assert [d.item_id for d in diffs] == ["D1a"]
    assert render_diff(diffs[0].chunks) == "Wij werken in Eeklo {+en Zelzate +}met [-tien-]{+twintig+} cliënten."


SAVER = textwrap.dedent(
    """
    import sys
    from assistant.call import load_call
    from assistant.draft.store import write_proposal
    from assistant.draft.workspace import new_proposal
    call = load_call()
    proposal = new_proposal("kill", call)
    path = sys.argv[1]
    print("ready", flush=True)
    for i in range(100000):
        proposal.set_answer("D1a", f"versie {i} " + "tekst " * (i % 500), origin="imported")
        write_proposal(path, proposal)
    """
)


def test_killing_the_process_while_it_saves_never_leaves_an_unreadable_proposal(tmp_path):
    path = tmp_path / "kill.json"
    for round_ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE)
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(0.02 + (round_ % 7) * 0.013)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if path.exists():
            assert read_proposal(path).answer_text("D1a").startswith("versie")
    assert path.exists()
    leftovers = [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    assert len(leftovers) <= 25  # a killed save may leave its temp file; never a broken proposal

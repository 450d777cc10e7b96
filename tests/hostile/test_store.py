"""The proposal file against odd and hostile files: BOM, unknown schema, deep JSON, links, modes, leftovers."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest

from assistant.draft import store
from assistant.draft.limits import MAX_PROPOSAL_BYTES
from assistant.draft.store import ProposalFile, read_proposal
from assistant.errors import ProposalFileError, ProposalReadOnlyError, os_error_text
from tests.hostile.helpers import make_proposal_file, one_dutch_line, run_cli


def test_a_proposal_saved_with_a_byte_order_mark_is_read(tmp_path, call, capsys):
    path = make_proposal_file(tmp_path / "p.json", call)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_proposal(path).fields["B.organisatie"] == "Vzw De Brug"
    code, out, _ = run_cli(capsys, "show", path)
    assert code == 0 and "Vzw De Brug" in out


def test_schema_version_zero_is_refused_in_dutch_not_a_key_error(tmp_path, call, capsys):
    path = make_proposal_file(tmp_path / "p.json", call)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] = 0
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run_cli(capsys, "show", path)
    assert code == 2 and "schema_version 0" in one_dutch_line(err)


def test_terminal_commands_and_broken_characters_in_a_proposal_are_neither_shown_nor_fatal(tmp_path, call, capsys):
    """ESC starts a terminal command (title, screen, clipboard); a lone surrogate cannot be written as UTF-8.
    Both can be written into the JSON as escapes; they are dropped or replaced as the file is read."""
    path = make_proposal_file(tmp_path / "p.json", call)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fields"]["B.organisatie"] = "Vzw \u001b]0;gehackt\u0007De Brug\u001b[2J"
    data["answers"]["D1a"]["text"] = "Wij bieden in Eeklo \ud800 trajecten op maat."
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    assert "\\u001b" in path.read_text(encoding="utf-8")  # escaped in the file, as a hostile file would have it
    proposal = read_proposal(path)
    assert proposal.fields["B.organisatie"] == "Vzw ]0;gehacktDe Brug[2J"
    assert proposal.answer_text("D1a") == "Wij bieden in Eeklo \ufffd trajecten op maat."
    code, out, err = run_cli(capsys, "show", path)
    assert code == 0 and "\x1b" not in out and "\x07" not in out and not err
    code, _, err = run_cli(capsys, "export", path, "-o", tmp_path / "uit.md")
    assert code == 0 and "\x1b" not in (tmp_path / "uit.md").read_text(encoding="utf-8")


def test_terminal_commands_in_an_imported_markdown_file_are_dropped(tmp_path, capsys):
    source = tmp_path / "in.md"
    source.write_text(
        "# B. Kenmerken kandidaat\nDeelnemer / Organisatie: Vzw \x1b[8mDe Brug\n"
        "# D. Projectvoorstel\n## 1a\nIn Eeklo\x1b]52;c;aGFsbG8=\x07 op maat.\n",
        encoding="utf-8",
    )
    code, _, _ = run_cli(capsys, "import", source, "-o", tmp_path / "p.json")
    proposal = read_proposal(tmp_path / "p.json")
    assert code == 0 and proposal.fields["B.organisatie"] == "Vzw [8mDe Brug"
    assert proposal.answer_text("D1a") == "In Eeklo]52;c;aGFsbG8= op maat."


def test_json_nested_200000_deep_is_refused_in_dutch(tmp_path, capsys):
    path = tmp_path / "diep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2 and "te diep genest" in one_dutch_line(err)


def test_a_proposal_file_over_the_limit_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    path = tmp_path / "groot.json"
    with path.open("wb") as handle:  # sparse: large on paper, nothing to read
        handle.truncate(MAX_PROPOSAL_BYTES + 1)
    read = []
    monkeypatch.setattr(json, "loads", lambda *a, **k: read.append(1))
    code, _, err = run_cli(capsys, "show", path)
    line = one_dutch_line(err)
    assert code == 2 and "te groot" in line and "50 MB" in line and not read


def test_a_save_through_a_symlink_writes_the_real_file_and_keeps_the_link(tmp_path, call):
    real = make_proposal_file(tmp_path / "echt" / "p.json", call)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with ProposalFile(link) as opened:
        assert opened.path == real.resolve()
        opened.proposal.set_answer("D1b", "Via de koppeling.")
        opened.save()
        with pytest.raises(store.ProposalLockedError):  # the real file is locked, not only the link
            ProposalFile(real)
    assert link.is_symlink()
    assert read_proposal(real).answer_text("D1b") == "Via de koppeling."


def test_a_save_keeps_the_files_mode(tmp_path, call):
    path = make_proposal_file(tmp_path / "p.json", call)
    path.chmod(0o664)
    with ProposalFile(path) as opened:
        opened.proposal.set_answer("D1b", "Nieuw.")
        opened.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert stat.S_IMODE(store.backup_path(path).stat().st_mode) == 0o664


def test_a_new_proposal_is_private(tmp_path, call, capsys):
    code, _, _ = run_cli(capsys, "new", "Vzw De Brug", "-o", tmp_path / "p.json")
    assert code == 0 and stat.S_IMODE((tmp_path / "p.json").stat().st_mode) == 0o600


def test_a_read_only_proposal_is_refused_and_left_untouched(tmp_path, call, capsys):
    path = make_proposal_file(tmp_path / "p.json", call)
    path.chmod(0o444)
    before = path.read_bytes()
    code, _, err = run_cli(capsys, "versions", path, "save", "v1")
    assert code == 2 and "alleen-lezen" in one_dutch_line(err)
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not store.backup_path(path).exists()


def test_a_file_made_read_only_while_open_is_not_overwritten(tmp_path, call):
    path = make_proposal_file(tmp_path / "p.json", call)
    with ProposalFile(path) as opened:
        path.chmod(0o444)
        before = path.read_bytes()
        opened.proposal.set_answer("D1b", "Nieuw.")
        with pytest.raises(ProposalReadOnlyError, match="alleen-lezen"):
            opened.save()
    assert path.read_bytes() == before


def test_temporary_files_of_killed_saves_are_removed_on_the_next_open(tmp_path, call):
    path = make_proposal_file(tmp_path / "p.json", call)
    leftovers = [tmp_path / ".p.json.k1l2e3d4.tmp", tmp_path / ".p.json.bak.x9y8z7w6.tmp"]
    for leftover in leftovers:
        leftover.write_text('{"B.contact.naam": "Peeters, An"}', encoding="utf-8")
    other = tmp_path / ".q.json.abcdefgh.tmp"  # another proposal's: not ours to touch
    other.write_text("x", encoding="utf-8")
    with ProposalFile(path, read_only=True):
        assert all(leftover.exists() for leftover in leftovers)  # a reader holds no lock: it removes nothing
    with ProposalFile(path):
        pass
    assert not any(leftover.exists() for leftover in leftovers) and other.exists()


def test_a_full_disk_is_reported_in_dutch_and_the_file_stays_whole(tmp_path, call, monkeypatch):
    path = make_proposal_file(tmp_path / "p.json", call)
    before = path.read_bytes()

    def full(fd, *args):  # the one seam: the operating system refuses the write
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with ProposalFile(path) as opened:
        opened.proposal.set_answer("D1b", "Nieuw.")
        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(ProposalFileError) as caught:
            opened.save()
    assert "de schijf is vol" in str(caught.value) and "No space" not in str(caught.value)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS, errno.ENAMETOOLONG, errno.EIO, errno.EDQUOT])
def test_operating_system_errors_are_said_in_dutch(code):
    text = os_error_text(OSError(code, os.strerror(code)))
    assert text and os.strerror(code) not in text and not text.startswith("systeemfout")


def test_the_app_opens_a_read_only_file_read_only_and_says_why(tmp_path, call):
    from assistant.tui.session import Session

    path = make_proposal_file(tmp_path / "p.json", call)
    path.chmod(0o444)
    before = path.read_bytes()
    session = Session.open(path)
    try:
        assert session.read_only and session.file_read_only and not session.locked_elsewhere
        session.set_answer("D1c", "niet bewaren")
        assert not session.save_due(10**9)
    finally:
        session.close()
    assert path.read_bytes() == before


def test_the_files_that_hold_clients_names_are_for_this_user_only(tmp_path, call, capsys, isolated_home):
    """The cross-client index (names, e-mails, text), the recent list and the crash log, as the proposals."""
    from assistant import locations
    from assistant.crashlog import write_crash_log
    from assistant.draft.workspace import remember

    folder = locations.proposals_dir()
    folder.mkdir(parents=True)
    make_proposal_file(folder / "a.json", call)
    make_proposal_file(folder / "b.json", call)
    previous = os.umask(0o022)  # as on most systems: new files readable by all unless made otherwise
    try:
        run_cli(capsys, "check", folder / "a.json")
        remember(tmp_path / "elders.json")
        log = write_crash_log(RuntimeError("proef"))
    finally:
        os.umask(previous)
    made = [*folder.glob(".wse-vergelijk*"), locations.data_dir() / "recent.json", log]
    assert len(made) >= 3 and all(p is not None and p.exists() for p in made), made
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in made} == {p.name: 0o600 for p in made}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["fields"].update({"B.organisatie": 5}), "'fields.B.organisatie' moet tekst zijn"),
        (lambda d: d.update({"onbekend": 1}), "'onbekend' is onbekend"),
        (lambda d: d.update({"language": "fr"}), "'language' moet een van deze zijn: 'nl' of 'en'"),
    ],
)
def test_a_damaged_proposal_is_explained_in_dutch_not_in_pydantics_english(tmp_path, call, capsys, change, reason):
    path = make_proposal_file(tmp_path / "p.json", call)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run_cli(capsys, "show", path)
    line = one_dutch_line(err)
    assert code == 2 and reason in line and "Input should" not in line and "Extra inputs" not in line, line


def test_answers_and_fields_the_call_does_not_know_are_named_not_silently_left_out(tmp_path, call, capsys):
    path = make_proposal_file(tmp_path / "p.json", call)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["D9z"] = dict(data["answers"]["D1a"])
    data["fields"]["B.onbekend"] = "iets"
    path.write_text(json.dumps(data), encoding="utf-8")
    for command in ("show", "check"):
        _, _, err = run_cli(capsys, command, path)
        assert "onderdelen die de oproep niet kent (D9z, B.onbekend)" in err, (command, err)
    assert "D9z" in json.loads(path.read_text(encoding="utf-8"))["answers"]  # kept in the file

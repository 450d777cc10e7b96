"""The autosave policy and opening rules, without Textual."""

from __future__ import annotations

import pytest

from assistant.draft.store import ProposalFile, read_proposal
from assistant.errors import UsageError
from assistant.tui import opening
from assistant.tui.session import MAX_UNSAVED, PAUSE, Session


def test_save_is_due_after_a_pause_or_after_a_long_run_of_typing(proposal_path):
    session = Session.open(proposal_path)
    try:
        assert not session.save_due()
        session.set_answer("D1c", "a")
        start = session.dirty_since
        assert not session.save_due(start + PAUSE / 2)
        assert session.save_due(start + PAUSE)
        session.last_edit = start + MAX_UNSAVED - 0.01  # still typing, but the first edit is getting old
        assert session.save_due(start + MAX_UNSAVED)
        session.save()
        assert not session.dirty and read_proposal(proposal_path).answer_text("D1c") == "a"
    finally:
        session.close()


def test_an_unchanged_text_is_no_edit(proposal_path):
    session = Session.open(proposal_path)
    try:
        assert not session.set_answer("D1b", session.proposal.answer_text("D1b"))
        assert not session.set_answer("D2a", "")
        assert "D2a" not in session.proposal.answers and not session.dirty
    finally:
        session.close()


def test_a_locked_proposal_opens_read_only_and_never_writes(proposal_path):
    with ProposalFile(proposal_path):
        session = Session.open(proposal_path)
        assert session.read_only and session.locked_elsewhere
        session.set_answer("D1c", "niet bewaren")
        assert not session.save_due(10**9)
        session.close()
    assert read_proposal(proposal_path).answer_text("D1c") == ""


def test_new_proposals_get_free_names_and_appear_in_the_recent_list(call):
    first = opening.create("Vzw De Brug", call)
    first.close()
    second = opening.create("Vzw De Brug", call)
    second.close()
    assert first.path.name == "vzw-de-brug.json" and second.path.name == "vzw-de-brug-2.json"
    assert {s.path for s in opening.recent_proposals()} == {first.path, second.path}
    with pytest.raises(UsageError, match="naam"):
        opening.create("  ", call)


def test_a_missing_or_folder_path_says_so(tmp_path):
    with pytest.raises(UsageError, match="bestaat niet"):
        opening.open_path(tmp_path / "weg.json")
    with pytest.raises(UsageError, match="map"):
        opening.open_path(tmp_path)

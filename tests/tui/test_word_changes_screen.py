"""The client's Word file in the app: tracked changes accepted or rejected per change or per question (at
80x24, every button on screen), nothing taken over before Apply, comments as notes until marked done."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Static

from assistant.draft.store import ProposalFile, read_proposal
from assistant.tui.app import WseApp
from assistant.tui.screens.dialogs import FileDialog
from assistant.tui.screens.interview import InterviewScreen
from assistant.tui.screens.notes import NotesScreen
from assistant.tui.screens.word_changes import WordChangesScreen
from tests.draft.word_edits import AN, client_edited
from tests.layout.samples import ANSWERS, sample_proposal
from tests.tui.conftest import on_top, settled, until

pytestmark = pytest.mark.anyio

SMALL = (80, 24)


@pytest.fixture
def word_file(call, tmp_path):
    return client_edited(call, tmp_path / "terug.docx")


async def shown(pilot, kind, seconds: float = 30.0) -> None:
    """Until a screen of `kind` is on top; without waiting for workers (the file dialog's folder tree
    cancels its own when it closes, which `until` would report)."""
    for _ in range(int(seconds / 0.05)):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, kind) and screen.is_mounted and all(w.is_mounted for w in screen.walk_children()):
            return  # on top and composed
    raise AssertionError(f"{kind.__name__} never came")


def _all_buttons_on_screen(screen) -> None:
    width, height = screen.app.size
    for button in screen.query(Button):
        region = button.region
        assert region.width > 0 and region.height > 0, button.id
        assert region.right <= width and region.bottom <= height, button.id


async def test_importing_a_word_file_with_changes_asks_per_change_and_per_question(settings, word_file):
    app = WseApp(settings=settings)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.open_proposal(word_file)
        await on_top(pilot, WordChangesScreen)
        screen = app.screen
        _all_buttons_on_screen(screen)
        assert "[3] An Peeters: In [-Zelzate en Evergem-]{+Eeklo en Maldegem+}" in str(
            screen.query_one("#change-context", Static).render()
        )
        # The new proposal holds the text before the client's changes until they are decided on.
        assert app.session.proposal.answer_text("D1b") == ANSWERS["D1b"]
        await pilot.press("t")  # Apply with every change undecided: refused
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("A")  # 1a: the whole question accepted
        await pilot.press("down", "down", "V")  # 1b: the whole question rejected
        await pilot.press("down", "down", "down", "a")  # 2d: its one deletion accepted, on to A–C
        await pilot.press("A")  # A–C accepted
        assert [screen.decisions[n] for n in range(1, 9)] == [True, True, True, True, False, False, False, True]
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await settled(pilot)
        on_disk = read_proposal(app.session.path)
        assert on_disk.answer_text("D1a").startswith("In Eeklo en Maldegem zien we")
        assert on_disk.answer_text("D1b") == ANSWERS["D1b"]
        assert on_disk.answer_text("D2d").endswith("Beslissingen nemen we in de stuurgroep.")
        assert on_disk.fields["B.organisatie"] == "Vzw De Brug Eeklo"
        assert [(n.item, n.author) for n in on_disk.notes] == [("D1b", AN), ("D2d", "Els Claes")]


async def test_taking_nothing_keeps_the_text_before_the_changes(settings, word_file):
    app = WseApp(settings=settings)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.open_proposal(word_file)
        await on_top(pilot, WordChangesScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await settled(pilot)
        assert app.session.proposal.answer_text("D1a") == ANSWERS["D1a"]
        assert app.session.proposal.fields["B.organisatie"] == "Vzw De Brug Meetjesland"


async def test_the_clients_file_into_an_open_proposal_then_its_notes_marked_done(settings, call, tmp_path, word_file):
    path = tmp_path / "de-brug.json"
    proposal = sample_proposal(call)
    proposal.last_question = "D1b"
    with ProposalFile(path, create=proposal):
        pass
    app = WseApp(settings=settings)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.open_proposal(path)
        await settled(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen) and interview.current == "D1b"
        assert not interview.query_one("#notes-box").display
        interview.action_word_file()
        await shown(pilot, FileDialog)
        app.screen.query_one("#path", Input).value = str(word_file)
        app.screen.confirm()
        await shown(pilot, WordChangesScreen)
        _all_buttons_on_screen(app.screen)
        await pilot.click("#accept-all")
        await pilot.click("#apply")
        await until(pilot, lambda: app.screen is interview)
        await settled(pilot)
        expected = "Sinds 2009 begeleiden we 140 mensen per jaar; 35% vindt binnen het jaar werk.\n"
        expected += "Onze coaches zijn ervaringsdeskundigen. Zij spreken ook Arabisch."
        assert interview.editor.text == expected  # the editor shows the answer as taken over
        assert read_proposal(path).answer_text("D1b") == expected
        assert interview.query_one("#notes-box").display
        assert "Klopt 2009?" in str(interview.query_one("#client-notes", Static).render())

        await pilot.press("f12")
        await on_top(pilot, NotesScreen)
        _all_buttons_on_screen(app.screen)
        await pilot.press("d")  # the first open note (1b's) done
        await pilot.press("escape")
        # The notes box is hidden by the dialog's result callback, which runs after the screen is back on top.
        await until(pilot, lambda: app.screen is interview and not interview.query_one("#notes-box").display)
        assert not interview.query_one("#notes-box").display
        assert [n.done for n in read_proposal(path).notes] == [True, False]

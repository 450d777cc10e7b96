"""Snapshots of the main screens at fixed sizes, with the test config (see conftest): a changed screen
shows up as a failing test with a visual diff (`pytest --snapshot-update` accepts it after review)."""

from __future__ import annotations

import pytest
from textual.screen import ModalScreen
from textual.widgets import TextArea

from assistant import locations
from assistant.draft.store import write_proposal
from assistant.draft.workspace import slug
from assistant.tui.app import WseApp
from bench.portfolio import proposal as generated
from tests.tui.conftest import FIXED_TIME, make_proposal, on_top, settled, steady_cursors, until, workers_done


async def desk_loaded(pilot) -> None:
    await until(pilot, lambda: getattr(pilot.app.screen, "loaded", False))  # the list is read in a worker


def test_start_screen(snap_compare, settings):
    assert snap_compare(WseApp(settings=settings), terminal_size=(100, 30), run_before=desk_loaded)


def test_desk_at_80_by_24(snap_compare, settings, call):
    """The consultant's desk: levels per question coloured, blocking problems, pages, the manage keys."""
    written = generated(1, call, words=120)  # deterministic text: its own seed
    texts = {question_id: answer.text for question_id, answer in written.answers.items()}
    for number, (name, answers) in enumerate([("Vzw De Brug", {}), ("Werkwinkel Kreekland", texts)]):
        proposal = make_proposal(call, answers, **{"B.organisatie": name})
        proposal.name = name
        proposal.updated_at = FIXED_TIME.replace(hour=9 + number)
        write_proposal(locations.proposals_dir() / f"{slug(name)}.json", proposal)
    assert snap_compare(WseApp(settings=settings), terminal_size=(80, 24), run_before=desk_loaded)


def test_interview_on_a_question(snap_compare, settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settled)


def test_interview_wide_with_the_navigator(snap_compare, settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    assert snap_compare(app, terminal_size=(130, 36), run_before=settled)


def test_interview_at_80_by_24_in_the_light_theme(snap_compare, settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)


def test_fields_form_with_a_wrong_number(snap_compare, settings, proposal_path):
    async def wrong_number(pilot) -> None:
        await settled(pilot)
        pilot.app.screen.goto("B.ondernemingsnummer")
        # The form scrolls to the field after a refresh: wait until it has (the field lies below the first
        # screen), or on a busy machine the scroll came after the message below the field and centred it lower.
        await until(pilot, lambda: bool(pilot.app.screen.query("#f-B-ondernemingsnummer"))
                    and pilot.app.screen.query_one("#f-B-ondernemingsnummer").region.height > 0
                    and pilot.app.screen.fields_form().scroll_y > 0)
        pilot.app.screen.query_one("#f-B-ondernemingsnummer").value = "0123.456.789"
        await settled(pilot)

    app = WseApp(proposal_path=proposal_path, settings=settings)
    assert snap_compare(app, terminal_size=(100, 30), run_before=wrong_number)


def test_help_screen(snap_compare, settings, proposal_path):
    async def help_over_a_reviewed_question(pilot) -> None:
        await settled(pilot)
        await pilot.press("f1")

    app = WseApp(proposal_path=proposal_path, settings=settings)
    assert snap_compare(app, terminal_size=(100, 30), run_before=help_over_a_reviewed_question)


@pytest.mark.anyio
async def test_a_screenshot_does_not_depend_on_the_cursor_blink_phase(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(130, 36)) as pilot:
        await settled(pilot)
        await steady_cursors(pilot)
        shown = app.export_screenshot()
        for _ in range(2):  # both phases
            app.screen.query_one(TextArea)._toggle_cursor_blink_visible()  # what the blink timer does every 0.5 s
            await pilot.pause()
            assert app.export_screenshot() == shown


# Every dialog at the smallest supported size, its buttons on screen. The file dialog is left out: it shows
# the working folder's contents.
DIALOGS = [("new", False, "n"), ("version_name", True, "ctrl+s"), ("versions", True, "f6"), ("addendum", True, "f7"),
           ("export", True, "f8"), ("settings", True, "f9"), ("help", True, "f1")]


@pytest.mark.parametrize(("name", "in_interview", "key"), DIALOGS, ids=[d[0] for d in DIALOGS])
def test_dialog_at_80_by_24(snap_compare, settings, proposal_path, monkeypatch, name, in_interview, key):
    monkeypatch.chdir("/")  # the export dialog proposes a file in the working folder

    async def open_dialog(pilot) -> None:
        if in_interview:
            await settled(pilot)
        await pilot.press(key)
        await on_top(pilot, ModalScreen)  # every dialog is one
        await workers_done(pilot.app)
        await pilot.pause()

    app = WseApp(proposal_path=proposal_path if in_interview else None, settings=settings)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_dialog)


def test_at_80_by_24_the_navigator_over_the_form_and_the_whole_question(snap_compare, settings, proposal_path):
    async def navigator_then_whole_question(pilot) -> None:
        await settled(pilot)
        await pilot.press("ctrl+t")
        await pilot.press("f2")
        await pilot.pause()

    app = WseApp(proposal_path=proposal_path, settings=settings)
    assert snap_compare(app, terminal_size=(80, 24), run_before=navigator_then_whole_question)

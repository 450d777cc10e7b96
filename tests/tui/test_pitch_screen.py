"""The pitch screen: opened with F11 or from the command palette, shows the outline and the questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from assistant.draft.store import write_proposal
from assistant.draft.workspace import load_any
from assistant.tui.app import WseApp
from assistant.tui.screens.interview import InterviewScreen
from assistant.tui.screens.pitch import PitchScreen
from tests.tui.conftest import on_top, settled, until

pytestmark = pytest.mark.anyio

STRONG = Path(__file__).parents[1] / "fixtures" / "proposals" / "sterk.md"


@pytest.fixture
def strong_path(tmp_path: Path) -> Path:
    path = tmp_path / "sterk.json"
    write_proposal(path, load_any(STRONG).proposal)
    return path


def _shown(app) -> str:
    return str(app.screen.query_one("#pitch-text", Static).render())


async def test_f11_shows_the_outline_and_the_jury_questions_and_escape_closes(settings, strong_path):
    app = WseApp(strong_path, settings=settings)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        await pilot.press("f11")
        await on_top(pilot, PitchScreen)
        assert isinstance(app.screen, PitchScreen)
        shown = _shown(app)
        assert "1. Wie we zijn en wat alleen wij brengen" in shown and "(doel 650 woorden" in shown
        assert "Vragen van de jury" in shown and "Lokaal bestuur" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)


async def test_other_minutes_rebuild_the_outline_and_a_bad_number_keeps_it(settings, strong_path):
    app = WseApp(strong_path, settings=settings)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        app.screen.action_pitch()
        await pilot.pause()
        minutes = app.screen.query_one("#pitch-minutes", Input)
        minutes.value = "2"
        minutes.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "(doel 260 woorden" in _shown(app)
        minutes.value = "twee"
        await pilot.press("enter")
        await pilot.pause()
        assert "(doel 260 woorden" in _shown(app)


async def test_minutes_out_of_range_are_said_in_the_apps_words_after_enter_or_opnieuw(settings, strong_path):
    app = WseApp(strong_path, settings=settings)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        await pilot.press("f11")
        await on_top(pilot, PitchScreen)
        minutes = app.screen.query_one("#pitch-minutes", Input)
        assert app.focused is minutes
        await pilot.press("backspace", "0", "enter")
        await until(pilot, lambda: app._notifications)
        assert [n.message for n in app._notifications] == ["De duur moet tussen 0,5 en 30 minuten liggen (gekregen: 0)."]
        app.clear_notifications()
        await pilot.click("#rebuild")
        await until(pilot, lambda: app._notifications)
        assert [n.message for n in app._notifications] == ["De duur moet tussen 0,5 en 30 minuten liggen (gekregen: 0)."]
        assert "(doel 650 woorden" in _shown(app)  # the outline at the last good number stays


async def test_the_palette_offers_the_pitch(settings, strong_path):
    app = WseApp(strong_path, settings=settings)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        titles = [title for title, _, _ in app.screen.palette_commands()]
        assert "Pitch en vragen van de jury (ronde 2)" in titles


async def test_a_rehearsed_answer_is_checked_flagged_and_saved(settings, strong_path):
    from textual.widgets import TextArea

    from assistant.draft.store import read_proposal
    from assistant.tui.screens.rehearsal import RehearsalScreen

    app = WseApp(strong_path, settings=settings)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        await pilot.press("f11")
        await on_top(pilot, PitchScreen)
        await pilot.press("ctrl+o")
        await on_top(pilot, RehearsalScreen)
        screen = app.screen
        first = screen.questions[0][1]
        assert first in str(screen.query_one("#rehearsal-question", Static).render())
        screen.query_one("#rehearsal-answer", TextArea).text = "We begeleiden 60 deelnemers, samen met Randstad."
        await pilot.press("f2")
        await pilot.pause()
        flags = str(screen.query_one("#rehearsal-flags", Static).render())
        assert "het voorstel noemt 45" in flags and "«Randstad»" in flags
        await pilot.press("f3")
        await pilot.pause()
        assert screen.position == 1 and screen.query_one("#rehearsal-answer", TextArea).text == ""
        await until(pilot, lambda: not app.session.dirty)  # autosave
        kept = read_proposal(strong_path).rehearsals
        assert [(r.question, r.answer) for r in kept] == [(first, "We begeleiden 60 deelnemers, samen met Randstad.")]
        assert len(kept[0].flags) == 2

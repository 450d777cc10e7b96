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
from tests.tui.conftest import settled

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
        await pilot.pause()
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


async def test_the_palette_offers_the_pitch(settings, strong_path):
    app = WseApp(strong_path, settings=settings)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        titles = [title for title, _, _ in app.screen.palette_commands()]
        assert "Pitch en vragen van de jury (ronde 2)" in titles

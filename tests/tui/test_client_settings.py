"""Per-client settings in the app: a proposal's own language and deadline, set in Settings (F9), saved in the
proposal, shown in the header with the days left, and the language used while that proposal is open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input, Select

from assistant import i18n
from assistant.draft.store import read_proposal, write_proposal
from assistant.tui.app import WseApp
from tests.tui.conftest import settled, until
from tests.tui.test_app import SIZE

pytestmark = pytest.mark.anyio


async def test_a_proposal_in_english_with_a_deadline_opens_in_english_with_the_days_left(proposal_path, settings):
    proposal = read_proposal(proposal_path)
    proposal.language, proposal.deadline = "en", date.today() + timedelta(days=12)
    write_proposal(proposal_path, proposal)
    app = WseApp(proposal_path=proposal_path, settings=settings)  # the app itself in Dutch
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await until(pilot, lambda: i18n.language() == "en")
        assert "12 days left" in app.sub_title and app.sub_title.startswith("Vzw De Brug")
        # Closed: the next client's proposal, or the start screen, is in the app's own language again.
        app.close_session()
        assert i18n.language() == "nl"
        await pilot.press("ctrl+q")


async def test_language_and_deadline_set_in_settings_are_saved_in_the_proposal(proposal_path, settings):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "deadline" not in app.sub_title
        await pilot.press("f9")
        await until(pilot, lambda: app.screen.query("#deadline"))
        app.screen.query_one("#deadline", Input).value = "31/02/2099"  # no such day: refused, nothing saved
        app.screen.save()
        await pilot.pause()
        assert "bestaat niet als datum" in str(app.screen.query_one("#error").render())
        app.screen.query_one("#deadline", Input).value = "31/12/2099"
        app.screen.query_one("#client-language", Select).value = "en"
        app.screen.save()
        await until(pilot, lambda: i18n.language() == "en" and settled_screen(app))
        assert "deadline 31/12/2099" in app.sub_title and "days left" in app.sub_title
        await pilot.press("ctrl+q")
    saved = read_proposal(proposal_path)
    assert (saved.language, saved.deadline) == ("en", date(2099, 12, 31))
    assert settings.language == "nl"  # the app's own setting is untouched


def settled_screen(app) -> bool:
    return getattr(app.screen, "panels_ready", False)

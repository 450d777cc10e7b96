"""The settings screen shows how the configured model did in `llm ijken` (read from the data folder, nothing sent)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.tui.app import WseApp
from tests.review.test_llm_trust import calibrate

pytestmark = pytest.mark.anyio


async def test_settings_show_the_stored_calibration_of_the_configured_model(proposal_path):
    calibrate("geschikt")
    settings = Settings.model_validate({"language": "nl", "llm": {"base_url": "http://llm.test/v1", "model": "test-model"}})
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        line = str(app.screen.query_one("#calibration").render())
    assert "IJking van test-model: geschikt" in line and "42 van 42" in line


async def test_settings_say_when_the_model_is_not_calibrated(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings.model_copy(
        update={"llm": settings.llm.model_copy(update={"enabled": True, "base_url": "http://llm.test/v1", "model": "ander-model"})}))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert "nog niet geijkt" in str(app.screen.query_one("#calibration").render())

"""Provider presets live in one table (config.PRESETS): a row added there is a provider the settings accept
and the settings screen offers, with no other list to update."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from assistant import config
from assistant.config import LLMSettings, ProviderPreset
from assistant.tui.app import WseApp
from tests.tui.conftest import settled, until

pytestmark = pytest.mark.anyio

OUR_SERVER = ProviderPreset(
    label="Ons eigen model", base_url="http://localhost:9999/v1", needs_key=False,
    default_model=None, token_param="max_tokens", local=True,
)  # fmt: skip


@pytest.fixture
def one_more_preset(monkeypatch):
    monkeypatch.setitem(config.PRESETS, "onsmodel", OUR_SERVER)


def test_a_provider_outside_the_table_is_refused_and_one_added_to_it_accepted(monkeypatch):
    with pytest.raises(ValueError, match="kies een van: openai"):
        LLMSettings(provider="onsmodel")
    monkeypatch.setitem(config.PRESETS, "onsmodel", OUR_SERVER)
    assert LLMSettings(provider="onsmodel").provider == "onsmodel"


async def test_the_settings_screen_offers_every_preset_of_the_table(one_more_preset, settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)  # the session is opened in a worker: on a busy machine, later
        await pilot.press("f9")
        await until(pilot, lambda: app.screen.query("#provider"))
        offered = [value for _, value in app.screen.query_one("#provider", Select)._options if value != Select.NULL]
    assert offered == list(config.PRESETS) and "onsmodel" in offered

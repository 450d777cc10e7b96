"""The page meter: section D against the limit as "x,y van 10", and a rendering in the wrong font said so."""

from __future__ import annotations

import re

import pytest

from assistant.draft.store import write_proposal
from assistant.tui.app import WseApp
from tests.layout.test_font_proof import _call_with_missing_font
from tests.libreoffice import require_soffice
from tests.tui.conftest import make_proposal, settled, until
from tests.tui.test_app import SIZE

pytestmark = pytest.mark.anyio


def _meter(app) -> str:
    return str(app.screen.query_one("#page-meter").render())


async def test_the_meter_shows_the_rendered_share_of_the_limit(settings, proposal_path):
    require_soffice()
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the meter is filled after the first paint: on a busy machine, later
        assert re.search(r"Sectie D ≈ \d+,\d van 10 p\.", _meter(app))
        await pilot.press("ctrl+r")
        await until(pilot, lambda: "gerenderd" in _meter(app))
        assert re.search(r"gerenderd: 0,\d van 10 p\.$", _meter(app).rstrip())  # one short page: a part of it
        assert not any("niet exact" in n.message for n in app._notifications)


async def test_a_rendering_in_another_font_is_marked_not_exact(settings, tmp_path):
    require_soffice()
    call_path, call = _call_with_missing_font(tmp_path)
    proposal = make_proposal(call, {"D1a": "Wij bieden in Eeklo en Zelzate een trajectbegeleiding op maat."})
    proposal.call_path = str(call_path)
    write_proposal(tmp_path / "p.json", proposal)
    app = WseApp(proposal_path=tmp_path / "p.json", settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: "gerenderd" in _meter(app))
        assert "van 10 p. niet exact" in _meter(app)
        notices = [n for n in app._notifications if "niet exact" in n.message]
        assert len(notices) == 1 and notices[0].severity == "warning"
        assert notices[0].message.startswith("Paginatelling niet exact: LibreOffice zette de tekst in ")

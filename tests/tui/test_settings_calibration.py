"""The settings screen shows how the configured model did in `llm ijken` (read from the data folder, nothing sent)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.tui.app import WseApp
from tests.review.test_llm_trust import calibrate
from tests.tui.conftest import on_top, settled, until

pytestmark = pytest.mark.anyio


async def test_settings_show_the_stored_calibration_of_the_configured_model(proposal_path):
    calibrate("geschikt")
    settings = Settings.model_validate({"language": "nl", "llm": {"base_url": "http://llm.test/v1", "model": "test-model"}})
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)  # the session is opened in a worker: on a busy machine, later
        await pilot.press("f9")
        await until(pilot, lambda: app.screen.query("#calibration"))
        line = str(app.screen.query_one("#calibration").render())
    assert "IJking van test-model: geschikt" in line and "42 van 42" in line


async def test_settings_say_when_the_model_is_not_calibrated(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings.model_copy(
        update={"llm": settings.llm.model_copy(update={"enabled": True, "base_url": "http://llm.test/v1", "model": "ander-model"})}))
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        await pilot.press("f9")
        await until(pilot, lambda: app.screen.query("#calibration"))
        assert "nog niet geijkt" in str(app.screen.query_one("#calibration").render())


async def open_calibration(pilot, app) -> None:
    from assistant.tui.screens.calibration import CalibrationScreen

    await pilot.press("f9")
    await until(pilot, lambda: app.screen.query("#calibrate"))
    app.screen.query_one("#calibrate").press()
    await on_top(pilot, CalibrationScreen)


async def test_the_calibration_runs_in_the_app_with_a_bar_and_resumes_where_it_stopped(proposal_path, monkeypatch):
    from textual.widgets import Input, ProgressBar

    from assistant.review.llm import calibration
    from assistant.tui import services
    from tests.review.fake_llm import FakeServer, make_settings
    from tests.review.test_llm_calibration import judge

    server = FakeServer(judge(perfect=True))
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        await open_calibration(pilot, app)
        screen = app.screen
        assert "42 antwoorden van de ijkset" in str(screen.query_one("#cal-intro").render())
        screen.query_one("#cal-max", Input).value = "3"
        screen.query_one("#cal-start").press()
        await until(pilot, lambda: "Klaar" in str(screen.query_one("#cal-current").render()))
        bar = screen.query_one("#cal-bar", ProgressBar)
        assert (bar.progress, bar.total) == (3, 3) and len(server.requests) == 3
        results = str(screen.query_one("#cal-results").render())
        assert "3/3  D1c-ocmw-partial  oordeel gedeeltelijk (label gedeeltelijk)" in results
        verdict = str(screen.query_one("#cal-verdict").render())
        assert "IJking van test-model: twijfelachtig" in verdict and "3 van 42" in verdict
        assert "slechts 3 van de 42 antwoorden beoordeeld" in verdict
        screen.query_one("#cal-max", Input).value = "5"  # resumes: only the 4th and 5th are asked
        screen.query_one("#cal-start").press()
        await until(pilot, lambda: "5 van 42" in str(screen.query_one("#cal-verdict").render()))
        assert len(server.requests) == 5 and (bar.progress, bar.total) == (2, 2)
        screen.query_one("#cal-close").press()
        await until(pilot, lambda: app.screen.query("#calibration"))
        assert "5 van 42" in str(app.screen.query_one("#calibration").render())  # the settings line, refreshed
    stored = calibration.stored_verdict("http://llm.test/v1", "test-model")
    assert stored is not None and len(stored[0].results) == 5


async def test_stopping_the_calibration_keeps_what_was_done(proposal_path, monkeypatch):
    import threading

    from assistant.review.llm import calibration
    from assistant.tui import services
    from tests.review.fake_llm import FakeServer, make_settings
    from tests.review.test_llm_calibration import judge

    perfect, second, held, release = judge(perfect=True), threading.Event(), threading.Event(), threading.Event()

    def hold_the_second(body):
        if second.is_set():
            held.set()
            release.wait(60)  # the user presses Stop while the second answer is being read
        second.set()
        return perfect(body)

    server = FakeServer(hold_the_second)
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        await open_calibration(pilot, app)
        screen = app.screen
        screen.query_one("#cal-start").press()
        for _ in range(2400):  # a state wait that does not wait for the held worker
            await pilot.pause(0.05)
            if held.is_set() and "Antwoord 2 van de 42" in str(screen.query_one("#cal-current").render()):
                break
        assert held.is_set(), "the second answer was never asked"
        screen.query_one("#cal-stop").press()
        release.set()
        await until(pilot, lambda: "Gestopt" in str(screen.query_one("#cal-current").render()))
        assert not screen.query_one("#cal-start").disabled
        stored = calibration.stored_verdict("http://llm.test/v1", "test-model")
        assert stored is not None and [r.id for r in stored[0].results] == ["D1a-maatwerk-good"]
        await pilot.press("escape")
        await until(pilot, lambda: app.screen.query("#calibration"))


async def test_at_80_by_24_the_calibration_buttons_and_its_progress_are_on_screen(proposal_path, monkeypatch):
    from textual.widgets import Button

    from assistant.tui import services
    from tests.review.fake_llm import FakeServer, make_settings
    from tests.review.test_llm_calibration import judge
    from tests.tui.test_dialogs import SMALL, on_screen

    server = FakeServer(judge(perfect=True))
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SMALL) as pilot:
        await settled(pilot)
        await open_calibration(pilot, app)
        screen = app.screen
        assert all(on_screen(b) for b in screen.query(Button))
        screen.query_one("#cal-max").value = "1"
        screen.query_one("#cal-start").press()
        await until(pilot, lambda: "Klaar" in str(screen.query_one("#cal-current").render()))
        await until(pilot, lambda: on_screen(screen.query_one("#cal-bar")) and on_screen(screen.query_one("#cal-current")))
        assert all(on_screen(b) for b in screen.query(Button))


async def test_at_80_by_24_the_end_of_a_calibration_is_in_view_whatever_came_first(proposal_path):
    """On a busy machine the scroll to the first answer's progress can land before the verdict grows
    above it; the end ("Klaar.", the bar) is brought into view when the calibration finishes."""
    from assistant.review.llm import calibration
    from tests.review.fake_llm import make_settings
    from tests.tui.test_dialogs import SMALL, on_screen

    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SMALL) as pilot:
        await settled(pilot)
        await open_calibration(pilot, app)
        screen = app.screen
        item = calibration.load_set().answers[0]
        screen.query_one("#cal-bar").display = True
        screen.item_started(1, 1, item, None)
        await settled(pilot)  # the scroll to the progress is done before the verdict grows
        reasons = [f"reden {n}: een lange uitleg over wat het model deed" for n in range(8)]
        screen.finished(app.settings, None, reasons, "Oordeel: ongeschikt")
        await until(pilot, lambda: on_screen(screen.query_one("#cal-bar")) and on_screen(screen.query_one("#cal-current")))
        assert "Klaar" in str(screen.query_one("#cal-current").render())

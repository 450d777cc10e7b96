"""The AI review in the app: its streamed progress shown while it runs (Esc cancels), and a model calibrated
ongeschikt not asked unless the user chooses to hear it anyway (then advice only)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx2
import pytest

from assistant.tui import services
from assistant.tui.app import WseApp
from assistant.tui.screens.dialogs import ConfirmDialog
from tests.review.fake_llm import FakeServer, as_stream, completion, make_settings, review_reply
from tests.review.test_llm_trust import calibrate
from tests.tui.conftest import on_top, settled, until
from tests.tui.test_app import SIZE

pytestmark = pytest.mark.anyio

ANSWER = "Wij werken sinds 2015 in Eeklo. Elke dinsdag houden we zitdag in het Sociaal Huis van Zelzate."


async def wait_for(pilot, condition, seconds: float = 60.0) -> None:
    """Like conftest.until, without waiting for the workers: here one is held mid-reply on purpose."""
    for _ in range(int(seconds / 0.05)):
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("the app never reached the expected state")


async def test_the_streamed_review_shows_its_progress_and_esc_cancels_it(proposal_path, monkeypatch):
    release = threading.Event()
    events = as_stream(completion(review_reply()), pieces=8).split(b"\n\n")

    def chunks() -> Iterator[bytes]:
        yield b"\n\n".join(events[:3]) + b"\n\n"  # a few pieces of the reply, then the model "thinks"
        release.wait(30)
        yield b"\n\n".join(events[3:])

    server = FakeServer(httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=chunks()))
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.goto("D1c")
        screen.editor.insert(ANSWER)
        await pilot.press("f5")
        status = screen.query_one("#llm-status")
        await wait_for(pilot, lambda: "tekens ontvangen" in str(status.render()))
        shown = str(status.render())
        assert shown.startswith("AI leest na: ") and " s (Esc annuleert)" in shown
        assert screen.query_one("#llm-busy").display
        await pilot.press("escape")
        release.set()
        await until(pilot, lambda: "geannuleerd" in str(status.render()))
        assert "llm" not in {f.reviewer for f in screen.llm_findings.get("D1c", [])}
        assert not screen.query_one("#llm-busy").display
        await pilot.press("ctrl+q")


async def test_an_ongeschikt_model_is_not_asked_unless_the_user_chooses_to(proposal_path, monkeypatch):
    calibrate("ongeschikt")
    server = FakeServer(completion(review_reply(missing=["verankering"])))
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.goto("D1c")
        screen.editor.insert(ANSWER)
        await pilot.press("f5")
        await on_top(pilot, ConfirmDialog)
        message = str(app.screen.query_one("#message").render())
        assert server.requests == [] and "ongeschikt bevonden" in message and "enkel als advies" in message
        assert "ongeschikt bevonden" in str(screen.query_one("#llm-status").render())
        app.screen.query_one("#ok").press()  # "Toch laten lezen (enkel advies)"
        await until(pilot, lambda: screen.llm_findings.get("D1c"))
        assert len(server.requests) == 1
        findings = screen.llm_findings["D1c"]
        assert all(f.severity == "tip" for f in findings)
        assert any(f.message.startswith("Advies van het taalmodel") for f in findings)
        screen.editor.insert(" Ook in Kaprijke.")  # a changed answer: asked again (an unchanged one is cached)
        await pilot.press("f5")  # the choice holds for this model: no second question
        await until(pilot, lambda: len(server.requests) == 2)
        assert not isinstance(app.screen, ConfirmDialog)
        await pilot.press("ctrl+q")


async def test_declining_an_ongeschikt_model_sends_nothing(proposal_path, monkeypatch):
    calibrate("ongeschikt")
    server = FakeServer(completion(review_reply()))
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.goto("D1c")
        screen.editor.insert(ANSWER)
        await pilot.press("f5")
        await on_top(pilot, ConfirmDialog)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        assert server.requests == [] and "D1c" not in screen.llm_findings
        await pilot.press("ctrl+q")


async def test_a_rewrite_asks_an_ongeschikt_model_only_when_chosen_and_shows_its_progress(proposal_path, monkeypatch):
    import json

    calibrate("ongeschikt")
    kept = ("Wij hebben sinds 2015 een kantoor in Eeklo en houden elke dinsdag zitdag in het Sociaal Huis van "
            "Zelzate, samen met het OCMW van Assenede.")
    release = threading.Event()
    events = as_stream(completion(json.dumps({"revised_answer": kept, "changes": ["ingekort"]})), pieces=8).split(b"\n\n")

    def chunks() -> Iterator[bytes]:
        yield b"\n\n".join(events[:3]) + b"\n\n"
        release.wait(30)
        yield b"\n\n".join(events[3:])

    server = FakeServer(httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=chunks()))
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    filler = " ".join(["Wij vinden samenwerking belangrijk en willen graag meewerken aan een sterk partnerschap."] * 60)
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.goto("D1c")
        screen.editor.insert(kept + " " + filler)
        await screen.action_shorter()
        await on_top(pilot, ConfirmDialog)
        assert server.requests == [] and "ongeschikt bevonden" in str(app.screen.query_one("#message").render())
        app.screen.query_one("#ok").press()  # "Toch laten lezen (enkel advies)"
        status = screen.query_one("#llm-status")
        await wait_for(pilot, lambda: "tekens ontvangen" in str(status.render()))
        assert str(status.render()).startswith("AI herschrijft: ") and len(server.requests) == 1
        release.set()
        await until(pilot, lambda: screen.suggestion is not None)
        assert screen.suggestion == ("D1c", kept)
        assert "AI herschrijft" not in str(status.render())
        await pilot.press("ctrl+q")

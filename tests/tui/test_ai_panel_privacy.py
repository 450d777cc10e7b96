"""The AI panel: facts to check listed above "Overnemen" and kept as marks; the proposal's LLM privacy set
in Settings, saved in the proposal, shown in the panel and obeyed (nothing sent)."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Select

from assistant.draft.store import read_proposal
from assistant.tui import services
from assistant.tui.app import WseApp
from tests.review.fake_llm import FakeServer, completion, make_settings, review_reply
from tests.tui.conftest import settled, until
from tests.tui.test_app import SIZE, type_into

pytestmark = pytest.mark.anyio


def session_answer(app):
    return app.session.proposal.answers["D1c"]


ANSWER = "Wij werken sinds 2015 in Eeklo. Elke dinsdag houden we zitdag in het Sociaal Huis van Zelzate."


async def test_facts_to_check_are_listed_before_accepting_and_kept_as_marks(proposal_path, monkeypatch):
    revised = "Wij werken sinds 2015 in Eeklo en sinds 2021 in Kaprijke, met 35 deelnemers en jobcoach Koen Verhaeghe."
    server = FakeServer(completion(review_reply(followups=["Sinds wanneer bent u in Kaprijke?"])),
                        completion(json.dumps({"revised_answer": revised, "changes": []})))
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.goto("D1c")
        screen.editor.insert(ANSWER)
        await pilot.press("f5")
        # Each step below is filled by a worker or reaches the screen as a chain of messages: on a busy
        # machine one pause does not cover it, so every step waits for its own state.
        await until(pilot, lambda: "D1c" in screen.llm_findings)
        await type_into(pilot, "#followup-reply", "Sinds 2021.")
        await pilot.press("enter")
        await until(pilot, lambda: session_answer(app).followups[0].reply == "Sinds 2021.")
        screen.query_one("#revise").press()
        await until(pilot, lambda: "Te controleren" in str(screen.query_one("#suggestion-diff").render()))
        shown = str(screen.query_one("#suggestion-diff").render())
        assert "Te controleren (2)" in shown and "? 35 deelnemers" in shown and "? Koen Verhaeghe" in shown
        screen.query_one("#accept").press()
        await until(pilot, lambda: "[CONTROLEER" in screen.editor.text)
        assert "[CONTROLEER: 35 deelnemers]" in screen.editor.text
        assert "[CONTROLEER: Koen Verhaeghe]" in screen.editor.text
        await pilot.press("ctrl+q")
    assert "[CONTROLEER: 35 deelnemers]" in read_proposal(proposal_path).answer_text("D1c")


async def test_privacy_set_in_settings_is_saved_shown_and_obeyed(proposal_path, monkeypatch):
    server = FakeServer(completion(review_reply()))
    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())  # a server at http://llm.test: hosted
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.goto("D1c")
        screen.editor.insert(ANSWER)
        await pilot.press("f9")
        await until(pilot, lambda: app.screen.query("Select#llm-privacy"))
        app.screen.query_one("#llm-privacy", Select).value = "local_only"
        app.screen.save()
        await until(pilot, lambda: app.screen is screen)
        assert "alleen lokaal" in str(screen.query_one("#llm-privacy").render())
        await pilot.press("f5")
        await until(pilot, lambda: "niets verstuurd" in str(screen.query_one("#llm-status").render()))
        status = str(screen.query_one("#llm-status").render())
        assert "alleen lokaal" in status and "niets verstuurd" in status
        assert server.requests == []
        await pilot.press("ctrl+q")
    assert read_proposal(proposal_path).llm_privacy == "local_only"


async def test_privacy_off_keeps_the_ai_from_starting(proposal_path, monkeypatch):
    from assistant.draft.store import write_proposal

    proposal = read_proposal(proposal_path)
    proposal.llm_privacy = "off"
    write_proposal(proposal_path, proposal)
    monkeypatch.setattr(services, "open_llm_session", lambda settings: pytest.fail("a session was opened"))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.goto("D1c")
        screen.editor.insert(ANSWER)
        await pilot.press("f5")
        await until(pilot, lambda: "AI staat uit voor dit voorstel" in str(screen.query_one("#llm-status").render()))
        assert "uit" in str(screen.query_one("#llm-privacy").render())

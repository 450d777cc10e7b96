"""The findings panel on its own, in a bare host app: its buttons and the follow-up reply reach the screen as
the panel's own messages, not as button ids the screen has to know."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.message import Message

from assistant.draft.models import FollowUp
from assistant.tui.widgets.findings import FindingsPanel
from tests.tui.conftest import until

pytestmark = pytest.mark.anyio


class Host(App[None]):
    """Holds the panel and writes down every message the panel sends up."""

    def __init__(self) -> None:
        super().__init__()
        self.received: list[Message] = []

    def compose(self) -> ComposeResult:
        yield FindingsPanel(id="findings-panel")

    def on_findings_panel_revise_requested(self, message: FindingsPanel.ReviseRequested) -> None:
        self.received.append(message)

    def on_findings_panel_suggestion_decided(self, message: FindingsPanel.SuggestionDecided) -> None:
        self.received.append(message)

    def on_findings_panel_follow_up_replied(self, message: FindingsPanel.FollowUpReplied) -> None:
        self.received.append(message)

    def on_button_pressed(self, event) -> None:  # the panel keeps its button presses to itself
        self.received.append(event)


async def test_accepting_and_rejecting_a_suggestion_are_the_panels_messages():
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        panel = app.query_one(FindingsPanel)
        panel.show_suggestion("Wij helpen mensen.", "Wij begeleiden 40 mensen per jaar.")
        await pilot.pause()
        panel.query_one("#accept").press()
        await until(pilot, lambda: len(app.received) == 1)
        panel.query_one("#reject").press()
        await until(pilot, lambda: len(app.received) == 2)
    assert [type(m) for m in app.received] == [FindingsPanel.SuggestionDecided] * 2
    assert [m.accepted for m in app.received] == [True, False]


async def test_a_follow_up_reply_and_the_revise_button_are_the_panels_messages():
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        panel = app.query_one(FindingsPanel)
        asked = FollowUp(question="Sinds wanneer werkt u in Eeklo?")
        panel.show_followups([asked])
        await pilot.pause()
        reply = panel.query_one("#followup-reply")
        reply.focus()
        await pilot.press("enter")  # an empty reply is no reply
        await pilot.press(*"Sinds 2021.", "enter")
        await until(pilot, lambda: len(app.received) == 1)
        panel.show_followups([asked.model_copy(update={"reply": "Sinds 2021."})])  # as the screen does
        await pilot.pause()
        panel.query_one("#revise").press()
        await until(pilot, lambda: len(app.received) == 2)
    replied, revise = app.received
    assert isinstance(replied, FindingsPanel.FollowUpReplied) and replied.reply == "Sinds 2021."
    assert isinstance(revise, FindingsPanel.ReviseRequested)

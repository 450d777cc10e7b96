"""The Textual app (first screen; the interview is built on it)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class WseApp(App):
    TITLE = "wse-assistant"

    def __init__(self, proposal_path: Path | None = None):
        super().__init__()
        self.proposal_path = proposal_path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Kandidatuur lokaal partnerschap – B – OOST Meetjesland 2026", id="welcome")
        yield Footer()

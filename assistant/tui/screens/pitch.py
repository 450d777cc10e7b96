"""Round 2 in the app: the pitch outline of the open proposal and the questions the jury will ask."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from assistant.errors import AssistantError
from assistant.i18n import N_, _, decimal
from assistant.pitch.jury import MemberQuestions, jury_questions
from assistant.pitch.outline import build_outline, pitch_spec
from assistant.pitch.render import to_text
from assistant.tui.session import Session


class PitchScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", N_("Sluiten")), Binding("ctrl+o", "rehearse", N_("Oefenen"))]
    HELP_TITLE = N_("Pitch")

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.jury: list[MemberQuestions] = []

    def compose(self) -> ComposeResult:
        minutes = pitch_spec(self.session.call).default_minutes if self.session.call.pitch else 5
        with Vertical(classes="dialog dialog-tall", id="pitch"):
            yield Static(_("Pitch voor ronde 2 en de vragen van de jury"), classes="dialog-title")
            with Horizontal(classes="row"):
                yield Static(_("Minuten"))
                yield Input(decimal(f"{minutes:g}"), id="pitch-minutes")
                yield Button(_("Opnieuw"), id="rebuild")
            with VerticalScroll(id="pitch-box"):
                yield Static(id="pitch-text")
            with Horizontal(classes="row"):
                yield Button(_("Oefenen"), id="rehearse", variant="primary")
                yield Button(_("Sluiten"), id="close")

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """The outline at the minutes typed, and the questions; a bad number is one line, nothing lost."""
        text = self.query_one("#pitch-minutes", Input).value.strip().replace(",", ".")
        try:
            minutes = float(text)
        except ValueError:
            self.notify(_("'{value}' is geen aantal minuten.").format(value=text), severity="warning")
            return
        proposal, call = self.session.proposal, self.session.call
        try:
            outline = build_outline(proposal, call, minutes)
            jury = jury_questions(proposal, call)
        except AssistantError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.jury = jury
        self.query_one("#pitch-text", Static).update(to_text(outline, jury, call, proposal.name))

    def action_rehearse(self) -> None:
        from assistant.tui.screens.rehearsal import RehearsalScreen  # noqa: PLC0415

        self.app.push_screen(RehearsalScreen(self.session, self.jury))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.rebuild()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "rebuild":
            self.rebuild()
        elif event.button.id == "rehearse":
            self.action_rehearse()
        else:
            self.dismiss(None)

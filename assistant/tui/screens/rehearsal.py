"""Rehearsing the jury's questions: one at a time with a clock; each answer is checked against the
proposal and kept with it."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from assistant.i18n import N_, _
from assistant.pitch.jury import MemberQuestions
from assistant.pitch.rehearsal import check_answer, record
from assistant.pitch.render import clock
from assistant.tui.session import Session


class RehearsalScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", N_("Sluiten")),
        Binding("ctrl+enter,f2", "check", N_("Controleren"), priority=True),
        Binding("ctrl+n,f3", "next", N_("Volgende vraag"), priority=True),
    ]
    HELP_TITLE = N_("Oefenen")

    def __init__(self, session: Session, jury: list[MemberQuestions]):
        super().__init__()
        self.session = session
        self.questions = [(member.name, question.text) for member in jury for question in member.questions]
        self.position = 0
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall", id="rehearsal"):
            yield Static(id="rehearsal-title", classes="dialog-title")
            yield Static(id="rehearsal-question")
            yield Static(id="rehearsal-clock")
            yield TextArea(id="rehearsal-answer", read_only=self.session.read_only)
            yield Static(id="rehearsal-flags")
            with Horizontal(classes="row"):
                yield Button(_("Controleren"), id="check", variant="primary", disabled=self.session.read_only)
                yield Button(_("Volgende vraag"), id="next")
                yield Button(_("Sluiten"), id="close")

    def on_mount(self) -> None:
        self.show_question()
        self.set_interval(1.0, self.tick)

    def show_question(self) -> None:
        if not self.questions:
            self.query_one("#rehearsal-title", Static).update(_("Geen vragen om te oefenen."))
            return
        member, question = self.questions[self.position]
        self.query_one("#rehearsal-title", Static).update(
            _("Oefenen: vraag {number} van {total} – {member}").format(number=self.position + 1, total=len(self.questions), member=member)
        )
        self.query_one("#rehearsal-question", Static).update(question)
        self.query_one("#rehearsal-flags", Static).update("")
        answer = self.query_one("#rehearsal-answer", TextArea)
        answer.text = ""
        answer.focus()
        self.started = time.monotonic()
        self.tick()

    def elapsed(self) -> int:
        return int(time.monotonic() - self.started)

    def tick(self) -> None:
        self.query_one("#rehearsal-clock", Static).update(clock(self.elapsed()))

    def action_check(self) -> None:
        """Check the answer against the proposal and keep it with the proposal."""
        text = self.query_one("#rehearsal-answer", TextArea).text.strip()
        if not text or not self.questions or self.session.read_only:
            return
        proposal, call = self.session.proposal, self.session.call
        flags = check_answer(proposal, call, text)
        member, question = self.questions[self.position]
        record(proposal, member, question, text, self.elapsed(), flags)
        self.session.mark_changed()
        lines = [f"! {flag.message}" for flag in flags] or [_("Niets gevonden dat het voorstel tegenspreekt of eraan toevoegt.")]
        self.query_one("#rehearsal-flags", Static).update("\n".join(lines))

    def action_next(self) -> None:
        if self.questions:
            self.position = (self.position + 1) % len(self.questions)
            self.show_question()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "check":
            self.action_check()
        elif event.button.id == "next":
            self.action_next()
        else:
            self.dismiss(None)

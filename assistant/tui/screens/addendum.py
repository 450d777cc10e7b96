"""The lokaal addendum: attach it from a file and see which of its challenges the answers address."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from assistant.draft.attachments import ATTACHMENT_SUFFIXES
from assistant.i18n import N_, _, ngettext
from assistant.tui import services
from assistant.tui.screens.dialogs import ModalDialog
from assistant.tui.session import Session
from assistant.tui.typed import wse_app


class AddendumScreen(ModalDialog[None]):
    BINDINGS = [Binding("escape", "dismiss", N_("Sluiten"))]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-tall", id="addendum"):
            yield Static(_("Lokaal addendum"), classes="dialog-title")
            yield Static(id="addendum-current")
            yield Static(id="coverage")
            with Horizontal(classes="dialog-buttons dialog-footer"):
                yield Button(_("Toevoegen") + "…", id="attach", variant="primary", disabled=self.session.read_only)
                yield Button(_("Sluiten"), id="close")

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        attachment = self.session.proposal.addendum()
        current = self.query_one("#addendum-current", Static)
        if attachment is None:
            current.update(_("Nog geen addendum toegevoegd.") + " " + _("(.pdf, .docx, .md of .txt)"))
            self.query_one("#coverage", Static).update("")
            return
        words = len(attachment.text.split())
        current.update(
            _("Toegevoegd: {name}").format(name=attachment.filename)
            + " · "
            + ngettext("{count} woord", "{count} woorden", words).format(count=words)
        )
        challenges = services.report(self.session.proposal, self.session.call).challenges
        if not challenges:
            self.query_one("#coverage", Static).update(
                _("In dit addendum zijn geen uitdagingen herkend: de nalezing heeft niets om de antwoorden aan te toetsen.")
            )
            return
        labels = {q.id: q.number for q in self.session.call.questions}
        text = Text()
        for challenge in challenges:
            addressed = bool(challenge.addressed_by)
            text.append("☑ " if addressed else "☐ ", style="bold green" if addressed else "bold red")
            text.append(challenge.title)
            where = ", ".join(labels.get(q, q) for q in challenge.addressed_by) or _("in geen enkel antwoord")
            text.append(f"  ({where})\n", style="dim")
        self.query_one("#coverage", Static).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "attach":
            self.choose()
        else:
            self.dismiss(None)

    def choose(self) -> None:
        from assistant.tui.screens.dialogs import FileDialog  # noqa: PLC0415

        def attached(path: Path | None) -> None:
            if path is None:
                return
            self.session.mark_changed()
            wse_app(self).save_now()
            self.show()

        def attach(path: Path) -> None:
            services.attach_addendum(self.session.proposal, path)

        dialog = FileDialog(_("Lokaal addendum"), _("Toevoegen"), ATTACHMENT_SUFFIXES, take=attach)
        self.app.push_screen(dialog, attached)

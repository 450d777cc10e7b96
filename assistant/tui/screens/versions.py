"""Versions: save the current text under a name, list versions, compare two per question."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Input, Select, Static

from assistant.draft.versions import CURRENT, diff_versions, resolve, save_version
from assistant.i18n import N_, _
from assistant.tui.diff import diff_text
from assistant.tui.screens.dialogs import ModalDialog
from assistant.tui.session import Session
from assistant.tui.typed import wse_app


class VersionsScreen(ModalDialog[None]):
    BINDINGS = [Binding("escape", "dismiss", N_("Sluiten"))]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-tall", id="versions"):
            yield Static(_("Versies"), classes="dialog-title")
            with Horizontal(classes="row"):
                yield Input(placeholder=_("Naam voor deze versie"), id="version-name", disabled=self.session.read_only)
                yield Button(_("Versie bewaren"), id="save", variant="primary", disabled=self.session.read_only)
            yield DataTable(id="version-list", cursor_type="row")
            yield Static(_("Nog geen versies bewaard."), id="versions-none")
            with Horizontal(classes="row"):
                yield Select([], id="old", prompt="A")
                yield Select([], id="new", prompt="B")
                yield Button(_("Vergelijken"), id="compare")
            yield Static(id="diff")
            with Horizontal(classes="dialog-buttons dialog-footer"):
                yield Button(_("Sluiten"), id="close")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Naam", "Bewaard", "Antwoorden")
        self.refresh_versions()

    def refresh_versions(self) -> None:
        versions = self.session.proposal.versions
        table = self.query_one(DataTable)
        table.clear()
        for version in versions:
            table.add_row(version.name, version.at.astimezone().strftime("%d/%m/%Y %H:%M"), str(len(version.answers)))
        table.display = bool(versions)
        self.query_one("#versions-none").display = not versions
        options = [(v.name, v.name) for v in versions] + [(_("huidige tekst"), CURRENT)]
        old, new = self.query_one("#old", Select), self.query_one("#new", Select)
        old.set_options(options)
        new.set_options(options)
        if versions:
            old.value = versions[-1].name
        new.value = CURRENT

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        elif event.button.id == "compare":
            self.compare()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self) -> None:
        name_input = self.query_one("#version-name", Input)
        name = name_input.value.strip()
        if not name:
            self.notify(_("Geef een naam."), severity="warning")
            return
        save_version(self.session.proposal, name)
        self.session.mark_changed()
        wse_app(self).save_now()
        name_input.value = ""
        self.notify(_("Versie '{name}' bewaard.").format(name=name))
        self.refresh_versions()

    def compare(self) -> None:
        old_name, new_name = self.query_one("#old", Select).value, self.query_one("#new", Select).value
        if old_name == Select.NULL or new_name == Select.NULL:
            return
        proposal, call = self.session.proposal, self.session.call
        old, new = resolve(proposal, str(old_name)), resolve(proposal, str(new_name))
        labels = {f.id: f.label for f in call.fields} | {q.id: f"Vraag {q.number}" for q in call.questions}
        diffs = diff_versions(old, new, list(labels))
        text = Text()
        for item in diffs:
            text.append(f"{labels[item.item_id]}\n", style="bold")
            diff_text(item.chunks, text)
            text.append("\n\n")
        self.query_one("#diff", Static).update(text if diffs else _("Geen verschillen."))

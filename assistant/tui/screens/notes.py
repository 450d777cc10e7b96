"""The client's comments from Word, still open, for the whole proposal: mark one done and it leaves the
side panel, `show` and `check` (the CLI's `notes --heropen` opens it again)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from assistant.i18n import N_, _
from assistant.tui.session import Session
from assistant.tui.typed import wse_app


class NotesScreen(ModalScreen[bool]):
    """Dismisses with whether any note was marked done."""

    BINDINGS = [Binding("escape", "close", N_("Sluiten")), Binding("d", "done", _("Afgehandeld"))]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="notes"):
            yield Static(_("Opmerkingen van de klant"), classes="dialog-title")
            yield DataTable(id="note-list", cursor_type="row")
            yield Static(id="note-text")
            with Horizontal(classes="dialog-buttons dialog-footer"):
                yield Button(_("Afgehandeld"), id="done", variant="primary", disabled=self.session.read_only)
                yield Button(_("Sluiten"), id="close")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*_("Nr|Vraag|Van|Opmerking").split("|"))
        self.refresh_notes()
        self.query_one(DataTable).focus()

    def refresh_notes(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        call = self.session.call
        for number, note in self.session.proposal.open_notes():
            where = call.question(note.item).number if note.item else "A–C"
            table.add_row(str(number), where, note.author, " ".join(note.text.split()), key=str(number))
        self.query_one("#done", Button).display = bool(table.row_count)
        self.show_note()

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def show_note(self) -> None:
        number = self._selected()
        text = self.query_one("#note-text", Static)
        if number is None:
            text.update(_("Geen open opmerkingen van de klant."))
            return
        note = self.session.proposal.notes[number - 1]
        quote = f"\n«{note.quote}»" if note.quote else ""
        text.update(f"{note.author}: {note.text}{quote}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_note()

    def action_done(self) -> None:
        number = self._selected()
        if number is None or self.session.read_only:
            return
        self.session.proposal.notes[number - 1].done = True
        self.session.mark_changed()
        wse_app(self).save_now()
        self.changed = True
        self.refresh_notes()

    def action_close(self) -> None:
        self.dismiss(self.changed)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "done":
            self.action_done()
            self.query_one(DataTable).focus()
        else:
            self.action_close()

"""The client's tracked changes from Word: accept or reject each one, or a whole question, then apply.

Every change starts undecided; Apply takes over exactly the accepted ones and is refused while any is
undecided, so nothing is taken over silently. Dismisses with the accepted change numbers, or None for
"take nothing". Fits 80x24: the list scrolls, the selected change's place and the buttons stay visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from assistant.i18n import N_, _

if TYPE_CHECKING:
    from assistant.draft.word_changes import Change, WordChanges

MARKS = {True: ("✓", "bold green"), False: ("✗", "bold red"), None: ("·", "dim")}


class WordChangesScreen(ModalScreen[set[int] | None]):
    BINDINGS = [
        Binding("a", "decide(True)", N_("Aanvaarden")),
        Binding("v", "decide(False)", N_("Verwerpen")),
        Binding("A", "decide_question(True)", N_("Vraag aanvaarden")),
        Binding("V", "decide_question(False)", N_("Vraag verwerpen")),
        Binding("t", "apply", N_("Toepassen")),
        Binding("escape", "cancel", N_("Niets overnemen")),
    ]

    def __init__(self, word: WordChanges, source: str):
        super().__init__()
        self.word, self.source = word, source
        self.decisions: dict[int, bool | None] = {change.number: None for change in word.changes}
        self.by_number = {change.number: change for change in word.changes}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="word-changes"):
            yield Static(_("Wijzigingen uit Word: {source}").format(source=self.source), classes="dialog-title")
            authors = ", ".join(self.word.authors)
            yield Static(_(
                "{count} bijgehouden wijziging(en) van {authors}. Niets wordt overgenomen tot u kiest: per "
                "wijziging (a/v) of per vraag (A/V), dan Toepassen (t)."
            ).format(count=len(self.word.changes), authors=authors), id="change-intro")
            yield DataTable(id="change-list", cursor_type="row", zebra_stripes=True)
            yield Static(id="change-context")
            with Vertical(classes="dialog-footer"):
                with Horizontal(classes="dialog-buttons"):
                    yield Button(_("Aanvaarden"), id="accept", variant="success", compact=True)
                    yield Button(_("Verwerpen"), id="reject", variant="error", compact=True)
                    yield Button(_("Vraag aanvaarden"), id="accept-question", compact=True)
                    yield Button(_("Vraag verwerpen"), id="reject-question", compact=True)
                with Horizontal(classes="dialog-buttons"):
                    yield Button(_("Toepassen"), id="apply", variant="primary", compact=True)
                    yield Button(_("Alles aanvaarden"), id="accept-all", compact=True)
                    yield Button(_("Niets overnemen"), id="cancel", compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*_("Besluit|Vraag|Wie|Wijziging").split("|"))
        for changes in self.word.by_item().values():
            for change in changes:
                table.add_row(*self._cells(change), key=str(change.number))
        table.focus()
        self.show_context()

    def _cells(self, change: Change) -> tuple[Text, str, str, Text]:
        mark, style = MARKS[self.decisions[change.number]]
        where = self.word.call.question(change.item).number if change.item else _("A–C")
        sign, colour = ("+", "green") if change.kind == "ins" else ("−", "red")
        text = " ".join(change.text.split()) or "¶"
        return Text(mark, style=style), where, change.author, Text(f"{sign} {text}", style=colour)

    @property
    def selected(self) -> Change | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.by_number.get(int(key)) if key is not None else None

    def show_context(self) -> None:
        change = self.selected
        context = Text()
        if change is not None:
            context.append(f"[{change.number}] {change.author}: ", style="bold")
            context.append(change.context)
        self.query_one("#change-context", Static).update(context)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_context()

    def set_decisions(self, numbers: list[int], accepted: bool) -> None:
        table = self.query_one(DataTable)
        column = table.ordered_columns[0].key
        for number in numbers:
            self.decisions[number] = accepted
            table.update_cell(str(number), column, self._cells(self.by_number[number])[0])

    def action_decide(self, accepted: bool) -> None:
        change = self.selected
        if change is None:
            return
        self.set_decisions([change.number], accepted)
        table = self.query_one(DataTable)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)  # on to the next change

    def action_decide_question(self, accepted: bool) -> None:
        change = self.selected
        if change is not None:
            self.set_decisions([c.number for c in self.word.changes if c.item == change.item], accepted)

    def action_apply(self) -> None:
        undecided = [number for number, decision in self.decisions.items() if decision is None]
        if undecided:
            self.notify(_(
                "Nog {count} wijziging(en) zonder besluit: kies eerst aanvaarden of verwerpen."
            ).format(count=len(undecided)), severity="warning")
            return
        self.dismiss({number for number, decision in self.decisions.items() if decision})

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "accept": lambda: self.action_decide(True),
            "reject": lambda: self.action_decide(False),
            "accept-question": lambda: self.action_decide_question(True),
            "reject-question": lambda: self.action_decide_question(False),
            "accept-all": lambda: self.set_decisions(list(self.decisions), True),
            "apply": self.action_apply,
            "cancel": self.action_cancel,
        }
        actions[event.button.id or "cancel"]()
        if event.button.id not in ("apply", "cancel"):
            self.query_one(DataTable).focus()  # the keys a/v go on working on the list

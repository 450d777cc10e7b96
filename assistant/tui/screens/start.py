"""Start: recent proposals, a new one, open a file, import Markdown or Word."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from assistant.call import Call, load_call
from assistant.errors import AssistantError
from assistant.tui import opening
from assistant.tui.i18n import TranslatedKeys, t
from assistant.tui.typed import wse_app


class StartScreen(TranslatedKeys, Screen[None]):
    HELP_TITLE = "Startscherm"
    BINDINGS = [
        Binding("n", "new", "Nieuw"),
        Binding("o", "open", "Openen"),
        Binding("i", "import", "Inlezen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.default_call: Call | None = None
        self.rows: dict[str, Path] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(id="start-title")
            yield Static(t("start.intro"), id="start-intro")
            with Horizontal(id="start-buttons"):
                yield Button(f"{t('start.new')} (n)", id="new", variant="primary")
                yield Button(f"{t('start.open')} (o)", id="open")
                yield Button(f"{t('start.import')} (i)", id="import")
            yield Static(t("start.recent"), classes="heading")
            yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
            yield Static(t("start.none"), id="recent-none")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.default_call = load_call()
            self.query_one("#start-title", Static).update(f"{self.default_call.title}\n{self.default_call.subtitle}")
        except AssistantError as exc:
            self.notify(str(exc), severity="error", timeout=15)
        self.query_one(DataTable).add_columns(*t("start.columns").split("|"))
        self.refresh_recent()

    def on_screen_resume(self) -> None:
        self.refresh_recent()

    def refresh_recent(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.rows.clear()
        for summary in opening.recent_proposals():
            key = str(summary.path)
            self.rows[key] = summary.path
            progress = f"{summary.answered}/{summary.questions}"
            table.add_row(summary.name, summary.organisation or "—", summary.changed, progress, summary.where, key=key)
        has_rows = bool(self.rows)
        table.display = has_rows
        self.query_one("#recent-none").display = not has_rows
        if has_rows:
            table.focus()
        else:
            self.query_one("#new", Button).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value in self.rows:
            wse_app(self).open_proposal(self.rows[event.row_key.value])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"new": self.action_new, "open": self.action_open, "import": self.action_import}[event.button.id or "new"]()

    def action_new(self) -> None:
        from assistant.tui.screens.dialogs import NewProposalDialog  # noqa: PLC0415

        def created(result: tuple[str, Call] | None) -> None:
            if result is None:
                return
            try:
                session = opening.create(*result)
            except AssistantError as exc:
                self.notify(str(exc), severity="error", timeout=15)
                return
            wse_app(self).start_session(session)

        self.app.push_screen(NewProposalDialog(), created)

    def action_open(self) -> None:
        self._choose_file(t("open.title"), t("open.ok"), {".json"})

    def action_import(self) -> None:
        self._choose_file(t("open.import_title"), t("open.import_ok"), opening.IMPORT_SUFFIXES)

    def _choose_file(self, title: str, ok: str, suffixes: Set[str]) -> None:
        from assistant.tui.screens.dialogs import FileDialog  # noqa: PLC0415

        def chosen(path: Path | None) -> None:
            if path is not None:
                wse_app(self).open_proposal(path)

        self.app.push_screen(FileDialog(title, ok, suffixes), chosen)

"""Start: the consultant's desk. Every proposal with its state (level per question, blocking problems,
pages), sorted, filtered and searched; new, open, import; rename, duplicate, archive, delete, restore.

The list comes from the portfolio index that `status` keeps beside the proposals, read in a worker: the
screen is drawn at once and filled as soon as the index is read (a stale entry is reviewed again there).
"""

from __future__ import annotations

from collections.abc import Callable, Set
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Span, Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from assistant.call import Call, load_call
from assistant.draft.text import dutch_number
from assistant.errors import AssistantError
from assistant.i18n import N_, _
from assistant.tui import opening, services
from assistant.tui.i18n import TranslatedKeys
from assistant.tui.typed import wse_app

if TYPE_CHECKING:
    from assistant.tui.session import Session

LEVEL_MARKS = {"sterk": ("S", "green"), "voldoende": ("V", "yellow"), "zwak": ("Z", "red"), "ontbreekt": ("-", "dim")}
LOOK_AGAIN_S = 2.0  # how often the folder is looked at for files saved by another window or process
SORTS = ["gewijzigd", "naam", "organisatie", "oproep", "blokkerend", "deadline"]
# The sort keys (portfolio.SORT_KEYS, Dutch as the CLI's --sorteer takes them) as the state line shows them.
SORT_LABELS = {
    "gewijzigd": N_("gewijzigd"), "naam": N_("naam"), "organisatie": N_("organisatie"), "oproep": N_("oproep"),
    "blokkerend": N_("blokkerend"), "deadline": N_("deadline"),
}


# What the filter key cycles through: (label, folder in the data folder, which entries).
VIEWS: list[tuple[str, str | None, Callable[[dict[str, Any]], bool]]] = [
    (N_("actief"), None, lambda e: True),
    (N_("met blokkerende problemen"), None, lambda e: e["blocking"] > 0),
    (N_("zonder blokkerende problemen"), None, lambda e: e["blocking"] == 0),
    (N_("archief"), "archief", lambda e: True),
    (N_("prullenbak"), "prullenbak", lambda e: True),
]


def level_text(entry: dict[str, Any]) -> Text:
    """One coloured letter per question, each under its question's number ("1a 1b …"). Built from spans:
    a Text appended to letter by letter costs a third of the list's time for 200 proposals."""
    marks = [LEVEL_MARKS.get(question["level"], ("?", "")) for question in entry["questions"]]
    spans = [Span(3 * n, 3 * n + 1, colour) for n, (_, colour) in enumerate(marks)]
    return Text("  ".join(letter for letter, _ in marks), spans=spans)


# What the user is told after each way of managing a proposal (services.manage's actions).
MANAGED = {
    "rename": N_("Hernoemd: {name}"),
    "duplicate": N_("Nieuw voorstel: {name}. Pas de overgenomen antwoorden aan voor deze klant."),
    "archive": N_("Gearchiveerd: {name} (f: archief, h: terugzetten)"),
    "delete": N_("Naar de prullenbak: {name} (f: prullenbak, h: terugzetten)"),
    "restore": N_("Teruggezet: {name}"),
}


class StartScreen(TranslatedKeys, Screen[None]):
    HELP_TITLE = N_("Startscherm")
    # At 80 columns every key fits in the footer: the buttons show n, o and i, the search field shows /.
    BINDINGS = [
        Binding("n", "new", N_("Nieuw"), show=False),
        Binding("o", "open", N_("Openen"), show=False),
        Binding("i", "import", N_("Inlezen"), show=False),
        Binding("slash", "search", N_("Zoeken"), show=False),
        Binding("f", "view", N_("Filter")),
        Binding("s", "sort", N_("Sorteer")),
        Binding("r", "rename", N_("Hernoem")),
        Binding("d", "duplicate", N_("Dupliceer")),
        Binding("a", "archive", N_("Archiveer")),
        Binding("x,delete", "delete", N_("Verwijder")),
        Binding("h", "restore", N_("Herstel")),
        Binding("ctrl+r", "reload", N_("Vernieuwen"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.default_call: Call | None = None
        self.rows: dict[str, Path] = {}
        self.entries: list[dict[str, Any]] = []
        self.texts: dict[str, str] = {}  # path -> folded name, organisation and answers (for the search)
        self.view = 0
        self.sort = "gewijzigd"
        self.loaded = False  # the list has been read at least once (tests and the bench wait for it)
        self.unreadable: list[dict[str, str]] = []
        self.focused_once = False  # the list has had the focus once (later the user's choice stands)
        self.seen: dict[str, tuple[int, int]] = {}  # the files as they were when the list was read
        self.folder = Path()  # the folder of the view shown (its proposals are shown by file name)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(id="start-title")
            with Horizontal(id="start-buttons"):
                yield Button(_("Nieuw voorstel") + " (n)", id="new", variant="primary")
                yield Button(_("Bestand openen") + " (o)", id="open")
                yield Button(_("Markdown of Word inlezen") + " (i)", id="import")
            with Horizontal(id="desk-bar"):
                yield Input(id="search", placeholder=_("Zoeken in namen en antwoorden (/)"))
                yield Static(id="desk-state")
            yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
            yield Static(_("Nog geen voorstellen. Begin met 'Nieuw voorstel'."), id="recent-none")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        try:
            self.default_call = load_call()
            self.query_one("#start-title", Static).update(f"{self.default_call.title} – {self.default_call.subtitle}")
        except AssistantError as exc:
            self.notify(str(exc), severity="error", timeout=15)
        columns = _("Naam|Niveau per vraag|Blok.|Pag. D|Gewijzigd|Deadline|Notities|Organisatie|Werkingsgebied|Oproep|Bestand").split("|")
        if self.default_call is not None:  # the level column headed by the questions' numbers
            columns[1] = " ".join(q.number for q in self.default_call.questions)
        self.query_one(DataTable).add_columns(*columns)
        self.query_one("#recent-none").display = False
        self.query_one("#new", Button).focus()
        self.set_interval(LOOK_AGAIN_S, self.look_again)

    def look_again(self) -> None:
        """Read the list again when another process added, removed or saved a proposal (a scan of the folder
        in a worker; nothing is read while nothing changed)."""
        if self.loaded and self.app.screen is self and not any(w.group == "desk" for w in self.workers if w.is_running):
            self.check_folder(VIEWS[self.view][1], dict(self.seen))

    @work(thread=True, exclusive=True, group="desk-look")
    def check_folder(self, place: str | None, seen: dict[str, tuple[int, int]]) -> None:
        if services.desk_changed(place, seen):
            self.app.call_from_thread(self.reload)

    def on_screen_resume(self) -> None:
        """Read the list when the screen is shown: the first time, and after a proposal or dialog is closed."""
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the archive and the trash only restoring (and deleting from the archive); elsewhere no restoring."""
        place = VIEWS[self.view][1]
        if action in ("rename", "duplicate", "archive"):
            return place is None
        if action == "restore":
            return place is not None
        if action == "delete":
            return place != "prullenbak"
        return True

    # ------------------------------------------------------------------ reading
    def action_reload(self) -> None:
        self.reload()

    def reload(self, select: Path | None = None) -> None:
        self.load(VIEWS[self.view][1], select)

    @work(thread=True, exclusive=True, group="desk")
    def load(self, place: str | None, select: Path | None) -> None:
        try:
            portfolio = services.desk_portfolio(place)
        except AssistantError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=15)
            portfolio = None
        entries = list(portfolio.proposals) if portfolio else []
        seen = dict(portfolio.stats) if portfolio else {}
        unreadable = list(portfolio.unreadable) if portfolio else []
        elsewhere = services.desk_elsewhere(place)
        entries += [entry for entry, _ in elsewhere]
        self.app.call_from_thread(self.show, entries, unreadable, select, seen)
        # The answers' text for the search comes after the list: most of the bytes, and only needed to search.
        texts = {entry["path"]: text for entry, text in elsewhere}
        if portfolio is not None:
            texts |= {str(portfolio.folder.resolve() / name): text for name, text in portfolio.search_texts().items()}
        self.app.call_from_thread(self.set_texts, texts)

    def on_stack(self) -> bool:
        """False once a proposal was opened while the list was read: this screen is (being) taken away."""
        return self in self.app.screen_stack and self.is_attached

    def show(
        self,
        entries: list[dict[str, Any]],
        unreadable: list[dict[str, str]],
        select: Path | None,
        seen: dict[str, tuple[int, int]],
    ) -> None:
        if not self.on_stack():
            return
        self.entries, self.unreadable, self.loaded, self.seen = entries, unreadable, True, seen
        self.folder = services.desk_folder(VIEWS[self.view][1]).resolve()
        self.texts = {}
        self.fill(select)

    def set_texts(self, texts: dict[str, str]) -> None:
        self.texts = texts
        if self.on_stack() and self.query_one("#search", Input).value.strip():
            self.fill()

    # ------------------------------------------------------------------ the list
    def shown(self) -> list[dict[str, Any]]:
        wanted = services.folded(self.query_one("#search", Input).value)
        keep = VIEWS[self.view][2]

        def matches(entry: dict[str, Any]) -> bool:
            if not wanted:
                return True
            # Until the answers are read, the name and the organisation are searched.
            text = self.texts.get(entry["path"]) or services.folded(f"{entry['name']} {entry['organisation']}")
            return wanted in text

        found = [e for e in self.entries if keep(e) and matches(e)]
        return services.desk_sorted(found, self.sort)

    def fill(self, select: Path | None = None) -> None:
        table = self.query_one(DataTable)
        current = self.selected()
        table.clear()
        self.rows.clear()
        shown = self.shown()
        for entry in shown:
            key = entry["path"]
            self.rows[key] = path = Path(key)
            changed = datetime.fromisoformat(entry["updated_at"]).astimezone().strftime("%d/%m/%Y %H:%M")
            pages = dutch_number(entry["pages_estimated"])
            over = entry["pages_estimated"] > entry["pages_limit"]
            table.add_row(
                entry["name"],
                level_text(entry),
                Text(str(entry["blocking"]), style="bold red" if entry["blocking"] else "green"),
                Text(pages, style="bold red" if over else ""),
                changed,
                services.deadline_text(entry.get("deadline")),
                str(entry.get("notes_open") or "—"),
                entry["organisation"] or "—",
                entry["werkingsgebied"] or "—",
                entry["call"],
                self.where(path),
                key=key,
            )
        target = str(select) if select else str(current) if current else None
        if target in self.rows:
            table.move_cursor(row=table.get_row_index(target))
        has_rows = bool(self.rows)
        table.display = has_rows
        none = self.query_one("#recent-none", Static)
        none.display = not has_rows
        none.update(_(
            "Nog geen voorstellen. Begin met 'Nieuw voorstel'."
        ) if not self.entries and self.view == 0 else _("Geen voorstellen in deze weergave (f: filter, / zoeken)."))
        state = _(
            "{shown}/{total} · {view} · op {sort}"
        ).format(shown=len(shown), total=len(self.entries), view=_(VIEWS[self.view][0]), sort=_(SORT_LABELS[self.sort]))
        if self.unreadable:
            state += " " + _("{count} onleesbaar (wse-assistant status).").format(count=len(self.unreadable))
        self.query_one("#desk-state", Static).update(state)
        # The list takes the focus from the "new" button it starts on (Enter opens, arrows move), not from a
        # search being typed or a button the user went to.
        on_default = self.app.focused is None or self.app.focused is self.query_one("#new", Button) and not self.focused_once
        if has_rows and (on_default or not isinstance(self.app.focused, Input | Button)):
            self.focused_once = True
            table.focus()
        elif not has_rows and self.app.focused is None:
            self.query_one("#new", Button).focus()

    def where(self, path: Path) -> str:
        """The file name in the data folder (or its archive or trash), the path (with ~) for one kept elsewhere."""
        if path.parent == self.folder:
            return path.name
        home = Path.home()
        return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)

    def selected(self) -> Path | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.rows.get(key or "")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search" and self.rows:
            self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_view(self) -> None:
        self.view = (self.view + 1) % len(VIEWS)
        self.refresh_bindings()
        if VIEWS[self.view][1] != VIEWS[self.view - 1][1]:
            self.entries = []  # another folder: nothing of the last one is shown meanwhile
            self.reload()
        self.fill()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        path = self.rows.get(event.row_key.value or "")
        if path is None:
            return
        if VIEWS[self.view][1]:
            self.notify(_("Dit voorstel staat in het archief of de prullenbak: zet het eerst terug (h)."), timeout=8)
            return
        wse_app(self).open_proposal(path)

    # ------------------------------------------------------------------ managing
    def _manage(self, action: str, path: Path, name: str = "") -> None:
        try:
            target = services.manage(action, path, name)
        except AssistantError as exc:
            self.notify(str(exc), title=_("Niet gelukt"), severity="error", timeout=15)
            return
        self.notify(_(MANAGED[action]).format(name=target.name), timeout=8)
        self.reload(select=target)

    def _chosen(self) -> Path | None:
        path = self.selected()
        if path is None:
            self.notify(_("Kies eerst een voorstel in de lijst."), timeout=5)
        return path

    def _name_of(self, path: Path) -> str:
        return next((e["name"] for e in self.entries if e["path"] == str(path)), path.stem)

    def action_rename(self) -> None:
        from assistant.tui.screens.dialogs import NameDialog  # noqa: PLC0415

        path = self._chosen()
        if path is None:
            return
        dialog = NameDialog(_("Voorstel hernoemen"), _("Nieuwe naam (ook het bestand krijgt die naam)"), _("Hernoemen"), self._name_of(path))
        self.app.push_screen(dialog, lambda name: self._manage("rename", path, name) if name else None)

    def action_duplicate(self) -> None:
        from assistant.tui.screens.dialogs import NameDialog  # noqa: PLC0415

        path = self._chosen()
        if path is None:
            return
        dialog = NameDialog(
            _("Dupliceren: '{name}' als begin voor een nieuwe klant").format(name=self._name_of(path)), _(
                "Naam van het nieuwe voorstel (sectie B blijft leeg, de antwoorden worden overgenomen)"
            ), _("Dupliceren")
        )
        self.app.push_screen(dialog, lambda name: self._manage("duplicate", path, name) if name else None)

    def action_archive(self) -> None:
        path = self._chosen()
        if path is not None:
            self._manage("archive", path)

    def action_delete(self) -> None:
        from assistant.tui.screens.dialogs import ConfirmDialog  # noqa: PLC0415

        path = self._chosen()
        if path is None:
            return
        dialog = ConfirmDialog(
            _("'{name}' naar de prullenbak?").format(name=self._name_of(path)), _(
                "Het bestand wordt niet gewist: u zet het terug in de prullenbak (f) met h."
            ), _("Naar de prullenbak")
        )
        self.app.push_screen(dialog, lambda ok: self._manage("delete", path) if ok else None)

    def action_restore(self) -> None:
        path = self._chosen()
        if path is None:
            return
        self._manage("restore", path)

    # ------------------------------------------------------------------ new, open, import
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"new": self.action_new, "open": self.action_open, "import": self.action_import}[event.button.id or "new"]()

    def action_new(self) -> None:
        from assistant.tui.screens.dialogs import NewProposalDialog  # noqa: PLC0415

        def created(session: Session | None) -> None:
            if session is not None:
                wse_app(self).start_session(session)

        self.app.push_screen(NewProposalDialog(opening.create), created)

    def action_open(self) -> None:
        self._choose_file(_("Bestand openen"), _("Openen"), {".json"})

    def action_import(self) -> None:
        self._choose_file(_("Markdown of Word inlezen"), _("Inlezen"), opening.IMPORT_SUFFIXES)

    def _choose_file(self, title: str, ok: str, suffixes: Set[str]) -> None:
        """The file is opened (or read in) before the dialog closes: a file refused is said in the dialog, which
        keeps the path typed."""
        from assistant.tui.screens.dialogs import FileDialog  # noqa: PLC0415

        opened = []

        def take(path: Path) -> None:
            opened.append(opening.open_path(path))

        def chosen(_path: Path | None) -> None:
            if opened:
                wse_app(self).start_session(opened[0])

        self.app.push_screen(FileDialog(title, ok, suffixes, take=take), chosen)

"""Help: every key binding of the screen it is shown over, so the list never goes stale."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from assistant.i18n import N_, _
from assistant.tui.i18n import key_description

EDITOR_KEYS = [
    ("Ctrl+C / Ctrl+X / Ctrl+V", N_("kopiëren / knippen / plakken (ook met de muis selecteren)")),
    ("Ctrl+Z / Ctrl+Y", N_("ongedaan maken / opnieuw")),
    ("Ctrl+A / Ctrl+E", N_("begin / einde van de regel")),
    ("Ctrl+Home / Ctrl+End", N_("begin / einde van het antwoord (met Shift: selecteren)")),
    ("Ctrl+W / Ctrl+K", N_("woord terug wissen / tot einde regel wissen")),
    ("Tab / Shift+Tab", N_("naar het volgende / vorige veld")),
    ("Ctrl+Q", N_("afsluiten (alles wordt eerst bewaard)")),
]


KEY_NAMES = {"escape": "Esc", "up": "↑", "down": "↓", "ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "slash": "/", "delete": "Del"}


def key_label(keys: str) -> str:
    """'f3,alt+up' -> 'F3 / Alt+↑'."""
    return " / ".join(
        "+".join(KEY_NAMES.get(part, part.upper() if len(part) <= 3 else part) for part in key.split("+"))
        for key in keys.split(",")
    )


def binding_rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys, meaning) for each binding that has a description."""
    return [(key_label(b.key), key_description(b.description)) for b in bindings if isinstance(b, Binding) and b.description]


def section_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, meaning in rows:
        table.add_row(keys, meaning)
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it is shown over and of the app, given by the caller: no import of either."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", N_("Sluiten"))]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        editor = [(keys, _(meaning)) for keys, meaning in EDITOR_KEYS]
        self.sections = [*sections, (_("Tekst bewerken"), editor)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-tall", id="help"):
            yield Static(_("Hulp: toetsen"), classes="dialog-title")
            for title, rows in self.sections:
                yield Static(section_table(title, rows))
            yield Static(_("Esc sluit dit venster. Alles wat u typt, wordt na elke pauze vanzelf bewaard."), classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

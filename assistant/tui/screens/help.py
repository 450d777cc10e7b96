"""Help: every key binding, read from the screens themselves so the list never goes stale."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from assistant.tui.i18n import t

EDITOR_KEYS = [
    ("Ctrl+C / Ctrl+X / Ctrl+V", "kopiëren / knippen / plakken (ook met de muis selecteren)"),
    ("Ctrl+Z / Ctrl+Y", "ongedaan maken / opnieuw"),
    ("Ctrl+A / Ctrl+E", "begin / einde van de regel"),
    ("Ctrl+Home / Ctrl+End", "begin / einde van het antwoord (met Shift: selecteren)"),
    ("Ctrl+W / Ctrl+K", "woord terug wissen / tot einde regel wissen"),
    ("Tab / Shift+Tab", "naar het volgende / vorige veld"),
    ("Ctrl+Q", "afsluiten (alles wordt eerst bewaard)"),
]


KEY_NAMES = {"escape": "Esc", "up": "↑", "down": "↓", "ctrl": "Ctrl", "alt": "Alt", "shift": "Shift"}


def key_label(keys: str) -> str:
    """'f3,alt+up' -> 'F3 / Alt+↑'."""
    return " / ".join(
        "+".join(KEY_NAMES.get(part, part.upper() if len(part) <= 3 else part) for part in key.split("+"))
        for key in keys.split(",")
    )


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(keys, meaning)]) for every screen, taken from the screens' own bindings."""
    from assistant.tui.app import WseApp  # noqa: PLC0415
    from assistant.tui.screens.interview import InterviewScreen  # noqa: PLC0415
    from assistant.tui.screens.start import StartScreen  # noqa: PLC0415

    def rows(bindings: list) -> list[tuple[str, str]]:
        return [(key_label(b.key), b.description) for b in bindings if isinstance(b, Binding)]

    return [
        ("Interview", rows(InterviewScreen.BINDINGS)),
        ("Startscherm", rows(StartScreen.BINDINGS)),
        ("Overal", rows(WseApp.BINDINGS)),
        ("Tekst bewerken", EDITOR_KEYS),
    ]


def section_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, meaning in rows:
        table.add_row(keys, meaning)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", t("close"))]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-tall", id="help"):
            yield Static(t("help.title"), classes="dialog-title")
            for title, rows in help_sections():
                yield Static(section_table(title, rows))
            yield Static("Esc sluit dit venster. Alles wat u typt, wordt na elke pauze vanzelf bewaard.", classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

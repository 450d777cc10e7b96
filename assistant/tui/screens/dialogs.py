"""Small modal dialogs: a new proposal, choosing a file, naming something, confirming a choice."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Select, Static

from assistant.call import Call, available_calls
from assistant.call.loader import DEFAULT_CALL_ID
from assistant.errors import AssistantError, UsageError
from assistant.i18n import N_, _

if TYPE_CHECKING:
    from assistant.tui.session import Session

T = TypeVar("T")

# The first field of a dialog, never its scrolling frame (focusable itself, for keyboard scrolling).
FIRST_FIELD = ".dialog *"


class ModalDialog(ModalScreen[T]):
    """A modal that opens at its top (title and first label in view), its first field focused.

    Not Textual's AUTO_FOCUS: that centres the field it focuses, in a layout made before the scrollbar took
    its columns, where the content is wider than the view; the centring then falls back to scrolling the field
    to the top, and out of sight go the title and the label above it. The first field is in view as it is."""

    AUTO_FOCUS = None

    def on_mount(self) -> None:
        self.set_focus(next((w for w in self.query(FIRST_FIELD) if w.focusable), None), scroll_visible=False)


class Dialog(ModalDialog[T]):
    """A modal with Esc to cancel and Enter in an input to confirm. Its content scrolls; the error line and
    the buttons stay docked at its bottom, on screen at any size from 80×24 up."""

    BINDINGS = [Binding("escape", "cancel", N_("Annuleren"))]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def footer(self, ok: str) -> Vertical:
        buttons = Horizontal(
            Button(ok, id="ok", variant="primary"), Button(_("Annuleren"), id="cancel"), classes="dialog-buttons"
        )
        return Vertical(Static("", id="error", classes="error"), buttons, classes="dialog-footer")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self.confirm()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.confirm()

    def confirm(self) -> None:
        raise NotImplementedError

    def refuse(self, message: str) -> None:
        """Why the input cannot be taken, on the dialog's error line: it stays open with what was typed, to be
        corrected rather than typed again."""
        self.query_one("#error", Static).update(message)


class NewProposalDialog(Dialog["Session | None"]):
    """Creates the proposal itself (with `create`), so that a name it refuses is corrected in the dialog."""

    def __init__(self, create: Callable[[str, Call], Session]) -> None:
        super().__init__()
        self.create = create
        self.calls = {call.id: call for call in available_calls()}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("Nieuw voorstel"), classes="dialog-title")
            yield Label(_("Naam van het voorstel (bv. uw organisatie)"))
            yield Input(id="name", placeholder=_("bv. Vzw De Brug"))
            yield Label(_("Oproep"))
            options = [(f"{c.title} – {c.subtitle}", c.id) for c in self.calls.values()]
            default = DEFAULT_CALL_ID if DEFAULT_CALL_ID in self.calls else options[0][1]
            yield Select(options, value=default, allow_blank=False, id="call")
            yield self.footer(_("Aanmaken"))

    def confirm(self) -> None:
        name_input = self.query_one("#name", Input)
        name = name_input.value.strip()
        try:
            if not name:
                raise UsageError(_("Geef een naam."))
            session = self.create(name, self.calls[str(self.query_one("#call", Select).value)])
        except AssistantError as exc:
            self.refuse(str(exc))
            name_input.focus()
            return
        self.dismiss(session)


class FilteredTree(DirectoryTree):
    def __init__(self, path: Path, suffixes: Set[str]):
        super().__init__(path)
        self.suffixes = suffixes

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in self.suffixes)
        ]


class FileDialog(Dialog[Path | None]):
    """A path typed or picked in a folder tree (mouse or arrows). With `take`, the file is taken in (read,
    attached) before the dialog closes: a file it refuses (AssistantError) is said in the dialog."""

    def __init__(
        self, title: str, ok: str, suffixes: Set[str], start: Path | None = None, take: Callable[[Path], object] | None = None
    ):
        super().__init__()
        self.title_text, self.ok, self.suffixes, self.take = title, ok, suffixes, take
        self.start = start or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall"):  # the folder tree scrolls and takes what is left
            yield Static(f"{self.title_text} ({', '.join(sorted(self.suffixes))})", classes="dialog-title")
            yield Label(_("Pad naar het bestand"))
            example = "voorstel.json" if ".json" in self.suffixes else f"bestand{min(self.suffixes)}"
            yield Input(id="path", placeholder=str(self.start / example))
            yield FilteredTree(self.start, self.suffixes)
            yield self.footer(self.ok)

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#path", Input).value = str(event.path)
        self.confirm()

    def confirm(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if not value:
            self.refuse(_("Kies een bestand."))
            return
        path = Path(value).expanduser()
        if self.take is not None:
            try:
                self.take(path)
            except AssistantError as exc:
                self.refuse(str(exc))
                return
        self.dismiss(path)


class NameDialog(Dialog[str | None]):
    def __init__(self, title: str, label: str, ok: str, value: str = "", max_length: int = 0):
        """`max_length` 0: any length."""
        super().__init__()
        self.title_text, self.label, self.ok, self.value, self.max_length = title, label, ok, value, max_length

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Label(self.label)
            yield Input(self.value, id="name", max_length=self.max_length)
            yield self.footer(self.ok)

    def confirm(self) -> None:
        value = self.query_one("#name", Input).value.strip()
        if not value:
            self.refuse(_("Geef een naam."))
            return
        self.dismiss(value)


class ConfirmDialog(Dialog[bool | None]):
    """A question with one way forward (`ok`) and Cancel; True when the user chose to go on."""

    def __init__(self, title: str, message: str, ok: str):
        super().__init__()
        self.title_text, self.message, self.ok = title, message, ok

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.message, id="message")
            yield self.footer(self.ok)

    def confirm(self) -> None:
        self.dismiss(True)


class ChoiceDialog(Dialog[Path | None]):
    """One of several proposals, picked from a list (type to jump to a name)."""

    def __init__(self, title: str, label: str, ok: str, options: list[tuple[str, Path]]):
        super().__init__()
        self.title_text, self.label, self.ok, self.options = title, label, ok, options

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Label(self.label)
            yield Select([(label, str(path)) for label, path in self.options], id="choice", allow_blank=False)
            yield self.footer(self.ok)

    def confirm(self) -> None:
        self.dismiss(Path(str(self.query_one("#choice", Select).value)))

"""Export: choose .docx, .md or .pdf; see the page proof and what blocks before writing."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from assistant.draft.text import dutch_number
from assistant.draft.workspace import slug
from assistant.errors import AssistantError, ConfirmOverwrite
from assistant.i18n import N_, _
from assistant.layout.report import PageReport
from assistant.tui import services
from assistant.tui.screens.dialogs import ModalDialog
from assistant.tui.session import Session


class ExportScreen(ModalDialog[Path | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Annuleren"))]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.confirmed: Path | None = None  # an existing file the user agreed to overwrite

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-tall", id="export"):
            yield Static(_("Exporteren"), classes="dialog-title")
            yield Label(_("Formaat"))
            with RadioSet(id="format", compact=True):
                for index, suffix in enumerate(services.EXPORT_FORMATS):
                    yield RadioButton(suffix, value=index == 0, id=f"fmt-{suffix[1:]}")
            yield Label(_("Doelbestand"))
            yield Input(str(self.default_path(services.EXPORT_FORMATS[0])), id="path")
            yield Static(id="preflight")
            # Docked: the refusal, "Toch schrijven" and the buttons stay on screen however long the page report.
            with Vertical(classes="dialog-footer"):
                yield Static("", id="error", classes="error")
                yield Checkbox(_("Toch schrijven (boven de paginalimiet)"), id="force", compact=True)
                # Off by default: the jury's version has none.
                yield Checkbox(_("Bevindingen als opmerkingen (niet voor de jury)"), id="comments", compact=True)
                with Horizontal(classes="dialog-buttons"):
                    yield Button(_("Schrijven"), id="write", variant="primary")
                    yield Button(_("Annuleren"), id="cancel")

    def default_path(self, suffix: str) -> Path:
        return Path.cwd() / f"{slug(self.session.proposal.name) or 'voorstel'}{suffix}"

    def on_mount(self) -> None:
        report = services.page_report(self.session.proposal, self.session.call)
        self.preflight(report)
        if services.needs_proof(report):
            self.query_one("#error", Static).update(_("Dicht bij de limiet: LibreOffice telt de pagina's…"))
            self.run_proof()

    @work(thread=True, exclusive=True, group="proof", exit_on_error=False)
    def run_proof(self) -> None:
        try:
            report = services.proof_pages(self.session.proposal.model_copy(deep=True), self.session.call)
        except AssistantError as exc:
            self.app.call_from_thread(self.refused, str(exc))
            return
        self.app.call_from_thread(self.proven, report)

    def proven(self, report: PageReport) -> None:
        self.query_one("#error", Static).update("")
        self.preflight(report)

    def preflight(self, report: PageReport) -> None:
        """The page count and the blocking problems, shown before anything is written."""
        proposal, call = self.session.proposal, self.session.call
        text = Text()
        text.append(
            _("Sectie {section} ≈ {value} van max. {limit} pagina's").format(
                section=report.section, value=dutch_number(report.estimated), limit=report.limit
            ),
            style="bold",
        )
        if report.rendered is not None:
            text.append(
                _(" (gerenderd door {renderer}: {rendered} van {limit})").format(
                    renderer=report.renderer, rendered=dutch_number(services.used_pages(report)), limit=report.limit
                )
            )
            if not services.exact_proof(report):
                text.append(f"\n{report.note}", style="bold")
        text.append("\n")
        if report.over_limit:
            text.append(services.over_limit_message(report) + "\n", style="bold red")
        blocking = services.report(proposal, call).blocking
        heading = _("Blokkerende problemen") if blocking else _("Geen blokkerende problemen.")
        text.append(f"\n{heading}\n", style="bold")
        for problem in blocking:
            text.append(f"✗ {problem}\n")
        self.query_one("#preflight", Static).update(text)
        self.query_one("#force").display = report.over_limit

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        suffix = str(event.pressed.label)
        self.query_one("#comments").display = suffix == ".docx"
        path_input = self.query_one("#path", Input)
        path_input.value = str(Path(path_input.value or self.default_path(suffix)).with_suffix(suffix))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.confirmed is not None and Path(event.value.strip()).expanduser() != self.confirmed:
            self.confirmed = None
            self.query_one("#write", Button).label = _("Schrijven")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "write":
            self.write()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.write()

    def action_cancel(self) -> None:
        for worker in self.workers:
            worker.cancel()
        self.dismiss(None)

    def write(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if not value:
            self.query_one("#error", Static).update(_("Kies een bestand."))
            return
        self.query_one("#write", Button).disabled = True
        self.query_one("#error", Static).update(_("Bezig met schrijven… (Esc annuleert)"))
        path = Path(value).expanduser()
        comments = self.query_one("#comments", Checkbox)
        self.run_export(
            path, self.query_one("#force", Checkbox).value, path == self.confirmed, comments.display and comments.value
        )

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, path: Path, force: bool, overwrite: bool, comments: bool) -> None:
        try:
            notes = services.export(
                self.session.proposal,
                self.session.call,
                path,
                force=force,
                source=self.session.path,
                overwrite=overwrite,
                comments=comments,
            )
        except ConfirmOverwrite as exc:
            self.app.call_from_thread(self.ask_overwrite, path, str(exc))
            return
        except AssistantError as exc:
            self.app.call_from_thread(self.refused, str(exc))
            return
        self.app.call_from_thread(self.done, path, notes)

    def ask_overwrite(self, path: Path, message: str) -> None:
        """Writing again to the same path confirms; the file it replaces is kept as a backup."""
        self.confirmed = path
        self.query_one("#write", Button).label = _("Overschrijven")
        self.refused(f"{message} " + _("Druk op Overschrijven om het te vervangen; het vorige blijft bewaard als reservekopie."))

    def refused(self, message: str) -> None:
        self.query_one("#write", Button).disabled = False
        self.query_one("#error", Static).update(message)

    def done(self, path: Path, notes: list[str]) -> None:
        self.notify(_("Geschreven: {path}").format(path=path), timeout=10)
        for note in notes:
            self.notify(_("Let op: {note}.").format(note=note), severity="warning", timeout=15)
        self.dismiss(path)

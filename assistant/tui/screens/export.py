"""Export: choose .docx, .md or .pdf; see the page proof and what blocks before writing."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from assistant.draft.workspace import slug
from assistant.errors import AssistantError
from assistant.tui import services
from assistant.tui.i18n import t
from assistant.tui.screens.dialogs import FIRST_FIELD
from assistant.tui.session import Session
from assistant.review.findings import PageReport
from assistant.tui.widgets.page_meter import pages


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", t("cancel"))]
    AUTO_FOCUS = FIRST_FIELD

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-tall", id="export"):
            yield Static(t("export.title"), classes="dialog-title")
            yield Label(t("export.format"))
            with RadioSet(id="format", compact=True):
                for index, suffix in enumerate(services.EXPORT_FORMATS):
                    yield RadioButton(suffix, value=index == 0, id=f"fmt-{suffix[1:]}")
            yield Label(t("export.path"))
            yield Input(str(self.default_path(services.EXPORT_FORMATS[0])), id="path")
            yield Static(id="preflight")
            # Docked: the refusal, "Toch schrijven" and the buttons stay on screen however long the page report.
            with Vertical(classes="dialog-footer"):
                yield Static("", id="error", classes="error")
                yield Checkbox(t("export.force"), id="force", compact=True)
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("export.write"), id="write", variant="primary")
                    yield Button(t("cancel"), id="cancel")

    def default_path(self, suffix: str) -> Path:
        return Path.cwd() / f"{slug(self.session.proposal.name)}{suffix}"

    def on_mount(self) -> None:
        report = services.page_report(self.session.proposal, self.session.call)
        self.preflight(report)
        if services.needs_proof(report):
            self.query_one("#error", Static).update("Dicht bij de limiet: LibreOffice telt de pagina's…")
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
        over = report.estimated - report.limit
        text.append(f"Sectie D ≈ {pages(report.estimated)} van max. {report.limit} pagina's", style="bold")
        if report.rendered is not None:
            text.append(f" (gerenderd door {report.renderer}: {report.rendered})")
        text.append("\n")
        if report.over_limit:
            text.append(f"Te lang: {pages(over)} pagina te veel. Langst tegenover hun budget: ", style="bold red")
            longest = sorted(report.per_question, key=lambda q: q.pages - q.budget, reverse=True)[:3]
            text.append(", ".join(f"{q.id[1:]} ({pages(q.pages)}/{pages(q.budget)} p.)" for q in longest) + "\n")
        blocking = services.report(proposal, call).blocking
        text.append(f"\n{t('export.blocking') if blocking else t('export.none_blocking')}\n", style="bold")
        for problem in blocking:
            text.append(f"✗ {problem}\n")
        self.query_one("#preflight", Static).update(text)
        self.query_one("#force").display = report.over_limit

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        suffix = str(event.pressed.label)
        path_input = self.query_one("#path", Input)
        path_input.value = str(Path(path_input.value or self.default_path(suffix)).with_suffix(suffix))

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
            self.query_one("#error", Static).update(t("open.missing"))
            return
        self.query_one("#write", Button).disabled = True
        self.query_one("#error", Static).update("Bezig met schrijven… (Esc annuleert)")
        self.run_export(Path(value).expanduser(), self.query_one("#force", Checkbox).value)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, path: Path, force: bool) -> None:
        try:
            notes = services.export(self.session.proposal, self.session.call, path, force=force)
        except AssistantError as exc:
            self.app.call_from_thread(self.refused, str(exc))
            return
        self.app.call_from_thread(self.done, path, notes)

    def refused(self, message: str) -> None:
        self.query_one("#write", Button).disabled = False
        self.query_one("#error", Static).update(message)

    def done(self, path: Path, notes: list[str]) -> None:
        self.notify(t("export.done", path=path), timeout=10)
        for note in notes:
            self.notify(f"Let op: {note}.", severity="warning", timeout=15)
        self.dismiss(path)

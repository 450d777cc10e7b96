"""`llm ijken` inside the app: the configured model judges the shipped calibration set, one answer at a time,
with a bar over the answers, the current reply's progress, each answer's outcome, Stop and resume.

Every answer is saved as soon as it is judged, so Stop (or Esc, or closing the app) loses only the answer
being read; Start again goes on where it stopped. The verdict is the one `llm ijken` and `llm test` show."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, ProgressBar, Static, Switch

from assistant.draft.text import dutch_number
from assistant.errors import AssistantError
from assistant.i18n import N_, _
from assistant.tui import services
from assistant.tui.llm_progress import EVERY_S, StreamProgress
from assistant.tui.typed import wse_app

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.review.llm.calibration import Item, ItemResult

SET_LABELS = {"good": "goed", "partial": "gedeeltelijk", "poor": "zwak"}
SHOWN_RESULTS = 8  # the last answers judged, newest last


class CalibrationScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", N_("Annuleren"))]
    AUTO_FOCUS = "#cal-start"

    def __init__(self) -> None:
        super().__init__()
        self.cancel = threading.Event()
        self.results: list[str] = []
        self._ticker: Timer | None = None  # redraws the current answer's progress

    def compose(self) -> ComposeResult:
        settings: Settings = wse_app(self).settings
        with VerticalScroll(classes="dialog dialog-tall", id="calibration-dialog"):
            yield Static(_("Model ijken"), classes="dialog-title")
            yield Static(_(
                "Het ingestelde model beoordeelt de {size} antwoorden van de ijkset; dat wordt met hun labels "
                "vergeleken. Elk antwoord wordt meteen bewaard: stoppen en later verdergaan kan."
            ).format(size=services.calibration_size()), id="cal-intro")
            with Horizontal(classes="row"):
                yield Label(_("Aantal"), id="cal-max-label")
                yield Input("", placeholder=_("alle"), id="cal-max", type="integer")
                yield Switch(value=False, id="cal-restart")
                yield Static(_("opnieuw beginnen (anders verder waar de vorige stopte)"), classes="switch-label")
            yield Static(services.calibration_line(settings), id="cal-verdict")
            yield ProgressBar(total=None, show_eta=False, id="cal-bar")
            yield Static("", id="cal-current")
            yield Static("", id="cal-stream")
            yield Static("", id="cal-results")
            with Vertical(classes="dialog-footer"):
                yield Static("", id="cal-error", classes="error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(_("Starten"), id="cal-start", variant="primary")
                    yield Button(_("Stoppen"), id="cal-stop", disabled=True)
                    yield Button(_("Sluiten"), id="cal-close")

    @property
    def running(self) -> bool:
        return any(w.is_running for w in self.workers if w.group == "ijken")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cal-start":
            self.start()
        elif event.button.id == "cal-stop":
            self.stop()
        else:
            self.action_close()

    def action_close(self) -> None:
        """Esc or Close: a running calibration is stopped first (what was done is kept)."""
        self.stop()
        self.dismiss(None)

    def start(self) -> None:
        if self.running:
            return
        raw = self.query_one("#cal-max", Input).value.strip()
        max_items = int(raw) if raw.lstrip("-").isdigit() else None
        if max_items is not None and max_items < 1:
            self.query_one("#cal-error", Static).update(_("Het aantal antwoorden moet minstens 1 zijn."))
            return
        self.query_one("#cal-error", Static).update("")
        self.cancel = threading.Event()
        self._busy(True)
        self.query_one("#cal-current", Static).update(_("Verbinden met het taalmodel…"))
        self.query_one("#cal-bar").display = True
        progress = StreamProgress(self.query_one("#cal-stream", Static).update, self.cancel)
        self._ticker = self.set_interval(EVERY_S, progress.tick)
        self.run_calibration(wse_app(self).settings, max_items, self.query_one("#cal-restart", Switch).value, progress)

    def stop(self) -> None:
        if self.running:
            self.cancel.set()  # checked while the reply streams: the request is closed at once
            self.query_one("#cal-current", Static).update(_("Stoppen…"))

    def _busy(self, busy: bool) -> None:
        self.query_one("#cal-start", Button).disabled = busy
        self.query_one("#cal-stop", Button).disabled = not busy
        self.query_one("#cal-max", Input).disabled = busy
        self.query_one("#cal-restart", Switch).disabled = busy

    @work(thread=True, exclusive=True, group="ijken", exit_on_error=False)
    def run_calibration(self, settings: Settings, max_items: int | None, restart: bool, progress: StreamProgress) -> None:
        cancel = self.cancel

        def on_item(position: int, total: int, item: Item, result: ItemResult | None) -> None:
            if result is None:
                progress.restart()  # each answer's own clock
            self.app.call_from_thread(self.item_done if result else self.item_started, position, total, item, result)

        try:
            line, reasons = services.calibrate(settings, max_items, restart, on_item, progress, cancel)
        except AssistantError as exc:  # LLMError: the endpoint failed, or Stop; what was done is saved
            stopped = cancel.is_set()
            self.app.call_from_thread(self.finished, settings, _(
                "Gestopt. Wat klaar was, is bewaard; 'Starten' gaat verder waar de ijking stopte."
            ) if stopped else str(exc), [])
            return
        self.app.call_from_thread(self.finished, settings, None, reasons, line)

    def item_started(self, position: int, total: int, item: Item, _result: ItemResult | None) -> None:
        if not self.is_attached:
            return  # closed while running: the run was stopped, its answers are saved
        bar = self.query_one("#cal-bar", ProgressBar)
        bar.update(total=total, progress=position - 1)
        self.query_one("#cal-current", Static).update(_(
            "Antwoord {position} van de {total} nog te beoordelen: {id}"
        ).format(position=position, total=total, id=item.id))
        self.query_one("#cal-stream").scroll_visible(animate=False)

    def item_done(self, position: int, total: int, item: Item, result: ItemResult | None) -> None:
        if result is None or not self.is_attached:
            return
        self.query_one("#cal-bar", ProgressBar).update(total=total, progress=position)
        seconds = dutch_number(result.seconds)
        if result.valid and result.level:
            outcome = _("oordeel {level} (label {label})").format(level=SET_LABELS[result.level], label=SET_LABELS[item.level])
        else:
            outcome = _("ongeldig ({failure})").format(failure=result.failure or "?")
        self.results.append(f"{position}/{total}  {item.id}  {outcome}  {seconds} s")
        self.query_one("#cal-results", Static).update("\n".join(self.results[-SHOWN_RESULTS:]))

    def finished(self, settings: Settings, problem: str | None, reasons: list[str], line: str | None = None) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if not self.is_attached:
            return
        self._busy(False)
        self.query_one("#cal-stream", Static).update("")
        self.query_one("#cal-current", Static).update(problem or _("Klaar."))
        verdict = line or services.calibration_line(settings)
        self.query_one("#cal-verdict", Static).update("\n".join([verdict, *(f"  - {r}" for r in reasons)]))
        # The verdict above may have grown since the last scroll: once it is laid out, bring the end (the bar,
        # "Klaar.") into view.
        self.call_after_refresh(self._show_end)

    def _show_end(self) -> None:
        for current in self.query("#cal-current"):  # none once the dialog is closed
            current.scroll_visible(animate=False)

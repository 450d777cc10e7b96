"""Settings: LLM provider, base URL, model, key (masked), language, privacy (LLM off; and for the open
proposal, where its text may be sent: uit, alleen lokaal, toegestaan), the open proposal's own language
and deadline (per client, kept in the proposal file), the model's stored calibration and a way to run it
(the calibration screen)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import SecretStr
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, Switch

from assistant import i18n
from assistant.config import PRESETS, LLMSettings, Settings, write_settings
from assistant.draft.client import LANGUAGE_WORDS, parse_deadline
from assistant.errors import AssistantError, os_error_text
from assistant.i18n import N_, _
from assistant.tui import services
from assistant.tui.screens.dialogs import ModalDialog
from assistant.tui.typed import wse_app

if TYPE_CHECKING:
    from assistant.draft.models import Language

APP_LANGUAGE = "app"  # the proposal has no language of its own


class SettingsScreen(ModalDialog[None]):
    BINDINGS = [Binding("escape", "dismiss", N_("Annuleren"))]

    def compose(self) -> ComposeResult:
        settings: Settings = wse_app(self).settings
        llm = settings.llm
        with VerticalScroll(classes="dialog dialog-tall", id="settings"):
            yield Static(_("Instellingen"), classes="dialog-title")
            yield Label(_("Taal"))
            yield Select([("Nederlands", "nl"), ("English", "en")], value=settings.language, allow_blank=False, id="language")
            with Horizontal(classes="row"):
                yield Switch(value=llm.enabled, id="llm-enabled")
                yield Static(_("AI-nalezing gebruiken (uit = niets verlaat deze computer)"), classes="switch-label")
            yield Label(_("Aanbieder"))
            yield Select(
                [(name, name) for name in PRESETS], value=llm.provider or Select.NULL, prompt=_("Kies…"), id="provider"
            )
            yield Label(_("Basis-URL"))
            yield Input(llm.base_url or "", placeholder="http://localhost:11434/v1", id="base-url")
            yield Label(_("Model"))
            yield Input(llm.model or "", placeholder=_("bv. gpt-4o-mini of llama3.1"), id="model")
            yield Label(_("API-sleutel (verborgen)"))
            has_key = llm.api_key is not None
            yield Input(
                "",
                password=True,
                placeholder=_("•••••• (bewaard; leeg laten = ongewijzigd)") if has_key else "sk-…",
                id="api-key",
            )
            session = getattr(self.app, "session", None)
            if session is not None and not session.read_only:
                yield Label(_("Taalmodel voor dit voorstel (privacy)"))
                yield Select(
                    [(_("uit: niets van dit voorstel verlaat deze computer"), "off"),
                     (_("alleen lokaal: enkel een server op deze computer of het lokale netwerk"), "local_only"),
                     (_("toegestaan: de ingestelde server"), "allowed")],
                    value=session.proposal.llm_privacy, allow_blank=False, id="llm-privacy",
                )
                proposal = session.proposal
                yield Label(_("Voor deze klant (in het voorstel bewaard)"))
                yield Label(_("Taal van de app voor dit voorstel"))
                yield Select(
                    [(_("zoals de app"), APP_LANGUAGE), *((word, code) for code, word in LANGUAGE_WORDS.items())],
                    value=proposal.language or APP_LANGUAGE, allow_blank=False, id="client-language",
                )
                yield Label(_("Deadline van deze klant (31/12/2026; leeg = geen)"))
                yield Input(
                    f"{proposal.deadline:%d/%m/%Y}" if proposal.deadline else "", placeholder="31/12/2026", id="deadline"
                )
            yield Static(services.calibration_line(settings), id="calibration")
            with Vertical(classes="dialog-footer"):
                yield Static("", id="error", classes="error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(_("Bewaren"), id="save", variant="primary")
                    yield Button(_("Annuleren"), id="cancel")
                    yield Button(_("Model ijken…"), id="calibrate")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        elif event.button.id == "calibrate":
            self.calibrate()
        else:
            self.dismiss(None)

    def calibrate(self) -> None:
        """`llm ijken` in its own screen; back here, the stored verdict is shown again."""
        from assistant.tui.screens.calibration import CalibrationScreen  # noqa: PLC0415

        def back(_: None) -> None:
            self.query_one("#calibration", Static).update(services.calibration_line(wse_app(self).settings))

        self.app.push_screen(CalibrationScreen(), back)

    def save(self) -> None:
        settings: Settings = wse_app(self).settings
        provider = self.query_one("#provider", Select).value
        key = self.query_one("#api-key", Input).value.strip()
        try:
            client = self._client_settings()
            llm = LLMSettings.model_validate(
                settings.llm.model_dump()
                | {
                    "enabled": self.query_one("#llm-enabled", Switch).value,
                    "provider": None if provider == Select.NULL else provider,
                    "base_url": self.query_one("#base-url", Input).value.strip() or None,
                    "model": self.query_one("#model", Input).value.strip() or None,
                    "api_key": SecretStr(key) if key else settings.llm.api_key,
                }
            )
            language = str(self.query_one("#language", Select).value)
            updated = settings.model_copy(update={"llm": llm, "language": language})
            path = write_settings(updated)
        except OSError as exc:
            self.query_one("#error", Static).update(_("Niet bewaard: {error}.").format(error=os_error_text(exc)))
            return
        except (AssistantError, ValueError) as exc:
            self.query_one("#error", Static).update(_("Niet bewaard: {exc}").format(exc=exc))
            return
        wse_app(self).settings = updated
        self._save_privacy()
        self._save_client(client)
        language = wse_app(self).ui_language()  # this client's own, when it has one
        changed_language = language != i18n.language()
        i18n.set_language(language)
        self.notify(_("Instellingen bewaard in {path}.").format(path=path))
        self.dismiss(None)
        if changed_language:
            wse_app(self).relabel()

    def _client_settings(self) -> tuple[Language | None, date | None] | None:
        """The open proposal's language and deadline as chosen (UsageError for a deadline that is no date);
        None without a proposal to set them on."""
        if not self.query("#client-language"):
            return None
        chosen = self.query_one("#client-language", Select).value
        typed = self.query_one("#deadline", Input).value.strip()
        language: Language | None = None if chosen == APP_LANGUAGE else chosen  # type: ignore[assignment]
        return language, parse_deadline(typed) if typed else None

    def _save_client(self, chosen: tuple[Language | None, date | None] | None) -> None:
        """Into the proposal file, with its autosave; the header shows the deadline at once."""
        session = getattr(self.app, "session", None)
        if session is None or chosen is None:
            return
        language, deadline = chosen
        if (session.proposal.language, session.proposal.deadline) != (language, deadline):
            session.proposal.language, session.proposal.deadline = language, deadline
            session.mark_changed()
            wse_app(self).show_proposal_title()

    def _save_privacy(self) -> None:
        """The open proposal's LLM privacy lives in the proposal file: saved with it (autosave)."""
        session = getattr(self.app, "session", None)
        chosen = self.query("#llm-privacy")
        if session is None or not chosen:
            return
        value = chosen.first(Select).value
        if value != session.proposal.llm_privacy:
            session.proposal.llm_privacy = value
            session.mark_changed()
            screen = next((s for s in self.app.screen_stack if hasattr(s, "findings_panel")), None)
            if screen is not None and getattr(screen, "panels_ready", False):
                screen.findings_panel.show_privacy(value)

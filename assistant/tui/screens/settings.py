"""Settings: LLM provider, base URL, model, key (masked), language, privacy (LLM off; and for the open
proposal, where its text may be sent: uit, alleen lokaal, toegestaan)."""

from __future__ import annotations

from pydantic import SecretStr
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, Switch

from assistant import i18n
from assistant.config import LLMSettings, Settings, write_settings
from assistant.errors import AssistantError, os_error_text
from assistant.i18n import N_, _
from assistant.tui.screens.dialogs import FIRST_FIELD
from assistant.tui.typed import wse_app

PROVIDERS = ["openai", "azure", "ollama", "lmstudio", "vllm", "llamacpp", "custom"]


def calibration_line(settings: Settings) -> str:
    """How the configured model did in `llm ijken` (stored; nothing is sent)."""
    from assistant.review.llm.calibration import for_settings  # noqa: PLC0415 - read only when the screen opens

    try:
        return for_settings(settings)
    except AssistantError as exc:  # a config that does not resolve: the fields below say what to fix
        return f"IJking: {exc}"


class SettingsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", N_("Annuleren"))]
    AUTO_FOCUS = FIRST_FIELD

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
                [(p, p) for p in PROVIDERS], value=llm.provider or Select.NULL, prompt=_("Kies…"), id="provider"
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
                placeholder="•••••• (bewaard; leeg laten = ongewijzigd)" if has_key else "sk-…",
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
            yield Static(calibration_line(settings), id="calibration")
            with Vertical(classes="dialog-footer"):
                yield Static("", id="error", classes="error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(_("Bewaren"), id="save", variant="primary")
                    yield Button(_("Annuleren"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(None)

    def save(self) -> None:
        settings: Settings = wse_app(self).settings
        provider = self.query_one("#provider", Select).value
        key = self.query_one("#api-key", Input).value.strip()
        try:
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
        changed_language = language != i18n.language()
        i18n.set_language(language)
        self.notify(_("Instellingen bewaard in {path}.").format(path=path))
        self.dismiss(None)
        if changed_language:
            wse_app(self).relabel()

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

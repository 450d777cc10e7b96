"""The Textual app: opens a proposal (or the start screen), owns the session and its autosave."""

from __future__ import annotations

import signal
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from assistant import i18n
from assistant.draft.client import days_left
from assistant.errors import AssistantError
from assistant.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.draft.models import Language
    from assistant.tui.screens.interview import InterviewScreen
    from assistant.tui.session import Session  # with pydantic and the models: after the first frame


class WseApp(App[None]):
    TITLE = "wse-assistant"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere find it too
    BINDINGS = [
        Binding("f1", "help", N_("Hulp")),
        Binding("f9", "settings", N_("Instellingen"), show=False),
        # Textual adds this key with the English "palette" unless the app binds it itself.
        Binding("ctrl+p", "command_palette", N_("opdrachten"), show=False, priority=True),
    ]

    def __init__(self, proposal_path: Path | None = None, settings: Settings | None = None):
        super().__init__()
        self.proposal_path = proposal_path
        self._settings = settings
        self.session: Session | None = None
        self._save_error: str | None = None
        # Keys that come before the preview's editor has the focus (what was typed while Python started):
        # held, then replayed in order, instead of reaching a screen with nothing focused and being lost.
        self._held_keys: list[events.Key] | None = None
        # Ctrl+Q while only the preview is shown: the app quits once the session has taken the text typed over.
        self._quit_when_attached = False

    # ------------------------------------------------------------------ start-up
    @property
    def settings(self) -> Settings:
        """Loaded on first use: pydantic-settings is not needed to show the first question."""
        if self._settings is None:
            from assistant.config import Settings, load_settings  # noqa: PLC0415

            try:
                self._settings = load_settings()
            except AssistantError as exc:
                self._settings = Settings.model_construct()
                self.notify(str(exc), severity="error", timeout=15)
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    def apply_language(self) -> None:
        """After the first screen is up: switch to the configured language if it is not Dutch."""
        if getattr(self.screen, "preview", None) is not None:
            self.set_timer(0.1, self.apply_language)  # relabelling rebuilds the interview: the session first
            return
        if self.ui_language() != i18n.language():
            i18n.set_language(self.ui_language())
            self.relabel()

    def ui_language(self) -> Language:
        """The open proposal's own language (per client), else the app's."""
        if self.session is not None and self.session.proposal.language is not None:
            return self.session.proposal.language
        return self.settings.language

    def show_proposal_title(self) -> None:
        """The proposal's name in the header, with this client's deadline and the days left when it has one;
        without a proposal open, the plain app title."""
        if self.session is None:
            self.sub_title = ""
            return
        proposal = self.session.proposal
        deadline = ""
        if proposal.deadline is not None:
            left = days_left(proposal.deadline)
            date = f"{proposal.deadline:%d/%m/%Y}"
            if left > 0:
                text = ngettext("deadline {date}, nog {days} d.", "deadline {date}, nog {days} d.", left)
            elif left == 0:
                text = _("deadline vandaag ({date})")
            else:
                text = ngettext("deadline {date} verstreken ({days} d. geleden)", "deadline {date} verstreken ({days} d. geleden)", -left)
            deadline = " – " + text.format(date=date, days=abs(left))
        self.sub_title = proposal.name + deadline

    def on_mount(self) -> None:
        if self._settings is not None:
            i18n.set_language(self._settings.language)
        else:
            self.set_timer(0.3, self.apply_language)  # after the first screen: pydantic-settings takes a while
        self.set_interval(0.25, self.autosave)
        if hasattr(signal, "SIGHUP"):
            # A closed terminal sends SIGHUP: go, saving on the way out (on_unmount), a copy if the file refuses.
            signal.signal(signal.SIGHUP, lambda *_: self.call_later(self.exit))
        if self.proposal_path is None:  # noqa: SIM114 - no file asked for, or the file could not be opened
            self.show_start()
        elif not self.open_with_preview(self.proposal_path) and not self.open_proposal(self.proposal_path):
            self.show_start()

    def show_start(self) -> None:
        """The start screen alone on the stack (it is only built when needed: a faster start on a proposal)."""
        from assistant.tui.screens.start import StartScreen  # noqa: PLC0415

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(StartScreen())

    # ------------------------------------------------------------------ proposals
    def open_proposal(self, path: Path) -> bool:
        """Open a proposal file (or import a Markdown/Word file into a new one) and show the interview."""
        from assistant.tui import opening  # noqa: PLC0415

        try:
            session = opening.open_path(path)
        except AssistantError as exc:
            self.notify(str(exc), title=_("Openen mislukt"), severity="error", timeout=15)
            return False
        self.start_session(session)
        return True

    def open_with_preview(self, path: Path) -> bool:
        """The question the proposal was left at, painted from plain JSON before the session is opened (in a
        thread: the first frame does not wait for pydantic). False when there is no preview to show."""
        from assistant.tui.preview import peek  # noqa: PLC0415
        from assistant.tui.screens.interview import InterviewScreen  # noqa: PLC0415

        preview = peek(path)
        if preview is None:
            return False
        screen = InterviewScreen(preview=preview)
        self._held_keys = []
        self.push_screen(screen)
        self.call_after_refresh(self.open_behind_preview, path, screen)
        return True

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_behind_preview(self, path: Path, screen: InterviewScreen) -> None:
        from assistant.tui import opening  # noqa: PLC0415

        try:
            session = opening.open_path(path)
        except AssistantError as exc:
            self.call_from_thread(self.preview_refused, str(exc))
            return
        self.call_from_thread(self.start_session, session, screen)

    async def on_event(self, event: events.Event) -> None:
        if self._held_keys is not None and isinstance(event, events.Key) and not event.is_forwarded:
            self._held_keys.append(event)
            return
        await super().on_event(event)

    def hold_keys(self) -> None:
        """The keys typed from now on wait for `release_keys`: the widget they are for is still being built."""
        if self._held_keys is None:
            self._held_keys = []

    async def release_keys(self) -> None:
        """The widget the keys are for (the preview's editor, a field) has the focus: the keys held until now,
        in the order they were typed."""
        held, self._held_keys = self._held_keys or [], None
        for event in held:
            await super().on_event(event)

    def preview_refused(self, message: str) -> None:
        """The file turned out locked beyond reading or invalid: refused as without a preview."""
        self._held_keys = None  # not for the start screen's keys (n, o, i)
        if self._quit_when_attached:
            self.exit()  # nothing was opened, nothing to save
            return
        self.notify(message, title=_("Openen mislukt"), severity="error", timeout=15)
        self.show_start()

    def start_session(self, session: Session, preview: InterviewScreen | None = None) -> None:
        """Show the session's interview; with `preview`, that screen (if still open) takes the session over."""
        from assistant.tui.preview import remember_call  # noqa: PLC0415
        from assistant.tui.screens.interview import InterviewScreen  # noqa: PLC0415

        remember_call(session.call)  # the next start can paint its first question from plain JSON
        self.close_session()
        self.session = session
        attach = preview is not None and preview in self.screen_stack
        if not attach:
            i18n.set_language(self.ui_language())  # this client's language, before its screen is built
        self.show_proposal_title()
        if session.locked_elsewhere:
            self.notify(_(
                "Dit voorstel is al geopend in een ander venster. Het is nu alleen-lezen geopend."
            ), severity="warning", timeout=20)
        if session.file_read_only:
            self.notify(_(
                "Dit bestand is alleen-lezen (bestandsrechten): u kunt het bekijken, wijzigingen "
                "worden niet bewaard."
            ), severity="warning", timeout=20)
        if session.imported_from is not None:
            self.notify(
                _("{source} is ingelezen in een nieuw voorstel: {path}").format(
                    source=session.imported_from.name, path=session.path
                ),
                timeout=15,
            )
        if session.namesakes:
            self.notify(session.namesakes, severity="warning", timeout=20)
        if session.unmapped:
            self.notify(
                _("{count} regel(s) niet overgenomen: {first}").format(count=len(session.unmapped), first=session.unmapped[0]),
                severity="warning",
                timeout=15,
            )
        if session.misplaced:  # text under a question it may not belong to: stays until read
            self.notify(_(
                "Nakijken, mogelijk onder de verkeerde vraag: {lines}"
            ).format(lines="; ".join(session.misplaced)), severity="error", timeout=60)
        if attach:
            assert preview is not None
            preview.attach(session)
            if self._quit_when_attached:
                self.call_after_refresh(self.action_quit)
            elif self.ui_language() != i18n.language():
                self.call_after_refresh(self.apply_language)  # the preview was painted in the app's language
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if session.word_changes is not None:  # an imported Word file's tracked changes: decided on first
            self.decide_word_changes(session)
            return
        self.push_screen(InterviewScreen(session))

    def decide_word_changes(self, session: Session) -> None:
        from assistant.tui import services  # noqa: PLC0415
        from assistant.tui.screens.interview import InterviewScreen  # noqa: PLC0415
        from assistant.tui.screens.word_changes import WordChangesScreen  # noqa: PLC0415

        word, source = session.word_changes, session.imported_from
        assert word is not None and source is not None
        session.word_changes = None

        def decided(accepted: set[int] | None) -> None:
            if accepted is None:
                self.notify(_(
                    "Geen wijzigingen uit Word overgenomen; de tekst blijft zoals vóór de wijzigingen. Lees het "
                    "bestand opnieuw in om ze toch te bekijken."
                ), timeout=15)
            else:
                changed, _notes = services.take_over_word(session.proposal, word, accepted, source.name)
                if changed:
                    session.mark_changed()
                    self.save_now()
                rejected = len(word.changes) - len(accepted)
                self.notify(_(
                    "{accepted} wijziging(en) aanvaard, {rejected} verworpen; {changed} onderdeel/onderdelen "
                    "bijgewerkt."
                ).format(accepted=len(accepted), rejected=rejected, changed=len(changed)))
            self.push_screen(InterviewScreen(session))

        self.push_screen(WordChangesScreen(word, source.name), decided)

    def close_session(self) -> None:
        if self.session is None:
            return
        try:
            self.session.close()
        except AssistantError as exc:
            self.notify(str(exc), severity="error", timeout=15)
        self.session = None
        self.show_proposal_title()
        if i18n.language() != self.settings.language:  # that client's language was for its proposal only
            i18n.set_language(self.settings.language)

    def on_unmount(self) -> None:
        """Every way out saves what was typed, not only Ctrl+Q: a closed terminal, a crash, a test's end."""
        if (problem := self._close_for_good()) is not None:
            self._exit_renderables.append(problem)

    def _close_for_good(self) -> str | None:
        """Save and close the session; when the file refuses, a copy in the data folder. None when all is
        on disk where it belongs, else the sentence that says what happened and where the copy is."""
        if self.session is None:
            return None
        session, self.session = self.session, None
        try:
            session.close()
        except Exception as exc:  # noqa: BLE001 - on the way out: whatever went wrong, the text is kept
            copy = session.rescue()
            message = _("Opslaan bij het afsluiten mislukt: {error}").format(error=exc)
            if copy is not None:
                message += " " + _("Een kopie staat in {path}.").format(path=copy)
            return message
        return None

    def autosave(self) -> None:
        if self.session is None or not self.session.save_due():
            return
        self.save_now()

    def save_now(self) -> bool:
        if self.session is None:
            return True
        try:
            self.session.save()
        except AssistantError as exc:
            message = str(exc)
            if message != self._save_error:  # say it once, not every quarter second
                self.notify(_(
                    "Opslaan mislukt: {error} Uw tekst blijft in het venster; probeer opnieuw."
                ).format(error=message), severity="error", timeout=30)
            self._save_error = message
            return False
        self._save_error = None
        return True

    def relabel(self) -> None:
        """Rebuild the screens after a change of language (the session stays open)."""
        from assistant.tui.screens.interview import InterviewScreen  # noqa: PLC0415

        flush = getattr(self.screen, "flush_editor", None)
        if flush is not None:
            flush()
        if self.session is None:
            self.show_start()
            return
        self.show_proposal_title()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(InterviewScreen(self.session))

    # ------------------------------------------------------------------ actions
    async def action_quit(self) -> None:
        screen = self.screen
        if getattr(screen, "preview", None) is not None:
            self._quit_when_attached = True  # the session saves what was typed in the preview, then the app quits
            return
        flush = getattr(screen, "flush_editor", None)
        if flush is not None:
            flush()
        if self.session is not None and not self.save_now():
            return  # the text is not on disk: stay open rather than lose it
        self.close_session()
        self.exit()

    def action_help(self) -> None:
        from assistant.tui.screens.help import HelpScreen, binding_rows  # noqa: PLC0415

        screen = self.screen
        if not isinstance(screen, HelpScreen):
            title = _(getattr(screen, "HELP_TITLE", screen.__class__.__name__))
            sections = [(title, binding_rows(screen.BINDINGS)), (_("Overal"), binding_rows(self.BINDINGS))]
            self.push_screen(HelpScreen(sections))

    def action_settings(self) -> None:
        from assistant.tui.screens.settings import SettingsScreen  # noqa: PLC0415

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette  # noqa: PLC0415

        # Textual types `is_open(app: App[object])`; App's generic is invariant, so an App[None] needs the ignore.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=_("Zoek een opdracht…"), id="--command-palette"))

    def search_themes(self) -> None:
        from textual.command import CommandPalette  # noqa: PLC0415
        from textual.theme import ThemeProvider  # noqa: PLC0415

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Zoek een thema…")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands in the user's language; its English "Keys" panel gives way to our help."""
        yield SystemCommand(_("Thema"), _("Kies de kleuren van het scherm (licht of donker)"), self.action_change_theme)
        yield SystemCommand(_("Afsluiten"), _("Alles bewaren en het programma sluiten"), self.action_quit)
        if screen.maximized is not None:
            yield SystemCommand(_("Normale grootte"), _("Terug naar de gewone indeling"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(_("Maximaliseren"), _("Het gekozen onderdeel over het hele scherm tonen"), screen.action_maximize)
        yield SystemCommand(
            _("Schermafdruk"), _("Het scherm bewaren als SVG-afbeelding"), lambda: self.set_timer(0.1, self.deliver_screenshot)
        )
        yield SystemCommand(_("Hulp: alle toetsen"), _("Toon elke sneltoets"), self.action_help)
        yield SystemCommand(_("Instellingen"), _("AI-aanbieder, model, sleutel, taal, privacy"), self.action_settings)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)

    # ------------------------------------------------------------------ errors
    def _handle_exception(self, error: Exception) -> None:
        self._crash_save_problem = self._close_for_good()  # first, in case anything after it fails too
        self._crashed_with = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """An unexpected error: keep the traceback in a log file and tell the user in Dutch, in one message
        (Textual shows only the first): whether the text is saved, or where its copy is."""
        from assistant.crashlog import crash_log_path, write_crash_log  # noqa: PLC0415

        error = getattr(self, "_crashed_with", None)
        log = (write_crash_log(error) if error else None) or crash_log_path()
        saved = getattr(self, "_crash_save_problem", None) or _("Uw tekst is bewaard.")
        self._exit_renderables.append(
            _(
                "wse-assistant stopte door een onverwachte fout. {saved}\nDetails staan in "
                "{log}; stuur dat bestand mee als u de fout meldt."
            ).format(saved=saved, log=log)
        )
        self._close_messages_no_wait()

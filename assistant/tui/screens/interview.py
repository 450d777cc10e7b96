"""The interview: one question (or the form of sections A–C) at a time, reviewed as you type."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount, MountError
from textual.widgets import ContentSwitcher, Header, TextArea
from textual.worker import get_current_worker

from assistant.draft.text import dutch_number
from assistant.errors import AssistantError
from assistant.i18n import N_, _
from assistant.tui import services
from assistant.tui.i18n import TranslatedKeys
from assistant.tui.typed import wse_app
from assistant.tui.widgets.page_meter import PageMeter
from assistant.tui.widgets.question import AnswerEditor, QuestionHeader

if TYPE_CHECKING:
    from pathlib import Path

    from textual.widgets import OptionList  # its module loads with the panels
    from textual.widgets.text_area import Location

    from assistant.call import Call
    from assistant.config import Settings
    from assistant.draft.models import Proposal
    from assistant.draft.word_changes import WordChanges
    from assistant.layout.report import PageReport
    from assistant.review.findings import FieldCheck, Finding, QuestionReview
    from assistant.review.llm.ladder import ProgressCallback
    from assistant.tui.preview import Preview
    from assistant.tui.session import Session  # with the draft models: loaded while the preview is shown
    from assistant.tui.widgets.fields_form import FieldsForm
    from assistant.tui.widgets.findings import FindingsPanel
    from assistant.tui.widgets.navigator import Navigator

REVIEW_PAUSE = 0.3  # seconds after the last keystroke before the offline review runs
AFTER_FIRST_PAINT = 0.2  # seconds after opening before the first full review starts
PANELS_AFTER = 0.1  # seconds after opening before the side panels and the footer are mounted
NARROW = 120  # below this many columns the navigator folds away (F2 shows it)

PaletteCommand = tuple[str, str, Callable[[], object]]


class InterviewScreen(TranslatedKeys, Screen[None]):
    AUTO_FOCUS = None  # goto() puts the focus where the user types
    # Priority: the editor has its own F6/F7 (select line/all); the interview's keys win everywhere.
    HELP_TITLE = N_("Interview")
    BINDINGS = [
        Binding("f2", "navigator", N_("Overzicht"), priority=True),
        Binding("f3,alt+up", "previous", N_("Vorige"), priority=True),
        Binding("f4,alt+down", "next", N_("Volgende"), priority=True),
        Binding("f5", "llm_review", N_("AI"), priority=True),
        Binding("ctrl+t", "whole_question", N_("Hele vraag"), show=False, priority=True),
        Binding("ctrl+s", "save_version", N_("Versie bewaren"), show=False, priority=True),
        Binding("f6", "versions", N_("Versies"), show=False, priority=True),
        Binding("f7", "addendum", N_("Addendum"), show=False, priority=True),
        Binding("f8", "export", N_("Export"), priority=True),
        Binding("ctrl+r", "render_pages", N_("Pagina's tellen"), show=False, priority=True),
        Binding("f10", "close_proposal", N_("Voorstellen"), show=False, priority=True),
        Binding("f11", "pitch", N_("Pitch"), show=False, priority=True),
        Binding("f12", "notes", N_("Opmerkingen klant"), show=False, priority=True),
        Binding("escape", "cancel_work", N_("Annuleren"), show=False),
    ]

    def __init__(self, session: Session | None = None, preview: Preview | None = None):
        """With a session, or first with only a preview (see assistant/tui/preview.py) until `attach`."""
        super().__init__()
        # Both are None only while the preview is shown, when no action runs (see check_action).
        self.session: Session = session  # type: ignore[assignment]
        self.call: Call = session.call if session is not None else None  # type: ignore[assignment]
        self.preview = preview
        self.current: str | None = None
        self.reviews: dict[str, QuestionReview] = {}
        self.checks: dict[str, FieldCheck] = {}
        self.llm_findings: dict[str, list[Finding]] = {}
        self.suggestion: tuple[str, str] | None = None  # (question id, revised text) awaiting a decision
        self._llm_cancel = threading.Event()
        self._unfit_chosen: set[tuple[str | None, str | None]] = set()  # ongeschikt models heard anyway
        self._llm_ticker: Timer | None = None  # redraws the review's progress while it runs
        self._review_timer: Timer | None = None
        self.cursors: dict[str, Location] = {}  # where the cursor was in each answer left in this session
        self.panels_ready = False  # the navigator, the findings panel and the footer: just after the first paint
        self._panels_mounted = asyncio.Event()  # set when mount_panels is done (or gave up: the app is closing)
        self._editor: AnswerEditor  # made in compose

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        """The first frame: the question and its editor, the side column and the page meter still empty."""
        # Before the widgets exist: set once they are, the class restyles the whole screen (a third of on_mount).
        self.set_class(self.app.size.width < NARROW, "narrow")
        yield Header()
        with Horizontal(id="body"):
            # The form of sections A–C is built the first time it is shown: a faster start on a question.
            with ContentSwitcher(id="main", initial="question-view"):
                with Vertical(id="question-view"):
                    yield QuestionHeader(id="question-header")
                    read_only = self.session is not None and self.session.read_only
                    self._editor = AnswerEditor(
                        id="editor",
                        soft_wrap=True,
                        show_line_numbers=False,
                        read_only=read_only,
                        placeholder=_("Alleen-lezen: wijzigingen worden niet bewaard.") if read_only else _("Typ hier uw antwoord…"),
                    )
                    yield self._editor
            yield Vertical(id="side")
        yield PageMeter()

    async def mount_panels(self) -> None:
        """After the first paint, where compose left their place: the screen ends up as if composed at once."""
        if self.query("#navigator"):
            await self._panels_mounted.wait()  # on their way (a key pressed while the timer mounts them)
            return
        try:
            await self._mount_panels()
        finally:
            self._panels_mounted.set()

    async def _mount_panels(self) -> None:
        from textual.widgets import Footer  # noqa: PLC0415

        from assistant.tui.widgets.findings import FindingsPanel  # noqa: PLC0415
        from assistant.tui.widgets.navigator import Navigator  # noqa: PLC0415

        try:
            await self.query_one("#body").mount(Navigator(self.call), before="#main")
            await self.query_one("#side").mount(FindingsPanel(id="findings-panel"))
            await self.mount(Footer())
        except MountError:
            return  # the app is closing (quit at once)
        if not self.is_attached or not self.query("#findings-panel"):
            return  # idem, the panels already pruned
        self.refresh_bindings()  # the footer missed the bindings published before it was there
        self.panels_ready = True
        if self.current is not None:
            if self._is_question(self.current):
                self.show_review(self.current)
            else:
                self.show_field_checks()
            self.refresh_navigator()
            self.navigator.highlight_id(self.current)

    async def ensure_panels(self) -> bool:
        """For a key pressed before the panels are up: mount them now, or wait for the mount under way."""
        if not self.panels_ready:
            await self.mount_panels()
        return self.panels_ready

    @property
    def editor(self) -> TextArea:
        return self._editor  # held, not queried: still readable while the app closes and unmounts it

    @property
    def navigator(self) -> Navigator:
        return self.query_one("#navigator")  # type: ignore[return-value]

    @property
    def findings_panel(self) -> FindingsPanel:
        return self.query_one("#findings-panel")  # type: ignore[return-value]

    def fields_form(self) -> FieldsForm:
        from assistant.tui.widgets.fields_form import FieldsForm  # noqa: PLC0415 - built on first use

        forms = self.query(FieldsForm)
        if forms:
            return forms.first()
        form = FieldsForm(self.call, self.session.proposal, self.session.read_only, self.checks)
        # A field takes the focus once the form is built (its on_mount): the keys typed meanwhile wait for it,
        # else they would go to the editor, hidden by then, and be lost.
        wse_app(self).hold_keys()
        self.call_later(self._release_keys_when_built, self.query_one("#main", ContentSwitcher).mount(form))
        return form

    async def _release_keys_when_built(self, mounting: AwaitMount) -> None:
        try:
            await mounting
        finally:  # also when the app closes meanwhile: no key is held for good
            self.app.call_later(wse_app(self).release_keys)

    def on_mount(self) -> None:
        if self.session is None and self.preview is not None:
            # The question and the answer as the file holds them, typeable; the session takes over in attach().
            self.query_one(QuestionHeader).show(self.preview.question, None)
            editor = self.editor
            editor.load_text(self.preview.answer)
            editor.move_cursor(editor.document.end, center=True)
            editor.focus()
            self.app.call_later(wse_app(self).release_keys)
            return
        self.start()

    def on_unmount(self) -> None:
        if not self.app.is_running:  # the app is closing: the last keys may not have reached the proposal
            self.flush_editor()

    def attach(self, session: Session) -> None:
        """The validated, locked session takes over from the preview; text typed meanwhile goes into it."""
        preview, editor = self.preview, self.editor
        assert preview is not None
        self.session, self.call, self.preview = session, session.call, None
        question_id = preview.question.id
        if session.read_only:
            editor.read_only = True
            editor.placeholder = _("Alleen-lezen: wijzigingen worden niet bewaard.")
        elif editor.text != preview.answer and session.proposal.answer_text(question_id) == preview.answer:
            session.set_answer(question_id, editor.text)
        self.cursors[question_id] = editor.cursor_location
        self.start()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While only the preview is shown, the keys wait for the session (a moment); typing goes on."""
        return self.session is not None

    def start(self) -> None:
        proposal = self.session.proposal
        question_ids = [q.id for q in self.call.questions]
        field_ids = [f.id for f in self.call.fields if f.kind != "fixed"]
        target = proposal.last_question
        if target is None or target not in question_ids + field_ids:
            # A new proposal starts with its details; one with details starts at the first question.
            target = question_ids[0] if any(proposal.fields.get(f) for f in field_ids[:1]) else field_ids[0]
        self.goto(target)
        # The navigator, the findings panel and the footer (about half the screen's widgets) come a moment
        # after the question is drawn: the user reads the question meanwhile, and keys typed go to the editor.
        self.set_timer(PANELS_AFTER, self.mount_panels)
        # The question first, on screen and taking keys; the review rules, the field checks and the page
        # metrics load a moment later (the first paint would otherwise wait for their imports).
        self.set_timer(AFTER_FIRST_PAINT, lambda: self.initial_review(self.session.proposal.model_copy(deep=True)))

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")
        if self.session is not None:
            self.refresh_navigator()

    # ------------------------------------------------------------------ moving around
    def items(self) -> list[str]:
        return [f.id for f in self.call.fields if f.kind != "fixed"] + [q.id for q in self.call.questions]

    def goto(self, item_id: str) -> None:
        changed = self.flush_editor()
        if self._review_timer is not None:
            self._review_timer.stop()
            self._review_timer = None
            changed = True
        if changed:
            self.review_current()  # the answer being left gets its review now, for the navigator
        if self._is_question(self.current) and self.current is not None:
            self.cursors[self.current] = self.editor.cursor_location
        self.current = item_id
        self.session.set_last_question(item_id)
        self.remove_class("whole-question")
        question_ids = {q.id for q in self.call.questions}
        switcher = self.query_one("#main", ContentSwitcher)
        if item_id in question_ids:
            question = self.call.question(item_id)
            switcher.current = "question-view"
            self.query_one(QuestionHeader).show(question, self.reviews.get(item_id))
            editor = self.editor
            editor.load_text(self.session.proposal.answer_text(item_id))
            # Back where the cursor was in this answer, else at its end: where writing goes on.
            editor.move_cursor(self.cursors.get(item_id, editor.document.end), center=True)
            self.show_review(item_id)
            # At once, not as Widget.focus does it (later, by a message to the app): the keys typed right after
            # F3/F4 go to the editor, not to the field being left.
            self.set_focus(self.editor)
        else:
            form = self.fields_form()
            switcher.current = form.id
            form.focus_field(item_id)
            self.show_field_checks()
        self.refresh_navigator()
        if self.panels_ready:
            self.navigator.highlight_id(item_id)
        if self.reviews:  # else the first review, just after start-up, fills the meter
            self.update_meter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.goto(event.option.id)
            if self.has_class("narrow"):
                self.navigator.remove_class("shown")

    def action_whole_question(self) -> None:
        """The question's whole text (and its guidance) over the editor's place, scrollable; again, Esc or
        moving on: back to the editor."""
        if not self.has_class("whole-question") and not self._is_question(self.current):
            return
        self.toggle_class("whole-question")
        if self.has_class("whole-question"):
            self.set_focus(self.query_one("#q-text-box"))  # arrows and PgUp/PgDn scroll it (at once: see goto)
        else:
            self.set_focus(self.editor)

    def step(self, delta: int) -> None:
        items = self.items()
        index = items.index(self.current) if self.current in items else 0
        self.goto(items[max(0, min(len(items) - 1, index + delta))])

    def action_next(self) -> None:
        self.step(1)

    def action_previous(self) -> None:
        self.step(-1)

    async def action_navigator(self) -> None:
        if not await self.ensure_panels():
            return
        navigator = self.navigator
        if self.has_class("narrow"):
            navigator.toggle_class("shown")
            if not navigator.has_class("shown"):
                self.goto(self.current or self.items()[0])
                return
            self.refresh_navigator()
            if self.current:
                navigator.highlight_id(self.current)
        self.set_focus(navigator)  # at once: see goto

    # ------------------------------------------------------------------ editing
    def flush_editor(self) -> bool:
        """Put the editor's text into the proposal now (before leaving the question or quitting)."""
        if self.session is None:
            return False  # the preview: attach() takes the text over
        if self._is_question(self.current) and self.current is not None and not self.session.read_only:
            return self.session.set_answer(self.current, self.editor.text)
        return False

    def _is_question(self, item_id: str | None) -> bool:
        return any(q.id == item_id for q in self.call.questions)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.session is None:
            return  # the preview: attach() takes the text over
        if self.session.read_only or not self._is_question(self.current) or self.current is None:
            return
        if self.session.set_answer(self.current, event.text_area.text):
            if self._review_timer is not None:
                self._review_timer.stop()
            self._review_timer = self.set_timer(REVIEW_PAUSE, self.review_current)

    def on_fields_form_entered(self, event: FieldsForm.Entered) -> None:
        """The focus moved to another field within the form: F3/F4 and the navigator go on from there."""
        if event.field_id == self.current:
            return
        self.current = event.field_id
        self.session.set_last_question(event.field_id)
        if self.panels_ready:
            self.navigator.highlight_id(event.field_id)

    def on_fields_form_edited(self, event: FieldsForm.Edited) -> None:
        if self.session.set_field(event.field_id, event.value):
            self.show_field_checks()
            self.refresh_navigator()

    # ------------------------------------------------------------------ review and pages
    def review(self, question_id: str, pages: PageReport) -> None:
        self.reviews[question_id] = services.review_question(
            self.session.proposal, self.call, question_id, pages, self.session.path
        )

    @work(thread=True, exclusive=True, group="initial-review")
    def initial_review(self, snapshot: Proposal) -> None:
        """Every answer and field of a copy, off the main thread: the editor takes keys at once while the
        review rules load."""
        pages = services.page_report(snapshot, self.call)
        reviews = {
            q.id: services.review_question(snapshot, self.call, q.id, pages, self.session.path)
            for q in self.call.questions
        }
        checks = {
            f.id: services.check_field(self.call, f.id, snapshot.fields.get(f.id, ""))
            for f in self.call.fields
            if f.kind != "fixed"
        }
        self.app.call_from_thread(self.apply_reviews, snapshot, reviews, checks)
        if services.other_clients(self.session.path) is None:
            # The other clients' proposals are indexed after the first review is on screen (seconds for
            # hundreds of them); then every answer is reviewed again with the findings across clients.
            services.other_clients(self.session.path, build=True)
            reviews = {
                q.id: services.review_question(snapshot, self.call, q.id, pages, self.session.path)
                for q in self.call.questions
            }
            self.app.call_from_thread(self.apply_reviews, snapshot, reviews, {}, True)

    def apply_reviews(
        self,
        snapshot: Proposal,
        reviews: dict[str, QuestionReview],
        checks: dict[str, FieldCheck],
        replace: bool = False,
    ) -> None:
        proposal = self.session.proposal
        for question_id, review in reviews.items():
            if proposal.answer_text(question_id) == snapshot.answer_text(question_id):  # not typed in since
                if replace:
                    self.reviews[question_id] = review
                else:
                    self.reviews.setdefault(question_id, review)
        for field_id, check in checks.items():
            if proposal.fields.get(field_id, "") == snapshot.fields.get(field_id, ""):
                self.checks.setdefault(field_id, check)
        self.review_all()

    def review_all(self) -> None:
        """Whatever has no review yet, and the panels."""
        pages = self.update_meter()
        for question in self.call.questions:
            if question.id not in self.reviews:
                self.review(question.id, pages)
        for fld in self.call.fields:
            if fld.kind != "fixed" and fld.id not in self.checks:
                self.checks[fld.id] = services.check_field(self.call, fld.id, self.session.proposal.fields.get(fld.id, ""))
        if self._is_question(self.current) and self.current is not None:
            self.show_review(self.current)
        else:
            self.show_field_checks()
        self.refresh_navigator()

    def review_current(self) -> None:
        if not self._is_question(self.current) or self.current is None:
            return
        self.review(self.current, self.update_meter())
        self.show_review(self.current)
        self.refresh_navigator()

    def show_review(self, question_id: str) -> None:
        review = self.reviews.get(question_id)
        self.query_one(QuestionHeader).show_review(self.call.question(question_id), review)
        if not self.panels_ready:
            return  # mount_panels shows it
        answer = self.session.proposal.answers.get(question_id)
        panel = self.findings_panel
        panel.show_privacy(self.session.proposal.llm_privacy)
        panel.show_followups(answer.followups if answer else [])
        if self.suggestion is None or self.suggestion[0] != question_id:
            panel.show_suggestion(None, None)
        has_text = bool(self.session.proposal.answer_text(question_id).strip())
        panel.show(review, has_text, self.llm_findings.get(question_id))
        panel.show_notes(self.session.proposal.open_notes(question_id))

    def show_field_checks(self) -> None:
        if self.panels_ready:
            self.findings_panel.show_fields(self.call, self.checks, self.session.proposal)
            self.findings_panel.show_notes(self.session.proposal.open_notes(""))

    def refresh_navigator(self) -> None:
        if not self.panels_ready:
            return
        if self.has_class("narrow") and not self.navigator.has_class("shown"):
            return  # folded away: built when F2 shows it
        self.navigator.build(self.session.proposal, self.reviews, self.checks)

    def update_meter(self) -> PageReport:
        pages = services.page_report(self.session.proposal, self.call)
        meter = self.query_one(PageMeter)
        if meter.rendered_note and not self.workers:  # a count of an older text no longer holds
            meter.rendered_note = ""
        meter.show(pages, self._meter_question())
        return pages

    # ------------------------------------------------------------------ long work
    def action_cancel_work(self) -> None:
        if self.has_class("whole-question"):
            self.action_whole_question()
            return
        if not self.panels_ready:
            return  # nothing runs yet
        if self.has_class("narrow") and self.navigator.has_class("shown"):
            self.navigator.remove_class("shown")
            return
        running = [w for w in self.workers if w.is_running]
        self._llm_cancel.set()  # the LLM code checks it between requests
        for worker in running:
            worker.cancel()
        self._stop_ticker()
        if any(w.group == "llm" for w in running):
            self.findings_panel.llm_state(_("AI-nalezing geannuleerd."))
        if any(w.group == "render" for w in running):
            self.query_one(PageMeter).note("", self._meter_question())

    # ------------------------------------------------------------------ other screens
    def action_save_version(self) -> None:
        from assistant.draft.versions import MAX_NAME_LENGTH, save_version  # noqa: PLC0415
        from assistant.tui.screens.dialogs import NameDialog  # noqa: PLC0415

        if self.session.read_only:
            self.notify(_("Alleen-lezen: wijzigingen worden niet bewaard."), severity="warning")
            return

        def named(name: str | None) -> None:
            if name:
                self.flush_editor()
                save_version(self.session.proposal, name)
                self.session.mark_changed()
                wse_app(self).save_now()
                self.notify(_("Versie '{name}' bewaard.").format(name=name))

        dialog = NameDialog(_("Versie bewaren"), _("Naam voor deze versie"), _("Versie bewaren"), max_length=MAX_NAME_LENGTH)
        self.app.push_screen(dialog, named)

    def action_copy_answer(self) -> None:
        """This question's answer taken over from another proposal, the copy recorded (the cross-client check
        then says "overgenomen uit …, nog niet aangepast" until the text is adapted)."""
        from assistant.tui.screens.dialogs import ChoiceDialog  # noqa: PLC0415

        if self.session.read_only:
            self.notify(_("Alleen-lezen: wijzigingen worden niet bewaard."), severity="warning")
            return
        question_id = self.current
        if question_id is None or not self._is_question(question_id):
            self.notify(_("Kies eerst een vraag (F2)."), severity="warning")
            return
        self.flush_editor()
        try:
            sources = services.answer_sources(question_id, self.session.path)
        except AssistantError as exc:
            self.notify(str(exc), severity="error", timeout=15)
            return
        if not sources:
            self.notify(_("Geen ander voorstel in de datamap beantwoordt deze vraag."), severity="warning", timeout=8)
            return
        number = self.call.question(question_id).number

        def chosen(source: Path | None) -> None:
            if source is None:
                return
            if not self.session.proposal.answer_text(question_id).strip():
                self._copy_answer(question_id, source, False)
                return
            from assistant.tui.screens.dialogs import ConfirmDialog  # noqa: PLC0415

            confirm = ConfirmDialog(_("Vraag {number} heeft al een antwoord. Vervangen?").format(number=number), _(
                "Het huidige antwoord blijft bewaard in de geschiedenis (Versies, F6)."
            ), _("Vervangen"))
            self.app.push_screen(confirm, lambda ok: self._copy_answer(question_id, source, True) if ok else None)

        self.app.push_screen(ChoiceDialog(_("Antwoord op vraag {number} overnemen").format(number=number), _(
            "Uit welk voorstel?"
        ), _("Overnemen"), sources), chosen)

    def _copy_answer(self, question_id: str, source: Path, replace: bool) -> None:
        try:
            changed = services.copy_answer(self.session.proposal, question_id, source, replace)
        except AssistantError as exc:
            self.notify(str(exc), severity="error", timeout=15)
            return
        if not changed:
            self.notify(_("Dit antwoord is al gelijk aan dat van het andere voorstel."))
            return
        self.session.mark_changed()
        wse_app(self).save_now()
        if self.current == question_id:
            self.editor.load_text(self.session.proposal.answer_text(question_id))
        self.review_current()
        self.notify(_("Overgenomen uit {file}. Pas het aan voor deze klant: tot dan meldt de nalezing het.").format(file=source.name), timeout=10)

    def action_versions(self) -> None:
        from assistant.tui.screens.versions import VersionsScreen  # noqa: PLC0415

        self.flush_editor()
        self.app.push_screen(VersionsScreen(self.session))

    def action_export(self) -> None:
        from assistant.tui.screens.export import ExportScreen  # noqa: PLC0415

        self.flush_editor()
        self.app.push_screen(ExportScreen(self.session))

    def action_addendum(self) -> None:
        from assistant.tui.screens.addendum import AddendumScreen  # noqa: PLC0415

        self.flush_editor()
        def attached(_: None) -> None:
            self.reviews.clear()  # the addendum changes what every answer is read against
            self.review_all()

        self.app.push_screen(AddendumScreen(self.session), attached)

    def action_notes(self) -> None:
        from assistant.tui.screens.notes import NotesScreen  # noqa: PLC0415

        def closed(changed: bool | None) -> None:
            if changed:
                self.show_current_panel()

        self.app.push_screen(NotesScreen(self.session), closed)

    def show_current_panel(self) -> None:
        if self.current is not None and self._is_question(self.current):
            self.show_review(self.current)
        else:
            self.show_field_checks()

    def action_word_file(self) -> None:
        """The client's edited Word file into this proposal: its tracked changes decided on one by one."""
        from assistant.tui.screens.dialogs import FileDialog  # noqa: PLC0415

        if self.session.read_only:
            self.notify(_("Alleen-lezen: wijzigingen worden niet bewaard."), severity="warning")
            return
        self.flush_editor()  # what was typed is in the proposal before the file's text is compared with it

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            try:
                word = services.read_word_file(path, self.call)
            except AssistantError as exc:
                self.notify(str(exc), severity="error", timeout=15)
                return
            if not word.changes:
                self.take_over_word(word, set(), path.name)
                return
            from assistant.tui.screens.word_changes import WordChangesScreen  # noqa: PLC0415

            def decided(accepted: set[int] | None) -> None:
                if accepted is None:
                    self.notify(_(
                        "Geen wijzigingen uit Word overgenomen; de tekst blijft zoals vóór de wijzigingen. Lees het "
                        "bestand opnieuw in om ze toch te bekijken."
                    ), timeout=15)
                else:
                    self.take_over_word(word, accepted, path.name)

            self.app.push_screen(WordChangesScreen(word, path.name), decided)

        self.app.push_screen(FileDialog(_("Word-bestand van de klant inlezen"), _("Inlezen"), {".docx"}), chosen)

    def take_over_word(self, word: WordChanges, accepted: set[int], source: str) -> None:
        changed, notes = services.take_over_word(self.session.proposal, word, accepted, source)
        if changed or notes:
            self.session.mark_changed()
            wse_app(self).save_now()
        if word.changes:
            rejected = len(word.changes) - len(accepted)
            self.notify(_(
                "{accepted} wijziging(en) aanvaard, {rejected} verworpen; {changed} onderdeel/onderdelen "
                "bijgewerkt."
            ).format(accepted=len(accepted), rejected=rejected, changed=len(changed)))
        if notes:
            self.notify(_("{count} opmerking(en) van de klant als notitie bewaard (F12).").format(count=notes))
        if word.own_comments:
            self.notify(_("{count} eigen opmerking(en) van wse-assistant herkend en niet overgenomen.").format(count=len(word.own_comments)))
        if self.current is not None and self._is_question(self.current):
            self.editor.load_text(self.session.proposal.answer_text(self.current))  # before goto keeps its text
        self.call_later(self.reload_items)

    async def reload_items(self) -> None:
        """After the proposal changed underneath: the form of sections A–C built again, the current item
        shown again and every answer reviewed again."""
        from assistant.tui.widgets.fields_form import FieldsForm  # noqa: PLC0415

        await self.query(FieldsForm).remove()
        if self.current is not None:
            self.goto(self.current)
        self.initial_review(self.session.proposal.model_copy(deep=True))

    def action_pitch(self) -> None:
        from assistant.tui.screens.pitch import PitchScreen  # noqa: PLC0415

        self.flush_editor()
        self.app.push_screen(PitchScreen(self.session))

    def action_close_proposal(self) -> None:
        self.flush_editor()
        if not wse_app(self).save_now():
            return
        wse_app(self).close_session()
        wse_app(self).show_start()

    async def action_llm_review(self) -> None:
        """The LLM reads the current answer in a worker: typing goes on, Esc cancels."""
        if await self.ensure_panels() and self._llm_ready() and self.current is not None:
            self.ask_llm(self.current, wse_app(self).settings, None)

    async def action_shorter(self) -> None:
        """The LLM proposes a version within the page budget that keeps every covered sub-part."""
        if await self.ensure_panels() and self._llm_ready() and self.current is not None:
            self.ask_llm(self.current, wse_app(self).settings, True)

    def _llm_ready(self) -> bool:
        if not self.panels_ready or not self._is_question(self.current) or self.current is None:
            return False
        panel = self.findings_panel
        if not wse_app(self).settings.llm.enabled:
            panel.llm_state(_("AI staat uit (Instellingen, F9). De offline nalezing werkt altijd."))
            return False
        if self.session.proposal.llm_privacy == "off":
            panel.llm_state(_("AI staat uit voor dit voorstel (privacy: uit; wijzig in Instellingen, F9). De offline nalezing werkt altijd."))
            return False
        self.flush_editor()
        self._llm_cancel = threading.Event()
        return True

    def ask_llm(self, question_id: str, settings: Settings, shorter: bool | None, allow_unfit: bool = False) -> None:
        """The LLM's review (shorter None) or rewrite in a worker, its progress (characters received,
        seconds) redrawn by a timer."""
        from assistant.tui.llm_progress import EVERY_S, StreamProgress  # noqa: PLC0415

        panel = self.findings_panel
        doing = _("AI leest na: {progress} (Esc annuleert)") if shorter is None else _("AI herschrijft: {progress} (Esc annuleert)")
        progress = StreamProgress(lambda text: panel.llm_state(doing.format(progress=text), busy=True), self._llm_cancel)
        progress.tick()
        self._stop_ticker()
        self._llm_ticker = self.set_interval(EVERY_S, progress.tick)
        self.run_llm(question_id, settings, shorter, allow_unfit or self._unfit_allowed(settings), progress)

    def _stop_ticker(self) -> None:
        if self._llm_ticker is not None:
            self._llm_ticker.stop()
            self._llm_ticker = None

    @work(thread=True, exclusive=True, group="llm", exit_on_error=False)
    def run_llm(self, question_id: str, settings: Settings, shorter: bool | None, allow_unfit: bool = False,
                progress: ProgressCallback | None = None) -> None:
        """shorter None: review; False: work the follow-up replies in; True: a shorter version."""
        cancel = self._llm_cancel
        proposal, call = self.session.proposal, self.call
        try:
            if shorter is None:
                result: object = services.llm_review(proposal, call, question_id, settings, cancel, progress=progress,
                                                     allow_unfit=allow_unfit)
            else:
                result = services.propose_revision(proposal, call, question_id, settings, cancel, shorter,
                                                   progress=progress, allow_unfit=allow_unfit)
        except services.UnfitModel as exc:
            if not cancel.is_set():
                self.app.call_from_thread(self.llm_unfit, question_id, shorter, str(exc))
            return
        except AssistantError as exc:
            if not cancel.is_set():
                self.app.call_from_thread(self.llm_failed, str(exc))
            return
        if not cancel.is_set():
            done = self.llm_reviewed if shorter is None else self.llm_revised
            self.app.call_from_thread(done, question_id, result)

    def llm_failed(self, message: str) -> None:
        self._stop_ticker()
        self.findings_panel.llm_state(message)

    def _unfit_allowed(self, settings: Settings) -> bool:
        return (settings.llm.base_url, settings.llm.model) in self._unfit_chosen

    def llm_unfit(self, question_id: str, shorter: bool | None, message: str) -> None:
        """A model calibrated ongeschikt was not asked: say why, and let the user ask it anyway (its
        findings then come as advice beside the rules'; the choice holds for this model while the proposal is open)."""
        from assistant.tui.screens.dialogs import ConfirmDialog  # noqa: PLC0415

        self._stop_ticker()
        self.findings_panel.llm_state(message)
        settings = wse_app(self).settings

        def chosen(anyway: bool | None) -> None:
            if anyway and self.current == question_id and self._llm_ready():
                self._unfit_chosen.add((settings.llm.base_url, settings.llm.model))
                self.ask_llm(question_id, settings, shorter, allow_unfit=True)

        self.app.push_screen(ConfirmDialog(_("Ongeschikt model"), message, _("Toch laten lezen (enkel advies)")), chosen)

    def llm_reviewed(self, question_id: str, result: tuple[list[Finding], list[str]]) -> None:
        self._stop_ticker()
        findings, followups = result
        self.llm_findings[question_id] = findings
        services.record_followups(self.session.proposal, question_id, followups)
        self.session.mark_changed()  # the cached review and the follow-up questions are kept
        self.findings_panel.llm_state(_("Druk F5 om dit antwoord door de AI te laten nalezen."))
        if self.current == question_id:
            self.show_review(question_id)

    def llm_revised(self, question_id: str, result: tuple[str, list[str], list[str]]) -> None:
        self._stop_ticker()
        text, changes, unverified = result
        self.findings_panel.llm_state(_("Druk F5 om dit antwoord door de AI te laten nalezen."))
        if self.current != question_id:
            return
        self.suggestion = (question_id, text)
        self.findings_panel.show_suggestion(self.session.proposal.answer_text(question_id), text, changes, unverified)

    def on_findings_panel_follow_up_replied(self, event: FindingsPanel.FollowUpReplied) -> None:
        if self.current is None or self.session.read_only:
            return
        answer = self.session.proposal.answers.get(self.current)
        pending = [f for f in answer.followups if not f.reply.strip()] if answer else []
        if pending:
            pending[0].reply = event.reply
            self.session.mark_changed()
            self.findings_panel.show_followups(answer.followups)  # type: ignore[union-attr]

    def on_findings_panel_revise_requested(self, event: FindingsPanel.ReviseRequested) -> None:
        if self._llm_ready() and self.current is not None:
            self.ask_llm(self.current, wse_app(self).settings, False)

    def on_findings_panel_suggestion_decided(self, event: FindingsPanel.SuggestionDecided) -> None:
        if event.accepted and self.suggestion and self.suggestion[0] == self.current:
            # Applied only on the applicant's word, as a revision of origin "suggestion".
            self.session.set_answer(self.current, self.suggestion[1], origin="suggestion", note="AI-voorstel")
            self.editor.load_text(self.suggestion[1])
            self.review_current()
        self.suggestion = None
        self.findings_panel.show_suggestion(None, None)
        self.editor.focus()

    def action_render_pages(self) -> None:
        """Section D rendered by LibreOffice and counted, in a worker (seconds); Esc cancels."""
        self.flush_editor()
        self.query_one(PageMeter).note(_("pagina's tellen…"), self._meter_question())
        self.run_render(self.session.proposal.model_copy(deep=True))

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def run_render(self, snapshot: Proposal) -> None:
        worker = get_current_worker()
        try:
            report = services.rendered_page_report(snapshot, self.call)
        except AssistantError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.rendered, None, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.rendered, report, None)

    def rendered(self, report: PageReport | None, error: str | None) -> None:
        meter = self.query_one(PageMeter)
        if report is None or report.rendered is None:
            meter.note("", self._meter_question())
            self.notify(error or "", severity="error", timeout=15)
            return
        note = _("gerenderd") + ": " + _("{used} van {limit} p.").format(
            used=dutch_number(services.used_pages(report)), limit=report.limit
        )
        if not services.exact_proof(report):  # another font than the form's: the count is no proof
            note += " " + _("niet exact")
            self.notify(_("Paginatelling {note}.").format(note=report.note or ""), severity="warning", timeout=20)
        meter.note(note, self._meter_question())
        if report.over_limit:
            self.notify(services.over_limit_message(report), severity="warning", timeout=15)

    def _meter_question(self) -> str | None:
        return self.current if self._is_question(self.current) else None

    def palette_commands(self) -> list[PaletteCommand]:
        commands: list[PaletteCommand] = [
            (_("Volgende vraag"), _("F4 of Alt+↓"), self.action_next),
            (_("Vorige vraag"), _("F3 of Alt+↑"), self.action_previous),
            (_("Overzicht van velden en vragen"), "F2", self.action_navigator),
            (_("Hele vraag tonen"), _("Ctrl+T: de volledige vraagtekst in plaats van de editor"),
             self.action_whole_question),
            (_("AI-nalezing van dit antwoord"), _("F5; Esc annuleert"), self.action_llm_review),
            (_("Korter voorstel door de AI"), _("binnen het paginabudget, met elke gedekte deelvraag"), self.action_shorter),
            (_("Versie bewaren"), _("Ctrl+S: de huidige tekst onder een naam bewaren"), self.action_save_version),
            (_("Versies tonen en vergelijken"), "F6", self.action_versions),
            (_("Antwoord overnemen uit een ander voorstel"), _("de kopie wordt onthouden tot u ze aanpast"),
             self.action_copy_answer),
            (_("Lokaal addendum toevoegen"), "F7", self.action_addendum),
            (_("Exporteren (.docx, .md, .pdf)"), "F8", self.action_export),
            (_("Word-bestand van de klant inlezen"),
             _("bijgehouden wijzigingen aanvaarden of verwerpen, opmerkingen als notitie"), self.action_word_file),
            (_("Opmerkingen van de klant"), _("F12: tonen en afhandelen"), self.action_notes),
            (_("Pagina's tellen met LibreOffice"), "Ctrl+R", self.action_render_pages),
            (_("Pitch en vragen van de jury (ronde 2)"), _("F11: getimede pitch uit het voorstel"), self.action_pitch),
            (_("Voorstel sluiten"), _("F10: terug naar de lijst met voorstellen"), self.action_close_proposal),
            (_("Lopende taak annuleren"), _("Esc: AI-nalezing of pagina's tellen stoppen"), self.action_cancel_work),
        ]
        for fld in self.call.fields:
            if fld.kind != "fixed":
                commands.append((
                    _("Ga naar {label}").format(label=fld.label),
                    _("Sectie {section}").format(section=fld.section),
                    partial(self.goto, fld.id),
                ))
        for question in self.call.questions:
            commands.append((
                _("Ga naar vraag {number}").format(number=question.number), question.text[:80], partial(self.goto, question.id)
            ))
        return commands

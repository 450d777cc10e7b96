"""The side panel: the review of the current answer (offline rules and, on request, the LLM).

The panel shows; its screen decides. Its buttons and the follow-up reply become the messages below, so the
screen never needs to know the panel's widget ids.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, LoadingIndicator, Static

from assistant.call import Call
from assistant.draft.models import PRIVACY_LABELS, ClientNote, FollowUp, Proposal
from assistant.draft.versions import diff_words
from assistant.i18n import _
from assistant.review.findings import LEVEL_LABELS, SEVERITY_ORDER, FieldCheck, Finding, QuestionReview
from assistant.tui.diff import diff_text

SEVERITY_MARK = {"blokkerend": "✗", "belangrijk": "!", "tip": "·"}


def findings_text(findings: list[Finding], severity_styles: dict[str, str]) -> Text:
    text = Text()
    for index, finding in enumerate(sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])):
        if index:
            text.append("\n")
        text.append(f"{SEVERITY_MARK[finding.severity]} ", style=f"bold {severity_styles[finding.severity]}")
        if finding.reviewer == "llm":
            text.append("AI: ", style="italic")
        text.append(finding.message)
        if finding.quote:
            text.append(f"\n  “{finding.quote[:120]}”", style="dim italic")
    return text


class FindingsPanel(VerticalScroll):
    class ReviseRequested(Message):
        """Revise the answer with the replies given to the follow-up questions."""

    class SuggestionDecided(Message):
        """The applicant took over (`accepted`) or turned down the AI's suggestion."""

        def __init__(self, accepted: bool):
            super().__init__()
            self.accepted = accepted

    class FollowUpReplied(Message):
        """A reply to the pending follow-up question."""

        def __init__(self, reply: str):
            super().__init__()
            self.reply = reply

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "revise":
            self.post_message(self.ReviseRequested())
        elif event.button.id in ("accept", "reject"):
            self.post_message(self.SuggestionDecided(accepted=event.button.id == "accept"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.FollowUpReplied(event.value.strip()))

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):  # the client's comments from Word, until marked done
            yield Static(_("Opmerkingen van de klant (F12 afhandelen)"), classes="heading")
            yield Static(id="client-notes")
        yield Static(_("Bevindingen"), classes="heading")
        yield Static(id="review-summary")
        yield Static(_("Nog geen nalezing: begin te typen."), id="findings")
        with Vertical(id="llm-section"):
            yield Static(_("AI-nalezing"), classes="heading")
            privacy = Static(id="llm-privacy")
            privacy.display = False  # said only when the proposal limits where its text may go
            yield privacy
            yield LoadingIndicator(id="llm-busy")
            yield Static(_("Druk F5 om dit antwoord door de AI te laten nalezen."), id="llm-status")
            with Vertical(id="followups-box"):
                yield Static(_("Vervolgvragen"), classes="heading")
                yield Static(id="followup-question")
                yield Input(placeholder=_("Uw antwoord (Enter bewaart)"), id="followup-reply")
                yield Button(_("Herschrijving vragen"), id="revise")
            with Vertical(id="suggestion-box"):
                yield Static(_("Voorgestelde herschrijving"), classes="heading")
                yield Static(id="suggestion-diff")
                with Horizontal(classes="row"):
                    yield Button(_("Overnemen"), id="accept", variant="success")
                    yield Button(_("Verwerpen"), id="reject")

    def severity_styles(self) -> dict[str, str]:
        theme = self.app.current_theme
        return {"blokkerend": theme.error or "red", "belangrijk": theme.warning or "yellow", "tip": theme.primary}

    def show(self, review: QuestionReview | None, has_text: bool, extra: list[Finding] | None = None) -> None:
        summary = self.query_one("#review-summary", Static)
        findings = self.query_one("#findings", Static)
        self.query_one("#llm-section").display = True
        if review is None:
            summary.update("")
            findings.update(_("Nog geen nalezing: begin te typen.") if not has_text else "")
            return
        level = Text(_(LEVEL_LABELS[review.level]), style="bold")
        level.append(f" · {review.score}/100", style="")
        summary.update(level)
        every = [*review.findings, *(extra or [])]
        findings.update(findings_text(every, self.severity_styles()) if every else _("Geen opmerkingen."))

    def show_fields(self, call: Call, checks: dict[str, FieldCheck], proposal: Proposal) -> None:
        """For sections A–C: what is still empty or wrong, field by field."""
        styles = self.severity_styles()
        text = Text()
        for fld in call.fields:
            if fld.kind == "fixed":
                continue
            check = checks.get(fld.id)
            if not proposal.fields.get(fld.id) and fld.required:
                text.append("○ ", style="dim")
                empty = _("nog niet bevestigd") if fld.kind == "confirmation" else _("leeg")
                text.append(f"{fld.label}: {empty}\n")
            elif check is not None and not check.ok:
                text.append("✗ ", style=f"bold {styles['blokkerend']}")
                text.append(f"{fld.label}: {check.message or ''}\n")
            elif check is not None and check.warning:
                text.append("! ", style=f"bold {styles['belangrijk']}")
                text.append(f"{fld.label}: {check.warning}\n")
        self.query_one("#review-summary", Static).update("")
        self.query_one("#findings", Static).update(text if text.plain else _("Geen opmerkingen."))
        self.query_one("#llm-section").display = False  # the AI reads answers, not section B

    def show_notes(self, notes: list[tuple[int, ClientNote]]) -> None:
        box = self.query_one("#notes-box")
        box.display = bool(notes)
        text = Text()
        for index, (number, note) in enumerate(notes):
            text.append(("\n" if index else "") + f"[{number}] {note.author}: ", style="bold")
            text.append(note.text)
            if note.quote:
                text.append(f"\n  «{note.quote[:120]}»", style="dim italic")
        self.query_one("#client-notes", Static).update(text)

    def llm_state(self, message: str, busy: bool = False) -> None:
        self.query_one("#llm-busy").display = busy
        self.query_one("#llm-status", Static).update(message)

    def show_followups(self, followups: list[FollowUp]) -> None:
        """One follow-up question at a time: the first without a reply."""
        box = self.query_one("#followups-box")
        pending = [f for f in followups if not f.reply.strip()]
        box.display = bool(followups)
        question = self.query_one("#followup-question", Static)
        reply = self.query_one("#followup-reply", Input)
        reply.display = bool(pending)
        if pending:
            question.update(f"{pending[0].question}  ({len(followups) - len(pending) + 1}/{len(followups)})")
            reply.value = ""
        else:
            question.update(_("Alle vervolgvragen beantwoord."))
        self.query_one("#revise").display = any(f.reply.strip() for f in followups)

    def show_privacy(self, privacy: str) -> None:
        """The proposal's LLM privacy, said only when it limits where the text may go."""
        label = self.query_one("#llm-privacy", Static)
        label.display = privacy != "allowed"
        label.update(_("Privacy van dit voorstel: {value} (F9)").format(value=_(PRIVACY_LABELS[privacy])))

    def show_suggestion(self, original: str | None, revised: str | None, changes: list[str] | None = None,
                        unverified: list[str] | None = None) -> None:
        box = self.query_one("#suggestion-box")
        box.display = revised is not None
        if original is None or revised is None:
            return
        text = diff_text(diff_words(original, revised))
        if changes:
            text.append("\n\n" + "\n".join(f"• {change}" for change in changes), style="italic")
        if unverified:  # listed right above "Overnemen"
            text.append("\n\n" + _(
                "Te controleren ({count}): niet in uw antwoord, uw antwoorden of het addendum "
                "gevonden. Na overnemen blijven ze gemarkeerd als [CONTROLEER: …] tot u ze "
                "nakijkt en weghaalt."
            ).format(count=len(unverified)), style="bold")
            text.append("\n" + "\n".join(f"? {fact}" for fact in unverified), style="bold")
        self.query_one("#suggestion-diff", Static).update(text)

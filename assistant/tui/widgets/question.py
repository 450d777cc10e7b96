"""One question of section D: its text as on the form, the jury's guidance, the sub-part checklist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Collapsible, Static, TextArea

from assistant.i18n import N_, _

if TYPE_CHECKING:
    from assistant.call.models import Question  # or a preview's QuestionText: the first frame comes before pydantic
    from assistant.review.findings import QuestionReview  # the review models load after the first paint


def question_text(question: Question) -> Text:
    text = Text()
    text.append(f"{question.number}. ", style="bold")
    text.append(question.text)
    for item in question.items:
        text.append(f"\n  {item.number}. {item.text}")
    return text


def checklist(question: Question, review: QuestionReview | None) -> Text:
    """☑ for a sub-part the review found covered, ☐ for one still missing; all ☐ before any review."""
    covered = {p.id for p in review.parts if p.covered} if review else set()
    text = Text()
    for index, part in enumerate(question.subparts):
        if index:
            text.append("  ")
        done = part.id in covered
        text.append("☑ " if done else "☐ ", style="bold green" if done else "")
        text.append(part.label, style="" if done else "dim")
    return text


class QuestionHeader(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="q-theme")
        with VerticalScroll(id="q-text-box"):
            yield Static(id="q-text")
        with Collapsible(title=_("Wat de jury zoekt"), collapsed=True, id="q-guidance-box"):
            yield Static(id="q-guidance")
        yield Static(id="q-checklist")

    def show(self, question: Question, review: QuestionReview | None) -> None:
        theme = Text(question.theme)
        theme.append("  ·  " + _("Ctrl+T: hele vraag"), style="dim")
        self.query_one("#q-theme", Static).update(theme)
        self.query_one("#q-text", Static).update(question_text(question))
        self.query_one("#q-guidance", Static).update(question.guidance)
        self.show_review(question, review)

    def show_review(self, question: Question, review: QuestionReview | None) -> None:
        self.query_one("#q-checklist", Static).update(checklist(question, review))


class AnswerEditor(TextArea):
    """The answer's editor: Ctrl+Home / Ctrl+End go to the start / end of the whole answer (with Shift: select)."""

    BINDINGS = [
        Binding("ctrl+home", "answer_start", N_("Begin van het antwoord"), show=False),
        Binding("ctrl+end", "answer_end", N_("Einde van het antwoord"), show=False),
        Binding("ctrl+shift+home", "answer_start(True)", N_("Selecteren tot het begin"), show=False),
        Binding("ctrl+shift+end", "answer_end(True)", N_("Selecteren tot het einde"), show=False),
    ]

    def action_answer_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_answer_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)

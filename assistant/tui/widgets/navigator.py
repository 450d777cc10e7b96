"""Every field and question with its state; selecting one jumps there."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from assistant.call import Call
from assistant.draft.models import Proposal
from assistant.i18n import _
from assistant.review.findings import FieldCheck, QuestionReview

WIDTH = 23  # characters of an entry that fit the navigator column


def short(label: Text) -> Text:
    """One line per entry, cut with an ellipsis, so the list stays a list."""
    if len(label) > WIDTH:
        label.truncate(WIDTH - 1)
        label.append("…")
    return label


class Navigator(OptionList):
    def __init__(self, call: Call):
        super().__init__(id="navigator")
        self.call = call

    def level_style(self, level: str) -> str:
        theme = self.app.current_theme
        return {
            "sterk": theme.success or "green",
            "voldoende": theme.primary,
            "zwak": theme.warning or "yellow",
            "ontbreekt": theme.error or "red",
        }[level]

    def build(
        self,
        proposal: Proposal,
        reviews: dict[str, QuestionReview],
        checks: dict[str, FieldCheck],
    ) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        heading = _("Gegevens ({sections})").format(sections=self.call.field_sections)
        options: list[Option] = [Option(Text(heading, style="bold"), disabled=True)]
        for fld in self.call.fields:
            if fld.kind == "fixed":
                continue
            value = proposal.fields.get(fld.id, "")
            check = checks.get(fld.id)
            if not value:
                mark, style = "○", "dim"
            elif check is not None and not check.ok:
                mark, style = "✗", self.level_style("ontbreekt")
            else:
                mark, style = "✓", self.level_style("sterk")
            label = Text(f"{mark} ", style=style)
            label.append(fld.label if fld.kind != "confirmation" else f"{fld.section}. {fld.label}")
            options.append(Option(short(label), id=fld.id))
        options.append(
            Option(Text(_("Vragen ({section})").format(section=self.call.question_section), style="bold"), disabled=True)
        )
        for question in self.call.questions:
            text = proposal.answer_text(question.id).strip()
            review = reviews.get(question.id)
            if not text:
                label = Text("○ ", style="dim")
            elif review is None:
                label = Text("◐ ", style="")
            else:
                label = Text("● ", style=self.level_style(review.level))
            label.append(f"{question.number} ")
            label.append(question.subparts[0].label, style="dim")
            options.append(Option(short(label), id=question.id))
        self.set_options(options)
        if highlighted is not None:
            self.highlight_id(highlighted)

    def highlight_id(self, item_id: str) -> None:
        try:
            self.highlighted = self.get_option_index(item_id)
        except OptionDoesNotExist:
            pass

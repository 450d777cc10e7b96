"""Always visible: the counted section's pages against the limit, and the current question's share of its budget."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from assistant.draft.text import dutch_number
from assistant.i18n import _

if TYPE_CHECKING:
    from assistant.layout.report import PageReport  # the models load after the first paint

BAR = 10


class PageMeter(Static):
    def __init__(self) -> None:
        super().__init__(id="page-meter")
        self.report: PageReport | None = None
        self.rendered_note = ""

    def show(self, report: PageReport, question_id: str | None) -> None:
        self.report = report
        theme = self.app.current_theme
        filled = min(BAR, round(report.estimated / report.limit * BAR))
        over = report.over_limit
        text = Text(_("Sectie {section}").format(section=report.section) + " ≈ ")
        text.append(
            _("{used} van {limit} p.").format(used=dutch_number(report.estimated), limit=report.limit) + " ",
            style=f"bold {theme.error}" if over else "bold",
        )
        text.append("█" * filled, style=theme.error if over else theme.success)
        text.append("░" * (BAR - filled), style="dim")
        for item in report.per_question:
            if item.id == question_id:
                style = theme.warning if item.pages > item.budget else ""
                text.append(f"  {item.number}: ")
                text.append(f"{dutch_number(item.pages)}/{dutch_number(item.budget)} p.", style=style)
        if self.rendered_note:
            text.append(f"  {self.rendered_note}", style="italic")
        self.update(text)

    def note(self, message: str, question_id: str | None) -> None:
        self.rendered_note = message
        if self.report is not None:
            self.show(self.report, question_id)

"""The page count of the counted section: what the estimate and the rendered proof report."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class PageModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuestionPages(PageModel):
    id: str
    number: str = ""  # as on the form ("1a", "3.1"): what the reports show
    pages: float
    budget: float


class PageReport(PageModel):
    section: str  # the call's counted section (page_rule.section)
    limit: int
    estimated: float
    rendered: int | None = None
    last_page_fill: float | None = None
    renderer: str | None = None
    body_font: str | None = None  # the font LibreOffice set section D's text in; the proof is exact in Carlito/Calibri
    over_limit: bool
    per_question: list[QuestionPages] = []
    note: str | None = None  # how the count was made when that is not obvious ("schatting: …")

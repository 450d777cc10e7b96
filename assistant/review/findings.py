"""The findings model shared by every reviewer, the `check` report and the TUI."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.call.models import Level

Severity = Literal["blokkerend", "belangrijk", "tip"]
Reviewer = Literal["rules", "llm"]
SEVERITY_ORDER: dict[str, int] = {"blokkerend": 0, "belangrijk": 1, "tip": 2}


class ReportModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Finding(ReportModel):
    severity: Severity
    criterion: str  # a criterion id, "deelvraag:<id>" or a rule name; traceable to the call file
    message: str  # Dutch, short, says how to fix it
    reviewer: Reviewer = "rules"
    part: str | None = None  # the sub-part id it concerns
    quote: str | None = None  # the sentence of the answer it is about
    suggestion: str | None = None


class PartCoverage(ReportModel):
    id: str
    covered: bool
    evidence: str | None = None  # the sentence that covers it


class QuestionReview(ReportModel):
    id: str
    level: Level
    score: int  # 0-100
    parts: list[PartCoverage] = []
    findings: list[Finding] = []

    @property
    def missing_parts(self) -> list[str]:
        return [p.id for p in self.parts if not p.covered]


class FieldCheck(ReportModel):
    id: str
    ok: bool
    value: str
    normalized: str | None
    message: str | None = None


class QuestionPages(ReportModel):
    id: str
    pages: float
    budget: float


class PageReport(ReportModel):
    section: Literal["D"] = "D"
    limit: int
    estimated: float
    rendered: int | None = None
    last_page_fill: float | None = None
    renderer: str | None = None
    over_limit: bool
    per_question: list[QuestionPages] = []
    note: str | None = None  # how the count was made when that is not obvious ("schatting: …")


class Report(ReportModel):
    call: str
    blocking: list[str]
    fields: list[FieldCheck]
    questions: list[QuestionReview]
    pages: PageReport

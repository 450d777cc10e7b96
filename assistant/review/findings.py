"""The findings model shared by every reviewer, the `check` report and the TUI."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, computed_field, model_validator

from assistant.call.models import Level
from assistant.draft.models import LLMPrivacy
from assistant.i18n import N_, _
from assistant.layout.report import PageReport
from assistant.layout.structure import Note

Severity = Literal["blokkerend", "belangrijk", "tip"]
Reviewer = Literal["rules", "llm"]
SEVERITY_ORDER: dict[str, int] = {"blokkerend": 0, "belangrijk": 1, "tip": 2}
# The ids (severity, level) stay as they are in the JSON and the files; these are what a reader sees.
SEVERITY_LABELS: dict[str, str] = {"blokkerend": N_("blokkerend"), "belangrijk": N_("belangrijk"), "tip": N_("tip")}
LEVEL_LABELS: dict[str, str] = {
    "sterk": N_("sterk"),
    "voldoende": N_("voldoende"),
    "zwak": N_("zwak"),
    "ontbreekt": N_("ontbreekt"),
}


def severity_label(severity: str) -> str:
    return _(SEVERITY_LABELS[severity])


def level_label(level: str) -> str:
    return _(LEVEL_LABELS[level])


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
    # "llm": a model calibrated as geschikt found it missing where the rules took it as covered
    judged_by: Reviewer = "rules"


class QuestionReview(ReportModel):
    id: str
    level: Level
    score: int  # 0-100
    parts: list[PartCoverage] = []
    findings: list[Finding] = []

    @model_validator(mode="before")
    @classmethod
    def _drop_derived(cls, data: Any) -> Any:
        # missing_parts is written out for readers of the JSON and derived again on reading.
        if isinstance(data, dict) and "missing_parts" in data:
            data = {k: v for k, v in data.items() if k != "missing_parts"}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def missing_parts(self) -> list[str]:
        return [p.id for p in self.parts if not p.covered]


class FieldCheck(ReportModel):
    id: str
    ok: bool
    value: str
    normalized: str | None
    message: str | None = None  # why it is not ok
    warning: str | None = None  # a remark that does not block (invisible characters removed, a form not known)


class LLMReviewLine(ReportModel):
    """What one question's LLM review cost; `cached` ones cost nothing."""

    question_id: str
    cached: bool
    mode: str
    prompt_tokens: int
    completion_tokens: int
    cost: float | None


class LLMSummary(ReportModel):
    """The LLM part of a report: whether it ran, with what, at what cost, and the one message if it did not."""

    # "refused": the model is calibrated ongeschikt and was not asked (unless the user chose to anyway)
    status: Literal["ok", "partial", "error", "off", "refused"]
    message: str | None = None
    provider: str | None = None
    model: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None
    currency: str = "USD"
    approximate_tokens: bool = False
    reviews: list[LLMReviewLine] = []
    # The model's `llm ijken` verdict with this prompt (None: not calibrated). Only "geschikt" lets its
    # sub-part judgement overrule the rules; otherwise its findings are advice.
    calibration: Literal["geschikt", "twijfelachtig", "ongeschikt"] | None = None


class ChallengeCoverage(ReportModel):
    """A regional challenge of the lokaal addendum and the questions whose answers take it up."""

    title: str
    text: str
    addressed_by: list[str] = []


class Report(ReportModel):
    call: str
    blocking: list[str]
    fields: list[FieldCheck]
    questions: list[QuestionReview]
    pages: PageReport
    llm: LLMSummary | None = None  # set by `check --llm`
    challenges: list[ChallengeCoverage] = []
    llm_privacy: LLMPrivacy = "allowed"  # where the proposal's text may be sent (the proposal's setting)

    def comment_notes(self) -> list[Note]:
        """Every finding as a Word comment for `export --opmerkingen`: the severity and the advice, on the
        sentence it quotes."""
        return [
            Note(review.id, _severity_note(f), f.quote)
            for review in self.questions
            for f in review.findings
        ]

    def question(self, question_id: str) -> QuestionReview:
        return next(q for q in self.questions if q.id == question_id)

    def with_findings(self, extra: Mapping[str, Iterable[Finding]]) -> Report:
        """A copy with another reviewer's findings added per question id, most severe first;
        blocking findings among them join the blocking list. Levels and scores stay the rules'."""
        questions = []
        blocking = list(self.blocking)
        for review in self.questions:
            added = list(extra.get(review.id, ()))
            blocking += [f"{review.id}: {f.message}" for f in added if f.severity == "blokkerend"]
            findings = sorted([*review.findings, *added], key=lambda f: SEVERITY_ORDER[f.severity])
            questions.append(review.model_copy(update={"findings": findings}))
        return self.model_copy(update={"questions": questions, "blocking": blocking})


def _severity_note(finding: Finding) -> str:
    note = f"{severity_label(finding.severity)}: {finding.message}"
    return note + _(" Voorstel: {suggestion}").format(suggestion=finding.suggestion) if finding.suggestion else note

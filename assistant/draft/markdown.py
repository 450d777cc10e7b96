"""Markdown interchange of a proposal, lossless for field values and answers.

Shape: `# A. …`, `# B. …` with `Label: value` lines, `# C. …` with `Bevestigd: ja`, `# D. …` with
`## 1a` headings and the answers beneath. A heading deeper than the question's (`### Aanpak` under
`## 1a`) belongs to the answer. An answer line that could be read as a heading is escaped with a
backslash on export, so any text survives the round trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.call.models import Call, choice_key
from assistant.draft.models import Proposal
from assistant.draft.text import normalize_answer, normalize_field

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SECTION = re.compile(r"^([A-D])(?:[.:)\s]|$)", re.IGNORECASE)
# The files read as Markdown (plain text is Markdown without marks): import, attachments, file dialogs.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
_QUESTION = re.compile(r"^(?:D\s*)?(\d)\s*([a-z])(?:[.:)\s]|$)", re.IGNORECASE)
_THEME = re.compile(r"^(\d)[.)]\s+\S")


def label_key(label: str) -> str:
    """Compare labels loosely: case, accents, spacing, punctuation and '&' versus 'en' do not matter."""
    return choice_key(label.replace("&", " en "))


def _escape(line: str) -> str:
    return "\\" + line if line.startswith(("#", "\\")) else line


def _unescape(line: str) -> str:
    return line[1:] if line.startswith("\\") else line


@dataclass
class MarkdownImport:
    fields: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)  # text taken over, but maybe not where it belongs: to check

    def apply(self, proposal: Proposal) -> list[str]:
        """Write into the proposal as imported revisions; returns the ids that changed."""
        changed = [fid for fid, value in self.fields.items() if proposal.set_field(fid, value)]
        changed += [
            qid for qid, text in self.answers.items() if proposal.set_answer(qid, text, origin="imported")
        ]
        return changed


def field_labels(call: Call) -> dict[str, str]:
    """Every way a field may be labelled in an imported document (its label and aliases, by `label_key`) -> its id."""
    labels: dict[str, str] = {}
    for fld in call.fields:
        for label in [fld.label, *fld.aliases]:
            labels.setdefault(label_key(label), fld.id)
    return labels


def to_markdown(proposal: Proposal, call: Call) -> str:
    out: list[str] = []
    for section in call.sections:
        out += [f"# {section.title}", ""]
        if section.id == "D":
            for question in call.questions:
                out += [f"## {question.number}. {question.text}", ""]
                text = proposal.answer_text(question.id)
                if text:
                    out += [_escape(line) for line in text.split("\n")] + [""]
            continue
        for fld in (f for f in call.fields if f.section == section.id):
            value = proposal.fields.get(fld.id, "")
            if fld.kind == "fixed":
                out.append(value or fld.value or "")
            else:
                out.append(f"{fld.label}: {value}".rstrip())
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def from_markdown(text: str, call: Call) -> MarkdownImport:
    result = MarkdownImport()
    labels = field_labels(call)
    questions = {q.number.lower(): q.id for q in call.questions}
    themes = {q.theme.split(".")[0] for q in call.questions}
    section: str | None = None
    question_id: str | None = None
    question_level = 0  # the number of '#' of the current question's heading
    buffer: list[str] = []

    def flush() -> None:
        if question_id is not None:
            answer = normalize_answer("\n".join(_unescape(line) for line in buffer))
            if answer:
                result.answers[question_id] = answer
        buffer.clear()

    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        heading = _HEADING.match(line)
        if heading:
            title = heading.group(2)
            question = _QUESTION.match(title)
            if question and (key := (question.group(1) + question.group(2)).lower()) in questions:
                flush()
                section, question_id, question_level = "D", questions[key], len(heading.group(1))
                continue
            if question_id is not None and len(heading.group(1)) > question_level:
                buffer.append(line)  # a sub-heading below the question's level is part of the answer
                continue
            sec = _SECTION.match(title)
            if sec and len(heading.group(1)) == 1:
                flush()
                section, question_id = sec.group(1).upper(), None
                continue
            theme = _THEME.match(title)
            if section == "D" and theme and theme.group(1) in themes:
                flush()
                question_id = None
                continue
            if section is None and label_key(title) in {label_key(call.title), label_key(call.subtitle)}:
                continue
            flush()
            question_id = None
            result.unmapped.append(f"regel {number}: onbekende kop '{line.strip()}'")
            continue
        if question_id is not None:
            buffer.append(line)
            continue
        if not line.strip():
            continue
        if section in ("A", "B", "C"):
            label, sep, value = line.partition(":")
            fid = labels.get(label_key(label.lstrip("-*• ")))
            if sep and fid:
                result.fields[fid] = normalize_field(value)
                continue
            if section == "A" and "A" not in result.fields:
                result.fields["A"] = normalize_field(line)
                continue
        result.unmapped.append(f"regel {number}: niet herkend '{line.strip()[:60]}'")
    flush()
    return result

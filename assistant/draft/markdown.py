"""Markdown interchange of a proposal, lossless for field values and answers.

Shape: a `# ` heading per section of the call (`# A. …`), `Label: value` lines under a section of fields
(a fixed field as its bare value, a confirmation as `Bevestigd: ja`), and under the section of questions
a `## 1a` heading per question (its number as on the form) with the answer beneath. A heading deeper
than the question's (`### Aanpak` under `## 1a`) belongs to the answer. An answer line that could be
read as a heading is escaped with a backslash on export, so any text survives the round trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.call.models import Call, choice_key
from assistant.draft.models import Proposal
from assistant.draft.text import normalize_answer, normalize_field
from assistant.i18n import _

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# The files read as Markdown (plain text is Markdown without marks): import, attachments, file dialogs.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
_THEME = re.compile(r"^(\d+)[.)]\s+\S")
# The first line of an export: which call it answers, invisible where the Markdown is shown.
_CALL_MARK = re.compile(r"^<!--\s*oproep:\s*(\S+)\s*-->\s*$")


def markdown_call_id(text: str) -> str:
    """The id of the call an exported Markdown file names on its first line, or ""."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    match = _CALL_MARK.match(first.strip())
    return match.group(1) if match else ""


def _loose(number: str) -> str:
    """A question number as a pattern that allows the spacing and dots people add ("1 a", "1.a", "3. 1")."""
    out = re.escape(number[0])
    for before, char in zip(number, number[1:], strict=False):
        if "." in (before, char):
            out += r"\s*"
        elif before.isdigit() != char.isdigit():
            out += r"\s*\.?\s*"
        out += re.escape(char)
    return out


@lru_cache(maxsize=16)
def _number_pattern(section_id: str, numbers: tuple[str, ...], end: str) -> re.Pattern[str]:
    ordered = sorted(range(len(numbers)), key=lambda i: len(numbers[i]), reverse=True)  # "1.10" before "1.1"
    alternatives = "|".join(f"(?P<q{i}>{_loose(numbers[i])})" for i in ordered)
    return re.compile(rf"^\s*(?:{re.escape(section_id)}\s*)?(?:{alternatives}){end}", re.IGNORECASE)


def question_by_number(call: Call, text: str, end: str = r"(?:[.:)\s]|$)") -> tuple[str, re.Match[str]] | None:
    """(question id, match) when the text starts with one of the call's question numbers ("1a", "D1a",
    "3.1"), followed by `end`."""
    numbers = tuple(q.number for q in call.questions)
    match = _number_pattern(call.question_section, numbers, end).match(text)
    if match is None or match.lastgroup is None:
        return None
    return call.questions[int(match.lastgroup[1:])].id, match


def section_by_prefix(call: Call, text: str) -> str | None:
    """The id of the call's section a heading starts with ("B. Kenmerken", "III Project"), or None."""
    ids = sorted((s.id for s in call.sections), key=len, reverse=True)
    match = re.match(r"^(" + "|".join(map(re.escape, ids)) + r")(?:[.:)\s]|$)", text, re.IGNORECASE)
    return next(s for s in ids if s.casefold() == match.group(1).casefold()) if match else None


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
    out: list[str] = [f"<!-- oproep: {call.id} -->", ""]
    for section in call.sections:
        out += [f"# {section.title}", ""]
        if section.id == call.question_section:
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
    themes = {q.theme.split(".")[0] for q in call.questions}
    field_sections = {f.section for f in call.fields}
    section: str | None = None
    question_id: str | None = None
    question_level = 0  # the number of '#' of the current question's heading
    buffer: list[str] = []

    question_line = 0  # where the current question's heading is

    def flush() -> None:
        if question_id is not None:
            answer = normalize_answer("\n".join(_unescape(line) for line in buffer))
            if answer and answer == result.answers.get(question_id):
                pass  # the same text twice: once is enough
            elif answer and question_id in result.answers:  # the question twice: both texts kept, to check
                result.answers[question_id] += "\n\n" + answer
                result.misplaced.append(_(
                    "regel {number}: vraag {question} staat een tweede keer in het bestand; beide teksten staan "
                    "onder elkaar in het antwoord"
                ).format(number=question_line, question=call.question(question_id).number))
            elif answer:
                result.answers[question_id] = answer
        buffer.clear()

    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        heading = _HEADING.match(line)
        if heading:
            title = heading.group(2)
            question = question_by_number(call, title)
            if question:
                flush()
                section, question_id, question_level = call.question_section, question[0], len(heading.group(1))
                question_line = number
                continue
            if question_id is not None and len(heading.group(1)) > question_level:
                buffer.append(line)  # a sub-heading below the question's level is part of the answer
                continue
            sec = section_by_prefix(call, title)
            if sec and len(heading.group(1)) == 1:
                flush()
                section, question_id = sec, None
                continue
            theme = _THEME.match(title)
            if section == call.question_section and theme and theme.group(1) in themes:
                flush()
                question_id = None
                continue
            if section is None and label_key(title) in {label_key(call.title), label_key(call.subtitle)}:
                continue
            flush()
            question_id = None
            result.unmapped.append(_(
                "regel {number}: onbekende kop '{value}'"
            ).format(number=number, value=line.strip()))
            continue
        if question_id is not None:
            buffer.append(line)
            continue
        if not line.strip() or (section is None and _CALL_MARK.match(line.strip())):
            continue
        if section in field_sections:
            label, sep, value = line.partition(":")
            fid = labels.get(label_key(label.lstrip("-*• ")))
            if sep and fid:
                earlier, later = result.fields.get(fid), normalize_field(value)
                if earlier is not None and earlier != later:  # the later line holds; the earlier value is named
                    result.misplaced.append(_(
                        "regel {number}: '{label}' staat een tweede keer in het bestand; de waarde '{later}' is "
                        "overgenomen, niet '{earlier}'"
                    ).format(number=number, label=label.strip(), later=later[:60], earlier=earlier[:60]))
                result.fields[fid] = later
                continue
            # A fixed field is written as its bare value (the werkingsgebied): the first such line is it.
            bare = next((f.id for f in call.section_fields(section) if f.kind == "fixed" and f.id not in result.fields), None)
            if bare is not None:
                result.fields[bare] = normalize_field(line)
                continue
        result.unmapped.append(_("regel {number}: niet herkend '{value}'").format(number=number, value=line.strip()[:60]))
    flush()
    return result

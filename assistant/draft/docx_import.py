"""Read a Word file back into field and question ids.

Two kinds of files come back: a document this tool exported and someone edited in Word or LibreOffice,
and a copy of the form filled in by hand (question texts as headings or bold paragraphs, answers below,
section B as a table or as "Label: value" lines). Question texts are matched loosely, so small edits
do not matter; whatever cannot be placed is listed in `unmapped`, never dropped. Another question's text
found inside an answer (its heading lost its bold or numbering) starts that question there, and the move
is listed in `misplaced` so the user checks it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import IO

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from lxml import etree

from assistant.call.models import Call, Question
from assistant.draft.limits import check_docx_package
from assistant.draft.markdown import MarkdownImport, field_labels, label_key, question_by_number
from assistant.draft.models import Proposal
from assistant.draft.richtext import (
    MAX_COLUMNS,
    MAX_LEVEL,
    Block,
    BlockKind,
    Run,
    blocks_to_text,
    canonical_answer,
    merge_runs,
)
from assistant.draft.text import normalize_answer, normalize_field
from assistant.errors import ImportFormatError
from assistant.i18n import _

QUESTION_MATCH = 0.8  # similarity of a paragraph to a question text to count as that question
BOILERPLATE_MATCH = 0.85
TRIGRAM_MATCH = 0.35  # Dice of character trigrams below which two texts are not compared further
SUBHEADING_LEVEL = 3  # below questions written as bold text, headings up to this level end an answer
MIN_MATCH_CHARS = 12  # letters and digits a paragraph needs before it is compared with the form's texts
_NUMBER_END = r"\s*[.):]\s*"  # "1a." or "3.1)": a question number as the form prints it, then its text
_ROMAN_PREFIX = re.compile(r"^\s*(i{1,3}|iv|v)\s*[.)]\s+", re.IGNORECASE)
_SECTION_PREFIX = re.compile(r"^\s*([A-Z]+)\s*[.:)]\s+\S")
_FOOTNOTE_REF = re.compile(r"\[\^\d+\]")
# Tracked changes: text inside these shows only when the change is accepted (insertions, text moved
# here) or only when it is rejected (deletions, text moved away).
INSERT_TAGS = frozenset({qn("w:ins"), qn("w:moveTo")})
DELETE_TAGS = frozenset({qn("w:del"), qn("w:moveFrom")})
# A change inside these marks a table row or a cell, or sits in a formatting change, not in the text.
_NOT_TEXT_PARENTS = frozenset({qn("w:pPr"), qn("w:trPr"), qn("w:tcPr")})
_COMMENT_ANCHORS = (qn("w:commentRangeStart"), qn("w:commentReference"))
FIELDS_ITEM = ""  # the item of a change or comment outside section D's answers (sections A–C, titles)
Decision = Callable[[int], bool]  # tracked change number -> accepted


def accept_all(_number: int) -> bool:
    return True
_BULLETS = "-*•·◦▪ \t"
# A ticked box before a line (☒, ☑, [x], (x), or a typed "X "), and an empty one.
_TICKED = re.compile(r"^\s*(?:[☒☑✔✓⊠]|\[\s*[xX✓✔]\s*\]|\(\s*[xX]\s*\)|[xX](?=\s))\s*(\S.*)$", re.DOTALL)
_UNTICKED = re.compile(r"^\s*(?:[☐□]|\[\s*\]|\(\s*\))\s*(\S.*)$", re.DOTALL)
# Boxes inserted as a Wingdings symbol (Insert > Symbol): ☑ F0FE, ☒ F0FD and F078, ☐ F0A8 and F06F.
_SYMBOL_BOXES = {"F0FE": "☑", "F0FD": "☒", "F078": "☒", "F0A8": "☐", "F06F": "☐"}
_ENGAGEMENT = re.compile(r"bevestig|engag", re.IGNORECASE)
CONFIRMED = "ja"  # what the app's checkbox and the Markdown export write for a confirmed engagement
MIN_SENTENCE_KEY = 25  # letters and digits of a question's sentence before it is looked for inside answers
_SENTENCE_END = re.compile(r"(?<=[?:!.])\s+")


@dataclass
class DocxImport(MarkdownImport):
    # Where each tracked change (by number, see `tracked_changes`) and each comment (by its id) sits:
    # a question id, or FIELDS_ITEM.
    change_items: dict[int, str] = field(default_factory=dict)
    comment_items: dict[str, str] = field(default_factory=dict)

    def apply(self, proposal: Proposal) -> list[str]:
        """Like the Markdown import, but an answer that only differs by the trip through Word is unchanged."""
        changed = [fid for fid, value in self.fields.items() if proposal.set_field(fid, value)]
        for qid, text in self.answers.items():
            if canonical_answer(proposal.answer_text(qid)) == canonical_answer(text):
                continue
            if proposal.set_answer(qid, text, origin="imported", note="Word"):
                changed.append(qid)
        return changed


@dataclass
class _Paragraph:
    runs: list[Run]
    style: str
    list_kind: BlockKind | None
    level: int | None  # heading level: 0 for a title, 1 for "Heading 1", …; None for body text
    list_level: int = 0  # a list item's nesting (Word's ilvl)

    @property
    def heading(self) -> bool:
        return self.level is not None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def all_bold(self) -> bool:
        visible = [run for run in self.runs if run.text.strip()]
        return bool(visible) and all(run.bold for run in visible)


def _similar(a: str, b: str) -> float:
    """SequenceMatcher's ratio when it can reach the thresholds used here (0.8 and up), else 0.

    The ratio takes time in the product of the lengths; the two cheap bounds before it keep an import
    linear in the document: the lengths, and the share of character trigrams the texts have in common
    (a text within 0.8 of another keeps most of its trigrams; an answer paragraph about the same subject
    shares far fewer with a question)."""
    if 2 * min(len(a), len(b)) < (QUESTION_MATCH - 0.1) * (len(a) + len(b)):
        return 0.0
    grams_a, grams_b = _trigrams(a), _trigrams(b)
    if grams_a and grams_b and 2 * len(grams_a & grams_b) < TRIGRAM_MATCH * (len(grams_a) + len(grams_b)):
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= QUESTION_MATCH - 0.1 else 0.0


@lru_cache(maxsize=256)  # the form's texts are compared again and again
def _trigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))


def _plain(markdown: str) -> str:
    return _FOOTNOTE_REF.sub("", markdown).replace("*", "")


class _Reader:
    def __init__(self, document: WordDocument, call: Call, accepted: Decision = accept_all):
        self.doc, self.call, self.accepted = document, call, accepted
        self.result = DocxImport()
        self.change_numbers = {element: n for n, element in enumerate(tracked_changes(document), start=1)}
        self._seen_changes: set[int] = set()
        self._carried: list[Run] = []  # runs of a paragraph whose mark is gone, for the next paragraph
        self.numbering = self._numbering_formats()
        self.style_numbering = self._style_numbering()
        self.style_names = {s.style_id: s.name or s.style_id for s in document.styles}
        self.field_labels = field_labels(call)
        self.groups = {label_key(f.group) for f in call.fields if f.group}
        self.themes = {label_key(q.theme) for q in call.questions} | {
            label_key(q.theme.split(".", 1)[-1]) for q in call.questions
        }
        self.question_keys = {q.id: label_key(q.text) for q in call.questions}
        # The last part of each question number ("a" of "1a", "2" of "3.2"): a question written as "a) …".
        tails = sorted({re.sub(r"^\d+\.?", "", q.number) or q.number for q in call.questions}, key=len, reverse=True)
        self.tail_prefix = re.compile(r"^\s*(?:" + "|".join(map(re.escape, tails)) + r")\s*[.)]\s+", re.IGNORECASE)
        self.tail_only = re.compile(r"^(?:\d+\s*)?(?:" + "|".join(map(re.escape, tails)) + r")?\s*[.):]?\s*$", re.IGNORECASE)
        self.section_ids = {s.id for s in call.sections}
        self.sentences = [(q, key) for q in call.questions for key in _sentence_keys(q.text)]
        self.confirmation = next((f.id for f in call.fields if f.kind == "confirmation"), None)
        self.confirmation_section = next((f.section for f in call.fields if f.kind == "confirmation"), None)
        self.pending_field: str | None = None  # a "Label:" line whose value follows on the next line
        self.warned: set[tuple[str, str]] = set()  # (answer, question whose text it holds) already reported
        self.boilerplate = [label_key(t) for t in self._boilerplate_texts()]
        self.section: str | None = None
        self.question: Question | None = None
        self.question_level: int | None = None
        self.blocks: dict[str, list[Block]] = {}

    # ------------------------------------------------------------ the document's own definitions
    def _numbering_formats(self) -> dict[str, str]:
        """numId -> format of level 0 ("bullet", "decimal", "lowerRoman", …)."""
        try:
            numbering = self.doc.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return {}
        abstract = {}
        for element in numbering.findall(qn("w:abstractNum")):
            fmt = element.find(f"{qn('w:lvl')}/{qn('w:numFmt')}")
            abstract[element.get(qn("w:abstractNumId"))] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        formats = {}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                formats[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), "decimal")
        return formats

    def _style_numbering(self) -> dict[str, str]:
        """Paragraph style id -> numId, for list styles such as 'List Bullet'."""
        result = {}
        for style in self.doc.styles.element.findall(qn("w:style")):
            num = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            if num is not None:
                result[style.get(qn("w:styleId"))] = num.get(qn("w:val"))
        return result

    def _boilerplate_texts(self) -> list[str]:
        call = self.call
        texts = [call.title, call.subtitle, f"{call.title} – {call.subtitle}"]
        for section in call.sections:
            texts.append(section.title)
            texts += [_plain(p) for p in section.intro.split("\n\n") if p.strip()]
            texts += [f"{note.number} {note.text}" for note in section.footnotes]
            texts += [note.text for note in section.footnotes]
        return texts

    # ------------------------------------------------------------ reading paragraphs
    def _paragraph(self, element: etree._Element) -> _Paragraph:
        runs = []
        for run in element.iter(qn("w:r")):
            if not self._visible(run):
                continue
            props = run.find(qn("w:rPr"))
            if props is not None and props.find(qn("w:vertAlign")) is not None:
                continue  # footnote markers
            runs.append(Run(_run_text(run), _toggle(props, "w:b"), _toggle(props, "w:i")))
        ppr = element.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style_el.get(qn("w:val")) if style_el is not None else ""
        num = ppr.find(f"{qn('w:numPr')}/{qn('w:numId')}") if ppr is not None else None
        num_id = num.get(qn("w:val")) if num is not None else self.style_numbering.get(style_id)
        list_kind: BlockKind | None = None
        if num_id and num_id != "0":
            list_kind = "bullet" if self.numbering.get(num_id, "bullet") == "bullet" else "number"
        style_name = self._style_name(style_id)
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        level = _heading_level(style_name, outline.get(qn("w:val")) if outline is not None else None)
        ilvl = ppr.find(f"{qn('w:numPr')}/{qn('w:ilvl')}") if ppr is not None else None
        ilvl_value = ilvl.get(qn("w:val"), "") if ilvl is not None else ""
        list_level = min(int(ilvl_value), MAX_LEVEL) if ilvl_value.isdigit() else 0
        return _Paragraph(merge_runs(runs), style_name, list_kind, level, list_level)

    def _visible(self, run: etree._Element) -> bool:
        """Whether a run's text is in the version the decisions describe; notes the changes passed."""
        shown = True
        for ancestor in run.iterancestors():
            number = self.change_numbers.get(ancestor)
            if number is not None:
                self._seen_changes.add(number)
                shown = shown and (ancestor.tag in INSERT_TAGS) == self.accepted(number)
            elif ancestor.tag == qn("w:p"):
                break
        return shown

    def _attribute(self, element: etree._Element) -> None:
        """The changes and comments met so far belong to the question being read (or to sections A–C)."""
        item = self.question.id if self.question is not None else FIELDS_ITEM
        for number in self._seen_changes:
            self.result.change_items.setdefault(number, item)
        self._seen_changes.clear()
        for anchor in element.iter(*_COMMENT_ANCHORS):
            self.result.comment_items.setdefault(anchor.get(qn("w:id"), ""), item)

    def _style_name(self, style_id: str) -> str:
        return self.style_names.get(style_id, style_id) if style_id else ""

    # ------------------------------------------------------------ classification
    def _match_question(self, para: _Paragraph) -> Question | None:
        text = para.text.strip()
        prefix = question_by_number(self.call, text, _NUMBER_END)
        if prefix:  # noqa: SIM102 - the inner test has its own reason
            # "1a" alone, or a heading or bold line that starts with it; a plain paragraph starting with
            # "1a." must also match the question's text (below), since an answer may number its points so.
            if para.heading or para.all_bold or prefix[1].end() == len(text.rstrip()):
                return self.call.question(prefix[0])
        if not (para.heading or para.all_bold or para.list_kind or len(text) > 40):
            return None
        numbered = question_by_number(self.call, text, _NUMBER_END)
        core = label_key(self.tail_prefix.sub("", text[numbered[1].end() :] if numbered else text))
        if len(core) < 15:
            return None
        best, score = None, 0.0
        for question in self.call.questions:
            full = self.question_keys[question.id]
            value = _similar(core, full)
            # The form sometimes splits a question over two paragraphs: a long enough start counts too.
            if value < QUESTION_MATCH and len(core) >= 30 and full.startswith(core[: max(30, len(core) - 5)]):
                value = QUESTION_MATCH
            if value > score:
                best, score = question, value
        return best if score >= QUESTION_MATCH else None

    def _is_question_text(self, para: _Paragraph) -> bool:
        """The rest of the current question, or one of its items (2d i–iv), repeated under its heading."""
        question = self.question
        if question is None or self.blocks.get(question.id):
            return False
        core = label_key(_ROMAN_PREFIX.sub("", para.text))
        if len(core) < MIN_MATCH_CHARS:
            return False  # too short to tell apart from an answer
        if core in self.question_keys[question.id]:
            return True
        return any(_similar(core, label_key(item.text)) >= QUESTION_MATCH for item in question.items)

    def _is_boilerplate(self, text: str) -> bool:
        key = label_key(text)
        return any(
            key == known or (len(key) > 20 and _similar(key, known) >= BOILERPLATE_MATCH) for known in self.boilerplate
        )

    def _field(self, text: str) -> bool:
        label, sep, value = text.partition(":")
        fid = self.field_labels.get(label_key(label.lstrip(_BULLETS)))
        if not sep or fid is None:
            return False
        self.result.fields[fid] = normalize_field(value)
        self.pending_field = fid if not value.strip() else None
        return True

    def _tick(self, text: str, place: str) -> bool:
        """A ticked box before the engagement is its confirmation; an empty box is reported, not taken."""
        if self.confirmation is None or self.question is not None:
            return False
        if self.section != self.confirmation_section and not _ENGAGEMENT.search(text):
            return False  # a box elsewhere counts only when it says what it confirms
        if _TICKED.match(text):
            self.result.fields[self.confirmation] = CONFIRMED
            return True
        if _UNTICKED.match(text):
            self.result.unmapped.append(_(
                "{place}: niet aangekruist, dus niet bevestigd '{value}'"
            ).format(place=place, value=text.strip()[:60]))
            return True
        return False

    def _labelled_lines(self, lines: list[str], place: str) -> list[str]:
        """Lines of one table row: "Label: value" lines, or labels in one cell and their values in the next
        (the form's contact block: the labels left, the applicant's values right, one a line). Returns what
        could not be placed."""
        labels: list[str] = []
        values: list[str] = []
        for line in lines:
            label, _, value = line.partition(":")
            key = label_key(label.lstrip(_BULLETS))
            fid = self.field_labels.get(key)
            if fid is not None and value.strip():
                self.result.fields[fid] = normalize_field(value)
            elif fid is not None:
                labels.append(fid)
            elif key not in self.groups and not self._tick(line, place):
                values.append(line)
        if labels and len(labels) == len(values):  # as many values as empty labels: the one beside the other
            self.result.fields.update((fid, normalize_field(value)) for fid, value in zip(labels, values, strict=True))
            return []
        for fid in labels:
            self.result.fields.setdefault(fid, "")
        return values

    def _other_question(self, para: _Paragraph) -> tuple[Question, int, int] | None:
        """The text of a question other than the current one inside this paragraph, and where it stands.

        A question whose heading lost its bold or numbering reads as one more paragraph of the answer
        before it; its sentences, found in the paragraph (or the paragraph close to one), give it away."""
        key, positions = _key_positions(para.text)
        if len(key) < MIN_SENTENCE_KEY:
            return None
        found: dict[str, tuple[Question, int, int]] = {}
        for question, sentence in self.sentences:
            if question is self.question:
                continue
            at = key.find(sentence)
            if at >= 0:
                start, end = positions[at], positions[at + len(sentence) - 1] + 1
            elif _similar(key, sentence) >= QUESTION_MATCH:
                start, end = 0, len(para.text)
            else:
                continue
            known = found.get(question.id)
            found[question.id] = (question, min(start, known[1]), max(end, known[2])) if known else (question, start, end)
        return min(found.values(), key=lambda hit: hit[1]) if found else None

    def _number_only(self, text: str) -> bool:
        """Nothing but (part of) a question number before the question's text: "d.", "2d)", "D2d", "3.1"."""
        bare = text.strip().lstrip("•·-* \t")
        return not bare or bool(question_by_number(self.call, bare, r"\s*[.):]?\s*$") or self.tail_only.match(bare))

    def _split_off_question(self, para: _Paragraph, place: str) -> bool:
        """Start the question whose text stands in this paragraph; the text before it stays where it was."""
        hit = self._other_question(para)
        if hit is None:
            return False
        question, start, end = hit
        before, rest = _split_runs(para.runs, start)
        after = _split_runs(rest, end - start)[1]
        current = self.question
        if self.blocks.get(question.id):  # that question has its answer already: only say so
            if current is not None:
                self.result.misplaced.append(
                    _(
                        "{place}: het antwoord op {number} bevat de vraagtekst van {number2}; de tekst blijft onder "
                        "{number}: kijk na of hij daar hoort"
                    ).format(place=place, number=current.number, number2=question.number)
                )
                self.warned.add((current.id, question.id))
            return False
        if not self._number_only("".join(run.text for run in before)):
            self._add(para, before, place)
        if current is not None:
            self.result.misplaced.append(
                _(
                    "{place}: de vraagtekst van {number} stond in het antwoord op {number2}; de tekst vanaf daar "
                    "staat nu onder {number}: kijk beide antwoorden na"
                ).format(place=place, number=question.number, number2=current.number)
            )
        self.section, self.question = self.call.question_section, question
        self.blocks.setdefault(question.id, [])
        if "".join(run.text for run in after).strip():
            self._add(para, after, place)
        return True

    def _add(self, para: _Paragraph, runs: list[Run], place: str) -> None:
        if self.question is None:
            text = "".join(run.text for run in runs).strip()
            self.result.unmapped.append(_("{place}: niet herkend '{text}'").format(place=place, text=text[:60]))
            return
        kind: BlockKind = para.list_kind or "paragraph"
        level = para.list_level if para.list_kind else 0
        self.blocks[self.question.id].append(Block(kind, tuple(merge_runs(_strip_runs(runs))), level))

    def paragraph(self, element: etree._Element, number: int, place: str = "") -> None:
        place = place or _("alinea {number}").format(number=number)
        para = self._paragraph(element)
        if self._carried:  # the paragraph before ends in a paragraph mark that is not there in this version
            para.runs = merge_runs([*self._carried, *para.runs])
            self._carried = []
        if self._joins_next(element):
            self._carried = para.runs
        else:
            self._classify(para, place)
        self._attribute(element)  # after: a comment on a question's heading belongs to that question

    def _joins_next(self, element: etree._Element) -> bool:
        """Whether this paragraph's mark is gone in this version (a tracked deletion of it accepted, or
        an insertion rejected), so its text runs on into the next paragraph."""
        for change in element.iterfind(f"{qn('w:pPr')}/{qn('w:rPr')}/*"):
            number = self.change_numbers.get(change)
            if number is not None:
                self._seen_changes.add(number)
                return (change.tag in INSERT_TAGS) != self.accepted(number)
        return False

    def _classify(self, para: _Paragraph, place: str) -> None:
        text = para.text.strip()
        if not text:
            return
        section = _SECTION_PREFIX.match(text)
        if section and len(section.group(1)) > 1 and section.group(1) not in self.section_ids:
            section = None  # "OCMW: …": a word in capitals, not a section the form could have
        if section and (para.heading or para.all_bold) and len(text) < 80:
            self.question, self.pending_field = None, None
            self.section = section.group(1) if section.group(1) in self.section_ids else None
            if self.section is None:  # a section the form does not have: reported with what follows
                self.result.unmapped.append(_(
                    "{place}: onbekende sectie '{text}'"
                ).format(place=place, text=text[:60]))
            return
        question = self._match_question(para)
        if question is not None:
            self.pending_field = None
            self.section, self.question, self.question_level = self.call.question_section, question, para.level
            self.blocks.setdefault(question.id, [])
            return
        if (para.heading or para.all_bold) and label_key(text) in self.themes:
            self.question = None
            return
        if self.question is not None and para.level is not None and para.level <= (self.question_level or SUBHEADING_LEVEL):
            # A heading as high as the question's own that is no question of the form: what follows
            # belongs to no known answer, so it is reported rather than added to the previous one.
            self.question = None
            self.result.unmapped.append(_("{place}: onbekende vraag '{text}'").format(place=place, text=text[:60]))
            return
        if self._is_question_text(para) or self._split_off_question(para, place):
            return
        if self.question is not None:
            kind: BlockKind = para.list_kind or "paragraph"
            level = para.list_level if para.list_kind else 0
            self.blocks[self.question.id].append(Block(kind, tuple(para.runs), level))
            return
        if self._field(text) or self._tick(text, place) or label_key(text.rstrip(":")) in self.groups:
            return
        if self._is_boilerplate(text):
            return
        if self.pending_field is not None:  # "Naam & voornaam:" on one line, the name on the next
            self.result.fields[self.pending_field], self.pending_field = normalize_field(text), None
            return
        self.result.unmapped.append(_("{place}: niet herkend '{text}'").format(place=place, text=text[:60]))

    def table(self, element: etree._Element, number: int) -> None:
        self._table(element, number)
        self._attribute(element)

    def _table(self, element: etree._Element, number: int) -> None:
        if self._holds_questions(element):  # the form laid out as a table: its cells are read as paragraphs
            for row_number, row in enumerate(Table(element, self.doc).rows, start=1):
                for cell in _unique_cells(row):
                    for paragraph in cell.paragraphs:
                        self.paragraph(paragraph._p, number, _(
                            "tabel {number}, rij {row_number}"
                        ).format(number=number, row_number=row_number))
            return
        if self.question is not None:  # a table inside an answer: it stays a table (Markdown)
            rows = [
                tuple(
                    tuple(merge_runs([run for p in cell.paragraphs for run in self._paragraph(p._p).runs]))
                    for cell in row.cells
                )
                for row in Table(element, self.doc).rows
            ]
            if rows and rows[0]:
                width = min(len(rows[0]), MAX_COLUMNS)
                even = tuple(row[:width] + ((),) * (width - len(row)) for row in rows)
                self.blocks[self.question.id].append(Block("table", (), rows=even))
            return
        for row_number, row in enumerate(Table(element, self.doc).rows, start=1):
            cells: list[str] = []
            for cell in row.cells:  # a merged cell appears once per grid column it spans
                text = "\n".join(self._paragraph(p._p).text for p in cell.paragraphs).strip()
                if not cells or text != cells[-1]:
                    cells.append(text)
            fid = self.field_labels.get(label_key(cells[0].lstrip(_BULLETS).rstrip(":")))
            if fid and len(cells) == 2:
                self.result.fields[fid] = normalize_field(cells[1])
                continue
            # A form cell may hold a group title and several "Label: value" lines (the contact person).
            lines = [line.strip() for cell in cells for line in cell.split("\n") if line.strip()]
            place = _("tabel {number}, rij {row_number}").format(number=number, row_number=row_number)
            if unknown := self._labelled_lines(lines, place):
                self.result.unmapped.append(_(
                    "{place}: niet herkend '{unknown}'"
                ).format(place=place, unknown=' | '.join(unknown)[:60]))

    def _holds_questions(self, element: etree._Element) -> bool:
        for row in Table(element, self.doc).rows:
            for cell in _unique_cells(row):
                for paragraph in cell.paragraphs:
                    para = self._paragraph(paragraph._p)
                    if para.text.strip() and (self._match_question(para) or self._other_question(para)):
                        return True
        return False

    def _check_answers(self) -> None:
        """The last guard: an answer that still holds another question's text is reported, never silent."""
        numbers = {q.id: q.number for q in self.call.questions}
        for qid, answer in self.result.answers.items():
            key = label_key(answer)
            for question, sentence in self.sentences:
                if question.id != qid and (qid, question.id) not in self.warned and sentence in key:
                    self.warned.add((qid, question.id))
                    self.result.misplaced.append(
                        _(
                            "het antwoord op {numbers} bevat de vraagtekst van {number}: kijk na of de tekst onder de juiste "
                            "vraag staat"
                        ).format(numbers=numbers[qid], number=question.number)
                    )

    def read(self) -> DocxImport:
        for number, element in enumerate(body_elements(self.doc.element.body), start=1):
            if element.tag == qn("w:p"):
                self.paragraph(element, number)
            elif element.tag == qn("w:tbl"):
                self.table(element, number)
        for qid, blocks in self.blocks.items():
            answer = normalize_answer(blocks_to_text(blocks))
            if answer:
                self.result.answers[qid] = answer
        self._check_answers()
        return self.result


def body_elements(body: etree._Element):
    """Paragraphs and tables in reading order, looking inside content controls."""
    for child in body:
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from body_elements(content)
        elif child.tag in (qn("w:p"), qn("w:tbl")):
            yield child


def _unique_cells(row) -> list:  # noqa: ANN001 - python-docx's row and cell types
    """A row's cells, a merged cell once (python-docx gives it once per grid column it spans)."""
    seen: set[int] = set()
    cells = []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _sentence_keys(text: str) -> list[str]:
    """A question's sentences as compared (label_key), the ones long enough not to turn up in an answer by chance."""
    return [key for part in _SENTENCE_END.split(text) if len(key := label_key(part)) >= MIN_SENTENCE_KEY]


def _key_positions(text: str) -> tuple[str, list[int]]:
    """label_key(text), and for each of its characters the index in `text` it comes from."""
    key: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        for kept in label_key(char) if char != "&" else "en":
            key.append(kept)
            positions.append(index)
    return "".join(key), positions


def _split_runs(runs: list[Run], at: int) -> tuple[list[Run], list[Run]]:
    """The runs before and from character `at` of their joined text."""
    before: list[Run] = []
    after: list[Run] = []
    offset = 0
    for run in runs:
        end = offset + len(run.text)
        if end <= at:
            before.append(run)
        elif offset >= at:
            after.append(run)
        else:
            before.append(Run(run.text[: at - offset], run.bold, run.italic))
            after.append(Run(run.text[at - offset :], run.bold, run.italic))
        offset = end
    return before, after


def _strip_runs(runs: list[Run]) -> list[Run]:
    """Without the spaces, line breaks and punctuation left at either end where a paragraph was split."""
    text = "".join(run.text for run in runs)
    start = len(text) - len(text.lstrip(" \t\n:;,"))
    end = len(text.rstrip(" \t\n"))
    return _split_runs(_split_runs(runs, end)[0], start)[1]


def tracked_changes(document: WordDocument) -> Iterator[etree._Element]:
    """The body's tracked insertions and deletions of text and of paragraph marks (a paragraph split or
    joined), in reading order; their numbers count from 1."""
    for element in document.element.body.iter(*INSERT_TAGS, *DELETE_TAGS):
        parent = element.getparent()
        if parent is None or parent.tag in _NOT_TEXT_PARENTS:
            continue
        if parent.tag == qn("w:rPr") and not is_paragraph_mark(element):
            continue  # the run properties inside a formatting change
        yield element


def is_paragraph_mark(change: etree._Element) -> bool:
    """A tracked change of a paragraph's end (w:pPr/w:rPr/w:ins or w:del), not of text."""
    parent = change.getparent()
    grandparent = parent.getparent() if parent is not None else None
    return parent is not None and parent.tag == qn("w:rPr") and grandparent is not None and grandparent.tag == qn("w:pPr")


def _heading_level(style_name: str, outline: str | None) -> int | None:
    name = style_name.lower()
    if name.startswith(("title", "titel", "subtitle", "ondertitel")):
        return 0
    match = re.match(r"(?:heading|kop)\s*(\d)", name)
    if match:
        return int(match.group(1))
    return int(outline) + 1 if outline is not None and outline.isdigit() and int(outline) < 9 else None


def _toggle(props: etree._Element | None, tag: str) -> bool:
    if props is None:
        return False
    element = props.find(qn(tag))
    return element is not None and element.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _run_text(run: etree._Element) -> str:
    out = []
    for child in run:
        if child.tag in (qn("w:t"), qn("w:delText")):  # deleted text counts when its deletion is rejected
            out.append(child.text or "")
        elif child.tag == qn("w:tab"):
            out.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif child.tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif child.tag == qn("w:sym"):
            out.append(_SYMBOL_BOXES.get(child.get(qn("w:char"), "").upper(), ""))
        elif child.tag == qn("w:fldChar"):
            out.append(_form_checkbox(child))
    return "".join(out)


def _form_checkbox(field_char: etree._Element) -> str:
    """Word's legacy check box (a FORMCHECKBOX field) as the box it shows: ☒ ticked, ☐ empty."""
    box = field_char.find(f"{qn('w:ffData')}/{qn('w:checkBox')}")
    if box is None:
        return ""
    state = box.find(qn("w:checked"))
    if state is None:
        state = box.find(qn("w:default"))
    ticked = state is not None and state.get(qn("w:val"), "1").lower() not in ("0", "false", "off")
    return "☒" if ticked else "☐"


def from_docx(source: str | Path | IO[bytes], call: Call) -> DocxImport:
    """Read a Word file as it reads with every tracked change accepted (see word_changes for choosing)."""
    return read_document(open_docx(source), call)


def read_document(document: WordDocument, call: Call, accepted: Decision = accept_all) -> DocxImport:
    """Fields and answers of an opened Word file, each tracked change accepted or rejected by `accepted`."""
    return _Reader(document, call, accepted).read()


def open_docx(source: str | Path | IO[bytes]) -> WordDocument:
    """Open a Word file; a file is checked against the limits (a zip bomb) before anything is unpacked."""
    if isinstance(source, (str, Path)):
        check_docx_package(Path(source), ImportFormatError)
    try:
        document = docx.Document(str(source) if isinstance(source, Path) else source)  # its types take str, not Path
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError):
        name = source if isinstance(source, (str, Path)) else _("het bestand")
        raise ImportFormatError(_("{name} is geen leesbaar Word-document (.docx).").format(name=name)) from None
    return document


def docx_call_id(path: Path) -> str:
    """The id of the call an exported document was made for (its core property "identifier"), or ""."""
    check_docx_package(path, ImportFormatError)
    try:
        with zipfile.ZipFile(path) as package:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            core = etree.fromstring(package.read("docProps/core.xml"), parser)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return ""
    found = core.find("{http://purl.org/dc/elements/1.1/}identifier")
    return (found.text or "").strip() if found is not None else ""

"""The document's typography in one place: the Word export writes it and the page estimate reads it.

Everything is derived from the call's page rule (paper, margins, font size, spacing), so a call file
with another page rule changes both sides together.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.call.models import PageRule

PT_PER_CM = 72 / 2.54
PAPER_PT = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
DEFAULT_TAB_PT = 36.0  # Word's default tab stops, every 1.27 cm
LIST_INDENT_PT = 18.0  # text indent of a list item; the bullet or number hangs in it
CELL_MARGIN_PT = 5.4  # left and right inside a table cell (Word's default, 108 twips)
TABLE_BORDER_PT = 0.5  # the single lines around and between table cells
FOOTER_DISTANCE_PT = 1.25 * PT_PER_CM  # the footer sits inside the bottom margin, 1.25 cm from the edge


@dataclass(frozen=True)
class ParagraphStyle:
    style_id: str  # the Word style it is written with
    size_pt: float
    bold: bool = False
    italic: bool = False
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    keep_with_next: bool = False
    indent_pt: float = 0.0


@dataclass(frozen=True)
class Typography:
    font: str
    page_width_pt: float
    page_height_pt: float
    margin_pt: float
    line_spacing: float
    body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    section: ParagraphStyle  # A. … D.
    theme: ParagraphStyle  # 1. Unieke expertise
    question: ParagraphStyle  # 1a. question text
    question_item: ParagraphStyle  # i. … iv. under 2d
    list_item: ParagraphStyle
    footnote: ParagraphStyle  # the notes under C
    table_cell: ParagraphStyle  # a paragraph in a table cell of an answer
    footer_size_pt: float

    @property
    def text_width_pt(self) -> float:
        return self.page_width_pt - 2 * self.margin_pt

    @property
    def text_height_pt(self) -> float:
        return self.page_height_pt - 2 * self.margin_pt


def typography(rule: PageRule) -> Typography:
    size, after = rule.font_size_pt, rule.space_after_pt
    width, height = PAPER_PT[rule.paper]
    return Typography(
        font=rule.font,
        page_width_pt=width,
        page_height_pt=height,
        margin_pt=rule.margin_cm * PT_PER_CM,
        line_spacing=rule.line_spacing,
        body=ParagraphStyle("Normal", size, space_after_pt=after),
        title=ParagraphStyle("Title", size + 7, bold=True, space_after_pt=after / 2),
        subtitle=ParagraphStyle("Subtitle", size + 2, space_after_pt=2 * after),
        section=ParagraphStyle(
            "Heading1", size + 3, bold=True, space_before_pt=2 * after, space_after_pt=after, keep_with_next=True
        ),
        theme=ParagraphStyle(
            "Heading2", size + 1, bold=True, space_before_pt=2 * after, space_after_pt=after, keep_with_next=True
        ),
        question=ParagraphStyle(
            "Heading3", size, bold=True, space_before_pt=2 * after, space_after_pt=after, keep_with_next=True
        ),
        question_item=ParagraphStyle(
            "QuestionItem", size, bold=True, space_after_pt=after / 2, keep_with_next=True, indent_pt=LIST_INDENT_PT
        ),
        list_item=ParagraphStyle("ListParagraph", size, space_after_pt=after / 2, indent_pt=LIST_INDENT_PT),
        footnote=ParagraphStyle("FootnoteText", size - 2),
        table_cell=ParagraphStyle("TableText", size, space_before_pt=after / 3, space_after_pt=after / 3),
        footer_size_pt=size - 2,
    )

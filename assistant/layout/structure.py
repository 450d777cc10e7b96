"""Section D as a sequence of styled paragraphs and tables: the Word export writes it, the page estimate
measures it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.richtext import LIST_KINDS, Block, Cells, Run, parse_answer
from assistant.layout.metrics import font_metrics, style_key
from assistant.layout.typography import CELL_MARGIN_PT, LIST_INDENT_PT, ParagraphStyle, Typography

ListKind = Literal["bullet", "number", "roman", "letter"]


@dataclass(frozen=True)
class Note:
    """A Word comment for a question: on the sentence it quotes, else on the question's heading."""

    question_id: str
    text: str
    quote: str | None = None


@dataclass(frozen=True)
class Table:
    rows: tuple[Cells, ...]  # the header first, in bold
    widths_pt: tuple[float, ...]  # per column, together the text width


@dataclass(frozen=True)
class Item:
    style: ParagraphStyle  # a table's: the style of its cells' paragraphs
    runs: tuple[Run, ...]
    owner: str | None = None  # the question whose pages it counts towards
    list_kind: ListKind | None = None
    list_start: bool = False  # first item of a list at its level: numbering restarts here
    page_break_before: bool = False
    level: int = 0  # a list item's nesting, 0 at the left
    table: Table | None = None


def _widths(rows: tuple[Cells, ...], style: ParagraphStyle, width_pt: float) -> tuple[float, ...]:
    """Column widths that fill the text width: every column at least as wide as its longest word (no word
    is cut where the page has room), the rest shared in proportion to how much more its longest cell wants."""
    fonts = font_metrics()

    def measure(run: Run, text: str) -> float:
        font = fonts[style_key(run.bold, run.italic)]
        return sum(map(font.widths.__getitem__, text)) * style.size_pt / font.units_per_em

    padding = 2 * CELL_MARGIN_PT
    least, wanted = [], []
    for column in range(len(rows[0])):
        cells = [row[column] for row in rows]
        least.append(padding + max(measure(r, word) for cell in cells for r in cell for word in [*r.text.split(), ""]))
        wanted.append(padding + max(sum(measure(r, r.text) for r in cell) for cell in cells))
    if sum(least) >= width_pt:
        return tuple(width_pt * w / sum(least) for w in least)
    room = width_pt - sum(least)
    extra = [want - low for want, low in zip(wanted, least, strict=True)]
    if sum(extra) <= room:  # everything fits on one line: the rest goes to the columns evenly
        return tuple(low + e + (room - sum(extra)) / len(least) for low, e in zip(least, extra, strict=True))
    return tuple(low + room * e / sum(extra) for low, e in zip(least, extra, strict=True))


def _table(block: Block, style: ParagraphStyle, width_pt: float) -> Table:
    header = tuple(tuple(Run(run.text, True, run.italic) for run in cell) for cell in block.rows[0])
    rows = (header, *block.rows[1:])
    return Table(rows, _widths(rows, style, width_pt))


@lru_cache(maxsize=256)
def _answer_blocks(text: str) -> tuple[Block, ...]:
    """Parsed once per answer text: the page meter re-reads every answer on each pause in typing."""
    return tuple(parse_answer(text))


def _item_numbering(numbers: list[str]) -> ListKind:
    """Word numbers a question's items itself: 1. 2. or a. b. as the call file numbers them, else i. ii."""
    if numbers == [str(n) for n in range(1, len(numbers) + 1)]:
        return "number"
    if numbers == [chr(ord("a") + n) for n in range(len(numbers))]:
        return "letter"
    return "roman"


def section_d_items(proposal: Proposal, call: Call, typo: Typography) -> list[Item]:
    items = [Item(typo.section, (Run(call.section(call.question_section).title),), page_break_before=True)]
    theme = None
    for question in call.questions:
        if question.theme != theme:
            items.append(Item(typo.theme, (Run(question.theme),)))
            theme = question.theme
        items.append(Item(typo.question, (Run(f"{question.number}. {question.text}"),), question.id))
        numbering = _item_numbering([sub.number for sub in question.items])
        for index, sub in enumerate(question.items):
            items.append(Item(typo.question_item, (Run(sub.text),), question.id, numbering, index == 0))
        kinds: dict[int, str] = {}  # the open list's kind per level
        after_table = False  # a table has no spacing of its own: what follows it keeps a paragraph's distance
        for block in _answer_blocks(proposal.answer_text(question.id)):
            if block.kind == "table":
                kinds.clear()
                table = _table(block, typo.table_cell, typo.text_width_pt)
                items.append(Item(typo.table_cell, (), question.id, table=table))
                after_table = True
                continue
            if block.kind == "paragraph":
                kinds.clear()
                style = typo.body
                start = False
            else:
                start = kinds.get(block.level) != block.kind
                kinds = {level: k for level, k in kinds.items() if level < block.level} | {block.level: block.kind}
                style = replace(typo.list_item, indent_pt=LIST_INDENT_PT * (block.level + 1))
            if after_table:
                style = replace(style, space_before_pt=typo.body.space_after_pt)
                after_table = False
            kind = block.kind if block.kind in LIST_KINDS else None
            items.append(Item(style, block.runs, question.id, kind, start, level=block.level))
    return items

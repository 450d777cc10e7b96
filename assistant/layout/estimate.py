"""Page estimate of section D without rendering, fast enough for a live page meter.

The paragraphs the export writes (structure.py) are wrapped into lines with the real advance widths
of the font LibreOffice renders with, then flowed onto pages the way LibreOffice does it: lines of
ascent + descent rounded to twips, spacing before and after, headings kept with what follows, two
lines at least of a split paragraph on each page (widow and orphan control). All lengths in twips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.richtext import Run
from assistant.layout.metrics import FontMetrics, font_metrics, style_key
from assistant.layout.structure import Item, section_d_items
from assistant.layout.typography import ParagraphStyle, Typography, typography
from assistant.review.findings import PageReport, QuestionPages

# A line may break after whitespace or after a hyphen inside a word, as LibreOffice's ICU rules allow.
_PIECE = re.compile(r"[^\s-]*-+(?=[^\s\d])|[^\s]+|[ \t]+|\n")
MIN_LINES = 2  # widow and orphan control: Word's and LibreOffice's default
_CACHE_LIMIT = 50_000

_word_widths: dict[tuple[str, str], float] = {}
_line_counts: dict[tuple[tuple[Run, ...], float, int], int] = {}


def _width(text: str, font: FontMetrics, key: str) -> float:
    """Width of `text` in font units (cached: answers repeat their words, and the meter re-runs often)."""
    cached = _word_widths.get((key, text))
    if cached is None:
        widths, fallback = font.widths, font.fallback
        cached = float(sum(widths.get(char, fallback) for char in text))
        _word_widths[(key, text)] = cached
    return cached


def _boxes(runs: tuple[Run, ...], size_pt: float, bold: bool) -> list[tuple[float, float] | None]:
    """(word width, width of the space after it) per breakable piece in points; None is a line break."""
    fonts = font_metrics()
    scale_cache: dict[str, float] = {}
    boxes: list[tuple[float, float] | None] = []
    open_word = False  # a word continues across a change of bold or italic
    for run in runs:
        key = style_key(run.bold or bold, run.italic)
        font = fonts[key]
        scale = scale_cache.setdefault(key, size_pt / font.units_per_em)
        for piece in _PIECE.findall(run.text):
            if piece == "\n":
                boxes.append(None)
                open_word = False
            elif piece[0] in " \t":
                if boxes and boxes[-1] is not None:
                    word, space = boxes[-1]
                    boxes[-1] = (word, space + _width(piece, font, key) * scale)
                open_word = False
            else:
                width = _width(piece, font, key) * scale
                if open_word and boxes and boxes[-1] is not None and boxes[-1][1] == 0:
                    boxes[-1] = (boxes[-1][0] + width, 0.0)
                else:
                    boxes.append((width, 0.0))
                open_word = not piece.endswith("-")
    return boxes


def count_lines(runs: tuple[Run, ...], style: ParagraphStyle, width_pt: float) -> int:
    key = (runs, width_pt, int(style.size_pt * 20) * 2 + style.bold)
    cached = _line_counts.get(key)
    if cached is not None:
        return cached
    lines, used, pending = 1, 0.0, 0.0
    for box in _boxes(runs, style.size_pt, style.bold):
        if box is None:
            lines, used, pending = lines + 1, 0.0, 0.0
            continue
        word, space = box
        if used == 0.0:
            # A word longer than the line is cut where it reaches the margin.
            extra = int(word // width_pt) if word > width_pt else 0
            lines += extra
            used = word - extra * width_pt if extra else word
        elif used + pending + word <= width_pt:
            used += pending + word
        else:
            lines += 1
            used = word
        pending = space
    if len(_line_counts) > _CACHE_LIMIT:
        _line_counts.clear()
        _word_widths.clear()
    _line_counts[key] = lines
    return lines


@dataclass
class _Block:
    lines: int
    line: int  # line height, twips
    before: int
    after: int
    keep_with_next: bool
    owner: str | None

    @property
    def height(self) -> int:
        return self.lines * self.line

    def splittable(self) -> bool:
        return not self.keep_with_next and self.lines >= 2 * MIN_LINES


def _blocks(items: list[Item], typo: Typography) -> list[_Block]:
    fonts = font_metrics()
    blocks = []
    for item in items:
        style = item.style
        font = fonts[style_key(style.bold, style.italic)]
        width = typo.text_width_pt - style.indent_pt
        blocks.append(
            _Block(
                lines=count_lines(item.runs, style, width),
                line=round(font.line_twips(style.size_pt) * typo.line_spacing),
                before=round(style.space_before_pt * 20),
                after=round(style.space_after_pt * 20),
                keep_with_next=style.keep_with_next,
                owner=item.owner,
            )
        )
    return blocks


def _flow(blocks: list[_Block], page: int) -> float:
    """Pages the blocks fill from the top of a fresh page: full pages plus the used part of the last."""
    pages, y = 0, 0
    index = 0
    while index < len(blocks):
        block = blocks[index]
        gap = max(block.before, blocks[index - 1].after if index and y else 0)
        # A chain of headings kept with the next paragraph moves as one when its start does not fit.
        need, chain = gap, index
        while blocks[chain].keep_with_next and chain + 1 < len(blocks):
            need += blocks[chain].height + max(blocks[chain].after, blocks[chain + 1].before)
            chain += 1
        last = blocks[chain]
        need += MIN_LINES * last.line if last.splittable() else last.height
        if y and y + need > page and need <= page:
            pages, y = pages + 1, 0
            continue
        y += gap
        remaining = block.lines
        while remaining:
            fit = max(0, (page - y) // block.line)
            if fit >= remaining:
                y += remaining * block.line
                break
            take = fit if block.splittable() or y == 0 else 0
            if take and remaining - take < MIN_LINES:
                take = remaining - MIN_LINES
            if take < MIN_LINES and y:
                take = 0
            remaining -= take
            pages, y = pages + 1, 0
        index += 1
    return pages + y / page


def estimate_pages(proposal: Proposal, call: Call) -> PageReport:
    typo = typography(call.page_rule)
    blocks = _blocks(section_d_items(proposal, call, typo), typo)
    page = round(typo.text_height_pt * 20)
    total = round(_flow(blocks, page), 2)
    used: dict[str, int] = {}
    for index, block in enumerate(blocks):
        if block.owner:
            gap = max(block.before, blocks[index - 1].after if index else 0)
            used[block.owner] = used.get(block.owner, 0) + gap + block.height
    per_question = [
        QuestionPages(id=q.id, pages=round(used.get(q.id, 0) / page, 2), budget=q.page_budget) for q in call.questions
    ]
    limit = call.page_rule.max_pages
    return PageReport(limit=limit, estimated=total, over_limit=total > limit, per_question=per_question)

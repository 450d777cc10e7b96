"""Page estimate of section D without rendering, fast enough for a live page meter.

The paragraphs the export writes (structure.py) are wrapped into lines with the real advance widths
of the font LibreOffice renders with, then flowed onto pages the way LibreOffice does it: lines of
ascent + descent rounded to twips, spacing before and after, headings kept with what follows, two
lines at least of a split paragraph on each page (widow and orphan control). Widths in points,
heights in twips.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, count
from operator import add
from typing import cast

from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.richtext import Run
from assistant.layout.metrics import FontMetrics, font_metrics, style_key
from assistant.layout.report import PageReport, QuestionPages
from assistant.layout.structure import Item, section_d_items
from assistant.layout.typography import (
    CELL_MARGIN_PT,
    DEFAULT_TAB_PT,
    TABLE_BORDER_PT,
    ParagraphStyle,
    Typography,
    typography,
)

# Inside a word a line may break after a hyphen that is followed by a letter, as LibreOffice's ICU
# rules allow ("regio-|uitdagingen", not "-5").
_HYPHEN_PARTS = re.compile(r"[^-]*-+(?=[^\d-])|.+?$")
MIN_LINES = 2  # widow and orphan control: Word's and LibreOffice's default
_CACHE_LIMIT = 50_000

# Word widths in points per font style and size, and line counts per paragraph: answers repeat their
# words, and the page meter re-runs on every pause in typing with most paragraphs unchanged.
_word_widths: dict[tuple[str, float], dict[str, float]] = {}
_line_counts: dict[tuple[tuple[Run, ...], float, int], int] = {}


_NEWLINE, _TAB = -1.0, -2.0  # gap markers: a line break; a tab (its width depends on where it falls)


def _measure(piece: str, font: FontMetrics, size_pt: float, cache: dict[str, float]) -> float:
    """Width of `piece` in points, remembered in `cache` (one per font style and size)."""
    width = cache.get(piece)
    if width is None:
        width = cache[piece] = sum(map(font.widths.__getitem__, piece)) * size_pt / font.units_per_em
    return width


def _pieces(runs: tuple[Run, ...], style: ParagraphStyle) -> list[tuple[float, float]]:
    """(gap before, width) in points of every piece between two break opportunities.

    A line may break at a space, and after a hyphen followed by a letter. Pieces of one word in
    differently formatted runs ("**bold**,") are glued into one, since no break falls between them.
    """
    fonts = font_metrics()
    pieces: list[tuple[float, float]] = []
    append = pieces.append
    gap, glue = 0.0, False  # glue: the next piece continues the current word (the runs split a word)
    for run in runs:
        font_key = style_key(run.bold or style.bold, run.italic or style.italic)
        font = fonts[font_key]
        widths, scale = font.widths, style.size_pt / font.units_per_em
        cache = _word_widths.setdefault((font_key, style.size_pt), {})
        space = widths[" "] * scale
        for line_number, segment in enumerate(run.text.split("\n")):
            if line_number:
                append((_NEWLINE, 0.0))
                gap, glue = 0.0, False
            for index, token in enumerate(segment.split(" ")):
                if index:
                    gap, glue = (gap if gap == _TAB else gap + space), False
                if not token:
                    continue
                parts = _HYPHEN_PARTS.findall(token) if "-" in token else (token,)
                if "\t" in token:
                    parts = [p for chunk in token.split("\t") for p in (*_HYPHEN_PARTS.findall(chunk), "\t")][:-1]
                for part in parts:
                    if part == "\t":
                        gap, glue = _TAB, False
                        continue
                    width = _measure(part, font, style.size_pt, cache)
                    if glue and pieces and pieces[-1][0] != _NEWLINE:
                        pieces[-1] = (pieces[-1][0], pieces[-1][1] + width)
                    else:
                        append((gap, width))
                    gap, glue = 0.0, part[-1] != "-"  # a line may break after a hyphen
    return pieces


def _tab_advance(position: float) -> float:
    """From `position` (points from the margin) to the next default tab stop."""
    return (position // DEFAULT_TAB_PT + 1) * DEFAULT_TAB_PT - position


def _general_lines(runs: tuple[Run, ...], style: ParagraphStyle, width_pt: float) -> int:
    """Greedy wrapping piece by piece: any runs, tabs, runs of spaces."""
    lines, used = 1, 0.0
    for gap, width in _pieces(runs, style):
        carried = 0.0  # what a wrapped piece takes with it to the next line: only a tab
        if gap < 0.0:
            if gap == _NEWLINE:
                lines, used = lines + 1, 0.0
                continue
            gap = _tab_advance(style.indent_pt + used)
            carried = _tab_advance(style.indent_pt)
        if used and used + gap + width > width_pt:
            lines, used = lines + 1, carried + width
        else:
            used += gap + width
        if used > width_pt:  # a word longer than the line is cut where it reaches the margin
            extra = int(used // width_pt)
            lines, used = lines + extra, used - extra * width_pt
    return lines


def _fast_lines(runs: tuple[Run, ...], style: ParagraphStyle, width_pt: float) -> int | None:
    """The same greedy wrapping, a line at a time: bisection on cumulative word widths finds where each
    line ends. None when the text needs the general path (tabs, runs of spaces, a leading space, a
    hyphenated word split over runs or longer than a line)."""
    fonts = font_metrics()
    space = fonts["regular"].widths[" "] * style.size_pt / fonts["regular"].units_per_em  # same in every style
    segments: list[tuple[list[str], list[float], list[int]]] = [([], [], [])]  # words, widths, run index
    glued: set[tuple[int, int]] = set()  # (segment, word) of words made of more than one run
    open_word = ended_with_space = False  # how the previous run ended: inside a word, or after a space
    for run_index, run in enumerate(runs):
        text = run.text
        if "\t" in text or "  " in text:
            return None
        font_key = style_key(run.bold or style.bold, run.italic or style.italic)
        font = fonts[font_key]
        cache = _word_widths.setdefault((font_key, style.size_pt), {})
        for line_number, line in enumerate(text.split("\n")):
            if line_number:
                segments.append(([], [], []))
                open_word = ended_with_space = False
            words, widths, owners = segments[-1]
            parts = line.split(" ")
            cached = list(map(cache.get, parts))
            known: list[float] = (
                [
                    w if w is not None else _measure(part, font, style.size_pt, cache)
                    for w, part in zip(cached, parts, strict=True)
                ]
                if None in cached
                else cast("list[float]", cached)  # every part measured before (the common case): no copy
            )
            if parts[0] and open_word:  # the word goes on in this run ("**bold**,")
                words[-1] += parts[0]
                widths[-1] += known[0]
                glued.add((len(segments) - 1, len(words) - 1))
                parts, known = parts[1:], known[1:]
            elif not parts[0] and len(parts) > 1:
                if not words or ended_with_space:
                    return None  # a leading space, or two spaces across runs
                parts, known = parts[1:], known[1:]
            if parts and not parts[-1]:  # the line ends with a space
                parts, known = parts[:-1], known[:-1]
            words += parts
            widths += known
            owners += [run_index] * len(parts)
            open_word = bool(line) and not line.endswith(" ")
            ended_with_space = line.endswith(" ")
    lines = 0
    for segment_index, (words, widths, owners) in enumerate(segments):
        lines += 1
        if not words:
            continue
        cumulative = list(map(add, accumulate(widths), count(space, space)))  # words 0..i, a space after each
        start, used = 0, widths[0]  # the line's first word and the width taken so far
        while True:
            if used > width_pt:  # a word longer than the line is cut where it reaches the margin
                if "-" in words[start]:
                    return None
                extra = int(used // width_pt)
                lines, used = lines + extra, used - extra * width_pt
            last = bisect_right(cumulative, width_pt - used + cumulative[start], start + 1) - 1
            if last >= len(words) - 1:
                break
            following = last + 1
            used += cumulative[last] - cumulative[start]
            lines += 1
            rest = widths[following]
            if "-" in words[following]:
                if (segment_index, following) in glued:
                    return None
                # The overflowing word may still leave its first parts on this line, after a hyphen.
                run = runs[owners[following]]
                font_key = style_key(run.bold or style.bold, run.italic or style.italic)
                cache = _word_widths[(font_key, style.size_pt)]
                room = width_pt - used - space
                for part in _HYPHEN_PARTS.findall(words[following])[:-1]:
                    part_width = _measure(part, fonts[font_key], style.size_pt, cache)
                    if part_width > room:
                        break
                    room, rest = room - part_width, rest - part_width
            start, used = following, rest
    return lines


def count_lines(runs: tuple[Run, ...], style: ParagraphStyle, width_pt: float) -> int:
    """Lines of a paragraph when its runs are wrapped greedily into `width_pt`, as a word processor does."""
    key = (runs, width_pt, int(style.size_pt * 20) * 2 + style.bold)
    cached = _line_counts.get(key)
    if cached is not None:
        return cached
    lines = _fast_lines(runs, style, width_pt)
    if lines is None:
        lines = _general_lines(runs, style, width_pt)
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
    extra: int = 0  # a table row: its cells' spacing and border, twips; the row is never split
    border: int = 0  # a table row: the top border it draws when it starts a page (the table's first: always)

    @property
    def height(self) -> int:
        return self.lines * self.line + self.extra

    def splittable(self) -> bool:
        return not self.keep_with_next and not self.extra and self.lines >= 2 * MIN_LINES


def _table_rows(item: Item, typo: Typography) -> list[_Block]:
    """One block per row: as high as its tallest cell, plus the cell's spacing and the border line below it;
    the first row also has the table's top border."""
    assert item.table is not None
    style = item.style
    line = round(font_metrics()[style_key(style.bold, style.italic)].line_twips(style.size_pt) * typo.line_spacing)
    border = round(TABLE_BORDER_PT * 20)
    extra = round((style.space_before_pt + style.space_after_pt) * 20) + border
    rows = []
    for index, row in enumerate(item.table.rows):
        lines = max(
            count_lines(cell, style, width - 2 * CELL_MARGIN_PT)
            for cell, width in zip(row, item.table.widths_pt, strict=True)
        )
        rows.append(_Block(lines, line, 0, 0, False, item.owner, extra + (border if index == 0 else 0), border))
    return rows


def _blocks(items: list[Item], typo: Typography) -> list[_Block]:
    fonts = font_metrics()
    blocks = []
    for item in items:
        if item.table:
            blocks += _table_rows(item, typo)
            continue
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
        # Spacing above a paragraph counts after the explicit break that starts section D, but not
        # at the top of a page after a natural break (LibreOffice drops it there, as Word does).
        gap = max(block.before, blocks[index - 1].after) if y else (block.before if index == 0 else 0)
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
        if block.extra:  # a table row moves whole (the check above found it room)
            # A row that continues a table at the top of a page draws its own top border.
            y += block.height + (block.border if not y and index and blocks[index - 1].border else 0)
            index += 1
            continue
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
        QuestionPages(id=q.id, number=q.number, pages=round(used.get(q.id, 0) / page, 2), budget=q.page_budget) for q in call.questions
    ]
    limit = call.page_rule.max_pages
    return PageReport(section=call.page_rule.section, limit=limit, estimated=total, over_limit=total > limit, per_question=per_question)

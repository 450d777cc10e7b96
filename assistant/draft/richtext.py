"""The structure inside an answer: paragraphs, "- " and "1. " lists (nested by indenting), tables
(`| a | b |` lines with a `|---|---|` row under the header), **bold** and *italic*.

Shared by the Word export (which turns it into real paragraphs, lists and runs), the page estimate
(which wraps the same runs) and the Word import (which writes them back as text). A single newline
inside a paragraph is a line break; a blank line separates paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["paragraph", "bullet", "number", "table"]
LIST_KINDS: tuple[Literal["bullet"], Literal["number"]] = ("bullet", "number")
MAX_LEVEL = 8  # Word numbers nine list levels, 0 to 8
MAX_COLUMNS = 12  # wider tables keep their first columns; more cannot fit the page's width anyway

_BULLET = re.compile(r"^(\s*)[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^(\s*)\d{1,3}[.)]\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
# Emphasis as CommonMark writes it: markers hug non-space text and never cross a line.
_EMPHASIS = re.compile(
    r"\*\*\*(?=\S)([^\n]+?)(?<=\S)\*\*\*"
    r"|\*\*(?=\S)([^\n]+?)(?<=\S)\*\*"
    r"|\*(?=[^\s*])([^\n*]+?)(?<=[^\s*])\*"
)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


Cells = tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class Block:
    """One paragraph, one list item (`level` 0 at the left, deeper when indented) or one table."""

    kind: BlockKind
    runs: tuple[Run, ...]
    level: int = 0
    rows: tuple[Cells, ...] = ()  # a table's rows, the header first; every row has the header's columns

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()], bold, italic))
        if match.group(1) is not None:
            runs += parse_inline(match.group(1), True, True)
        elif match.group(2) is not None:
            runs += parse_inline(match.group(2), True, italic)
        else:
            runs += parse_inline(match.group(3), bold, True)
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:], bold, italic))
    return runs


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(line)]


def _is_table_start(lines: list[str], index: int) -> bool:
    return (
        lines[index].lstrip().startswith("|")
        and index + 1 < len(lines)
        and _TABLE_RULE.match(lines[index + 1]) is not None
    )


def _indent(whitespace: str) -> int:
    return len(whitespace.expandtabs(4))


def parse_answer(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    indents: list[int] = []  # the open list's indentation per level; empty outside a list

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", tuple(parse_inline("\n".join(paragraph)))))
            paragraph.clear()
            indents.clear()

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip():
            flush()
            continue
        if _is_table_start(lines, index - 1):
            flush()
            indents.clear()
            header = _cells(line)[:MAX_COLUMNS]
            rows = [header]
            index += 1  # the rule under the header
            while index < len(lines) and lines[index].lstrip().startswith("|"):
                cells = _cells(lines[index])[: len(header)]
                rows.append(cells + [""] * (len(header) - len(cells)))
                index += 1
            table_rows = tuple(tuple(tuple(parse_inline(cell)) for cell in row) for row in rows)
            blocks.append(Block("table", (), rows=(_plain_header(table_rows[0]), *table_rows[1:])))
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet or number:
            flush()
            kind: BlockKind = "bullet" if bullet else "number"
            match = bullet or number
            indent = _indent(match.group(1))  # type: ignore[union-attr]
            if not indents or indent > indents[-1]:
                indents.append(indent)
            while len(indents) > 1 and indent < indents[-1] and indent <= indents[-2]:
                indents.pop()
            level = min(len(indents) - 1, MAX_LEVEL)
            blocks.append(Block(kind, tuple(parse_inline(match.group(2))), level))  # type: ignore[union-attr]
            continue
        paragraph.append(line.rstrip())
    flush()
    return blocks


def merge_runs(runs: list[Run]) -> list[Run]:
    """Adjacent runs with the same formatting become one (Word splits runs at will)."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


def runs_to_markdown(runs: list[Run] | tuple[Run, ...]) -> str:
    out: list[str] = []
    for run in merge_runs(list(runs)):
        marker = "***" if run.bold and run.italic else "**" if run.bold else "*" if run.italic else ""
        for index, line in enumerate(run.text.split("\n")):
            if index:
                out.append("\n")
            core = line.strip()
            if not marker or not core:
                out.append(line)
                continue
            # Markers must hug the text, so surrounding spaces stay outside them.
            lead, trail = line[: len(line) - len(line.lstrip())], line[len(line.rstrip()) :]
            out.append(f"{lead}{marker}{core}{marker}{trail}")
    return "".join(out)


def _plain_header(cells: Cells) -> Cells:
    """A header row is bold by itself (in Word too), so bold there is not kept as the author's."""
    return tuple(tuple(Run(run.text, False, run.italic) for run in cell) for cell in cells)


def _table_to_text(rows: tuple[Cells, ...]) -> str:
    def row_text(row: Cells) -> str:
        return "| " + " | ".join(runs_to_markdown(cell).replace("|", "\\|") for cell in row) + " |"

    lines = [row_text(_plain_header(rows[0])), "|" + "|".join(" --- " for _ in rows[0]) + "|"]
    return "\n".join(lines + [row_text(row) for row in rows[1:]])


def blocks_to_text(blocks: list[Block]) -> str:
    out: list[str] = []
    previous: BlockKind | None = None
    numbers: dict[int, int] = {}  # per list level: the last number written there (0 after a bullet)
    for block in blocks:
        if out:
            same_list = block.kind in LIST_KINDS and previous in LIST_KINDS
            out.append("\n" if same_list else "\n\n")
        if block.kind == "table":
            out.append(_table_to_text(block.rows))
        elif block.kind == "paragraph":
            out.append(runs_to_markdown(block.runs))
        else:
            if previous not in LIST_KINDS:
                numbers.clear()
            for deeper in [level for level in numbers if level > block.level]:
                del numbers[deeper]
            number = numbers.get(block.level, 0) + 1 if block.kind == "number" else 0
            numbers[block.level] = number
            marker = f"{number}. " if block.kind == "number" else "- "
            out.append("    " * block.level + marker + runs_to_markdown(block.runs))
        previous = block.kind
    return "".join(out).strip()


def canonical_answer(text: str) -> str:
    """The form an answer takes after a trip through Word; equal canonical forms mean no real change."""
    return blocks_to_text(parse_answer(text))

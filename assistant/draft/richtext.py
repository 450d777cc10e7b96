"""The structure inside an answer: paragraphs, "- " and "1. " lists, **bold** and *italic*.

Shared by the Word export (which turns it into real paragraphs, lists and runs), the page estimate
(which wraps the same runs) and the Word import (which writes them back as text). A single newline
inside a paragraph is a line break; a blank line separates paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["paragraph", "bullet", "number"]

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
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


@dataclass(frozen=True)
class Block:
    """One paragraph or one list item."""

    kind: BlockKind
    runs: tuple[Run, ...]

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


def parse_answer(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", tuple(parse_inline("\n".join(paragraph)))))
            paragraph.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            flush()
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet or number:
            flush()
            kind: BlockKind = "bullet" if bullet else "number"
            item = (bullet or number).group(1)  # type: ignore[union-attr]
            blocks.append(Block(kind, tuple(parse_inline(item))))
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


def blocks_to_text(blocks: list[Block]) -> str:
    out: list[str] = []
    previous: BlockKind | None = None
    number = 0
    for block in blocks:
        number = number + 1 if block.kind == "number" and previous == "number" else 1
        if out:
            same_list = block.kind == previous and block.kind != "paragraph"
            out.append("\n" if same_list else "\n\n")
        body = runs_to_markdown(block.runs)
        prefix = {"paragraph": "", "bullet": "- ", "number": f"{number}. "}[block.kind]
        out.append(prefix + body)
        previous = block.kind
    return "".join(out).strip()


def canonical_answer(text: str) -> str:
    """The form an answer takes after a trip through Word; equal canonical forms mean no real change."""
    return blocks_to_text(parse_answer(text))

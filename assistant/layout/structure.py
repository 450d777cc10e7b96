"""Section D as a sequence of styled paragraphs: the Word export writes it, the page estimate measures it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.richtext import Block, Run, parse_answer
from assistant.layout.typography import ParagraphStyle, Typography

ListKind = Literal["bullet", "number", "roman"]


@dataclass(frozen=True)
class Item:
    style: ParagraphStyle
    runs: tuple[Run, ...]
    owner: str | None = None  # the question whose pages it counts towards
    list_kind: ListKind | None = None
    list_start: bool = False  # first item of a list: numbering restarts here
    page_break_before: bool = False


@lru_cache(maxsize=256)
def _answer_blocks(text: str) -> tuple[Block, ...]:
    """Parsed once per answer text: the page meter re-reads every answer on each pause in typing."""
    return tuple(parse_answer(text))


def section_d_items(proposal: Proposal, call: Call, typo: Typography) -> list[Item]:
    items = [Item(typo.section, (Run(call.section("D").title),), page_break_before=True)]
    theme = None
    for question in call.questions:
        if question.theme != theme:
            items.append(Item(typo.theme, (Run(question.theme),)))
            theme = question.theme
        items.append(Item(typo.question, (Run(f"{question.number}. {question.text}"),), question.id))
        for index, sub in enumerate(question.items):
            items.append(Item(typo.question_item, (Run(sub.text),), question.id, "roman", index == 0))
        previous = None
        for block in _answer_blocks(proposal.answer_text(question.id)):
            if block.kind == "paragraph":
                items.append(Item(typo.body, block.runs, question.id))
            else:
                items.append(Item(typo.list_item, block.runs, question.id, block.kind, block.kind != previous))
            previous = block.kind
    return items

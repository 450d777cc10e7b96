"""Prompt building: Dutch templates from assistant.prompts, filled with the call's data, within a token budget.

The answer travels as data between delimiters; anything that looks like our delimiter inside it is
neutralised so it cannot close the block early.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from string import Template
from typing import Any

from assistant.call.models import LEVELS, Call, Question
from assistant.i18n import _
from assistant.review.language import STOPWORDS, stem
from assistant.review.llm.errors import LLMError
from assistant.tokens import TokenCounter

USER_MARKER = "=== gebruiker ==="
_VERSION = re.compile(r"<!--\s*versie\s+(\S+)\s*-->\s*\n")
_DELIMITER = re.compile(r"<<<|>>>")
_WORD = re.compile(r"[a-zà-ÿ]{3,}")
_FOOTNOTE = re.compile(r"\[\^\d+\]")
BUDGET_MARGIN = 16  # tokens kept free: counting framing differs slightly between servers
# The addendum's share of a prompt: its most relevant paragraphs, not whatever the budget leaves. The budget
# is large so that a long answer fits; filling every prompt to it would make a local model slow for nothing.
ADDENDUM_TOKENS = 1200


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    version: str
    system: Template
    user: Template | None
    digest: str  # changes when the text changes, even if someone forgets to bump the version

    @property
    def tag(self) -> str:
        return f"{self.name}/{self.version}/{self.digest[:8]}"


@cache
def load_template(name: str) -> PromptTemplate:
    text = (resources.files("assistant.prompts") / f"{name}.md").read_text(encoding="utf-8")
    match = _VERSION.match(text)
    if not match:
        raise ValueError(f"prompts/{name}.md begint niet met <!-- versie N -->")
    body = text[match.end():]
    system, _marker, user = body.partition(f"\n{USER_MARKER}\n")
    return PromptTemplate(
        name=name, version=match.group(1), system=Template(system.strip()),
        user=Template(user.strip()) if user else None, digest=hashlib.sha256(text.encode()).hexdigest(),
    )


def render(template: PromptTemplate, values: dict[str, Any]) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": template.system.substitute(values)}]
    if template.user is not None:
        messages.append({"role": "user", "content": template.user.substitute(values)})
    return messages


def as_data(text: str) -> str:
    """The applicant's text as inert data: our delimiters inside it are broken up."""
    return _DELIMITER.sub(lambda m: m.group(0)[0] * 2 + " " + m.group(0)[0], text)


def question_values(question: Question, call: Call, *, part_descriptions: bool = True) -> dict[str, str]:
    items = "\n".join(f"{item.number}. {item.text}" for item in question.items)
    parts = [f"- {p.id}: {p.label}" + (f". {p.description}" if part_descriptions else "") for p in question.subparts]
    return {
        "call_title": call.title,
        "call_subtitle": call.subtitle,
        "number": question.number,
        "theme": question.theme,
        "question_text": question.text,
        "items": items,
        "subparts": "\n".join(parts),
    }


def criteria_text(question: Question, call: Call, levels: tuple[str, ...] = LEVELS) -> str:
    blocks = []
    for criterion in call.criteria_for(question.id):
        descriptors = "".join(f"\n  {level}: {getattr(criterion.levels, level)}" for level in levels)
        blocks.append(f"- {criterion.id}: {criterion.title}{descriptors}")
    return "\n".join(blocks)


def framework_text(call: Call) -> str:
    """The quality framework as the call states it: the intro paragraphs that hold a section's framework_words."""
    kept = []
    for section in call.sections:
        paragraphs = [_FOOTNOTE.sub("", p).strip() for p in section.intro.split("\n\n")]
        kept += [p for p in paragraphs if p and any(word in p for word in section.framework_words)]
    return "\n\n".join(kept)


# ---- the addendum: the chunks most relevant to the question, ranked, within the tokens left


def _stems(text: str) -> list[str]:
    """The topic stems of a text: words of three letters or more, function words left out."""
    return [s for w in _WORD.findall(text.lower()) if (s := stem(w)) not in STOPWORDS]


def addendum_chunks(text: str) -> list[str]:
    """Paragraphs, each carrying the heading it stands under so it reads on its own; repeats dropped."""
    chunks: list[str] = []
    heading = ""
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#") and "\n" not in block:
            heading = block.lstrip("# ").strip()
            continue
        if block.startswith("#"):
            first, _newline, rest = block.partition("\n")
            heading, block = first.lstrip("# ").strip(), rest.strip()
        chunks.append(f"[{heading}] {block}" if heading else block)
    return list(dict.fromkeys(chunks))


@dataclass(frozen=True)
class AddendumIndex:
    """An addendum cut into chunks with their stems and stem frequencies; built once per addendum text."""

    chunks: list[str]
    stems: list[frozenset[str]]
    document_frequency: dict[str, int]


@lru_cache(maxsize=4)
def addendum_index(text: str) -> AddendumIndex:
    chunks = addendum_chunks(text)
    stems = [frozenset(_stems(chunk)) for chunk in chunks]
    frequency: dict[str, int] = {}
    for chunk_stems in stems:
        for word_stem in chunk_stems:
            frequency[word_stem] = frequency.get(word_stem, 0) + 1
    return AddendumIndex(chunks, stems, frequency)


def rank_chunks(index: AddendumIndex, query: str) -> list[int]:
    """Chunk indexes, most relevant first: shared stems weighted by rarity across the addendum."""
    query_stems = set(_stems(query))
    total = len(index.chunks)

    def score(i: int) -> float:
        shared = index.stems[i] & query_stems
        weight = sum(math.log(1 + total / index.document_frequency[s]) for s in shared)
        return weight / math.sqrt(1 + len(index.stems[i]))

    return sorted(range(total), key=lambda i: (-score(i), i))


@lru_cache(maxsize=8192)
def _chunk_tokens(chunk: str, counter: TokenCounter) -> int:
    return counter.count(chunk) + 2  # the blank line that joins chunks


def select_addendum(text: str, query: str, budget: int, counter: TokenCounter) -> tuple[str, int]:
    """The best chunks that fit `budget` tokens, in document order; returns the text and how many were kept."""
    index = addendum_index(text)
    chosen: list[int] = []
    used = 0
    for i in rank_chunks(index, query):
        if budget - used < 8:
            break  # nothing useful fits any more
        cost = _chunk_tokens(index.chunks[i], counter)
        if used + cost <= budget:
            chosen.append(i)
            used += cost
    return "\n\n".join(as_data(index.chunks[i]) for i in sorted(chosen)), len(chosen)


@dataclass(frozen=True)
class BuiltPrompt:
    messages: list[dict[str, str]]
    tokens: int
    addendum_chunks: int
    trimmed: list[str]  # what was left out to stay within the budget, in Dutch


NO_ADDENDUM = "(geen lokaal addendum toegevoegd: beoordeel de lokale noden op wat de oproep zelf zegt)"
LEFT_OUT = "(weggelaten wegens het tokenbudget)"


def build_review_prompt(
    question: Question,
    call: Call,
    answer: str,
    addendum: str | None,
    skeleton: Any,
    counter: TokenCounter,
    budget: int,
) -> BuiltPrompt:
    """The review messages, filled to at most `budget` tokens: the addendum gets what the rest leaves.

    When even the rest is too long (a long answer), the least essential parts go first: the framework
    text, the sub-part descriptions (ids and labels stay), then the middle level descriptors.
    """
    template = load_template("review")
    values = {
        **question_values(question, call),
        "criteria": criteria_text(question, call),
        "framework": framework_text(call),
        "answer": as_data(answer),
        "skeleton": json.dumps(skeleton, ensure_ascii=False),
        "addendum": "",
    }
    savings = [
        ("het kwaliteitskader", {"framework": LEFT_OUT}),
        ("de omschrijving van de deelvragen",
         {"subparts": question_values(question, call, part_descriptions=False)["subparts"]}),
        ("de niveaus 'voldoende' en 'ontbreekt'", {"criteria": criteria_text(question, call, ("sterk", "zwak"))}),
    ]
    trimmed: list[str] = []
    fixed = counter.count_messages(render(template, values))
    while fixed + BUDGET_MARGIN > budget and savings:
        label, change = savings.pop(0)
        values.update(change)
        trimmed.append(label)
        fixed = counter.count_messages(render(template, values))
    if fixed + BUDGET_MARGIN > budget:
        raise LLMError(
            "budget",
            _(
                "Dit antwoord is te lang voor het tokenbudget van {budget} tokens (nodig: ongeveer "
                "{fixed}). Kort het antwoord in of verhoog llm.prompt_budget_tokens."
            ).format(budget=budget, fixed=fixed),
        )
    kept = 0
    if addendum and addendum.strip():
        query = " ".join([question.text, question.guidance, values["subparts"], values["criteria"]])
        room = min(ADDENDUM_TOKENS, budget - fixed - BUDGET_MARGIN)
        values["addendum"], kept = select_addendum(addendum, query, room, counter)
    if not kept:
        values["addendum"] = NO_ADDENDUM if not addendum else "(geen fragment paste binnen het tokenbudget)"
    messages = render(template, values)
    return BuiltPrompt(messages, counter.count_messages(messages), kept, trimmed)

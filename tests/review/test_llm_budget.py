"""Full answers fit: an answer at its full page budget, for every question, is reviewable with the default
settings (the prompt budget), with the addendum's most relevant paragraphs and without trimming the prompt."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.call import Call
from assistant.config import load_settings
from assistant.draft.workspace import load_any
from assistant.review.llm.prompt import ADDENDUM_TOKENS, build_review_prompt
from assistant.review.llm.revise import pages_of
from assistant.review.llm.schema import review_model, skeleton, strict_schema
from assistant.tokens import counter_for

FIXTURES = Path(__file__).parent.parent / "fixtures"


def full_budget_answer(call: Call, question_id: str, source: str) -> str:
    """The source answer repeated, cut to the most words that still fit the question's page budget."""
    words = source.split() * 40
    low, high = 1, len(words)
    budget = call.question(question_id).page_budget
    while low < high:  # the most words whose estimate stays within the budget
        middle = (low + high + 1) // 2
        if pages_of(call, question_id, " ".join(words[:middle])) <= budget:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low])


def measure(call: Call) -> list[dict]:
    proposal = load_any(FIXTURES / "proposals" / "sterk.md").proposal
    addendum = (FIXTURES / "addendum-oost-meetjesland.md").read_text(encoding="utf-8")
    budget = load_settings().llm.prompt_budget_tokens
    counter = counter_for("gpt-4o-mini")
    rows = []
    for question in call.questions:
        answer = full_budget_answer(call, question.id, proposal.answer_text(question.id))
        shape = skeleton(strict_schema(review_model(question, call)))
        built = build_review_prompt(question, call, answer, addendum, shape, counter, budget)
        rows.append({"question": question.id, "pages": question.page_budget, "words": len(answer.split()),
                     "tokens": built.tokens, "answer_tokens": counter.count(answer), "trimmed": built.trimmed,
                     "addendum_chunks": built.addendum_chunks, "budget": budget})
    return rows


@pytest.fixture(scope="module")
def rows(call: Call) -> list[dict]:
    return measure(call)


def test_every_question_at_its_full_page_budget_fits_the_default_budget_untrimmed(rows):
    assert len(rows) == 7
    for row in rows:
        assert row["tokens"] <= row["budget"] and row["trimmed"] == [], row
        assert row["addendum_chunks"] > 0, row  # the local needs still travel along


def test_the_addendum_takes_its_share_not_the_whole_budget(rows):
    for row in rows:
        assert row["tokens"] - row["answer_tokens"] < 2 * ADDENDUM_TOKENS + 1500, row

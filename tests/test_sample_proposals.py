"""The sample proposals and the illustrative addendum in tests/fixtures import cleanly and are what
their names promise: a strong, a weak and a half-finished candidacy."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.call import Call
from assistant.draft.markdown import from_markdown
from assistant.draft.workspace import load_any
from assistant.layout.estimate import estimate_pages

FIXTURES = Path(__file__).parent / "fixtures"
PROPOSALS = FIXTURES / "proposals"
ALL_QUESTIONS = {"D1a", "D1b", "D1c", "D2a", "D2b", "D2c", "D2d"}


def _enterprise_number_valid(value: str) -> bool:
    digits = "".join(ch for ch in value if ch.isdigit())
    return len(digits) == 10 and digits[0] in "01" and 97 - int(digits[:8]) % 97 == int(digits[8:])


def _import(name: str, call: Call):
    return from_markdown((PROPOSALS / name).read_text(encoding="utf-8"), call)


@pytest.mark.parametrize(
    ("name", "answered"),
    [
        ("sterk.md", ALL_QUESTIONS),
        ("zwak.md", ALL_QUESTIONS),
        ("onvolledig.md", {"D1a", "D1b", "D2a"}),
    ],
)
def test_sample_proposal_imports_without_unmapped_lines(call: Call, name: str, answered: set[str]):
    imported = _import(name, call)
    assert imported.unmapped == []
    assert set(imported.answers) == answered
    assert {f.id for f in call.fields} <= set(imported.fields)


def test_strong_proposal_is_complete_valid_and_within_the_page_budget(call: Call):
    imported = _import("sterk.md", call)
    assert all(imported.fields[f.id] for f in call.fields)
    assert _enterprise_number_valid(imported.fields["B.ondernemingsnummer"])
    assert imported.fields["C.engagement"] == "ja"
    words = sum(len(text.split()) for text in imported.answers.values())
    assert 3500 <= words <= 4300, words
    for question in call.questions:
        assert len(imported.answers[question.id].split()) >= 250, question.id


def test_weak_proposal_has_an_invalid_number_and_no_engagement(call: Call):
    imported = _import("zwak.md", call)
    assert not _enterprise_number_valid(imported.fields["B.ondernemingsnummer"])
    assert imported.fields["C.engagement"] == "nee"
    assert all(len(text.split()) < 150 for text in imported.answers.values())
    # A pasted paragraph, as weak proposals often have: the review should flag the reuse.
    paragraphs = [p for text in imported.answers.values() for p in text.split("\n\n")]
    assert any(paragraphs.count(p) > 1 for p in paragraphs)


def test_unfinished_proposal_leaves_fields_empty(call: Call):
    imported = _import("onvolledig.md", call)
    empty = {fid for fid, value in imported.fields.items() if not value}
    assert {"B.ondernemingsnummer", "B.contact.email", "B.contact.telefoon", "C.engagement"} <= empty
    assert imported.fields["B.organisatie"]


def test_illustrative_addendum_lists_the_regional_challenges():
    text = (FIXTURES / "addendum-oost-meetjesland.md").read_text(encoding="utf-8")
    assert "Illustratief voorbeeld" in text.split("\n", 1)[0]
    section = text.split("## Regio-uitdagingen", 1)[1].split("\n## ", 1)[0]
    numbered = [line for line in section.splitlines() if line[:2].rstrip(".").isdigit() and ". " in line[:4]]
    assert 5 <= len(numbered) <= 7
    for heading in ("## Doelgroepen", "## Ambitie", "## Visie", "## Missie", "## Data"):
        assert heading in text


def test_strong_proposal_opens_as_a_proposal_of_about_seven_to_nine_pages(call: Call):
    loaded = load_any(PROPOSALS / "sterk.md")
    assert loaded.unmapped == []
    assert {q.id for q in call.questions if loaded.proposal.answer_text(q.id)} == ALL_QUESTIONS
    pages = estimate_pages(loaded.proposal, loaded.call)
    # About 7-9 pages; a little slack because the estimate moves from words per page to font metrics.
    assert 6.5 <= pages.estimated <= 9.5, pages.estimated
    assert not pages.over_limit

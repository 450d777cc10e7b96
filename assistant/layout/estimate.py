"""Page estimate of section D without rendering (placeholder metric: words per page).

The document work replaces the internals with line wrapping on real font metrics; the signature stays.
"""

from __future__ import annotations

from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.review.findings import PageReport, QuestionPages

WORDS_PER_PAGE = 500  # Calibri 11 pt, A4, 2.5 cm margins, single spacing, some paragraphs


def estimate_pages(proposal: Proposal, call: Call) -> PageReport:
    per_question = [
        QuestionPages(
            id=q.id,
            pages=round((len(proposal.answer_text(q.id).split()) + len(q.text.split())) / WORDS_PER_PAGE, 2),
            budget=q.page_budget,
        )
        for q in call.questions
    ]
    total = round(sum(q.pages for q in per_question), 2)
    limit = call.page_rule.max_pages
    return PageReport(limit=limit, estimated=total, over_limit=total > limit, per_question=per_question)

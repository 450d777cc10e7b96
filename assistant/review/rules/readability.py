"""Readability: very long sentences and a wall of text without paragraphs (a list is not a wall)."""

from __future__ import annotations

from assistant.i18n import _
from assistant.review.findings import Finding
from assistant.review.language import LIST_ITEM, is_heading
from assistant.review.rules import Outcome, QuestionContext, rule, shorten

LONG_SENTENCE = 40  # words
WALL = 220  # words in one paragraph
MAX_QUOTED = 2


@rule("readability", weight=0, order=70)
def check(context: QuestionContext) -> Outcome:
    analysis = context.analysis
    outcome = Outcome(penalty=0.0)
    long_ones = [s for s in analysis.sentences if s.word_count > LONG_SENTENCE]
    for sentence in long_ones[:MAX_QUOTED]:
        outcome.findings.append(
            Finding(
                severity="tip",
                criterion="leesbaarheid",
                quote=shorten(sentence.text),
                message=_("Zin van {count} woorden: knip hem in twee of drie kortere zinnen.").format(count=sentence.word_count),
            )
        )
    if len(long_ones) > MAX_QUOTED:
        outcome.findings.append(
            Finding(
                severity="tip",
                criterion="leesbaarheid",
                message=_("Nog {count} zinnen van meer dan {limit} woorden: maak ze korter.").format(
                    count=len(long_ones) - MAX_QUOTED, limit=LONG_SENTENCE
                ),
            )
        )
    walls = [count for block in analysis.paragraphs if (count := _longest_prose(block)) > WALL]
    if walls:
        outcome.findings.append(
            Finding(
                severity="tip",
                criterion="leesbaarheid",
                message=_("Een blok tekst van {count} woorden zonder witregel: verdeel het in alinea's, één per deelvraag.").format(
                    count=max(walls)
                ),
            )
        )
    outcome.penalty = min(4.0, 1.0 * len(long_ones) + 2.0 * len(walls))
    return outcome


def _longest_prose(paragraph: str) -> int:
    """Words in the longest run of lines with no list item and no heading between them: a list or
    a text with sub-headings reads in pieces, however long the paragraph."""
    longest = run = 0
    for line in paragraph.split("\n"):
        if LIST_ITEM.match(line) or (line.strip() and is_heading(line)):
            run = 0
        run += len(line.split())
        longest = max(longest, run)
    return longest

"""Readability: very long sentences and a wall of text without paragraphs."""

from __future__ import annotations

from assistant.review.findings import Finding
from assistant.review.rules import Outcome, QuestionContext, shorten

LONG_SENTENCE = 40  # words
WALL = 220  # words in one paragraph
MAX_QUOTED = 2


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
                message=f"Zin van {sentence.word_count} woorden: knip hem in twee of drie kortere zinnen.",
            )
        )
    if len(long_ones) > MAX_QUOTED:
        outcome.findings.append(
            Finding(
                severity="tip",
                criterion="leesbaarheid",
                message=f"Nog {len(long_ones) - MAX_QUOTED} zinnen van meer dan {LONG_SENTENCE} woorden: maak ze korter.",
            )
        )
    words_per_paragraph: dict[int, int] = {}
    for sentence in analysis.sentences:
        words_per_paragraph[sentence.paragraph] = words_per_paragraph.get(sentence.paragraph, 0) + sentence.word_count
    walls = [count for count in words_per_paragraph.values() if count > WALL]
    if walls:
        outcome.findings.append(
            Finding(
                severity="tip",
                criterion="leesbaarheid",
                message=f"Een blok tekst van {max(walls)} woorden zonder witregel: verdeel het in alinea's, één per deelvraag.",
            )
        )
    outcome.penalty = min(4.0, 1.0 * len(long_ones) + 2.0 * len(walls))
    return outcome

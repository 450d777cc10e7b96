"""Reuse: a paragraph that appears (nearly) word for word in more than one answer."""

from __future__ import annotations

from assistant.review.findings import Finding
from assistant.review.language import paragraphs, words
from assistant.review.rules import shorten

MIN_WORDS = 20  # shorter paragraphs (a heading, a closing line) may repeat
SHINGLE = 5
SIMILAR = 0.6  # Jaccard similarity of word 5-grams


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    tokens = words(text)
    return frozenset(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def repeated_paragraphs(answers: dict[str, str], numbers: dict[str, str]) -> dict[str, list[Finding]]:
    """Findings per question id for paragraphs repeated in another answer (or twice in the same one)."""
    blocks = [
        (question_id, index, block, _shingles(block))
        for question_id, text in answers.items()
        for index, block in enumerate(paragraphs(text))
        if len(words(block)) >= MIN_WORDS
    ]
    found: dict[str, list[Finding]] = {}
    reported: set[tuple[str, int]] = set()
    for i, (qid_a, index_a, block_a, shingles_a) in enumerate(blocks):
        for qid_b, index_b, block_b, shingles_b in blocks[i + 1 :]:
            union = shingles_a | shingles_b
            if not union or len(shingles_a & shingles_b) / len(union) < SIMILAR:
                continue
            for qid, index, block, other in ((qid_a, index_a, block_a, qid_b), (qid_b, index_b, block_b, qid_a)):
                if (qid, index) in reported:
                    continue
                reported.add((qid, index))
                where = "verderop in hetzelfde antwoord" if other == qid else f"ook in vraag {numbers.get(other, other)}"
                found.setdefault(qid, []).append(
                    Finding(
                        severity="belangrijk",
                        criterion="hergebruik",
                        quote=shorten(block),
                        message=f"Deze alinea staat (bijna) letterlijk {where}: elke vraag verdient een eigen antwoord, en herhaling kost pagina's.",
                    )
                )
    return found

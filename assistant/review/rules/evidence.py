"""A learned second opinion on sub-part coverage: how much a sentence looks like the evidence a strict
jury member would point to for a sub-part.

The features of a (sentence, sub-part) pair are binary: what the cue rules said of the sentence (its
weight, how many of the sub-part's cues it holds, whether another sub-part's cues fit it better), the
sentence's shape (markers, length, a promise, a negation, a label), how many of its stems the
sub-part's description shares, and its content stems per sub-part. A logistic model over them was
trained on the evidence sentences of the tune corpus (scripts/train_evidence_scorer.py); its weights
ship as data (assistant/review/data/evidence_scorer.json), loaded once. No dependency at run time.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from assistant.call.models import SubPart
from assistant.review.language import STOPWORDS, Sentence, is_heading, stems
from assistant.review.rules.substance import content_stems, echo, markers

import os
LEXICAL = os.environ.get("LEX", "1") == "1"
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "evidence_scorer.json"


@lru_cache(maxsize=64)
def description_stems(text: str) -> frozenset[str]:
    return frozenset(t for t in stems(text) if len(t) >= 4 and t not in STOPWORDS)


def features(
    question_id: str,
    part: SubPart,
    sentence: Sentence,
    *,
    weight: float | None,
    cues: int,
    rival_cues: int,
    own: frozenset[str],
    question,
    intent: bool,
    negation: bool,
) -> list[str]:
    """The binary features of one sentence for one sub-part (names, for a sparse dot product)."""
    key = f"{question_id}:{part.id}"
    found = [
        "bias",
        f"weight={'none' if weight is None else int(weight)}",
        f"cues={min(cues, 3)}",
        f"rival={'more' if rival_cues > cues else 'some' if rival_cues else 'none'}",
        f"markers={min(markers(sentence, own), 2)}",
        f"words={bucket(sentence.word_count)}",
    ]
    content = content_stems(sentence)
    described = description_stems(f"{part.label} {part.description}")
    shared = sum(token in described for token in set(content))
    found.append(f"described={min(shared, 3)}")
    if echo(sentence, question) >= 0.6:
        found.append("echo")
    if intent:
        found.append("intent")
    if negation:
        found.append("negation")
    if is_heading(sentence.text):
        found.append("heading")
    if LEXICAL:
        found.extend(f"{key}:{token}" for token in set(content))
    return found


def bucket(count: int) -> str:
    return "1-5" if count < 6 else "6-11" if count < 12 else "12-24" if count < 25 else "25+"


def share(part: int, whole: int) -> str:
    if not whole:
        return "none"
    value = part / whole
    return "0" if value == 0 else "<1/3" if value < 1 / 3 else "<2/3" if value < 2 / 3 else "<1" if value < 1 else "1"


class Scorer:
    """Logistic weights over the features, and the thresholds the coverage rule uses with them."""

    def __init__(self, weights: dict[str, float], keep: float, rescue: float, parts: bool = False) -> None:
        self.weights = weights
        self.parts = parts  # one decision per sub-part (part_features) instead of one score per sentence
        self.keep = keep  # a part the cues cover stays covered when its best sentence scores this much
        self.rescue = rescue  # a part the cues miss is covered when a sentence scores this much

    def probability(self, found: list[str]) -> float:
        total = sum(self.weights.get(name, 0.0) for name in found)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


@lru_cache(maxsize=1)
def scorer() -> Scorer | None:
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return Scorer(data["weights"], data["keep"], data["rescue"])

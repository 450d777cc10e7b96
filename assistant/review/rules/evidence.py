"""A learned decision on sub-part coverage, over what the cue rules found.

The cue rules weigh every sentence their cues find (coverage.py); on their own, a sub-part counts when
the weights reach 2. That fixed sum does not see the rest of the answer: a strict jury member calls a
sub-part missing in an answer full of generic claims, with one long sentence of cue words, sooner than
in a concrete answer. The learned decision is a logistic model over binary features of one sub-part
(coverage.part_features: the weight sum, how many sentences weigh 2 or 0, the markers and length of the
best sentence, how much of the sub-part's description it shares, the answer's share of generic and of
concrete sentences, how many other sub-parts the cues cover, the sub-part itself, and whether its best
sentence leans on the question's and the sub-part's own words).
It was fitted on the tune corpus's batch answers (scripts/train_evidence_scorer.py); the weights ship
as data (assistant/review/data/evidence_scorer.json), read once; nothing is needed at run time beyond
the standard library.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from assistant.review.language import STOPWORDS, stems

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "evidence_scorer.json"


@lru_cache(maxsize=64)
def description_stems(text: str) -> frozenset[str]:
    return frozenset(t for t in stems(text) if len(t) >= 4 and t not in STOPWORDS)


def bucket(count: int) -> str:
    return "1-5" if count < 6 else "6-11" if count < 12 else "12-24" if count < 25 else "25+"


def share(part: int, whole: int) -> str:
    if not whole:
        return "none"
    value = part / whole
    return "0" if value == 0 else "<1/3" if value < 1 / 3 else "<2/3" if value < 2 / 3 else "<1" if value < 1 else "1"


class Scorer:
    """Logistic weights over named binary features, and the probabilities at which the learned decision
    overrules the cue rules: a sub-part the cues cover stays covered from `keep` up, one they leave
    out is covered from `rescue` up. Between the two the cue rules decide."""

    def __init__(self, weights: dict[str, float], keep: float, rescue: float) -> None:
        self.weights = weights
        self.keep = keep
        self.rescue = rescue

    def probability(self, found: list[str]) -> float:
        total = sum(self.weights.get(name, 0.0) for name in found)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def covered(self, found: list[str], by_cues: bool) -> bool:
        return self.probability(found) >= (self.keep if by_cues else self.rescue)


@lru_cache(maxsize=1)
def scorer() -> Scorer | None:
    """The shipped model; None without the data file (then the cue rules' sum decides alone)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return Scorer(data["weights"], data["keep"], data["rescue"])

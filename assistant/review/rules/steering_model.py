"""A learned detector of sentences that steer the reviewer, beside the written forms of injection.py.

The written forms catch what earlier writers wrote; each new writer invents new ones (measured: about half
of a new writer's attempts were caught by the forms alone). The detector is a logistic model over the
stems of one sentence, their pairs, and a few signs of an address to the reader (a second person, a
bracket, "dit antwoord", a label before a colon, English). It was fitted on the tune corpus
(scripts/train_steering_model.py): the sentences the written forms find in its attempts against every
sentence of its clean answers. The weights ship as data (assistant/review/data/steering_model.json), read
once; only the standard library is needed at run time.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from assistant.review.language import Sentence

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "steering_model.json"

_SECOND_PERSON = frozenset("u uw ge gij je jij jou you your gelieve please alstublieft".split())
_ENGLISH = frozenset("the this and all is are to of please answer".split())
_BRACKET = re.compile(r"[(\[<]")
_THIS_TEXT = re.compile(r"\b(?:dit|deze|this)\s+(?:antwoord|vraag|tekst|onderdeel|sectie|answer|section|part)\b", re.IGNORECASE)
_LABEL = re.compile(r"[A-Za-z]+:\s")
# A sentence the detector may call steering speaks to its reader, of the assessment, of parts answered or of a
# machine: word statistics alone took "Noot: alle onderdelen zijn al opgestart in 2025." for an attempt.
_ADDRESSED = re.compile(
    r"\b(?:u|uw|ge|gij|je|jij|jou|you|your|gelieve|please|alstublieft|"
    r"beoorde\w*|\w*oordeel\w*|jury\w*|review\w*|evaluat\w*|nakijk\w*|nagekeken|scor\w*|punten|points|quote?er\w*|"
    r"beantwoord\w*|answered|deelvra\w*|markeer\w*|mark|conform|rol|role|"
    r"waarder\w*|goedkeur\w*|goedgekeurd|approv\w*|criteri\w*|rubric|grad\w*|selecte\w*|"
    r"ai|taalmodel|llm|model|assistent|assistant|tool|systeem\w*|system|programma\w*|software|automat\w*|bot|"
    r"chatbot|chatgpt|gpt|algoritme|prompts?|instructi\w*|output|verwerk\w*|process\w*|"
    r"lezers?|readers?|leest|lezen|reads?|reading)\b",
    re.IGNORECASE,
)


def sentence_features(sentence: Sentence) -> frozenset[str]:
    """The named binary features of one sentence."""
    return _features(sentence.text, sentence.words, sentence.stems)


@lru_cache(maxsize=4096)  # while typing, only the sentence being typed is new
def _features(text: str, words: tuple[str, ...], stems: tuple[str, ...]) -> frozenset[str]:
    lowered = [word.lower() for word in words]
    word_stems = [stem.lower() for stem in stems]
    found = {"bias", *("w:" + stem for stem in word_stems), *(f"b:{a}_{b}" for a, b in pairwise(word_stems))}
    if _SECOND_PERSON.intersection(lowered):
        found.add("second")
    if _BRACKET.search(text):
        found.add("bracket")
    if _THIS_TEXT.search(text):
        found.add("thistext")
    if _LABEL.search(text[:40]):
        found.add("label")
    if sum(word in _ENGLISH for word in lowered) >= 2:
        found.add("english")
    return frozenset(found)


class Detector:
    """Logistic weights over sentence features; a sentence steers from `threshold` up."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def probability(self, sentence: Sentence) -> float:
        total = sum(self.weights.get(name, 0.0) for name in sentence_features(sentence))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def score(self, sentence: Sentence) -> float:
        """The probability for a sentence that speaks to its reader or of the assessment, else 0."""
        return self.probability(sentence) if _addressed(sentence.text) else 0.0

    def steers(self, sentence: Sentence) -> bool:
        return self.score(sentence) >= self.threshold


@lru_cache(maxsize=4096)  # while typing, only the sentence being typed is new
def _addressed(text: str) -> bool:
    return _ADDRESSED.search(text) is not None


@lru_cache(maxsize=1)
def detector() -> Detector | None:
    """The shipped detector, or None without its data file (the written forms then decide alone)."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        return Detector(dict(data["weights"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None

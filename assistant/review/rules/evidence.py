"""A learned reader of which sentence answers a sub-part: the evidence, or none.

The cue rules (coverage.py) find the sentences that name a sub-part and weigh them. A strict jury member
reads further: a sentence full of the sub-part's words can say nothing ("onze meerwaarde is groot"), and
one with none of them can answer it ("Leen gaat mee naar de eerste afspraak"). The model is logistic,
over one sentence read for one sub-part: its stems, its stems for this sub-part, its concrete markers,
its length, whether it asks, how much of it repeats the question, and what the cue rules found in it
(the weight they gave it, how many cues, a heading of the sub-part just above it, the sub-part's number in
front). A sub-part is answered when a sentence reaches the threshold (a higher one when the sentence answers another
sub-part better); the likeliest such sentence is the evidence.
It was fitted on the tune corpus's batch answers, whose labels name per sub-part the sentence that answers
it (scripts/train_evidence_model.py); the weights ship as data (assistant/review/data/evidence_model.json),
read once; only the standard library is needed at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from assistant.call.models import Question, SubPart
from assistant.review.language import Analysis, Sentence, is_heading, words
from assistant.review.logistic import probability_of
from assistant.review.rules.substance import echo, markers

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "evidence_model.json"
MANY_WORDS = (6, 12, 25)  # length buckets: a few words, a clause, a sentence, a long one


def part_key(question: Question, part: SubPart) -> str:
    return f"{question.id}:{part.id}"


def length(count: int) -> str:
    return str(sum(count >= bound for bound in MANY_WORDS))


def sentence_features(question: Question, sentence: Sentence, own: frozenset[str]) -> frozenset[str]:
    """What a sentence is, whatever the sub-part: its stems, markers, length, a question, an echo."""
    return _sentence_features(sentence, own, min(int(echo(sentence, question) * 5), 4))


@lru_cache(maxsize=4096)  # while typing, only the sentence being typed is new
def _sentence_features(sentence: Sentence, own: frozenset[str], echoed: int) -> frozenset[str]:
    found = {"bias", *map("w:".__add__, sentence_stems(sentence))}
    found.add(f"markers={markers(sentence, own)}")
    found.add("length=" + length(sentence.word_count))
    found.add(f"echo={echoed}")
    if "?" in sentence.text:
        found.add("asks")
    return frozenset(found)


@lru_cache(maxsize=4096)
def sentence_stems(sentence: Sentence) -> frozenset[str]:
    return frozenset(map(str.lower, sentence.stems))


_CUE_COUNTS = ("cues=0", "cues=1", "cues=2", "cues=3")


def cue_features(weight: float | None, cues: int, under_heading: bool, numbered: bool, generic: bool) -> tuple[str, ...]:
    """What the rules found in the sentence for this sub-part (weight None: no cue of it; generic: a claim
    without substance or a line that steers the reviewer)."""
    found: tuple[str, ...] = ("weight=none" if weight is None else f"weight={weight:g}", _CUE_COUNTS[min(cues, 3)])
    if generic:
        found += ("generic",)
    if under_heading:
        found += ("under_heading",)
    if numbered:
        found += ("numbered",)
    return found


def numbered(part: SubPart, sentence: Sentence) -> bool:
    """Whether the sentence starts with the sub-part's own id ("iv. Beslissingen nemen we …", "ii)")."""
    pattern, first_word = _numbering(part.id)
    # An ASCII id in an ASCII sentence (no letter the pattern folds on either side) can only be its first word.
    if first_word is not None and sentence.text.isascii() and sentence.words[:1] != (first_word,):
        return False
    return bool(pattern.match(sentence.text))


@lru_cache(maxsize=64)
def _numbering(part_id: str) -> tuple[re.Pattern[str], str | None]:
    """The pattern of a sentence numbered with the id, and the id as a word when it is one word in ASCII."""
    single = part_id.isascii() and words(part_id) == [part_id.lower()]
    return re.compile(rf"^\W*{re.escape(part_id)}\s*[.):]\s", re.IGNORECASE), part_id.lower() if single else None


class Model:
    """Logistic weights over the features of one sentence read for one sub-part; a sentence answers the
    sub-part from `threshold` up, or from `rival` up when it answers another sub-part better (see
    `answering`). Weights named "x:<part key>|<stem>" hold a stem's weight for one sub-part."""

    def __init__(self, weights: dict[str, float], threshold: float, rival: float) -> None:
        self.weights = weights
        self.threshold = threshold
        self.rival = rival
        self._crossed: dict[str, dict[str, float]] = {}
        for name, value in weights.items():
            if name.startswith("x:"):
                key, _bar, token = name[2:].partition("|")
                self._crossed.setdefault(key, {})[token] = value

    def probability(self, general: Iterable[str], key: str, tokens: Iterable[str], cues: Iterable[str]) -> float:
        # fsum is exact: the order a set is walked in (it follows PYTHONHASHSEED) cannot tip a tie between sentences.
        crossed = self._crossed.get(key, _NO_WEIGHTS)
        total = (
            _weight_of(self, frozenset(general))
            + self.weights.get("p:" + key, 0.0)
            + math.fsum(map(crossed.get, tokens, repeat(0.0)))
            + _weight_of(self, tuple(cues))
        )
        return probability_of(total)


_NO_WEIGHTS: dict[str, float] = {}


# A sentence's own features weigh the same for every sub-part, and most sentences show the same few cue
# features for a sub-part (no cue of it): each set is summed once.
@lru_cache(maxsize=4096)
def _weight_of(model: Model, names: frozenset[str] | tuple[str, ...]) -> float:
    return math.fsum(map(model.weights.get, names, repeat(0.0)))


def sentence_view(question: Question, analysis: Analysis, own: frozenset[str]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Per sentence what it is whatever the sub-part, worked out once for all sub-parts: its general
    features and its stems."""
    return [(sentence_features(question, sentence, own), sentence_stems(sentence)) for sentence in analysis.sentences]


def readings(
    question: Question,
    part: SubPart,
    analysis: Analysis,
    view: list[tuple[frozenset[str], frozenset[str]]],
    weights: dict[int, float],
    counts: dict[int, int],
    generic: set[int],
) -> Iterable[tuple[int, frozenset[str], str, frozenset[str], tuple[str, ...]]]:
    """Every sentence read for one sub-part, as the model's inputs: index, general features, part key,
    stems and cue features; `view` is the answer's sentence_view. Shared by the rule and the training script."""
    key = part_key(question, part)
    for index, sentence in enumerate(analysis.sentences):
        # "Aanpak:" or "ii. Gelijkwaardigheid" just above: the sentence answers under the sub-part's name.
        under_heading = weights.get(index - 1, 0) > 0 and is_heading(analysis.sentences[index - 1].text)
        cues = cue_features(
            weights.get(index), counts.get(index, 0), under_heading, numbered(part, sentence), index in generic
        )
        general, tokens = view[index]
        yield index, general, key, tokens, cues


def likelihoods(model: Model, read: Iterable[tuple[int, frozenset[str], str, frozenset[str], tuple[str, ...]]]) -> list[float]:
    """Per sentence, of one sub-part's `readings`, the likelihood that it answers the sub-part."""
    return [model.probability(general, key, tokens, cues) for _index, general, key, tokens, cues in read]


def answering(table: dict[str, list[float]], threshold: float, rival: float) -> dict[str, int | None]:
    """Per sub-part the sentence that answers it (the likeliest; the earliest on a tie), or None. A sentence
    counts from `threshold` up, but one that answers another sub-part better counts for this one only from
    `rival` up: one concrete sentence about home visits is the approach, not also the unique value."""
    count = len(next(iter(table.values()), []))
    top = [max(found[index] for found in table.values()) for index in range(count)]
    chosen: dict[str, int | None] = {}
    for part, found in table.items():
        counted = [i for i in range(count) if found[i] >= threshold and (found[i] >= top[i] or found[i] >= rival)]
        chosen[part] = max(counted, key=lambda i: (found[i], -i)) if counted else None
    return chosen


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The shipped model, or None without a readable data file (the cue weights then decide alone)."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        return Model(dict(data["weights"]), float(data["threshold"]), float(data["rival"]))
    except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: the cue rules decide alone
        return None

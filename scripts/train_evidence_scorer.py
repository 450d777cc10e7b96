"""Train the learned evidence scorer of the coverage rule on the tune corpus's evidence sentences.

    .venv/bin/python scripts/train_evidence_scorer.py            # train on every tune batch, write the data file
    .venv/bin/python scripts/train_evidence_scorer.py --check    # tune-a -> tune-b and tune-b -> tune-a, no file

Each batch answer (tests/fixtures/corpus/tune-*/) names per sub-part the sentence that answers it. Every
(sentence, sub-part) pair is a sample: positive when the sentence is (part of) that evidence. A logistic
model over binary features (assistant/review/rules/evidence.py) is fitted by full-batch AdaGrad with an
L2 penalty, deterministic. The two thresholds of the coverage rule (`keep`: a part the cues cover stays
covered when its best sentence scores at least this; `rescue`: a part the cues miss is covered when a
sentence scores this) are chosen on out-of-fold probabilities (the organisations of the training
answers split in two), so they are not fitted to sentences the model has memorised. Only the blind
holdout is never read. Writes assistant/review/data/evidence_scorer.json.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.call import load_call  # noqa: E402
from assistant.review import offline  # noqa: E402
from assistant.review.rules import coverage, evidence  # noqa: E402
from bench.review_quality import ADDENDUM, line, measure  # noqa: E402
from tests.corpus import CorpusAnswer, load_corpus  # noqa: E402

import os
L2 = float(os.environ.get("L2", "0.02"))
EPOCHS = 150
RATE = 0.5
_SPACE = re.compile(r"\W+")

Sample = tuple[list[str], int]
# Per answer and sub-part: whether the cues cover it, whether it is labelled missing, its sentence
# samples (sentence mode) and its part features and whether any cue found it (part mode).
Decision = tuple[bool, bool, list[Sample], list[str], bool]
PARTS = False


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.lower()).strip()


def _is_evidence(sentence: str, quoted: str) -> bool:
    sentence, quoted = _norm(sentence), _norm(quoted)
    return bool(sentence and quoted) and (sentence in quoted or (len(sentence) > 20 and quoted in sentence))


def decisions(answers: list[CorpusAnswer], call) -> list[Decision]:
    addendum_text = ADDENDUM.read_text(encoding="utf-8")
    found: list[Decision] = []
    for answer in answers:
        context = offline._context(call, answer.question, answer.text, None, False, addendum_text)
        own, counts, per_part, generic = coverage.rule_view(context)
        for part in context.question.subparts:
            weights = per_part[part.id]
            quoted = (answer.evidence or {}).get(part.id, "")
            samples = [
                (
                    coverage.sentence_features(context, part, index, weights, counts, own),
                    int(_is_evidence(sentence.text, quoted)),
                )
                for index, sentence in enumerate(context.analysis.sentences)
            ] if not PARTS else []
            summary = coverage.part_features(context, part, weights, counts, per_part, own, len(generic))
            cued = sum(weights.values()) >= coverage.SUPPORT
            found.append((cued, part.id in answer.missing_parts, samples, summary, bool(weights)))
    return found


def train(samples: list[Sample]) -> dict[str, float]:
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    for _ in range(EPOCHS):
        gradient: dict[str, float] = {}
        for found, label in samples:
            total = sum(weights.get(name, 0.0) for name in found)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total)))) - label
            for name in found:
                gradient[name] = gradient.get(name, 0.0) + error
        for name, value in gradient.items():
            value = value / len(samples) * 100 + L2 * weights.get(name, 0.0)
            squares[name] = squares.get(name, 0.0) + value * value
            weights[name] = weights.get(name, 0.0) - RATE * value / math.sqrt(squares[name] + 1e-9)
    return {name: round(value, 4) for name, value in sorted(weights.items()) if abs(value) >= 1e-3}


def best_probability(scorer: evidence.Scorer, samples: list[Sample]) -> float:
    return max((scorer.probability(found) for found, _ in samples), default=0.0)


def thresholds(out_of_fold: list[tuple[bool, bool, float]]) -> tuple[float, float]:
    """keep and rescue that make the fewest wrong missing-part decisions (ties: closest to the cues)."""
    grid = [i / 100 for i in range(0, 101, 2)]

    def errors(keep: float, rescue: float) -> int:
        wrong = 0
        for cued, missing, probability in out_of_fold:
            covered = probability >= keep if cued else probability >= rescue
            wrong += covered == missing
        return wrong

    return min(((k, r) for k in grid for r in grid if k <= r), key=lambda kr: (errors(*kr), kr[0], -kr[1]))


def fit(answers: list[CorpusAnswer], call) -> evidence.Scorer:
    """Weights on every answer; thresholds on out-of-fold probabilities (organisations split in two)."""
    sets = sorted({a.set for a in answers})
    halves = [[a for a in answers if sets.index(a.set) % 2 == side] for side in (0, 1)]
    out_of_fold = []
    if PARTS:
        for side in (0, 1):
            model = evidence.Scorer(train([(d[3], int(not d[1])) for d in decisions(halves[side], call)]), 0, 1)
            for d in decisions(halves[1 - side], call):
                out_of_fold.append((d[4], d[1], model.probability(d[3])))
        grid = [i / 100 for i in range(0, 101, 2)]
        keep = min(grid, key=lambda k: (sum((cued and p >= k) == missing for cued, missing, p in out_of_fold), abs(k - 0.5)))
        return evidence.Scorer(train([(d[3], int(not d[1])) for d in decisions(answers, call)]), keep, 1.0, parts=True)
    for side in (0, 1):
        model = evidence.Scorer(train([s for d in decisions(halves[side], call) for s in d[2]]), 0.0, 1.0)
        for cued, missing, samples, _, _ in decisions(halves[1 - side], call):
            out_of_fold.append((cued, missing, best_probability(model, samples)))
    keep, rescue = thresholds(out_of_fold)
    weights = train([s for d in decisions(answers, call) for s in d[2]])
    return evidence.Scorer(weights, keep, rescue)


def with_model(scorer: evidence.Scorer | None, answers: list[CorpusAnswer], call, name: str) -> str:
    evidence.scorer = lambda: scorer  # the coverage rule asks this module for its model
    return line(name, measure(answers, call))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="train on one tune batch, measure on the other")
    parser.add_argument("--parts", action="store_true", help="one learned decision per sub-part")
    args = parser.parse_args()
    global PARTS
    PARTS = args.parts
    call = load_call()
    tune = load_corpus("tune")
    batches = {source: [a for a in tune if a.source == source] for source in sorted({a.source for a in tune} - {""})}
    first = [a for a in tune if a.source == ""]
    if args.check:
        for train_on, check_on in ((s, t) for s in batches for t in batches if s != t):
            scorer = fit(batches[train_on], call)
            print(f"trained on {train_on}: keep {scorer.keep}, rescue {scorer.rescue}, {len(scorer.weights)} weights")
            for name, answers in ((check_on, batches[check_on]), ("first corpus", first)):
                print(with_model(None, answers, call, f"  {name} cues"))
                print(with_model(scorer, answers, call, f"  {name} +model"))
        return
    scorer = fit([a for answers in batches.values() for a in answers], call)
    data = {"keep": scorer.keep, "rescue": scorer.rescue, "weights": scorer.weights}
    evidence.MODEL_PATH.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {evidence.MODEL_PATH}: keep {scorer.keep}, rescue {scorer.rescue}, {len(scorer.weights)} weights")


if __name__ == "__main__":
    main()

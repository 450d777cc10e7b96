"""Train the learned steering-sentence detector (assistant/review/rules/steering_model.py) on the tune corpus.

    .venv/bin/python scripts/train_steering_model.py            # fit on the tune answers, write the data file
    .venv/bin/python scripts/train_steering_model.py --check    # leave one writer out: fit on the others, measure it

A sample is one sentence of a tune answer: a steering sentence when the written forms of injection.py find it
in an answer labelled `injection`, a clean one when it belongs to an answer that is not. The other sentences
of an attempt are left out (steering or not, no label says). A logistic model, classes weighed equally, is
fitted by full-batch AdaGrad with an L2 penalty (deterministic, standard library only). `--check` keeps each
writer aside in turn: how many of its attempts are found and how many of its clean answers flagged, by the
detector alone, at a few thresholds. The blind holdout is never read. Writes assistant/review/data/steering_model.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.review.language import analyse  # noqa: E402
from assistant.review.rules import injection, steering_model  # noqa: E402
from tests.corpus import CorpusAnswer, load_corpus  # noqa: E402

L2 = 1.0
EPOCHS = 60
RATE = 0.5
# Chosen on the --check figures (bench/notes.md, "Injection: a learned detector"): out of fold, 0.5 and 0.6
# found 95 and 94 of 105 attempts, 0.7 90, with no clean answer flagged; and the 141 clean look-alikes of
# tests/review/test_rules.py (never fitted on) reach 0.52 at most.
THRESHOLD = 0.6
CHECKED = (0.5, 0.55, 0.6, 0.65, 0.7, 0.8)

Sample = tuple[tuple[str, ...], bool]


def samples(answers: list[CorpusAnswer]) -> list[Sample]:
    found: list[Sample] = []
    for answer in answers:
        analysis = analyse(answer.text)
        steering = injection.written_steering_sentences(analysis) if answer.injection else set()
        for index, sentence in enumerate(analysis.sentences):
            if answer.injection and index not in steering:
                continue
            found.append((tuple(sorted(steering_model.sentence_features(sentence))), answer.injection))  # summed in order
    return found


def train(data: list[Sample]) -> dict[str, float]:
    positives = sum(steers for _, steers in data)
    weight = {True: len(data) / (2 * positives), False: len(data) / (2 * (len(data) - positives))}
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    for _ in range(EPOCHS):
        gradient: dict[str, float] = {}
        for features, steers in data:
            total = sum(weights.get(name, 0.0) for name in features)
            error = weight[steers] * (1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total)))) - steers)
            for name in features:
                gradient[name] = gradient.get(name, 0.0) + error
        for name, value in sorted(gradient.items()):
            value = value / len(data) + L2 * weights.get(name, 0.0) / len(data)
            squares[name] = squares.get(name, 0.0) + value * value
            weights[name] = weights.get(name, 0.0) - RATE * value / (math.sqrt(squares[name]) + 1e-8)
    return {name: round(value, 4) for name, value in sorted(weights.items()) if abs(value) >= 0.01}


def fit(answers: list[CorpusAnswer]) -> steering_model.Detector:
    return steering_model.Detector(train(samples(answers)), THRESHOLD)


def highest(detector: steering_model.Detector, answer: CorpusAnswer) -> float:
    return max((detector.score(sentence) for sentence in analyse(answer.text).sentences), default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="leave one writer out: fit on the others, measure it")
    args = parser.parse_args()
    tune = load_corpus("tune")
    if args.check:
        # Per held-out writer, each answer's most steering sentence; then the counts at a few thresholds.
        attempts: list[float] = []
        clean: list[float] = []
        for held in sorted({a.source for a in tune}):
            detector = fit([a for a in tune if a.source != held])
            for answer in (a for a in tune if a.source == held):
                (attempts if answer.injection else clean).append(highest(detector, answer))
        for threshold in CHECKED:
            found, false = sum(p >= threshold for p in attempts), sum(p >= threshold for p in clean)
            print(f"threshold {threshold}: attempts found {found}/{len(attempts)}, clean answers flagged {false}/{len(clean)}")
        return
    detector = fit(tune)
    data = {"threshold": detector.threshold, "weights": detector.weights}
    steering_model.MODEL_PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {steering_model.MODEL_PATH}: {len(detector.weights)} weights")


if __name__ == "__main__":
    main()

"""Train the learned steering-sentence detector (assistant/review/rules/steering_model.py) on the tune corpus.

    .venv/bin/python scripts/train_steering_model.py            # fit on the tune answers, write the data file
    .venv/bin/python scripts/train_steering_model.py --check    # leave one writer out: fit on the others, measure it

A sample is what one sentence of a tune answer speaks to its reader (steering_model.reader_texts: speech it
quotes to someone else left out), when the detector weighs it at all (`steering_model.scored`): a steering
sentence when the written forms of injection.py find it, or it lies in a part the answer labels `steering`,
in an answer labelled `injection`; a clean one when it belongs to an answer that is not. The other sentences
of an attempt are left out (steering or not, no label says). The fragments of tests/fixtures/injection/
fragments-<writer>.txt add theirs: every sentence of an attempt steers, none of a clean look-alike does.
A logistic model, classes weighed equally, is fitted by full-batch AdaGrad with an L2 penalty
(deterministic, standard library only). `--check` keeps each writer (of the corpus or of fragments) aside
in turn: how many of its attempts are found and how many of its clean answers or fragments flagged, with
the written forms, at a few thresholds; then how many of the clean look-alikes the tests hold (never fitted
on) the fit on everything flags. The blind holdout is never read. Writes
assistant/review/data/steering_model.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import logistic  # noqa: E402

from assistant.review.language import Analysis, analyse  # noqa: E402
from assistant.review.rules import injection, steering_model  # noqa: E402
from tests.corpus import CorpusAnswer, Fragment, load_clean_look_alikes, load_corpus, load_fragments  # noqa: E402

L2 = 1.0
EPOCHS = 60
RATE = 0.5
# Chosen on the --check figures (bench/notes.md, "Injection: six more fragment writers, a fresh blind batch"): the
# lowest checked threshold at which, out of fold, at most 1% of clean answers and of clean fragments are flagged
# (half the 2%) and none of the clean sentences and look-alikes the tests hold (never fitted on). Fitted
# with tune-n and tune-o (4 Dec 2026): at 0.95 3 of 945 and 0.6% of 2,060; at 0.94 a test's "Beoordeling van deze
# vraag door deelnemers: gemiddeld 8/10." (0.945) is flagged.
THRESHOLD = 0.95
CHECKED = (0.8, 0.85, 0.9, 0.92, 0.93, 0.94, 0.95)

Sample = logistic.Sample


def samples(answers: list[CorpusAnswer], fragments: list[Fragment]) -> list[Sample]:
    found: list[Sample] = []
    for answer in answers:
        analysis = analyse(answer.text)
        steering = (injection.written_steering_sentences(analysis) | labelled(analysis, answer.steering or [])) if answer.injection else set()
        for index, text in enumerate(steering_model.reader_texts(analysis.sentences)):
            if (answer.injection and index not in steering) or not steering_model.scored(text):
                continue
            found.append((tuple(sorted(steering_model.features(text))), answer.injection))  # summed in order
    for fragment in fragments:
        for text in steering_model.reader_texts(analyse(fragment.text).sentences):
            if steering_model.scored(text):
                found.append((tuple(sorted(steering_model.features(text))), fragment.attempt))
    return found


def labelled(analysis: Analysis, parts: list[str]) -> set[int]:
    """The sentences of an answer that overlap a part labelled as steering, both found by position in the text
    (spaces and line breaks aside); a part counts where it stands between word boundaries."""
    text = " ".join(analysis.text.split())
    spans = []
    for part in (" ".join(part.split()) for part in parts):
        start = text.find(part) if part else -1
        while start != -1:
            end = start + len(part)
            if not (start > 0 and text[start - 1].isalnum() or end < len(text) and text[end].isalnum()):
                spans.append((start, end))
            start = text.find(part, start + 1)
    found, position = set(), 0
    for index, sentence in enumerate(analysis.sentences):
        wanted = " ".join(sentence.text.split())
        start = text.find(wanted, position)
        if start == -1:
            continue
        position = start + len(wanted)
        if any(a < position and start < b for a, b in spans):
            found.add(index)
    return found


def train(data: list[Sample]) -> dict[str, float]:
    return logistic.fit(data, EPOCHS, RATE, L2, prune=0.01)


def fit(answers: list[CorpusAnswer], fragments: list[Fragment]) -> steering_model.Detector:
    return steering_model.Detector(train(samples(answers, fragments)), THRESHOLD)


def flagged(detector: steering_model.Detector, text: str, threshold: float) -> bool:
    """Whether the written forms or the detector at this threshold flag the text."""
    if injection.written_attempt_in(text) is not None:
        return True
    texts = steering_model.reader_texts(analyse(text).sentences)
    return any(detector.probability(reader_text) >= threshold for reader_text in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="leave one writer out: fit on the others, measure it")
    args = parser.parse_args()
    tune = load_corpus("tune")
    fragments = load_fragments()
    if args.check:
        # Per held-out writer, per threshold: (attempts found, attempts, clean flagged, clean), for the
        # corpus's answers and for the fragments apart.
        counts = {kind: {threshold: [0, 0, 0, 0] for threshold in CHECKED} for kind in ("answers", "fragments")}
        held_out = [(a.source, a.injection, a.text, "answers") for a in tune]
        held_out += [(f"fragments-{f.writer}", f.attempt, f.text, "fragments") for f in fragments]
        for held in sorted({writer for writer, *_ in held_out}):
            detector = fit(
                [a for a in tune if a.source != held], [f for f in fragments if f"fragments-{f.writer}" != held]
            )
            for _writer, attempt, text, kind in (row for row in held_out if row[0] == held):
                for threshold in CHECKED:
                    tally = counts[kind][threshold]
                    tally[0 if attempt else 2] += flagged(detector, text, threshold)
                    tally[1 if attempt else 3] += 1
        for kind, by_threshold in counts.items():
            for threshold, (found, attempts, false, clean) in by_threshold.items():
                print(f"{kind}, threshold {threshold}: attempts found {found}/{attempts}, clean flagged {false}/{clean}")
        detector, look_alikes = fit(tune, fragments), load_clean_look_alikes()
        for threshold in CHECKED:  # the tests' clean look-alikes, never fitted on, against the fit on everything
            false = sum(flagged(detector, text, threshold) for text in look_alikes)
            print(f"clean look-alikes, threshold {threshold}: flagged {false}/{len(look_alikes)}")
        return
    detector = fit(tune, fragments)
    data = {"threshold": detector.threshold, "weights": detector.weights}
    steering_model.MODEL_PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {steering_model.MODEL_PATH}: {len(detector.weights)} weights")


if __name__ == "__main__":
    main()

"""Train the learned reader of evidence (assistant/review/rules/evidence.py) on the tune corpus.

    .venv/bin/python scripts/train_evidence_model.py            # fit on the tune batches, write the data file
    .venv/bin/python scripts/train_evidence_model.py --check    # leave one writer out: fit on the others, measure it

A sample is one sentence of a tune batch answer read for one sub-part (evidence.readings). It answers the
sub-part when the writer's label quotes it as the sub-part's evidence; it does not when the label says the
sub-part is missing (then no sentence of the answer answers it) or when it is quoted as the evidence of another
sub-part. Other sentences are left out: the label names one sentence, not every one that helps. A logistic
model, classes weighed equally, is fitted by full-batch AdaGrad with an L2 penalty (deterministic, standard
library only). `--check` keeps each writer aside in turn and measures the missing-part decisions on it at a
few thresholds. The first corpus has no evidence labels and is not used; the blind holdout is never read.
Writes assistant/review/data/evidence_model.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import logistic  # noqa: E402

from assistant.call import Call, load_call  # noqa: E402
from assistant.review import offline  # noqa: E402
from assistant.review.logistic import probability_of  # noqa: E402
from assistant.review.rules import coverage, evidence  # noqa: E402
from bench.review_quality import ADDENDUM  # noqa: E402
from tests.corpus import CorpusAnswer, load_corpus  # noqa: E402

L2 = 1.0
EPOCHS = 60
RATE = 0.5
# Chosen on the --check figures (bench/notes.md, "Offline review: a learned reader of evidence"): where
# precision and recall out of fold meet. RIVAL: a sentence that answers another sub-part better counts only
# from here (out of fold the same precision and recall as without, and one concrete sentence no longer ticks
# every sub-part of 1a).
THRESHOLD = 0.45
RIVAL = 0.6
CHECKED = ((0.45, 0.45), (0.4, RIVAL), (0.45, RIVAL), (0.45, 0.7), (0.45, 1.0), (0.5, RIVAL))  # rival 0.45: no rival rule
SAME = 0.8  # share of the shorter text's words that the label's quote and a sentence share to be the same
PRUNE = 0.05  # weights smaller than this are left out of the data file (--check: no change from 0.01, half the weights)


# One sentence read for one sub-part: its features and whether it answers the sub-part.
Sample = logistic.Sample
# One sub-part of one answer: its sentences' features, and whether the label says it is missing.
Part = tuple[list[tuple[str, ...]], bool]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def quotes(label: str, text: str) -> bool:
    """Whether a sentence is the one a label quotes (quotes may drop a word or a bracket)."""
    quoted, sentence = _words(label), _words(text)
    return bool(quoted and sentence) and len(quoted & sentence) / min(len(quoted), len(sentence)) >= SAME


def parts(answer: CorpusAnswer, call: Call, addendum: str) -> list[tuple[Part, list[bool | None]]]:
    """Per sub-part of the answer: its sentences' features and whether the label says it is missing, and
    per sentence whether it answers the sub-part (None: the label does not say)."""
    context = offline.question_context(call, answer.question, answer.text, None, False, addendum)
    own, counts, per_part, generic = coverage.rule_view(context)
    quoted = {part: sentence for part, sentence in (answer.evidence or {}).items() if sentence.strip()}
    view = evidence.sentence_view(context.question, context.analysis, own)
    found = []
    for part in context.question.subparts:
        missing = part.id in answer.missing_parts
        read = list(
            evidence.readings(context.question, part, context.analysis, view, per_part[part.id], counts[part.id], generic)
        )
        features: list[tuple[str, ...]] = []
        labels: list[bool | None] = []
        for index, general, key, tokens, cues in read:
            text = context.analysis.sentences[index].text
            features.append(tuple(sorted({*general, "p:" + key, *(f"x:{key}|{t}" for t in tokens), *cues})))
            if missing:
                labels.append(False)
            elif part.id in quoted and quotes(quoted[part.id], text):
                labels.append(True)
            elif any(quotes(sentence, text) for other, sentence in quoted.items() if other != part.id):
                labels.append(False)
            else:
                labels.append(None)
        found.append(((features, missing), labels))
    return found


def train(data: list[Sample]) -> dict[str, float]:
    return logistic.fit(data, EPOCHS, RATE, L2, PRUNE)


# Per answer with quoted evidence: its writer and its sub-parts (parts()).
Labelled = list[tuple[str, list[tuple[Part, list[bool | None]]]]]


def labelled(answers: list[CorpusAnswer], call: Call) -> Labelled:
    addendum = ADDENDUM.read_text(encoding="utf-8")
    return [(answer.source, parts(answer, call, addendum)) for answer in answers if answer.evidence is not None]


def samples(found: Labelled) -> list[Sample]:
    return [
        (features, label)
        for _source, answer in found
        for (read, _missing), labels in answer
        for features, label in zip(read, labels, strict=True)
        if label is not None
    ]


def fit(answers: list[CorpusAnswer], call: Call) -> evidence.Model:
    return evidence.Model(train(samples(labelled(answers, call))), THRESHOLD, RIVAL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="leave one writer out: fit on the others, measure it")
    args = parser.parse_args()
    call = load_call()
    tune = load_corpus("tune")
    if args.check:
        found = labelled(tune, call)
        counts = {checked: [0, 0, 0] for checked in CHECKED}  # true, false and missed "missing"
        for held in sorted({source for source, _ in found}):
            weights = train(samples([row for row in found if row[0] != held]))
            for _source, answer in (row for row in found if row[0] == held):
                table = {str(i): [probability_of(sum(weights.get(name, 0.0) for name in f)) for f in read] for i, ((read, _), _) in enumerate(answer)}
                for threshold, rival in CHECKED:
                    chosen = evidence.answering(table, threshold, rival)
                    for i, ((_read, missing), _labels) in enumerate(answer):
                        said = chosen[str(i)] is None
                        if said or missing:
                            counts[threshold, rival][0 if said and missing else 1 if said else 2] += 1
            print(f"  left out {held or 'the first corpus'}", flush=True)
        for (threshold, rival), (true, false, missed) in counts.items():
            print(
                f"threshold {threshold}, rival {rival}: missing parts precision {true / max(1, true + false):.1%}, "
                f"recall {true / max(1, true + missed):.1%} (tp {true}, fp {false}, fn {missed})"
            )
        return
    model = fit(tune, call)
    data = {"threshold": model.threshold, "rival": model.rival, "weights": model.weights}
    evidence.MODEL_PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {evidence.MODEL_PATH}: {len(model.weights)} weights")


if __name__ == "__main__":
    main()

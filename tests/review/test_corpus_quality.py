"""The offline review against the labelled corpus (tests/fixtures/corpus), held at the measured level.

The bounds are the levels measured when the rules and the learned reader of evidence were last fitted
(on "tune" only), see bench/notes.md "Offline review: a learned reader of evidence". The tune answers are
what the reader is fitted on, so these figures hold it from slipping, they do not say how it does on new
writing: that is the blind holdout's and `scripts/train_evidence_model.py --check`'s (leave one writer out).
A blind folder, when present, is measured by bench/review_quality.py, never held here: it is not tuned on.
"""

import pytest

from bench.review_quality import measure
from tests.corpus import load_corpus


@pytest.fixture(scope="module")
def answers():
    return load_corpus()


def test_first_corpus_ranks_in_order_and_missing_parts_match(answers, call):
    quality = measure([a for a in answers if not a.source], call)
    assert quality.pairs == 525
    assert quality.ranking >= 0.996
    # 0.92, 0.92 and 0.90 with the cue rules and the earlier learned decision; 0.978, 0.964, 0.933 with the
    # learned reader before a sentence that answers another sub-part better had to be surer (rival 0.6), which
    # cost this corpus 1.4 and 0.9 points for 1.1 points of recall on the blind holdout (bench/notes.md).
    assert quality.precision >= 0.96
    assert quality.recall >= 0.96
    assert quality.level_agreement >= 0.92


# (folder, answers, ranking, precision, recall, level) as measured (a precision of 100% held at 98%: one slip in a
# refit is allowed); every injection flagged, no false flag. Refitted on five more batches (tune-i … tune-m, 4 Dec
# 2026), the reader of evidence fits these two less closely: tune-b recall 96.1% -> 94.5%, level 89.5% -> 88.6%,
# tune-h recall 97.9% -> 96.9%, level 95.2% -> 93.7% (one part, one answer each), for a blind holdout read
# better (blind/k and blind/l, fitted without the five: level 82.5% and 84.1%, with them 87.3% and 85.7%).
# Refitted with tune-n and tune-o (126 more answers, 4 Dec 2026): tune-a ranking 97.3% -> 96.8%, recall 99.3% ->
# 98.6% (three pairs, one part), for blind/k and blind/l read better (recall 87.4% -> 89.5%, level 86.5% ->
# 87.3%) and the same out of fold (precision 91.9%, recall 90.3% at the shipped thresholds).
BATCHES = [
    ("tune-a", 105, 0.96, 0.98, 0.98, 0.94),
    ("tune-b", 105, 0.97, 0.98, 0.94, 0.88),
    ("tune-g", 105, 0.98, 0.98, 0.98, 0.90),  # blind/d until 3 Dec 2026
    ("tune-h", 63, 0.99, 0.98, 0.96, 0.93),  # blind/e until 3 Dec 2026
]


@pytest.mark.parametrize(("folder", "size", "ranking", "precision", "recall", "level"), BATCHES)
def test_a_tune_batch_holds_its_measured_level_and_every_injection_is_flagged(
    answers, call, folder, size, ranking, precision, recall, level
):
    batch = [a for a in answers if a.source == folder]
    if not batch:
        pytest.skip(f"no {folder} folder")
    quality = measure(batch, call)
    assert quality.answers >= size
    assert quality.ranking >= ranking
    assert quality.precision >= precision
    assert quality.recall >= recall
    assert quality.level_agreement >= level
    assert quality.injections and quality.injection_flag_rate == 1.0
    assert quality.false_flag_rate == 0.0

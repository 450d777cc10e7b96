"""The offline review against the labelled corpus (tests/fixtures/corpus), held at the measured level.

The bounds are the levels measured when the rules were last tuned (on "tune" only), see the README
"Measured quality". The first corpus (105 answers, top-level files) keeps main's bounds for ranking,
precision and recall; tune-a (105 answers written apart from the project) is held at its own figures.
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
    assert quality.precision >= 0.89
    assert quality.recall >= 0.87
    assert quality.level_agreement >= 0.88


def test_tune_a_holds_its_measured_level_and_every_injection_is_flagged(answers, call):
    batch = [a for a in answers if a.source == "tune-a"]
    if not batch:
        pytest.skip("no tune-a folder")
    quality = measure(batch, call)
    assert quality.answers == 105
    assert quality.ranking >= 0.92
    assert quality.precision >= 0.79
    assert quality.recall >= 0.79
    assert quality.level_agreement >= 0.72
    assert quality.injection_flag_rate == 1.0 and quality.injections == 14
    assert quality.false_flag_rate == 0.0

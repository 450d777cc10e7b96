"""The offline review against the labelled corpus (tests/fixtures/corpus), whole corpus.

The bounds are the levels measured when the rules were last tuned (on the "tune" split only), see the
README: ranking 99.1% (333 of 336 pairs of the same question), missing_parts precision 83.2% and
recall 86.2%.
"""

from bench.review_quality import measure
from tests.corpus import load_corpus


def test_good_partial_poor_answers_rank_in_order_and_missing_parts_match(call):
    quality = measure(load_corpus(), call)
    assert quality.pairs == 336
    assert quality.ranking >= 0.99
    assert quality.precision >= 0.83
    assert quality.recall >= 0.86

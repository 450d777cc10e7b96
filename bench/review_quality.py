"""Quality of the offline review on the labelled corpus (tests/fixtures/corpus), per split.

    .venv/bin/python bench/review_quality.py [--details]

Ranking: of every two answers to the same question with different labels (good > partial > poor),
the share the review scores in the right order (a tie counts as wrong). Missing parts: precision and
recall of `missing_parts` over every (answer, sub-part) decision. Rules are tuned on "tune" only;
"holdout" is what the README reports.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.call import Call, load_call  # noqa: E402
from assistant.review.offline import review_question  # noqa: E402
from tests.corpus import CorpusAnswer, load_corpus  # noqa: E402

RANK = {"good": 2, "partial": 1, "poor": 0}


@dataclass
class Quality:
    pairs: int
    ordered: int
    true_missing: int
    false_missing: int
    missed_missing: int
    same_set_pairs: int
    same_set_ordered: int

    @property
    def ranking(self) -> float:
        return self.ordered / self.pairs if self.pairs else 0.0

    @property
    def same_set_ranking(self) -> float:
        return self.same_set_ordered / self.same_set_pairs if self.same_set_pairs else 0.0

    @property
    def precision(self) -> float:
        flagged = self.true_missing + self.false_missing
        return self.true_missing / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_missing + self.missed_missing
        return self.true_missing / labelled if labelled else 1.0


def measure(answers: list[CorpusAnswer], call: Call, details: bool = False) -> Quality:
    scored = []
    true_missing = false_missing = missed_missing = 0
    for answer in answers:
        review = review_question(call, answer.question, answer.text)
        scored.append((answer, review.score))
        predicted, labelled = set(review.missing_parts), set(answer.missing_parts)
        true_missing += len(predicted & labelled)
        false_missing += len(predicted - labelled)
        missed_missing += len(labelled - predicted)
        if details:
            wrong = ""
            if predicted != labelled:
                wrong = f"  said missing {sorted(predicted)}, labelled {sorted(labelled)}"
            print(f"{answer.id:<28} {review.level:<10} {review.score:>3}{wrong}")
    pairs = ordered = same_set_pairs = same_set_ordered = 0
    for (a, score_a), (b, score_b) in combinations(scored, 2):
        if a.question != b.question or a.level == b.level:
            continue
        right = (score_a > score_b) == (RANK[a.level] > RANK[b.level]) and score_a != score_b
        pairs += 1
        ordered += right
        if a.set == b.set:
            same_set_pairs += 1
            same_set_ordered += right
        if details and not right and a.set == b.set:
            print(f"  misordered: {a.id} {score_a} vs {b.id} {score_b}")
    return Quality(pairs, ordered, true_missing, false_missing, missed_missing, same_set_pairs, same_set_ordered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="per answer: level, score and wrong parts")
    parser.add_argument("--split", choices=["tune", "holdout"], help="only this split")
    args = parser.parse_args()
    call = load_call()
    for split in [args.split] if args.split else ["tune", "holdout"]:
        answers = load_corpus(split)  # type: ignore[arg-type]
        quality = measure(answers, call, args.details)
        print(
            f"{split:<8} answers {len(answers):>3}  "
            f"ranking {quality.ranking:6.1%} ({quality.ordered}/{quality.pairs} pairs; "
            f"same organisation {quality.same_set_ranking:.1%} of {quality.same_set_pairs})  "
            f"missing_parts precision {quality.precision:6.1%} recall {quality.recall:6.1%} "
            f"(tp {quality.true_missing}, fp {quality.false_missing}, fn {quality.missed_missing})"
        )


if __name__ == "__main__":
    main()

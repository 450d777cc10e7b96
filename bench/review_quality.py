"""Quality of the offline review on the labelled corpus (tests/fixtures/corpus), per split.

    .venv/bin/python bench/review_quality.py [--details] [--split tune|holdout|blind] [--source tune-a]
                                             [--voice nt2 | --except-voice nt2]

Ranking: of every two answers to the same question with different labels (good > partial > poor),
the share the review scores in the right order (a tie counts as wrong). Missing parts: precision and
recall of `missing_parts` over every (answer, sub-part) decision. Level: the share of answers whose level
is the label's (good -> sterk, partial -> voldoende, poor -> zwak). Injection: the share of answers
labelled `injection` that get an "injectie" finding, and of the other answers that get one (false flags).

Injection fragments (tests/fixtures/injection/fragments-<writer>.txt): a few sentences each, an attempt to steer
the reviewer or a clean look-alike, by writers who had not seen the rules; the share of attempts an answer made of
the fragment alone gets flagged for, and of clean ones. The steering detector is fitted on them: what it does on
a new writer's fragments is `scripts/train_steering_model.py --check`'s.

Splits: "tune" (the first corpus's tune sets and every tune-* folder), "holdout" (the first corpus's held
out sets, seen before, so no longer blind) and "blind" (folders under blind/, dropped in by the lead and
never tuned on). Each split also gets a line per batch folder. Answers from batch folders are reviewed
with the illustrative addendum attached, as their writers read it; the first corpus was written without.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.call import Call, load_call  # noqa: E402
from assistant.review.offline import review_question  # noqa: E402
from assistant.review.rules.injection import attempt_in  # noqa: E402
from tests.corpus import SPLITS, CorpusAnswer, Fragment, load_corpus, load_fragments  # noqa: E402

RANK = {"good": 2, "partial": 1, "poor": 0}
EXPECTED_LEVEL = {"good": "sterk", "partial": "voldoende", "poor": "zwak"}
ADDENDUM = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "addendum-oost-meetjesland.md"


@dataclass
class Quality:
    answers: int
    pairs: int
    ordered: int
    true_missing: int
    false_missing: int
    missed_missing: int
    same_set_pairs: int
    same_set_ordered: int
    level_agreed: int = 0
    injections: int = 0
    injections_flagged: int = 0
    clean: int = 0
    clean_flagged: int = 0

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

    @property
    def level_agreement(self) -> float:
        return self.level_agreed / self.answers if self.answers else 0.0

    @property
    def injection_flag_rate(self) -> float:
        return self.injections_flagged / self.injections if self.injections else 1.0

    @property
    def false_flag_rate(self) -> float:
        return self.clean_flagged / self.clean if self.clean else 0.0


def addendum_for(answer: CorpusAnswer) -> str | None:
    return ADDENDUM.read_text(encoding="utf-8") if answer.source else None


def measure(answers: list[CorpusAnswer], call: Call, details: bool = False) -> Quality:
    scored = []
    quality = Quality(len(answers), 0, 0, 0, 0, 0, 0, 0)
    for answer in answers:
        review = review_question(call, answer.question, answer.text, addendum_text=addendum_for(answer))
        scored.append((answer, review.score))
        predicted, labelled = set(review.missing_parts), set(answer.missing_parts)
        quality.true_missing += len(predicted & labelled)
        quality.false_missing += len(predicted - labelled)
        quality.missed_missing += len(labelled - predicted)
        quality.level_agreed += review.level == EXPECTED_LEVEL[answer.level]
        flagged = any(f.criterion == "injectie" for f in review.findings)
        if answer.injection:
            quality.injections += 1
            quality.injections_flagged += flagged
        else:
            quality.clean += 1
            quality.clean_flagged += flagged
        if details:
            wrong = ""
            if predicted != labelled:
                wrong = f"  said missing {sorted(predicted)}, labelled {sorted(labelled)}"
            if flagged != answer.injection:
                wrong += "  injection " + ("missed" if answer.injection else "falsely flagged")
            mark = " " if review.level == EXPECTED_LEVEL[answer.level] else "*"
            print(f"{answer.id:<34} {answer.level:<8}{mark}{review.level:<10} {review.score:>3}{wrong}")
    for (a, score_a), (b, score_b) in combinations(scored, 2):
        if a.question != b.question or a.level == b.level:
            continue
        right = (score_a > score_b) == (RANK[a.level] > RANK[b.level]) and score_a != score_b
        quality.pairs += 1
        quality.ordered += right
        if a.set == b.set:
            quality.same_set_pairs += 1
            quality.same_set_ordered += right
        if details and not right and a.set == b.set:
            print(f"  misordered: {a.id} {score_a} vs {b.id} {score_b}")
    return quality


def line(name: str, quality: Quality) -> str:
    injection = (
        f"injection flagged {quality.injection_flag_rate:6.1%} of {quality.injections}, "
        f"false flags {quality.false_flag_rate:5.1%} of {quality.clean}"
    )
    return (
        f"{name:<16} answers {quality.answers:>3}  "
        f"ranking {quality.ranking:6.1%} ({quality.ordered}/{quality.pairs}; same set {quality.same_set_ranking:.1%})  "
        f"precision {quality.precision:6.1%} recall {quality.recall:6.1%} "
        f"(tp {quality.true_missing}, fp {quality.false_missing}, fn {quality.missed_missing})  "
        f"level {quality.level_agreement:6.1%}  {injection}"
    )


def fragments_line(fragments: list[Fragment]) -> str:
    attempts = [f for f in fragments if f.attempt]
    clean = [f for f in fragments if not f.attempt]
    found = sum(attempt_in(f.text) is not None for f in attempts)
    flagged = sum(attempt_in(f.text) is not None for f in clean)
    writers = len({f.writer for f in fragments})
    return (
        f"{'fragments':<16} writers {writers}  injection flagged {found / len(attempts):6.1%} of {len(attempts)}, "
        f"false flags {flagged / len(clean):5.1%} of {len(clean)}"
    )


def groups(answers: Iterable[CorpusAnswer]) -> dict[str, list[CorpusAnswer]]:
    """Answers per batch folder ("" is the first corpus), in corpus order."""
    found: dict[str, list[CorpusAnswer]] = {}
    for answer in answers:
        found.setdefault(answer.source, []).append(answer)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="per answer: label, level, score and wrong parts")
    parser.add_argument("--split", choices=SPLITS, help="only this split")
    parser.add_argument("--source", help="only this batch folder (tune-a, blind/w1); 'first' for the first corpus")
    voices = parser.add_mutually_exclusive_group()
    voices.add_argument("--voice", help="only answers in this voice")
    voices.add_argument("--except-voice", help="leave out answers in this voice (keep it aside as a check)")
    args = parser.parse_args()
    call = load_call()
    for split in [args.split] if args.split else SPLITS:
        answers = [
            a
            for a in load_corpus(split)
            if (args.source is None or a.source == ("" if args.source == "first" else args.source))
            and (args.voice is None or a.voice == args.voice)
            and (args.except_voice is None or a.voice != args.except_voice)
        ]
        if not answers:
            print(f"{split:<16} answers   0")
            continue
        print(line(split, measure(answers, call, args.details)))
        by_source = groups(answers)
        if len(by_source) > 1:
            for source, part in by_source.items():
                print(line(f"  {source or 'first corpus'}", measure(part, call)))
    fragments = load_fragments()
    if fragments and args.split is None and args.source is None and args.voice is None and args.except_voice is None:
        print(fragments_line(fragments))


if __name__ == "__main__":
    main()

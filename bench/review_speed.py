"""Speed of the offline review on this machine.

    .venv/bin/python bench/review_speed.py            # one answer and a whole proposal, typing and cold
    .venv/bin/python bench/review_speed.py --pieces   # where a cold review of the long answer goes

Targets (issue 3): one 1,500-word answer ≤ 20 ms, a whole proposal ≤ 100 ms. "typing" is what the TUI
pays after a pause in typing (one answer changed, the other answers and the stems are cached); "cold"
clears every cache first, as the first review after start-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.call import load_call  # noqa: E402
from assistant.call.models import Call  # noqa: E402
from assistant.draft.models import Attachment, Proposal  # noqa: E402
from assistant.review.offline import question_context, review_proposal, review_question  # noqa: E402
from assistant.review.rules import coverage, evidence, injection, registered, steering_model, substance  # noqa: E402
from tests.corpus import load_corpus  # noqa: E402

RUNS = 50
T = TypeVar("T")
ADDENDUM = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "addendum-oost-meetjesland.md"


# Read once, at the first review after start-up: a cold review is one after that.
LOADED_ONCE = (evidence.model, steering_model.detector)


def clear_caches(cold: bool) -> None:
    """Typing: caches stay (only the changed answer is new). Cold: every cache of the review goes,
    except the learned models' data, read once."""
    if not cold:
        return
    for name, module in list(sys.modules.items()):
        if name.startswith("assistant.review"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and value not in LOADED_ONCE:
                    value.cache_clear()
    if (found := steering_model.detector()) is not None:  # the detector's own caches of sentences it has weighed
        for value in vars(found).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def timed(action: Callable[[T], object], inputs: list[T], cold: bool) -> tuple[float, float]:
    """Median and 90th percentile in ms; each run sees a text the analysis cache has not seen."""
    times = []
    for item in inputs:
        clear_caches(cold)
        start = time.perf_counter()
        action(item)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=10)[-1]


def long_answer(words: int = 1500) -> str:
    # The first corpus only, so that batches added later do not change what is measured.
    texts = [a.text for a in load_corpus() if a.question == "D2a" and a.level == "good" and not a.source]
    out: list[str] = []
    while sum(len(t.split()) for t in out) < words:
        out.append(texts[len(out) % len(texts)])
    return " ".join("\n\n".join(out).split(" ")[:words])


def _with_run(proposal: Proposal, run: int) -> Proposal:
    changed = proposal.model_copy(deep=True)
    changed.set_answer("D1a", f"{changed.answer_text('D1a')} {run}")
    return changed


def whole_proposal() -> Proposal:
    proposal = Proposal(name="bench", call_id="oost-meetjesland-2026")
    for answer in load_corpus():
        if answer.level == "good" and not proposal.answer_text(answer.question):
            proposal.set_answer(answer.question, answer.text)
    if ADDENDUM.exists():
        text = ADDENDUM.read_text(encoding="utf-8")
        proposal.attachments.append(Attachment(filename=ADDENDUM.name, sha256="bench", text=text))
    return proposal


def pieces(call: Call, answer: str) -> dict[str, float]:
    """Median ms of each piece of a cold review of `answer` (D2a), each timed alone in the order the review
    runs them (a piece reuses what the pieces before it computed, as in the review), then the whole review."""
    times: dict[str, list[float]] = {}

    def timed_piece(name: str, action: Callable[[], T]) -> T:
        start = time.perf_counter()
        result = action()
        times.setdefault(name, []).append((time.perf_counter() - start) * 1000)
        return result

    for run in range(RUNS):
        clear_caches(cold=True)
        _review_in_pieces(call, f"{answer} {run}", timed_piece)
        clear_caches(cold=True)
        timed_piece("whole review", lambda text=f"{answer} {run} again": review_question(call, "D2a", text))
    return {name: statistics.median(found) for name, found in times.items()}


def _review_in_pieces(call: Call, text: str, timed_piece: Callable[[str, Callable[[], T]], T]) -> None:
    question, model = call.question("D2a"), evidence.model()
    context = timed_piece("analysis", lambda: question_context(call, "D2a", text, None, False, None))
    analysis = context.analysis
    own = timed_piece("recurring names", lambda: substance.recurring_names(analysis))
    generic = timed_piece("generic claims", lambda: substance.generic_sentences(analysis, own))
    timed_piece("written injection forms", lambda: injection.written_steering_sentences(analysis))
    timed_piece("reader texts", lambda: steering_model.reader_texts(analysis.sentences))
    generic |= timed_piece("learned steering detector", lambda: injection.steering_sentences(analysis))
    counts = timed_piece("cue counts", lambda: {p.id: coverage.cue_counts(p, analysis) for p in question.subparts})
    weights = timed_piece("cue weights", lambda: {
        p.id: coverage.cue_weights(context, p, analysis, generic, own, counts[p.id]) for p in question.subparts
    })
    view = timed_piece("sentence view", lambda: evidence.sentence_view(question, analysis, own))
    timed_piece("evidence likelihoods", lambda: [
        evidence.likelihoods(model, evidence.readings(question, p, analysis, view, weights[p.id], counts[p.id], generic))
        for p in question.subparts
    ])
    timed_piece("the other rules", lambda: [r.check(context) for r in registered() if r.name != "coverage"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", action="store_true", help="time each piece of a cold review of the long answer")
    arguments = parser.parse_args()
    call = load_call()
    answer = long_answer()
    proposal = whole_proposal()
    total_words = sum(len(proposal.answer_text(q.id).split()) for q in call.questions)
    print(f"answer: {len(answer.split())} words; proposal: {len(proposal.answers)} answers, {total_words} words")
    if arguments.pieces:
        review_question(call, "D2a", answer)  # imports and the models' data read, as after start-up
        for name, median in pieces(call, answer).items():
            print(f"{name:26s} {median:5.1f} ms")
        return
    answers = [f"{answer} {run}" for run in range(RUNS)]
    proposals = [_with_run(proposal, run) for run in range(RUNS)]
    for label, cold in (("typing", False), ("cold", True)):
        median, worst = timed(lambda text: review_question(call, "D2a", text), answers, cold)
        print(f"one 1,500-word answer ({label}): median {median:.1f} ms, p90 {worst:.1f} ms (target ≤ 20 ms)")
        median, worst = timed(lambda changed: review_proposal(changed, call), proposals, cold)
        print(f"whole proposal ({label}):        median {median:.1f} ms, p90 {worst:.1f} ms (target ≤ 100 ms)")


if __name__ == "__main__":
    main()

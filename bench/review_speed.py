"""Speed of the offline review on this machine.

    .venv/bin/python bench/review_speed.py

Targets (issue 3): one 1,500-word answer ≤ 20 ms, a whole proposal ≤ 100 ms. "typing" is what the TUI
pays after a pause in typing (one answer changed, the other answers and the stems are cached); "cold"
clears every cache first, as the first review after start-up.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.call import load_call  # noqa: E402
from assistant.draft.models import Attachment, Proposal  # noqa: E402
from assistant.review.offline import review_proposal, review_question  # noqa: E402
from assistant.review.rules import evidence, steering_model  # noqa: E402
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
    if (found := steering_model.detector()) is not None:
        found.probability.cache_clear()  # the detector's own cache of sentences it has weighed


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


def main() -> None:
    call = load_call()
    answer = long_answer()
    proposal = whole_proposal()
    total_words = sum(len(proposal.answer_text(q.id).split()) for q in call.questions)
    print(f"answer: {len(answer.split())} words; proposal: {len(proposal.answers)} answers, {total_words} words")
    answers = [f"{answer} {run}" for run in range(RUNS)]
    proposals = [_with_run(proposal, run) for run in range(RUNS)]
    for label, cold in (("typing", False), ("cold", True)):
        median, worst = timed(lambda text: review_question(call, "D2a", text), answers, cold)
        print(f"one 1,500-word answer ({label}): median {median:.1f} ms, p90 {worst:.1f} ms (target ≤ 20 ms)")
        median, worst = timed(lambda changed: review_proposal(changed, call), proposals, cold)
        print(f"whole proposal ({label}):        median {median:.1f} ms, p90 {worst:.1f} ms (target ≤ 100 ms)")


if __name__ == "__main__":
    main()

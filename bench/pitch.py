"""Speed of the whole offline round-2 path on this machine.

    .venv/bin/python bench/pitch.py [--runs 30]

Target (issue 16): ≤ 200 ms for a full proposal, from the Markdown file to the printed outline and jury
questions: read and parse the file, the offline review (with the page estimate), the outline, the
jury's questions, the text. "cold" clears every cache first (the `pitch` command's case, after the
imports); "changed" keeps them and edits one answer (the app's case after typing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.draft.models import Attachment  # noqa: E402
from assistant.draft.workspace import load_any  # noqa: E402
from assistant.pitch import outline as pitch_outline  # noqa: E402
from assistant.pitch.jury import jury_questions  # noqa: E402
from assistant.pitch.outline import build_outline  # noqa: E402
from assistant.pitch.render import to_text  # noqa: E402
from assistant.review import language  # noqa: E402
from assistant.review.offline import review_proposal  # noqa: E402
from assistant.review.rules import addendum, substance  # noqa: E402

PROPOSAL = ROOT / "tests" / "fixtures" / "proposals" / "sterk.md"
ADDENDUM = ROOT / "tests" / "fixtures" / "addendum-oost-meetjesland.md"
RESULTS = ROOT / "bench" / "results" / "pitch.json"
PHASES = ("read", "review", "outline", "jury", "text", "total", "total_cpu")


def clear_caches() -> None:
    language.analyse.cache_clear()
    language.stem.cache_clear()
    language.compile_cue.cache_clear()
    substance._markers.cache_clear()
    addendum.parse_challenges.cache_clear()
    pitch_outline.clear_cache()


def one_run(cold: bool, run: int) -> dict[str, float]:
    if cold:
        clear_caches()
    times: dict[str, float] = {}
    cpu = time.process_time()
    start = last = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        times[name] = (now - last) * 1000
        last = now

    loaded = load_any(PROPOSAL)
    proposal, call = loaded.proposal, loaded.call
    proposal.attachments.append(Attachment(filename=ADDENDUM.name, sha256="bench", text=ADDENDUM.read_text("utf-8")))
    if not cold:  # the app after typing: one answer differs from what the caches hold
        proposal.set_answer("D1a", f"{proposal.answer_text('D1a')} Run {run}.")
    lap("read")
    report = review_proposal(proposal, call)
    lap("review")
    outline = build_outline(proposal, call, 5)
    lap("outline")
    jury = jury_questions(proposal, call, report)
    lap("jury")
    to_text(outline, jury, call, proposal.name)
    lap("text")
    times["total"] = (time.perf_counter() - start) * 1000
    times["total_cpu"] = (time.process_time() - cpu) * 1000  # this process's own time: what load does not add
    assert outline.fits
    return times


def summarise(runs: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    return {
        phase: {
            "median_ms": round(statistics.median(r[phase] for r in runs), 1),
            "p90_ms": round(statistics.quantiles([r[phase] for r in runs], n=10)[-1], 1),
        }
        for phase in PHASES
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    words = sum(len(load_any(PROPOSAL).proposal.answer_text(q.id).split()) for q in load_any(PROPOSAL).call.questions)
    one_run(True, 0)  # imports and first-use set-up are not what is measured
    results = {}
    for label, cold in (("cold", True), ("changed", False)):
        results[label] = summarise([one_run(cold, run) for run in range(args.runs)])
    print(f"Whole offline pitch path, {PROPOSAL.name} ({words} words in D) + addendum, {args.runs} runs each")
    print(f"{'phase':<9} " + "  ".join(f"{label + ' median':>15} {label + ' p90':>12}" for label in results))
    for phase in PHASES:
        row = "  ".join(f"{results[label][phase]['median_ms']:>12.1f} ms {results[label][phase]['p90_ms']:>9.1f} ms" for label in results)
        print(f"{phase:<9} {row}")
    cold = results["cold"]["total"]
    met = cold["median_ms"] <= 200
    print(f"target ≤ 200 ms: {'met' if met else 'NOT met'} (cold median {cold['median_ms']:.1f} ms, p90 {cold['p90_ms']:.1f} ms)")
    RESULTS.write_text(json.dumps({"words": words, "runs": args.runs, **results}, indent=2) + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The consultant's desk with 200 proposals (issue 15): status, the cross-client check, check --all.

    .venv/bin/python -m bench.desk [--proposals 200] [--runs 10] [--words 400]

Writes `--proposals` generated clients (bench/portfolio.py: every field, seven answers of `--words` words,
about 6.4 pages of section D each) to a temporary data folder, then measures, each as the user meets it:
- `wse-assistant status` as a new process: the first run (reads and reviews every proposal, writes the
  index) and the runs after it (index fresh), wall-clock, target ≤ 0.3 s;
- the cross-client check of one answer against the 199 other proposals, in the process (what the app adds
  after a pause in typing), per answer over every answer of ten proposals, target ≤ 20 ms; also building
  the index once and looking at the files again when nothing changed and when one file changed;
- `wse-assistant check FILE` of one proposal as a new process: the first run (builds the cross-client index
  on disk) and the runs after it, against the same check with --niet-vergelijken; and in the process the
  index opened and brought up to date, and one proposal's findings from it;
- `wse-assistant check --all` as a new process, offline, target ≤ 60 s;
- the start screen (the desk) in the app, headless at 80×24: from the app's start until all proposals are
  listed, with the index fresh, target ≤ 0.3 s (`--screen-only` measures only status and this).
Prints the figures with the load average and writes them to bench/results/desk.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.call import load_call
from assistant.draft.store import read_proposal, write_proposal
from assistant.review.crossclient import OtherProposals
from assistant.review.crossindex import IndexedProposals
from bench.portfolio import write_portfolio

RESULTS = Path(__file__).resolve().parent / "results" / "desk.json"
CLI = [sys.executable, "-m", "assistant"]


def _run(args: list[str], home: Path) -> float:
    env = {**os.environ, "WSE_ASSISTANT_HOME": str(home)}
    start = time.perf_counter()
    done = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=200)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--words", type=int, default=400, help="words per answer")
    parser.add_argument("--screen-only", action="store_true", help="status and the start screen, nothing else")
    args = parser.parse_args()
    call = load_call()
    results: dict = {"proposals": args.proposals, "words_per_answer": args.words, "load_before": _load()}
    with tempfile.TemporaryDirectory(prefix="wse-desk-") as tmp:
        home = Path(tmp)
        folder = home / "data" / "proposals"
        start = time.perf_counter()
        paths = write_portfolio(folder, args.proposals, call, args.words)
        results["generate_s"] = round(time.perf_counter() - start, 2)
        size = sum(p.stat().st_size for p in paths)
        print(f"{args.proposals} proposals, {size / 1e6:.1f} MB, written in {results['generate_s']} s", flush=True)

        first = _run(["status"], home)
        later = [_run(["status"], home) for _ in range(args.runs)]
        search = [_run(["status", "--zoek", "samenwerking"], home) for _ in range(max(3, args.runs // 3))]
        results["status"] = {
            "first_s": round(first, 3),
            "later_median_s": round(statistics.median(later), 3),
            "later_max_s": round(max(later), 3),
            "search_median_s": round(statistics.median(search), 3),
            "index_bytes": (folder / ".wse-status.json").stat().st_size,
        }
        print(f"status: first {first:.2f} s; after it median {statistics.median(later):.3f} s, "
              f"max {max(later):.3f} s; with --zoek {statistics.median(search):.3f} s (target ≤ 0.3 s)", flush=True)

        runs = max(3, args.runs // 2)
        with tempfile.TemporaryDirectory(prefix="wse-desk-empty-") as empty:  # what the app costs without a list
            bare = [asyncio.run(_screen_up(Path(empty), 0)) for _ in range(runs)]
        screen = [asyncio.run(_screen_up(home, args.proposals)) for _ in range(runs)]
        results["start_screen"] = {
            "median_s": round(statistics.median(s for s, _ in screen), 3),
            "max_s": round(max(s for s, _ in screen), 3),
            "cpu_median_s": round(statistics.median(c for _, c in screen), 3),
            "empty_folder_median_s": round(statistics.median(s for s, _ in bare), 3),
            "empty_folder_cpu_median_s": round(statistics.median(c for _, c in bare), 3),
        }
        shown = results["start_screen"]
        print(f"start screen: {args.proposals} proposals listed in median {shown['median_s']:.3f} s "
              f"({shown['cpu_median_s']:.3f} s CPU), max {shown['max_s']:.3f} s; with an empty folder "
              f"{shown['empty_folder_median_s']:.3f} s ({shown['empty_folder_cpu_median_s']:.3f} s CPU) "
              "(target ≤ 0.3 s)", flush=True)
        if args.screen_only:  # kept apart: the full figures in desk.json stay whole
            _save(results, RESULTS.with_name("desk-screen.json"))
            return 0

        mine = paths[len(paths) // 2]
        start = time.perf_counter()
        others = OtherProposals(folder, exclude=mine)
        build = time.perf_counter() - start
        start = time.perf_counter()
        others.refresh()
        unchanged = time.perf_counter() - start
        changed = read_proposal(paths[0])  # another window saves one proposal
        changed.set_answer("D1a", changed.answer_text("D1a") + "\n\nEen nieuwe alinea met wat meer woorden erin.")
        write_proposal(paths[0], changed)
        start = time.perf_counter()
        others.refresh()
        one_changed = time.perf_counter() - start
        per_answer = []
        for path in paths[:10]:
            proposal = read_proposal(path)
            for question in call.questions:
                start = time.perf_counter()
                others.answer_findings(proposal, call, question.id, path)
                per_answer.append(time.perf_counter() - start)
        per_answer.sort()
        results["cross_client"] = {
            "index_build_ms": _ms(build),
            "refresh_unchanged_ms": _ms(unchanged),
            "refresh_one_changed_ms": _ms(one_changed),
            "per_answer_median_ms": _ms(statistics.median(per_answer)),
            "per_answer_p95_ms": _ms(per_answer[int(len(per_answer) * 0.95)]),
            "per_answer_max_ms": _ms(per_answer[-1]),
            "answers": len(per_answer),
        }
        cross = results["cross_client"]
        print(f"cross-client: index built in {cross['index_build_ms']:.0f} ms, refresh with nothing changed "
              f"{cross['refresh_unchanged_ms']:.1f} ms, one file changed {cross['refresh_one_changed_ms']:.1f} ms; "
              f"per answer median {cross['per_answer_median_ms']:.1f} ms, "
              f"p95 {cross['per_answer_p95_ms']:.1f} ms, max {cross['per_answer_max_ms']:.1f} ms "
              f"({len(per_answer)} answers; target ≤ 20 ms)", flush=True)

        one = ["check", str(mine), "--estimate-only"]
        first_check = _run(one, home)
        checks = [_run(one, home) for _ in range(max(3, args.runs // 2))]
        alone = [_run([*one, "--niet-vergelijken"], home) for _ in range(max(3, args.runs // 2))]
        opened, asked = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            index = IndexedProposals(folder, mine)
            middle = time.perf_counter()
            index.findings(read_proposal(mine), call)
            opened.append(middle - start)
            asked.append(time.perf_counter() - middle)
        results["check_one"] = {
            "first_s": round(first_check, 2),
            "later_median_s": round(statistics.median(checks), 2),
            "without_comparison_median_s": round(statistics.median(alone), 2),
            "index_open_median_ms": _ms(statistics.median(opened)),
            "index_findings_median_ms": _ms(statistics.median(asked)),
            "index_bytes": (folder / ".wse-vergelijk.sqlite").stat().st_size,
        }
        one_ = results["check_one"]
        print(f"check FILE: first {first_check:.2f} s (builds the index on disk), after it median "
              f"{one_['later_median_s']:.2f} s, with --niet-vergelijken {one_['without_comparison_median_s']:.2f} s; "
              f"in the process: index opened and checked {one_['index_open_median_ms']:.0f} ms, findings "
              f"{one_['index_findings_median_ms']:.0f} ms ({one_['index_bytes'] / 1e6:.1f} MB)", flush=True)

        start_cpu = os.times()
        wall = _run(["check", "--all"], home)
        end_cpu = os.times()
        cpu = (end_cpu.children_user + end_cpu.children_system) - (start_cpu.children_user + start_cpu.children_system)
        results["check_all"] = {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1)}
        print(f"check --all: {wall:.1f} s wall, {cpu:.1f} s CPU (target ≤ 60 s)", flush=True)
    _save(results, RESULTS)
    return 0


def _save(results: dict, path: Path) -> None:
    results["load_after"] = _load()
    results["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"load average before {results['load_before']}, after {results['load_after']}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


async def _screen_up(home: Path, count: int) -> tuple[float, float]:
    """Seconds (wall, CPU) from the app's start (in this process, headless) until the start screen lists
    `count` proposals."""
    from assistant.config import Settings  # noqa: PLC0415
    from assistant.tui.app import WseApp  # noqa: PLC0415
    from assistant.tui.screens.start import StartScreen  # noqa: PLC0415

    os.environ["WSE_ASSISTANT_HOME"] = str(home)
    app = WseApp(settings=Settings.model_validate({"language": "nl", "llm": {"enabled": False}}))
    start, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, StartScreen) and app.screen.loaded and len(app.screen.rows) == count):
            await pilot.pause(0.002)
        return time.perf_counter() - start, time.process_time() - cpu


if __name__ == "__main__":
    raise SystemExit(main())

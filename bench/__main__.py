"""`make bench`: every benchmark in turn (bench/report.py lists them); `python -m bench NAME …` only those.
What each prints goes to stdout and to bench/results/NAME.txt; then bench/README.md is rewritten from
bench/results/."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.report import BENCHMARKS, RESULTS, write


def main(names: list[str]) -> int:
    unknown = set(names) - {b.name for b in BENCHMARKS}
    if unknown:
        print(f"unknown benchmark: {', '.join(sorted(unknown))}; known: {', '.join(b.name for b in BENCHMARKS)}")
        return 2
    failed = []
    RESULTS.mkdir(exist_ok=True)
    for benchmark in (b for b in BENCHMARKS if not names or b.name in names):
        print(f"\n=== {benchmark.command}", flush=True)
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        run = subprocess.run([sys.executable, *benchmark.args], stdout=subprocess.PIPE, text=True)
        print(run.stdout, end="", flush=True)
        if run.returncode != 0:
            failed.append(benchmark.command)
            continue  # the last good figures stay
        header = f"# {started}, load average {load}\n"
        (RESULTS / f"{benchmark.name}.txt").write_text(header + run.stdout, encoding="utf-8")
    print(f"\nwritten: {write()}")
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

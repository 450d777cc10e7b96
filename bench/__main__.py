"""`make bench`: every benchmark in turn, each as the README quotes it. Figures go to stdout and bench/results/."""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = [
    ["bench/review_speed.py"],
    ["bench/review_quality.py"],
    ["bench/person_names.py"],
    ["-m", "bench.layout"],
    ["-m", "bench.llm"],
    ["bench/tui_bench.py", "--runs", "10", "--keys", "40"],
    ["bench/pitch.py"],
    ["-m", "bench.desk"],
]


def main() -> int:
    failed = []
    for args in BENCHMARKS:
        print(f"\n=== python {' '.join(args)}", flush=True)
        if subprocess.run([sys.executable, *args]).returncode != 0:
            failed.append(" ".join(args))
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

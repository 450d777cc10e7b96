"""Writes bench/README.md from bench/results/*: each benchmark's target, its command and the figures it last
recorded. `make bench` runs it after the benchmarks; `python -m bench.report` rewrites the page alone."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
PAGE = BENCH / "README.md"


@dataclass(frozen=True)
class Benchmark:
    name: str  # its results are bench/results/NAME.txt (what it printed) and NAME*.json where it writes one
    args: tuple[str, ...]  # after `python`
    target: str

    @property
    def command(self) -> str:
        return "python " + " ".join(self.args)


BENCHMARKS = (
    Benchmark("review_speed", ("bench/review_speed.py",),
              "review one 1,500-word answer ≤ 20 ms; a whole proposal ≤ 100 ms"),
    Benchmark("review_quality", ("bench/review_quality.py",),
              "blind holdout: ranking ≥ 95%, missing-part precision and recall ≥ 85%, level = label ≥ 80%, "
              "injection ≥ 95% flagged, ≤ 2% false flags"),
    Benchmark("person_names", ("bench/person_names.py",),
              "names of people masked ≥ 95%; places and organisations of the werkingsgebied readable"),
    Benchmark("layout", ("-m", "bench.layout"),
              "export .docx ≤ 0.5 s; rendered page count ≤ 10 s; page estimate ≤ 5 ms"),
    Benchmark("llm", ("-m", "bench.llm"), "LLM tool overhead per review ≤ 50 ms"),
    Benchmark("tui_bench", ("bench/tui_bench.py", "--runs", "10", "--keys", "40"),
              "app cold start ≤ 1.5× a bare Textual app; keystroke ≤ 50 ms; review after a pause ≤ 100 ms; ≤ 150 MB"),
    Benchmark("pitch", ("bench/pitch.py",),
              "pitch: read, review, outline and jury questions ≤ 200 ms for a full proposal"),
    Benchmark("desk", ("-m", "bench.desk"),
              "200 proposals: `status` ≤ 0.3 s after the first; cross-client check ≤ 20 ms per answer; "
              "`check --all` ≤ 60 s offline"),
)  # fmt: skip

INTRO = """# Benchmarks

Written by `make bench` (`python -m bench`), which runs every benchmark below, keeps what each printed in
`bench/results/NAME.txt` (with the time and the load average) beside the JSON some of them write, and then
rewrites this page from `bench/results/` (`python -m bench.report` rewrites the page alone). Do not edit it by
hand. Figures are from a shared 2-core machine, often busy: the load average is part of each reading.
"""


def _flatten(value: Any, prefix: str = "") -> list[str]:
    if isinstance(value, dict):
        return [line for key, item in value.items() for line in _flatten(item, f"{prefix}{key}.")]
    if isinstance(value, list) and value and any(isinstance(item, dict | list) for item in value):
        return [line for i, item in enumerate(value) for line in _flatten(item, f"{prefix}{i}.")]
    return [f"{prefix.rstrip('.')}: {json.dumps(value, ensure_ascii=False)}"]


def _section(benchmark: Benchmark) -> list[str]:
    lines = [f"## {benchmark.name}", "", f"Target: {benchmark.target}.", "", f"Command: `{benchmark.command}`", ""]
    printed = RESULTS / f"{benchmark.name}.txt"
    recorded = sorted(RESULTS.glob(f"{benchmark.name}*.json"))
    if not printed.exists() and not recorded:
        return [*lines, "Not recorded yet: run `make bench`.", ""]
    if printed.exists():
        lines += [f"What it printed (`bench/results/{printed.name}`):", "", "```", printed.read_text("utf-8").rstrip(), "```", ""]
    for path in recorded:
        lines += [f"`bench/results/{path.name}`:", "", "```", *_flatten(json.loads(path.read_text("utf-8"))), "```", ""]
    return lines


def render() -> str:
    lines = [INTRO, "| benchmark | target | command |", "|---|---|---|"]
    lines += [f"| [{b.name}](#{b.name}) | {b.target} | `{b.command}` |" for b in BENCHMARKS]
    lines.append("")
    for benchmark in BENCHMARKS:
        lines += _section(benchmark)
    return "\n".join(lines).rstrip() + "\n"


def write() -> Path:
    PAGE.write_text(render(), encoding="utf-8")
    return PAGE


if __name__ == "__main__":
    print(f"written: {write()}")

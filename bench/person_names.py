"""Masking names of people in answers: the project's own detector against `deduce`, on a labelled set.

    .venv/bin/python bench/person_names.py                      # the detector the tool uses
    PYTHONPATH=. /path/to/venv-with-deduce/bin/python bench/person_names.py --engine deduce

Measures on tests/fixtures/person-names.toml: the share of person names masked (every word of the name
covered), the share of werkingsgebied places and organisations left readable, and the time taken (for
deduce also its start-up). Targets (issue 12): >= 95 % masked, places and organisations readable.
"""

from __future__ import annotations

import argparse
import re
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

SET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "person-names.toml"
Spans = list[tuple[int, int]]


def covered(text: str, phrase: str, spans: Spans) -> bool:
    """Every word of the phrase (where it first occurs) lies inside a span."""
    start = text.index(phrase)
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\W_][\w'’-]*", phrase)]
    return all(any(s <= ws and we <= e for s, e in spans) for ws, we in words)


def touched(text: str, phrase: str, spans: Spans) -> bool:
    start = text.index(phrase)
    end = start + len(phrase)
    return any(s < end and start < e for s, e in spans)


def simple_engine() -> Callable[[str], Spans]:
    from assistant.review.people import person_spans  # noqa: PLC0415

    return person_spans


def deduce_engine() -> Callable[[str], Spans]:
    from deduce import Deduce  # noqa: PLC0415

    model = Deduce()

    def spans(text: str) -> Spans:
        return [(a.start_char, a.end_char) for a in model.deidentify(text).annotations if a.tag.startswith("pers")]

    return spans


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["simple", "deduce"], default="simple")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    engine = simple_engine() if args.engine == "simple" else deduce_engine()
    start_up = time.perf_counter() - started
    sentences = tomllib.loads(SET.read_text(encoding="utf-8"))["sentence"]
    people = masked = places = readable = 0
    held_people = held_masked = 0
    spent = 0.0
    for item in sentences:
        text = item["text"]
        before = time.perf_counter()
        spans = engine(text)
        spent += time.perf_counter() - before
        for name in item["people"]:
            people += 1
            ok = covered(text, name, spans)
            masked += ok
            if item.get("held_out"):
                held_people += 1
                held_masked += ok
            if not ok and args.verbose:
                print(f"  not masked: {name!r} in {text!r}")
        for name in item["keep"]:
            places += 1
            ok = not touched(text, name, spans)
            readable += ok
            if not ok and args.verbose:
                print(f"  masked by mistake: {name!r} in {text!r}")
    print(f"engine {args.engine}: {len(sentences)} sentences, start-up {start_up:.2f} s, "
          f"{spent / len(sentences) * 1000:.2f} ms a sentence")
    print(f"  person names masked: {masked}/{people} = {masked / people:.1%} "
          f"(held-out sentences alone: {held_masked}/{held_people} = {held_masked / max(1, held_people):.1%})")
    print(f"  places and organisations readable: {readable}/{places} = {readable / places:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

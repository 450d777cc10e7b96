"""The README stays a two-minute read that points to docs/ by topic, every link in the docs leads somewhere,
the paths docs/architecture.md names exist, and bench/README.md is what `make bench` writes."""

import re
from pathlib import Path

from bench import report

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "bench" / "README.md", ROOT / "bench" / "notes.md"]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_the_readme_is_short_and_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme) < 8000, "the README is what a newcomer reads in two minutes: put the rest in docs/"
    assert "## Quick start\n\n    make run\n    make test\n" in readme
    assert "![" in readme and "docs/images/interview.png" in readme
    for command in ("new", "import", "export", "pages", "check", "status", "pitch", "versions", "llm"):
        assert f"| `{command}" in readme


def test_every_relative_link_in_the_docs_leads_to_a_file():
    broken = []
    for document in DOCS:
        for target in LINK.findall(document.read_text(encoding="utf-8")):
            if "://" not in target and not (document.parent / target).exists():
                broken.append(f"{document.relative_to(ROOT)} -> {target}")
    assert broken == []


def test_the_files_architecture_md_names_exist():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = {p.split("::")[0] for p in re.findall(r"`((?:assistant|tests)/[\w/.:]+)`", text) if "NAME" not in p}
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert len(named) > 15 and missing == []


def test_the_testing_guide_keeps_the_under_load_command():
    assert "bash scripts/test-under-load.sh [RUNS]" in (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    assert (ROOT / "scripts" / "test-under-load.sh").exists()


def test_bench_readme_is_written_by_make_bench_with_every_benchmark():
    """Not compared to a fresh render: a benchmark run on its own rewrites its JSON before the page is redone."""
    page = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    assert page.startswith(report.INTRO)
    for benchmark in report.BENCHMARKS:
        assert f"\n## {benchmark.name}\n" in page and f"\n## {benchmark.name}\n" in report.render()

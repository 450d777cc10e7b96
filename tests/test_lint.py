"""CI: the code passes ruff (lint rules, not formatting) and mypy with the configuration in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv's own tools, pinned in the `test` extra


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = BIN / tool
    if not executable.exists():
        pytest.skip(f"{tool} is not installed next to {sys.executable} (pip install -e '.[test]')")
    return subprocess.run([str(executable), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_check_is_clean() -> None:
    result = _run("ruff", "check", "--no-cache", "assistant", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run("mypy", "assistant")
    assert result.returncode == 0, result.stdout + result.stderr

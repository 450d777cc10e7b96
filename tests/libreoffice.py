"""Tests that need LibreOffice (or pandoc): skipped with a reason locally, failed under CI (CI=true)."""

from __future__ import annotations

import os
import shutil

import pytest

from assistant.layout.render import find_soffice


def missing(what: str, hint: str) -> None:
    message = f"{what} is not installed ({hint})"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{message}: .ci/run installs it, so CI must have it")
    pytest.skip(message)


def require_soffice() -> str:
    binary = find_soffice()
    if binary is None:
        missing("LibreOffice", "apt install libreoffice-writer-nogui fonts-crosextra-carlito")
    return binary  # type: ignore[return-value]


def require_tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        missing(name, f"apt install {package}")
    return found  # type: ignore[return-value]

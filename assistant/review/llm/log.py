"""The local log of every LLM request and response, for the user to read (`wse-assistant log`).

One JSON object per line in log_dir()/llm.jsonl, readable by the user alone. What is logged is what was
sent (already masked) and what came back; the API key is never part of it, and scrubbed if a server
echoes it.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant import locations
from assistant.errors import SCRUBBED, scrub

LOG_NAME = "llm.jsonl"
ROTATE_BYTES = 5_000_000  # then the log moves to llm.jsonl.1 (one generation kept)


def log_path() -> Path:
    return locations.log_dir() / LOG_NAME


def append(entry: dict[str, Any], secret: str | None = None) -> None:
    """Add one entry; a log that cannot be written never stops a review."""
    line = scrub(json.dumps({"at": datetime.now(UTC).isoformat(timespec="seconds"), **entry}, ensure_ascii=False))
    if secret:
        line = line.replace(secret, SCRUBBED)
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > ROTATE_BYTES:
            path.replace(path.with_name(LOG_NAME + ".1"))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    except OSError:
        pass


def read_entries() -> list[dict[str, Any]]:
    try:
        lines = log_path().read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries = []
    for line in lines:
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut off by a crash; the rest is still worth showing
    return entries

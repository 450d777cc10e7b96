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
# One entry stays well under the rotation size: longer texts in it are cut, with a note saying so.
MAX_LINE_CHARS = 1_000_000
MAX_TEXT_CHARS = 100_000


def log_path() -> Path:
    return locations.log_dir() / LOG_NAME


def append(entry: dict[str, Any], secret: str | None = None) -> None:
    """Add one entry; a log that cannot be written never stops a review."""
    record = {"at": datetime.now(UTC).isoformat(timespec="seconds"), **entry}
    line = scrub(json.dumps(record, ensure_ascii=False))
    if len(line) > MAX_LINE_CHARS:
        cut: list[int] = []
        record = _cut_texts(record, cut)
        note = f"{len(cut)} tekst(en) ingekort tot {MAX_TEXT_CHARS} tekens" + (f" (de langste had {max(cut)})" if cut else "")
        line = scrub(json.dumps({**record, "afgekapt": note}, ensure_ascii=False))
        if len(line) > MAX_LINE_CHARS:  # many texts, each under the cut: keep only what identifies the entry
            kept = {k: record[k] for k in ("at", "kind", "base_url", "mode", "ms") if k in record}
            line = json.dumps({**kept, "afgekapt": f"item van {len(line)} tekens weggelaten"}, ensure_ascii=False)
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


def _cut_texts(value: Any, cut: list[int]) -> Any:
    """The value with every string longer than MAX_TEXT_CHARS cut to that length; their lengths go in `cut`."""
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        cut.append(len(value))
        return value[:MAX_TEXT_CHARS] + " […]"
    if isinstance(value, dict):
        return {k: _cut_texts(v, cut) for k, v in value.items()}
    if isinstance(value, list):
        return [_cut_texts(v, cut) for v in value]
    return value


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

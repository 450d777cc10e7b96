"""The crash log: where an unexpected error's details go, so the user sees one Dutch line instead."""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from assistant import locations
from assistant.errors import scrub

MAX_BYTES = 1024 * 1024  # past this the log starts over, the previous one kept as crash.log.1


def crash_log_path() -> Path:
    return locations.log_dir() / "crash.log"


def write_crash_log(error: BaseException) -> Path | None:
    """Append the error and its traceback; returns the file, or None when even that cannot be written."""
    path = crash_log_path()
    details = scrub("".join(traceback.format_exception(error)))  # never the API key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        with os.fdopen(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600), "a", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)  # a log written by an earlier version was readable by all
            handle.write(f"--- {datetime.now().isoformat()}\n{details}\n")
    except OSError:
        return None
    return path

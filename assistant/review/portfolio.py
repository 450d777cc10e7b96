"""The portfolio: one line of status per proposal in a folder, kept in an index file next to the proposals.

The index (`.wse-status.json` in the folder) holds, per file name, the file's modification time and size
and what the status shows (levels, blocking problems, pages, the answers' text for searching). An entry
is used only while the file's modification time and size are the same and it was made by this version of
the program; otherwise the proposal is read and reviewed again. A missing, corrupt or older index is
rebuilt, never a reason to refuse; a folder that cannot be written to just gets no index.

Kept free of pydantic on the fast path: when every entry is fresh, nothing but `json` and `os` runs.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.errors import AssistantError, UsageError

INDEX_NAME = ".wse-status.json"
INDEX_FORMAT = "wse-assistant/status-index"
INDEX_VERSION = 1
STATUS_FORMAT = "wse-assistant/status"  # the `status --json` document
STATUS_VERSION = 1
MAX_FILES = 5000  # a folder with more proposals is refused rather than read for minutes
MAX_INDEX_BYTES = 200 * 1024 * 1024


def fold(text: str) -> str:
    """Lower case, accents dropped, whitespace single: how answers and a search text are compared."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(folded.split())


@dataclass
class Portfolio:
    folder: Path
    proposals: list[dict[str, Any]]  # one status entry per readable proposal (see README "status")
    unreadable: list[dict[str, str]]  # {"file", "error"}
    reviewed: int  # how many proposals were read and reviewed (0 when the index was up to date)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": STATUS_FORMAT,
            "version": STATUS_VERSION,
            "folder": str(self.folder.resolve()),
            "proposals": [{k: v for k, v in entry.items() if k != "search_text"} for entry in self.proposals],
            "unreadable": self.unreadable,
        }


def index_path(folder: Path) -> Path:
    return folder / INDEX_NAME


def _proposal_files(folder: Path) -> dict[str, tuple[int, int]]:
    stats = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith(".") and entry.is_file():
                info = entry.stat()
                stats[entry.name] = (info.st_mtime_ns, info.st_size)
                if len(stats) > MAX_FILES:
                    raise UsageError(f"{folder} bevat meer dan {MAX_FILES} voorstellen; kies een kleinere map.")
    return stats


def _read_index(folder: Path) -> dict[str, Any]:
    """The index's entries, or {} when it is missing, corrupt, too large, or of another version."""
    path = index_path(folder)
    try:
        if path.stat().st_size > MAX_INDEX_BYTES:
            return {}
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != INDEX_FORMAT
        or data.get("version") != INDEX_VERSION
        or data.get("program") != __version__
        or not isinstance(data.get("entries"), dict)
    ):
        return {}
    return data["entries"]


def _write_index(folder: Path, entries: dict[str, Any]) -> None:
    from assistant.draft.store import write_file_atomic  # noqa: PLC0415

    data = {"format": INDEX_FORMAT, "version": INDEX_VERSION, "program": __version__, "entries": entries}
    try:
        write_file_atomic(index_path(folder), json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a read-only folder: the status is shown all the same, only slower next time


def _fresh(entry: Any, stat: tuple[int, int]) -> bool:
    return isinstance(entry, dict) and entry.get("stat") == list(stat) and isinstance(entry.get("status"), dict)


def _review(path: Path) -> dict[str, Any]:
    """Read and review one proposal: its status entry (raises AssistantError when it cannot be read)."""
    from assistant.draft.store import read_proposal  # noqa: PLC0415
    from assistant.draft.workspace import call_for  # noqa: PLC0415
    from assistant.layout.estimate import estimate_pages  # noqa: PLC0415
    from assistant.review.offline import review_proposal  # noqa: PLC0415

    proposal = read_proposal(path)
    call = call_for(proposal)
    pages = estimate_pages(proposal, call)
    report = review_proposal(proposal, call, pages)
    answers = [proposal.answer_text(q.id) for q in call.questions]
    return {
        "file": path.name,
        "path": str(path.resolve()),
        "name": proposal.name,
        "organisation": proposal.fields.get("B.organisatie", ""),
        "call": proposal.call_id,
        "werkingsgebied": proposal.fields.get("A", ""),
        "questions": [
            {"id": r.id, "number": call.question(r.id).number, "level": r.level, "score": r.score}
            for r in report.questions
        ],
        "answered": sum(1 for text in answers if text.strip()),
        "blocking": len(report.blocking),
        "pages_estimated": round(pages.estimated, 2),
        "pages_limit": pages.limit,
        "updated_at": proposal.updated_at.astimezone(UTC).isoformat(),
        "search_text": fold(" ".join([proposal.name, proposal.fields.get("B.organisatie", ""), *answers])),
    }


def load_portfolio(folder: Path) -> Portfolio:
    """Every proposal in `folder` with its status, from the index where it is fresh, read and reviewed where not."""
    stats = _proposal_files(folder)
    old = _read_index(folder)
    entries: dict[str, Any] = {}
    reviewed = 0
    for name, stat in sorted(stats.items()):
        entry = old.get(name)
        if not _fresh(entry, stat):
            reviewed += 1
            try:
                entry = {"stat": list(stat), "status": _review(folder / name)}
            except AssistantError as exc:
                entry = {"stat": list(stat), "status": {"file": name, "error": str(exc)}}
        entries[name] = entry
    if entries != old:
        _write_index(folder, entries)
    proposals = [e["status"] for e in entries.values() if "error" not in e["status"]]
    unreadable = [{"file": e["status"]["file"], "error": e["status"]["error"]} for e in entries.values() if "error" in e["status"]]
    return Portfolio(folder, proposals, unreadable, reviewed)


SORT_KEYS = {
    "gewijzigd": lambda e: e["updated_at"],
    "naam": lambda e: fold(e["name"]),
    "organisatie": lambda e: fold(e["organisation"]),
    "oproep": lambda e: (e["call"], fold(e["name"])),
    "blokkerend": lambda e: (e["blocking"], fold(e["name"])),
}
REVERSED = {"gewijzigd", "blokkerend"}  # most recent and most blocked first


def select(portfolio: Portfolio, search: str | None = None, call: str | None = None, sort: str = "gewijzigd") -> list[dict[str, Any]]:
    """The entries that hold `search` (in the name, organisation or any answer; case and accents aside)
    and answer `call`, sorted."""
    wanted = fold(search) if search else ""
    found = [
        e
        for e in portfolio.proposals
        if (not wanted or wanted in e["search_text"]) and (call is None or e["call"] == call)
    ]
    return sorted(found, key=SORT_KEYS[sort], reverse=sort in REVERSED)


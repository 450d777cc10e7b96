"""The portfolio: one line of status per proposal in a folder, kept in an index file next to the proposals.

The index (`.wse-status.json` in the folder) holds, per file name, the file's modification time and size
and what the status shows (levels, blocking problems, pages); `.wse-status-zoek.json` holds the answers'
text for `--zoek`, read only when searching (it is most of the bytes). An entry
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
from datetime import UTC, date
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.errors import AssistantError, UsageError
from assistant.i18n import _

INDEX_NAME = ".wse-status.json"
INDEX_FORMAT = "wse-assistant/status-index"
SEARCH_NAME = ".wse-status-zoek.json"
SEARCH_FORMAT = "wse-assistant/status-search"
INDEX_VERSION = 3  # 2: the proposal's own language and deadline; 3: open client notes
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
    proposals: list[dict[str, Any]]  # one status entry per readable proposal (see docs/usage.md, "Many clients")
    unreadable: list[dict[str, str]]  # {"file", "error"}
    reviewed: int  # how many proposals were read and reviewed (0 when the index was up to date)
    stats: dict[str, tuple[int, int]]  # file name -> (modification time in ns, size)

    def to_json(self, today: date | None = None) -> dict[str, Any]:
        return {
            "format": STATUS_FORMAT,
            "version": STATUS_VERSION,
            "folder": str(self.folder.resolve()),
            # Days left are counted today, never kept in the index (it would be stale tomorrow).
            "proposals": [{**entry, "days_left": days_left_of(entry, today)} for entry in self.proposals],
            "unreadable": self.unreadable,
        }

    def search_texts(self) -> dict[str, str]:
        """File name -> name, organisation and answers, folded: from the search index where it is fresh,
        from the file itself (plain JSON, no validation) where not."""
        cached = _read_index(self.folder, SEARCH_NAME, SEARCH_FORMAT)
        texts = {}
        for entry in self.proposals:
            name = entry["file"]
            hit = cached.get(name)
            if isinstance(hit, dict) and hit.get("stat") == list(self.stats[name]) and isinstance(hit.get("text"), str):
                texts[name] = hit["text"]
            else:
                texts[name] = search_text_of_file(self.folder / name)
        return texts


def days_left_of(entry: dict[str, Any], today: date | None = None) -> int | None:
    """Days left to the proposal's own deadline (negative once passed), None without one."""
    if not entry.get("deadline"):
        return None
    return (date.fromisoformat(entry["deadline"]) - (today or date.today())).days


def index_path(folder: Path) -> Path:
    return folder / INDEX_NAME


def proposal_files(folder: Path) -> dict[str, tuple[int, int]]:
    """File name -> (modification time in ns, size) of every proposal in `folder` (a scan: about a millisecond
    for 200)."""
    stats = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith(".") and entry.is_file():
                info = entry.stat()
                stats[entry.name] = (info.st_mtime_ns, info.st_size)
                if len(stats) > MAX_FILES:
                    raise UsageError(_(
                        "{folder} bevat meer dan {MAX_FILES} voorstellen; kies een kleinere map."
                    ).format(folder=folder, MAX_FILES=MAX_FILES))
    return stats


def _read_index(folder: Path, name: str = INDEX_NAME, format_: str = INDEX_FORMAT) -> dict[str, Any]:
    """The index's entries, or {} when it is missing, corrupt, too large, or of another version."""
    path = folder / name
    try:
        if path.stat().st_size > MAX_INDEX_BYTES:
            return {}
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != format_
        or data.get("version") != INDEX_VERSION
        or data.get("program") != __version__
        or not isinstance(data.get("entries"), dict)
    ):
        return {}
    return data["entries"]


def _write_index(folder: Path, entries: dict[str, Any], name: str = INDEX_NAME, format_: str = INDEX_FORMAT) -> None:
    from assistant.draft.store import write_file_atomic  # noqa: PLC0415

    data = {"format": format_, "version": INDEX_VERSION, "program": __version__, "entries": entries}
    try:
        write_file_atomic(folder / name, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a read-only folder: the status is shown all the same, only slower next time


def _fresh(entry: Any, stat: tuple[int, int]) -> bool:
    return isinstance(entry, dict) and entry.get("stat") == list(stat) and isinstance(entry.get("status"), dict)


def _search_text(name: str, organisation: str, answers: list[str]) -> str:
    return fold(" ".join([name, organisation, *answers]))


def search_text_of_file(path: Path) -> str:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
        answers = [a.get("text", "") for a in data.get("answers", {}).values() if isinstance(a, dict)]
        from assistant.draft.workspace import call_by_reference  # noqa: PLC0415

        path_of_call = data.get("call_path")
        call = call_by_reference(str(data.get("call_id", "")), path_of_call if isinstance(path_of_call, str) else None)
        organisation = call.applicant_name(data.get("fields", {})) if call else ""
        return _search_text(str(data.get("name", "")), organisation, answers)
    except (OSError, ValueError, RecursionError, AttributeError, TypeError):
        return ""  # changed into something else since the status was made: it simply does not match


def _review(path: Path) -> tuple[dict[str, Any], str]:
    """Read and review one proposal: its status entry and search text (raises AssistantError when it
    cannot be read)."""
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
        "organisation": call.applicant_name(proposal.fields),
        "call": proposal.call_id,
        "werkingsgebied": call.region.name,
        "questions": [
            {"id": r.id, "number": call.question(r.id).number, "level": r.level, "score": r.score}
            for r in report.questions
        ],
        "answered": sum(1 for text in answers if text.strip()),
        "blocking": len(report.blocking),
        "pages_estimated": round(pages.estimated, 2),
        "pages_limit": pages.limit,
        "updated_at": proposal.updated_at.astimezone(UTC).isoformat(),
        "language": proposal.language,
        "deadline": proposal.deadline.isoformat() if proposal.deadline else None,
        "notes_open": len(proposal.open_notes()),  # the client's Word comments not yet done
    }, _search_text(proposal.name, call.applicant_name(proposal.fields), answers)


def entry_of(path: Path) -> dict[str, Any] | None:
    """The status entry of one proposal outside any indexed folder (read and reviewed); None when unreadable."""
    try:
        return _review(path)[0]
    except AssistantError:
        return None


def load_portfolio(folder: Path) -> Portfolio:
    """Every proposal in `folder` with its status, from the index where it is fresh, read and reviewed where not."""
    stats = proposal_files(folder)
    old = _read_index(folder)
    entries: dict[str, Any] = {}
    texts: dict[str, str] = {}  # search texts of the proposals read again
    for name, stat in sorted(stats.items()):
        entry = old.get(name)
        if not _fresh(entry, stat):
            try:
                status, texts[name] = _review(folder / name)
                entry = {"stat": list(stat), "status": status}
            except AssistantError as exc:
                entry = {"stat": list(stat), "status": {"file": name, "error": str(exc)}}
                texts[name] = ""
        entries[name] = entry
    if texts or old.keys() != entries.keys():
        _write_index(folder, entries)
        _update_search_index(folder, stats, texts)
    proposals = [e["status"] for e in entries.values() if "error" not in e["status"]]
    unreadable = [{"file": e["status"]["file"], "error": e["status"]["error"]} for e in entries.values() if "error" in e["status"]]
    return Portfolio(folder, proposals, unreadable, len(texts), stats)


def _update_search_index(folder: Path, stats: dict[str, tuple[int, int]], texts: dict[str, str]) -> None:
    cached = _read_index(folder, SEARCH_NAME, SEARCH_FORMAT)
    entries = {}
    for name, stat in stats.items():
        if name in texts:
            entries[name] = {"stat": list(stat), "text": texts[name]}
        elif isinstance(cached.get(name), dict) and cached[name].get("stat") == list(stat):
            entries[name] = cached[name]
    _write_index(folder, entries, SEARCH_NAME, SEARCH_FORMAT)


SORT_KEYS = {
    "gewijzigd": lambda e: e["updated_at"],
    "naam": lambda e: fold(e["name"]),
    "organisatie": lambda e: fold(e["organisation"]),
    "oproep": lambda e: (e["call"], fold(e["name"])),
    "blokkerend": lambda e: (e["blocking"], fold(e["name"])),
    "deadline": lambda e: (e.get("deadline") or "9999-12-31", fold(e["name"])),  # the nearest first, none last
}
REVERSED = {"gewijzigd", "blokkerend"}  # most recent and most blocked first


def select(portfolio: Portfolio, search: str | None = None, call: str | None = None, sort: str = "gewijzigd") -> list[dict[str, Any]]:
    """The entries that hold `search` (in the name, organisation or any answer; case and accents aside)
    and answer `call`, sorted."""
    wanted = fold(search) if search else ""
    texts = portfolio.search_texts() if wanted else {}
    found = [
        e for e in portfolio.proposals if (not wanted or wanted in texts[e["file"]]) and (call is None or e["call"] == call)
    ]
    return sorted(found, key=SORT_KEYS[sort], reverse=sort in REVERSED)


"""Finding, creating and opening proposals for the start screen (no Textual here)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant import locations
from assistant.call import Call
from assistant.draft.store import read_proposal
from assistant.draft.workspace import MARKDOWN_SUFFIXES, default_proposal_path, load_any, new_proposal
from assistant.errors import AssistantError, UsageError
from assistant.tui.session import Session

MAX_RECENT = 30
IMPORT_SUFFIXES = MARKDOWN_SUFFIXES | {".docx"}


@dataclass(frozen=True)
class Summary:
    path: Path
    name: str
    organisation: str
    updated_at: datetime
    answered: int
    questions: int


def _recent_file() -> Path:
    return locations.data_dir() / "recent.json"


def remember(path: Path) -> None:
    """Keep a proposal opened from anywhere in the recent list (most recent first)."""
    entries = [str(path.resolve())] + [p for p in _recent_paths() if p != str(path.resolve())]
    try:
        _recent_file().parent.mkdir(parents=True, exist_ok=True)
        _recent_file().write_text(json.dumps(entries[:MAX_RECENT], indent=1), encoding="utf-8")
    except OSError:
        pass  # the list is a convenience; opening must not fail on it


def _recent_paths() -> list[str]:
    try:
        data = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data if isinstance(p, str)] if isinstance(data, list) else []


def recent_proposals(question_count: int) -> list[Summary]:
    """Proposals in the data folder and those opened elsewhere, last changed first; unreadable ones left out."""
    paths = {str(p.resolve()) for p in locations.proposals_dir().glob("*.json")} | set(_recent_paths())
    summaries = []
    for raw in paths:
        path = Path(raw)
        try:
            proposal = read_proposal(path)
        except AssistantError:
            continue
        answered = sum(1 for a in proposal.answers.values() if a.text.strip())
        summaries.append(
            Summary(path, proposal.name, proposal.fields.get("B.organisatie", ""), proposal.updated_at, answered, question_count)
        )
    return sorted(summaries, key=lambda s: s.updated_at, reverse=True)


def free_path(path: Path) -> Path:
    """`path`, or `name-2.json`, `name-3.json`, … when it is taken."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def create(name: str, call: Call) -> Session:
    name = name.strip()
    if not name:
        raise UsageError("Geef het voorstel een naam, bijvoorbeeld de naam van uw organisatie.")
    session = Session.create(free_path(default_proposal_path(name)), new_proposal(name, call), call)
    remember(session.path)
    return session


def open_path(path: Path) -> Session:
    """A proposal file opens as it is; a Markdown or Word file is read into a new proposal."""
    path = path.expanduser()
    if not path.exists():
        raise UsageError(f"Bestand {path} bestaat niet; controleer het pad.")
    if path.is_dir():
        raise UsageError(f"{path} is een map; kies een bestand.")
    if path.suffix.lower() in IMPORT_SUFFIXES:
        loaded = load_any(path)  # python-docx is imported only for a .docx
        session = Session.create(free_path(default_proposal_path(path.stem)), loaded.proposal, loaded.call)
        session.unmapped, session.imported_from = loaded.unmapped, path
    else:
        session = Session.open(path)
    remember(session.path)
    return session

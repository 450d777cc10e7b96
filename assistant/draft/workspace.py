"""Opening what the user points at: a proposal file or a Markdown file, with the call it answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant import locations
from assistant.call import Call, load_call
from assistant.call.loader import DEFAULT_CALL_ID
from assistant.draft.limits import read_markdown_file
from assistant.draft.markdown import from_markdown
from assistant.draft.models import Proposal
from assistant.draft.store import read_proposal
from assistant.errors import ProposalFileError

MARKDOWN_SUFFIXES = {".md", ".markdown", ".txt"}


@dataclass
class Loaded:
    proposal: Proposal
    call: Call
    path: Path
    is_markdown: bool
    unmapped: list[str] = field(default_factory=list)


def new_proposal(name: str, call: Call) -> Proposal:
    proposal = Proposal(
        name=name,
        call_id=call.id,
        call_sha256=call.sha256,
        call_path=None if _is_bundled(call) else str(Path(call.source_path).resolve()),
    )
    fixed = [f for f in call.fields if f.kind == "fixed" and f.value]
    for fld in fixed:
        proposal.fields[fld.id] = fld.value or ""
    return proposal


def _is_bundled(call: Call) -> bool:
    return Path(call.source_path).parent.name == "calls" and Path(call.source_path).parent.parent.name == "call"


def call_for(proposal: Proposal, override: str | None = None) -> Call:
    """The call a proposal answers: the override, else the file it was made with, else the bundled id."""
    if override:
        return load_call(override)
    if proposal.call_path and Path(proposal.call_path).exists():
        return load_call(proposal.call_path)
    return load_call(proposal.call_id)


def load_any(path: str | Path, call_ref: str | None = None) -> Loaded:
    """Read a proposal file, or a Markdown or Word file in the form's shape (a proposal in memory)."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        from assistant.draft.docx_import import from_docx  # noqa: PLC0415 - python-docx loads only when needed

        if not path.is_file():
            raise ProposalFileError(f"Bestand {path} bestaat niet.")
        call = load_call(call_ref or DEFAULT_CALL_ID)
        imported = from_docx(path, call)
        proposal = new_proposal(path.stem, call)
        imported.apply(proposal)
        return Loaded(proposal, call, path, True, imported.unmapped)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        call = load_call(call_ref or DEFAULT_CALL_ID)
        imported = from_markdown(read_markdown_file(path, ProposalFileError), call)
        proposal = new_proposal(path.stem, call)
        imported.apply(proposal)
        return Loaded(proposal, call, path, True, imported.unmapped)
    proposal = read_proposal(path)
    return Loaded(proposal, call_for(proposal, call_ref), path, False)


def slug(name: str) -> str:
    value = re.sub(r"[^0-9A-Za-z]+", "-", name).strip("-").lower()
    return value or "voorstel"


def default_proposal_path(name: str) -> Path:
    return locations.proposals_dir() / f"{slug(name)}.json"

"""Finding, creating and opening proposals for the start screen (no Textual here)."""

from __future__ import annotations

from pathlib import Path

from assistant.call import Call
from assistant.draft.workspace import (
    IMPORT_SUFFIXES,
    load_any,
    namesake_warning,
    namesakes,
    new_proposal,
    new_proposal_path,
    recent_proposals,  # noqa: F401 - the start screen lists them through this module
    remember,
)
from assistant.errors import UsageError
from assistant.i18n import _
from assistant.tui.session import Session


def create(name: str, call: Call) -> Session:
    path = new_proposal_path(name)
    found = namesakes(name)  # before the new file exists: it is no namesake of itself
    session = Session.create(path, new_proposal(name.strip(), call), call)
    session.namesakes = namesake_warning(found, path)
    remember(session.path)
    return session


def open_path(path: Path) -> Session:
    """A proposal file opens as it is; a Markdown or Word file is read into a new proposal."""
    path = path.expanduser()
    if not path.exists():
        raise UsageError(_("Bestand {path} bestaat niet; controleer het pad.").format(path=path))
    if path.is_dir():
        raise UsageError(_("{path} is een map; kies een bestand.").format(path=path))
    if path.suffix.lower() in IMPORT_SUFFIXES:
        # python-docx is imported only for a .docx; its tracked changes are read as rejected, to decide on
        loaded = load_any(path, accept_changes=False)
        target = new_proposal_path(path.stem)
        found = namesakes(path.stem, loaded.call.applicant_name(loaded.proposal.fields))
        session = Session.create(target, loaded.proposal, loaded.call)
        session.unmapped, session.misplaced, session.imported_from = loaded.unmapped, loaded.misplaced, path
        session.word_changes = loaded.word
        session.namesakes = namesake_warning(found, target)
    else:
        session = Session.open(path)
    remember(session.path)
    return session

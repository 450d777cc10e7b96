"""One open proposal in the app: the locked file, its call, and the autosave policy.

Plain Python (no Textual) so the policy can be tested on its own. Edits go into the proposal in memory at
once; `save_due` says when to write: after a pause in typing, and at least every `MAX_UNSAVED` seconds
while typing goes on, so a killed app loses at most about a second.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import locations
from assistant.call import Call
from assistant.draft.models import Proposal
from assistant.draft.store import ProposalFile, write_proposal
from assistant.draft.workspace import call_for
from assistant.errors import AssistantError, ProposalLockedError, ProposalReadOnlyError

if TYPE_CHECKING:
    from assistant.draft.word_changes import WordChanges

PAUSE = 0.5  # seconds without an edit that count as a pause in typing
MAX_UNSAVED = 0.8  # seconds an edit may stay unsaved while typing continues


@dataclass
class Session:
    opened: ProposalFile
    call: Call
    locked_elsewhere: bool = False
    file_read_only: bool = False  # the file's permissions forbid writing (444)
    dirty_since: float | None = None
    last_edit: float = 0.0
    unmapped: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)  # imported text the reader moved to another question
    imported_from: Path | None = None  # the Markdown or Word file this new proposal was read from
    namesakes: str | None = None  # a warning: other proposals share this new one's name or organisation
    word_changes: WordChanges | None = None  # the imported Word file's tracked changes, still to decide on

    @classmethod
    def open(cls, path: Path) -> Session:
        """Open for writing; a proposal open elsewhere opens read-only instead of failing."""
        locked = file_read_only = False
        try:
            opened = ProposalFile(path)
        except ProposalReadOnlyError:
            opened, file_read_only = ProposalFile(path, read_only=True), True
        except ProposalLockedError:
            opened, locked = ProposalFile(path, read_only=True), True
        try:
            call = call_for(opened.proposal)
        except BaseException:
            opened.close()
            raise
        return cls(opened, call, locked_elsewhere=locked, file_read_only=file_read_only)

    @classmethod
    def create(cls, path: Path, proposal: Proposal, call: Call) -> Session:
        return cls(ProposalFile(path, create=proposal), call)

    @property
    def proposal(self) -> Proposal:
        return self.opened.proposal

    @property
    def path(self) -> Path:
        return self.opened.path

    @property
    def read_only(self) -> bool:
        return self.opened.read_only

    @property
    def dirty(self) -> bool:
        return self.dirty_since is not None

    def _edited(self) -> None:
        self.last_edit = time.monotonic()
        if self.dirty_since is None:
            self.dirty_since = self.last_edit

    def set_answer(self, question_id: str, text: str, origin: str = "typed", note: str = "") -> bool:
        if text == self.proposal.answer_text(question_id):
            return False  # also keeps an untouched question from getting an empty answer record
        changed = self.proposal.set_answer(question_id, text, origin=origin, note=note)  # type: ignore[arg-type]
        if changed:
            self._edited()
        return changed

    def set_field(self, field_id: str, value: str) -> bool:
        changed = self.proposal.set_field(field_id, value)
        if changed:
            self._edited()
        return changed

    def set_last_question(self, item_id: str) -> None:
        if self.proposal.last_question != item_id:
            self.proposal.last_question = item_id
            self._edited()

    def mark_changed(self) -> None:
        """For changes made to the proposal directly (versions, attachments)."""
        self.proposal.touch()
        self._edited()

    def save_due(self, now: float | None = None) -> bool:
        if self.dirty_since is None or self.read_only:
            return False
        now = time.monotonic() if now is None else now
        return now >= self.last_edit + PAUSE or now >= self.dirty_since + MAX_UNSAVED  # sums, as callers compute them

    def save(self) -> None:
        """Write when there is something to write; raises ProposalFileError and stays dirty on failure."""
        if self.dirty_since is None or self.read_only:
            return
        self.opened.save()
        self.dirty_since = None

    def close(self) -> None:
        try:
            self.save()
        finally:
            self.opened.close()

    def rescue(self) -> Path | None:
        """A copy of the unsaved proposal in the data folder, for when its own file cannot be written."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = locations.data_dir() / "gered" / f"{self.path.stem}-{stamp}.json"
        try:
            write_proposal(copy, self.proposal)
        except AssistantError:
            return None
        return copy

"""The proposal: one applicant's answers to one call, with history, attachments and cached reviews."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.i18n import N_

# 2: per-proposal LLM privacy; 3: rehearsals for the round-2 pitch; 4: the client's language, deadline and
# Word comments (notes), and where a copied answer came from. Each rise tells an older program to refuse the
# file by its version, with a clear message, rather than by a field it does not know.
PROPOSAL_SCHEMA_VERSION = 4
PROPOSAL_FORMAT: Final = "wse-assistant/proposal"

Origin = Literal["typed", "imported", "suggestion", "restored"]
# Where this proposal's text may be sent for an LLM review: nowhere, only to a server on this machine or
# the local network (loopback or a private address), or to any configured server.
LLMPrivacy = Literal["off", "local_only", "allowed"]
PRIVACY_LABELS: dict[str, str] = {"off": N_("uit"), "local_only": N_("alleen lokaal"), "allowed": N_("toegestaan")}
Language = Literal["nl", "en"]  # the languages the app speaks


def now() -> datetime:
    return datetime.now(UTC)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Revision(Model):
    text: str
    at: datetime = Field(default_factory=now)
    origin: Origin = "typed"
    note: str = ""


class FollowUp(Model):
    """A follow-up question asked after a review, with the applicant's reply."""

    question: str
    reply: str = ""
    asked_at: datetime = Field(default_factory=now)


class Copied(Model):
    """Where an answer's text was copied from: another proposal, when, and a hash of the copied text
    (while the answer still hashes the same, it has not been adapted to this client)."""

    proposal: str  # the other proposal's name
    file: str  # its file name at the time
    at: datetime = Field(default_factory=now)
    sha256: str


class Answer(Model):
    question_id: str
    text: str = ""
    revisions: list[Revision] = []
    followups: list[FollowUp] = []
    # Left out of the file while unset, so a file without copies still opens in older versions.
    copied_from: Copied | None = Field(default=None, exclude_if=lambda value: value is None)

    @property
    def copied_unchanged(self) -> bool:
        return self.copied_from is not None and bool(self.text) and text_hash(self.text) == self.copied_from.sha256


class Attachment(Model):
    kind: Literal["addendum", "other"] = "addendum"
    filename: str
    sha256: str
    text: str
    added_at: datetime = Field(default_factory=now)


class NamedVersion(Model):
    name: str
    at: datetime = Field(default_factory=now)
    fields: dict[str, str]
    answers: dict[str, str]


class CachedReview(Model):
    """A stored review result; `key` hashes everything the result depends on."""

    key: str
    at: datetime = Field(default_factory=now)
    payload: dict[str, Any]


class Rehearsal(Model):
    """One answer rehearsed for the pitch round: the jury's question, what was said, and what was flagged."""

    jury: str  # the jury member's name
    question: str
    answer: str
    seconds: int  # how long the applicant took
    flags: list[str] = []  # numbers and names that contradict the proposal or go beyond it
    at: datetime = Field(default_factory=now)


class ClientNote(Model):
    """A comment the client left in Word, kept under its question until the consultant marks it done."""

    item: str  # a question id, or "" for sections A–C
    author: str
    text: str
    quote: str = ""  # the text the comment was anchored on
    source: str = ""  # the file it came from
    done: bool = False
    at: datetime = Field(default_factory=now)


class Proposal(Model):
    format: Literal["wse-assistant/proposal"] = PROPOSAL_FORMAT
    schema_version: int = PROPOSAL_SCHEMA_VERSION
    name: str
    call_id: str
    call_sha256: str = ""
    call_path: str | None = None  # set when the call was loaded from a file rather than bundled
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    fields: dict[str, str] = {}
    answers: dict[str, Answer] = {}
    attachments: list[Attachment] = []
    versions: list[NamedVersion] = []
    reviews: list[CachedReview] = []
    rehearsals: list[Rehearsal] = []
    notes: list[ClientNote] = []  # the client's comments from Word (see draft/word_changes.py)
    last_question: str | None = None
    llm_privacy: LLMPrivacy = "allowed"
    # Per client (issue 15): the app's language while this proposal is open (None: the app's own setting),
    # and this client's own deadline for handing in (None: none set).
    language: Language | None = None
    deadline: date | None = None

    def answer_text(self, question_id: str) -> str:
        answer = self.answers.get(question_id)
        return answer.text if answer else ""

    def set_answer(self, question_id: str, text: str, origin: Origin = "typed", note: str = "") -> bool:
        """Set an answer's text, recording a revision when it changed. Returns whether it changed."""
        answer = self.answers.setdefault(question_id, Answer(question_id=question_id))
        if answer.text == text:
            return False
        answer.text = text
        revisions = answer.revisions
        # Typing produces many saves; consecutive typed saves collapse into one revision.
        if origin == "typed" and revisions and revisions[-1].origin == "typed" and not note:
            revisions[-1] = Revision(text=text, origin="typed")
        else:
            revisions.append(Revision(text=text, origin=origin, note=note))
        self.touch()
        return True

    def set_field(self, field_id: str, value: str) -> bool:
        if self.fields.get(field_id, "") == value:
            return False
        if value:
            self.fields[field_id] = value
        else:
            self.fields.pop(field_id, None)
        self.touch()
        return True

    def add_note(self, note: ClientNote) -> bool:
        """Add a note unless the same one (place, author, text) is already there, done or not."""
        if any((n.item, n.author, n.text) == (note.item, note.author, note.text) for n in self.notes):
            return False
        self.notes.append(note)
        self.touch()
        return True

    def open_notes(self, item: str | None = None) -> list[tuple[int, ClientNote]]:
        """The notes not yet done, with their number (1, 2, … in the order they came), for one item or all."""
        return [
            (number, note)
            for number, note in enumerate(self.notes, start=1)
            if not note.done and (item is None or note.item == item)
        ]

    def addendum(self) -> Attachment | None:
        return next((a for a in reversed(self.attachments) if a.kind == "addendum"), None)

    def snapshot(self, name: str) -> NamedVersion:
        return NamedVersion(
            name=name,
            fields=dict(self.fields),
            answers={qid: a.text for qid, a in self.answers.items() if a.text},
        )

    def version(self, name: str) -> NamedVersion:
        for version in self.versions:
            if version.name == name:
                return version
        raise KeyError(name)

    def touch(self) -> None:
        self.updated_at = now()

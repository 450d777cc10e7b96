"""The cross-client check of one proposal (`check FILE`) without reading every other proposal: an index on disk.

`.wse-vergelijk.sqlite`, next to the proposals compared with, holds per proposal file its modification time
and size, its client (organisation, contact, e-mail, enterprise number) and per paragraph its word 5-grams,
as postings (5-gram -> paragraph). Checking one proposal looks the folder over (names, times and sizes: a
few milliseconds), reads again only the files whose time or size changed (an entry is never trusted over its
file), and then asks the database only for the postings of this proposal's own 5-grams: the paragraphs that
share any, and how many they share, which with their sizes gives the Jaccard similarity exactly. So a check
reads what it needs, not the other 199 proposals.

The 5-grams are hashed with BLAKE2b, the same in every process (Python's own hash is not). A missing,
corrupt, foreign or older index is rebuilt; a folder that cannot be written to, or an index another process
keeps locked, falls back to reading every proposal (`OtherProposals`), as before.
"""

from __future__ import annotations

import json
import os
import sqlite3
from array import array
from contextlib import suppress
from hashlib import blake2b
from pathlib import Path

from assistant import __version__
from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.store import read_proposal
from assistant.draft.workspace import known_call
from assistant.errors import AssistantError
from assistant.review.crossclient import (
    Client,
    Match,
    Names,
    Other,
    OtherProposals,
    client_fields,
    name_findings,
    overlap_finding,
    scan_proposals,
    unadapted_copy,
)
from assistant.review.findings import SEVERITY_ORDER, Finding
from assistant.review.rules.reuse import SHINGLE, SIMILAR, Shingles, paragraph_shingles

INDEX_NAME = ".wse-vergelijk.sqlite"
INDEX_VERSION = "2"  # 2: the client by the call's roles (organisation, contact, ...), not by field ids
LOCK_WAIT_S = 10.0  # another process updating the index: wait this long, then read the files instead

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL, readable INTEGER NOT NULL, proposal TEXT NOT NULL, call_id TEXT NOT NULL,
    client TEXT NOT NULL);
CREATE TABLE paragraphs(id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, question_id TEXT NOT NULL,
    number INTEGER NOT NULL, size INTEGER NOT NULL, shingles BLOB NOT NULL);
CREATE INDEX paragraphs_by_file ON paragraphs(file_id);
CREATE TABLE postings(shingle INTEGER NOT NULL, paragraph INTEGER NOT NULL,
    PRIMARY KEY (shingle, paragraph)) WITHOUT ROWID;
"""


class IndexUnavailable(Exception):
    """The index cannot be opened or kept up to date here; the caller reads the files instead."""


def stable_shingles(tokens: list[str]) -> Shingles:
    """A paragraph's word 5-grams as signed 64-bit BLAKE2b hashes (what SQLite stores as an integer)."""
    return frozenset(
        int.from_bytes(blake2b("\x1f".join(tokens[i : i + SHINGLE]).encode(), digest_size=8).digest(), signed=True)
        for i in range(len(tokens) - SHINGLE + 1)
    )


def others_for_one(folder: Path, exclude: Path | None) -> IndexedProposals | OtherProposals:
    """The other clients' proposals in `folder` for checking one proposal: from the index when it can be kept
    there, else read from the files."""
    if folder.is_dir():
        try:
            return IndexedProposals(folder, exclude)
        except IndexUnavailable:
            pass
    return OtherProposals(folder, exclude=exclude)


class IndexedProposals:
    """Every proposal in `folder` except the one at `exclude`, through the index (brought up to date first)."""

    def __init__(self, folder: Path, exclude: Path | None = None):
        self.folder = folder
        self.exclude = _resolved(exclude) if exclude is not None else None
        self.read = 0  # proposal files read to bring the index up to date (0 when nothing changed)
        self._db = _open(folder / INDEX_NAME)
        try:
            self._others = self._update()
        except sqlite3.Error as exc:
            self._db.close()
            raise IndexUnavailable(str(exc)) from exc

    def __len__(self) -> int:
        return sum(1 for other in self._others.values() if other.path != self.exclude)

    def _update(self) -> dict[int, Other]:
        """Files added, changed or removed since the index saw them are put right; file id -> its proposal."""
        stats = {str(path): (path, stat) for path, stat in scan_proposals(self.folder).items()}
        known = {}
        for name, mtime, size, readable in self._db.execute("SELECT name, mtime_ns, size, readable FROM files"):
            # A file that could not be read is tried again every time: its permissions may have been put right
            # since, which changes neither its time nor its size.
            known[name] = (mtime, size) if readable else None
        changed = [name for name, (_, stat) in stats.items() if known.get(name) != stat]
        gone = [name for name in known if name not in stats]
        if changed or gone:
            read = [(name, stats[name][1], _read(stats[name][0])) for name in changed]  # outside the write lock
            self.read = len(read)
            with _writing(self._db):
                for name in [*gone, *changed]:
                    _forget(self._db, name)
                for name, stat, found in read:
                    _remember(self._db, name, stat, found)
        others = {}
        for file_id, name, proposal, call_id, client in self._db.execute(
            "SELECT id, name, proposal, call_id, client FROM files WHERE readable = 1"
        ):
            if name in stats:  # another process may have added one since the scan: not looked at this time
                others[file_id] = Other(stats[name][0], proposal, call_id, Client.from_fields(json.loads(client)))
        return others

    def findings(self, proposal: Proposal, call: Call, path: Path | None = None) -> dict[str, list[Finding]]:
        """Findings per question id, for every answer, as `OtherProposals.findings` gives them."""
        client = Client.of(proposal, call)
        own = _resolved(path) if path is not None else self.exclude
        strangers = {n: o for n, o in self._others.items() if o.path != own and not o.client.same_as(client)}
        texts = {q.id: proposal.answer_text(q.id) for q in call.questions}
        blocks = [
            (question_id, block, shingles)
            for question_id, text in texts.items()
            for _, block, shingles in paragraph_shingles(text, stable_shingles)
        ]
        alike = self._alike(blocks, strangers)
        listed: list[Other | None] = list(strangers.values())  # numbered as Names and name_findings count
        names = Names(listed)
        everyone = set(range(len(listed)))
        found: dict[str, list[Finding]] = {}
        for question_id, text in texts.items():
            if not text.strip() or not strangers:
                continue
            copied = unadapted_copy(proposal, question_id)
            items = [
                overlap_finding(block, alike[number], call, copied)
                for number, (qid, block, _) in enumerate(blocks)
                if qid == question_id and alike.get(number)
            ]
            items += name_findings(names.found(text, everyone), listed)
            if items:
                found[question_id] = sorted(items, key=lambda f: SEVERITY_ORDER[f.severity])
        return found

    def _alike(self, blocks: list[tuple[str, str, Shingles]], strangers: dict[int, Other]) -> dict[int, list[Match]]:
        """Per block number, the other clients' paragraphs alike to it: only the postings of its own 5-grams
        are read, with the number of 5-grams each paragraph shares."""
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS query(block INTEGER NOT NULL, shingle INTEGER NOT NULL)")
        db.execute("DELETE FROM temp.query")
        db.executemany(
            "INSERT INTO temp.query VALUES (?, ?)",
            ((number, shingle) for number, (_, _, shingles) in enumerate(blocks) for shingle in shingles),
        )
        found: dict[int, list[Match]] = {}
        for number, file_id, question_id, place, size, shared in db.execute(
            "SELECT q.block, p.file_id, p.question_id, p.number, p.size, count(*) FROM temp.query q "
            "JOIN postings s ON s.shingle = q.shingle JOIN paragraphs p ON p.id = s.paragraph "
            "GROUP BY q.block, p.id"
        ):
            other = strangers.get(file_id)
            if other is None:
                continue
            similarity = shared / (len(blocks[number][2]) + size - shared)
            if similarity >= SIMILAR:
                found.setdefault(number, []).append(Match(other, question_id, place, similarity))
        return found


def _read(path: Path) -> tuple[Proposal, list[tuple[str, int, Shingles]]] | None:
    """A proposal and its paragraphs (question id, place, 5-grams); None when it cannot be read."""
    try:
        proposal = read_proposal(path)
    except AssistantError:
        return None  # corrupt, foreign or too large: not a client to compare with (remembered as such)
    paragraphs = [
        (question_id, place, shingles)
        for question_id, answer in sorted(proposal.answers.items())
        for place, _, shingles in paragraph_shingles(answer.text, stable_shingles)
    ]
    return proposal, paragraphs


def _forget(db: sqlite3.Connection, name: str) -> None:
    row = db.execute("SELECT id FROM files WHERE name = ?", (name,)).fetchone()
    if row is None:
        return
    for paragraph, shingles in db.execute("SELECT id, shingles FROM paragraphs WHERE file_id = ?", row).fetchall():
        db.executemany(
            "DELETE FROM postings WHERE shingle = ? AND paragraph = ?",
            ((shingle, paragraph) for shingle in array("q", shingles)),
        )
    db.execute("DELETE FROM paragraphs WHERE file_id = ?", row)
    db.execute("DELETE FROM files WHERE id = ?", row)


def _remember(
    db: sqlite3.Connection, name: str, stat: tuple[int, int], found: tuple[Proposal, list[tuple[str, int, Shingles]]] | None
) -> None:
    if found is None:
        db.execute("INSERT INTO files VALUES (NULL, ?, ?, ?, 0, '', '', '{}')", (name, *stat))
        return
    proposal, paragraphs = found
    client = json.dumps(client_fields(proposal.fields, known_call(proposal)), ensure_ascii=False)
    file_id = db.execute(
        "INSERT INTO files VALUES (NULL, ?, ?, ?, 1, ?, ?, ?)", (name, *stat, proposal.name, proposal.call_id, client)
    ).lastrowid
    for question_id, place, shingles in paragraphs:
        packed = array("q", sorted(shingles)).tobytes()
        paragraph = db.execute(
            "INSERT INTO paragraphs VALUES (NULL, ?, ?, ?, ?, ?)", (file_id, question_id, place, len(shingles), packed)
        ).lastrowid
        db.executemany("INSERT INTO postings VALUES (?, ?)", ((shingle, paragraph) for shingle in shingles))


class _writing:
    """One write transaction, taken at once (BEGIN IMMEDIATE), so two processes updating wait for each other
    instead of failing halfway."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _open(path: Path) -> sqlite3.Connection:
    """The index, made when missing and made again when corrupt or of another version."""
    for _ in range(2):
        db = None
        try:
            # Clients' names, e-mails and text: for this user only (SQLite gives its journals the same mode).
            # Where that fails, so does opening the index, just below, and says why.
            with suppress(OSError):
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
                os.chmod(path, 0o600)  # an index made by an earlier version was readable by all
            db = sqlite3.connect(path, timeout=LOCK_WAIT_S, isolation_level=None)
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA temp_store = MEMORY")
            with _writing(db):
                tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not tables:
                    for statement in filter(str.strip, _SCHEMA.split(";")):  # executescript would commit
                        db.execute(statement)
                    db.executemany(
                        "INSERT INTO meta VALUES (?, ?)", [("version", INDEX_VERSION), ("program", __version__)]
                    )
                meta = dict(db.execute("SELECT key, value FROM meta")) if "meta" in tables or not tables else {}
            if meta == {"version": INDEX_VERSION, "program": __version__}:
                return db
        except sqlite3.OperationalError as exc:  # cannot be opened or written here, or locked too long
            if db is not None:
                db.close()
            raise IndexUnavailable(str(exc)) from exc
        except sqlite3.DatabaseError:
            pass  # corrupt, or not a database: made again below
        if db is not None:
            db.close()
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise IndexUnavailable(str(exc)) from exc
    raise IndexUnavailable(_("{path} kan niet gemaakt worden").format(path=path))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()

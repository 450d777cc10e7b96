"""The proposal file on disk: validated reads, migrations, atomic writes with a backup, one writer."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError

from assistant.draft.models import PROPOSAL_FORMAT, PROPOSAL_SCHEMA_VERSION, Proposal
from assistant.errors import ProposalFileError, ProposalLockedError

# schema_version N -> function turning a version-N document into version N+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: lambda data: {**data, "schema_version": 2, "rehearsals": data.get("rehearsals", [])},  # pitch rehearsals
}


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    version = data.get("schema_version")
    if not isinstance(version, int):
        raise ProposalFileError(f"{path} heeft geen geldige schema_version.")
    if version > PROPOSAL_SCHEMA_VERSION:
        raise ProposalFileError(
            f"{path} is gemaakt met een nieuwere versie van wse-assistant (schema {version}); werk het programma bij."
        )
    while version < PROPOSAL_SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    return data


def parse_proposal(raw: bytes, path: Path) -> Proposal:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProposalFileError(f"{path} is beschadigd of geen voorstelbestand (geen geldige JSON).") from None
    if not isinstance(data, dict) or data.get("format") != PROPOSAL_FORMAT:
        raise ProposalFileError(f"{path} is geen voorstelbestand van wse-assistant.")
    data = migrate(data, path)
    try:
        return Proposal.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProposalFileError(f"{path} is beschadigd: '{where}' {first['msg']}.") from None


def read_proposal(path: str | Path) -> Proposal:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProposalFileError(f"Bestand {path} bestaat niet.") from None
    except OSError as exc:
        raise ProposalFileError(f"Bestand {path} kan niet gelezen worden: {exc.strerror}.") from None
    return parse_proposal(raw, path)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_file_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that no reader ever sees half a file (exports use it too)."""
    _atomic_write(path, data)


def write_proposal(path: str | Path, proposal: Proposal) -> None:
    """Write atomically; the file it replaces becomes the backup. At every instant `path` is whole."""
    path = Path(path)
    data = proposal.model_dump_json(indent=2).encode("utf-8") + b"\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            _atomic_write(backup_path(path), path.read_bytes())
        _atomic_write(path, data)
    except OSError as exc:
        raise ProposalFileError(f"Opslaan in {path} mislukt: {exc.strerror or exc}.") from None


class ProposalFile:
    """A proposal opened for editing: holds the writer's lock until closed.

    A second writer is refused with ProposalLockedError; open with `read_only=True` to look only.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, create: Proposal | None = None):
        self.path = Path(path)
        self.read_only = read_only
        self._lock: FileLock | None = None
        if not read_only:
            self._acquire()
        try:
            if create is not None:
                if self.path.exists():
                    raise ProposalFileError(f"{self.path} bestaat al; kies een andere naam of open het.")
                self.proposal = create
                self.save()
            else:
                self.proposal = read_proposal(self.path)
        except BaseException:
            self.close()
            raise

    def _acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(lock_path(self.path), timeout=0)
            lock.acquire()
        except Timeout:
            raise ProposalLockedError(
                f"{self.path} is al geopend in een ander venster of proces; sluit dat eerst of open alleen-lezen."
            ) from None
        except OSError as exc:
            raise ProposalFileError(f"{self.path} kan niet vergrendeld worden: {exc.strerror or exc}.") from None
        self._lock = lock

    def save(self) -> None:
        if self.read_only:
            raise ProposalLockedError(f"{self.path} is alleen-lezen geopend; wijzigingen worden niet bewaard.")
        write_proposal(self.path, self.proposal)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ProposalFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

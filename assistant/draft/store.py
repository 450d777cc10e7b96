"""The proposal file on disk: validated reads, migrations, atomic writes with a backup, one writer."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError

from assistant.draft.limits import MAX_PROPOSAL_BYTES, read_limited
from assistant.draft.models import PROPOSAL_FORMAT, PROPOSAL_SCHEMA_VERSION, Proposal
from assistant.draft.text import safe_text
from assistant.errors import (
    ProposalFileError,
    ProposalLockedError,
    ProposalReadOnlyError,
    os_error_text,
    validation_reason,
)
from assistant.i18n import _

# schema_version N -> function turning a version-N document into version N+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    # 2 adds the per-proposal LLM privacy; what version 1 did (any configured server) stays allowed.
    1: lambda data: {**data, "schema_version": 2, "llm_privacy": "allowed"},
    2: lambda data: {**data, "schema_version": 3, "rehearsals": data.get("rehearsals", [])},  # pitch rehearsals
    3: lambda data: {**data, "schema_version": 4},  # new fields are optional: nothing to fill in
}


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProposalFileError(_("{path} heeft geen geldige schema_version.").format(path=path))
    if version > PROPOSAL_SCHEMA_VERSION:
        raise ProposalFileError(
            _(
                "{path} is gemaakt met een nieuwere versie van wse-assistant (schema {version}); werk het "
                "programma bij."
            ).format(path=path, version=version)
        )
    while version < PROPOSAL_SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise ProposalFileError(
                _(
                    "{path} heeft schema_version {version}, die wse-assistant nooit gebruikt heeft; het "
                    "bestand is beschadigd."
                ).format(path=path, version=version)
            )
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    return data


def _safe_strings(obj: dict[str, Any]) -> dict[str, Any]:
    """json's object_hook: every string of an object (the objects inside it came through here already)."""
    return {safe_text(key): _safe_value(value) for key, value in obj.items()}


def _safe_value(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):  # lists hold no objects the hook has not seen, but may hold lists
        return [_safe_value(item) for item in value]
    return value


def parse_proposal(raw: bytes, path: Path) -> Proposal:
    try:
        # A byte-order mark, as some Windows editors add, is fine; an escaped control character or lone
        # surrogate ("\u001b", "\ud800") is dropped or replaced, as in any text read (safe_text).
        data = json.loads(raw.decode("utf-8-sig"), object_hook=_safe_strings)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProposalFileError(_("{path} is beschadigd of geen voorstelbestand (geen geldige JSON).").format(path=path)) from None
    except RecursionError:
        raise ProposalFileError(_("{path} is geen voorstelbestand: de JSON is te diep genest.").format(path=path)) from None
    if not isinstance(data, dict) or data.get("format") != PROPOSAL_FORMAT:
        raise ProposalFileError(_("{path} is geen voorstelbestand van wse-assistant.").format(path=path))
    data = migrate(data, path)
    try:
        return Proposal.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        reason = validation_reason(first)
        raise ProposalFileError(_("{path} is beschadigd: '{where}' {first}.").format(path=path, where=where, first=reason)) from None


def read_proposal(path: str | Path) -> Proposal:
    path = Path(path)
    raw = read_limited(path, MAX_PROPOSAL_BYTES, _("een voorstelbestand"), ProposalFileError)
    return parse_proposal(raw, path)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


TEMP_SUFFIX = ".tmp"


def _atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
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


def real_path(path: Path) -> Path:
    """The file a symbolic link points to (a save writes that file and the link stays); else the path itself."""
    return path.resolve() if path.is_symlink() else path


def is_read_only(path: Path) -> bool:
    """No write permission bits (444), or not writable for this user. Checked by bits too: root may write anyway."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def _read_only_error(path: Path) -> ProposalReadOnlyError:
    return ProposalReadOnlyError(
        _(
            "{path} is alleen-lezen (bestandsrechten): wijzigingen kunnen niet bewaard worden. Maak "
            "het schrijfbaar (chmod u+w) of werk op een kopie."
        ).format(path=path)
    )


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temporary files that saves of `path` left when killed (they hold section B: no copies lying
    around). Call only while holding the proposal's lock, so no save of it is under way."""
    removed: list[Path] = []
    prefix = _temp_prefix(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass  # not ours to remove after all (permissions); the next open tries again
    return removed


def write_proposal(path: str | Path, proposal: Proposal) -> None:
    """Write atomically; the file it replaces becomes the backup. At every instant `path` is whole.

    A link is followed (the real file changes), the file's permissions are kept (a new proposal is 0600:
    it holds personal data), and a read-only file is refused untouched.
    """
    path = real_path(Path(path))
    data = proposal.model_dump_json(indent=2).encode("utf-8") + b"\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = 0o600
        if path.exists():
            if is_read_only(path):
                raise _read_only_error(path)
            mode = stat.S_IMODE(path.stat().st_mode)
            _atomic_write(backup_path(path), path.read_bytes(), mode)
        _atomic_write(path, data, mode)
    except OSError as exc:
        raise ProposalFileError(_("Opslaan in {path} mislukt: {error}.").format(path=path, error=os_error_text(exc))) from None


def acquire_writer_lock(path: Path) -> FileLock:
    """The one writer's lock of the proposal at `path` (its real file); refused when another holds it."""
    try:
        lock = FileLock(lock_path(path), timeout=0)
        lock.acquire()
    except Timeout:
        raise ProposalLockedError(
            _("{path} is al geopend in een ander venster of proces; sluit dat eerst of open alleen-lezen.").format(path=path)
        ) from None
    except OSError as exc:
        raise ProposalFileError(
            _("{path} kan niet vergrendeld worden: {error}.").format(path=path, error=os_error_text(exc))
        ) from None
    return lock


def release_lock(lock: FileLock) -> None:
    """Release a writer's lock and take its file away, so no `.lock` is left beside the proposal.

    Removed while still held: a process that opened the old file meanwhile finds it unlinked once it gets
    the lock (filelock checks st_nlink after locking; seen in 4.3) and tries again on the path, so two
    writers never both hold it."""
    try:
        os.unlink(lock.lock_file)
    except OSError:
        pass  # gone already, or a folder we may not change: the lock is released all the same
    lock.release()


class ProposalFile:
    """A proposal opened for editing: holds the writer's lock until closed.

    A second writer is refused with ProposalLockedError, a read-only file with ProposalReadOnlyError (its
    subclass); open with `read_only=True` to look only. A path through a symbolic link is resolved once:
    the lock and the writes are on the real file.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, create: Proposal | None = None):
        self.path = real_path(Path(path))
        self.read_only = read_only
        self._lock: FileLock | None = None
        if not read_only:
            if create is None and is_read_only(self.path):
                raise _read_only_error(self.path)
            self._acquire()
            remove_leftovers(self.path)
        try:
            if create is not None:
                if self.path.exists():
                    raise ProposalFileError(_("{path} bestaat al; kies een andere naam of open het.").format(path=self.path))
                self.proposal = create
                self.save()
            else:
                self.proposal = read_proposal(self.path)
        except BaseException:
            self.close()
            raise

    def _acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = acquire_writer_lock(self.path)

    def save(self) -> None:
        if self.read_only:
            raise ProposalLockedError(_("{path} is alleen-lezen geopend; wijzigingen worden niet bewaard.").format(path=self.path))
        write_proposal(self.path, self.proposal)

    def close(self) -> None:
        if self._lock is not None:
            release_lock(self._lock)
            self._lock = None

    def __enter__(self) -> ProposalFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

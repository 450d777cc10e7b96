"""Find and load call files: bundled ones by id, any other by path."""

from __future__ import annotations

import hashlib
import re
import tomllib
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from assistant.call.models import Call
from assistant.errors import CallFileError, os_error_text, validation_reason
from assistant.i18n import _

DEFAULT_CALL_ID = "oost-meetjesland-2026"


def _bundled_dir() -> Path:
    return Path(str(resources.files("assistant.call") / "calls"))


def available_calls() -> list[Call]:
    """Every call bundled with the package, sorted by id."""
    return sorted((load_call_file(p) for p in _bundled_dir().glob("*.toml")), key=lambda c: c.id)


def load_call(ref: str | Path | None = None) -> Call:
    """Load a call by bundled id or by path; None means the default call."""
    if ref is None:
        ref = DEFAULT_CALL_ID
    candidate = Path(ref)
    if candidate.suffix == ".toml" or candidate.exists():
        return load_call_file(candidate)
    bundled = _bundled_dir() / f"{ref}.toml"
    if not bundled.exists():
        known = ", ".join(p.stem for p in sorted(_bundled_dir().glob("*.toml")))
        raise CallFileError(_(
            "Onbekende oproep '{ref}'. Beschikbaar: {known}, of geef een pad naar een .toml-bestand."
        ).format(ref=ref, known=known))
    return load_call_file(bundled)


def bundled_call(call_id: str) -> Call | None:
    """The bundled call with this id, or None (an id read from a document never names a path)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", call_id) or call_id.endswith(".toml"):
        return None
    bundled = _bundled_dir() / f"{call_id}.toml"
    return load_call_file(bundled) if bundled.is_file() else None


def _location(loc: tuple[int | str, ...], data: dict) -> str:
    """Turn a pydantic error location into a readable key path, naming items by their id."""
    parts: list[str] = []
    node: object = data
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            item = node[step]
            label = item.get("id") if isinstance(item, dict) else None
            parts[-1] = f"{parts[-1]}[{label or step}]" if parts else str(step)
            node = item
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def load_call_file(path: str | Path) -> Call:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CallFileError(_("Oproepbestand {path} kan niet gelezen worden: {error}.").format(path=path, error=os_error_text(exc))) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CallFileError(_("Oproepbestand {path} is geen geldige TOML: {exc}.").format(path=path, exc=exc)) from None
    try:
        call = Call.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = _location(first["loc"], data) or "(bestand)"
        message = validation_reason(first)
        raise CallFileError(_("Oproepbestand {path}: sleutel '{key}': {message}.").format(path=path, key=key, message=message)) from None
    return call.model_copy(update={"sha256": hashlib.sha256(raw).hexdigest(), "source_path": str(path)})

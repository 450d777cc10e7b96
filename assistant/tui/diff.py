"""A word diff as the app draws it: inserted words green and underlined, deleted words struck through in red."""

from __future__ import annotations

from rich.text import Text

from assistant.draft.versions import Chunk

STYLES = {"equal": "", "insert": "bold green underline", "delete": "red strike"}


def diff_text(chunks: list[Chunk], text: Text | None = None) -> Text:
    """The chunks appended to `text` (a new Text without one), each in the style of its change."""
    text = text if text is not None else Text()
    for chunk in chunks:
        text.append(chunk.text, style=STYLES[chunk.op])
    return text

"""Canonical forms of the text a proposal stores, so that round trips compare equal."""

from __future__ import annotations


def normalize_answer(text: str) -> str:
    """Unix newlines, no blank lines or trailing whitespace around the whole answer."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines).rstrip()


def normalize_field(value: str) -> str:
    """A field value is one line: newlines become spaces, surrounding whitespace goes."""
    return " ".join(value.replace("\r", "\n").split("\n")).strip()

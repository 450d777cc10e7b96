"""Canonical forms of the text a proposal stores, so that round trips compare equal."""

from __future__ import annotations

import re
import unicodedata

from assistant.i18n import decimal

# Control characters a terminal obeys (ESC starts a command: clear the screen, set the title, write the
# clipboard), and halves of a character pair that UTF-8 cannot encode. Line breaks in other guises (Word's
# vertical tab, a PDF's form feed, NEL) become a line break; other C1 characters (often a Windows quote read
# as Latin-1) and lone surrogates become U+FFFD, visible to fix; the rest of C0 and DEL go.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_AS_LINE_BREAK = frozenset("\x0b\x0c\x85")


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    if char in _AS_LINE_BREAK:
        return "\n"
    return "\ufffd" if char >= "\x80" else ""


def safe_text(text: str) -> str:
    """Text as read from a file, without control characters that could steer a terminal or break a save
    (tab and line breaks stay)."""
    return _UNSAFE.sub(_replacement, text)


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


def strip_invisible(value: str) -> tuple[str, bool]:
    """`value` without the invisible characters that text pasted from a PDF or web page carries, and whether it had any.

    Zero-width and other format characters (U+200B, U+00AD, U+FEFF, direction marks, …) and control
    characters go; non-breaking and other unusual spaces become a plain space.
    """
    cleaned, changed = [], False
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cf", "Cc") and char not in "\t\n\r":
            changed = True
        elif category[0] == "Z" and char != " ":
            cleaned.append(" ")
            changed = True
        else:
            cleaned.append(char)
    return "".join(cleaned), changed


def dutch_number(value: float, digits: int = 1, *, trim: bool = False, grouped: bool = False) -> str:
    """A number as the reader writes it: a decimal comma in Dutch ("2,5"), the point in English (the active
    language, assistant.i18n.decimal); `trim` drops zeros at the end ("2", "2,25"); `grouped` groups the
    thousands ("100.000" in Dutch, "100,000" in English)."""
    text = f"{value:.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if not grouped:
        return decimal(text)
    sign, digits_text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, point, fraction = digits_text.partition(".")
    separator = "." if decimal("0.5") == "0,5" else ","
    return sign + f"{int(whole):,}".replace(",", separator) + (decimal(point + fraction) if point else "")

"""Every text a user reads goes through one gettext catalogue.

The message id is the Dutch text itself, so Dutch is complete by construction; the English lives in
assistant/locale/en/LC_MESSAGES/messages.po and ships compiled (messages.mo) beside it. `make messages`
extracts the texts with Babel, updates the .po and compiles it; tests/test_i18n.py fails when a text has no
English, an entry is stale or fuzzy, or the .mo lags behind the .po. At run time only the stdlib reads the .mo.

Texts are translated when they are shown or built, in the active language: a text defined at import time
(a module constant, a class attribute) is marked with `N_` and passed through `_` where it is used.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Literal, get_args

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
SOURCE_LANGUAGE: Language = "nl"  # the language of the message ids
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).parent / "locale"

_active: Language = SOURCE_LANGUAGE


@cache
def translations(language: Language) -> gettext.NullTranslations:
    """The catalogue of `language`; Dutch needs none (the ids are Dutch). A missing .mo is a packaging bug: it raises."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])


def set_language(language: str) -> None:
    """Make `language` the active one (from the settings, or a proposal's own language); unknown ones mean Dutch."""
    global _active
    _active = language if language in LANGUAGES else SOURCE_LANGUAGE


def language() -> Language:
    return _active


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Texts built inside the block are in `language`; the previous language returns after it."""
    previous = _active
    set_language(language)
    try:
        yield
    finally:
        set_language(previous)


def _(message: str) -> str:
    """`message` (Dutch) in the active language."""
    return translations(_active).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the active language."""
    return translations(_active).ngettext(singular, plural, n)


def decimal(number: str) -> str:
    """A number written with a decimal point (as Python formats it), as the active language writes it: a
    decimal comma in Dutch, the point in English."""
    return number.replace(".", ",") if _active == "nl" else number


def N_(message: str) -> str:
    """Marks a text for the catalogue without translating it yet: it is translated with `_` where it is shown."""
    return message

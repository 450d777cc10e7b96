"""One small exception hierarchy; every message is written for the user (in the active language, see i18n).

Secrets (API keys) in use are registered with `keep_secret`; every message of these errors, and every
other text the tool prints or stores that came from a server, passes `scrub`, so a server that echoes
the key in its error text never gets it onto a screen, into a log or into a proposal file.
"""

from collections.abc import Mapping
from typing import Any

from assistant import exit_codes
from assistant.i18n import N_, _

SCRUBBED = "***"
# Shorter values would scrub ordinary words; real keys are far longer.
MIN_SECRET_LENGTH = 8
_secrets: set[str] = set()


def keep_secret(secret: str | None) -> None:
    """Remember a secret in use in this process, so that `scrub` takes it out of any text."""
    if secret and len(secret) >= MIN_SECRET_LENGTH:
        _secrets.add(secret)


def scrub(text: str) -> str:
    """The text with every secret in use replaced by ***."""
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, SCRUBBED)
    return text



class AssistantError(Exception):
    """An error whose message can be shown to the user as it is."""

    exit_code = exit_codes.USAGE

    def __init__(self, *args: object):
        super().__init__(*(scrub(a) if isinstance(a, str) else a for a in args))


class CallFileError(AssistantError):
    """A call file that cannot be read or does not validate."""


class ProposalFileError(AssistantError):
    """A proposal file that cannot be read, is corrupt, or is not ours."""


class ProposalLockedError(AssistantError):
    """The proposal is open for writing in another process."""


class ImportFormatError(AssistantError):
    """An import file whose content cannot be mapped."""


class UsageError(AssistantError):
    """A command used in a way it cannot work."""


class InputTooLargeError(AssistantError):
    """An input over one of the limits that keep time and memory bounded; the message names the limit."""


class OverwriteError(AssistantError):
    """Writing would replace an input or a file the tool did not write itself."""


class ConfirmOverwrite(OverwriteError):
    """The target exists and is not an unchanged export of ours: write only when the user confirms."""


class ProposalReadOnlyError(ProposalLockedError):
    """The proposal file's permissions forbid writing: it can be looked at, not changed."""


# errno -> what the user reads; the operating system's own text is English.
_OS_ERRORS = {
    "ENOSPC": N_("de schijf is vol"),
    "EDQUOT": N_("uw schijfquotum is op"),
    "EACCES": N_("geen toestemming (bestandsrechten)"),
    "EPERM": N_("niet toegestaan (bestandsrechten)"),
    "EROFS": N_("de schijf is alleen-lezen"),
    "ENOENT": N_("bestand of map bestaat niet"),
    "ENOTDIR": N_("een deel van het pad is geen map"),
    "EISDIR": N_("dat is een map, geen bestand"),
    "ENAMETOOLONG": N_("de naam is te lang"),
    "ELOOP": N_("te veel symbolische koppelingen na elkaar"),
    "EEXIST": N_("bestaat al"),
    "EBUSY": N_("het bestand is in gebruik"),
    "ETXTBSY": N_("het bestand is in gebruik"),
    "EIO": N_("leesfout of schrijffout van de schijf"),
    "EMFILE": N_("te veel open bestanden"),
    "ENFILE": N_("te veel open bestanden"),
    "EFBIG": N_("het bestand is te groot"),
    "ENOMEM": N_("te weinig geheugen"),
    "EXDEV": N_("verplaatsen tussen schijven gaat niet"),
    "ESTALE": N_("de netwerkschijf is niet meer bereikbaar"),
    "ENODEV": N_("het apparaat bestaat niet"),
    "ENXIO": N_("het apparaat bestaat niet"),
}


def os_error_text(exc: OSError) -> str:
    """An OSError in the user's language, without the operating system's own (English) text."""
    import errno  # noqa: PLC0415 - only when an error is reported

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_ERRORS:
        return _(_OS_ERRORS[name])
    return _("systeemfout {name}").format(name=name) if name else _("onbekende systeemfout")


# What pydantic says of a value that does not validate, by its error type, in the user's language.
_VALIDATION_REASONS = {
    "missing": N_("ontbreekt"),
    "extra_forbidden": N_("is onbekend"),
    "string_type": N_("moet tekst zijn"),
    "int_type": N_("moet een geheel getal zijn"),
    "int_parsing": N_("moet een geheel getal zijn"),
    "int_from_float": N_("moet een geheel getal zijn"),
    "float_type": N_("moet een getal zijn"),
    "float_parsing": N_("moet een getal zijn"),
    "bool_type": N_("moet waar of onwaar zijn"),
    "bool_parsing": N_("moet waar of onwaar zijn"),
    "list_type": N_("moet een lijst zijn"),
    "dict_type": N_("moet een tabel van sleutels en waarden zijn"),
    "model_type": N_("moet een tabel van sleutels en waarden zijn"),
    "model_attributes_type": N_("moet een tabel van sleutels en waarden zijn"),
    "date_parsing": N_("is geen geldige datum"),
    "date_type": N_("is geen geldige datum"),
    "date_from_datetime_inexact": N_("is geen geldige datum"),
    "date_from_datetime_parsing": N_("is geen geldige datum"),
    "datetime_parsing": N_("is geen geldig tijdstip"),
    "datetime_type": N_("is geen geldig tijdstip"),
    "datetime_from_date_parsing": N_("is geen geldig tijdstip"),
    "url_parsing": N_("is geen geldig webadres"),
    "string_too_long": N_("is te lang"),
    "too_long": N_("is te lang"),
    "string_too_short": N_("is te kort"),
    "too_short": N_("is te kort"),
}


def validation_reason(error: Mapping[str, Any]) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as a short reason in the user's language."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind in _VALIDATION_REASONS:
        return _(_VALIDATION_REASONS[kind])
    if kind in ("literal_error", "enum"):
        expected = str(context.get("expected", "")).replace(" or ", _(" of "))  # pydantic's list: "'nl' or 'en'"
        return _("moet een van deze zijn: {expected}").format(expected=expected)
    if kind in ("greater_than_equal", "greater_than"):
        return _("moet minstens {limit} zijn").format(limit=context.get("ge", context.get("gt", "")))
    if kind in ("less_than_equal", "less_than"):
        return _("mag hoogstens {limit} zijn").format(limit=context.get("le", context.get("lt", "")))
    if kind in ("value_error", "assertion_error"):  # our own validators, which speak Dutch already
        return str(error.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return _("is ongeldig")

"""One small exception hierarchy; every message is written for the user (Dutch).

Secrets (API keys) in use are registered with `keep_secret`; every message of these errors, and every
other text the tool prints or stores that came from a server, passes `scrub`, so a server that echoes
the key in its error text never gets it onto a screen, into a log or into a proposal file.
"""

from assistant import exit_codes

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
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "uw schijfquotum is op",
    "EACCES": "geen toestemming (bestandsrechten)",
    "EPERM": "niet toegestaan (bestandsrechten)",
    "EROFS": "de schijf is alleen-lezen",
    "ENOENT": "bestand of map bestaat niet",
    "ENOTDIR": "een deel van het pad is geen map",
    "EISDIR": "dat is een map, geen bestand",
    "ENAMETOOLONG": "de naam is te lang",
    "ELOOP": "te veel symbolische koppelingen na elkaar",
    "EEXIST": "bestaat al",
    "EBUSY": "het bestand is in gebruik",
    "ETXTBSY": "het bestand is in gebruik",
    "EIO": "leesfout of schrijffout van de schijf",
    "EMFILE": "te veel open bestanden",
    "ENFILE": "te veel open bestanden",
    "EFBIG": "het bestand is te groot",
    "ENOMEM": "te weinig geheugen",
    "EXDEV": "verplaatsen tussen schijven gaat niet",
    "ESTALE": "de netwerkschijf is niet meer bereikbaar",
    "ENODEV": "het apparaat bestaat niet",
    "ENXIO": "het apparaat bestaat niet",
}


def os_error_text(exc: OSError) -> str:
    """An OSError in Dutch, without the operating system's English text."""
    import errno  # noqa: PLC0415 - only when an error is reported

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_ERRORS.get(name) or (f"systeemfout {name}" if name else "onbekende systeemfout")

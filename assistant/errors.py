"""One small exception hierarchy; every message is written for the user (Dutch).

Secrets (API keys) in use are registered with `keep_secret`; every message of these errors, and every
other text the tool prints or stores that came from a server, passes `scrub`, so a server that echoes
the key in its error text never gets it onto a screen, into a log or into a proposal file.
"""

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

    exit_code = 2

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

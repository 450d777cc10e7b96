"""One small exception hierarchy; every message is written for the user (Dutch)."""

from assistant import exit_codes


class AssistantError(Exception):
    """An error whose message can be shown to the user as it is."""

    exit_code = exit_codes.USAGE


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

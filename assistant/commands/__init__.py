"""One module per subcommand; each has register(subparsers) that sets `func` on its parser."""

from assistant.commands import attach, calls, check, export, importer, llm, log, new, open, pages, show, versions

COMMANDS = [new, open, importer, export, pages, attach, show, check, versions, calls, llm, log]

"""One module per subcommand; each has register(subparsers) that sets `func` on its parser."""

from assistant.commands import calls, check, export, importer, llm, log, new, open, show, versions

COMMANDS = [new, open, importer, export, show, check, versions, calls, llm, log]

"""One module per subcommand; each has register(subparsers) that sets `func` on its parser.

Modules are imported by name only when needed: a command pays for its own imports, and opening the app
(no command, or `open`) pays for none of the others'.
"""

import importlib
from types import ModuleType

# Subcommand name -> module, in the order `--help` lists them.
COMMANDS = {
    "new": "new",
    "list": "listing",
    "status": "status",
    "open": "open",
    "import": "importer",
    "export": "export",
    "pages": "pages",
    "attach": "attach",
    "show": "show",
    "notes": "notes",
    "check": "check",
    "pitch": "pitch",
    "versions": "versions",
    "settings": "settings",
    "rename": "manage",
    "duplicate": "manage",
    "archive": "manage",
    "delete": "manage",
    "restore": "manage",
    "copy-answer": "manage",
    "calls": "calls",
    "llm": "llm",
    "log": "log",
}


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"assistant.commands.{COMMANDS[name]}")

"""`open FILE`: the TUI on one proposal (and the TUI entry without arguments)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.errors import UsageError
from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("open", help=_("voorstel openen in de app"))
    parser.add_argument("file", metavar="BESTAND", type=Path, help=_("voorstelbestand (.json)"))
    parser.set_defaults(func=lambda args: run_tui(args.file))


def run_tui(path: Path | None) -> int:
    # Without a terminal the app could neither read keys nor draw: it would spin until killed.
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(_("De app heeft een terminal nodig; zonder terminal werken de opdrachten (zie 'wse-assistant --help')."))
    from assistant.tui.app import WseApp  # noqa: PLC0415 - Textual loads only when the app opens

    WseApp(proposal_path=path).run()
    return 0

"""`calls`: the calls this installation knows."""

from __future__ import annotations

import argparse

from assistant.call import available_calls
from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("calls", help=_("beschikbare oproepen tonen"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for call in available_calls():
        print(_(
            "{id}\t{title} – {subtitle}\t({count} vragen)"
        ).format(id=call.id, title=call.title, subtitle=call.subtitle, count=len(call.questions)))
    return 0

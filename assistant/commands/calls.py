"""`calls`: the calls this installation knows."""

from __future__ import annotations

import argparse

from assistant.call import available_calls


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("calls", help="beschikbare oproepen tonen")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for call in available_calls():
        print(f"{call.id}\t{call.title} – {call.subtitle}\t({len(call.questions)} vragen)")
    return 0

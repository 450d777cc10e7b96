"""`new NAME`: start an empty proposal for a call."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.call import load_call
from assistant.draft.store import ProposalFile
from assistant.draft.workspace import default_proposal_path, new_proposal


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("new", help="nieuw voorstel aanmaken")
    parser.add_argument("name", metavar="NAAM", help="naam van het voorstel (bv. de organisatie)")
    parser.add_argument("--call", metavar="ID|PAD", help="oproep (standaard de meegeleverde)")
    parser.add_argument("-o", "--output", metavar="PAD", type=Path, help="waar het voorstel komt")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    call = load_call(args.call)
    path = args.output or default_proposal_path(args.name)
    with ProposalFile(path, create=new_proposal(args.name, call)):
        pass
    print(path)
    return 0

"""`new NAME`: start an empty proposal for a call."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.call import load_call
from assistant.commands.common import require_proposal_output
from assistant.draft.store import ProposalFile
from assistant.draft.workspace import namesake_warning, namesakes, new_proposal, new_proposal_path, remember
from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("new", help=_("nieuw voorstel aanmaken"))
    parser.add_argument("name", metavar="NAAM", help=_("naam van het voorstel (bv. de organisatie)"))
    parser.add_argument("--call", metavar="ID|PAD", help=_("oproep (standaard de meegeleverde)"))
    parser.add_argument("-o", "--output", metavar="PAD", type=Path, help=_("waar het voorstel komt (standaard de datamap)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.output is not None:
        require_proposal_output(args.output)
    call = load_call(args.call)
    path = args.output or new_proposal_path(args.name)
    found = namesakes(args.name)
    with ProposalFile(path, create=new_proposal(args.name.strip(), call)):
        pass
    remember(path)
    if warning := namesake_warning(found, path):
        print(warning, file=sys.stderr)
    print(path)
    return 0

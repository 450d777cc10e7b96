"""`export FILE -o OUT`: write the proposal as .docx, .pdf or .md, chosen by the output's suffix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.errors import UsageError
from assistant.layout.export import FORMATS, PageLimitError, export_proposal


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="voorstel exporteren (.docx, .pdf of .md)")
    add_proposal_argument(parser)
    parser.add_argument(
        "-o", "--output", metavar="UIT", type=Path, required=True, help="doelbestand (.docx, .pdf of .md)"
    )
    parser.add_argument("--force", action="store_true", help="ook exporteren als sectie D te lang is")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{args.output}: onbekend formaat '{suffix or '(geen)'}'; gebruik .docx, .pdf of .md.")
    loaded = load_from_args(args)
    try:
        result = export_proposal(loaded.proposal, loaded.call, args.output, force=args.force)
    except PageLimitError as exc:
        raise PageLimitError(f"{exc} Kort in, of exporteer toch met --force.") from None
    if result.over_limit:
        print(f"Let op: {result.over_limit} (geëxporteerd met --force)", file=sys.stderr)
    for note in result.notes:
        print(f"Let op: {note}.", file=sys.stderr)
    print(args.output)
    return 0

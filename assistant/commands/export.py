"""`export FILE -o OUT`: write the proposal in another format, chosen by the output's suffix."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.draft.markdown import to_markdown
from assistant.errors import ProposalFileError, UsageError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="voorstel exporteren (.md)")
    add_proposal_argument(parser)
    parser.add_argument("-o", "--output", metavar="UIT", type=Path, required=True, help="doelbestand (.md)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    loaded = load_from_args(args)
    suffix = args.output.suffix.lower()
    if suffix not in (".md", ".markdown"):
        raise UsageError(f"{args.output}: onbekend formaat '{suffix or '(geen)'}'; gebruik .md.")
    try:
        args.output.write_text(to_markdown(loaded.proposal, loaded.call), encoding="utf-8")
    except OSError as exc:
        raise ProposalFileError(f"{args.output} kan niet geschreven worden: {exc.strerror or exc}.") from None
    print(args.output)
    return 0

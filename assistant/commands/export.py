"""`export FILE -o OUT`: write the proposal as .docx, .pdf or .md, chosen by the output's suffix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.commands.progress import Progress
from assistant.errors import ConfirmOverwrite, UsageError
from assistant.layout.export import FORMATS, PageLimitError, export_proposal
from assistant.review.offline import review_proposal


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="voorstel exporteren (.docx, .pdf of .md)")
    add_proposal_argument(parser)
    parser.add_argument(
        "-o", "--output", metavar="UIT", type=Path, required=True, help="doelbestand (.docx, .pdf of .md)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="ook exporteren als de sectie met de vragen te lang is, en een bestaand bestand overschrijven (met reservekopie)",
    )
    parser.add_argument(
        "--opmerkingen",
        action="store_true",
        help="elke bevinding van de nalezing als Word-opmerking in het document (.docx; niet voor de jury)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{args.output}: onbekend formaat '{suffix or '(geen)'}'; gebruik .docx, .pdf of .md.")
    if args.opmerkingen and FORMATS[suffix] != "docx":
        raise UsageError("--opmerkingen kan alleen bij een export naar .docx.")
    try:
        with Progress("Exporteren"):
            loaded = load_from_args(args)
            notes = review_proposal(loaded.proposal, loaded.call).comment_notes() if args.opmerkingen else ()
            result = export_proposal(
                loaded.proposal,
                loaded.call,
                args.output,
                force=args.force,
                sources=[args.file],
                overwrite=args.force,
                notes=notes,
            )
            blocking = review_proposal(loaded.proposal, loaded.call, result.pages).blocking
    except PageLimitError as exc:
        raise PageLimitError(f"{exc} Kort in, of exporteer toch met --force.") from None
    except ConfirmOverwrite as exc:
        raise ConfirmOverwrite(f"{exc} Kies een andere naam, of overschrijf met --force (met reservekopie).") from None
    if result.backup:
        print(f"Let op: het vorige {args.output.name} is bewaard als {result.backup}.", file=sys.stderr)
    if result.over_limit:
        print(f"Let op: {result.over_limit} (geëxporteerd met --force)", file=sys.stderr)
    for note in result.notes:
        print(f"Let op: {note}.", file=sys.stderr)
    if blocking:
        count = "1 blokkerend probleem" if len(blocking) == 1 else f"{len(blocking)} blokkerende problemen"
        print(
            f"Let op: geschreven, maar zo kan het nog niet ingediend worden: {count} ({blocking[0].rstrip('.')}"
            f"{'; …' if len(blocking) > 1 else ''}). Zie 'wse-assistant check {args.file}'.",
            file=sys.stderr,
        )
    print(args.output)
    return 0

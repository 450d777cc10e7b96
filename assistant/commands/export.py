"""`export FILE -o OUT`: write the proposal as .docx, .pdf or .md, chosen by the output's suffix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.commands.progress import Progress
from assistant.errors import ConfirmOverwrite, UsageError
from assistant.i18n import _
from assistant.layout.export import FORMATS, PageLimitError, export_proposal
from assistant.review.offline import review_proposal


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help=_("voorstel exporteren (.docx, .pdf of .md)"))
    add_proposal_argument(parser)
    parser.add_argument(
        "-o", "--output", metavar="UIT", type=Path, required=True, help=_("doelbestand (.docx, .pdf of .md)")
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("ook exporteren als sectie D te lang is, en een bestaand bestand overschrijven (met reservekopie)"),
    )
    parser.add_argument(
        "--opmerkingen",
        action="store_true",
        help=_("elke bevinding van de nalezing als Word-opmerking in het document (.docx; niet voor de jury)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(_(
            "{output}: onbekend formaat '{value}'; gebruik .docx, .pdf of .md."
        ).format(output=args.output, value=suffix or _("(geen)")))
    if args.opmerkingen and FORMATS[suffix] != "docx":
        raise UsageError(_("--opmerkingen kan alleen bij een export naar .docx."))
    try:
        with Progress(_("Exporteren")):
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
        raise PageLimitError(_("{exc} Kort in, of exporteer toch met --force.").format(exc=exc)) from None
    except ConfirmOverwrite as exc:
        raise ConfirmOverwrite(_("{exc} Kies een andere naam, of overschrijf met --force (met reservekopie).").format(exc=exc)) from None
    if result.backup:
        print(_("Let op: het vorige {name} is bewaard als {backup}.").format(name=args.output.name, backup=result.backup), file=sys.stderr)
    if result.over_limit:
        print(_("Let op: {over_limit} (geëxporteerd met --force)").format(over_limit=result.over_limit), file=sys.stderr)
    for note in result.notes:
        print(_("Let op: {note}.").format(note=note), file=sys.stderr)
    if blocking:
        count = "1 blokkerend probleem" if len(blocking) == 1 else f"{len(blocking)} blokkerende problemen"
        print(
            _(
                "Let op: geschreven, maar zo kan het nog niet ingediend worden: {count} ({value}{value2}). "
                "Zie 'wse-assistant check {file}'."
            ).format(
                count=count,
                value=blocking[0].rstrip('.'),
                value2='; …' if len(blocking) > 1 else '',
                file=args.file,
            ),
            file=sys.stderr,
        )
    print(args.output)
    return 0

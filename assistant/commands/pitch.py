"""`pitch FILE [--minuten N] [--tempo WPM] [-o OUT.md|OUT.docx] [--json] [--vragen]`: round 2.

The pitch outline (sentences of the proposal, timed) and the questions the jury will ask. Exit code 1
when the proposal has too little to fill the minutes asked.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant import exit_codes
from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.errors import UsageError
from assistant.i18n import _
from assistant.pitch.jury import jury_questions
from assistant.pitch.outline import build_outline, pitch_spec
from assistant.pitch.render import FORMATS, save, to_text


def _minutes(value: str | None) -> float | None:
    """Minutes as a Dutch speaker types them: "2,5" as well as "2.5"."""
    if value is None:
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise UsageError(_("--minuten: '{value}' is geen aantal minuten (bv. 5 of 2,5).").format(value=value)) from None


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "pitch",
        help=_("pitch voor ronde 2 en de vragen van de jury"),
        description=_(
            "Een pitch uit de zinnen van het voorstel, per deel getimed, en de vragen die de jury "
            "waarschijnlijk stelt. Exitcode 1 als het voorstel te weinig stof heeft voor de gevraagde "
            "minuten."
        ),
    )
    add_proposal_argument(parser)
    parser.add_argument("--minuten", metavar="N", help=_("duur van de pitch (standaard uit de oproep: 5)"))
    parser.add_argument("--tempo", type=int, metavar="WPM", help=_("spreektempo in woorden per minuut (standaard 130)"))
    parser.add_argument("-o", "--output", metavar="UIT", type=Path, help=_("ook wegschrijven als .md of .docx"))
    parser.add_argument("--json", action="store_true", help=_("één JSON-object op stdout"))
    parser.add_argument("--vragen", action="store_true", help=_("enkel de vragen van de jury"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.suffix.lower() not in FORMATS:
        raise UsageError(_(
            "{output}: onbekend formaat '{value}'; gebruik .md of .docx."
        ).format(output=args.output, value=args.output.suffix or _("(geen)")))
    loaded = load_from_args(args)
    pitch_spec(loaded.call)
    outline = None if args.vragen else build_outline(loaded.proposal, loaded.call, _minutes(args.minuten), args.tempo)
    jury = jury_questions(loaded.proposal, loaded.call)
    name = loaded.proposal.name
    if args.output is not None:
        save(args.output, outline, jury, loaded.call, name)
    if args.json:
        data: dict[str, object] = {"jury": [member.model_dump(mode="json") for member in jury]}
        if outline is not None:
            data = {"outline": outline.model_dump(mode="json"), **data}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(to_text(outline, jury, loaded.call, name))
    return exit_codes.BLOCKING if outline is not None and not outline.fits else exit_codes.OK

"""`pages FILE [--json]`: how many pages section D takes, rendered by LibreOffice and estimated."""

from __future__ import annotations

import argparse
import sys

from assistant import exit_codes
from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.commands.progress import Progress
from assistant.i18n import _
from assistant.layout.pages import nl_number, over_limit_message, pages_for_check, pages_word
from assistant.layout.report import PageReport


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("pages", help=_("pagina's van sectie D tellen (gerenderd en geschat)"))
    add_proposal_argument(parser)
    parser.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    parser.add_argument("--estimate-only", action="store_true", help=_("niet renderen, enkel schatten (snel)"))
    parser.set_defaults(func=run)


def describe(report: PageReport) -> str:
    lines = [
        _("Sectie D: geschat {pages} pagina's (maximum {limit}).").format(pages=nl_number(report.estimated), limit=report.limit)
    ]
    if report.rendered is not None:
        fill = round((report.last_page_fill or 0) * 100)
        lines.append(
            _("Gerenderd met {renderer}: {count} {pages}, laatste pagina {fill}% vol.").format(
                renderer=report.renderer, count=report.rendered, pages=pages_word(report.rendered), fill=fill
            )
        )
    elif report.note:
        lines.append(f"({report.note})")
    lines.append(_("Per vraag (pagina's / budget):"))
    lines += [f"  {q.id[1:]}: {nl_number(q.pages)} / {nl_number(q.budget)}" for q in report.per_question]
    if report.over_limit:
        lines.append(over_limit_message(report))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    with Progress(_("Pagina's tellen")):
        loaded = load_from_args(args)
        report = pages_for_check(loaded.proposal, loaded.call, render=not args.estimate_only)
    if report.rendered is None and not args.estimate_only:
        print(
            _(
                "Let op: LibreOffice is niet gevonden, dus enkel de schatting (binnen ongeveer 0,3 "
                "pagina). Installeer LibreOffice Writer voor de exacte telling."
            ),
            file=sys.stderr,
        )
    if args.json:
        print(report.model_dump_json(exclude_none=False))
    else:
        print(describe(report))
    return exit_codes.BLOCKING if report.over_limit else exit_codes.OK

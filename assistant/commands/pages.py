"""`pages FILE [--json]`: how many pages the counted section takes, rendered by LibreOffice and estimated."""

from __future__ import annotations

import argparse
import sys

from assistant import exit_codes
from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.commands.progress import Progress
from assistant.i18n import N_, _
from assistant.layout.pages import (
    exact_proof,
    font_warning,
    nl_number,
    over_limit_message,
    pages_for_check,
    pages_word,
    room_text,
)
from assistant.layout.render import find_soffice
from assistant.layout.report import PageReport


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("pages", help=_("pagina's van de sectie met de vragen tellen (gerenderd en geschat)"))
    add_proposal_argument(parser)
    parser.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    parser.add_argument("--estimate-only", action="store_true", help=_("niet renderen, enkel schatten (snel)"))
    parser.set_defaults(func=run)


PAGES = N_(" pagina's")


def describe(report: PageReport) -> str:
    estimate = report.model_copy(update={"rendered": None})
    lines = [_("Sectie {section}: geschat {room}.").format(section=report.section, room=room_text(estimate, _(PAGES)))]
    if report.rendered is not None:
        fill = round((report.last_page_fill or 0) * 100)
        lines.append(
            _("Gerenderd met {renderer}: {room} ({count} {pages}, laatste pagina {fill}% vol).").format(
                renderer=report.renderer,
                room=room_text(report, _(PAGES)),
                count=report.rendered,
                pages=pages_word(report.rendered),
                fill=fill,
            )
        )
        if not exact_proof(report):
            lines.append(_("Let op, {note}.").format(note=report.note or font_warning(report.body_font or "")))
    elif report.note:
        lines.append(f"({report.note})")
    lines.append(_("Per vraag (pagina's / budget):"))
    lines += [f"  {q.number}: {nl_number(q.pages)} / {nl_number(q.budget)}" for q in report.per_question]
    if report.over_limit:
        lines.append(over_limit_message(report))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    with Progress(_("Pagina's tellen")):
        loaded = load_from_args(args)
        report = pages_for_check(loaded.proposal, loaded.call, render=not args.estimate_only)
    if report.rendered is None and not args.estimate_only and find_soffice() is None:  # not: far over the limit
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

"""`versions FILE [save NAME | diff A B]`: named versions and word-level differences."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.draft.store import ProposalFile
from assistant.draft.versions import CURRENT, diff_versions, render_diff, resolve, save_version
from assistant.draft.workspace import call_for
from assistant.errors import UsageError
from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("versions", help=_("versies bewaren, tonen en vergelijken"))
    parser.add_argument("file", metavar="BESTAND", type=Path, help=_("voorstelbestand (.json)"))
    parser.add_argument(
        "action", metavar="ACTIE", nargs="?", choices=["list", "save", "diff"], default="list", help=_("list (standaard), save of diff")
    )
    parser.add_argument("names", nargs="*", metavar="NAAM", help=_("versienaam; '{CURRENT}' is de huidige tekst").format(CURRENT=CURRENT))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    read_only = args.action != "save"
    with ProposalFile(args.file, read_only=read_only) as opened:
        proposal = opened.proposal
        if args.action == "save":
            if len(args.names) != 1:
                raise UsageError(_("Geef één naam: versions BESTAND save NAAM."))
            if not args.names[0].strip() or args.names[0] == CURRENT:
                # 'huidig' always means the current text, so a version of that name could never be shown again.
                raise UsageError(_(
                    "Geef de versie een naam (niet leeg en niet '{CURRENT}'): versions BESTAND save NAAM."
                ).format(CURRENT=CURRENT))
            save_version(proposal, args.names[0])
            opened.save()
            print(_("Versie '{names}' bewaard.").format(names=args.names[0]))
        elif args.action == "list":
            if not proposal.versions:
                print(_("Nog geen versies bewaard."))
            for version in proposal.versions:
                print(_("{name}\t{at:%Y-%m-%d %H:%M}\t{count} antwoorden").format(name=version.name, at=version.at, count=len(version.answers)))
        else:
            if len(args.names) not in (1, 2):
                raise UsageError(_("Geef twee namen: versions BESTAND diff A B (of één, dan met '{CURRENT}').").format(CURRENT=CURRENT))
            names = [*args.names, CURRENT][:2]
            try:
                old, new = (resolve(proposal, name) for name in names)
            except KeyError as exc:
                raise UsageError(_("Versie {exc} bestaat niet; zie 'versions BESTAND list'.").format(exc=exc)) from None
            call = call_for(proposal)
            order = [f.id for f in call.fields] + [q.id for q in call.questions]
            diffs = diff_versions(old, new, order)
            if not diffs:
                print(_("Geen verschillen."))
            for item in diffs:
                print(_("== {item_id} ==\n{value}\n").format(item_id=item.item_id, value=render_diff(item.chunks)))
    return 0

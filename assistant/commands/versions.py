"""`versions FILE [save NAME | diff A B]`: named versions and word-level differences."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.draft.store import ProposalFile
from assistant.draft.versions import CURRENT, diff_versions, render_diff, resolve, save_version
from assistant.draft.workspace import call_for
from assistant.errors import UsageError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("versions", help="versies bewaren, tonen en vergelijken")
    parser.add_argument("file", metavar="BESTAND", type=Path, help="voorstelbestand (.json)")
    parser.add_argument(
        "action", metavar="ACTIE", nargs="?", choices=["list", "save", "diff"], default="list", help="list (standaard), save of diff"
    )
    parser.add_argument("names", nargs="*", metavar="NAAM", help=f"versienaam; '{CURRENT}' is de huidige tekst")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    read_only = args.action != "save"
    with ProposalFile(args.file, read_only=read_only) as opened:
        proposal = opened.proposal
        if args.action == "save":
            if len(args.names) != 1:
                raise UsageError("Geef één naam: versions BESTAND save NAAM.")
            if not args.names[0].strip() or args.names[0] == CURRENT:
                # 'huidig' always means the current text, so a version of that name could never be shown again.
                raise UsageError(f"Geef de versie een naam (niet leeg en niet '{CURRENT}'): versions BESTAND save NAAM.")
            save_version(proposal, args.names[0])
            opened.save()
            print(f"Versie '{args.names[0]}' bewaard.")
        elif args.action == "list":
            if not proposal.versions:
                print("Nog geen versies bewaard.")
            for version in proposal.versions:
                print(f"{version.name}\t{version.at:%Y-%m-%d %H:%M}\t{len(version.answers)} antwoorden")
        else:
            if len(args.names) not in (1, 2):
                raise UsageError(f"Geef twee namen: versions BESTAND diff A B (of één, dan met '{CURRENT}').")
            names = [*args.names, CURRENT][:2]
            try:
                old, new = (resolve(proposal, name) for name in names)
            except KeyError as exc:
                raise UsageError(f"Versie {exc} bestaat niet; zie 'versions BESTAND list'.") from None
            call = call_for(proposal)
            order = [f.id for f in call.fields] + [q.id for q in call.questions]
            diffs = diff_versions(old, new, order)
            if not diffs:
                print("Geen verschillen.")
            for item in diffs:
                print(f"== {item.item_id} ==\n{render_diff(item.chunks)}\n")
    return 0

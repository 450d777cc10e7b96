"""`list`: the proposals the app's start screen lists, with what tells namesakes apart."""

from __future__ import annotations

import argparse

from assistant import locations
from assistant.draft.workspace import recent_proposals
from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("list", help=_("voorstellen tonen (datamap en elders geopend)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    summaries = recent_proposals()
    if not summaries:
        print(_("Nog geen voorstellen. Begin met 'wse-assistant new NAAM' of 'wse-assistant import BESTAND'."))
        return 0
    print(_("Laatst gewijzigd  Voortgang  Naam (organisatie)  Bestand"))
    for summary in summaries:
        organisation = f" ({summary.organisation})" if summary.organisation and summary.organisation != summary.name else ""
        progress = f"{summary.answered}/{summary.questions}"
        print(_(
            "{changed}  {progress:<9}  {name}{organisation}  {where}"
        ).format(
            changed=summary.changed,
            progress=progress,
            name=summary.name,
            organisation=organisation,
            where=summary.where,
        ))
    print(_("Datamap: {value}").format(value=locations.proposals_dir()))
    return 0

"""`list`: the proposals the app's start screen lists, with what tells namesakes apart."""

from __future__ import annotations

import argparse

from assistant import locations
from assistant.draft.workspace import recent_proposals


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("list", help="voorstellen tonen (datamap en elders geopend)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    summaries = recent_proposals()
    if not summaries:
        print("Nog geen voorstellen. Begin met 'wse-assistant new NAAM' of 'wse-assistant import BESTAND'.")
        return 0
    print("Laatst gewijzigd  Voortgang  Naam (organisatie)  Bestand")
    for summary in summaries:
        organisation = f" ({summary.organisation})" if summary.organisation and summary.organisation != summary.name else ""
        progress = f"{summary.answered}/{summary.questions}"
        print(f"{summary.changed}  {progress:<9}  {summary.name}{organisation}  {summary.where}")
    print(f"Datamap: {locations.proposals_dir()}")
    return 0

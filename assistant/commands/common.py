"""Helpers the subcommands share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.draft.workspace import Loaded, load_any
from assistant.i18n import N_, _

PROPOSAL_HELP = N_("voorstelbestand (.json), Markdown-bestand (.md) of Word-bestand (.docx)")


def add_proposal_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="BESTAND", type=Path, help=_(PROPOSAL_HELP))
    parser.add_argument("--call", metavar="ID|PAD", help=_("oproep (id of pad naar een .toml-bestand)"))


def load_from_args(args: argparse.Namespace) -> Loaded:
    loaded = load_any(args.file, args.call)
    warn_unmapped(loaded.unmapped)
    return loaded


def warn_unmapped(lines: list[str]) -> None:
    for line in lines:
        print(_("Let op: {line} (niet overgenomen)").format(line=line), file=sys.stderr)

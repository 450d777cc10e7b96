"""Helpers the subcommands share."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.draft.models import ClientNote
from assistant.draft.workspace import Loaded, load_any
from assistant.errors import UsageError

PROPOSAL_HELP = "voorstelbestand (.json), Markdown-bestand (.md) of Word-bestand (.docx)"


def add_proposal_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="BESTAND", type=Path, help=PROPOSAL_HELP)
    parser.add_argument("--call", metavar="ID|PAD", help="oproep (id of pad naar een .toml-bestand)")


def load_from_args(args: argparse.Namespace) -> Loaded:
    loaded = load_any(args.file, args.call)
    warn_unmapped(loaded.unmapped, loaded.misplaced)
    for notice in loaded.notices:
        print(f"Let op: {notice}", file=sys.stderr)
    return loaded


def warn_unmapped(lines: list[str], misplaced: Sequence[str] = ()) -> None:
    for line in lines:
        print(f"Let op: {line} (niet overgenomen)", file=sys.stderr)
    for line in misplaced:  # taken over, but maybe under the wrong question: said last, where it is seen
        print(f"Nakijken: {line}.", file=sys.stderr)


def require_folder_of(path: Path) -> None:
    """Refuse an output whose folder does not exist: a typing error in a path should not quietly make folders."""
    folder = path.parent
    if folder.is_dir():
        return
    if folder.exists():
        raise UsageError(f"{folder} is geen map; kies een andere plaats voor {path.name}.")
    raise UsageError(f"Map {folder} bestaat niet. Maak ze eerst aan, of kies een andere plaats voor {path.name}.")


def note_line(number: int, note: ClientNote) -> str:
    """One client note as `show` and `notes` print it."""
    quote = f" (bij «{note.quote}»)" if note.quote else ""
    done = " – afgehandeld" if note.done else ""
    return f"[{number}] {note.author}: {note.text}{quote}{done}"

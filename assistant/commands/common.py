"""Helpers the subcommands share."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.draft.models import ClientNote
from assistant.draft.workspace import Loaded, load_any
from assistant.errors import UsageError
from assistant.i18n import N_, _

PROPOSAL_HELP = N_("voorstelbestand (.json), Markdown-bestand (.md) of Word-bestand (.docx)")


def add_proposal_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="BESTAND", type=Path, help=_(PROPOSAL_HELP))
    parser.add_argument("--call", metavar="ID|PAD", help=_("oproep (id of pad naar een .toml-bestand)"))


def load_from_args(args: argparse.Namespace) -> Loaded:
    loaded = load_any(args.file, args.call)
    warn_unmapped(loaded.unmapped, loaded.misplaced)
    for notice in loaded.notices:
        print(_("Let op: {notice}").format(notice=notice), file=sys.stderr)
    return loaded


MAX_WARNINGS = 20  # of each kind: a file of 10,000 unknown lines says so in a screenful, not 10,000 lines


def warn_unmapped(lines: list[str], misplaced: Sequence[str] = ()) -> None:
    for line in lines[:MAX_WARNINGS]:
        print(_("Let op: {line} (niet overgenomen)").format(line=line), file=sys.stderr)
    if len(lines) > MAX_WARNINGS:
        print(_("Let op: nog {count} regels niet overgenomen.").format(count=len(lines) - MAX_WARNINGS), file=sys.stderr)
    for line in misplaced[:MAX_WARNINGS]:  # taken over, but maybe under the wrong question: said last, where it is seen
        print(_("Nakijken: {line}.").format(line=line), file=sys.stderr)
    if len(misplaced) > MAX_WARNINGS:
        print(_("Nakijken: nog {count} plaatsen.").format(count=len(misplaced) - MAX_WARNINGS), file=sys.stderr)


def require_folder_of(path: Path) -> None:
    """Refuse an output whose folder does not exist: a typing error in a path should not quietly make folders."""
    folder = path.parent
    if folder.is_dir():
        return
    if folder.exists():
        raise UsageError(_("{folder} is geen map; kies een andere plaats voor {name}.").format(folder=folder, name=path.name))
    raise UsageError(
        _("Map {folder} bestaat niet. Maak ze eerst aan, of kies een andere plaats voor {name}.").format(
            folder=folder, name=path.name
        )
    )


def require_proposal_output(path: Path) -> None:
    """A proposal is written as JSON: a .docx or .md name for it would hold JSON that nothing opens as such."""
    if path.suffix.lower() != ".json":
        raise UsageError(_(
            "{name}: een voorstel wordt bewaard als .json. Geef een naam op .json; een Word- of Markdown-bestand "
            "maakt u met 'wse-assistant export'."
        ).format(name=path.name))
    require_folder_of(path)


def note_line(number: int, note: ClientNote) -> str:
    """One client note as `show` and `notes` print it."""
    quote = _(" (bij «{quote}»)").format(quote=note.quote) if note.quote else ""
    done = _(" – afgehandeld") if note.done else ""
    return f"[{number}] {note.author}: {note.text}{quote}{done}"

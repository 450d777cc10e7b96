"""`notes FILE [--klaar NR…] [--heropen NR…] [--alle]`: the client's comments from Word, per question, and
marking them done (a done note leaves `show`, `check` and the app)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.call import Call
from assistant.commands.common import note_line
from assistant.draft.models import Proposal
from assistant.draft.store import ProposalFile
from assistant.draft.workspace import call_for
from assistant.errors import UsageError
from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("notes", help=_("opmerkingen van de klant (uit Word) tonen en afhandelen"))
    parser.add_argument("file", metavar="BESTAND", type=Path, help=_("voorstelbestand (.json)"))
    parser.add_argument("--klaar", metavar="NR", type=int, nargs="+", help=_(
        "deze notities als afgehandeld markeren"
    ))
    parser.add_argument("--heropen", metavar="NR", type=int, nargs="+", help=_("afgehandelde notities weer openen"))
    parser.add_argument("--alle", action="store_true", help=_("ook de afgehandelde notities tonen"))
    parser.set_defaults(func=run)


def item_label(call: Call, item: str) -> str:
    if item in {q.id for q in call.questions}:
        return _("Vraag {number}").format(number=call.question(item).number)
    return _("Secties {sections}").format(sections=call.field_sections)


def render(proposal: Proposal, call: Call, everything: bool) -> str:
    shown = [(n, note) for n, note in enumerate(proposal.notes, start=1) if everything or not note.done]
    if not shown:
        return _("Geen open opmerkingen van de klant.") if proposal.notes else _("Geen opmerkingen van de klant.")
    order = {q.id: i for i, q in enumerate(call.questions)}
    lines: list[str] = []
    last = None
    for number, note in sorted(shown, key=lambda pair: (order.get(pair[1].item, len(order)), pair[0])):
        if note.item != last:
            lines.append(("\n" if lines else "") + item_label(call, note.item))
            last = note.item
        lines.append(f"  {note_line(number, note)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.file.suffix.lower() != ".json":
        raise UsageError(_(
            "notes werkt op een voorstelbestand (.json); lees een Word-bestand eerst in met 'import'."
        ))
    changes = [(n, True) for n in args.klaar or []] + [(n, False) for n in args.heropen or []]
    with ProposalFile(args.file, read_only=not changes) as opened:
        proposal = opened.proposal
        for number, done in changes:
            if not 1 <= number <= len(proposal.notes):
                raise UsageError(_(
                    "geen notitie {number}; dit voorstel heeft er {count}."
                ).format(number=number, count=len(proposal.notes)))
            proposal.notes[number - 1].done = done
        if changes:
            proposal.touch()
            opened.save()
        print(render(proposal, call_for(proposal), args.alle))
    return 0

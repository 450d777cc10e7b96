"""`attach FILE ADDENDUM`: keep the text of the lokaal addendum in the proposal for the review."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands.progress import Progress
from assistant.draft.attachments import attach
from assistant.draft.store import ProposalFile


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("attach", help="lokaal addendum toevoegen (.pdf, .docx, .md of .txt)")
    parser.add_argument("file", metavar="BESTAND", type=Path, help="voorstelbestand (.json)")
    parser.add_argument("addendum", metavar="ADDENDUM", type=Path, help="het lokaal addendum")
    parser.add_argument("--other", action="store_true", help="een ander document, geen addendum")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with ProposalFile(args.file) as opened, Progress("Addendum lezen"):
        attachment, new = attach(opened.proposal, args.addendum, "other" if args.other else "addendum")
        if new:
            opened.save()
    words = len(attachment.text.split())
    state = "toegevoegd" if new else "was al toegevoegd"
    print(f"{attachment.filename} {state}: {words} woorden tekst bewaard in {args.file}.")
    return 0

"""`attach FILE ADDENDUM`: keep the text of the lokaal addendum in the proposal for the review."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands.progress import Progress
from assistant.draft.attachments import attach
from assistant.draft.store import ProposalFile
from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("attach", help=_("lokaal addendum toevoegen (.pdf, .docx, .md of .txt)"))
    parser.add_argument("file", metavar="BESTAND", type=Path, help=_("voorstelbestand (.json)"))
    parser.add_argument("addendum", metavar="ADDENDUM", type=Path, help=_("het lokaal addendum"))
    parser.add_argument("--other", action="store_true", help=_("een ander document, geen addendum"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with ProposalFile(args.file) as opened, Progress(_("Addendum lezen")):
        attachment, new = attach(opened.proposal, args.addendum, "other" if args.other else "addendum")
        if new:
            opened.save()
    words = len(attachment.text.split())
    state = _("toegevoegd") if new else _("was al toegevoegd")
    print(_(
        "{filename} {state}: {words} woorden tekst bewaard in {file}."
    ).format(filename=attachment.filename, state=state, words=words, file=args.file))
    return 0

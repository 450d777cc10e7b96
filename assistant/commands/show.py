"""`show FILE`: fields and answers as plain text."""

from __future__ import annotations

import argparse

from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.commands.progress import Progress
from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("show", help=_("antwoorden tonen als tekst"))
    add_proposal_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Progress(_("Inlezen")):
        loaded = load_from_args(args)
    proposal, call = loaded.proposal, loaded.call
    print(_("{title} – {subtitle}\nVoorstel: {name}\n").format(title=call.title, subtitle=call.subtitle, name=proposal.name))
    for fld in call.fields:
        print(f"{fld.label}: {proposal.fields.get(fld.id, '—')}")
    for question in call.questions:
        text = proposal.answer_text(question.id)
        print(f"\n{question.number}. {question.text}\n")
        print(text if text else _("(nog geen antwoord)"))
    return 0

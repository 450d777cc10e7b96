"""`settings FILE [--taal nl|en|app] [--deadline DATUM|geen]`: the settings of one proposal that differ by
client (issue 15), shown, or set in the proposal file. Its LLM privacy is set with `llm privacy`."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.draft.client import LANGUAGE_WORDS, describe_deadline, parse_deadline
from assistant.draft.models import PRIVACY_LABELS, Proposal
from assistant.draft.store import ProposalFile
from assistant.errors import UsageError
from assistant.i18n import _

APP_LANGUAGE = "app"  # --taal app: no language of its own, the app's setting


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "settings",
        help=_("instellingen van één voorstel (per klant): taal en deadline"),
        description=_(
            "Toont de instellingen van dit voorstel, of wijzigt ze in het voorstelbestand: de taal van de "
            "app zolang dit voorstel open is, en de deadline van deze klant (getoond in 'status' en in de "
            "app, met de dagen die resten). Waar de tekst naartoe mag: 'wse-assistant llm privacy BESTAND'."
        ),
    )
    parser.add_argument("file", metavar="BESTAND", type=Path, help=_("voorstelbestand (.json)"))
    parser.add_argument(
        "--taal", choices=[*LANGUAGE_WORDS, APP_LANGUAGE], help=_(
            "taal van de app voor dit voorstel (app: die van de app)"
        )
    )
    parser.add_argument("--deadline", metavar="DATUM", help=_(
        "deadline van deze klant (31/12/2026 of 2026-12-31; geen: wissen)"
    ))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.file.suffix.lower() != ".json":
        raise UsageError(_("De instellingen worden in het voorstelbestand bewaard: gebruik een .json-bestand."))
    changing = args.taal is not None or args.deadline is not None
    deadline = None
    if args.deadline is not None and args.deadline.strip().casefold() != "geen":
        deadline = parse_deadline(args.deadline)  # before the file is opened: a typing error changes nothing
    with ProposalFile(args.file, read_only=not changing) as opened:
        proposal = opened.proposal
        changed = False
        if args.taal is not None:
            language = None if args.taal == APP_LANGUAGE else args.taal
            changed |= proposal.language != language
            proposal.language = language
        if args.deadline is not None:
            changed |= proposal.deadline != deadline
            proposal.deadline = deadline
        if changed:
            proposal.touch()
            opened.save()
        print(describe(proposal))
    return 0


def describe(proposal: Proposal) -> str:
    language = LANGUAGE_WORDS[proposal.language] if proposal.language else _("die van de app")
    deadline = describe_deadline(proposal.deadline) if proposal.deadline else _("geen")
    return "\n".join(
        [
            _("Instellingen van '{name}':").format(name=proposal.name),
            _("  Taal: {language}").format(language=language),
            _("  Deadline: {deadline}").format(deadline=deadline),
            _("  Taalmodel (privacy): {privacy}").format(privacy=_(PRIVACY_LABELS[proposal.llm_privacy])),
        ]
    )

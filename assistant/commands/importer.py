"""`import FILE`: read a Markdown file into a proposal (new, or as new revisions of an existing one)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.call import load_call
from assistant.commands.common import warn_unmapped
from assistant.draft.markdown import from_markdown
from assistant.draft.store import ProposalFile
from assistant.draft.workspace import MARKDOWN_SUFFIXES, call_for, new_proposal
from assistant.errors import UsageError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help="Markdown inlezen in een voorstel")
    parser.add_argument("file", metavar="BESTAND", type=Path, help="Markdown-bestand (.md)")
    parser.add_argument("-o", "--output", metavar="VOORSTEL", type=Path, help="voorstelbestand (bestaand of nieuw)")
    parser.add_argument("--call", metavar="ID|PAD", help="oproep voor een nieuw voorstel")
    parser.set_defaults(func=run)


def read_source(path: Path) -> str:
    if path.suffix.lower() not in MARKDOWN_SUFFIXES:
        raise UsageError(f"{path}: dit formaat kan niet ingelezen worden; gebruik .md.")
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"Bestand {path} bestaat niet.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path} kan niet gelezen worden als UTF-8-tekst: {exc}.") from None


def run(args: argparse.Namespace) -> int:
    text = read_source(args.file)
    target: Path = args.output or args.file.with_suffix(".json")
    if target.exists():
        with ProposalFile(target) as opened:
            imported = from_markdown(text, call_for(opened.proposal, args.call))
            changed = imported.apply(opened.proposal)
            opened.save()
        print(f"{target}: {len(changed)} onderdelen bijgewerkt")
    else:
        call = load_call(args.call)
        imported = from_markdown(text, call)
        proposal = new_proposal(args.file.stem, call)
        imported.apply(proposal)
        with ProposalFile(target, create=proposal):
            pass
        print(f"{target}: nieuw voorstel met {len(imported.answers)} antwoorden")
    warn_unmapped(imported.unmapped)
    return 0

"""`import FILE`: read a Markdown or Word file into a proposal (new, or as new revisions of an existing one)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.call import Call, load_call
from assistant.commands.common import require_folder_of, warn_unmapped
from assistant.commands.progress import Progress
from assistant.draft.docx_import import from_docx
from assistant.draft.limits import read_markdown_file, require_file
from assistant.draft.markdown import MARKDOWN_SUFFIXES, MarkdownImport, from_markdown, markdown_call_id
from assistant.draft.store import ProposalFile
from assistant.draft.workspace import (
    IMPORT_SUFFIXES,
    call_for,
    call_named,
    call_of_document,
    namesake_warning,
    namesakes,
    new_proposal,
    new_proposal_path,
    remember,
)
from assistant.errors import UsageError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help="Markdown of Word inlezen in een voorstel")
    parser.add_argument("file", metavar="BESTAND", type=Path, help="Markdown- of Word-bestand (.md, .docx)")
    parser.add_argument("-o", "--output", metavar="VOORSTEL", type=Path,
                        help="voorstelbestand, bestaand of nieuw (standaard een nieuw in de datamap)")
    parser.add_argument("--call", metavar="ID|PAD", help="oproep voor een nieuw voorstel")
    parser.set_defaults(func=run)


def read_source(path: Path, call: Call) -> MarkdownImport:
    suffix = path.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise UsageError(f"{path}: dit formaat kan niet ingelezen worden; gebruik .md of .docx.")
    require_file(path, UsageError)
    with Progress("Inlezen"):
        if suffix == ".docx":
            return from_docx(path, call)
        return from_markdown(read_markdown_file(path, UsageError), call)


def _named_call(path: Path) -> Call:
    """The call an exported document names (the default call for any other file)."""
    suffix = path.suffix.lower()
    if suffix == ".docx" and path.is_file():
        return call_of_document(path)
    if suffix in MARKDOWN_SUFFIXES and path.is_file():
        return call_named(markdown_call_id(read_markdown_file(path, UsageError)))
    return load_call()


def require_content(imported: MarkdownImport, path: Path) -> None:
    """Refuse a file in which nothing of the form was recognised: an empty proposal (or an update that changes
    nothing) made without a word is a mistake the user only finds later."""
    if imported.fields or imported.answers:
        return
    warn_unmapped(imported.unmapped)
    what = "is leeg" if not imported.unmapped else "bevat geen velden of antwoorden van het formulier"
    raise UsageError(
        f"{path} {what}: er is niets ingelezen en geen voorstel gemaakt of gewijzigd. Een leeg voorstel "
        "begint u met 'wse-assistant new'."
    )


def run(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.exists():
        target: Path = args.output
        with ProposalFile(target) as opened:
            imported = read_source(args.file, call_for(opened.proposal, args.call))
            require_content(imported, args.file)
            changed = imported.apply(opened.proposal)
            if changed:
                opened.save()
        print(f"{target}: {len(changed)} onderdelen bijgewerkt" + (f" ({', '.join(changed)})" if changed else ""))
    else:
        if args.output is not None:
            require_folder_of(args.output)
        call = load_call(args.call) if args.call else _named_call(args.file)
        imported = read_source(args.file, call)
        require_content(imported, args.file)
        proposal = new_proposal(args.file.stem, call)
        imported.apply(proposal)
        target = args.output or new_proposal_path(args.file.stem)
        found = namesakes(proposal.name, call.applicant_name(proposal.fields))
        with ProposalFile(target, create=proposal):
            pass
        print(f"{target}: nieuw voorstel met {len(imported.answers)} antwoorden")
        if warning := namesake_warning(found, target):
            print(warning, file=sys.stderr)
    remember(target)
    warn_unmapped(imported.unmapped, imported.misplaced)
    return 0

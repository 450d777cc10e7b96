"""`import FILE`: read a Markdown or Word file into a proposal (new, or as new revisions of an existing one).

A Word file with tracked changes is refused unless `--wijzigingen` is given: then its changes are listed
per question and taken over only once confirmed (all, none, or per question; `--ja` for scripts). The
client's comments become notes under their question (see `notes`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant import exit_codes
from assistant.call import Call, load_call
from assistant.commands.common import require_proposal_output, warn_unmapped
from assistant.commands.progress import Progress
from assistant.draft.limits import read_markdown_file, require_file
from assistant.draft.markdown import MARKDOWN_SUFFIXES, MarkdownImport, from_markdown, markdown_call_id
from assistant.draft.models import Proposal
from assistant.draft.store import ProposalFile
from assistant.draft.word_changes import WordChanges, WordComment, add_notes, read_changes
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
from assistant.i18n import _, ngettext

YES = {"j", "ja", "y", "yes"}
PER_QUESTION = {"v", "vraag", "per vraag", "q", "question"}  # the English prompt offers q


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help=_("Markdown of Word inlezen in een voorstel"))
    parser.add_argument("file", metavar="BESTAND", type=Path, help=_("Markdown- of Word-bestand (.md, .docx)"))
    parser.add_argument("-o", "--output", metavar="VOORSTEL", type=Path,
                        help=_("voorstelbestand, bestaand of nieuw (standaard een nieuw in de datamap)"))
    parser.add_argument("--call", metavar="ID|PAD", help=_("oproep voor een nieuw voorstel"))
    parser.add_argument(
        "--wijzigingen",
        action="store_true",
        help=_("bijgehouden wijzigingen uit Word per vraag tonen en pas na bevestiging overnemen"),
    )
    parser.add_argument(
        "--ja",
        action="store_true",
        help=_("met --wijzigingen: alle wijzigingen aanvaarden zonder te vragen (voor scripts)"),
    )
    parser.set_defaults(func=run)


class Source:
    """What a file brings: fields and answers, and from Word the client's comments."""

    def __init__(self, imported: MarkdownImport, comments: list[WordComment] | None = None, own_comments: int = 0):
        self.imported, self.comments, self.own_comments = imported, comments or [], own_comments

    def apply(self, proposal: Proposal, path: Path) -> tuple[list[str], int]:
        return self.imported.apply(proposal), add_notes(proposal, self.comments, path.name)


def read_source(path: Path, call: Call, args: argparse.Namespace) -> Source | None:
    """The file's content; None when the user declined its tracked changes."""
    suffix = path.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise UsageError(_("{path}: dit formaat kan niet ingelezen worden; gebruik .md of .docx.").format(path=path))
    require_file(path, UsageError)
    if suffix != ".docx":
        if args.wijzigingen:
            raise UsageError(_("--wijzigingen kan alleen bij een Word-bestand (.docx)."))
        with Progress(_("Inlezen")):
            return Source(from_markdown(read_markdown_file(path, UsageError), call))
    with Progress(_("Inlezen")):
        found = read_changes(path, call)
    if found.changes and not args.wijzigingen:
        raise UsageError(
            _(
                "{name} bevat {count} bijgehouden wijziging(en) van {authors} die nog niet aanvaard of verworpen "
                "zijn; niets ingelezen. Bekijk ze en kies welke u overneemt met 'wse-assistant import "
                "{path}{output} --wijzigingen'."
            ).format(
                name=path.name,
                count=len(found.changes),
                authors=", ".join(found.authors),
                path=path,
                output=f" -o {args.output}" if args.output else "",
            )
        )
    accepted = choose_changes(found, path, args) if args.wijzigingen else set()
    if accepted is None:
        return None
    if found.changes:
        print(_(
            "{count} wijziging(en) aanvaard, {rejected} verworpen."
        ).format(count=len(accepted), rejected=len(found.changes) - len(accepted)))
    return Source(found.read(accepted), found.client_comments, len(found.own_comments))


def _named_call(path: Path) -> Call:
    """The call an exported document names (the default call for any other file)."""
    suffix = path.suffix.lower()
    if suffix == ".docx" and path.is_file():
        return call_of_document(path)
    if suffix in MARKDOWN_SUFFIXES and path.is_file():
        return call_named(markdown_call_id(read_markdown_file(path, UsageError)))
    return load_call()


def choose_changes(found: WordChanges, path: Path, args: argparse.Namespace) -> set[int] | None:
    """Show the changes per question; the numbers the user accepts, or None for "read nothing"."""
    if not found.changes:
        print(_("{name} bevat geen bijgehouden wijzigingen.").format(name=path.name))
        return set()
    print(_(
        "{name}: {count} bijgehouden wijziging(en) van {authors}"
    ).format(name=path.name, count=len(found.changes), authors=', '.join(found.authors)))
    print(_("([-…-] is verwijderd, {+…+} is ingevoegd)\n"))
    print("\n".join(found.diff_lines()))
    if args.ja:
        return found.all_numbers()
    answer = ask(_("Alle wijzigingen aanvaarden? [j = ja, n = nee (niets inlezen), v = per vraag kiezen] "))
    if answer in YES:
        return found.all_numbers()
    if answer not in PER_QUESTION:
        print(_("Niets ingelezen."))
        return None
    accepted: set[int] = set()
    for item, changes in found.by_item().items():
        if ask(_(
            "{item}: {count} wijziging(en) aanvaarden? [j/n] "
        ).format(item=found.item_label(item), count=len(changes))) in YES:
            accepted |= {change.number for change in changes}
    return accepted


def ask(question: str) -> str:
    try:
        return input(question).strip().lower()
    except EOFError:
        raise UsageError(
            _(
                "geen antwoord gekregen (geen terminal?); niets ingelezen. Gebruik --ja om alle wijzigingen "
                "zonder vragen te aanvaarden."
            )
        ) from None


def require_content(imported: MarkdownImport, path: Path, comments: Sequence[object] = ()) -> None:
    """Refuse a file in which nothing of the form was recognised: an empty proposal (or an update that changes
    nothing) made without a word is a mistake the user only finds later. A client's comments alone count."""
    if imported.fields or imported.answers or comments:
        return
    warn_unmapped(imported.unmapped)
    what = _("is leeg") if not imported.unmapped else _("bevat geen velden of antwoorden van het formulier")
    raise UsageError(
        _(
            "{path} {what}: er is niets ingelezen en geen voorstel gemaakt of gewijzigd. Een leeg voorstel "
            "begint u met 'wse-assistant new'."
        ).format(path=path, what=what)
    )


def run(args: argparse.Namespace) -> int:
    if args.ja and not args.wijzigingen:
        raise UsageError(_("--ja hoort bij --wijzigingen: bekijk eerst welke wijzigingen u aanvaardt."))
    if args.output is not None:
        require_proposal_output(args.output)
    if args.output is not None and args.output.exists():
        target: Path = args.output
        with ProposalFile(target) as opened:
            source = read_source(args.file, call_for(opened.proposal, args.call), args)
            if source is None:
                return exit_codes.OK
            require_content(source.imported, args.file, source.comments)
            changed, notes = source.apply(opened.proposal, args.file)
            if changed or notes:
                opened.save()
        print(_(
            "{target}: {count} onderdelen bijgewerkt"
        ).format(target=target, count=len(changed)) + (f" ({', '.join(changed)})" if changed else ""))
    else:
        call = load_call(args.call) if args.call else _named_call(args.file)
        source = read_source(args.file, call, args)
        if source is None:
            return exit_codes.OK
        require_content(source.imported, args.file, source.comments)
        proposal = new_proposal(args.file.stem, call)
        _changed, notes = source.apply(proposal, args.file)
        target = args.output or new_proposal_path(args.file.stem)
        found = namesakes(proposal.name, call.applicant_name(proposal.fields))
        with ProposalFile(target, create=proposal):
            pass
        count = len(source.imported.answers)
        print(ngettext(
            "{target}: nieuw voorstel met {count} antwoord", "{target}: nieuw voorstel met {count} antwoorden", count
        ).format(target=target, count=count))
        if warning := namesake_warning(found, target):
            print(warning, file=sys.stderr)
    if notes:
        print(_(
            "{notes} opmerking(en) van de klant bewaard als notitie; zie 'wse-assistant notes {target}'."
        ).format(notes=notes, target=target))
    if source.own_comments:
        print(_(
            "{own_comments} eigen opmerking(en) van wse-assistant herkend en niet overgenomen."
        ).format(own_comments=source.own_comments))
    remember(target)
    warn_unmapped(source.imported.unmapped, source.imported.misplaced)
    return 0

"""`export FILE -o OUT`: write the proposal as .docx, .pdf or .md, chosen by the output's suffix.

`export --all [MAP] -o DIR [--formaat docx|pdf|md]`: every proposal of a folder into DIR, one summary table.
Exit code 2 when a proposal could not be read or written (an existing file not confirmed with --overschrijven
included; the others are still exported), else 1 when one was refused as too long, else 0."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.call.models import Call
from assistant.commands.batch import proposal_files, run_batch
from assistant.commands.common import PROPOSAL_HELP, load_from_args, require_folder_of
from assistant.commands.progress import Progress
from assistant.commands.status import folder_or_data
from assistant.draft.models import Proposal
from assistant.draft.text import dutch_number
from assistant.draft.workspace import load_any
from assistant.errors import ConfirmOverwrite, UsageError
from assistant.i18n import _, ngettext
from assistant.layout.export import ExportResult, PageLimitError, export_kind, export_proposal
from assistant.review.offline import review_proposal

ALL_FORMAT = "wse-assistant/export-all"  # the `export --all --json` document
ALL_VERSION = 1
SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "md": ".md"}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help=_("voorstel exporteren (.docx, .pdf of .md); met --all elk voorstel van een map"),
        description=_(
            "Schrijft een voorstel als .docx, .pdf of .md (volgens de extensie van UIT). Met --all: elk "
            "voorstel van een map (standaard de datamap) in de map UIT. Exitcode 2 als een voorstel niet "
            "gelezen of geschreven kon worden, 1 als er een te lang was, anders 0."
        ),
    )
    parser.add_argument("file", metavar="BESTAND", type=Path, nargs="?", help=_(
        "{PROPOSAL_HELP}; met --all: een map"
    ).format(PROPOSAL_HELP=_(PROPOSAL_HELP)))
    parser.add_argument("--call", metavar="ID|PAD", help=_("oproep (id of pad naar een .toml-bestand)"))
    parser.add_argument(
        "-o", "--output", metavar="UIT", type=Path, required=True,
        help=_("doelbestand (.docx, .pdf of .md); met --all de map waarin de bestanden komen"),
    )
    parser.add_argument("--all", action="store_true", help=_("elk voorstel in de map (standaard de datamap)"))
    parser.add_argument(
        "--formaat", choices=list(SUFFIXES), default="docx", help=_("met --all: het formaat (standaard docx)")
    )
    parser.add_argument("--json", action="store_true", help=_("met --all: één JSON-object op stdout (zie README)"))
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("ook exporteren als de sectie met de vragen te lang is, en een bestaand bestand overschrijven (met reservekopie)"),
    )
    parser.add_argument(
        "--overschrijven",
        action="store_true",
        help=_("een bestaand bestand overschrijven (met reservekopie), maar een te lange sectie met de vragen niet exporteren"),
    )
    parser.add_argument(
        "--opmerkingen",
        action="store_true",
        help=_("elke bevinding van de nalezing als Word-opmerking in het document (.docx; niet voor de jury)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.all:
        return run_all(args)
    if args.file is None:
        raise UsageError(_("verplicht argument ontbreekt: BESTAND (of --all voor een hele map)."))
    if args.json:
        raise UsageError(_("--json kan alleen samen met --all."))
    if export_kind(args.output) != "docx" and args.opmerkingen:
        raise UsageError(_("--opmerkingen kan alleen bij een export naar .docx."))
    require_folder_of(args.output)
    with Progress(_("Exporteren")):
        loaded = load_from_args(args)
        result, blocking = _export(loaded.proposal, loaded.call, args.file, args.output, args)
    if result.backup:
        print(_("Let op: het vorige {name} is bewaard als {backup}.").format(name=args.output.name, backup=result.backup), file=sys.stderr)
    if result.over_limit:
        print(_("Let op: {over_limit} (geëxporteerd met --force)").format(over_limit=result.over_limit), file=sys.stderr)
    for note in result.notes:
        print(_("Let op: {note}.").format(note=note), file=sys.stderr)
    if blocking:
        count = ngettext("{count} blokkerend probleem", "{count} blokkerende problemen", len(blocking)).format(
            count=len(blocking)
        )
        print(
            _(
                "Let op: geschreven, maar zo kan het nog niet ingediend worden: {count} ({value}{value2}). "
                "Zie 'wse-assistant check {file}'."
            ).format(
                count=count,
                value=blocking[0].rstrip('.'),
                value2='; …' if len(blocking) > 1 else '',
                file=args.file,
            ),
            file=sys.stderr,
        )
    print(args.output)
    return 0


def _export(
    proposal: Proposal, call: Call, source: Path, output: Path, args: argparse.Namespace
) -> tuple[ExportResult, list[str]]:
    """One export with the command's options; the blocking problems of the written result."""
    try:
        notes = review_proposal(proposal, call).comment_notes() if args.opmerkingen else ()
        result = export_proposal(
            proposal, call, output, force=args.force, sources=[source],
            overwrite=args.force or args.overschrijven, notes=notes,
        )
    except PageLimitError as exc:
        raise PageLimitError(_("{exc} Kort in, of exporteer toch met --force.").format(exc=exc)) from None
    except ConfirmOverwrite as exc:
        raise ConfirmOverwrite(
            _(
                "{exc} Kies een andere naam, of overschrijf met --overschrijven of --force (met reservekopie)."
            ).format(exc=exc)
        ) from None
    return result, review_proposal(proposal, call, result.pages).blocking


def run_all(args: argparse.Namespace) -> int:
    if args.opmerkingen and args.formaat != "docx":
        raise UsageError(_("--opmerkingen kan alleen bij een export naar docx."))
    folder = folder_or_data(args.file)
    target = args.output
    if target.exists() and not target.is_dir():
        raise UsageError(_(
            "{target} is geen map; geef met -o de map op waarin de bestanden komen."
        ).format(target=target))
    if not target.exists():
        require_folder_of(target)  # a typing error in the path above it is refused, not made
        target.mkdir()
        print(_("Map {target} aangemaakt.").format(target=target), file=sys.stderr)
    suffix = SUFFIXES[args.formaat]

    def export_one(path: Path) -> dict[str, Any]:
        loaded = load_any(path, args.call)
        output = target / f"{path.stem}{suffix}"
        result, blocking = _export(loaded.proposal, loaded.call, path, output, args)
        pages = result.pages
        return {
            "file": path.name,
            "name": loaded.proposal.name,
            "output": str(output),
            "pages": None if pages is None else pages.rendered if pages.rendered is not None else pages.estimated,
            "over_limit": result.over_limit,  # why section D is too long, when written anyway with --force
            "blocking": len(blocking),
            "backup": str(result.backup) if result.backup else None,
            "notes": list(result.notes),
        }

    batch = run_batch(_("Exporteren"), proposal_files(folder), export_one)
    if args.json:
        document = {
            "format": ALL_FORMAT,
            "version": ALL_VERSION,
            "folder": str(folder.resolve()),
            "output": str(target.resolve()),
            "file_format": args.formaat,
            "summary": {"exported": len(batch.done), "failed": len(batch.failed)},
            "exported": batch.done,
            "failed": batch.failed_json(),
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(render_table(batch.done, batch.failed_json(), target))
    return batch.exit_code(blocked=False)


def render_table(exported: list[dict[str, Any]], failed: list[dict[str, str]], target: Path) -> str:
    if not exported and not failed:
        return _("Geen voorstellen in deze map.")
    lines = []
    if exported:
        pages_d, blocking = _("Pag. D"), _("Blok.")  # column heads
        lines.append(f"{pages_d:>6}  {blocking:>5}  " + _("Naam – bestand → export"))
        for item in exported:
            pages = "" if item["pages"] is None else dutch_number(item["pages"])
            mark = "!" if item["over_limit"] else " "
            lines.append(
                f"{pages:>5}{mark}  {item['blocking']:>5}  {item['name']} – {item['file']} → {Path(item['output']).name}"
            )
    blocked = sum(1 for item in exported if item["blocking"])
    lines.append(
        _(
            "{count} voorstellen geëxporteerd naar {target}{blocked}{failed}."
        ).format(
            count=len(exported),
            target=target,
            blocked=_(" ({count} nog met blokkerende problemen: zie wse-assistant check BESTAND)").format(count=blocked)
            if blocked
            else "",
            failed=_(", {count} niet").format(count=len(failed)) if failed else "",
        )
    )
    lines += [_(
        "Niet geëxporteerd: {file}: {error}"
    ).format(file=item['file'], error=item['error']) for item in failed]
    for item in exported:
        lines += [_("Let op: {file}: {note}.").format(file=item['file'], note=note) for note in item["notes"]]
        if item["over_limit"]:
            lines.append(_(
                "Let op: {file}: {over_limit} (geëxporteerd met --force)"
            ).format(file=item['file'], over_limit=item['over_limit']))
        if item["backup"]:
            lines.append(_(
                "Let op: het vorige {name} is bewaard als {backup}."
            ).format(name=Path(item['output']).name, backup=item['backup']))
    return "\n".join(lines)

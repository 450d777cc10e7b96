"""`export FILE -o OUT`: write the proposal as .docx, .pdf or .md, chosen by the output's suffix.

Word and PDF exports refuse a section D over the page limit unless --force: the estimate decides
when it is clearly under or over, LibreOffice's rendering when it is close.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.draft.markdown import to_markdown
from assistant.draft.store import write_file_atomic
from assistant.errors import AssistantError, ProposalFileError, UsageError
from assistant.layout.document import Export, build_docx
from assistant.layout.estimate import estimate_pages
from assistant.layout.pages import needs_rendering, nl_number, over_limit_message, render_pdf, with_rendering
from assistant.layout.render import find_soffice, renderer_version, section_pages
from assistant.review.findings import PageReport

FORMATS = {".docx": "docx", ".pdf": "pdf", ".md": "md", ".markdown": "md"}


class PageLimitError(AssistantError):
    """Section D is longer than the call allows."""

    exit_code = 1


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="voorstel exporteren (.docx, .pdf of .md)")
    add_proposal_argument(parser)
    parser.add_argument(
        "-o", "--output", metavar="UIT", type=Path, required=True, help="doelbestand (.docx, .pdf of .md)"
    )
    parser.add_argument("--force", action="store_true", help="ook exporteren als sectie D te lang is")
    parser.set_defaults(func=run)


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomic(path, data)
        _shareable(path)
    except OSError as exc:
        raise ProposalFileError(f"{path} kan niet geschreven worden: {exc.strerror or exc}.") from None


def _shareable(path: Path) -> None:
    """An export is meant to be handed on: the usual permissions (the umask's), not the private 0600 of
    the temporary file it was written through."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)


def _refuse_if_too_long(report: PageReport, force: bool) -> None:
    if not report.over_limit:
        return
    message = over_limit_message(report)
    if not force:
        raise PageLimitError(f"{message} Kort in, of exporteer toch met --force.")
    print(f"Let op: {message} (geëxporteerd met --force)", file=sys.stderr)


def _export_docx(loaded, output: Path, force: bool) -> Export:
    proposal, call = loaded.proposal, loaded.call
    report = estimate_pages(proposal, call)
    if needs_rendering(report):
        binary = find_soffice()
        if binary is None:
            print(
                f"Let op: sectie D is geschat op {nl_number(report.estimated)} pagina's, dicht bij het maximum "
                f"van {report.limit}; zonder LibreOffice kan dat niet exact nagekeken worden.",
                file=sys.stderr,
            )
        else:
            with tempfile.TemporaryDirectory(prefix="wse-export-") as tmp:
                rendered = section_pages(render_pdf(proposal, call, Path(tmp))[0], call)
            report = with_rendering(report, rendered, renderer_version(binary))
    _refuse_if_too_long(report, force)
    export = build_docx(proposal, call)
    _write(output, export.data)
    return export


def _export_pdf(loaded, output: Path, force: bool) -> Export:
    proposal, call = loaded.proposal, loaded.call
    with tempfile.TemporaryDirectory(prefix="wse-export-") as tmp:
        pdf, export = render_pdf(proposal, call, Path(tmp))  # a clear error without LibreOffice
        report = with_rendering(
            estimate_pages(proposal, call), section_pages(pdf, call), renderer_version(find_soffice() or "soffice")
        )
        _refuse_if_too_long(report, force)
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, output)
            _shareable(output)
        except OSError as exc:
            raise ProposalFileError(f"{output} kan niet geschreven worden: {exc.strerror or exc}.") from None
    return export


def run(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        raise UsageError(f"{args.output}: onbekend formaat '{suffix or '(geen)'}'; gebruik .docx, .pdf of .md.")
    loaded = load_from_args(args)
    if kind == "md":
        _write(args.output, to_markdown(loaded.proposal, loaded.call).encode("utf-8"))
    else:
        export = (_export_docx if kind == "docx" else _export_pdf)(loaded, args.output, args.force)
        for note in export.notes():
            print(f"Let op: {note}.", file=sys.stderr)
    print(args.output)
    return 0

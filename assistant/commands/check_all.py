"""`check --all [MAP]`: every proposal of a folder reviewed, with the cross-client check, in one summary table.

Exit code 2 when a file in the folder cannot be read (the others are still checked and shown), else 1 when
any proposal has a blocking problem, else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.commands.batch import proposal_files, run_batch
from assistant.commands.progress import Progress
from assistant.commands.status import folder_or_data, level_mark
from assistant.draft.text import dutch_number
from assistant.draft.workspace import load_any
from assistant.errors import UsageError
from assistant.i18n import _
from assistant.layout.estimate import estimate_pages
from assistant.layout.pages import needs_rendering, pages_for_check
from assistant.review.crossclient import NAME, OVERLAP, OtherProposals
from assistant.review.findings import Report
from assistant.review.offline import review_proposal

FORMAT = "wse-assistant/check-all"
VERSION = 1


def run_all(args: argparse.Namespace) -> int:
    folder = folder_or_data(args.file)
    paths = proposal_files(folder)
    others = None
    if not args.niet_vergelijken:
        compare = args.vergelijk if args.vergelijk is not None else folder
        if not compare.is_dir():
            raise UsageError(_("Map {compare} bestaat niet.").format(compare=compare))
        with Progress(_("Vergelijking voorbereiden")):  # reads every proposal of the folder once
            others = OtherProposals(compare)
    batch = run_batch(_("Nakijken"), paths, lambda path: _check(path, args, others))
    checked, unreadable = batch.done, batch.failed_json()
    if args.json:
        print(json.dumps(_document(folder, checked, unreadable), ensure_ascii=False, indent=2))
    else:
        print(render_table(checked, unreadable, sys.stdout.isatty()))
    return batch.exit_code(blocked=any(item["report"].blocking for item in checked))


def _check(path: Path, args: argparse.Namespace, others: OtherProposals | None) -> dict[str, Any]:
    loaded = load_any(path, args.call)
    estimate = estimate_pages(loaded.proposal, loaded.call)
    # LibreOffice only where the estimate is too close to the limit to decide: rendering takes seconds a proposal.
    if not args.estimate_only and needs_rendering(estimate):
        pages = pages_for_check(loaded.proposal, loaded.call)
    else:
        pages = estimate.model_copy(update={"note": _("schatting, niet gerenderd")})
    report = review_proposal(loaded.proposal, loaded.call, pages)
    if others is not None:
        report = report.with_findings(others.findings(loaded.proposal, loaded.call, path))
    return {
        "file": path.name,
        "path": str(path.resolve()),
        "name": loaded.proposal.name,
        "organisation": loaded.call.applicant_name(loaded.proposal.fields),
        "call": loaded.proposal.call_id,
        "numbers": [loaded.call.question(q.id).number for q in report.questions],
        "report": report,
    }


def _across(report: Report) -> int:
    return sum(1 for q in report.questions for f in q.findings if f.criterion in (OVERLAP, NAME))


def _document(folder: Path, checked: list[dict[str, Any]], unreadable: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "folder": str(folder.resolve()),
        "summary": {
            "proposals": len(checked),
            "blocked": sum(1 for item in checked if item["report"].blocking),
            "unreadable": len(unreadable),
        },
        "proposals": [
            {
                **{k: v for k, v in item.items() if k not in ("report", "numbers")},
                "blocking": len(item["report"].blocking),
                "across_clients": _across(item["report"]),
                "report": item["report"].model_dump(mode="json"),
            }
            for item in checked
        ],
        "unreadable": unreadable,
    }


def render_table(checked: list[dict[str, Any]], unreadable: list[dict[str, str]], colour: bool = False) -> str:
    if not checked and not unreadable:
        return _("Geen voorstellen in deze map.")
    lines = []
    if checked:
        numbers = checked[0]["numbers"]
        widths = [max(2, len(n)) for n in numbers]  # a level's letter under each question number
        header = "  ".join(n.ljust(w) for n, w in zip(numbers, widths, strict=True))
        blocking, clients = _("Blok."), _("Klant")  # column heads
        counted = _("Pag. {section}").format(section=checked[0]["report"].pages.section)
        lines.append(
            f"{header}  {blocking:>5}  {clients:>5}  {counted:>6}  " + _("Naam (organisatie) – bestand")
        )
        for item in checked:
            report: Report = item["report"]
            levels = "  ".join(
                level_mark(q.level, colour) + " " * (w - 1) for q, w in zip(report.questions, widths, strict=False)
            )
            pages = report.pages.rendered if report.pages.rendered is not None else report.pages.estimated
            shown = dutch_number(pages) + ("!" if report.pages.over_limit else " ")
            organisation = f" ({item['organisation']})" if item["organisation"] and item["organisation"] != item["name"] else ""
            lines.append(
                f"{levels}  {len(report.blocking):>5}  {_across(report):>5}  {shown:>6}  {item['name']}{organisation} – {item['file']}"
            )
    blocked = sum(1 for item in checked if item["report"].blocking)
    unread = _(", {count} niet te lezen").format(count=len(unreadable)) if unreadable else ""
    lines.append(
        _(
            "{checked} voorstellen nagekeken: {clean} zonder en {blocked} met blokkerende problemen"
            "{unreadable}. Details: wse-assistant check BESTAND."
        ).format(checked=len(checked), clean=len(checked) - blocked, blocked=blocked, unreadable=unread)
    )
    lines.append(_("Niveau: S sterk, V voldoende, Z zwak, - ontbreekt. Klant: bevindingen over andere klanten."))
    lines += [_("Niet te lezen: {file}: {error}").format(file=item["file"], error=item["error"]) for item in unreadable]
    return "\n".join(lines)


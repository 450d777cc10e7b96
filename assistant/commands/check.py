"""`check FILE [--json] [--offline] [--llm [--no-cache]]`: the review report; exit 1 when anything blocks submission.

`check --all [MAP]`: the same for every proposal of a folder, with one summary table."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant import exit_codes, locations
from assistant.call.models import Call
from assistant.commands.common import PROPOSAL_HELP, load_from_args, note_line
from assistant.commands.progress import Progress
from assistant.draft.models import PRIVACY_LABELS, Proposal
from assistant.draft.text import dutch_number
from assistant.errors import UsageError
from assistant.i18n import _
from assistant.layout.pages import pages_for_check
from assistant.review.crossclient import OtherProposals
from assistant.review.crossindex import IndexedProposals, others_for_one
from assistant.review.findings import Report, level_label
from assistant.review.offline import review_proposal

TOP_FINDINGS = 3
_MARK = {"blokkerend": "!!", "belangrijk": "! ", "tip": "· "}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help=_("voorstel controleren (velden, antwoorden, pagina's)"),
        description=_(
            "Controleert velden, antwoorden en pagina's. Exitcode 1 als iets de indiening blokkeert, 0 "
            "als niets blokkeert, 2 als het bestand niet gelezen kan worden. Met --all: elk voorstel "
            "van een map."
        ),
    )
    parser.add_argument("file", metavar="BESTAND", type=Path, nargs="?", help=_(
        "{PROPOSAL_HELP}; met --all: een map"
    ).format(PROPOSAL_HELP=_(PROPOSAL_HELP)))
    parser.add_argument("--call", metavar="ID|PAD", help=_("oproep (id of pad naar een .toml-bestand)"))
    parser.add_argument(
        "--all", action="store_true", help=_("elk voorstel in de map (standaard de datamap), met één overzichtstabel")
    )
    parser.add_argument("--json", action="store_true", help=_("één JSON-object op stdout"))
    parser.add_argument("--offline", action="store_true", help=_("enkel de regels, zonder netwerk of AI"))
    parser.add_argument("--estimate-only", action="store_true", help=_("pagina's schatten zonder LibreOffice (snel)"))
    parser.add_argument("--llm", action="store_true", help=_("ook het taalmodel laten beoordelen (zie 'llm test')"))
    parser.add_argument("--no-cache", action="store_true", help=_("met --llm: opnieuw vragen, ook bij een ongewijzigd antwoord"))
    parser.add_argument("--ook-ongeschikt", action="store_true",
                        help=_("met --llm: ook een model dat bij 'llm ijken' ongeschikt bleek laten lezen (enkel als advies)"))
    add_compare_arguments(parser)
    parser.set_defaults(func=run)


def add_compare_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--vergelijk",
        metavar="MAP",
        type=Path,
        help=_("vergelijken met de voorstellen van andere klanten in deze map (standaard: de datamap)"),
    )
    parser.add_argument(
        "--niet-vergelijken", action="store_true", help=_("niet vergelijken met de voorstellen van andere klanten")
    )


def other_proposals(args: argparse.Namespace, exclude: Path | None) -> OtherProposals | IndexedProposals | None:
    """The other clients' proposals to compare with, or None with --niet-vergelijken."""
    if args.niet_vergelijken:
        return None
    if args.vergelijk is not None and not args.vergelijk.is_dir():
        raise UsageError(_("Map {vergelijk} bestaat niet.").format(vergelijk=args.vergelijk))
    return others_for_one(args.vergelijk or locations.proposals_dir(), exclude)


def run(args: argparse.Namespace) -> int:
    if args.all:
        if args.llm:
            raise UsageError(_("--llm gaat niet samen met --all: laat het taalmodel één voorstel tegelijk nakijken."))
        from assistant.commands.check_all import run_all  # noqa: PLC0415

        return run_all(args)
    if args.file is None:
        raise UsageError(_("verplicht argument ontbreekt: BESTAND (of --all voor een hele map)."))
    with Progress(_("Nakijken")):
        loaded = load_from_args(args)
        # LibreOffice's count when it is installed, the estimate otherwise (the report's note says which).
        pages = pages_for_check(loaded.proposal, loaded.call, render=not args.estimate_only)
        report = review_proposal(loaded.proposal, loaded.call, pages)
        report = report.model_copy(update={"llm_privacy": loaded.proposal.llm_privacy})
        others = other_proposals(args, loaded.path)
        if others is not None:
            report = report.with_findings(others.findings(loaded.proposal, loaded.call))
    if args.llm and not args.offline:
        from assistant.commands.llm import ProgressLine  # noqa: PLC0415
        from assistant.config import load_settings  # noqa: PLC0415
        from assistant.review.llm.report import add_llm_findings  # noqa: PLC0415 - the SDK only when asked

        line = ProgressLine()
        report = add_llm_findings(report, loaded.proposal, loaded.call, load_settings(), args.no_cache,
                                  save_to=None if loaded.is_markdown else loaded.path, progress=line,
                                  allow_unfit=args.ook_ongeschikt)
        line.clear()
    print(render_json(report, loaded.proposal) if args.json else render_text(report, loaded.proposal, loaded.call))
    return exit_codes.BLOCKING if report.blocking else exit_codes.OK


def render_json(report: Report, proposal: Proposal | None = None) -> str:
    data = report.model_dump(mode="json")
    if proposal is not None:  # the client's comments from Word not yet marked done (see `notes`)
        data["notes"] = [
            {
                "number": number,
                "question": note.item or None,
                "author": note.author,
                "text": note.text,
                "quote": note.quote,
            }
            for number, note in proposal.open_notes()
        ]
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_text(report: Report, proposal: Proposal, call: Call) -> str:
    reviewers = sorted({f.reviewer for q in report.questions for f in q.findings})
    by = _("regels en AI") if "llm" in reviewers else _("enkel regels, zonder AI")
    lines = [
        _("Controle van '{name}' – {title}, {subtitle} ({by})").format(
            name=proposal.name, title=call.title, subtitle=call.subtitle, by=by
        ),
        "",
        _("Antwoorden (sectie {section})").format(section=call.question_section),
    ]
    width = max(3, *(len(q.number) for q in call.questions))
    for review in report.questions:
        question = call.question(review.id)
        labels = {p.id: p.label for p in question.subparts}
        lines.append(f"  {question.number:<{width}} {level_label(review.level):<10} {review.score:>3}/100")
        if review.level != "ontbreekt" and review.parts:
            marks = "  ".join(f"{p.id} {'✓' if p.covered else '✗AI' if p.judged_by == 'llm' else '✗'}" for p in review.parts)
            lines.append(_("      deelvragen: {marks}").format(marks=marks))
        if review.missing_parts and review.level != "ontbreekt":
            missing = ", ".join(labels.get(p, p) for p in review.missing_parts)
            lines.append(_("      ontbreekt: {parts}").format(parts=missing))
        shown = [f for f in review.findings if not f.criterion.startswith("deelvraag:")][:TOP_FINDINGS]
        shown += [f for f in review.findings if f.reviewer == "llm" and f.criterion.startswith("deelvraag:")
                  and any(p.id == f.part and p.judged_by == "llm" for p in review.parts)]
        for finding in shown:
            quote = f" «{finding.quote}»" if finding.quote else ""
            lines.append(f"      {_MARK[finding.severity]} {finding.message}{quote}")
    which = call.field_sections
    lines += ["", (_("Velden (secties {which})") if "–" in which else _("Velden (sectie {which})")).format(which=which)]
    for check in report.fields:
        label = call.field(check.id).label
        if check.ok:
            lines.append(f"  ✓ {label}: {check.normalized}")
            if check.warning:
                lines.append(f"    ! {check.warning}")
        else:
            lines.append(f"  ✗ {label}: {check.message}")
    pages = report.pages
    counted = (
        _("{rendered} (gerenderd met {renderer}), geschat {estimated}").format(
            rendered=pages.rendered, renderer=pages.renderer, estimated=dutch_number(pages.estimated)
        )
        + (f" ({pages.note})" if pages.note else "")
        if pages.rendered is not None
        else _("geschat {estimated}").format(estimated=dutch_number(pages.estimated))
        + (f" ({pages.note})" if pages.note else "")
    )
    too_long = _(" – TE LANG") if pages.over_limit else ""
    lines += [
        "",
        _("Pagina's sectie {section}: {counted} van maximum {limit}").format(
            section=pages.section, counted=counted, limit=pages.limit
        )
        + too_long,
    ]
    if report.challenges:
        done = sum(1 for c in report.challenges if c.addressed_by)
        lines += ["", _("Lokaal addendum: {done} van {total} uitdagingen behandeld").format(done=done, total=len(report.challenges))]
        for challenge in report.challenges:
            where = ", ".join(call.question(q).number for q in challenge.addressed_by) or _("in geen enkel antwoord")
            lines.append(f"  {'✓' if challenge.addressed_by else '✗'} {challenge.title}: {where}")
    if report.llm is not None:
        from assistant.review.llm.report import summary_lines  # noqa: PLC0415

        lines += ["", *summary_lines(report.llm)]
    if report.llm_privacy != "allowed":
        lines += ["", _("Taalmodel voor dit voorstel: {privacy}").format(privacy=_(PRIVACY_LABELS[report.llm_privacy]))]
    if open_notes := proposal.open_notes():
        lines += ["", _("Open opmerkingen van de klant ({count}; afhandelen met 'notes'):").format(count=len(open_notes))]
        for number, note in open_notes:
            where = call.question(note.item).number if note.item else "A–C"
            lines.append(f"  {where:<4}{note_line(number, note)}")
    lines.append("")
    if report.blocking:
        lines.append(_("Blokkerend ({count}):").format(count=len(report.blocking)))
        lines += [f"  - {item}" for item in report.blocking]
    else:
        lines.append(_("Niets blokkeert de indiening."))
    return "\n".join(lines)

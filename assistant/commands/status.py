"""`status [MAP] [--json] [--zoek TEKST] [--oproep ID] [--sorteer …]`: every proposal of a folder at a glance.

Exit code 2 when a file in the folder cannot be read (the others are still shown), as `check --all`; else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from assistant import exit_codes, locations
from assistant.draft.client import describe_deadline
from assistant.draft.text import dutch_number
from assistant.draft.workspace import ARCHIVE, TRASH
from assistant.errors import UsageError
from assistant.i18n import _
from assistant.review.portfolio import SORT_KEYS, Portfolio, load_portfolio, select

# One letter per level, coloured on a terminal.
LEVELS = {"sterk": ("S", "32"), "voldoende": ("V", "33"), "zwak": ("Z", "31"), "ontbreekt": ("-", "2")}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "status",
        help=_("alle voorstellen van een map: niveau per vraag, blokkerende problemen, pagina's"),
        description=_(
            "Toont elk voorstel in de map (standaard de datamap) met organisatie, oproep, niveau per "
            "vraag, aantal blokkerende problemen, geschatte pagina's van de sectie met de vragen en laatste "
            "wijziging. Exitcode 2 als een bestand in de map niet gelezen kan worden (de andere worden wel "
            "getoond), anders 0."
        ),
    )
    add_folder_argument(parser)
    parser.add_argument("--json", action="store_true", help=_("één JSON-object op stdout (zie docs/usage.md)"))
    parser.add_argument("--zoek", metavar="TEKST", help=_("enkel voorstellen met deze tekst (naam, organisatie of antwoorden)"))
    parser.add_argument("--oproep", metavar="ID", help=_("enkel voorstellen voor deze oproep"))
    parser.add_argument("--sorteer", choices=list(SORT_KEYS), default="gewijzigd", help=_("volgorde (standaard: gewijzigd)"))
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--archief", action="store_true", help=_("de gearchiveerde voorstellen in plaats van de andere"))
    kept.add_argument("--prullenbak", action="store_true", help=_("de voorstellen in de prullenbak"))
    parser.set_defaults(func=run)


def add_folder_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="MAP", type=Path, nargs="?", help=_("map met voorstellen (standaard: de datamap)"))


def folder_or_data(given: Path | None) -> Path:
    """The folder the user named, else the data folder (made on a first run)."""
    if given is None:
        folder = locations.proposals_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    if not given.is_dir():
        raise UsageError(
            _("{folder} is geen map.").format(folder=given)
            if given.exists()
            else _("Map {folder} bestaat niet.").format(folder=given)
        )
    return given


def run(args: argparse.Namespace) -> int:
    folder = folder_or_data(args.folder)
    place = ARCHIVE if args.archief else TRASH if args.prullenbak else None
    if place:
        folder = folder / place
    # An archive or trash not made yet is empty, not an error.
    portfolio = load_portfolio(folder) if folder.is_dir() else Portfolio(folder, [], [], 0, {})
    shown = select(portfolio, args.zoek, args.oproep, args.sorteer)
    if args.json:
        document = portfolio.to_json()
        keep = {entry["file"] for entry in shown}
        document["proposals"] = [e for e in document["proposals"] if e["file"] in keep]
        order = {entry["file"]: n for n, entry in enumerate(shown)}
        document["proposals"].sort(key=lambda e: order[e["file"]])
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(render(shown, portfolio.unreadable, len(portfolio.proposals), sys.stdout.isatty()))
    return exit_codes.USAGE if portfolio.unreadable else exit_codes.OK


def _deadline(entry: dict) -> str:
    if not entry.get("deadline"):
        return ""
    return f" – deadline {describe_deadline(date.fromisoformat(entry['deadline']))}"


def level_mark(level: str, colour: bool) -> str:
    letter, code = LEVELS[level]
    return f"\x1b[{code}m{letter}\x1b[0m" if colour else letter


def render(entries: list[dict], unreadable: list[dict[str, str]], total: int, colour: bool = False) -> str:
    if not entries:
        return _("Geen voorstellen gevonden.") if total else _("Geen voorstellen in deze map.")
    numbers = entries[0]["questions"]
    widths = [max(2, len(q["number"])) for q in numbers]  # a level's letter under each question number
    header = "  ".join(q["number"].ljust(w) for q, w in zip(numbers, widths, strict=True))
    when, blocking, pages = _("Gewijzigd"), _("Blok."), _("Pag.")  # column heads
    lines = [f"{when:<16}  {header}  {blocking:>5}  {pages:>6}  " + _("Naam (organisatie) – oproep – bestand")]
    for entry in entries:
        changed = datetime.fromisoformat(entry["updated_at"]).astimezone().strftime("%d/%m/%Y %H:%M")
        levels = "  ".join(
            level_mark(q["level"], colour) + " " * (w - 1) for q, w in zip(entry["questions"], widths, strict=False)
        )
        pages = dutch_number(entry["pages_estimated"])
        over = "!" if entry["pages_estimated"] > entry["pages_limit"] else " "
        organisation = f" ({entry['organisation']})" if entry["organisation"] and entry["organisation"] != entry["name"] else ""
        lines.append(
            f"{changed:<16}  {levels}  {entry['blocking']:>5}  {pages:>5}{over}  "
            f"{entry['name']}{organisation} – {entry['call']} – {entry['file']}{_deadline(entry)}"
        )
    lines.append(
        _("{shown} van {total} voorstellen. Niveau: S sterk, V voldoende, Z zwak, - ontbreekt.").format(
            shown=len(entries), total=total
        )
    )
    lines += [_("Niet te lezen: {file}: {error}").format(file=item["file"], error=item["error"]) for item in unreadable]
    return "\n".join(lines)

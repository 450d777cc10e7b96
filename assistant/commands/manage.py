"""`rename`, `duplicate`, `archive`, `delete`, `restore`, `copy-answer`: managing the proposals of the desk."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.draft import manage
from assistant.i18n import _

FILE_HELP = _("voorstelbestand (.json), of de bestandsnaam in de datamap, het archief of de prullenbak")


def register(commands: argparse._SubParsersAction) -> None:
    rename = commands.add_parser("rename", help=_("een voorstel hernoemen (naam en bestand)"))
    rename.add_argument("file", metavar="BESTAND", type=Path, help=FILE_HELP)
    rename.add_argument("name", metavar="NAAM", help=_("de nieuwe naam"))
    rename.set_defaults(func=run_rename)

    duplicate = commands.add_parser(
        "duplicate",
        help=_("een kopie als begin voor een nieuwe klant"),
        description=_(
            "Maakt een nieuw voorstel naast het oorspronkelijke: de gegevens van sectie B leeg, de "
            "antwoorden behouden en gemarkeerd als overgenomen, zodat de controle over klanten heen meldt "
            "wat nog aangepast moet worden."
        ),
    )
    duplicate.add_argument("file", metavar="BESTAND", type=Path, help=FILE_HELP)
    duplicate.add_argument("name", metavar="NAAM", help=_("naam van het nieuwe voorstel (bv. de nieuwe organisatie)"))
    duplicate.set_defaults(func=run_duplicate)

    for name, func, text in (
        ("archive", run_archive, _("naar het archief (uit de lijst, terug te halen met restore)")),
        ("delete", run_delete, _("naar de prullenbak (niet gewist, terug te halen met restore)")),
        ("restore", run_restore, _("een voorstel uit het archief of de prullenbak terugzetten")),
    ):
        parser = commands.add_parser(name, help=text)
        parser.add_argument("file", metavar="BESTAND", type=Path, help=FILE_HELP)
        parser.set_defaults(func=func)

    copy = commands.add_parser(
        "copy-answer",
        help=_("een antwoord overnemen uit een ander voorstel"),
        description=_(
            "Neemt het antwoord op VRAAG uit BRON over in BESTAND en onthoudt waar het vandaan komt: zolang "
            "de tekst niet aangepast is, meldt de controle 'overgenomen uit …, nog niet aangepast'."
        ),
    )
    copy.add_argument("file", metavar="BESTAND", type=Path, help=_("het voorstel dat het antwoord krijgt"))
    copy.add_argument("source", metavar="BRON", type=Path, help=_("het voorstel met het antwoord"))
    copy.add_argument("question", metavar="VRAAG", help=_("vraagnummer of id, bv. 1a of D1a"))
    copy.add_argument("--vervang", action="store_true", help=_(
        "een bestaand antwoord vervangen (het blijft in de geschiedenis)"
    ))
    copy.set_defaults(func=run_copy)


def run_rename(args: argparse.Namespace) -> int:
    path = manage.rename(manage.find(args.file), args.name)
    print(_("Hernoemd: '{value}' staat nu in {path}.").format(value=args.name.strip(), path=path))
    return 0


def run_duplicate(args: argparse.Namespace) -> int:
    path = manage.duplicate(manage.find(args.file), args.name)
    print(_(
        "Nieuw voorstel '{value}' in {path}: sectie B is leeg, de antwoorden zijn overgenomen."
    ).format(value=args.name.strip(), path=path))
    return 0


def run_archive(args: argparse.Namespace) -> int:
    path = manage.archive(manage.find(args.file))
    print(_("Gearchiveerd: {path}. Terugzetten: wse-assistant restore {path}").format(path=path))
    return 0


def run_delete(args: argparse.Namespace) -> int:
    path = manage.delete(manage.find(args.file))
    print(_("Naar de prullenbak: {path}. Terugzetten: wse-assistant restore {path}").format(path=path))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = manage.restore(manage.find(args.file))
    print(_("Teruggezet: {path}.").format(path=path))
    return 0


def run_copy(args: argparse.Namespace) -> int:
    question_id = manage.copy_answer_into(manage.find(args.file), args.question, manage.find(args.source), args.vervang)
    print(_(
        "Antwoord op {question_id} overgenomen uit {source}."
    ).format(question_id=question_id, source=args.source))
    return 0

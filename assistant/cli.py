"""Command-line entry point: parse arguments, run one command, turn errors into one line in the user's language."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence

from assistant import exit_codes, i18n
from assistant.commands import COMMANDS, command_module
from assistant.errors import AssistantError
from assistant.i18n import _

# argparse's own error texts are English; in Dutch they are rewritten with this table.
_ARGPARSE_NL = [
    (r"the following arguments are required: (.*)", r"verplicht argument ontbreekt: \1"),
    (r"unrecognized arguments: (.*)", r"onbekend argument: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1: ongeldige keuze \2 (kies uit \3)"),
    (r"argument (\S+): expected one argument", r"\1 verwacht een waarde"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: ongeldige waarde \3"),
    (r"argument (\S+): expected at most one argument", r"\1 verwacht hoogstens één waarde"),
    (r"argument (\S+): expected at least one argument", r"\1 verwacht minstens één waarde"),
    (r"argument (\S+): ignored explicit argument (.*)", r"\1 neemt geen waarde (\2)"),
    (r"argument (\S+): not allowed with argument (.*)", r"\1 gaat niet samen met \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"\1 is onduidelijk: bedoelt u \2?"),
    (r"one of the arguments (.*) is required", r"een van \1 is verplicht"),
]


class DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, _("gebruik: ") if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with its own words (usage, headings, -h, errors) in the user's language; argparse's catalogue
    is not installed, so its English error texts are rewritten for Dutch."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **{"formatter_class": DutchHelpFormatter, **kwargs, "add_help": False})
        self._positionals.title, self._optionals.title = _("argumenten"), _("opties")
        self.add_argument("-h", "--help", action="help", help=_("deze hulp tonen en stoppen"))

    def error(self, message: str) -> None:  # type: ignore[override]
        if i18n.language() == "nl":
            for pattern, replacement in _ARGPARSE_NL:
                message = re.sub(pattern, replacement, message)
        message = _("{message}. Zie '{prog} --help'.").format(message=message, prog=self.prog)
        print(_("Fout: {error}").format(error=message), file=sys.stderr)
        raise UsageExit(message)


class UsageExit(SystemExit):
    """A command line argparse refuses: exits with USAGE, its message kept for a script that asked for --json."""

    def __init__(self, message: str) -> None:
        super().__init__(exit_codes.USAGE)
        self.message = message


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` that one (so only its module is imported)."""
    parser = DutchArgumentParser(
        prog="wse-assistant",
        description=_("Schrijfhulp voor de kandidatuur Europa WSE lokaal partnerschap. Zonder opdracht opent de app."),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("OPDRACHT"), parser_class=DutchArgumentParser)
    # A module may hold several subcommands (rename, archive, …): each module registers once.
    for module in dict.fromkeys(command_module(name) for name in ([only] if only else COMMANDS)):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # With --json a script reads stdout: a refusal comes there too, as one JSON object.
    as_json = any(arg.startswith("--j") and "--json".startswith(arg) for arg in argv)  # argparse takes "--js" too
    return _guarded(lambda: _run(argv), as_json=as_json)  # importing a command's module is guarded too


def _run(argv: list[str]) -> int | None:
    _use_configured_language()
    if not argv:  # the app: no parser, so no command module is imported on the way
        from assistant.commands.open import run_tui  # noqa: PLC0415

        return run_tui(None)
    args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    if args.command is None:
        from assistant.commands.open import run_tui  # noqa: PLC0415

        return run_tui(None)
    return args.func(args)


def _use_configured_language() -> None:
    """Messages and help in the language of the settings (config file or WSE_LANGUAGE); Dutch when they cannot
    be read: the command that needs them reports why."""
    from assistant.config import ConfigError, load_settings  # noqa: PLC0415

    try:
        i18n.set_language(load_settings().language)
    except ConfigError:
        i18n.set_language(i18n.SOURCE_LANGUAGE)


def _guarded(command: Callable[[], int | None], as_json: bool = False) -> int:
    """Run a command; its errors become one line (in the user's language) and an exit code."""
    try:
        return int(command() or exit_codes.OK)
    except AssistantError as exc:
        print(_("Fout: {error}").format(error=exc), file=sys.stderr)
        if as_json:
            print(json.dumps({"error": str(exc), "exit_code": exc.exit_code}, ensure_ascii=False))
        return exc.exit_code
    except UsageExit as exc:
        if as_json:
            print(json.dumps({"error": exc.message, "exit_code": exit_codes.USAGE}, ensure_ascii=False))
        raise
    except KeyboardInterrupt:
        print(_("Onderbroken."), file=sys.stderr)
        return exit_codes.INTERRUPTED
    except BrokenPipeError:
        return exit_codes.OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback reaches the user
        from assistant.crashlog import write_crash_log  # noqa: PLC0415

        log = write_crash_log(exc)
        where = _("de details staan in {log}").format(log=log) if log else _("de details konden niet bewaard worden")
        message = _(
            "Fout: onverwachte fout in wse-assistant ({error_type}); {where}. Stuur dat bestand mee als u de fout meldt."
        ).format(error_type=type(exc).__name__, where=where)
        print(message, file=sys.stderr)
        if as_json:
            print(json.dumps({"error": message, "exit_code": exit_codes.USAGE}, ensure_ascii=False))
        return exit_codes.USAGE

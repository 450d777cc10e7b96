"""Command-line entry point: parse arguments, run one command, turn errors into one Dutch line."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

from assistant import exit_codes
from assistant.commands import COMMANDS, command_module
from assistant.errors import AssistantError

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
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with its own words (usage, headings, -h, errors) in Dutch; argparse has no catalogue of them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **{"formatter_class": DutchHelpFormatter, **kwargs, "add_help": False})
        self._positionals.title, self._optionals.title = "argumenten", "opties"
        self.add_argument("-h", "--help", action="help", help="deze hulp tonen en stoppen")

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, replacement in _ARGPARSE_NL:
            message = re.sub(pattern, replacement, message)
        self.exit(exit_codes.USAGE, f"Fout: {message}. Zie '{self.prog} --help'.\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` that one (so only its module is imported)."""
    parser = DutchArgumentParser(
        prog="wse-assistant",
        description="Schrijfhulp voor de kandidatuur Europa WSE lokaal partnerschap. Zonder opdracht opent de app.",
    )
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser)
    # A module may hold several subcommands (rename, archive, …): each module registers once.
    for module in dict.fromkeys(command_module(name) for name in ([only] if only else COMMANDS)):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    return _guarded(lambda: _run(argv))  # importing a command's module is guarded too


def _run(argv: list[str]) -> int | None:
    if not argv:  # the app: no parser, so no command module is imported on the way
        from assistant.commands.open import run_tui  # noqa: PLC0415

        return run_tui(None)
    args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    if args.command is None:
        from assistant.commands.open import run_tui  # noqa: PLC0415

        return run_tui(None)
    return args.func(args)


def _guarded(command: Callable[[], int | None]) -> int:
    """Run a command; its errors become one Dutch line and an exit code."""
    try:
        return int(command() or exit_codes.OK)
    except AssistantError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Onderbroken.", file=sys.stderr)
        return exit_codes.INTERRUPTED
    except BrokenPipeError:
        return exit_codes.OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback reaches the user
        from assistant.crashlog import write_crash_log  # noqa: PLC0415

        log = write_crash_log(exc)
        where = f"de details staan in {log}" if log else "de details konden niet bewaard worden"
        print(
            f"Fout: onverwachte fout in wse-assistant ({type(exc).__name__}); {where}. "
            "Stuur dat bestand mee als u de fout meldt.",
            file=sys.stderr,
        )
        return exit_codes.USAGE

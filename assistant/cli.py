"""Command-line entry point: parse arguments, run one command, turn errors into one Dutch line."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

from assistant.commands import COMMANDS, command_module
from assistant.errors import AssistantError

EXIT_OK, EXIT_BLOCKING, EXIT_USAGE = 0, 1, 2

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
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with its own words (usage, headings, -h, errors) in Dutch; argparse has no catalogue of them."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **{"formatter_class": DutchHelpFormatter, **kwargs, "add_help": False})
        self._positionals.title, self._optionals.title = "argumenten", "opties"
        self.add_argument("-h", "--help", action="help", help="deze hulp tonen en stoppen")

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, replacement in _ARGPARSE_NL:
            message = re.sub(pattern, replacement, message)
        self.exit(EXIT_USAGE, f"Fout: {message}. Zie '{self.prog} --help'.\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` that one (so only its module is imported)."""
    parser = DutchArgumentParser(
        prog="wse-assistant",
        description="Schrijfhulp voor de kandidatuur Europa WSE lokaal partnerschap. Zonder opdracht opent de app.",
    )
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser)
    for name in [only] if only else COMMANDS:
        command_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:  # the app: no parser, so no command module is imported on the way
        from assistant.commands.open import run_tui  # noqa: PLC0415

        return _guarded(lambda: run_tui(None))
    args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    if args.command is None:
        from assistant.commands.open import run_tui  # noqa: PLC0415

        return _guarded(lambda: run_tui(None))
    return _guarded(lambda: args.func(args))


def _guarded(command: Callable[[], int | None]) -> int:
    """Run a command; its errors become one Dutch line and an exit code."""
    try:
        return int(command() or EXIT_OK)
    except AssistantError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Onderbroken.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK

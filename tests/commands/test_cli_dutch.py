"""argparse's own words (usage, headings, -h, errors) are Dutch like the rest of the CLI."""

import re
import subprocess
import sys

import pytest

from assistant.cli import DutchArgumentParser, build_parser, main

ENGLISH = re.compile(r"usage:|positional arguments|options:|show this help|error:|\b(arguments|expected|invalid|required|unrecognized|choose)\b")


def every_help_command() -> list[list[str]]:
    commands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    nested = [["llm", action] for action in ["test", "review", "interview", "inkorten"]]
    return [[], *([name] for name in commands), *nested]


@pytest.mark.parametrize("command", every_help_command(), ids=lambda c: " ".join(c) or "wse-assistant")
def test_every_help_text_is_dutch(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: wse-assistant") and "opties:" in out and "-h, --help" in out and "deze hulp tonen en stoppen" in out
    assert not ENGLISH.search(out), ENGLISH.search(out)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["new", "x", "-o"], "-o/--output verwacht een waarde"),
        (["new"], "verplicht argument ontbreekt: NAAM"),
        (["show", "x", "--bestaat-niet"], "onbekend argument: --bestaat-niet"),
        (["versions", "x", "wissen"], "ongeldige keuze"),
        (["versions", "x", "wissen"], "ACTIE: ongeldige keuze"),
        (["llm"], "verplicht argument ontbreekt: ACTIE"),
    ],
)
def test_usage_errors_are_one_dutch_line(argv, says, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and says in err and err.count("\n") == 1
    assert not ENGLISH.search(err), ENGLISH.search(err)


def test_the_installed_program_answers_help_in_dutch():
    result = subprocess.run([sys.executable, "-m", "assistant", "check", "-h"], capture_output=True, text=True)
    assert result.returncode == 0 and "gebruik:" in result.stdout and "usage:" not in result.stdout


def test_an_ambiguous_option_is_explained_in_dutch(capsys):
    parser = DutchArgumentParser(prog="wse-assistant")
    parser.add_argument("--output")
    parser.add_argument("--offline", action="store_true")
    with pytest.raises(SystemExit):
        parser.parse_args(["--o", "x"])
    assert "Fout: --o is onduidelijk: bedoelt u --output, --offline?" in capsys.readouterr().err

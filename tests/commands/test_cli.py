import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import locations
from assistant.cli import main
from assistant.draft.store import read_proposal

SAMPLE = """# B. Kenmerken kandidaat
Deelnemer / Organisatie: Vzw Het Anker
E-mail: an@hetanker.be
# D. Projectvoorstel
## 1a
Wij bieden trajecten op maat in Eeklo.

- intake
- coaching
## 2d. Wat is voor uw organisatie cruciaal
i. Het gezamenlijk belang gaat voor.
"""


def test_import_then_export_gives_back_the_same_fields_and_answers(tmp_path, capsys):
    source = tmp_path / "x.md"
    source.write_text(SAMPLE, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "p.json")]) == 0
    assert main(["export", str(tmp_path / "p.json"), "-o", str(tmp_path / "y.md")]) == 0
    assert main(["import", str(tmp_path / "y.md"), "-o", str(tmp_path / "q.json")]) == 0
    first, second = read_proposal(tmp_path / "p.json"), read_proposal(tmp_path / "q.json")
    assert first.fields == second.fields
    assert {k: v.text for k, v in first.answers.items()} == {k: v.text for k, v in second.answers.items()}
    assert first.answer_text("D2d") == "i. Het gezamenlijk belang gaat voor."


def test_import_into_an_existing_proposal_adds_revisions(tmp_path, capsys):
    source = tmp_path / "x.md"
    source.write_text(SAMPLE, encoding="utf-8")
    main(["import", str(source), "-o", str(tmp_path / "p.json")])
    source.write_text(SAMPLE.replace("in Eeklo", "in Eeklo en Zelzate"), encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "p.json")]) == 0
    revisions = read_proposal(tmp_path / "p.json").answers["D1a"].revisions
    assert [r.origin for r in revisions] == ["imported", "imported"]
    assert "1 onderdelen bijgewerkt" in capsys.readouterr().out


def test_unknown_headings_are_reported_not_dropped(tmp_path, capsys):
    source = tmp_path / "x.md"
    source.write_text("## 1a\nTekst\n## Bijlage 3\nDit is extra.\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "p.json")]) == 0
    err = capsys.readouterr().err
    assert "Bijlage 3" in err and "niet overgenomen" in err


def test_new_show_and_versions(tmp_path, capsys):
    path = tmp_path / "p.json"
    assert main(["new", "Vzw Het Anker", "-o", str(path)]) == 0
    assert main(["versions", str(path), "save", "leeg"]) == 0
    source = tmp_path / "x.md"
    source.write_text(SAMPLE, encoding="utf-8")
    main(["import", str(source), "-o", str(path)])
    assert main(["versions", str(path), "save", "eerste"]) == 0
    capsys.readouterr()
    assert main(["versions", str(path)]) == 0
    listing = capsys.readouterr().out
    assert "leeg" in listing and "eerste" in listing
    assert main(["versions", str(path), "diff", "leeg", "eerste"]) == 0
    out = capsys.readouterr().out
    assert "== D1a ==" in out and "{+Wij bieden trajecten" in out
    assert main(["show", str(path)]) == 0
    assert "Wij bieden trajecten op maat in Eeklo." in capsys.readouterr().out


def test_new_places_the_proposal_in_the_data_folder(isolated_home, capsys):
    assert main(["new", "Vzw Het Anker"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == isolated_home / "data" / "proposals" / "vzw-het-anker.json"
    assert read_proposal(path).fields["A"] == "B – OOST Meetjesland"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "bestaat-niet.json"], "bestaat niet"),
        (["export", "bestaat-niet.md", "-o", "y.md"], "bestaat niet"),
        (["new", "x", "--call", "onbekend"], "Onbekende oproep"),
        (["versions", "{path}", "diff", "nooit"], "bestaat niet"),
        (["versions", "{path}", "save", "huidig"], "niet 'huidig'"),
        (["versions", "{path}", "save", " "], "niet leeg"),
    ],
)
def test_bad_input_gives_one_dutch_line_and_exit_2(tmp_path, capsys, argv, message):
    path = tmp_path / "p.json"
    main(["new", "x", "-o", str(path)])
    capsys.readouterr()
    assert main([a.format(path=path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [["check", "{missing}", "--json"], ["check", "{corrupt}", "--js", "--offline"], ["status", "{missing}", "--json"]],
)
def test_a_refusal_with_json_is_also_one_json_object_on_stdout(tmp_path, capsys, argv):
    corrupt = tmp_path / "kapot.json"
    corrupt.write_text("{niet json", encoding="utf-8")
    args = [a.format(missing=tmp_path / "nergens.json", corrupt=corrupt) for a in argv]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("Fout: ")
    report = json.loads(captured.out)
    assert report["exit_code"] == 2 and report["error"] and report["error"] in captured.err


@pytest.mark.parametrize("argv", [["check", "x.json", "--json", "--bestaat-niet"], ["status", "--json", "--limiet", "veel"]])
def test_a_usage_error_with_json_is_also_one_json_object_on_stdout(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("Fout: ") and captured.err.count("\n") == 1
    report = json.loads(captured.out)
    assert report["exit_code"] == 2 and report["error"] in captured.err and "--help" in report["error"]


def test_usage_errors_exit_2_in_dutch(capsys):
    with pytest.raises(SystemExit) as info:
        main(["export"])
    assert info.value.code == 2
    assert "verplicht argument ontbreekt" in capsys.readouterr().err


def test_corrupt_proposal_through_the_real_entry_point_has_no_traceback(tmp_path):
    path = tmp_path / "p.json"
    path.write_text("{niet json", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "assistant", "show", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "beschadigd" in result.stderr


def test_every_subcommand_has_help(capsys):
    from assistant.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    for name in commands:
        with pytest.raises(SystemExit) as info:
            main([name, "--help"])
        assert info.value.code == 0
    assert json.dumps(sorted(commands))


def test_opening_the_app_imports_no_other_command_nor_heavy_library():
    code = (
        "import sys; import assistant.cli, assistant.commands.open; "
        "print(sorted(m for m in sys.modules if m.startswith('assistant.commands.') or m in ('docx', 'openai', 'pypdf')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['assistant.commands.open']"


def test_a_subcommand_imports_only_its_own_module():
    code = (
        "import sys; from assistant.cli import main; main(['calls']); "
        "print(sorted(m for m in sys.modules if m.startswith('assistant.commands.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "['assistant.commands.calls']"


def test_the_app_without_a_terminal_refuses_in_one_dutch_line_instead_of_spinning(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "WSE_ASSISTANT_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "assistant"], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Fout: De app heeft een terminal nodig; zonder terminal werken de opdrachten (zie 'wse-assistant --help')."
    ]


@pytest.mark.parametrize(
    ("content", "said"),
    [("", "is leeg"), ("\n  \n", "is leeg"), ("## Bijlage 3\nDit is extra.\n", "geen velden of antwoorden")],
)
def test_importing_a_file_with_nothing_of_the_form_makes_no_proposal(tmp_path, capsys, content, said):
    source = tmp_path / "leeg.md"
    source.write_text(content, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "p.json")]) == 2
    err = capsys.readouterr().err
    assert said in err and "geen voorstel gemaakt" in err and not (tmp_path / "p.json").exists()
    assert main(["import", str(source)]) == 2 and not list(locations.proposals_dir().glob("*.json"))
    # Into an existing proposal: refused too, and the proposal is left as it was.
    assert main(["new", "Vzw Het Anker", "-o", str(tmp_path / "q.json")]) == 0
    before = (tmp_path / "q.json").read_bytes()
    assert main(["import", str(source), "-o", str(tmp_path / "q.json")]) == 2
    assert (tmp_path / "q.json").read_bytes() == before

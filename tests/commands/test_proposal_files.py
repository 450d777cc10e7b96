"""Where `new` and `import` put a proposal, what they call it, and how namesakes are told apart."""

from pathlib import Path

import pytest

from assistant.cli import main
from assistant.draft.store import read_proposal
from assistant.draft.workspace import recent_proposals

SAMPLE = "# B. Kenmerken kandidaat\nDeelnemer / Organisatie: Werkwinkel Kreekland\n# D. Projectvoorstel\n## 1a\nWij bieden trajecten.\n"


def proposals_dir(home: Path) -> Path:
    return home / "data" / "proposals"


@pytest.mark.parametrize("name", ["🙂", "...", ".", "   "])
def test_new_refuses_a_name_without_letters_in_one_dutch_line(name, isolated_home, capsys):
    assert main(["new", name]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and "naam" in err and err.count("\n") == 1
    assert not list(proposals_dir(isolated_home).glob("*.json"))


def test_new_keeps_other_scripts_apart_and_drops_accents(isolated_home, capsys):
    for name in ["日本語", "中文", "Ünïcödé – vzw"]:
        assert main(["new", name]) == 0
    files = sorted(p.name for p in proposals_dir(isolated_home).glob("*.json"))
    assert files == sorted(["日本語.json", "中文.json", "unicode-vzw.json"])
    assert read_proposal(proposals_dir(isolated_home) / "unicode-vzw.json").name == "Ünïcödé – vzw"


def test_a_300_character_name_makes_a_proposal(isolated_home, capsys):
    name = "Vereniging " + "x" * 289
    assert main(["new", name]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert read_proposal(path).name == name and len(path.name) < 120


def test_a_second_proposal_with_the_same_name_warns_and_gets_its_own_file(isolated_home, capsys):
    assert main(["new", "Werkwinkel Kreekland"]) == 0
    first = Path(capsys.readouterr().out.strip())
    assert main(["new", "werkwinkel  kreekland"]) == 0
    captured = capsys.readouterr()
    second = Path(captured.out.strip())
    assert first != second and first.exists() and second.exists()
    assert "Let op" in captured.err and first.name in captured.err and second.name in captured.err


def test_import_of_an_organisation_that_has_a_proposal_warns(isolated_home, tmp_path, capsys):
    main(["new", "Werkwinkel Kreekland"])
    source = tmp_path / "kandidatuur.md"
    source.write_text(SAMPLE, encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(source)]) == 0
    err = capsys.readouterr().err
    assert "Let op" in err and "werkwinkel-kreekland.json" in err


def test_import_writes_into_the_data_folder_unless_o_is_given(isolated_home, tmp_path, capsys):
    source = tmp_path / "downloads" / "strong.md"
    source.parent.mkdir()
    source.write_text(SAMPLE, encoding="utf-8")
    assert main(["import", str(source)]) == 0
    assert main(["import", str(source)]) == 0  # again: a second proposal, never an update by accident
    assert sorted(p.name for p in source.parent.iterdir()) == ["strong.md"]
    assert sorted(p.name for p in proposals_dir(isolated_home).glob("*.json")) == ["strong-2.json", "strong.json"]
    elsewhere = tmp_path / "gedeeld" / "voorstel.json"
    elsewhere.parent.mkdir()
    assert main(["import", str(source), "-o", str(elsewhere)]) == 0
    assert read_proposal(elsewhere).answer_text("D1a") == "Wij bieden trajecten."


def test_proposals_made_elsewhere_appear_in_the_list_with_their_file(isolated_home, tmp_path, capsys):
    elsewhere = tmp_path / "gedeeld" / "kreekland.json"
    elsewhere.parent.mkdir()
    assert main(["new", "Werkwinkel Kreekland", "-o", str(elsewhere)]) == 0
    assert main(["new", "Werkwinkel Kreekland"]) == 0
    listed = {s.path for s in recent_proposals()}
    assert listed == {elsewhere.resolve(), proposals_dir(isolated_home).resolve() / "werkwinkel-kreekland.json"}
    capsys.readouterr()
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines if "Werkwinkel Kreekland" in line]
    assert len(rows) == 2
    assert any(str(elsewhere) in row for row in rows) and any(row.endswith("werkwinkel-kreekland.json") for row in rows)

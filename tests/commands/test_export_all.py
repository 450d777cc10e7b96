"""`export --all`: a folder of generated proposals exported into a folder, with a broken file, a file that is
not ours in the way, exit codes, JSON; and outputs in a folder that does not exist, refused."""

import json

import pytest
from docx import Document

from assistant import locations
from assistant.cli import main
from assistant.commands.batch import Batch
from bench.portfolio import write_portfolio

CLIENTS = 3


@pytest.fixture
def folder(tmp_path, call):
    folder = tmp_path / "klanten"
    write_portfolio(folder, CLIENTS, call, words=120)
    return folder


def test_every_proposal_exported_as_word_into_a_new_folder(folder, tmp_path, capsys):
    out = tmp_path / "uit"
    assert main(["export", "--all", str(folder), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"Map {out} aangemaakt." in captured.err
    assert sorted(p.name for p in out.iterdir()) == [f"client-{n}.docx" for n in range(CLIENTS)]
    text = "\n".join(p.text for p in Document(str(out / "client-1.docx")).paragraphs)
    assert "1a" in text or "Projectvoorstel" in text
    lines = captured.out.splitlines()
    assert lines[0].startswith("Pag. D  Blok.  Naam")
    assert lines[1].endswith("client-0.json → client-0.docx")
    assert lines[1 + CLIENTS] == f"{CLIENTS} voorstellen geëxporteerd naar {out}."
    # Again into the same folder: our own unchanged exports are replaced without asking.
    assert main(["export", "--all", str(folder), "-o", str(out)]) == 0


def test_one_broken_proposal_and_one_foreign_file_do_not_stop_the_rest(folder, tmp_path, capsys):
    out = tmp_path / "uit"
    out.mkdir()
    (folder / "kapot.json").write_text("{niet", encoding="utf-8")
    (out / "client-1.md").write_text("Mijn eigen notities\n", encoding="utf-8")
    assert main(["export", "--all", str(folder), "-o", str(out), "--formaat", "md", "--json"]) == 2
    document = json.loads(capsys.readouterr().out)
    assert (document["format"], document["version"], document["file_format"]) == ("wse-assistant/export-all", 1, "md")
    assert document["summary"] == {"exported": CLIENTS - 1, "failed": 2}
    assert [e["file"] for e in document["exported"]] == ["client-0.json", "client-2.json"]
    assert set(document["exported"][0]) == {"file", "name", "output", "pages", "over_limit", "blocking", "backup", "notes"}
    failed = {f["file"]: f["error"] for f in document["failed"]}
    assert set(failed) == {"client-1.json", "kapot.json"} and "--overschrijven" in failed["client-1.json"]
    assert (out / "client-1.md").read_text(encoding="utf-8") == "Mijn eigen notities\n"  # never overwritten unasked
    assert "# B." in (out / "client-0.md").read_text(encoding="utf-8") or (out / "client-0.md").stat().st_size > 1000
    # Confirmed: written, and the user's file kept as a backup; the table names both.
    assert main(["export", "--all", str(folder), "-o", str(out), "--formaat", "md", "--overschrijven"]) == 2
    out_text = capsys.readouterr().out
    assert "Niet geëxporteerd: kapot.json" in out_text and "reservekopie" in out_text
    assert "Mijn eigen notities" not in (out / "client-1.md").read_text(encoding="utf-8")
    assert (out / "client-1 (reservekopie).md").read_text(encoding="utf-8") == "Mijn eigen notities\n"


def test_a_too_long_proposal_is_refused_with_exit_1(folder, tmp_path, capsys, call):
    write_portfolio(folder, 1, call, words=2500)  # client-0 again, far over the page limit
    assert main(["export", "--all", str(folder), "-o", str(tmp_path / "uit")]) == 1  # Word: the length is checked
    out = capsys.readouterr().out
    assert "Niet geëxporteerd: client-0.json" in out and "--force" in out
    assert not (tmp_path / "uit" / "client-0.docx").exists() and (tmp_path / "uit" / "client-1.docx").exists()
    assert main(["export", "--all", str(folder), "-o", str(tmp_path / "uit"), "--force"]) == 0
    assert (tmp_path / "uit" / "client-0.docx").exists()


def test_batch_exit_code_takes_the_worst():
    assert Batch().exit_code(blocked=False) == 0
    assert Batch().exit_code(blocked=True) == 1
    assert Batch(failed=[{"file": "a", "error": "", "exit_code": 1}]).exit_code(blocked=False) == 1
    assert Batch(failed=[{"file": "a", "error": "", "exit_code": 1}, {"file": "b", "error": "", "exit_code": 2}]).exit_code(
        blocked=True
    ) == 2


def test_usage_errors_and_the_default_folder(folder, tmp_path, capsys, call):
    assert main(["export", "--all", str(folder), "-o", str(tmp_path / "nergens" / "uit")]) == 2
    assert "Map" in capsys.readouterr().err and not (tmp_path / "nergens").exists()
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    assert main(["export", "--all", str(folder), "-o", str(tmp_path / "bestand")]) == 2
    assert "geen map" in capsys.readouterr().err
    assert main(["export", "--all", str(folder), "-o", str(tmp_path / "u"), "--formaat", "md", "--opmerkingen"]) == 2
    assert main(["export", "-o", str(tmp_path / "x.docx")]) == 2
    assert "BESTAND" in capsys.readouterr().err
    write_portfolio(locations.proposals_dir(), 1, call, words=80)
    assert main(["export", "--all", "-o", str(tmp_path / "d"), "--formaat", "md"]) == 0
    assert (tmp_path / "d" / "client-0.md").exists()


@pytest.mark.parametrize("command", ["export", "import", "new"])
def test_an_output_in_a_folder_that_does_not_exist_is_refused_not_made(folder, tmp_path, capsys, command):
    source = tmp_path / "x.md"
    source.write_text("## 1a\nWij bieden trajecten aan in Eeklo.\n", encoding="utf-8")
    target = tmp_path / "bestaat" / "niet" / ("x.docx" if command == "export" else "p.json")
    argv = {
        "export": ["export", str(folder / "client-0.json"), "-o", str(target)],
        "import": ["import", str(source), "-o", str(target)],
        "new": ["new", "Vzw Het Anker", "-o", str(target)],
    }[command]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"Map {target.parent} bestaat niet" in err and err.count("\n") == 1
    assert not (tmp_path / "bestaat").exists()


def test_the_apps_export_refuses_a_missing_folder_too(folder, tmp_path, call):
    from assistant.draft.store import read_proposal  # noqa: PLC0415
    from assistant.tui import services  # noqa: PLC0415

    target = tmp_path / "bestaat" / "niet" / "x.docx"
    with pytest.raises(services.ExportError, match="bestaat niet"):
        services.export(read_proposal(folder / "client-0.json"), call, target)
    assert not (tmp_path / "bestaat").exists()

"""Exports never write over an input, nor over a file the tool did not write, without being told to."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input

from assistant.draft.store import read_proposal
from assistant.layout.document import build_docx
from assistant.tui.screens.export import ExportScreen
from tests.hostile.helpers import make_proposal_file, one_dutch_line, run_cli
from tests.tui.conftest import anyio_backend, dutch, on_top, proposal_path, settings, workers_done  # noqa: F401 - fixtures

FIXTURES = Path(__file__).parents[1] / "fixtures" / "proposals"


def assert_is_the_tools_markdown(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!-- oproep: oost-meetjesland-2026 -->") and "\n# A. Werkingsgebied\n" in text


def test_exporting_a_word_file_onto_itself_is_refused_even_with_force(tmp_path, call, capsys):
    source = tmp_path / "H.docx"
    source.write_bytes(build_docx(read_proposal(make_proposal_file(tmp_path / "p.json", call)), call).data)
    before = source.read_bytes()
    for extra in ([], ["--force"]):
        code, _, err = run_cli(capsys, "export", source, "-o", source, *extra)
        assert code == 2 and "waaruit geëxporteerd wordt" in one_dutch_line(err)
    assert source.read_bytes() == before


def test_the_same_input_reached_by_another_path_is_refused(tmp_path, call, capsys):
    source = tmp_path / "p.md"
    source.write_text("# D. Projectvoorstel\n## 1a\nTekst.\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(source)
    code, _, err = run_cli(capsys, "export", source, "-o", tmp_path / "link.md", "--force")
    assert code == 2 and "waaruit geëxporteerd wordt" in one_dutch_line(err)
    assert source.read_text(encoding="utf-8") == "# D. Projectvoorstel\n## 1a\nTekst.\n"


def test_a_file_the_tool_did_not_write_needs_force_and_is_kept_as_a_backup(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    target = tmp_path / "verslag.md"
    target.write_text("mijn eigen notities", encoding="utf-8")
    code, _, err = run_cli(capsys, "export", proposal, "-o", target)
    assert code == 2 and "--force" in one_dutch_line(err)
    assert target.read_text(encoding="utf-8") == "mijn eigen notities"
    code, _, err = run_cli(capsys, "export", proposal, "-o", target, "--force")
    backup = tmp_path / "verslag (reservekopie).md"
    assert code == 0 and str(backup) in err
    assert backup.read_text(encoding="utf-8") == "mijn eigen notities"
    assert_is_the_tools_markdown(target)


def test_the_tools_own_export_is_written_again_freely_but_not_once_edited(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    target = tmp_path / "uit.md"
    assert run_cli(capsys, "export", proposal, "-o", target)[0] == 0
    assert run_cli(capsys, "export", proposal, "-o", target)[0] == 0  # unchanged since we wrote it
    target.write_text(target.read_text(encoding="utf-8") + "\nmet de hand toegevoegd\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "export", proposal, "-o", target)
    assert code == 2 and "gewijzigd" in one_dutch_line(err)
    assert target.read_text(encoding="utf-8").endswith("met de hand toegevoegd\n")


def test_an_export_with_a_blocking_field_says_so_in_one_dutch_line(tmp_path, capsys):
    code, _, err = run_cli(capsys, "export", FIXTURES / "sterk.md", "-o", tmp_path / "sterk.docx")
    assert code == 0 and "blokkerend" not in err
    code, _, err = run_cli(capsys, "export", FIXTURES / "zwak.md", "-o", tmp_path / "zwak.docx")
    lines = [line for line in err.splitlines() if "blokkerend" in line]
    assert code == 0 and (tmp_path / "zwak.docx").exists() and len(lines) == 1
    assert lines[0].startswith("Let op: ") and "nog niet ingediend" in lines[0] and "Ondernemingsnummer" in lines[0]


@pytest.mark.anyio
async def test_the_app_asks_before_overwriting_a_file_it_did_not_write(settings, proposal_path, tmp_path):  # noqa: F811
    from assistant.tui.app import WseApp

    target = tmp_path / "eigen.md"
    target.write_text("mijn eigen notities", encoding="utf-8")
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await on_top(pilot, ExportScreen)
        path_input = app.screen.query_one("#path", Input)
        path_input.value = str(target)
        path_input.focus()
        await pilot.pause()
        await pilot.press("enter")
        await workers_done(app)
        await pilot.pause()
        assert "niet door wse-assistant geschreven" in str(app.screen.query_one("#error").render())
        assert str(app.screen.query_one("#write", Button).label) == "Overschrijven"
        assert target.read_text(encoding="utf-8") == "mijn eigen notities"
        app.screen.query_one("#write", Button).press()
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
    assert_is_the_tools_markdown(target)
    assert (tmp_path / "eigen (reservekopie).md").read_text(encoding="utf-8") == "mijn eigen notities"

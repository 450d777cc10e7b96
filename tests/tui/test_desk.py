"""The start screen as the consultant's desk, on a data folder of generated proposals: the list with its
levels and problems, sort, filter and search, and the manage keys (rename, duplicate, archive, delete,
restore), all at 80×24."""

import subprocess
import sys
from datetime import date, timedelta

import pytest
from textual.widgets import DataTable, Input, Select

from assistant import locations
from assistant.draft.models import ClientNote
from assistant.draft.store import ProposalFile, lock_path, read_proposal, write_proposal
from assistant.tui.app import WseApp
from assistant.tui.screens.dialogs import ChoiceDialog, ConfirmDialog, NameDialog
from assistant.tui.screens.start import StartScreen
from bench.portfolio import write_portfolio
from tests.tui.conftest import on_top, settled, until

pytestmark = pytest.mark.anyio
SIZE = (80, 24)
COUNT = 4


@pytest.fixture
def folder(call):
    folder = locations.proposals_dir()
    write_portfolio(folder, COUNT, call, words=80)
    return folder


def names_shown(screen: StartScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


def select(screen: StartScreen, file_name: str) -> None:
    table = screen.query_one(DataTable)
    row = next(n for n, key in enumerate(screen.rows) if key.endswith("/" + file_name))
    table.move_cursor(row=row)


async def started(pilot) -> StartScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, StartScreen) and pilot.app.screen.loaded)
    return pilot.app.screen


async def test_every_proposal_is_listed_with_its_levels_problems_and_pages(settings, folder, call):
    edited = read_proposal(folder / "client-2.json")
    edited.answers.clear()  # every question missing: blocking problems
    edited.deadline = date.today() + timedelta(days=3)
    edited.add_note(ClientNote(item="D1a", author="Klant", text="Graag concreter."))
    edited.add_note(ClientNote(item="D2a", author="Klant", text="Klopt dit getal?", done=True))
    write_proposal(folder / "client-2.json", edited)
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == COUNT
        row = table.get_row(str((folder / "client-2.json").resolve()))
        levels, blocking = row[1], row[2]
        assert str(levels).split() == ["-"] * len(call.questions)
        assert int(str(blocking)) > 0 and "red" in str(blocking.style)
        assert str(row[5]).endswith("(nog 3 dagen)") and "red" in str(row[5].style)  # its own deadline, near
        assert str(table.get_row(str((folder / "client-0.json").resolve()))[5]) == "—"
        assert str(row[6]) == "1"  # open client notes: the one done is not counted
        assert (
            str(table.get_row(str((folder / "client-0.json").resolve()))[8])
            == read_proposal(folder / "client-0.json").fields["A"]
        )


async def test_sort_filter_and_search_across_answers(settings, folder):
    word = "zeldzaamwoordje"
    target = read_proposal(folder / "client-1.json")
    target.set_answer("D2b", target.answer_text("D2b") + f" Een {word} in een antwoord.")
    write_proposal(folder / "client-1.json", target)
    empty = read_proposal(folder / "client-3.json")
    empty.answers.clear()
    write_proposal(folder / "client-3.json", empty)
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("s")  # by name
        assert screen.sort == "naam"
        assert names_shown(screen) == sorted(names_shown(screen), key=str.casefold)
        await pilot.press("f")  # with blocking problems only
        assert names_shown(screen) == [empty.name]
        await pilot.press("f")  # without
        assert empty.name not in names_shown(screen) and len(names_shown(screen)) == COUNT - 1
        await pilot.press("f", "f", "f")  # archive, trash, back to all
        await until(pilot, lambda: len(names_shown(screen)) == COUNT)
        await pilot.press("slash")
        assert isinstance(pilot.app.focused, Input)
        await pilot.press(*word.upper())  # case aside
        await until(pilot, lambda: names_shown(screen) == [target.name])


async def test_rename_duplicate_archive_delete_and_restore_with_keys(settings, folder):
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        select(screen, "client-0.json")
        await pilot.press("r")
        assert isinstance(pilot.app.screen, NameDialog)
        pilot.app.screen.query_one("#name", Input).value = "Vzw Hernoemd"
        await pilot.press("enter")
        await until(pilot, lambda: "Vzw Hernoemd" in names_shown(screen))
        assert (folder / "vzw-hernoemd.json").exists() and not (folder / "client-0.json").exists()

        select(screen, "client-1.json")
        await pilot.press("d")
        await pilot.press(*"Vzw Nieuwe Klant", "enter")
        await until(pilot, lambda: "Vzw Nieuwe Klant" in names_shown(screen))
        copy = read_proposal(folder / "vzw-nieuwe-klant.json")
        assert "B.ondernemingsnummer" not in copy.fields and all(a.copied_from for a in copy.answers.values())

        select(screen, "client-2.json")
        await pilot.press("a")
        await until(pilot, lambda: len(names_shown(screen)) == COUNT)  # 4 + the copy - the archived one
        assert (folder / "archief" / "client-2.json").exists()

        select(screen, "client-3.json")
        original = (folder / "client-3.json").read_bytes()
        await pilot.press("x")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("escape")  # cancelled: nothing happens
        assert (folder / "client-3.json").exists()
        await pilot.press("x")
        await pilot.press("enter")
        await until(pilot, lambda: not (folder / "client-3.json").exists())
        assert (folder / "prullenbak" / "client-3.json").read_bytes() == original

        await pilot.press("f", "f", "f", "f")  # the trash
        await until(pilot, lambda: screen.loaded and len(names_shown(screen)) == 1)
        await pilot.press("r")  # renaming is not offered in the trash
        assert isinstance(pilot.app.screen, StartScreen)
        await pilot.press("h")
        await until(pilot, lambda: (folder / "client-3.json").exists())
        assert (folder / "client-3.json").read_bytes() == original


async def test_a_proposal_kept_elsewhere_is_deleted_to_a_trash_the_desk_shows(settings, folder, tmp_path):
    from assistant.draft.workspace import remember

    elsewhere = tmp_path / "gedeeld" / "klant.json"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes((folder / "client-0.json").read_bytes())
    remember(elsewhere)
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        select(screen, "klant.json")
        await pilot.press("x", "enter")
        await until(pilot, lambda: not elsewhere.exists())
        await pilot.press("f", "f", "f", "f")  # the trash
        await until(pilot, lambda: screen.loaded and any(key.endswith("/prullenbak/klant.json") for key in screen.rows))
        select(screen, "klant.json")
        await pilot.press("h")
        await until(pilot, elsewhere.exists)


async def test_a_proposal_open_elsewhere_is_not_deleted_and_the_user_is_told(settings, folder):
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        with ProposalFile(folder / "client-1.json"):
            select(screen, "client-1.json")
            await pilot.press("x", "enter")
            await until(pilot, lambda: any("al geopend" in n.message for n in pilot.app._notifications))
            assert (folder / "client-1.json").exists()


async def test_a_file_changed_by_another_process_shows_on_reload(settings, folder):
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        other = read_proposal(folder / "client-0.json")
        other.name = "Gewijzigd Elders"
        write_proposal(folder / "client-0.json", other)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: "Gewijzigd Elders" in names_shown(screen))


async def test_a_corrupt_index_is_rebuilt_and_the_screen_opens(settings, folder):
    (folder / ".wse-status.json").write_text("{kapot", encoding="utf-8")
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        assert len(names_shown(screen)) == COUNT


async def test_copy_an_answer_from_another_proposal_in_the_app(settings, folder):
    target = read_proposal(folder / "client-1.json")
    del target.answers["D2d"]
    write_proposal(folder / "client-1.json", target)
    source_text = read_proposal(folder / "client-0.json").answer_text("D2d")
    async with WseApp(proposal_path=folder / "client-1.json", settings=settings).run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = pilot.app.screen
        screen.goto("D2d")
        await pilot.pause()
        screen.action_copy_answer()
        await on_top(pilot, ChoiceDialog)
        dialog = pilot.app.screen
        assert str((folder / "client-1.json").resolve()) not in [str(p) for _, p in dialog.options]  # not itself
        dialog.query_one("#choice", Select).value = str((folder / "client-0.json").resolve())
        await pilot.click("#ok")
        await until(pilot, lambda: screen.editor.text == source_text)
        on_disk = read_proposal(folder / "client-1.json").answers["D2d"]
        assert on_disk.text == source_text and on_disk.copied_from.file == "client-0.json"
        await until(pilot, lambda: any("nog niet aangepast" in f.message for f in screen.reviews["D2d"].findings))

        screen.action_copy_answer()  # now the answer has text: replacing it asks first
        await on_top(pilot, ChoiceDialog)
        pilot.app.screen.query_one("#choice", Select).value = str((folder / "client-2.json").resolve())
        await pilot.click("#ok")
        await on_top(pilot, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.editor.text == source_text


async def test_no_lock_file_is_left_beside_the_proposal_after_the_app_closes(settings, folder):
    path = folder / "client-0.json"
    async with WseApp(proposal_path=path, settings=settings).run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert lock_path(path).exists()  # held while open
        await pilot.press("ctrl+q")
    assert not lock_path(path).exists()
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".lock")]


async def test_a_proposal_saved_or_added_by_another_process_appears_without_a_key(settings, folder):
    code = (
        "import sys; from pathlib import Path; from assistant.draft.store import read_proposal, write_proposal; "
        "p = read_proposal(sys.argv[1]); p.name = 'Elders Bewaard'; write_proposal(sys.argv[1], p); "
        "p.name = 'Elders Nieuw'; write_proposal(Path(sys.argv[1]).with_name('nieuw.json'), p)"
    )
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        done = subprocess.run([sys.executable, "-c", code, str(folder / "client-2.json")], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        await until(pilot, lambda: {"Elders Bewaard", "Elders Nieuw"} <= set(names_shown(screen)))
        assert len(names_shown(screen)) == COUNT + 1


async def test_the_list_has_the_focus_so_enter_opens_the_proposal_under_the_cursor(settings, folder):
    async with WseApp(settings=settings).run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await until(pilot, lambda: isinstance(pilot.app.focused, DataTable))
        await pilot.press("down")
        wanted = screen.selected()
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.session is not None)
        assert pilot.app.session.path == wanted

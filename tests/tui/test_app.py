"""The app driven through Pilot: the path a first-time user takes, and what must never go wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Checkbox, Input, Select, TextArea

from assistant.draft.store import ProposalFile, read_proposal, write_proposal
from assistant.tui.app import WseApp
from assistant.tui.screens.addendum import AddendumScreen
from assistant.tui.screens.dialogs import FileDialog, NameDialog, NewProposalDialog
from assistant.tui.screens.export import ExportScreen
from assistant.tui.screens.help import HelpScreen
from assistant.tui.screens.interview import InterviewScreen
from assistant.tui.screens.settings import SettingsScreen
from assistant.tui.screens.start import StartScreen
from assistant.tui.screens.versions import VersionsScreen
from tests.tui.conftest import make_proposal, on_top, settled, until

pytestmark = pytest.mark.anyio

SIZE = (100, 32)


def refuse_saving(monkeypatch) -> None:
    """From here on the proposal file cannot be written (a full disk, say)."""
    from assistant.errors import ProposalFileError

    def refuse(self):
        raise ProposalFileError("schijf vol")

    monkeypatch.setattr(ProposalFile, "save", refuse)


def export_error(app) -> str:
    """The export dialog's error line; empty while it has none (or once the dialog is gone)."""
    errors = app.screen.query("#error")
    return str(errors.first().render()).strip() if errors else ""


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    await pilot.press(*text)


async def test_a_new_proposal_is_created_filled_and_saved_without_any_save_key(settings, call):
    app = WseApp(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await pilot.press(*"Vzw De Brug", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        # A new proposal starts at its details, with the cursor in the first field.
        assert screen.current == "B.organisatie" and isinstance(app.focused, Input)
        await pilot.press(*"Vzw De Brug")
        await type_into(pilot, "#f-B-contact-functie", "Coördinator")
        screen.query_one("#f-B-rechtsvorm", Select).value = "andere"
        await pilot.pause()
        await type_into(pilot, "#f-B-rechtsvorm-other", "coöperatie")
        screen.query_one("#f-C-engagement", Checkbox).value = True
        await pilot.pause()
        for question in call.questions:
            screen.goto(question.id)
            await pilot.pause()
            assert isinstance(app.focused, TextArea)
            await pilot.press(*f"Antwoord op {question.number}.")
        await until(pilot, lambda: not app.session.dirty)  # a pause in typing: autosave, no key needed
        on_disk = read_proposal(app.session.path)
        assert on_disk.fields["B.organisatie"] == "Vzw De Brug"
        assert on_disk.fields["B.contact.functie"] == "Coördinator"
        assert on_disk.fields["B.rechtsvorm"] == "andere: coöperatie"
        assert on_disk.fields["C.engagement"] == "ja"
        assert {q.id: on_disk.answer_text(q.id) for q in call.questions} == {
            q.id: f"Antwoord op {q.number}." for q in call.questions
        }
        assert on_disk.last_question == call.questions[-1].id


async def test_reopening_returns_to_the_last_question_with_its_text(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.current == "D1b"
        assert screen.editor.text.startswith("Sinds 2012")
        assert app.focused is screen.editor


async def test_text_typed_just_before_quitting_is_saved(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.editor.move_cursor(app.screen.editor.document.end)
        await pilot.press(*" Slot.", "ctrl+q")
        await pilot.pause()
    assert read_proposal(proposal_path).answer_text("D1b").endswith("complexe problematiek. Slot.")


async def test_text_is_saved_when_the_app_ends_without_ctrl_q(settings, proposal_path, monkeypatch):
    """A closed terminal, a crash or a test's end: whatever is typed reaches the file, autosave or not."""
    from assistant.tui import session

    monkeypatch.setattr(session, "PAUSE", 600)  # no autosave in this test
    monkeypatch.setattr(session, "MAX_UNSAVED", 600)
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.editor.move_cursor(app.screen.editor.document.end)
        await pilot.press(*" Getypt.")
        app.screen.editor.insert(" Net voor het einde.")  # its Changed message may never be handled
    assert read_proposal(proposal_path).answer_text("D1b").endswith("problematiek. Getypt. Net voor het einde.")


async def test_text_that_cannot_be_saved_at_the_end_is_kept_in_a_copy(settings, proposal_path, monkeypatch):
    from assistant import locations
    from assistant.tui import session

    monkeypatch.setattr(session, "PAUSE", 600)
    monkeypatch.setattr(session, "MAX_UNSAVED", 600)
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.editor.move_cursor(app.screen.editor.document.end)
        await pilot.press(*" Gered.")
        refuse_saving(monkeypatch)
    copies = list((locations.data_dir() / "gered").glob("de-brug-*.json"))
    assert len(copies) == 1
    assert read_proposal(copies[0]).answer_text("D1b").endswith("problematiek. Gered.")
    assert not read_proposal(proposal_path).answer_text("D1b").endswith("Gered.")


async def test_a_crash_when_the_file_cannot_be_written_says_where_the_copy_is_in_its_one_message(
    settings, proposal_path, monkeypatch
):
    from assistant import locations
    from assistant.tui import session

    # No autosave: on a slow machine it could save the typing before the file refuses, and nothing would be left to rescue.
    monkeypatch.setattr(session, "PAUSE", 600)
    monkeypatch.setattr(session, "MAX_UNSAVED", 600)

    class Kept(list):
        def clear(self) -> None:  # Textual empties the list once it has printed it: keep it to read
            pass

    app = WseApp(proposal_path=proposal_path, settings=settings)
    app._exit_renderables = Kept()
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.editor.move_cursor(app.screen.editor.document.end)
            await pilot.press(*" Bij de crash.")
            refuse_saving(monkeypatch)
            app.call_later(lambda: 1 / 0)  # an unexpected error in the app
            await pilot.pause()
    (message,) = [str(r) for r in app._exit_renderables]  # Textual prints only the first
    copies = list((locations.data_dir() / "gered").glob("de-brug-*.json"))
    assert "onverwachte fout" in message and "Uw tekst is bewaard" not in message and str(copies[0]) in message
    assert read_proposal(copies[0]).answer_text("D1b").endswith("problematiek. Bij de crash.")


async def test_keys_before_the_side_panels_are_up_reach_the_editor_and_are_saved(settings, proposal_path, monkeypatch):
    """The first frame is the question and its editor; a key for a panel brings the panels at once."""
    from assistant.tui.screens import interview

    monkeypatch.setattr(interview, "PANELS_AFTER", 60)  # not by the timer in this test
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.panels_ready and not screen.query("#findings-panel")
        assert app.focused is screen.editor
        screen.editor.move_cursor(screen.editor.document.end)
        await pilot.press("escape", *" Eerst.", "f4", "f3")
        assert not screen.panels_ready and screen.current == "D1b"
        assert app.session.proposal.answer_text("D1b").endswith("problematiek. Eerst.")
        await pilot.press("f5")
        assert screen.panels_ready
        assert "AI staat uit" in str(screen.query_one("#llm-status").render())  # F5 was not lost
        await pilot.pause(interview.AFTER_FIRST_PAINT + 0.1)  # the first review
        await pilot.pause()
        assert str(screen.query_one("#findings-panel #review-summary").render())
        assert screen.query_one("Footer").query("FooterKey")  # the footer got the bindings
    assert read_proposal(proposal_path).answer_text("D1b").endswith("problematiek. Eerst.")


async def test_a_key_for_a_panel_while_the_panels_are_being_mounted_waits_for_them(settings, proposal_path, monkeypatch):
    """F5 pressed while the timer's mount of the panels is under way (a busy machine) is not dropped."""
    import asyncio

    from assistant.tui.screens import interview

    monkeypatch.setattr(interview, "PANELS_AFTER", 60)  # the mount below stands in for the timer's
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        mounting = asyncio.ensure_future(screen.mount_panels())
        await asyncio.sleep(0)  # the mount has begun: the navigator is in the tree, the panels are not up
        assert screen.query("#navigator") and not screen.panels_ready
        await pilot.press("f5")
        await mounting
        assert screen.panels_ready
        assert "AI staat uit" in str(screen.query_one("#llm-status").render())  # F5 was not dropped


async def test_a_proposal_open_elsewhere_opens_read_only_with_a_notice(settings, proposal_path):
    with ProposalFile(proposal_path):
        app = WseApp(proposal_path=proposal_path, settings=settings)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.session.read_only
            assert app.screen.editor.read_only
            assert any("alleen-lezen" in n.message for n in app._notifications)
            await pilot.press(*"xyz")
            await pilot.press("ctrl+q")
    assert "xyz" not in read_proposal(proposal_path).answer_text("D1b")


async def test_back_on_the_start_screen_the_header_no_longer_names_the_proposal(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.sub_title.startswith("Vzw De Brug")
        await pilot.press("f10")
        await on_top(pilot, StartScreen)
        assert app.sub_title == ""  # the header shows the plain app title


async def test_a_file_that_is_not_a_proposal_gives_a_dutch_message_and_the_start_screen(settings, tmp_path):
    broken = tmp_path / "kapot.json"
    broken.write_text("{kapot", encoding="utf-8")
    app = WseApp(proposal_path=broken, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert any("beschadigd" in n.message for n in app._notifications)
    assert broken.read_text(encoding="utf-8") == "{kapot"


async def test_markdown_is_imported_into_a_new_proposal(settings, tmp_path, call):
    source = tmp_path / "concept.md"
    source.write_text("# D. Projectvoorstel\n## 1c\nWe hebben een kantoor in Assenede.\n", encoding="utf-8")
    app = WseApp(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await on_top(pilot, FileDialog)
        await type_into(pilot, "#path", str(source))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.session.path.suffix == ".json" and app.session.path != source
        assert app.session.proposal.answer_text("D1c") == "We hebben een kantoor in Assenede."


async def test_next_and_previous_walk_the_form_in_order(settings, proposal_path, call):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("f4")
        assert screen.current == "D1c"
        await pilot.press("f3", "f3", "f3")
        assert screen.current == "C.engagement"
        screen.goto(call.questions[-1].id)
        await pilot.press("f4")  # the last stays the last
        assert screen.current == call.questions[-1].id


async def test_next_goes_on_from_the_field_the_focus_reached_with_tab(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.goto("B.organisatie")
        await pilot.pause()
        for _ in range(20):  # Tab through section B to the engagement of section C
            if app.focused is not None and app.focused.id == "f-C-engagement":
                break
            await pilot.press("tab")
        assert app.focused.id == "f-C-engagement"
        assert screen.current == "C.engagement" and app.session.proposal.last_question == "C.engagement"
        await pilot.press("f4")
        assert screen.current == "D1a" and app.focused is screen.editor
        screen.goto("B.contact.functie")
        await pilot.pause()
        await pilot.press("shift+tab")  # back to the contact's name
        await pilot.press("f3")
        assert screen.current == "B.ondernemingsnummer"


async def test_ctrl_home_and_end_move_through_the_answer_and_the_cursor_is_kept_per_answer(settings, tmp_path, call):
    path = tmp_path / "lang.json"
    proposal = make_proposal(call, {"D1a": "Eerste alinea.\n\n" + "Midden. " * 400 + "\n\nLaatste zin.", "D1b": "Kort."})
    proposal.last_question = "D1a"
    write_proposal(path, proposal)
    app = WseApp(proposal_path=path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen, editor = app.screen, app.screen.editor
        end = editor.document.end
        assert editor.cursor_location == end  # opened at the end of the answer, where writing goes on
        await pilot.press("ctrl+home")
        assert editor.cursor_location == (0, 0) and editor.scroll_offset.y == 0
        await pilot.press("ctrl+end")
        assert editor.cursor_location == end
        await pilot.press("ctrl+shift+home")
        assert editor.selected_text == editor.text
        editor.move_cursor((2, 7))
        await pilot.press("f4")
        assert screen.current == "D1b" and editor.cursor_location == editor.document.end
        await pilot.press("f3")
        assert screen.current == "D1a" and editor.cursor_location == (2, 7)


async def test_versions_are_saved_and_compared_per_question(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await on_top(pilot, NameDialog)
        await pilot.press(*"eerste", "enter")
        await pilot.pause()
        app.screen.editor.move_cursor(app.screen.editor.document.end)
        await pilot.press(*" Nieuw.")
        await pilot.press("f6")
        await on_top(pilot, VersionsScreen)
        app.screen.compare()
        diff = str(app.screen.query_one("#diff").render())
        assert "Vraag 1b" in diff and "Nieuw." in diff and "Vraag 1a" not in diff
    assert [v.name for v in read_proposal(proposal_path).versions] == ["eerste"]


async def test_export_to_markdown_writes_a_file_that_imports_back(settings, proposal_path, tmp_path, call):
    from assistant.draft.markdown import from_markdown

    target = tmp_path / "uit" / "voorstel.md"
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await on_top(pilot, ExportScreen)
        await type_into(pilot, "#path", "")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        # As `export -o`: a folder that does not exist is a typing error to show, not a folder to make.
        await until(pilot, lambda: bool(export_error(app)))
        assert not isinstance(app.screen, InterviewScreen) and not target.parent.exists()
        target.parent.mkdir()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen))
    imported = from_markdown(target.read_text(encoding="utf-8"), call)
    assert imported.answers["D1b"].startswith("Sinds 2012") and imported.fields["B.organisatie"] == "Vzw De Brug"


async def test_an_export_to_an_unknown_format_is_refused_with_the_reason(settings, proposal_path, tmp_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await on_top(pilot, ExportScreen)
        await type_into(pilot, "#path", "")
        app.screen.query_one("#path", Input).value = str(tmp_path / "voorstel.odt")
        await pilot.press("enter")
        await until(pilot, lambda: "Onbekend formaat '.odt'" in str(app.screen.query_one("#error").render()))
    assert not (tmp_path / "voorstel.odt").exists()


async def test_settings_are_saved_with_the_key_never_shown(settings, proposal_path, isolated_home):
    from assistant import locations
    from assistant.config import load_settings

    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await on_top(pilot, SettingsScreen)
        screen = app.screen
        screen.query_one("#base-url", Input).value = "http://127.0.0.1:9/v1"
        screen.query_one("#model", Input).value = "gemma3"
        screen.query_one("#api-key", Input).value = "sk-geheim"
        assert screen.query_one("#api-key", Input).password
        screen.save()
        await pilot.pause()
        await pilot.press("f9")
        await on_top(pilot, SettingsScreen)
        assert app.screen.query_one("#api-key", Input).value == ""  # the stored key is not put back on screen
    saved = load_settings()
    assert saved.llm.base_url == "http://127.0.0.1:9/v1" and saved.llm.api_key.get_secret_value() == "sk-geheim"
    assert locations.config_file().stat().st_mode & 0o077 == 0


async def test_english_can_be_chosen_and_relabels_the_screens(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await on_top(pilot, SettingsScreen)
        app.screen.query_one("#language", Select).value = "en"
        app.screen.save()
        await settled(pilot)  # the rebuilt interview mounts its panels just after its first paint
        assert isinstance(app.screen, InterviewScreen) and app.screen.current == "D1b"
        assert "Findings" in str(app.screen.query_one("#findings-panel .heading").render())


async def test_help_lists_every_key_of_the_interview(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await on_top(pilot, HelpScreen)
        assert isinstance(app.screen, HelpScreen)
        sections = app.screen.sections
        listed = {meaning for _, rows in sections for _, meaning in rows}
        for binding in [*InterviewScreen.BINDINGS, *WseApp.BINDINGS]:
            assert binding.description in listed
        assert sections[0] == ("Interview", sections[0][1]) and ("F3 / Alt+↑", "Vorige") in sections[0][1]


async def test_every_action_is_in_the_command_palette(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        callbacks = {getattr(c.callback, "__name__", "") for c in app.get_system_commands(app.screen)}
        for binding in InterviewScreen.BINDINGS:
            assert f"action_{binding.action}" in callbacks, binding.action
        assert "Ga naar vraag 2d" in titles and "Ga naar Ondernemingsnummer" in titles


def footer_keys(app) -> set[str]:
    """What the footer shows: the keys marked to be shown, and the palette's key on the right."""
    shown = app.screen.active_bindings.values()
    return {a.binding.description for a in shown if a.binding.show or a.binding.action == "command_palette"}


ENGLISH = {"Theme", "Quit", "Keys", "Maximize", "Minimize", "Screenshot", "palette", "Dismiss menu", "Search for"}


async def test_the_command_palette_and_the_keys_in_the_footer_are_dutch(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        commands = list(app.get_system_commands(app.screen))
        assert not {c.title for c in commands} & ENGLISH
        assert {"Thema", "Afsluiten", "Schermafdruk", "Maximaliseren"} <= {c.title for c in commands}
        assert "opdrachten" in footer_keys(app) and not footer_keys(app) & ENGLISH
        await pilot.press("ctrl+p")
        await on_top(pilot, CommandPalette)
        assert app.screen.query_one("CommandInput", Input).placeholder == "Zoek een opdracht…"
        await pilot.press("escape")
        app.screen.goto("B.rechtsvorm")
        await pilot.pause()
        await pilot.press("enter")  # the list of legal forms opens; Esc closes it
        await pilot.pause()
        assert "Menu sluiten" in footer_keys(app) and not footer_keys(app) & ENGLISH


async def test_settings_open_with_a_field_focused(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await on_top(pilot, SettingsScreen)
        assert app.focused is app.screen.query_one("#language")


async def addendum_file_dialog(pilot) -> None:
    """F7, then "Toevoegen…": the file dialog of the lokaal addendum."""
    await pilot.press("f7")
    await on_top(pilot, AddendumScreen)
    pilot.app.screen.query_one("#attach").press()
    await on_top(pilot, FileDialog)


async def test_the_import_and_addendum_paths_suggest_no_proposal_file(settings, proposal_path):
    app = WseApp(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await on_top(pilot, FileDialog)
        assert not app.screen.query_one("#path", Input).placeholder.endswith(".json")
        assert app.screen.suffixes >= {".md", ".markdown", ".txt", ".docx"}
        await pilot.press("o")  # typed into the path: it has the focus
        await pilot.press("escape")
        await pilot.pause()
        app.open_proposal(proposal_path)
        await pilot.pause()
        await addendum_file_dialog(pilot)
        assert not app.screen.query_one("#path", Input).placeholder.endswith(".json")
        assert app.screen.suffixes >= {".md", ".markdown", ".txt", ".docx", ".pdf"}  # every file an addendum can be


@pytest.mark.parametrize("key", ["o", "i"])
async def test_a_file_that_cannot_be_opened_is_said_in_the_dialog_which_keeps_the_path(settings, tmp_path, key):
    missing = tmp_path / ("weg.json" if key == "o" else "weg.docx")
    app = WseApp(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await on_top(pilot, FileDialog)
        await type_into(pilot, "#path", str(missing))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FileDialog) and app.screen.query_one("#path", Input).value == str(missing)
        assert "bestaat niet" in str(app.screen.query_one("#error").render())


async def test_at_80_by_24_the_navigator_folds_away_and_f2_brings_it_back(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)  # the navigator is mounted (folded away) just after the first paint
        screen = app.screen
        assert not screen.navigator.display or screen.navigator.region.width == 0
        await pilot.press("f2")
        await pilot.pause()
        assert screen.navigator.region.width > 0 and app.focused is screen.navigator
        await pilot.press("down", "enter")  # pick an entry: jumps there and folds away again
        await pilot.pause()
        assert screen.navigator.region.width == 0
        assert screen.editor.region.width >= 40


async def test_at_80_by_24_the_navigator_lies_over_the_form_and_the_editor_keeps_its_width(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        screen = app.screen
        editor = screen.editor.region
        await pilot.press("f2")
        await pilot.pause()
        assert screen.navigator.region.width >= 30 and app.focused is screen.navigator
        assert screen.editor.region == editor  # lies under the navigator, neither moved nor narrowed


async def test_at_80_by_24_ctrl_t_shows_the_whole_question_and_its_sub_parts(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        screen = app.screen
        for question in ("D1a", "D2d"):
            screen.goto(question)
            await pilot.pause()
            text_box = screen.query_one("#q-text-box")
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert not screen.editor.display and app.focused is text_box
            assert text_box.max_scroll_y == 0, f"{question}: the question text is still cut"
            assert app.screen.region.contains_region(screen.query_one("#q-checklist").region)  # every sub-part
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert screen.editor.display and app.focused is screen.editor


async def test_at_100_by_32_the_header_of_2d_shows_all_its_items(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        app.screen.goto("D2d")
        await pilot.pause()
        assert app.screen.query_one("#q-text-box").max_scroll_y == 0  # i–iv all in sight


STRONG = Path(__file__).parents[1] / "fixtures" / "proposals" / "sterk.md"
D2D_WITHOUT_CRUCIAAL = (
    "Het belang van de klant staat voorop, los van ons eigen organisatiebelang: in 2023 gaven we een traject "
    "door aan het CAW omdat dat beter paste. Elke partner is gelijkwaardig, klein en groot, en heeft evenveel "
    "stem. We communiceren open en transparant: we delen cijfers en wachtlijsten maandelijks met alle partners. "
    # Since the refit of 4 Dec 2026 "in de stuurgroep, bij consensus" alone no longer answers iv (bench/notes.md).
    "Beslissingen nemen we gezamenlijk in de maandelijkse stuurgroep, bij consensus; lukt dat niet, dan beslist de "
    "meerderheid."
)
D2D_FIX = (
    "\n\nCruciaal is voor ons dat elke partner zijn afspraken nakomt: we verwachten dat iedereen maandelijks "
    "zijn cijfers deelt in de stuurgroep."
)
GOOD_FIELDS = {
    "#f-B-organisatie": "Werkbrug Meetjesland vzw",
    "#f-B-ondernemingsnummer": "0664812363",
    "#f-B-contact-naam": "De Smet Lotte",
    "#f-B-contact-functie": "directeur",
    "#f-B-contact-email": "lotte.desmet@werkbrug-meetjesland.be",
    "#f-B-contact-telefoon": "09 378 41 20",
}


async def test_the_whole_path_from_nothing_to_a_checked_document(settings, call, tmp_path):
    from assistant.cli import main as cli
    from assistant.draft.markdown import from_markdown

    strong = from_markdown(STRONG.read_text(encoding="utf-8"), call).answers
    app = WseApp(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await on_top(pilot, NewProposalDialog)
        await pilot.press(*"Werkbrug", "enter")
        await on_top(pilot, InterviewScreen)
        screen = app.screen
        # Sections B and C, typed as a user would; the enterprise number is put in its normal form.
        for selector, value in GOOD_FIELDS.items():
            await type_into(pilot, selector, value)
        screen.query_one("#f-B-rechtsvorm", Select).value = "vzw"
        screen.query_one("#f-C-engagement", Checkbox).value = True
        await type_into(pilot, "#f-B-organisatie", "")  # leaving the number field normalises it
        await pilot.pause()
        assert screen.query_one("#f-B-ondernemingsnummer", Input).value == "0664.812.363"
        assert all(check.ok for check in screen.checks.values()), screen.checks
        # Section D: every question answered (pasted, as from a draft), the last one typed.
        for question in call.questions[:-1]:
            screen.goto(question.id)
            screen.editor.insert(strong[question.id])
        await pilot.press("f4")
        assert screen.current == "D2d"
        screen.editor.insert(D2D_WITHOUT_CRUCIAAL)
        await pilot.pause(0.5)  # the offline review runs after a pause in typing
        assert screen.reviews["D2d"].missing_parts == ["cruciaal"]
        assert "☐ Wat cruciaal is" in str(screen.query_one("#q-checklist").render())
        assert "Wat cruciaal is" in str(screen.query_one("#findings").render())
        # Fix the finding: the sub-part ticks itself and the finding goes.
        screen.editor.move_cursor(screen.editor.document.end)
        screen.editor.insert(D2D_FIX)
        await pilot.pause(0.5)
        assert screen.reviews["D2d"].missing_parts == []
        assert "☑ Wat cruciaal is" in str(screen.query_one("#q-checklist").render())
        assert "Wat cruciaal is" not in str(screen.query_one("#findings").render())
        assert all(screen.reviews[q.id].level in ("sterk", "voldoende") for q in call.questions[:-1])
        # Export to Word, after the page proof and the (empty) list of blocking problems.
        await pilot.press("f8")
        await on_top(pilot, ExportScreen)
        assert "Geen blokkerende problemen" in str(app.screen.query_one("#preflight").render())
        target = tmp_path / "kandidatuur.docx"
        await type_into(pilot, "#path", "")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen) or bool(export_error(app)))
        assert isinstance(app.screen, InterviewScreen), export_error(app)
        saved = app.session.path
    assert cli(["check", str(saved)]) == 0
    assert cli(["check", str(target)]) == 0  # the .docx itself, read back by the Word import
    assert target.stat().st_mode & 0o044 == 0o044  # readable by others, like any document handed on
    assert from_markdown(STRONG.read_text(encoding="utf-8"), call).answers["D1a"][:80] in _docx_text(target)


def _docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


BAD_INPUT = [
    ("#f-B-ondernemingsnummer", "0123.456.789", "controlegetal klopt niet"),
    ("#f-B-ondernemingsnummer", "0123.45A.749", "enkel cijfers"),
    ("#f-B-ondernemingsnummer", "123456", "10 cijfers"),
    ("#f-B-contact-email", "an@debrug", "het domein"),
    ("#f-B-contact-email", "an peeters@debrug.be", "Geen geldig e-mailadres"),
    ("#f-B-contact-telefoon", "12345", "Geen geldig telefoonnummer"),
]


@pytest.mark.parametrize(("selector", "value", "message"), BAD_INPUT)
async def test_bad_input_is_called_out_as_it_is_typed(settings, proposal_path, selector, value, message):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.goto("B.organisatie")
        await pilot.pause()
        field = screen.query_one(selector, Input)
        field.value = ""
        await type_into(pilot, selector, value)
        await pilot.pause()
        shown = str(screen.query_one(f"#msg-{selector[1:]}").render())
        assert message.lower() in shown.lower()
        assert screen.query_one(f"#box-{selector[1:]}").has_class("invalid")
        # The navigator and the side panel say it too, and the value is kept as typed (never lost).
        assert message.lower() in str(screen.query_one("#findings").render()).lower()
        await pilot.pause(0.8)
    field_id = selector[3:].replace("-", ".").replace("contact.", "contact.")
    assert read_proposal(proposal_path).fields[field_id] == value


async def test_empty_required_fields_a_bare_other_and_an_unconfirmed_engagement_are_called_out(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.goto("B.organisatie")
        await pilot.pause()
        for selector in ("#f-B-organisatie", "#f-B-contact-naam", "#f-B-contact-functie"):
            screen.query_one(selector, Input).value = ""
        screen.query_one("#f-B-rechtsvorm", Select).value = "andere"
        screen.query_one("#f-C-engagement", Checkbox).value = False
        await pilot.pause()
        messages = {fid: (c.ok, c.message or "") for fid, c in screen.checks.items()}
        assert "verplicht" in messages["B.organisatie"][1]
        assert "verplicht" in messages["B.contact.naam"][1] and "verplicht" in messages["B.contact.functie"][1]
        assert "andere:" in messages["B.rechtsvorm"][1]
        assert "Bevestig" in messages["C.engagement"][1]
        assert screen.query_one("#f-B-rechtsvorm-other", Input).display
        await type_into(pilot, "#f-B-rechtsvorm-other", "ziekenfonds")
        await pilot.pause()
        assert screen.checks["B.rechtsvorm"].ok and app.session.proposal.fields["B.rechtsvorm"] == "andere: ziekenfonds"


async def test_with_the_llm_off_f5_says_so_and_the_offline_review_stays(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        offline = str(app.screen.query_one("#findings").render())
        await pilot.press("f5")
        await pilot.pause()
        assert "AI staat uit" in str(app.screen.query_one("#llm-status").render())
        assert str(app.screen.query_one("#findings").render()) == offline and offline


async def test_a_dead_llm_server_gives_one_dutch_message_and_the_offline_review_stays(settings, proposal_path):
    # A closed port on loopback: connection refused, as with a local server that is not running.
    llm = {"enabled": True, "base_url": "http://127.0.0.1:9/v1", "model": "gemma3", "max_retries": 0, "timeout_s": 5}
    dead = settings.model_copy(update={"llm": settings.llm.model_validate(llm)})
    app = WseApp(proposal_path=proposal_path, settings=dead)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        screen.editor.move_cursor(screen.editor.document.end)
        offline = str(screen.query_one("#findings").render())
        await pilot.press("f5", *" verder")  # typing goes on while the worker runs
        await until(pilot, lambda: "127.0.0.1:9" in str(screen.query_one("#llm-status").render()))
        status = str(screen.query_one("#llm-status").render())
        assert "127.0.0.1:9" in status and "offline" in status and "Traceback" not in status
        assert screen.editor.text.endswith(" verder")
        assert str(screen.query_one("#findings").render()) == offline  # the offline review still shown
        assert not screen.query_one("#llm-busy").display


async def test_ai_review_follow_up_and_a_suggested_revision_applied_only_when_accepted(
    settings, proposal_path, monkeypatch
):

    from tests.review.fake_llm import FakeServer, completion, make_settings, review_reply

    revised = "Wij werken sinds 2015 in Eeklo en sinds 2021 ook in Kaprijke, met een zitdag in het Sociaal Huis."
    server = FakeServer(
        completion(review_reply(level="zwak", followups=["Sinds wanneer bent u in Kaprijke?"])),
        completion(json.dumps({"revised_answer": revised, "changes": ["Kaprijke toegevoegd"]})),
    )
    from assistant.tui import services

    monkeypatch.setattr(services, "open_llm_session", lambda settings: server.session(settings))
    app = WseApp(proposal_path=proposal_path, settings=make_settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.goto("D1c")
        screen.editor.insert("Wij werken sinds 2015 in Eeklo. Elke dinsdag houden we zitdag in het Sociaal Huis van Zelzate.")
        await pilot.press("f5")
        # The LLM's worker starts once the key is handled: wait for what it shows, not for the workers.
        await until(pilot, lambda: "AI: " in str(screen.query_one("#findings").render()))
        findings = str(screen.query_one("#findings").render())
        assert "AI: " in findings and "Noem de duur." in findings
        assert "Sinds wanneer bent u in Kaprijke?" in str(screen.query_one("#followup-question").render())
        await type_into(pilot, "#followup-reply", "Sinds 2021.")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.proposal.answers["D1c"].followups[0].reply == "Sinds 2021."
        screen.query_one("#revise").press()
        await until(pilot, lambda: screen.query_one("#suggestion-box").display)
        assert "Kaprijke" in str(screen.query_one("#suggestion-diff").render())
        assert "Kaprijke" not in app.session.proposal.answer_text("D1c")  # not applied before the decision
        screen.query_one("#accept").press()
        await pilot.pause()
        assert screen.editor.text == revised
        assert app.session.proposal.answers["D1c"].revisions[-1].origin == "suggestion"
        await pilot.press("ctrl+q")
    assert read_proposal(proposal_path).answer_text("D1c") == revised


async def test_a_word_file_is_imported_into_a_new_proposal(settings, tmp_path, call, proposal_path):
    from assistant.layout.document import write_docx

    source = tmp_path / "concept.docx"
    write_docx(read_proposal(proposal_path), call, source)
    app = WseApp(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await on_top(pilot, FileDialog)
        await type_into(pilot, "#path", str(source))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.session.proposal.answer_text("D1b").startswith("Sinds 2012")
        assert app.session.proposal.fields["B.organisatie"] == "Vzw De Brug"
        assert any("nieuw voorstel" in n.message for n in app._notifications)


async def test_the_addendum_is_attached_and_its_challenges_listed(settings, proposal_path):
    addendum = Path(__file__).parents[1] / "fixtures" / "addendum-oost-meetjesland.md"
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await on_top(pilot, AddendumScreen)
        assert "Nog geen addendum" in str(app.screen.query_one("#addendum-current").render())
        app.screen.query_one("#attach").press()
        await on_top(pilot, FileDialog)
        await type_into(pilot, "#path", str(addendum))
        await pilot.press("enter")
        await pilot.pause()
        assert addendum.name in str(app.screen.query_one("#addendum-current").render())
        coverage = str(app.screen.query_one("#coverage").render())
        assert "☐" in coverage and "(in geen enkel antwoord)" in coverage  # two short answers leave challenges open
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.proposal.addendum().filename == addendum.name
    assert read_proposal(proposal_path).addendum() is not None


async def test_an_addendum_without_recognised_challenges_says_so(settings, proposal_path, tmp_path):
    addendum = tmp_path / "addendum.txt"
    addendum.write_text("In onze regio wonen veel mensen die werk zoeken. " * 5, encoding="utf-8")
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await addendum_file_dialog(pilot)
        await type_into(pilot, "#path", str(addendum))
        await pilot.press("enter")
        await on_top(pilot, AddendumScreen)
        assert "Toegevoegd: addendum.txt · 45 woorden" in str(app.screen.query_one("#addendum-current").render())
        coverage = str(app.screen.query_one("#coverage").render())
        assert "geen uitdagingen herkend" in coverage  # nothing for the review to check the answers against


async def test_a_name_that_cannot_be_a_file_name_is_refused_inside_the_dialog_which_stays_open(settings):
    app = WseApp(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await on_top(pilot, StartScreen)
        await pilot.press("n")
        await on_top(pilot, NewProposalDialog)
        await pilot.press(*"!!!", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewProposalDialog)
        assert "kan geen bestandsnaam worden" in str(dialog.query_one("#error").render())
        assert dialog.query_one("#name", Input).value == "!!!" and app.focused is dialog.query_one("#name")
        assert not app._notifications
        await pilot.press("ctrl+a", *"Vzw De Brug", "enter")  # corrected in place: the proposal is made
        await on_top(pilot, InterviewScreen)


async def test_an_addendum_that_cannot_be_read_is_refused_inside_the_file_dialog_which_stays_open(
    settings, proposal_path, tmp_path
):
    missing = str(tmp_path / "geen-addendum.md")
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await addendum_file_dialog(pilot)
        await type_into(pilot, "#path", missing)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FileDialog)
        assert "bestaat niet" in str(dialog.query_one("#error").render())
        assert dialog.query_one("#path", Input).value == missing
        assert not app._notifications
        assert app.session.proposal.addendum() is None


async def test_the_page_count_by_libreoffice_runs_in_the_background(settings, proposal_path, monkeypatch):
    import threading

    from assistant.tui import services

    typed = threading.Event()  # LibreOffice starts once the typing is done: the test does not race it
    real_render = services.rendered_page_report

    def render_after_typing(*args, **kwargs):
        typed.wait(timeout=120)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(services, "rendered_page_report", render_after_typing)
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", *" en verder")
        assert "tellen" in str(app.screen.query_one("#page-meter").render())
        assert app.screen.editor.text.endswith(" en verder")  # typed (at the end) while the count runs
        typed.set()
        await until(pilot, lambda: "gerenderd" in str(app.screen.query_one("#page-meter").render()))
        assert "gerenderd: 0,7 van 10 p." in str(app.screen.query_one("#page-meter").render())  # one page, 0,7 used


async def test_an_export_over_ten_pages_is_refused_with_the_reason_unless_forced(settings, tmp_path, call):
    from assistant.draft.store import write_proposal
    from tests.tui.conftest import make_proposal

    paragraph = "Wij begeleiden elke deelnemer in Eeklo en Zelzate op maat, samen met het OCMW en de VDAB. " * 12
    path = tmp_path / "te-lang.json"
    write_proposal(path, make_proposal(call, {q.id: "\n\n".join([paragraph] * 9) for q in call.questions}))
    target = tmp_path / "te-lang.docx"
    app = WseApp(proposal_path=path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("f8")
        await on_top(pilot, ExportScreen)
        preflight = str(app.screen.query_one("#preflight").render())
        assert "Sectie D is te lang" in preflight and "pagina's te veel" in preflight and "−" not in preflight
        assert app.screen.query_one("#force").display
        await type_into(pilot, "#path", "")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: bool(export_error(app)))
        refusal = export_error(app)
        assert "te lang" in refusal and "pagina" in refusal and not target.exists()
        app.screen.query_one("#force", Checkbox).value = True
        app.screen.query_one("#write").press()
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen))
        assert target.exists()


async def test_the_export_dialog_can_put_the_findings_in_word_as_comments(settings, proposal_path, tmp_path):
    import docx

    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        for name, with_comments in (("jury.docx", False), ("klant.docx", True)):
            await pilot.press("f8")
            await on_top(pilot, ExportScreen)
            switch = app.screen.query_one("#comments", Checkbox)
            assert switch.display and not switch.value  # offered for Word, off by default
            switch.value = with_comments
            app.screen.query_one("#path", Input).value = str(tmp_path / name)
            app.screen.query_one("#write").press()
            await until(pilot, lambda: isinstance(app.screen, InterviewScreen))
    assert not docx.Document(str(tmp_path / "jury.docx")).comments
    comments = list(docx.Document(str(tmp_path / "klant.docx")).comments)
    assert comments and {c.author for c in comments} == {"wse-assistant"}


async def test_english_reaches_the_keys_the_findings_and_the_help(settings, proposal_path):
    """Key descriptions are translated when shown, not when the class is defined; the review is redone in English."""
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "Vorige" in {a.binding.description for a in app.screen.active_bindings.values()}
        await pilot.press("f9")
        await on_top(pilot, SettingsScreen)
        app.screen.query_one("#language", Select).value = "en"
        app.screen.save()
        await settled(pilot)
        shown = {a.binding.description for a in app.screen.active_bindings.values()}
        assert {"Overview", "Previous", "Next", "Help"} <= shown and not shown & {"Overzicht", "Vorige", "Hulp"}
        findings = str(app.screen.query_one("#findings").render())
        assert "Too short" in findings and "Te kort" not in findings
        await pilot.press("f1")
        await on_top(pilot, HelpScreen)
        listed = {meaning for _, rows in app.screen.sections for _, meaning in rows}
        assert {"Previous", "Help", "undo / redo"} <= listed and "Vorige" not in listed

"""The start list tells namesakes apart and lists proposals kept elsewhere; a pasted invisible character is said, not refused."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from assistant.cli import main
from assistant.tui.app import WseApp
from assistant.tui.screens.start import StartScreen
from tests.tui.conftest import settled, until

pytestmark = pytest.mark.anyio


async def test_namesakes_show_their_file_and_a_proposal_made_elsewhere_is_listed(settings, tmp_path, capsys):
    elsewhere = tmp_path / "gedeeld" / "kreekland.json"
    elsewhere.parent.mkdir()
    assert main(["new", "Werkwinkel Kreekland"]) == 0
    assert main(["new", "Werkwinkel Kreekland"]) == 0
    assert main(["new", "Werkwinkel Kreekland", "-o", str(elsewhere)]) == 0
    app = WseApp(settings=settings)
    async with app.run_test(size=(120, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.loaded)  # read in a worker
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert len(rows) == 3 and {row[0] for row in rows} == {"Werkwinkel Kreekland"}
        assert {row[-1] for row in rows} == {"werkwinkel-kreekland.json", "werkwinkel-kreekland-2.json", str(elsewhere)}


async def test_a_second_new_proposal_with_the_same_name_warns(settings):
    assert main(["new", "Vzw De Brug"]) == 0
    app = WseApp(settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.press(*"Vzw De Brug", "enter")
        await pilot.pause()
        assert app.session.path.name == "vzw-de-brug-2.json"
        warnings = [n.message for n in app._notifications if n.severity == "warning"]  # noqa: SLF001
        assert any("vzw-de-brug.json" in message for message in warnings)


async def test_a_first_new_proposal_is_no_namesake_of_itself(settings):
    app = WseApp(settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.press(*"Vzw Het Anker", "enter")
        await until(pilot, lambda: app.session is not None)
        await pilot.pause()
        assert app.session.path.name == "vzw-het-anker.json"
        assert not [n.message for n in app._notifications if n.severity == "warning"]  # noqa: SLF001


async def test_a_pasted_zero_width_space_is_removed_and_said_not_an_error(settings, proposal_path):
    from textual.widgets import Input

    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.goto("B.organisatie")
        await pilot.pause()
        screen.query_one("#f-B-ondernemingsnummer", Input).value = "0123.456.749\u200b"
        await pilot.pause()
        shown = str(screen.query_one("#msg-f-B-ondernemingsnummer").render())
        assert "Onzichtbare tekens" in shown and "letters" not in shown
        assert not screen.query_one("#box-f-B-ondernemingsnummer").has_class("invalid")


@pytest.mark.parametrize(("field_id", "top"), [("B.contact.naam", "Contactpersoon voor de organisatie"),
                                               ("B.ondernemingsnummer", "Ondernemingsnummer *")])
async def test_a_field_jumped_to_is_at_the_top_of_the_form_with_the_heading_it_starts_under(
    settings, proposal_path, field_id, top
):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        app.screen.goto(field_id)
        form = app.screen.fields_form()
        await until(pilot, lambda: form.scroll_y > 0)
        await settled(pilot)
        on_top = next(w for w in form.children if w.region.height and w.region.y >= form.content_region.y)
        shown = on_top.children[0] if on_top.children else on_top  # a field's box starts with its label
        assert str(shown.render()).startswith(top)


@pytest.mark.parametrize("size", [(120, 35), (80, 24)])
async def test_a_field_jumped_to_under_a_heading_taller_than_the_view_is_itself_in_view(settings, proposal_path, size):
    """C. Bevestigd comes after the engagement's long text: the checkbox, not the top of the text, is shown."""
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        app.screen.goto("B.contact.telefoon")
        await pilot.pause()
        await pilot.press("f4")
        form = app.screen.fields_form()
        await until(pilot, lambda: form.scroll_y > 0)
        await settled(pilot)
        focused = app.screen.focused
        assert focused is app.screen.query_one("#f-C-engagement")
        assert focused.region.height and form.scrollable_content_region.contains_region(focused.region)

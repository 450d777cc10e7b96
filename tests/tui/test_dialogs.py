"""Every dialog at 80×24 and up: its content scrolls, its buttons are always on screen, and Tab never moves
the focus to something out of sight."""

from __future__ import annotations

import pytest
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label

from assistant.draft.store import write_proposal
from assistant.tui.app import WseApp
from assistant.tui.screens.start import StartScreen
from tests.tui.conftest import make_proposal, settled, until

pytestmark = pytest.mark.anyio

SMALL = (80, 24)


def on_screen(widget: Widget) -> bool:
    """Wholly visible: inside the screen and inside every scrolling container around it."""
    region = widget.region
    if not region or not widget.screen.region.contains_region(region):
        return False
    return all(
        ancestor.content_region.contains_region(region)
        for ancestor in widget.ancestors
        if isinstance(ancestor, Widget) and ancestor.is_scrollable
    )


async def open_on_start(pilot, key: str) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, StartScreen))
    before = pilot.app.screen
    await pilot.press(key)
    # Not `until`: the file dialog's folder tree keeps a worker running, which it would wait for.
    for _ in range(1200):
        await pilot.pause(0.05)
        if pilot.app.screen is not before and laid_out(pilot.app.screen):
            return
    raise AssertionError(f"no dialog after {key}")


async def open_in_interview(pilot, key: str) -> None:
    await settled(pilot)
    await opened(pilot, key)


async def opened(pilot, key: str) -> None:
    """Press `key` and wait until the screen it opens is on top and laid out (its buttons have a size), and
    what it starts in a worker (the export's page proof) is done: on a busy machine one pause is too short."""
    before = pilot.app.screen
    await pilot.press(key)
    await until(pilot, lambda: pilot.app.screen is not before and laid_out(pilot.app.screen))


def laid_out(screen) -> bool:
    return all(button.region.width > 0 for button in screen.query(Button))


DIALOGS = [
    ("new", False, "n"),
    ("open", False, "o"),
    ("import", False, "i"),
    ("version name", True, "ctrl+s"),
    ("versions", True, "f6"),
    ("addendum", True, "f7"),
    ("export", True, "f8"),
    ("settings", True, "f9"),
]


@pytest.mark.parametrize(("name", "in_interview", "key"), DIALOGS, ids=[d[0] for d in DIALOGS])
async def test_at_80_by_24_the_buttons_are_on_screen_and_tab_only_reaches_what_is_visible(
    settings, proposal_path, name, in_interview, key
):
    app = WseApp(proposal_path=proposal_path if in_interview else None, settings=settings)
    async with app.run_test(size=SMALL) as pilot:
        await (open_in_interview if in_interview else open_on_start)(pilot, key)
        dialog = app.screen
        buttons = list(dialog.query(Button))
        assert buttons and all(on_screen(b) for b in buttons), [b.id for b in buttons if not on_screen(b)]
        seen = set()
        for _ in range(25):  # around the whole focus chain
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None and focused.screen is dialog
            assert on_screen(focused), f"{name}: Tab moved the focus out of sight, to {focused!r}"
            seen.add(focused.id)
        assert {b.id for b in buttons if not b.disabled} <= seen


OPENING = [(size, d) for d in DIALOGS for size in [SMALL]] + [
    (size, d) for d in DIALOGS if d[0] in ("export", "settings") for size in [(120, 35), (120, 50)]
]


@pytest.mark.parametrize(("size", "dialog"), OPENING, ids=[f"{d[0]}-{w}x{h}" for (w, h), d in OPENING])
async def test_a_dialog_opens_at_its_top_with_its_first_field_focused(settings, proposal_path, size, dialog):
    name, in_interview, key = dialog
    app = WseApp(proposal_path=proposal_path if in_interview else None, settings=settings)
    async with app.run_test(size=size) as pilot:
        await (open_in_interview if in_interview else open_on_start)(pilot, key)
        await pilot.pause(0.5)  # past any scroll animation
        screen = app.screen
        title, labels = screen.query_one(".dialog-title"), screen.query(Label)
        assert on_screen(title), f"{name}: the title is out of sight"
        assert not labels or on_screen(labels.first()), f"{name}: the first label is out of sight"
        first = next(w for w in screen.query(".dialog *") if w.focusable)
        assert app.focused is first


async def test_help_scrolls_at_80_by_24(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SMALL) as pilot:
        await open_in_interview(pilot, "f1")
        help_box = app.screen.query_one("#help")
        assert help_box.max_scroll_y > 0
        await pilot.press("end")  # or the mouse wheel: the box itself scrolls
        await until(pilot, lambda: help_box.scroll_y == help_box.max_scroll_y)  # the scroll is animated
        assert help_box.scroll_y == help_box.max_scroll_y


@pytest.mark.parametrize("size", [SMALL, (100, 32)])
async def test_an_export_over_ten_pages_shows_the_force_box_and_the_refusal(settings, tmp_path, call, size):
    paragraph = "Wij begeleiden elke deelnemer in Eeklo en Zelzate op maat, samen met het OCMW en de VDAB. " * 12
    path = tmp_path / "te-lang.json"
    write_proposal(path, make_proposal(call, {q.id: "\n\n".join([paragraph] * 9) for q in call.questions}))
    app = WseApp(proposal_path=path, settings=settings)
    async with app.run_test(size=size) as pilot:
        await open_in_interview(pilot, "f8")
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(tmp_path / "te-lang.docx")
        force = dialog.query_one("#force", Checkbox)
        assert force.display and on_screen(force)
        dialog.query_one("#write", Button).press()  # not forced: refused, and the reason shows
        await until(pilot, lambda: "te lang" in str(dialog.query_one("#error").render()))  # from the export worker
        refusal = dialog.query_one("#error")
        assert "te lang" in str(refusal.render()) and on_screen(refusal)
        assert on_screen(force) and on_screen(dialog.query_one("#write"))
        export = dialog.query_one("#export")
        assert export.max_scroll_y > 0 or size != SMALL  # the page report scrolls at 80×24

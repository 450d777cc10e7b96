"""Keys typed right after a key that moves the focus (no pause between) go to the field the focus moved to."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from assistant.tui.app import WseApp
from tests.tui.conftest import FIELDS, settled, typed_at_once, until

pytestmark = pytest.mark.anyio

EMAIL, PHONE = "#f-B-contact-email", "#f-B-contact-telefoon"


@pytest.mark.parametrize(
    ("start", "keys", "email", "phone"),
    [
        # A field reached by a key has its text selected (Textual's Input): typing replaces it.
        ("B.contact.email", ["end", "tab", *"ZZZ"], FIELDS["B.contact.email"], "ZZZ"),
        ("B.contact.email", ["end", "f4", *"ZZZ"], FIELDS["B.contact.email"], "ZZZ"),
        ("B.contact.telefoon", ["shift+tab", "ctrl+u", *"piet@debrug.be"], "piet@debrug.be", FIELDS["B.contact.telefoon"]),
        ("B.contact.telefoon", ["f3", "ctrl+u", *"piet@debrug.be"], "piet@debrug.be", FIELDS["B.contact.telefoon"]),
    ],
)
async def test_keys_typed_right_after_a_focus_move_land_in_the_field_moved_to(
    settings, proposal_path, start, keys, email, phone
):
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(120, 35)) as pilot:
        await settled(pilot)
        app.screen.goto(start)
        await pilot.pause()
        await typed_at_once(pilot, *keys)
        screen = app.screen
        assert (screen.query_one(EMAIL, Input).value, screen.query_one(PHONE, Input).value) == (email, phone)


async def test_keys_typed_right_after_f3_f4_go_to_the_editor_and_to_a_form_still_being_built(settings, proposal_path):
    app = WseApp(proposal_path=proposal_path, settings=settings)  # opens at D1b; the form is built at the first F3 to it
    async with app.run_test(size=(120, 35)) as pilot:
        await settled(pilot)
        for keys in (["f3", "X"], ["f3", "space"], ["f3", "ctrl+u", *"12"], ["f4", "f4", "Y"]):
            await typed_at_once(pilot, *keys)
        await until(pilot, lambda: app.screen.current == "D1a", seconds=10)
        proposal = app.session.proposal
        assert proposal.answer_text("D1a").endswith("op maat.XY")
        assert (proposal.fields.get("C.engagement"), proposal.fields.get("B.contact.telefoon")) == (None, "12")

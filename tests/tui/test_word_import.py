"""A hand-filled Word form opened in the app: what the reader moved to another question is said loudly."""

from __future__ import annotations

import pytest

from assistant.tui.app import WseApp
from assistant.tui.screens.interview import InterviewScreen
from tests.draft.test_hand_filled_forms import EDITED_2D, _part_two, _save
from tests.tui.test_app import SIZE, type_into
from tests.tui.test_word_changes_screen import shown

pytestmark = pytest.mark.anyio


async def test_a_question_moved_by_the_import_is_shown_until_read(settings, tmp_path, call):
    source = _save(_part_two(call, EDITED_2D), tmp_path / "anker.docx")
    app = WseApp(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await type_into(pilot, "#path", str(source))
        await pilot.press("enter")
        await shown(pilot, InterviewScreen)  # opened from the file dialog's callback: on a busy machine, later
        assert isinstance(app.screen, InterviewScreen)
        assert app.session.proposal.answer_text("D2d").startswith("Voor ons is vertrouwen cruciaal")
        loud = [n for n in app._notifications if n.message.startswith("Nakijken")]
        assert len(loud) == 1 and loud[0].severity == "error" and loud[0].timeout >= 60
        assert "de vraagtekst van 2d stond in het antwoord op 2c" in loud[0].message

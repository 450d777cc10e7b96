"""The app's review after a pause includes the findings across clients, from an index built off the main thread."""

import threading

import pytest

from assistant import locations
from assistant.draft.store import read_proposal, write_proposal
from assistant.review.crossclient import NAME, OVERLAP
from assistant.tui import services
from bench.portfolio import client, write_portfolio


def test_review_after_a_pause_names_another_client(call):
    folder = locations.proposals_dir()
    write_portfolio(folder, 3, call, words=160)
    mine = folder / "client-1.json"
    proposal = read_proposal(mine)
    copied = read_proposal(folder / "client-0.json").answer_text("D1b").split("\n\n")[0]
    proposal.set_answer("D1a", f"{copied}\n\nWe werken met {client(2).organisation}.")
    write_proposal(mine, proposal)
    pages = services.page_report(proposal, call)
    assert services.other_clients(mine) is None  # built only when asked, in a worker
    worker = threading.Thread(target=services.other_clients, args=(mine, True))
    worker.start()
    worker.join()
    review = services.review_question(proposal, call, "D1a", pages, mine)
    assert [(f.criterion, f.severity) for f in review.findings[:2]] == [(OVERLAP, "blokkerend"), (NAME, "blokkerend")]
    assert services.review_question(proposal, call, "D1b", pages, mine).findings == \
        services.review_question(proposal, call, "D1b", pages).findings  # a clean answer: nothing added


@pytest.mark.anyio
async def test_the_interview_shows_other_clients_names_at_once_and_after_typing(settings, proposal_path, call):
    from assistant.tui.app import WseApp
    from assistant.tui.screens.interview import REVIEW_PAUSE
    from tests.tui.conftest import settled

    write_portfolio(locations.proposals_dir(), 2, call, words=80)
    proposal = read_proposal(proposal_path)
    proposal.set_answer("D1a", proposal.answer_text("D1a") + f" Mail naar {client(1).email}.")
    write_proposal(proposal_path, proposal)
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert [f.quote for f in screen.reviews["D1a"].findings if f.criterion == NAME] == [client(1).email]
        assert not [f for f in screen.reviews["D1b"].findings if f.criterion == NAME]
        screen.editor.move_cursor(screen.editor.document.end)
        await pilot.press(*f" Met {client(0).contact}.")
        await pilot.pause(REVIEW_PAUSE + 0.2)
        assert [f.quote for f in screen.reviews["D1b"].findings if f.criterion == NAME] == [client(0).contact]

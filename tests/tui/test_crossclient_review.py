"""The app's review after a pause includes the findings across clients, from an index built off the main thread."""

import threading

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
    assert services.other_clients(mine) is None  # the main thread never builds the index
    worker = threading.Thread(target=services.other_clients, args=(mine,))
    worker.start()
    worker.join()
    review = services.review_question(proposal, call, "D1a", pages, mine)
    assert [(f.criterion, f.severity) for f in review.findings[:2]] == [(OVERLAP, "blokkerend"), (NAME, "blokkerend")]
    assert services.review_question(proposal, call, "D1b", pages, mine).findings == \
        services.review_question(proposal, call, "D1b", pages).findings  # a clean answer: nothing added

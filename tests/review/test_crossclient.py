"""Across clients: planted overlaps and names in a data folder of generated proposals, on real files."""

import json
import os

from assistant.cli import main
from assistant.draft.store import read_proposal, write_proposal
from assistant.review.crossclient import NAME, OVERLAP, OtherProposals
from assistant.review.crossindex import IndexedProposals
from bench.portfolio import client, formatted, proposal, write_portfolio

CLIENTS = 6
PORTFOLIO_WORDS = 240  # answers long enough to share whole paragraphs


def edit(path, change):
    proposal_ = read_proposal(path)
    change(proposal_)
    write_proposal(path, proposal_)
    return proposal_


def first_paragraph(path, question_id):
    return read_proposal(path).answer_text(question_id).split("\n\n")[0]


def findings(client_folder, path, call, criterion=None):
    proposal_ = read_proposal(path)
    found = OtherProposals(client_folder, exclude=path).findings(proposal_, call)
    # `check FILE` asks the index on disk (crossindex.py): it must find exactly the same.
    assert IndexedProposals(client_folder, path).findings(proposal_, call) == found
    return {q: [f for f in items if criterion in (None, f.criterion)] for q, items in found.items()}


def test_generated_clients_are_clean(client_folder, call):
    for number in range(CLIENTS):
        assert findings(client_folder, client_folder / f"client-{number}.json", call) == {}


def test_a_paragraph_of_another_client_in_the_same_call_blocks_and_names_it(client_folder, call):
    copied = first_paragraph(client_folder / "client-0.json", "D1b")
    changed = copied.replace(copied.split()[3], "anders", 1)  # lightly edited: still near-identical
    target = client_folder / "client-1.json"
    edit(target, lambda p: p.set_answer("D1a", p.answer_text("D1a") + "\n\n" + changed))
    found = findings(client_folder, target, call, OVERLAP)
    assert list(found) == ["D1a"]
    (finding,) = found["D1a"]
    assert finding.severity == "blokkerend"
    assert "client-0.json" in finding.message and "vraag 1b, alinea 1" in finding.message
    assert client(0).organisation in finding.message
    # The other way round the same pair is found: client 0's paragraph is in client 1's proposal.
    assert findings(client_folder, client_folder / "client-0.json", call, OVERLAP).keys() == {"D1b"}


def test_overlap_with_another_call_is_graded_by_how_alike(client_folder, call):
    other_call = client_folder / "client-2.json"
    edit(other_call, lambda p: setattr(p, "call_id", "een-andere-oproep-2025"))
    paragraph = first_paragraph(other_call, "D2a")
    words = paragraph.split()
    exact, loose = paragraph, " ".join(words[:50] + ["nieuw"] * 3 + words[53:])
    target = client_folder / "client-3.json"
    edit(target, lambda p: p.set_answer("D1c", exact))
    (near,) = findings(client_folder, target, call, OVERLAP)["D1c"]
    edit(target, lambda p: p.set_answer("D1c", loose))
    (partial,) = findings(client_folder, target, call, OVERLAP)["D1c"]
    assert (near.severity, partial.severity) == ("belangrijk", "tip")
    assert "100% gelijk" in near.message


def test_other_clients_names_email_and_number_block(client_folder, call):
    other = client(0)
    short_name = other.organisation.removesuffix(" vzw")
    texts = {
        "D1a": f"Samen met {short_name} bouwden we dit aanbod op.",
        "D1b": f"Vragen kunnen naar {other.email.upper()}.",
        "D1c": f"Ondernemingsnummer BE {formatted(other.enterprise_number)} staat op de factuur.",
        "D2a": f"Contact: {other.contact.split()[1]}, {other.contact.split()[0]} volgt het dossier op.",
    }
    target = client_folder / "client-5.json"
    edit(target, lambda p: [p.set_answer(q, p.answer_text(q) + "\n\n" + t) for q, t in texts.items()])
    found = findings(client_folder, target, call, NAME)
    assert {q: [f.message.split(" van een")[0] for f in items] for q, items in found.items()} == {
        "D1a": ["Dit antwoord noemt de organisatie"],
        "D1b": ["Dit antwoord noemt het e-mailadres"],
        "D1c": ["Dit antwoord noemt het ondernemingsnummer"],
        "D2a": ["Dit antwoord noemt de contactpersoon"],
    }
    assert all(f.severity == "blokkerend" and "client-0.json" in f.message for items in found.values() for f in items)


def test_a_name_that_is_an_ordinary_phrase_needs_its_capitals(client_folder, call):
    edit(client_folder / "client-0.json", lambda p: p.set_field("B.organisatie", "De Sleutel vzw"))
    target = client_folder / "client-1.json"
    edit(target, lambda p: p.set_answer("D1a", p.answer_text("D1a") + "\n\nDe sleutel tot succes is overleg."))
    assert findings(client_folder, target, call, NAME) == {}
    edit(target, lambda p: p.set_answer("D1b", p.answer_text("D1b") + "\n\nWe werkten samen met De Sleutel."))
    assert list(findings(client_folder, target, call, NAME)) == ["D1b"]


def test_the_same_client_is_not_another_client(client_folder, call):
    """A second proposal of one organisation (another region, a backup) shares its text and name freely."""
    twin = client_folder / "client-0-kopie.json"
    write_proposal(twin, proposal(0, call, words=240))
    assert findings(client_folder, client_folder / "client-0.json", call) == {}


def test_unreadable_files_are_skipped_and_changes_are_seen_by_mtime_and_size(client_folder, call):
    (client_folder / "kapot.json").write_text("{niet", encoding="utf-8")
    target = client_folder / "client-1.json"
    others = OtherProposals(client_folder, exclude=target)
    assert len(others) == CLIENTS - 1 and others.builds == 1
    assert others.refresh() is False and others.builds == 1  # nothing changed: nothing rebuilt
    source = client_folder / "client-0.json"
    copied = first_paragraph(source, "D1b")
    mine = edit(target, lambda p: p.set_answer("D2b", copied))
    assert others.refresh() is False  # the excluded file (this proposal) changing costs nothing
    assert [f.criterion for f in others.answer_findings(mine, call, "D2b")] == [OVERLAP]
    edit(source, lambda p: p.set_answer("D1b", "Een heel ander antwoord."))
    assert others.refresh() is True
    assert others.answer_findings(mine, call, "D2b") == []
    assert (others.builds, others.updates) == (1, 2)  # one file changed: its paragraphs only, no rebuild
    os.unlink(source)
    assert others.refresh() is True and len(others) == CLIENTS - 2 and others.builds == 1


def test_an_index_kept_up_to_date_file_by_file_finds_what_a_new_one_finds(client_folder, call):
    target = client_folder / "client-5.json"
    others = OtherProposals(client_folder, exclude=target)
    # Changed files: new text, a paragraph taken from another client, a new client, a name.
    taken = first_paragraph(client_folder / "client-1.json", "D2c")
    edit(client_folder / "client-0.json", lambda p: p.set_answer("D1a", "Geheel nieuw. " * 30 + "\n\n" + taken))
    write_proposal(client_folder / "client-7.json", proposal(7, call, words=240))
    copied = first_paragraph(client_folder / "client-7.json", "D1c")
    mine = edit(target, lambda p: p.set_answer("D2a", f"{copied}\n\n{taken}\n\nMet {client(3).contact}."))
    assert others.refresh() is True and others.builds == 1
    fresh = OtherProposals(client_folder, exclude=target)
    assert others.findings(mine, call) == fresh.findings(mine, call)
    named = [f.message.split("), ")[1].split(")")[0].split(",")[0] for f in others.findings(mine, call)["D2a"]]
    assert named == ["client-7.json", "client-0.json", "client-3.json"]  # equally alike in 0 and 1: the first file


def test_most_files_changing_rebuilds_the_whole_index(client_folder, call):
    others = OtherProposals(client_folder, exclude=client_folder / "client-0.json")
    write_portfolio(client_folder, CLIENTS, call, words=200)  # every file rewritten
    assert others.refresh() is True and others.builds == 2


def test_check_reports_other_clients_and_exits_1(client_folder, call, capsys):
    target = client_folder / "client-1.json"
    edit(target, lambda p: p.set_answer("D1a", p.answer_text("D1a") + f"\n\nMet dank aan {client(2).contact}."))
    assert main(["check", str(target), "--vergelijk", str(client_folder), "--json", "--estimate-only"]) == 1
    report = json.loads(capsys.readouterr().out)
    (finding,) = [f for q in report["questions"] for f in q["findings"] if f["criterion"] == NAME]
    assert finding["quote"] == client(2).contact
    assert any("client-2.json" in line for line in report["blocking"])
    assert main(["check", str(target), "--niet-vergelijken", "--estimate-only"]) == 0
    assert main(["check", str(client_folder / "client-3.json"), "--vergelijk", str(client_folder), "--estimate-only"]) == 0


def test_check_refuses_a_missing_compare_folder(client_folder, capsys):
    assert main(["check", str(client_folder / "client-1.json"), "--vergelijk", str(client_folder / "nergens")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_one_file_saved_over_and_over_keeps_the_index_bounded(client_folder, call):
    """Another window saving every second: removed paragraphs are rebuilt away, not kept forever."""
    others = OtherProposals(client_folder, exclude=client_folder / "client-5.json")
    for round_ in range(12):
        edit(client_folder / "client-0.json", lambda p, n=round_: p.set_answer("D1a", p.answer_text("D1a") + " extra" * (n + 1)))
        assert others.refresh() is True
    live = sum(len(numbers) for _, numbers in others._owners.values())
    assert others.builds >= 2 and len(others._paragraphs) <= 2 * live  # private state: memory is the point

"""Suggestions never invent facts: what a rewrite adds that no source gives is marked, listed, and blocks `check`."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.draft.store import write_proposal
from assistant.review.facts import mark_unverified, unresolved_marks
from assistant.review.llm.revise import propose_followup_revision
from assistant.review.offline import review_question
from tests.review.fake_llm import FakeServer, completion
from tests.review.test_llm_review import ANSWER, proposal  # noqa: F401 - fixture

SOURCES = [ANSWER, "Sinds wanneer in Kaprijke?\nSinds 2021, met 12 deelnemers per jaar en een budget van 15.000 euro."]


@pytest.mark.parametrize(("added", "fact"), [
    ("met 35 deelnemers per jaar", "35 deelnemers"),
    ("sinds 12 maart 2023", "12 maart 2023"),
    ("voor € 20.000 per jaar", "€ 20.000"),
    ("met 40% meer bereik", "40%"),
    ("samen met trajectbegeleider Koen Verhaeghe", "Koen Verhaeghe"),
    ("samen met VDAB", "VDAB"),
    ("ook in Maldegem", "Maldegem"),
    ("met De Sleutel", "De Sleutel"),
])
def test_a_fact_no_source_gives_is_marked(added, fact):
    text, facts = mark_unverified(f"Wij werken in Eeklo {added}.", SOURCES)
    assert facts == [fact] and f"[CONTROLEER: {fact}]" in text


def test_facts_from_the_sources_stay_unmarked_in_any_spelling():
    revised = ("Sinds 2015 werken we in Eeklo, Assenede en Zelzate, sinds 2021 ook in Kaprijke: 12 deelnemers per "
               "jaar, 15 000 euro. Hilde Vermeersch coördineert; elke dinsdag zitdag met het OCMW van Zelzate.")
    assert mark_unverified(revised, SOURCES) == (revised, [])


def test_marks_already_in_the_text_are_kept_once():
    text = "Al [CONTROLEER: 35 deelnemers] in Eeklo."
    assert mark_unverified(text, SOURCES) == (text, [])
    assert unresolved_marks(text) == ["35 deelnemers"]


def test_a_suggested_revision_marks_and_lists_what_it_added(proposal, call):
    proposal.answers["D1c"].followups = []
    from assistant.review.llm.review import record_followups

    record_followups(proposal, "D1c", ["Sinds wanneer in Kaprijke?"])[0].reply = "Sinds 2021."
    revised = ANSWER + " Sinds 2021 ook in Kaprijke, met 35 deelnemers en jobcoach Koen Verhaeghe."
    server = FakeServer(completion(json.dumps({"revised_answer": revised, "changes": ["Kaprijke"]})))
    session = server.session()
    revision = propose_followup_revision(proposal, call, "D1c", session.settings, session=session)
    assert revision.unverified == ["35 deelnemers", "Koen Verhaeghe"]
    assert revision.text.endswith("in Kaprijke, met [CONTROLEER: 35 deelnemers] en jobcoach "
                                  "[CONTROLEER: Koen Verhaeghe].")


def test_interview_lists_the_marks_before_asking_to_accept(proposal, call, tmp_path, monkeypatch, capsys):
    from assistant.draft.store import read_proposal
    from assistant.review.llm import session as session_module
    from tests.review.fake_llm import review_reply

    path = tmp_path / "voorstel.json"
    write_proposal(path, proposal)
    revised = ANSWER + " Sinds 2021 ook in Kaprijke, met 35 deelnemers."
    server = FakeServer(completion(review_reply(followups=["Sinds wanneer in Kaprijke?"])),
                        completion(json.dumps({"revised_answer": revised, "changes": []})))
    session = server.session()
    monkeypatch.setattr(session_module, "open_session", lambda settings, **kw: session)
    shown_before_accepting = []

    def answer(prompt: str = "") -> str:
        if "overnemen" in prompt:
            shown_before_accepting.append(capsys.readouterr().out)
            return "j"
        return {"Uw antwoord": "Sinds 2021."}.get(prompt[:11], "j")

    monkeypatch.setattr("builtins.input", answer)
    assert main(["llm", "interview", str(path), "--vraag", "D1c"]) == 0
    assert "Te controleren (1)" in shown_before_accepting[0] and "? 35 deelnemers" in shown_before_accepting[0]
    assert "[CONTROLEER: 35 deelnemers]" in read_proposal(path).answer_text("D1c")  # accepted with its mark


def test_check_blocks_on_an_unresolved_mark(proposal, call, tmp_path, capsys):
    proposal.set_answer("D1c", ANSWER + " Wij bereiken [CONTROLEER: 35 deelnemers] per jaar.")
    finding = next(f for f in review_question(call, "D1c", proposal.answer_text("D1c")).findings
                   if f.criterion == "controleer")
    assert finding.severity == "blokkerend" and "«35 deelnemers»" in finding.message
    path = tmp_path / "voorstel.json"
    write_proposal(path, proposal)
    assert main(["check", str(path), "--json", "--estimate-only"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert any("35 deelnemers" in item for item in report["blocking"])
    proposal.set_answer("D1c", ANSWER + " Wij bereiken 35 deelnemers per jaar.")  # checked, mark removed
    assert not any(f.criterion == "controleer" for f in review_question(call, "D1c", proposal.answer_text("D1c")).findings)


def test_a_mark_the_model_dropped_comes_back():
    answer = "Wij bereiken [CONTROLEER: 35 deelnemers] in Eeklo."
    text, facts = mark_unverified("Wij bereiken 35 deelnemers per jaar in Eeklo.", [answer])
    assert facts == ["35 deelnemers"] and text == "Wij bereiken [CONTROLEER: 35 deelnemers] per jaar in Eeklo."

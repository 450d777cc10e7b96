"""Section B and names of people never reach the LLM, in any spelling; what is shown has them back.

Every request body the fake server receives (the one seam) is scanned for every section-B value in every
spelling an answer may use."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from assistant.call import Call
from assistant.draft.models import Proposal
from assistant.draft.workspace import new_proposal
from assistant.review.llm.review import record_followups, review_with_llm
from assistant.review.llm.revise import propose_followup_revision
from assistant.review.people import person_spans
from tests.review.fake_llm import FakeServer, completion, review_reply

SECTION_B = {
    "B.organisatie": "vzw De Brug Meetjesland", "B.rechtsvorm": "vzw", "B.ondernemingsnummer": "0203.201.340",
    "B.contact.naam": "Janssens, An", "B.contact.functie": "coördinator trajectwerking",
    "B.contact.email": "an.janssens@debrug-meetjesland.be", "B.contact.telefoon": "09 223 45 67",
}
# Every value of section B as an answer may write it (the legal form alone names a kind of body: kept).
SPELLINGS = [
    "An Janssens", "Janssens, An", "Janssens An", "Janssens", "JANSSENS", "janssens", "A. Janssens", "Janssens A.",
    "vzw De Brug Meetjesland", "De Brug Meetjesland", "De Brug Meetjesland vzw", "DE BRUG MEETJESLAND",
    "de brug meetjesland v.z.w.", "DBM", "Coördinator trajectwerking", "an.janssens@debrug-meetjesland.be",
    "AN.JANSSENS@DEBRUG-MEETJESLAND.BE", "09 223 45 67", "092234567", "09/223.45.67", "+32 9 223 45 67",
    "0203.201.340", "BE 0203 201 340", "0203201340",
]
PEOPLE = ["Fatima", "Koen Verhaeghe", "Oksana Kovalenko", "Mevrouw Benali"]
KEPT = ["Eeklo", "Zelzate", "Kaprijke", "VDAB", "OCMW", "CAW", "Meetjesland"]
ANSWER = (
    "Wij zijn " + ", ".join(SPELLINGS[:8]) + "; ook " + ", ".join(SPELLINGS[8:14]) + ". "
    "Onze " + SPELLINGS[14].lower() + " is bereikbaar via " + ", ".join(SPELLINGS[15:]) + ". "
    "Onze deelnemer Fatima, 34 jaar, woont in Eeklo en volgt een traject bij VDAB. Trajectbegeleider Koen "
    "Verhaeghe werkt samen met het OCMW van Zelzate en het CAW. Oksana Kovalenko vond werk in Kaprijke; "
    "Mevrouw Benali kwam via het Meetjesland bij ons."
)


def _visible(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


@pytest.fixture
def proposal(call: Call) -> Proposal:
    proposal = new_proposal("De Brug", call)
    proposal.fields.update(SECTION_B)
    proposal.set_answer("D1c", ANSWER)
    return proposal


def test_no_section_b_value_nor_person_reaches_any_request(proposal, call):
    revised = ANSWER.replace("Wij zijn", "Wij, [ORGANISATIE-1], zijn")
    server = FakeServer(completion(review_reply(followups=["Hoe bereikt [NAAM-1] deelnemers in Kaprijke?"])),
                        completion(json.dumps({"revised_answer": revised, "changes": []})))
    session = server.session()
    review = review_with_llm(proposal, call, "D1c", session.settings, session=session)
    for followup in record_followups(proposal, "D1c", review.output.followup_questions):
        followup.reply = "An Janssens belt elke deelnemer; JANSSENS kent Koen Verhaeghe van bij VDAB."
    revision = propose_followup_revision(proposal, call, "D1c", session.settings, session=session)
    assert len(server.requests) == 2
    for body in server.requests:
        sent = json.dumps(body, ensure_ascii=False)
        leaked = [s for s in SPELLINGS + PEOPLE if s.lower() in sent.lower()]
        assert leaked == []
        for word in ("Janssens", "Brug", "Fatima", "Verhaeghe", "Kovalenko", "Benali", "223", "201"):
            assert not _visible(word, sent), word
        for place in KEPT:  # the werkingsgebied stays readable for judging local anchoring
            assert _visible(place, sent), place
    assert review.output.followup_questions[0].startswith("Hoe bereikt An Janssens")
    assert revision.text.startswith("Wij, vzw De Brug Meetjesland, zijn An Janssens")
    assert revision.text == revised.replace("[ORGANISATIE-1]", "vzw De Brug Meetjesland")


def test_restore_gives_back_each_spelling_as_written(proposal, call):
    from assistant.review.redact import redactor_for

    redactor = redactor_for(proposal, call)
    masked = redactor.mask(ANSWER)
    assert redactor.restore(masked) == ANSWER
    assert "[NAAM-" in masked and "[ORGANISATIE-" in masked and "[TELEFOON-" in masked


def test_the_public_bodies_of_the_region_are_not_taken_for_the_applicants_abbreviation(call):
    proposal = new_proposal("x", call)
    proposal.fields["B.organisatie"] = "Onthaal Centrum Meetjesland Welzijn vzw"  # initials OCMW
    from assistant.review.redact import redactor_for

    masked = redactor_for(proposal, call).mask("Samen met het OCMW van Eeklo en Onthaal Centrum Meetjesland Welzijn.")
    assert masked == "Samen met het OCMW van Eeklo en [ORGANISATIE-1]."


LABELLED = tomllib.loads((Path(__file__).parents[1] / "fixtures" / "person-names.toml").read_text(encoding="utf-8"))


def _covered(text: str, phrase: str, spans: list[tuple[int, int]]) -> bool:
    start = text.index(phrase)
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\W_][\w'’-]*", phrase)]
    return all(any(s <= ws and we <= e for s, e in spans) for ws, we in words)


def test_person_names_in_the_labelled_set_are_masked_and_the_region_stays_readable():
    sentences = LABELLED["sentence"]
    assert len(sentences) >= 50
    people = [(s["text"], name) for s in sentences for name in s["people"]]
    keep = [(s["text"], name) for s in sentences for name in s["keep"]]
    masked = sum(_covered(text, name, person_spans(text)) for text, name in people)
    touched = [(name, text) for text, name in keep
               if any(s < text.index(name) + len(name) and text.index(name) < e for s, e in person_spans(text))]
    assert masked / len(people) >= 0.95
    assert touched == []


def test_check_llm_over_every_question_sends_no_section_b_value(proposal, call):
    from assistant.layout.estimate import estimate_pages
    from assistant.review.llm.report import add_llm_findings
    from assistant.review.offline import review_proposal
    from tests.review.fake_llm import any_question_reply

    for question in call.questions:
        proposal.set_answer(question.id, ANSWER)
    server = FakeServer(any_question_reply)
    session = server.session()
    report = review_proposal(proposal, call, estimate_pages(proposal, call))
    report = add_llm_findings(report, proposal, call, session.settings, session=session)
    assert report.llm.status == "ok" and len(server.requests) == len(call.questions)
    for body in server.requests:
        sent = json.dumps(body, ensure_ascii=False).lower()
        assert [s for s in SPELLINGS + PEOPLE if s.lower() in sent] == []


@pytest.mark.parametrize(("text", "people"), [
    ("Samen met K. Peeters en het CGG Eclips.", ["K. Peeters"]),
    ("Onze coach J. Van Damme belt elke week.", ["J. Van Damme"]),
    ("Zie bijlage B. Daarna volgt het plan.", []),
    ("Vraag D. Het antwoord volgt.", []),
    ('Het project "Samen Sterker" loopt in de wijk Oostveld in Eeklo.', []),
    ("We geven les in het Arabisch en Nederlands aan Syrische nieuwkomers.", []),
])
def test_people_found_and_things_left_alone(text, people):
    assert [text[s:e] for s, e in person_spans(text)] == people

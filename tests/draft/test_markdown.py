from hypothesis import given, settings, strategies as st

from assistant.draft.markdown import from_markdown, to_markdown
from assistant.draft.models import Proposal
from assistant.draft.text import normalize_answer, normalize_field
from assistant.draft.workspace import new_proposal

HAND_WRITTEN = """# A. Werkingsgebied
B – OOST Meetjesland
# B. Kenmerken kandidaat
Deelnemer / Organisatie: Vzw Het Anker
Rechtsvorm: vzw
Ondernemingsnummer: 0403.170.701
NAAM EN VOORNAAM: Peeters An
Functie: coördinator
E-mail: an@hetanker.be
Telefoonnummer: 09 123 45 67
# C. Engagement
Bevestigd: ja
# D. Projectvoorstel
## 1a
Wij bieden **trajecten** op maat.

- eerste punt
- tweede punt
## 1b. Toon aan dat u over de juiste expertise beschikt
Sinds 2009 begeleiden we 120 mensen per jaar.
## 3z. Een vraag die niet bestaat
Deze tekst mag niet verloren gaan.
"""


def test_hand_written_markdown_maps_fields_and_answers(call):
    imported = from_markdown(HAND_WRITTEN, call)
    assert imported.fields == {
        "A": "B – OOST Meetjesland",
        "B.organisatie": "Vzw Het Anker",
        "B.rechtsvorm": "vzw",
        "B.ondernemingsnummer": "0403.170.701",
        "B.contact.naam": "Peeters An",
        "B.contact.functie": "coördinator",
        "B.contact.email": "an@hetanker.be",
        "B.contact.telefoon": "09 123 45 67",
        "C.engagement": "ja",
    }
    assert imported.answers["D1a"] == "Wij bieden **trajecten** op maat.\n\n- eerste punt\n- tweede punt"
    assert imported.answers["D1b"] == "Sinds 2009 begeleiden we 120 mensen per jaar."
    assert any("3z" in line for line in imported.unmapped)
    assert any("Deze tekst mag niet verloren gaan" in line for line in imported.unmapped)


def test_partial_file_imports_what_is_there(call):
    imported = from_markdown("## 2c\nWe leerden veel.\n", call)
    assert imported.answers == {"D2c": "We leerden veel."}
    assert imported.unmapped == []


field_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
answer_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


@settings(max_examples=200, deadline=None)
@given(
    fields=st.fixed_dictionaries({"B.organisatie": field_text, "B.contact.functie": field_text, "B.contact.email": field_text}),
    answers=st.dictionaries(st.sampled_from(["D1a", "D1b", "D1c", "D2a", "D2b", "D2c", "D2d"]), answer_text),
)
def test_markdown_round_trip_is_lossless_for_any_unicode(call, fields, answers):
    proposal = new_proposal("x", call)
    for fid, value in fields.items():
        proposal.set_field(fid, normalize_field(value))
    for qid, text in answers.items():
        proposal.set_answer(qid, normalize_answer(text))
    back = from_markdown(to_markdown(proposal, call), call)
    again: Proposal = new_proposal("x", call)
    back.apply(again)
    assert again.fields == proposal.fields
    assert {q: a.text for q, a in again.answers.items() if a.text} == {
        q: a.text for q, a in proposal.answers.items() if a.text
    }
    assert back.unmapped == []

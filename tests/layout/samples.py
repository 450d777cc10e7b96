"""A small, realistic proposal used across the layout and import tests."""

from __future__ import annotations

from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.workspace import new_proposal

FIELDS = {
    "B.organisatie": "Vzw De Brug Meetjesland",
    "B.rechtsvorm": "vzw",
    "B.ondernemingsnummer": "0403.170.701",
    "B.contact.naam": "Peeters An",
    "B.contact.functie": "coördinator",
    "B.contact.email": "an.peeters@debrug.be",
    "B.contact.telefoon": "09 123 45 67",
    "C.engagement": "ja",
}

ANSWERS = {
    "D1a": (
        "In Zelzate en Evergem zien we dat werkzoekenden met **schulden en psychische kwetsbaarheid** "
        "afhaken na het eerste gesprek. Wij bieden *outreachende* trajecten op maat.\n\n"
        "Concreet:\n\n"
        "- een wekelijkse inloop in het Sociaal Huis van Zelzate;\n"
        "- jobcoaching op de werkvloer, tot zes maanden na de start;\n"
        "- casusoverleg met OCMW en VDAB.\n\n"
        "Zo werken we:\n\n"
        "1. vraagverheldering met de klant zelf\n"
        "2. een plan dat de klant mee schrijft\n"
        "3. evaluatie na drie maanden (Plan-Do-Study-Act)"
    ),
    "D1b": "Sinds 2009 begeleiden we 120 mensen per jaar; 35% vindt binnen het jaar werk.\nOnze coaches zijn ervaringsdeskundigen.",
    "D2d": (
        "Cruciaal is vertrouwen.\n\n"
        "i. We stellen het **gezamenlijke belang** voorop, ook als dat ons budget kost.\n\n"
        "Beslissingen nemen we in de stuurgroep, bij consensus."
    ),
}


def sample_proposal(call: Call) -> Proposal:
    proposal = new_proposal("De Brug", call)
    for field_id, value in FIELDS.items():
        proposal.set_field(field_id, value)
    for question_id, text in ANSWERS.items():
        proposal.set_answer(question_id, text)
    return proposal

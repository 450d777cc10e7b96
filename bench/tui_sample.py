"""A deterministic, full proposal for the app benchmarks: every field, every answer, a few versions."""

from __future__ import annotations

import random
from pathlib import Path

from assistant.call import load_call
from assistant.draft.store import write_proposal
from assistant.draft.versions import save_version
from assistant.draft.workspace import new_proposal

WORDS = (
    "wij begeleiden mensen met een complexe problematiek in Eeklo Zelzate Assenede Evergem naar werk "
    "en welzijn samen met het OCMW de VDAB en het CAW trajectbegeleider vraagverheldering op maat "
    "klant partnerschap leercyclus evalueren bijsturen casusoverleg maandelijks resultaat ervaring"
).split()


def paragraph(rng: random.Random, words: int) -> str:
    sentences, count = [], 0
    while count < words:
        length = rng.randint(8, 20)
        sentence = " ".join(rng.choice(WORDS) for _ in range(length))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        count += length
    return " ".join(sentences)


def answer(rng: random.Random, words: int) -> str:
    per_paragraph = 120
    return "\n\n".join(paragraph(rng, per_paragraph) for _ in range(max(1, words // per_paragraph)))


def write_sample(path: Path, long_answer_words: int = 3000) -> Path:
    """D1a gets `long_answer_words` words; the other answers fill section D to about ten pages."""
    call = load_call()
    rng = random.Random(6)
    proposal = new_proposal("Vzw Benchmark", call)
    for field_id, value in {
        "B.organisatie": "Vzw Benchmark",
        "B.rechtsvorm": "vzw",
        "B.ondernemingsnummer": "0123.456.749",
        "B.contact.naam": "Peeters An",
        "B.contact.functie": "Coördinator",
        "B.contact.email": "an@benchmark.be",
        "B.contact.telefoon": "+32 9 123 45 67",
        "C.engagement": "ja",
    }.items():
        proposal.set_field(field_id, value)
    for question in call.questions:
        words = long_answer_words if question.id == "D1a" else 600
        proposal.set_answer(question.id, answer(rng, words))
    for name in ("eerste", "tweede", "na feedback"):
        save_version(proposal, name)
    proposal.last_question = "D1a"
    write_proposal(path, proposal)
    return path

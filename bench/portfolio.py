"""A consultant's data folder: generated proposals for many clients, each with its own text and identity.

Used by tests/review/test_crossclient.py, the desk tests and bench/desk.py. Every client's answers are
drawn from the words of the sample proposals with its own random seed, so two clients share no paragraph
unless one is planted; fields are valid (enterprise numbers with correct check digits).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.call import Call, load_call
from assistant.draft.models import Proposal
from assistant.draft.store import write_proposal
from assistant.draft.workspace import new_proposal

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "proposals" / "sterk.md"
_PLACES = ["Eeklo", "Assenede", "Evergem", "Zelzate", "Kaprijke", "Sint-Laureins"]
_FIRST = ["An", "Bart", "Chloé", "Dirk", "Els", "Farid", "Greet", "Hanne", "Ivo", "Joke", "Karim", "Lien"]
_LAST = ["Peeters", "Janssens", "De Smet", "Claeys", "Maes", "Wouters", "Goossens", "Van Damme", "Bogaert"]
_KIND = ["Werkwinkel", "Buurtatelier", "Loopbaanpunt", "Samenhuis", "Trajectwerk", "Kringwinkel", "Opstap"]


@cache
def _vocabulary() -> tuple[str, ...]:
    words = {w.strip(".,;:()«»\"'!?").lower() for w in SAMPLE.read_text(encoding="utf-8").split()}
    return tuple(sorted(w for w in words if w.isalpha() and len(w) > 2))


def enterprise_number(seed: int) -> str:
    """A valid Belgian enterprise number (check digits 97 - first eight mod 97)."""
    first = 10_000_000 + seed * 7919 % 89_999_999  # eight digits: the number starts with 1
    return f"{first:08d}{97 - first % 97:02d}"


def formatted(number: str) -> str:
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


@dataclass(frozen=True)
class Client:
    organisation: str
    contact: str
    email: str
    enterprise_number: str


def client(number: int) -> Client:
    kind, place = _KIND[number % len(_KIND)], _PLACES[number // len(_KIND) % len(_PLACES)]
    organisation = f"{kind} {place} {number}"  # unique, and not an ordinary phrase
    contact = f"{_FIRST[number % len(_FIRST)]} {_LAST[number * 5 % len(_LAST)]}{number}"
    email = f"info@{kind.lower()}{number}.be"
    return Client(f"{organisation} vzw", contact, email, enterprise_number(number + 1))


def paragraph(rng: random.Random, words: int) -> str:
    vocabulary = _vocabulary()
    text = " ".join(rng.choice(vocabulary) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def answer(rng: random.Random, words: int = 400, per_paragraph: int = 80) -> str:
    count = max(1, words // per_paragraph)
    return "\n\n".join(paragraph(rng, per_paragraph) for _ in range(count))


def proposal(number: int, call: Call | None = None, words: int = 400) -> Proposal:
    """Client `number`'s complete proposal: fields of A–C, every answer of D (`words` words each)."""
    call = call or load_call()
    who = client(number)
    rng = random.Random(number)
    made = new_proposal(who.organisation, call)
    made.fields.update(
        {
            "B.organisatie": who.organisation,
            "B.rechtsvorm": "vzw",
            "B.ondernemingsnummer": formatted(who.enterprise_number),
            "B.contact.naam": who.contact,
            "B.contact.functie": "coördinator",
            "B.contact.email": who.email,
            "B.contact.telefoon": "+32 9 377 12 34",
            "C.engagement": "ja",
        }
    )
    for question in call.questions:
        made.set_answer(question.id, answer(rng, words))
    return made


def write_portfolio(folder: Path, count: int, call: Call | None = None, words: int = 400) -> list[Path]:
    """`count` clients' proposals as `client-N.json` in `folder`."""
    call = call or load_call()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"client-{number}.json"
        write_proposal(path, proposal(number, call, words))
        paths.append(path)
    return paths

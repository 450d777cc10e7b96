"""A seeded corpus of proposals whose section D runs from about 2 to 14 pages.

Texts mix long and short paragraphs, line breaks, bullet and numbered lists, bold and italic, long
compound words, numbers and punctuation: what moves line breaks around in real answers.
"""

from __future__ import annotations

import random
from pathlib import Path

from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.workspace import load_any, new_proposal

WORDS = (
    "de het een en van in op met voor naar door bij om als ook niet maar wij onze organisatie klant klanten "
    "partnerschap trajecten begeleiding werkzoekenden maatwerk samenwerking lokale regio Meetjesland Eeklo "
    "Assenede Evergem Zelzate Kaprijke Sint-Laureins OCMW VDAB CAW welzijn opleiding arbeidsmarkt kwaliteit "
    "leercyclus evaluatie jobcoaching schuldhulpverlening vraagverheldering doorverwijzing vertrouwen "
    "regio-uitdagingen netwerkpartners ervaringsdeskundigen laagdrempelig outreachend casusoverleg "
    "multidisciplinair aanpak activiteiten resultaten deelnemers jaarlijks concreet methodiek gemeenten "
    "mobiliteitsproblemen kinderopvang huisvesting geestelijke gezondheid taalondersteuning werkervaring "
    "competenties opvolging 2024 120 35% €15.000 (PDCA) wekelijks maandelijks samen leren bijsturen"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 24))]
    if rng.random() < 0.15:
        start = rng.randrange(len(words))
        end = min(len(words), start + rng.randint(1, 3))
        words[start] = ("**" if rng.random() < 0.5 else "*") + words[start]
        marker = "**" if words[start].startswith("**") else "*"
        words[end - 1] = words[end - 1] + marker
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", ":"])


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def answer_text(rng: random.Random, words_target: int) -> str:
    blocks: list[str] = []
    words = 0
    while words < words_target:
        roll = rng.random()
        if roll < 0.15:
            kind = rng.choice(["- ", "number"])
            items = [
                (f"{i + 1}. " if kind == "number" else "- ") + _paragraph(rng, rng.randint(1, 2)).rstrip(".:?")
                for i in range(rng.randint(2, 5))
            ]
            block = "\n".join(items)
        elif roll < 0.22:
            block = _paragraph(rng, 1) + "\n" + _paragraph(rng, rng.randint(1, 2))
        else:
            block = _paragraph(rng, rng.randint(1, 7))
        blocks.append(block)
        words += len(block.split())
    return "\n\n".join(blocks)


def corpus_proposal(call: Call, seed: int, pages_target: float) -> Proposal:
    rng = random.Random(seed)
    proposal = new_proposal(f"corpus-{seed}", call)
    proposal.set_field("B.organisatie", f"Vzw Corpus {seed}")
    words_per_page = 400  # measured on this corpus; headings and question texts take about one page
    budget_total = sum(q.page_budget for q in call.questions)
    for question in call.questions:
        share = question.page_budget / budget_total * rng.uniform(0.7, 1.3)
        target = max(20, int(share * (pages_target - 1) * words_per_page))
        proposal.set_answer(question.id, answer_text(rng, target))
    return proposal


def corpus(call: Call, count: int = 22) -> list[Proposal]:
    """`count` proposals with page targets spread evenly from 2 to 14."""
    return [corpus_proposal(call, seed, 2 + 12 * seed / (count - 1)) for seed in range(count)]


def _table(rng: random.Random) -> str:
    columns = rng.randint(2, 4)
    rows = [[" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14))) for _ in range(columns)]]
    rows += [
        [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 18))) for _ in range(columns)]
        for _ in range(rng.randint(1, 9))
    ]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([lines[0], "|" + "---|" * columns, *lines[1:]])


def _nested_list(rng: random.Random) -> str:
    lines, level = [], 0
    for index in range(rng.randint(3, 10)):
        level = max(0, min(3, level + rng.choice([-1, 0, 0, 1]))) if index else 0
        marker = rng.choice(["- ", "1. "])
        indent = rng.choice(["  ", "    "]) * level
        lines.append(indent + marker + _paragraph(rng, rng.randint(1, 2)).rstrip(".:?"))
    return "\n".join(lines)


def structured_corpus(call: Call, count: int = 6) -> list[Proposal]:
    """Answers with Markdown tables and nested lists between the paragraphs, section D from 3 to 12 pages."""
    proposals = []
    for seed in range(count):
        rng = random.Random(100 + seed)
        proposal = new_proposal(f"tabel-{seed}", call)
        for question in call.questions:
            blocks = []
            for _ in range(rng.randint(1, 1 + seed)):
                blocks += [_paragraph(rng, rng.randint(1, 4)), rng.choice([_table, _nested_list])(rng)]
            proposal.set_answer(question.id, "\n\n".join(blocks))
        proposals.append(proposal)
    return proposals


# Text that moves line breaks in ways plain words do not: slashes, URLs, typographic punctuation,
# words longer than a line, tabs.
EDGE_WORDS = {
    "slash": "cliënt/klant en/of werk/welzijn partner/organisatie OCMW/Sociaal VDAB/GTB 2024/2025".split(),
    "url": "https://www.vlaanderen.be/kwaliteits-en-registratiemodel www.debrug.be/aanbod info@debrug.be".split(),
    "punct": "“klant” ‘eigen’ (PDCA) [bron] …en; 12,5% €15.000 –uitdaging— ±35 n°3".split(),
    "long": "arbeidsmarktbemiddelingstrajectbegeleiding schuldhulpverleningsorganisatie ervaringsdeskundigheidsopleiding".split(),
    "tabs": ["a\tb", "kolom\twaarde"],
}


def edge_corpus(call: Call) -> list[Proposal]:
    rng = random.Random(1)
    base = WORDS[:24]
    proposals = []
    for name, extra in EDGE_WORDS.items():
        proposal = new_proposal(f"rand-{name}", call)
        for question in call.questions:
            paragraphs = [" ".join(rng.choice(base + extra * 3) for _ in range(rng.randint(20, 90))) for _ in range(8)]
            proposal.set_answer(question.id, "\n\n".join(paragraphs))
        proposals.append(proposal)
    return proposals


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "proposals"


def fixture_proposals(call: Call) -> list[Proposal]:
    """The hand-written sample proposals, when the repository has them, as written and three times as long."""
    proposals = []
    for path in sorted(FIXTURES.glob("*.md")):
        proposal = load_any(path).proposal
        longer = proposal.model_copy(deep=True)
        for question_id, answer in proposal.answers.items():
            longer.set_answer(question_id, "\n\n".join([answer.text] * 3))
        proposals += [proposal, longer]
    return proposals

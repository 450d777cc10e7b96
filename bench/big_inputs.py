"""Review and import time on very large inputs (issue 9, item 5): a 0.5–2 MB answer, a 10,000-paragraph .docx.

    .venv/bin/python bench/big_inputs.py [--sizes 0.5,1,2] [--paragraphs 10000]

The answers are seeded pseudo-Dutch paragraphs of 40–90 words (no two alike, as in a real text), plus
a share of near-copies, so the reuse rule has work to do. Prints wall-clock and CPU seconds per step
(the CPU time is what counts on a shared machine).
"""

from __future__ import annotations

import argparse
import io
import random
import time

from assistant.call import load_call
from assistant.draft.workspace import new_proposal
from assistant.review.offline import review_proposal
from assistant.review.people import EMAIL
from assistant.review.rules.injection import attempt_in
from assistant.review.rules.reuse import repeated_paragraphs

VOCABULARY = (
    "deelnemer traject begeleiding partner gemeente Eeklo Zelzate Assenede Evergem werkwinkel VDAB "
    "coaching intake netwerk doelgroep armoede welzijn werk opleiding taal mobiliteit kinderopvang "
    "huisvesting schulden gezondheid vrijwilliger buurt overleg casus leerproces kwaliteit cliënt "
    "ervaring aanpak resultaat meting verbetering evaluatie samenwerking expertise wij zij het een de "
    "met voor in op aan van naar door bij om te en of maar dan want dus ook nog al"
).split()


def answer(megabytes: float, seed: int = 1) -> str:
    rng = random.Random(seed)
    blocks: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        if blocks and rng.random() < 0.05:  # a near-copy of an earlier paragraph: one word changed
            words = rng.choice(blocks).split()
            words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
            block = " ".join(words)
        else:
            block = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(40, 90))) + "."
        blocks.append(block)
        size += len(block) + 2
    return "\n\n".join(blocks)


def timed(label: str, function) -> object:
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    print(f"{label}: {time.perf_counter() - start:.2f} s wall, {time.process_time() - cpu:.2f} s CPU", flush=True)
    return result


# Words the injection patterns key on: 100,000 characters of one of them, or of a random mix, must not make
# a pattern backtrack (two did on 3 Dec: a run of spaces after "score", a long line of "jury … vraag").
STEERING_WORDS = (
    "jury beoordelaar dit onderdeel niet verder hoeft te beoordelen ge zoudt ons volle punten geven programma dat "
    "leest alle deelvragen als sterk level score op good ( [ <!-- --> [x] voldoet : = u AI model tool gaf vorige "
    "in 2023 vraag 1b \" „ ” rekenen erop"
).split(" ")


def steering_worst() -> tuple[float, int]:
    """The slowest injection check (written forms and the learned detector) over hostile 100,000-character texts,
    and how many texts."""
    rng = random.Random(3)
    texts = [(word + sep) * (100_000 // (len(word) + len(sep))) for word in STEERING_WORDS for sep in (" ", "\n", "  ")]
    texts += ["".join(rng.choice(STEERING_WORDS) + rng.choice((" ", "  ", "\n", "\t ")) for _ in range(20_000))[:100_000]]
    texts += [f"{mark}{word}{mark} " * (100_000 // (len(word) + 3)) for word in ("a", "u", "jury") for mark in '"„«']  # quotations
    worst = 0.0
    for text in texts:
        attempt_in.cache_clear()
        start = time.perf_counter()
        attempt_in(text)
        worst = max(worst, time.perf_counter() - start)
    return worst, len(texts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0.5,1,2")
    parser.add_argument("--paragraphs", type=int, default=10_000)
    args = parser.parse_args()
    call = load_call()
    for megabytes in (float(s) for s in args.sizes.split(",") if s):
        text = answer(megabytes)
        blocks = text.count("\n\n") + 1
        timed(f"reuse rule, {megabytes} MB answer ({blocks} paragraphs)", lambda: repeated_paragraphs({"D1a": text}, {"D1a": "1a"}))  # noqa: B023 - timed() calls it at once
        proposal = new_proposal("bench", call)
        proposal.set_answer("D1a", text)
        timed(f"whole offline review, {megabytes} MB answer", lambda: review_proposal(proposal, call))  # noqa: B023 - timed() calls it at once
        word = "a" * int(megabytes * 1_000_000)
        timed(f"e-mail search (names of other clients, masking), one {megabytes} MB word", lambda: EMAIL.findall(word))  # noqa: B023 - timed() calls it at once
    worst, count = steering_worst()
    print(f"injection check, worst of {count} hostile 100,000-character texts: {worst:.2f} s wall", flush=True)
    if args.paragraphs:
        import docx  # noqa: PLC0415

        from assistant.draft.docx_import import from_docx  # noqa: PLC0415

        document = docx.Document()
        document.add_heading("1a. Welke (unieke) meerwaarde kan u brengen", level=2)
        rng = random.Random(2)
        for _ in range(args.paragraphs):
            document.add_paragraph(" ".join(rng.choice(VOCABULARY) for _ in range(30)))
        buffer = io.BytesIO()
        document.save(buffer)
        buffer.seek(0)
        timed(f".docx import, {args.paragraphs} paragraphs", lambda: from_docx(buffer, call))


if __name__ == "__main__":
    main()

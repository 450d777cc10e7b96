"""Large texts take time in proportion to their size: counted in comparisons, never measured in seconds."""

from __future__ import annotations

import io
import random

import docx

from assistant.call import Call
from assistant.commands.progress import Progress
from assistant.draft import docx_import
from assistant.draft.markdown import from_markdown, to_markdown
from assistant.draft.workspace import new_proposal
from assistant.review.findings import Finding
from assistant.review.language import paragraphs, words
from assistant.review.rules import reuse
from tests.corpus import load_corpus

WORDS = "deelnemer traject partner gemeente Eeklo coaching intake netwerk buurt overleg casus wij de met".split()


def pairwise(answers: dict[str, str], numbers: dict[str, str]) -> dict[str, list[Finding]]:
    """The reuse rule as it was: every pair of paragraphs compared (the reference for the same findings)."""
    blocks = [
        (qid, index, block, reuse._shingles(words(block)))
        for qid, text in answers.items()
        for index, block in enumerate(paragraphs(text))
        if len(words(block)) >= reuse.MIN_WORDS
    ]
    found: dict[str, list[Finding]] = {}
    reported: set[tuple[str, int]] = set()
    for i, (qid_a, index_a, block_a, shingles_a) in enumerate(blocks):
        for qid_b, index_b, block_b, shingles_b in blocks[i + 1 :]:
            union = shingles_a | shingles_b
            if not union or len(shingles_a & shingles_b) / len(union) < reuse.SIMILAR:
                continue
            for qid, index, block, other in ((qid_a, index_a, block_a, qid_b), (qid_b, index_b, block_b, qid_a)):
                if (qid, index) in reported:
                    continue
                reported.add((qid, index))
                found.setdefault(qid, []).append(reuse.repeated_finding(block, qid, other, numbers))
    return found


def _near_copies(rng: random.Random, count: int, changes: int) -> list[str]:
    """Paragraphs, a third of them copies of an earlier one with a few words changed."""
    blocks: list[str] = []
    for _ in range(count):
        if blocks and rng.random() < 0.35:
            tokens = rng.choice(blocks).split()
            for _ in range(rng.randint(0, changes)):
                tokens[rng.randrange(len(tokens))] = rng.choice(WORDS)
            blocks.append(" ".join(tokens))
        else:
            blocks.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(18, 40))))
    return blocks


def test_reuse_finds_what_comparing_every_pair_found_in_the_same_order(call: Call):
    numbers = {q.id: q.number for q in call.questions}
    corpus = load_corpus()
    cases = [{item.question: item.text for item in corpus if item.level == level} for level in {i.level for i in corpus}]
    every_answer: dict[str, list[str]] = {}
    for item in corpus:
        every_answer.setdefault(item.question, []).append(item.text)
    cases.append({qid: "\n\n".join(texts) for qid, texts in every_answer.items()})
    rng = random.Random(7)
    for _ in range(40):
        blocks = _near_copies(rng, rng.randint(5, 40), changes=8)
        ids = [q.id for q in call.questions]
        answers: dict[str, list[str]] = {}
        for block in blocks:
            answers.setdefault(rng.choice(ids), []).append(block)
        cases.append({qid: "\n\n".join(parts) for qid, parts in answers.items()})
    findings = 0
    for answers in cases:
        expected = pairwise(answers, numbers)
        assert reuse.repeated_paragraphs(answers, numbers) == expected
        findings += sum(len(found) for found in expected.values())
    assert findings >= 60  # the cases do exercise the rule


def test_reuse_compares_in_proportion_to_the_text_not_its_square(monkeypatch):
    calls = 0
    alike = reuse._alike

    def counted(a, b):
        nonlocal calls
        calls += 1
        return alike(a, b)

    monkeypatch.setattr(reuse, "_alike", counted)
    rng = random.Random(3)
    blocks = [" ".join(rng.choice(WORDS) for _ in range(40)) for _ in range(2000)]
    # Near-identical paragraphs that are just not alike (Jaccard 0.55): the worst case, capped per paragraph.
    blocks += [f"Alinea {n}: wij begeleiden deelnemers in Eeklo met coaching, intake en overleg in de buurt." * 2 for n in range(800)]
    reuse.repeated_paragraphs({"D1a": "\n\n".join(blocks)}, {"D1a": "1a"})
    pairs = len(blocks) * (len(blocks) - 1) // 2  # what comparing every pair costs: 3.9 million
    assert calls <= 2 * reuse.MAX_CANDIDATES * 800 + len(blocks) and calls < pairs / 10


def test_word_import_does_not_compare_every_answer_paragraph_with_every_question(call: Call, monkeypatch):
    compared = 0
    matcher = docx_import.SequenceMatcher

    def counted(*args, **kwargs):
        nonlocal compared
        compared += 1
        return matcher(*args, **kwargs)

    monkeypatch.setattr(docx_import, "SequenceMatcher", counted)
    document = docx.Document()
    document.add_heading(f"1a. {call.question('D1a').text}", level=2)
    rng = random.Random(5)
    for _ in range(500):
        document.add_paragraph(" ".join(rng.choice(WORDS) for _ in range(30)))
    document.add_heading(f"1b. {call.question('D1b').text}", level=2)
    document.add_paragraph("Sinds 2012 begeleidden we 340 mensen.")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    imported = docx_import.from_docx(buffer, call)
    assert imported.answers["D1b"] == "Sinds 2012 begeleidden we 340 mensen."
    assert len(paragraphs(imported.answers["D1a"])) == 500
    assert compared < 50  # was 7 per paragraph: 3,500


def test_a_sub_heading_inside_an_answer_belongs_to_it_and_round_trips(call: Call):
    text = "# D. Projectvoorstel\n## 1a\nOnze aanpak.\n\n### Stap 1\nIntake in Eeklo.\n\n#### Details\nMet VDAB.\n## 1b\nErvaring.\n"
    imported = from_markdown(text, call)
    assert not imported.unmapped
    assert imported.answers["D1a"] == "Onze aanpak.\n\n### Stap 1\nIntake in Eeklo.\n\n#### Details\nMet VDAB."
    proposal = new_proposal("x", call)
    imported.apply(proposal)
    again = from_markdown(to_markdown(proposal, call), call)
    assert again.answers == imported.answers and not again.unmapped


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_and_is_wiped_after():
    terminal = _Terminal()
    with Progress("Nakijken", terminal) as progress:
        progress.show()
    assert "Nakijken… " in terminal.getvalue() and terminal.getvalue().endswith("\r\x1b[2K")


def test_progress_writes_nothing_into_a_pipe():
    pipe = io.StringIO()
    with Progress("Nakijken", pipe):
        pass
    assert pipe.getvalue() == ""


def test_the_places_of_many_tracked_changes_in_one_paragraph_are_found_in_one_pass(call: Call, monkeypatch):
    """A client who rewrote a paragraph word by word: its text is walked once, not once per change."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from assistant.draft import word_changes

    document = docx.Document()
    document.add_heading("1a.", level=2)
    paragraph = document.add_paragraph("Begin.")._p
    for number in range(400):
        insertion = OxmlElement("w:ins")
        insertion.set(qn("w:id"), str(number))
        insertion.set(qn("w:author"), "An")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = f" woord{number}"
        run.append(text)
        insertion.append(run)
        paragraph.append(insertion)
        plain = OxmlElement("w:r")
        plain_text = OxmlElement("w:t")
        plain_text.text = " en"
        plain.append(plain_text)
        paragraph.append(plain)
    buffer = io.BytesIO()
    document.save(buffer)
    marked = word_changes._marked
    calls = 0

    def counted(node):
        nonlocal calls
        calls += 1
        return marked(node)

    monkeypatch.setattr(word_changes, "_marked", counted)
    found = word_changes.read_changes(io.BytesIO(buffer.getvalue()), call)
    assert len(found.changes) == 400 and found.changes[0].item == "D1a"
    assert "{+ woord9+} en{+ woord10+} en{+ woord11+}" in found.changes[10].context
    assert calls <= 801  # each of the paragraph's 801 text nodes once (was 400 × 801)


def test_an_e_mail_address_is_only_looked_for_where_a_word_starts():
    """Started from inside a long run of letters, the search would scan the rest of the run from every
    position in it (a 100 KB word took 46 s in `check`); bench/big_inputs.py measures the time."""
    from assistant.review.people import EMAIL

    assert EMAIL.match("piet@example.be", 1) is None  # not from inside the address's own word
    assert EMAIL.findall("x" * 50 + " piet@example.be, aa.piet+1@ex-ample.co.uk.") == [
        "piet@example.be",
        "aa.piet+1@ex-ample.co.uk",
    ]
    assert EMAIL.findall("mail:jan@vzw.be") == ["jan@vzw.be"]


def test_a_pasted_book_is_reviewed_in_part_with_its_pages_counted_in_full(call: Call):
    """Past REVIEWED_CHARS the analysis stops (bounded time and memory) and says so; the length is the whole."""
    from assistant.draft.text import dutch_number
    from assistant.review.offline import REVIEWED_CHARS, WORDS_PER_PAGE, review_question

    paragraph = "Wij begeleiden in Eeklo elke deelnemer op maat, samen met het OCMW. "
    text = "\n\n".join([paragraph] * (3 * REVIEWED_CHARS // len(paragraph)))
    review = review_question(call, "D1a", text)
    partly = [f for f in review.findings if f.criterion == "lengte" and "eerste 100.000 tekens" in f.message]
    assert len(partly) == 1
    short = review_question(call, "D1a", text[: REVIEWED_CHARS // 2])
    assert not any("eerste 100.000 tekens" in f.message for f in short.findings)
    whole_pages = dutch_number(len(text.split()) / WORDS_PER_PAGE)  # counted on the whole answer, not the part
    assert any(f.message.startswith(f"Te lang ({whole_pages} van") for f in review.findings), review.findings

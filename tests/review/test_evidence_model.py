"""The learned reader of evidence (assistant/review/rules/evidence.py) and its shipped weights."""

import json
import sys
from pathlib import Path

import pytest

from assistant.call.models import SubPart
from assistant.review.language import analyse
from assistant.review.offline import review_question
from assistant.review.rules import evidence
from tests.corpus import load_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import train_evidence_model  # noqa: E402


def _answer(answer_id: str):
    return next(a for a in load_corpus("tune") if a.id == answer_id)


def _parts(call, answer) -> dict[str, str | None]:
    """Per sub-part the evidence quoted by the review, None for a missing one."""
    review = review_question(call, answer.question, answer.text)
    return {part.id: part.evidence if part.covered else None for part in review.parts}


def test_a_part_claimed_in_its_own_words_is_missing_by_the_learned_reader(call, monkeypatch):
    # "We zijn overal in de buurt en iedereen kent ons.": the cues weigh the claims as an answer.
    answer = _answer("D1c-tunea-buurtwerk-poor")
    assert answer.missing_parts == ["verankering"]
    assert _parts(call, answer)["verankering"] is None
    review = review_question(call, answer.question, answer.text)
    assert any(f.criterion == "deelvraag:verankering" and f.quote for f in review.findings)

    monkeypatch.setattr(evidence, "model", lambda: None)
    assert _parts(call, answer)["verankering"] is not None


def test_a_part_answered_without_its_cue_words_is_found_with_the_sentence_that_answers_it(call, monkeypatch):
    # What form the cooperation takes, said without "vorm", "samenwerking" or any other cue of it.
    answer = _answer("D2a-tunea-zorgboerderij-partial")
    assert "vorm" not in answer.missing_parts
    assert "op de boerderij werken als eerste stap naar werk" in (_parts(call, answer)["vorm"] or "")

    monkeypatch.setattr(evidence, "model", lambda: None)
    assert _parts(call, answer)["vorm"] is None


def test_without_the_model_the_cue_weights_decide(call, monkeypatch):
    monkeypatch.setattr(evidence, "model", lambda: None)
    text = (
        "Wij werken sinds 2015 samen met het OCMW van Eeklo en de VDAB in Zelzate, elke dinsdag in het Sociaal Huis. "
        "Zo vonden 23 mensen in 2024 werk."
    )
    review = review_question(call, "D1c", text)
    assert review.missing_parts == []
    assert "Sociaal Huis" in (review.parts[0].evidence or "")


@pytest.mark.parametrize(
    "content", [None, "", '{"weights": {"bias": 1.0}}', '{"weights": [1], "threshold": 0.4, "rival": 0.6}', '{"weights": {}, "threshold": 0.4}']
)
def test_without_a_readable_data_file_there_is_no_model(monkeypatch, tmp_path, content):
    path = tmp_path / "evidence_model.json"  # the last: a threshold but no rival
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(evidence, "MODEL_PATH", path)
    evidence.model.cache_clear()
    try:
        assert evidence.model() is None
    finally:
        evidence.model.cache_clear()


def test_a_stem_weighs_only_for_the_sub_part_it_was_learned_for():
    model = evidence.Model({"x:D2b:grenzen|doorverwijz": 3.0}, threshold=0.5, rival=0.6)
    assert model.probability(["bias"], "D2b:grenzen", ["doorverwijz"], []) > 0.9
    assert model.probability(["bias"], "D2b:gemis", ["doorverwijz"], []) == 0.5


def test_a_sub_part_answered_under_its_own_number_is_recognised_as_such(call):
    parts = {p.id: p for p in call.question("D2d").subparts}
    first, second = analyse(
        "i. Het gezamenlijk belang gaat voor.\n\niv. Beslissingen nemen we bij consensus, in het stuurgroepoverleg."
    ).sentences
    assert evidence.numbered(parts["i"], first)
    assert evidence.numbered(parts["iv"], second)
    assert not evidence.numbered(parts["i"], second)  # "iv." is not "i."


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [("(ii) Wij zijn gelijkwaardig.", "ii", True), ("- IV: Bij consensus.", "iv", True), ("Iii. Wat anders.", "iii", True),
     ("İv. Bij consensus beslissen we.", "iv", True), ("ii Wij zijn gelijkwaardig.", "ii", False),
     ("Deel ii. Gelijkwaardig.", "ii", False), ("iii. Transparant.", "ii", False)],
)
def test_a_number_is_recognised_however_it_is_written(call, text, part, expected):
    parts = {p.id: p for p in call.question("D2d").subparts}
    assert evidence.numbered(parts[part], analyse(text).sentences[0]) == expected


def test_a_label_quote_is_recognised_in_the_sentence_it_was_taken_from():
    sentence = "Vorig jaar reden onze vrijwillige chauffeurs 612 ritten, de meeste vanuit Sint-Laureins naar Eeklo."
    assert train_evidence_model.quotes("Vorig jaar reden onze vrijwillige chauffeurs 612 ritten", sentence)
    assert not train_evidence_model.quotes("Wij werken met vrijwilligers.", sentence)


def test_the_shipped_weights_are_what_the_script_fits_on_the_tune_corpus(call):
    fitted = train_evidence_model.fit(load_corpus("tune"), call)
    shipped = json.loads(evidence.MODEL_PATH.read_text(encoding="utf-8"))
    assert shipped == {"threshold": fitted.threshold, "rival": fitted.rival, "weights": fitted.weights}


def test_a_sentence_counts_for_another_sub_part_than_its_best_only_when_sure():
    # Sentence 0 answers "aanpak" best (0.98); for "meerwaarde" its 0.56 is over the threshold, not over the rival.
    table = {"meerwaarde": [0.56, 0.1], "activiteiten": [0.91, 0.2], "aanpak": [0.98, 0.3]}
    assert evidence.answering(table, threshold=0.45, rival=0.6) == {"meerwaarde": None, "activiteiten": 0, "aanpak": 0}
    assert evidence.answering(table, threshold=0.45, rival=1.0)["activiteiten"] is None
    assert evidence.answering({"i": [0.5, 0.5]}, threshold=0.45, rival=0.6) == {"i": 0}  # the earliest on a tie


def test_one_concrete_sentence_does_not_tick_every_sub_part(call):
    generic = (
        "Wij zijn een sterke partner voor elk partnerschap. Onze aanpak is uniek en resultaatgericht. "
        "Kwaliteit staat bij ons centraal."
    )
    visits = (
        "Elke dinsdag gaat onze coach Leen met een buddy op huisbezoek bij mensen die het OCMW van Zelzate "
        "doorverwijst, en daarna gaan ze samen naar de eerste afspraak bij VDAB in Eeklo."
    )
    assert set(review_question(call, "D1a", generic).missing_parts) == {"meerwaarde", "activiteiten", "aanpak"}
    review = review_question(call, "D1a", f"{generic}\n\n{visits}")
    assert "aanpak" not in review.missing_parts
    assert "meerwaarde" in review.missing_parts


@pytest.mark.parametrize(("part_id", "text"), [("ı", "I) Wij doen dit."), ("ſ", "s) Wij doen dit."), ("ii", "İİ. Wij doen dit.")])
def test_a_number_the_pattern_reads_through_a_folded_letter_is_recognised(part_id, text):
    # An id or a sentence outside ASCII is left to the pattern, which folds ı to i and ſ to s.
    part = SubPart(id=part_id, label="deel", description="een deel")
    assert evidence.numbered(part, analyse(text).sentences[0])

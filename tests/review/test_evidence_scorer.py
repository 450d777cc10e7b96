"""The learned coverage decision (assistant/review/rules/evidence.py) and its shipped weights."""

import json
import sys
from pathlib import Path

from assistant.review.language import analyse
from assistant.review.offline import review_question
from assistant.review.rules import QuestionContext, coverage, evidence
from tests.corpus import load_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import train_evidence_scorer  # noqa: E402


def _answer(answer_id: str):
    return next(a for a in load_corpus("tune") if a.id == answer_id)


def test_an_answer_of_claims_about_expertise_misses_it_by_the_learned_decision(call, monkeypatch):
    # "expertise, kennis en ervaring, … we hebben het allemaal in huis": the cues weigh it as answered.
    answer = _answer("D1b-tunea-werkhuis-poor")
    assert "expertise" in answer.missing_parts
    review = review_question(call, "D1b", answer.text)
    assert "expertise" in review.missing_parts
    assert any(f.criterion == "deelvraag:expertise" and f.quote for f in review.findings)

    monkeypatch.setattr(evidence, "scorer", lambda: None)
    assert "expertise" not in review_question(call, "D1b", answer.text).missing_parts


def test_a_sub_part_no_cue_finds_stays_missing_whatever_the_model_says(call, monkeypatch):
    always = evidence.Scorer({"bias": 30.0}, keep=0.3, rescue=0.6)
    monkeypatch.setattr(evidence, "scorer", lambda: always)
    review = review_question(call, "D2b", "Het weer was mooi en de koffie was lekker, zoals elke dinsdag in april.")
    assert review.missing_parts == ["gemis", "grenzen", "complementair"]


def test_the_learned_decision_only_overrules_the_cues_when_sure():
    scorer = evidence.Scorer({"bias": 0.0}, keep=0.3, rescue=0.6)  # probability 0.5
    assert scorer.covered(["bias"], by_cues=True)
    assert not scorer.covered(["bias"], by_cues=False)


def test_the_shipped_weights_are_what_the_script_fits_on_the_tune_corpus(call):
    fitted = train_evidence_scorer.fit(load_corpus("tune"), call)
    shipped = json.loads(evidence.MODEL_PATH.read_text(encoding="utf-8"))
    assert shipped == {"keep": fitted.keep, "rescue": fitted.rescue, "weights": fitted.weights}


def test_without_the_data_file_the_cue_rules_decide_alone(call, monkeypatch, tmp_path):
    monkeypatch.setattr(evidence, "MODEL_PATH", tmp_path / "absent.json")
    evidence.scorer.cache_clear()
    try:
        assert evidence.scorer() is None
        answer = _answer("D1b-tunea-werkhuis-poor")
        assert "expertise" not in review_question(call, "D1b", answer.text).missing_parts
    finally:
        evidence.scorer.cache_clear()




def _best_echo(call, question_id: str, part_id: str, text: str) -> list[str]:
    analysis = analyse(text)
    context = QuestionContext(call=call, question=call.question(question_id), analysis=analysis, pages=0.5)
    own, counts, per_part, generic = coverage.rule_view(context)
    whole = coverage.answer_features(context, own, generic)
    part = next(p for p in context.question.subparts if p.id == part_id)
    found = coverage.part_features(context, part, per_part[part_id], counts, per_part, own, whole)
    return [name for name in found if name.startswith("best_echo=")]


def test_a_part_whose_best_sentence_repeats_the_question_and_the_part_is_told_apart(call):
    # Named, not answered: the limits in the question's and the sub-part's own words.
    echoed = "Ook ons aanbod heeft zijn grenzen, want elke organisatie botst ergens op de grenzen van wat ze kan bieden."
    assert _best_echo(call, "D2b", "grenzen", echoed) == ["best_echo=True"]
    answered = (
        "Schuldbemiddeling en psychotherapie kunnen wij niet bieden; daarvoor gaan mensen naar het CAW in Eeklo "
        "of het CGG in Zelzate."
    )
    assert _best_echo(call, "D2b", "grenzen", answered) == ["best_echo=False"]
    assert _best_echo(call, "D2b", "grenzen", "Het weer was mooi.") == []  # no cue, nothing to judge

"""The labelled corpus is well formed: enough sets per question, valid labels, a held-out part."""

from __future__ import annotations

from collections import defaultdict

import pytest

from assistant.call import Call
from tests.corpus import CorpusAnswer, load_corpus

LEVELS = {"good", "partial", "poor"}
# Word ranges per level; a poor answer may be long but empty (a deliberate hard case).
WORD_RANGES = {"good": (260, 950), "partial": (110, 550), "poor": (35, 400)}


@pytest.fixture(scope="module")
def corpus() -> list[CorpusAnswer]:
    return load_corpus()


def _sets(corpus: list[CorpusAnswer]) -> dict[tuple[str, str], list[CorpusAnswer]]:
    sets: dict[tuple[str, str], list[CorpusAnswer]] = defaultdict(list)
    for answer in corpus:
        sets[(answer.question, answer.set)].append(answer)
    return sets


def test_every_question_has_four_complete_sets(corpus, call: Call):
    sets = _sets(corpus)
    for question in call.questions:
        names = [name for (qid, name) in sets if qid == question.id]
        assert len(names) >= 4, f"{question.id}: {len(names)} sets"
        for name in names:
            levels = sorted(a.level for a in sets[(question.id, name)])
            assert levels == ["good", "partial", "poor"], f"{question.id}/{name}: {levels}"


def test_corpus_covers_only_questions_of_the_call(corpus, call: Call):
    assert {a.question for a in corpus} == {q.id for q in call.questions}


def test_ids_are_unique_and_name_their_question(corpus):
    ids = [a.id for a in corpus]
    assert len(ids) == len(set(ids))
    for answer in corpus:
        assert answer.id.startswith(answer.question + "-"), answer.id


def test_missing_parts_are_sub_parts_of_the_question(corpus, call: Call):
    for answer in corpus:
        valid = set(call.question(answer.question).subpart_ids)
        assert set(answer.missing_parts) <= valid, (answer.id, set(answer.missing_parts) - valid)
        assert len(answer.missing_parts) == len(set(answer.missing_parts)), answer.id


def test_levels_agree_with_missing_parts(corpus, call: Call):
    for answer in corpus:
        n_parts = len(call.question(answer.question).subparts)
        if answer.level == "good":
            assert answer.missing_parts == [], answer.id
        elif answer.level == "poor":
            assert len(answer.missing_parts) >= 1, answer.id
        else:
            assert len(answer.missing_parts) < n_parts, answer.id


def test_within_a_set_the_better_answer_misses_no_more_parts(corpus):
    for (_, _), answers in _sets(corpus).items():
        by_level = {a.level: len(a.missing_parts) for a in answers}
        assert by_level["good"] <= by_level["partial"] <= by_level["poor"], answers[0].set


def test_answer_lengths_fit_their_level(corpus):
    for answer in corpus:
        low, high = WORD_RANGES[answer.level]
        assert low <= answer.word_count <= high, (answer.id, answer.word_count)


def test_a_whole_set_per_question_is_held_out(corpus, call: Call):
    for (qid, name), answers in _sets(corpus).items():
        assert len({a.split for a in answers}) == 1, f"{qid}/{name} is split across tune and holdout"
    for question in call.questions:
        held = {a.set for a in corpus if a.question == question.id and a.split == "holdout"}
        tuned = {a.set for a in corpus if a.question == question.id and a.split == "tune"}
        assert len(held) >= 1, question.id
        assert len(tuned) >= 3, question.id


def test_load_corpus_filters_by_split(corpus):
    holdout = load_corpus("holdout")
    tune = load_corpus("tune")
    assert holdout and tune
    assert len(holdout) + len(tune) == len(corpus)
    assert all(a.split == "holdout" for a in holdout)

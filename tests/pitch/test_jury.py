"""The jury's questions aim at the weak spots planted in a proposal, per jury member, before general ones."""

from __future__ import annotations

from pathlib import Path

from assistant.call import Call
from assistant.draft.workspace import load_any
from assistant.pitch.jury import jury_questions, weak_spots

FIXTURES = Path(__file__).parents[1] / "fixtures"
# Planted: a "me too" 1a, a generic claim in 1b, a 1c without municipality or partner, a 2b without
# limits, a 1a paragraph pasted into 2c, a 2d that names no limit.
PLANTED = FIXTURES / "pitch" / "zwakke-plekken.md"
STRONG = FIXTURES / "proposals" / "sterk.md"


def _asked(path: Path):
    loaded = load_any(path)
    return {member.id: member.questions for member in jury_questions(loaded.proposal, loaded.call)}


def _kinds(questions) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(q.weak_spot, tuple(q.questions)) for q in questions]


def test_each_jury_member_asks_about_the_weak_spots_planted_in_its_field():
    asked = _asked(PLANTED)
    vdab, local, wse = (_kinds(asked[m]) for m in ("vdab", "lokaal_bestuur", "europa_wse"))
    # VDAB: a 1a that offers what VDAB offers, quoted whole; where the offer stops (2b names no limits);
    # the generic claim of 1b, quoted.
    me_too = next(q for q in asked["vdab"] if q.weak_spot == "me_too")
    assert me_too.questions == ["D1a"]
    assert "«Onze unieke meerwaarde is trajectbegeleiding en jobcoaching voor werkzoekenden met een complexe problematiek»" in me_too.text
    assert ("deelvraag", ("D2b",)) in vdab
    limits = next(q for q in asked["vdab"] if q.questions == ["D2b"])
    assert "Grenzen van het aanbod" in (limits.reason or "")
    generic = next(q for q in asked["vdab"] if q.weak_spot == "algemeen")
    assert "ruime ervaring" in generic.text and generic.questions == ["D1b"]
    # Lokaal bestuur: no municipality or partner in 1c, and the pasted paragraph.
    assert any(kind == "verankering" and "D1c" in where for kind, where in local)
    reuse = next(q for q in asked["lokaal_bestuur"] if q.weak_spot == "hergebruik")
    assert set(reuse.questions) == {"D1a", "D2c"}
    # Europa WSE: a 2d that names no limit.
    assert ("probe", ("D2d",)) in wse


def test_weak_spot_questions_come_before_general_ones_and_respect_the_limit(call: Call):
    asked = _asked(PLANTED)
    for questions in asked.values():
        assert len(questions) <= call.pitch.questions_per_member
        kinds = [q.weak_spot is None for q in questions]
        assert kinds == sorted(kinds), "a general question before a weak-spot question"
        for question in questions:
            assert "{" not in question.text and "}" not in question.text
            assert (question.reason is None) == (question.weak_spot is None)


def test_a_strong_proposal_gets_the_general_questions_not_the_planted_ones():
    asked = _asked(STRONG)
    kinds = {q.weak_spot for questions in asked.values() for q in questions}
    assert kinds == {None}
    assert all(len(questions) >= 3 for questions in asked.values())


def test_the_probe_fires_only_on_a_2d_without_a_limit():
    planted, strong = load_any(PLANTED), load_any(STRONG)
    from assistant.review.offline import review_proposal

    probes = lambda loaded: {  # noqa: E731
        s.part for s in weak_spots(loaded.proposal, loaded.call, review_proposal(loaded.proposal, loaded.call))
        if s.kind == "probe"
    }
    assert probes(planted) == {"grens_2d"}
    assert probes(strong) == set()


def test_a_missing_answer_is_asked_once_not_once_per_sub_part():
    asked = _asked(FIXTURES / "proposals" / "onvolledig.md")
    wse = asked["europa_wse"]
    missing = next(q for q in wse if q.weak_spot == "ontbreekt")
    assert set(missing.questions) == {"D1c", "D2b", "D2c", "D2d"}
    assert "de vragen 1c, 2b, 2c en 2d" in missing.text
    assert not any(q.weak_spot == "deelvraag" and set(q.questions) & set(missing.questions) for q in wse)
    # Another member still asks where the unanswered 2b's offer stops.
    assert any(q.questions == ["D2b"] for q in asked["vdab"])

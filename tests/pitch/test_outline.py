"""The pitch outline: fits the minutes asked, every sentence is the proposal's own, the form is data."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import tomli_w

from assistant.call import Call, load_call_file
from assistant.draft.workspace import load_any
from assistant.errors import CallFileError, UsageError
from assistant.pitch.outline import TOLERANCE, build_outline, spoken

FIXTURES = Path(__file__).parents[1] / "fixtures"
PROPOSALS = FIXTURES / "proposals"
CALL_FILE = Path(__file__).parents[2] / "assistant" / "call" / "calls" / "oost-meetjesland-2026.toml"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _load(path: Path):
    loaded = load_any(path)
    return loaded.proposal, loaded.call


# Each sample at minutes it has material for; the thin ones are asked for less (see the shortfall test).
@pytest.mark.parametrize(
    ("name", "minutes"),
    [("sterk.md", 2), ("sterk.md", 3), ("sterk.md", 5), ("sterk.md", 10), ("zwak.md", 1), ("onvolledig.md", 1)],
)
def test_outline_fits_its_minutes_and_every_sentence_is_traceable(name: str, minutes: float):
    proposal, call = _load(PROPOSALS / name)
    outline = build_outline(proposal, call, minutes)
    target = minutes * call.pitch.words_per_minute
    assert outline.fits
    assert abs(outline.words - target) <= TOLERANCE * target, (outline.words, target)
    assert outline.words == sum(part.words for part in outline.parts)
    seen = set()
    for part in outline.parts:
        assert part.seconds == round(part.words * 60 / outline.words_per_minute)
        assert part.words == sum(s.words for s in part.sentences)
        for sentence in part.sentences:
            assert sentence.question in part.questions
            assert _flat(sentence.text) in _flat(proposal.answer_text(sentence.question)), sentence.text
            assert sentence.spoken == spoken(sentence.text)
            assert sentence.words == len(sentence.spoken.split())
            assert sentence.spoken.lower() not in seen, "a sentence is said twice"
            seen.add(sentence.spoken.lower())


def test_every_sample_fits_within_the_tolerance_or_says_it_is_too_thin():
    for path in sorted(PROPOSALS.glob("*.md")):
        proposal, call = _load(path)
        for minutes in (1, 3, 5):
            outline = build_outline(proposal, call, minutes)
            target = minutes * call.pitch.words_per_minute
            assert outline.fits == (abs(outline.words - target) <= TOLERANCE * target)
            assert outline.fits or outline.words < target, (path.name, minutes)


def test_parts_come_in_the_order_of_the_call_file_and_follow_the_jury(call: Call):
    proposal, _ = _load(PROPOSALS / "sterk.md")
    outline = build_outline(proposal, call, 5)
    assert [p.id for p in outline.parts] == [p.id for p in call.pitch.parts]
    assert [p.title for p in outline.parts] == [p.title for p in call.pitch.parts]
    # The opening is the proposal's own first sentence: who we are.
    assert outline.parts[0].sentences[0].question == "D1a"
    assert outline.parts[0].sentences[0].index == 0
    # Proof is made of facts: most of its sentences carry a number.
    proof = outline.parts[1].sentences
    assert sum(bool(re.search(r"\d", s.text)) for s in proof) >= len(proof) * 0.6
    # The partnership part says what we do not do and who does it better.
    partnership = " ".join(s.spoken for s in outline.parts[2].sentences)
    assert "We bieden geen" in partnership or "We doen geen" in partnership or "We behandelen geen" in partnership
    assert "schakelen we" in partnership
    assert outline.parts[2].missing == []
    # Within a part the sentences keep the order of the part's questions and of the text.
    for part in outline.parts:
        keys = [(part.questions.index(s.question), s.index) for s in part.sentences]
        assert keys == sorted(keys)


def test_a_weak_proposal_is_told_what_its_pitch_lacks(call: Call):
    proposal, _ = _load(PROPOSALS / "zwak.md")
    outline = build_outline(proposal, call, 1)
    missing = {part.id: part.missing for part in outline.parts}
    assert "wat we niet doen" in missing["partnerschap"]
    assert "de leercyclus (Plan-Do-Study-Act)" in missing["kwaliteit"]


def test_a_proposal_too_thin_for_the_minutes_does_not_pad_and_says_so(call: Call):
    proposal, _ = _load(PROPOSALS / "onvolledig.md")
    outline = build_outline(proposal, call, 5)
    assert not outline.fits
    assert outline.words < outline.target_words * (1 - TOLERANCE)
    # Nothing a jury should not hear is used to fill: no placeholder, no cross-reference.
    said = " ".join(s.text for p in outline.parts for s in p.sentences)
    assert "TODO" not in said


def test_the_speaking_rate_sets_the_words(call: Call):
    proposal, _ = _load(PROPOSALS / "sterk.md")
    slow = build_outline(proposal, call, 4, words_per_minute=100)
    fast = build_outline(proposal, call, 4, words_per_minute=160)
    assert (slow.target_words, fast.target_words) == (400, 640)
    assert slow.fits and fast.fits
    assert slow.seconds == round(slow.words * 60 / 100)


@pytest.mark.parametrize(("minutes", "tempo"), [(0, None), (31, None), (float("nan"), None), (5, 20), (5, 400)])
def test_minutes_and_rate_out_of_range_are_refused(call: Call, minutes, tempo):
    proposal, _ = _load(PROPOSALS / "sterk.md")
    with pytest.raises(UsageError):
        build_outline(proposal, call, minutes, words_per_minute=tempo)


def _call_with(tmp_path: Path, change) -> Call:
    data = tomllib.loads(CALL_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "oproep.toml"
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    return load_call_file(path)


def test_part_titles_and_sources_are_data_of_the_call_file(tmp_path: Path):
    def change(data):
        data["pitch"]["parts"][0]["title"] = "Wie wij zijn"
        data["pitch"]["parts"][0]["questions"] = ["D1c"]
        data["pitch"]["parts"][0]["lead"] = False
        data["pitch"]["parts"][0]["subparts"] = ["verankering"]

    call = _call_with(tmp_path, change)
    proposal, _ = _load(PROPOSALS / "sterk.md")
    outline = build_outline(proposal, call, 5)
    assert outline.parts[0].title == "Wie wij zijn"
    assert {s.question for s in outline.parts[0].sentences} == {"D1c"}


def test_a_call_without_pitch_data_is_a_clear_usage_error(tmp_path: Path):
    call = _call_with(tmp_path, lambda data: data.pop("pitch"))
    proposal, _ = _load(PROPOSALS / "sterk.md")
    with pytest.raises(UsageError, match=r"\[pitch\]"):
        build_outline(proposal, call, 5)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["pitch"]["parts"][0].update(share=0.5), "tellen op"),
        (lambda d: d["pitch"]["parts"][0].update(questions=["D9z"]), "onbekende vraag"),
        (lambda d: d["pitch"]["parts"][1].update(subparts=["bestaat_niet"]), "onbekende deelvraag"),
        (lambda d: d["pitch"]["jury_questions"][0].update(text="Wat is {onbekend}?"), "plaatshouder"),
        (lambda d: d["pitch"]["jury_questions"][0].update(jury="niemand"), "jurylid"),
    ],
)
def test_broken_pitch_data_is_refused_with_the_key_named(tmp_path: Path, change, message):
    with pytest.raises(CallFileError, match=message):
        _call_with(tmp_path, change)


def test_a_must_said_only_in_a_sentence_too_long_to_say_is_reported_as_such(call: Call):
    from assistant.draft.workspace import new_proposal
    from assistant.pitch.outline import UNSAYABLE

    proposal = new_proposal("lang", call)
    long_limit = (
        "We doen geen schuldbemiddeling, omdat dat een erkende dienst vraagt die wij niet hebben en niet willen "
        "opbouwen, en omdat het OCMW en het CAW in de regio dat al met veel ervaring en korte wachttijden doen voor "
        "iedereen die het nodig heeft, ook voor onze deelnemers die we er dan naartoe begeleiden."
    )
    proposal.set_answer("D2b", long_limit)
    outline = build_outline(proposal, call, 1)
    partnership = next(p for p in outline.parts if p.id == "partnerschap")
    assert f"wat we niet doen ({UNSAYABLE})" in partnership.missing

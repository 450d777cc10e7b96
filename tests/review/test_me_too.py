"""The "me too" rule: a 1a/1b whose unique value is what every activation service offers gets a finding
that says what would set it apart; a distinguishing element, a denial or a fact keeps it quiet."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from assistant.call import Call, load_call_file
from assistant.draft.workspace import load_any
from assistant.review.offline import review_proposal, review_question
from tests.corpus import load_corpus

ROOT = Path(__file__).parents[2]
PROPOSALS = ROOT / "tests" / "fixtures" / "proposals"
CALL_FILE = ROOT / "assistant" / "call" / "calls" / "oost-meetjesland-2026.toml"

GENERIC_1A = (
    "Onze unieke meerwaarde is trajectbegeleiding en jobcoaching voor werkzoekenden met een complexe problematiek. "
    "Wat ons onderscheidt, is een warme overdracht naar werk: we laten niemand los.\n\n"
    "We starten met een intake en maken samen met de deelnemer een persoonlijk plan. Daarna volgen wekelijkse "
    "gesprekken, sollicitatietraining en begeleiding op de werkvloer."
)
DISTINCTION = (
    "\n\nAls enige in Oost-Meetjesland combineren we schuldhulp en jobcoaching in één persoon, met een caseload "
    "van hoogstens vijftien deelnemers in Eeklo en Zelzate."
)


def _me_too(review):
    return [f for f in review.findings if f.criterion == "me_too"]


def test_a_generic_1a_gets_a_finding_that_says_what_would_set_it_apart(call: Call):
    findings = _me_too(review_question(call, "D1a", GENERIC_1A))
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity == "belangrijk"
    assert "«trajectbegeleiding»" in finding.message and "«warme overdracht»" in finding.message
    assert "VDAB" in finding.message
    # What would set it apart, leaving out nothing it lacks: a contrast, a group, results, the place.
    for way in ("anders doet dan zij", "elders uit de boot vallen", "in cijfers", "gemeenten van B – OOST Meetjesland"):
        assert way in finding.message
    assert finding.quote and finding.quote.startswith("Onze unieke meerwaarde is trajectbegeleiding")


def test_the_same_claim_with_a_concrete_distinction_is_not_me_too(call: Call):
    assert _me_too(review_question(call, "D1a", GENERIC_1A + DISTINCTION)) == []


def test_it_applies_to_1a_and_1b_only(call: Call):
    assert _me_too(review_question(call, "D1b", GENERIC_1A))
    assert _me_too(review_question(call, "D2b", GENERIC_1A)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Onze meerwaarde? Wij doen geen trajectbegeleiding: wij zijn er voor wie daar nog niet aan toe is.",
        "Onze expertise: in 2025 begeleidden vier jobcoaches 120 mensen in Evergem.",
    ],
)
def test_a_denied_or_factual_offer_is_not_a_hollow_claim(call: Call, text: str):
    assert _me_too(review_question(call, "D1a", text)) == []


def test_it_does_not_fire_on_the_good_samples(call: Call):
    strong = load_any(PROPOSALS / "sterk.md").proposal
    report = review_proposal(strong, call)
    assert not any(_me_too(q) for q in report.questions)
    good = [a for a in load_corpus() if a.level == "good" and a.question in ("D1a", "D1b")]
    assert len(good) >= 10
    for answer in good:
        assert _me_too(review_question(call, answer.question, answer.text)) == [], answer.id


def test_it_fires_on_the_weak_sample_and_costs_points(call: Call):
    weak = load_any(PROPOSALS / "zwak.md").proposal
    assert _me_too(review_proposal(weak, call).question("D1a"))
    with_it = review_question(call, "D1a", GENERIC_1A).score
    without = review_question(call, "D1a", GENERIC_1A + DISTINCTION).score
    assert with_it < without


def test_the_phrases_are_data_of_the_call_file(tmp_path: Path):
    data = tomllib.loads(CALL_FILE.read_text(encoding="utf-8"))
    data["me_too"]["generic_offers"] = ["budgetbegeleiding"]
    path = tmp_path / "oproep.toml"
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    call = load_call_file(path)
    assert _me_too(review_question(call, "D1a", GENERIC_1A)) == []
    assert _me_too(review_question(call, "D1a", "Onze unieke meerwaarde is budgetbegeleiding voor gezinnen."))
    data.pop("me_too")
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    assert _me_too(review_question(load_call_file(path), "D1a", GENERIC_1A)) == []


def test_a_label_starting_the_next_paragraph_does_not_claim_the_offer_before_it(call: Call):
    offer = "We begeleiden mensen. Dat is de begeleiding die werkzoekenden in het partnerschap nodig hebben."
    label = "Expertise. Onze zes begeleiders zijn opgeleid tot instructeur."
    assert _me_too(review_question(call, "D1b", f"{offer}\n\n{label}")) == []
    assert _me_too(review_question(call, "D1b", f"{offer} Expertise.\n\n{label}"))  # the claim in its paragraph

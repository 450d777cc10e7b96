import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from assistant.draft.models import Proposal
from assistant.review.findings import Finding, Report
from assistant.review.offline import review_proposal, review_question
from tests.corpus import load_corpus

VALID_FIELDS = {
    "B.organisatie": "De Brug vzw",
    "B.rechtsvorm": "vzw",
    "B.ondernemingsnummer": "BE 0123.456.749",
    "B.contact.naam": "Peeters, An",
    "B.contact.functie": "coördinator",
    "B.contact.email": "an.peeters@debrug.be",
    "B.contact.telefoon": "09 377 12 34",
    "C.engagement": "ja",
}


def complete_proposal(call) -> Proposal:
    """Valid fields and a good corpus answer for every question."""
    proposal = Proposal(name="De Brug", call_id=call.id)
    proposal.fields.update(VALID_FIELDS)
    for answer in load_corpus():
        if answer.level == "good" and not proposal.answer_text(answer.question):
            proposal.set_answer(answer.question, answer.text)
    return proposal


def test_a_complete_valid_proposal_has_nothing_blocking(call):
    report = review_proposal(complete_proposal(call), call)
    assert report.blocking == []
    assert all(f.ok for f in report.fields)
    assert {q.level for q in report.questions} <= {"sterk", "voldoende"}
    assert report.pages.limit == 10 and not report.pages.over_limit


def test_missing_answers_invalid_fields_and_unconfirmed_engagement_block(call):
    proposal = complete_proposal(call)
    proposal.set_answer("D2c", "")
    proposal.set_field("C.engagement", "")
    proposal.set_field("B.ondernemingsnummer", "0123.456.748")
    report = review_proposal(proposal, call)
    assert report.question("D2c").level == "ontbreekt" and report.question("D2c").score == 0
    assert report.question("D2c").missing_parts == ["lessen", "goed", "slecht", "engagement"]
    assert len(report.blocking) == 3
    assert any(b.startswith("Ondernemingsnummer:") and "controlegetal klopt niet" in b for b in report.blocking)
    assert any(b.startswith("Bevestigd:") for b in report.blocking)
    assert any(b.startswith("Vraag 2c:") for b in report.blocking)


def test_section_d_over_ten_pages_blocks(call):
    proposal = complete_proposal(call)
    proposal.set_answer("D2a", (proposal.answer_text("D2a") + "\n\n") * 12)
    report = review_proposal(proposal, call)
    assert report.pages.over_limit
    assert any(b.startswith("Sectie D is te lang: geschat") for b in report.blocking)
    assert any(f.criterion == "paginalimiet" for f in report.question("D2a").findings)


def test_review_is_deterministic_and_scores_stay_in_range(call):
    proposal = complete_proposal(call)
    first = review_proposal(proposal, call).model_dump_json()
    assert review_proposal(proposal.model_copy(deep=True), call).model_dump_json() == first
    for answer in load_corpus()[:20]:
        review = review_question(call, answer.question, answer.text)
        assert 0 <= review.score <= 100
        assert review == review_question(call, answer.question, answer.text)


def test_levels_follow_the_corpus_labels_for_one_organisation(call):
    by_level = {a.level: a for a in load_corpus() if a.question == "D2a" and a.set == "caw"}
    scores = {level: review_question(call, "D2a", a.text).score for level, a in by_level.items()}
    assert scores["good"] > scores["partial"] > scores["poor"]


def test_every_finding_names_a_criterion_or_sub_part_of_the_call(call):
    rule_names = {"antwoord", "lengte", "paginalimiet", "concreetheid", "leesbaarheid", "hergebruik", "injectie", "me_too", "aanvrager", "controleer"}
    criteria = {c.id for c in call.criteria}
    report = review_proposal(complete_proposal(call), call)
    poor = [review_question(call, a.question, a.text) for a in load_corpus() if a.level == "poor"]
    for review in [*report.questions, *poor]:
        parts = set(call.question(review.id).subpart_ids)
        for finding in review.findings:
            kind, _, part = finding.criterion.partition(":")
            assert finding.criterion in criteria | rule_names or (kind == "deelvraag" and part in parts), finding


def test_report_json_round_trips_with_missing_parts(call):
    report = review_proposal(complete_proposal(call), call)
    data = report.model_dump(mode="json")
    assert all("missing_parts" in q for q in data["questions"])
    assert Report.model_validate(data) == report


def test_another_reviewers_findings_join_the_report(call):
    report = review_proposal(complete_proposal(call), call)
    extra = {
        "D1a": [Finding(severity="tip", criterion="lokale_noden", message="Noem de uitdaging.", reviewer="llm")],
        "D2b": [Finding(severity="blokkerend", criterion="complementariteit", message="Tegenstrijdig.", reviewer="llm")],
    }
    merged = report.with_findings(extra)
    assert merged.question("D1a").findings[-1].reviewer == "llm"
    d2b = merged.question("D2b").findings
    assert d2b[0].reviewer == "llm" and d2b[0].severity == "blokkerend"
    assert merged.blocking == report.blocking + ["D2b: Tegenstrijdig."]
    assert merged.question("D1a").score == report.question("D1a").score
    assert report.question("D1a").findings[-1].reviewer == "rules"  # the original is untouched


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_gets_a_review_without_error(call, text):
    review = review_question(call, "D2d", text)
    assert 0 <= review.score <= 100
    assert [p.id for p in review.parts] == call.question("D2d").subpart_ids


def test_a_few_lines_are_never_sterk_however_right_they_are(call):
    # One line is zwak (tests/review/test_rules.py); a few lines that answer are voldoende at most.
    few = "We hebben sinds 2019 een kantoor in Eeklo, open op dinsdag en donderdag, naast het Sociaal Huis."
    review = review_question(call, "D1c", few)
    assert not review.missing_parts and review.level == "voldoende"


# Two sentences of this answer (a tune answer with a few letters changed, found by a second reader) answer 2a's
# "grenzen" equally well: summed in the order a set is walked in, which follows PYTHONHASHSEED, the tie tipped
# either way from one run to the next.
EXACT_TIE = (
    "Zﬅonder Taalbrug er is geen partner die nieuwkomers kan bereiken inω hun eigen taal, via hun eigen "
    "netwerk: 70 procent van onze deelnemers komt via familie of buren, niet via een dienst. Ook het "
    "partnerschap mist dan de taalcoaching op de werkvloer en de hulp met NARIC, die nu niemand anders "
    "doet in Zelzate en Evergem.\n\nOnze grenzen: Wij geven geen officiële lessen Nederlands en geen "
    "inburgeringscursus, dat doen het CVO en het Agentschap Integratie en Inburgering; wij doen ook geen "
    "psychologische hulp, ook niet bij trauma van de vlucht, en met 2,3 VTE wij kunnen maximaal 40 "
    "deelnemers per jaar begeleiden. Wij zijn ook niet sterk in Eeklo, Kaprijke en Sint-Laureins, daar "
    "wij hebben geen lokaﬁal. Soms gebruiken wij een vertaal-app op de gsm, maar voor belangrijke "
    "gesprekken altijd een echte tolk.\n\nWat nodig is naast ons: NT2-#lessen op verschillende uren (ook 's "
    "avonds) in Zelzate, traumazorg voor vluchtelingen via het CGG, kinderopvang voor moeders die een "
    "cursus willen volgen, en werkgevers in de Kanaalzone die een stage met taalcoaching willen geven.\n"
)


def test_the_review_is_the_same_whatever_order_python_walks_its_sets_in(tmp_path):
    script = tmp_path / "review.py"
    script.write_text(
        "import json, sys\n"
        "from assistant.call import load_call\n"
        "from assistant.review.offline import review_question\n"
        "print(review_question(load_call(), 'D2a', json.load(sys.stdin)).model_dump_json())\n",
        encoding="utf-8",
    )
    reviews = {
        subprocess.run(
            [sys.executable, str(script)], input=json.dumps(EXACT_TIE), capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed}, cwd=Path(__file__).resolve().parents[2],
        ).stdout
        for seed in ("0", "7")
    }
    assert len(reviews) == 1

"""Rules and LLM together: only a model calibrated `geschikt` may mark a sub-part missing that the rules took
as covered (shown as such, with the sentence the rules relied on); any other model's findings are advice."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from assistant.call import Call
from assistant.commands.check import render_text
from assistant.draft.models import Proposal
from assistant.draft.workspace import new_proposal
from assistant.layout.estimate import estimate_pages
from assistant.review.llm import calibration
from assistant.review.llm.prompt import load_template
from assistant.review.llm.report import add_llm_findings
from assistant.review.offline import review_proposal
from tests.review.fake_llm import FakeServer, completion, review_reply

ANSWER = (
    "Wij werken sinds 2015 in Eeklo, Assenede en Zelzate. Elke dinsdag houden we zitdag in het Sociaal Huis "
    "van Zelzate, samen met het OCMW en de VDAB-trajectbegeleiders. In Kaprijke en Sint-Laureins zijn we er "
    "op afspraak in het gemeentehuis, en met het CAW Oost-Vlaanderen delen we sinds 2019 een onthaal in Eeklo."
)


@pytest.fixture
def proposal(call: Call) -> Proposal:
    proposal = new_proposal("De Brug", call)
    proposal.set_answer("D1c", ANSWER)
    return proposal


def calibrate(verdict: str, model: str = "test-model") -> None:
    """Store a calibration of the fake server's model with the current prompt that gives `verdict`."""
    dataset = calibration.load_set()
    items = dataset.answers if verdict == "geschikt" else dataset.answers[:10]
    worst = {"good": "poor", "partial": "good", "poor": "good"}
    results = [
        calibration.ItemResult(
            id=i.id, question=i.question, label_level=i.level, label_missing=i.missing_parts, valid=True,
            level=i.level if verdict != "ongeschikt" else worst[i.level],
            missing_parts=i.missing_parts if verdict != "ongeschikt" else [], quotes_given=1, quotes_found=1,
            seconds=1.0,
        )
        for i in items
    ]
    now = datetime.now(UTC)
    stored = calibration.Calibration(
        base_url="http://llm.test/v1", provider="custom", model=model, prompt=load_template("review").tag,
        set_version=dataset.version, set_size=len(dataset.answers), started=now, updated=now, results=results,
    )
    assert stored.verdict()[0] == verdict
    calibration.save(stored)


def run_check(proposal: Proposal, call: Call, allow_unfit: bool = False, server: FakeServer | None = None):
    rules = review_proposal(proposal, call, estimate_pages(proposal, call))
    assert rules.question("D1c").parts[0].covered  # the rules take this answer as anchored locally
    server = server or FakeServer(completion(review_reply(missing=["verankering"], evidence=["Wij werken sinds 2015 in Eeklo"])))
    session = server.session()
    return rules, add_llm_findings(rules, proposal, call, session.settings, session=session, allow_unfit=allow_unfit)


def test_a_geschikt_model_may_mark_a_covered_part_missing_with_the_rules_quote(proposal, call):
    calibrate("geschikt")
    rules, report = run_check(proposal, call)
    d1c = report.question("D1c")
    (part,) = d1c.parts
    assert not part.covered and part.judged_by == "llm" and d1c.missing_parts == ["verankering"]
    (overrule,) = [f for f in d1c.findings if f.criterion == "deelvraag:verankering"]
    assert overrule.reviewer == "llm" and overrule.severity == "belangrijk"
    assert "geijkt: geschikt" in overrule.message and overrule.quote == rules.question("D1c").parts[0].evidence
    assert (d1c.level, d1c.score) == (rules.question("D1c").level, rules.question("D1c").score)
    assert report.llm.calibration == "geschikt"
    text = render_text(report, proposal, call)
    assert "verankering ✗AI" in text and "Geijkt als geschikt" in text and f"«{overrule.quote}»" in text


@pytest.mark.parametrize("verdict", [None, "twijfelachtig", "ongeschikt"])
def test_any_other_model_only_advises(proposal, call, verdict):
    """An ongeschikt model is heard only when the user asks for it anyway (--ook-ongeschikt)."""
    if verdict:
        calibrate(verdict)
    rules, report = run_check(proposal, call, allow_unfit=verdict == "ongeschikt")
    d1c = report.question("D1c")
    assert d1c.parts == rules.question("D1c").parts and d1c.parts[0].covered  # the rules' judgement stands
    llm = [f for f in d1c.findings if f.reviewer == "llm"]
    assert llm and all(f.severity == "tip" for f in llm)
    (part,) = [f for f in llm if f.criterion == "deelvraag:verankering"]
    assert part.message.startswith("Advies van het taalmodel")
    assert report.llm.calibration == verdict
    text = render_text(report, proposal, call)
    assert "✗AI" not in text and ("advies naast de regels" in text or "hooguit advies" in text)


def test_a_calibration_of_another_model_does_not_count(proposal, call):
    calibrate("geschikt", model="een-ander-model")
    _, report = run_check(proposal, call)
    assert report.llm.calibration is None and report.question("D1c").parts[0].covered


def test_an_ongeschikt_model_is_not_asked_and_the_report_says_why(proposal, call):
    calibrate("ongeschikt")
    server = FakeServer(completion(review_reply(missing=["verankering"])))
    rules, report = run_check(proposal, call, server=server)
    assert server.requests == []  # nothing sent: its findings would not be a review
    assert report.llm.status == "refused" and report.llm.calibration == "ongeschikt"
    assert report.questions == rules.questions  # the rules' report, untouched
    text = render_text(report, proposal, call)
    assert "enkel regels, zonder AI" in text
    assert "Taalmodel niet gebruikt: Het model test-model is bij de ijking ongeschikt bevonden" in text
    assert "--ook-ongeschikt" in text and "controle door de regels blijft" in text


@pytest.fixture
def proposal_file(proposal, tmp_path, monkeypatch):
    """The proposal on disk, and the CLI pointed at a fake server (its session, whoever opens it)."""
    from assistant.draft.store import write_proposal
    from assistant.review.llm import report as report_module, session as session_module

    path = tmp_path / "de-brug.json"
    write_proposal(path, proposal)
    server = FakeServer(completion(review_reply(missing=["verankering"])))
    session = server.session()
    for module in (report_module, session_module):
        monkeypatch.setattr(module, "open_session", lambda settings, **kw: session)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://llm.test/v1")
    monkeypatch.setenv("WSE_LLM__MODEL", "test-model")
    return path, server


def test_check_llm_refuses_an_ongeschikt_model_unless_asked_anyway(proposal_file, capsys):
    from assistant.cli import main

    path, server = proposal_file
    calibrate("ongeschikt")
    main(["check", str(path), "--llm", "--estimate-only", "--niet-vergelijken"])
    out = capsys.readouterr().out
    assert server.requests == [] and "ongeschikt bevonden" in out and "--ook-ongeschikt" in out
    assert "enkel regels, zonder AI" in out
    main(["check", str(path), "--llm", "--estimate-only", "--niet-vergelijken", "--ook-ongeschikt", "--no-cache"])
    out = capsys.readouterr().out
    assert len(server.requests) == 1 and "regels en AI" in out
    assert "op uw vraag toch gebruikt" in out and "Advies van het taalmodel" in out


def test_llm_review_refuses_an_ongeschikt_model_unless_asked_anyway(proposal_file, capsys):
    from assistant.cli import main

    path, server = proposal_file
    calibrate("ongeschikt")
    assert main(["llm", "review", str(path)]) == 2
    err = capsys.readouterr().err
    assert server.requests == [] and "ongeschikt bevonden" in err and "--ook-ongeschikt" in err
    assert main(["llm", "review", str(path), "--ook-ongeschikt", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["reviews"][0]["findings"]
    assert len(server.requests) == 1 and findings and all(f["severity"] == "tip" for f in findings)


@pytest.mark.parametrize("action", ["interview", "inkorten"])
def test_interview_and_shorten_refuse_an_ongeschikt_model_unless_asked_anyway(proposal_file, action, monkeypatch,
                                                                               capsys):
    from assistant.cli import main
    from assistant.draft.store import read_proposal

    path, server = proposal_file
    calibrate("ongeschikt")
    monkeypatch.setattr("builtins.input", lambda prompt="": "")  # no reply, no consent
    assert main(["llm", action, str(path), "--vraag", "D1c"]) == 2
    err = capsys.readouterr().err
    assert server.requests == [] and "ongeschikt bevonden" in err and "--ook-ongeschikt" in err
    assert read_proposal(path).answers["D1c"].text == ANSWER
    main(["llm", action, str(path), "--vraag", "D1c", "--ook-ongeschikt"])
    if action == "interview":
        assert len(server.requests) == 1
    else:  # past the fitness check: this short answer fits its budget already, so nothing to shorten
        assert "past al binnen zijn paginabudget (0,1 van 1 pagina's)" in capsys.readouterr().err

"""`llm ijken`: the calibration set, the measures, the verdict, storage, resume and interruption, against a
fake server that judges perfectly, uselessly or not at all."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx2
import pytest

from assistant.cli import main
from assistant.review.llm import calibration, session as session_module
from assistant.review.llm.calibration import (
    ItemResult,
    Metrics,
    cohen_kappa,
    compute_metrics,
    decide,
    load_set,
    overall_level,
)
from tests.corpus import load_corpus
from tests.review.fake_llm import FakeServer, completion

LABEL_LEVEL = {"good": "sterk", "partial": "voldoende", "poor": "zwak"}
ANSWER_BLOCK = re.compile(r"<<<ANTWOORD\n(.*?)\nANTWOORD>>>", re.S)


def _item_for(body: dict[str, Any]) -> calibration.Item:
    prompt = body["messages"][-1]["content"]
    answer = ANSWER_BLOCK.search(prompt).group(1)
    return next(item for item in load_set().answers if item.text.strip()[:80] == answer.strip()[:80])


def _schema(body: dict[str, Any]) -> dict[str, Any]:
    fmt = body["response_format"]
    return fmt["json_schema"]["schema"] if fmt["type"] == "json_schema" else fmt["schema"]


def judge(perfect: bool):
    """A fake model: `perfect` gives each answer its labels back; otherwise 'zwak' everywhere, nothing missing."""

    def reply(body: dict[str, Any]) -> dict[str, Any]:
        properties = _schema(body)["properties"]
        if "ok" in properties:  # the `llm test` ping
            return completion('{"ok": true}')
        item = _item_for(body)
        first_sentence = item.text.strip().split(". ")[0][:150]
        level = LABEL_LEVEL[item.level] if perfect else "zwak"
        return completion(json.dumps({
            "criteria": {c: {"level": level, "evidence": [first_sentence], "reasoning": "Zo."}
                         for c in properties["criteria"]["properties"]},
            "missing_parts": item.missing_parts if perfect else [],
            "suggestions": [], "followup_questions": [], "confidence": "gemiddeld",
        }))

    return reply


@pytest.fixture
def use_server(monkeypatch):
    def install(server: FakeServer) -> FakeServer:
        session = server.session(structured_output="json_schema")
        monkeypatch.setattr(session_module, "open_session", lambda settings, **kw: session)
        return server

    return install


# ---- the set


def test_the_set_is_labelled_tune_corpus_answers_over_all_seven_questions():
    dataset = load_set()
    corpus = {a.id: a for a in load_corpus()}
    assert len(dataset.answers) >= 35
    per_question = {q: sum(1 for a in dataset.answers if a.question == q) for q in corpus_questions()}
    assert len(per_question) == 7 and min(per_question.values()) >= 5
    for item in dataset.answers:
        source = corpus[item.id]
        assert source.split == "tune", item.id  # never the blind holdout
        assert (item.question, item.level, item.missing_parts, item.text.strip()) == (
            source.question, source.level, source.missing_parts, source.text.strip())
    first_seven = dataset.answers[:7]
    assert sorted(a.question for a in first_seven) == sorted(per_question)  # --max 7: one per question


def corpus_questions() -> set[str]:
    return {a.question for a in load_corpus()}


# ---- the measures


def test_overall_level_from_the_criteria():
    assert overall_level(["sterk", "sterk", "voldoende"]) == "good"
    assert overall_level(["voldoende", "zwak"]) == "partial"
    assert overall_level(["zwak", "ontbreekt", "voldoende"]) == "poor"


def test_cohen_kappa_on_a_known_table():
    # 20 pairs: observed agreement 0.7, chance agreement 0.5 -> kappa 0.4
    pairs = [("good", "good")] * 7 + [("poor", "poor")] * 7 + [("good", "poor")] * 3 + [("poor", "good")] * 3
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("good", "good")] * 5) is None  # chance agreement is total: kappa says nothing
    assert cohen_kappa([("good", "poor"), ("poor", "poor")]) == 0.0  # always "poor": no better than chance


def _result(label: str, level: str | None, label_missing=(), missing=(), given=1, found=1, seconds=1.0) -> ItemResult:
    return ItemResult(id="x", question="D1a", label_level=label, label_missing=list(label_missing),
                      valid=level is not None, level=level, missing_parts=list(missing), quotes_given=given,
                      quotes_found=found, seconds=seconds, failure=None if level else "malformed")


def test_metrics_count_precision_recall_quotes_and_latency():
    results = [
        _result("good", "good", seconds=2), _result("poor", "partial", ["a", "b"], ["a", "c"], given=2, found=1, seconds=4),
        _result("partial", None, ["a"], seconds=30),
    ]
    m = compute_metrics(results)
    assert (m.answers, m.valid, m.valid_share) == (3, 2, pytest.approx(0.667, abs=1e-3))
    assert (m.exact, m.within_one) == (0.5, 1.0)
    assert (m.missing_precision, m.missing_recall) == (0.5, 0.5)  # only valid replies count
    assert m.quotes_found_share == pytest.approx(0.667, abs=1e-3)
    assert (m.latency_median_s, m.latency_p95_s) == (4, 30)


def _metrics(**values: Any) -> Metrics:
    base = dict(answers=42, valid=42, valid_share=1.0, exact=0.9, within_one=1.0, kappa=0.85, missing_precision=0.9,
                missing_recall=0.9, quotes_found_share=0.95, latency_median_s=3.0, latency_p95_s=5.0,
                prompt_tokens=1, completion_tokens=1, cost=0.0)
    return Metrics(**(base | values))


def test_verdict_thresholds():
    assert decide(_metrics(), complete=True, done=42, size=42) == ("geschikt", [])
    verdict, reasons = decide(_metrics(), complete=False, done=7, size=42)
    assert verdict == "twijfelachtig" and "7 van de 42" in reasons[0]
    verdict, reasons = decide(_metrics(kappa=0.45), complete=True, done=42, size=42)
    assert verdict == "twijfelachtig" and "κ 0,45" in reasons[0]
    verdict, reasons = decide(_metrics(valid_share=0.5), complete=True, done=42, size=42)
    assert verdict == "ongeschikt" and "geldige antwoorden 50%" in reasons[0]
    assert decide(_metrics(kappa=None), complete=True, done=42, size=42)[0] == "twijfelachtig"  # not measured
    assert decide(_metrics(quotes_found_share=0.3), complete=True, done=42, size=42)[0] == "ongeschikt"


# ---- running it


def test_a_model_that_judges_like_the_labels_is_geschikt_and_llm_test_says_so(use_server, capsys):
    server = use_server(FakeServer(judge(perfect=True)))
    assert main(["llm", "ijken"]) == 0
    out = capsys.readouterr()
    assert "Oordeel: geschikt" in out.out and "totaal" in out.out and "42 van 42" in out.out
    assert len(server.requests) == 42 and all(r["stream"] for r in server.requests)
    stored = calibration.stored_verdict("http://llm.test/v1", "test-model")
    assert stored is not None and stored[1] == "geschikt"
    assert main(["llm", "test"]) == 0
    assert "IJking van test-model: geschikt" in capsys.readouterr().out


def test_a_model_that_says_zwak_to_everything_is_ongeschikt_with_reasons(use_server, capsys):
    use_server(FakeServer(judge(perfect=False)))
    assert main(["llm", "ijken", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == "ongeschikt" and report["complete"]
    assert report["overall"]["kappa"] == 0.0 and report["overall"]["missing_recall"] == 0.0
    assert set(report["questions"]) == {"D1a", "D1b", "D1c", "D2a", "D2b", "D2c", "D2d"}
    assert any("ontbrekende deelvragen" in r for r in report["reasons"])


def test_a_model_with_no_usable_reply_runs_to_the_end_and_says_so(use_server, capsys):
    server = use_server(FakeServer(completion("Dit is geen JSON.")))
    assert main(["llm", "ijken", "--max", "7", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["answers"] == 7 and report["overall"]["valid"] == 0
    assert report["verdict"] == "ongeschikt" and len(server.requests) == 14  # each with its repair round


def test_max_runs_a_subset_which_can_never_be_geschikt(use_server, capsys):
    server = use_server(FakeServer(judge(perfect=True)))
    assert main(["llm", "ijken", "--max", "7"]) == 0
    out = capsys.readouterr().out
    assert len(server.requests) == 7 and "Oordeel: twijfelachtig" in out and "7 van de 42" in out


def test_a_lost_server_keeps_what_is_done_and_the_next_run_resumes(use_server, capsys):
    replies = [judge(perfect=True)] * 3 + [httpx2.ConnectError("Connection refused")]
    server = use_server(FakeServer(*replies))
    assert main(["llm", "ijken"]) == 2
    captured = capsys.readouterr()
    assert "Geen verbinding" in captured.out and "3 van 42" in captured.out
    server.replies = [judge(perfect=True)]
    server.requests.clear()
    assert main(["llm", "ijken"]) == 0
    assert len(server.requests) == 39 and "Oordeel: geschikt" in capsys.readouterr().out
    server.requests.clear()
    assert main(["llm", "ijken", "--opnieuw", "--max", "2"]) == 0
    assert len(server.requests) == 2


def test_ctrl_c_keeps_what_is_done(use_server, capsys):
    calls = {"n": 0}
    perfect = judge(perfect=True)

    def interrupt_on_the_fifth(body: dict[str, Any]) -> dict[str, Any]:
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return perfect(body)

    use_server(FakeServer(interrupt_on_the_fifth))
    assert main(["llm", "ijken"]) == 130
    out = capsys.readouterr().out
    assert "4 van 42" in out and "Onderbroken" in out and "verder waar ze stopte" in out
    stored = calibration.load("http://llm.test/v1", "test-model", calibration_tag())
    assert stored is not None and len(stored.results) == 4


def calibration_tag() -> str:
    from assistant.review.llm.prompt import load_template

    return load_template("review").tag

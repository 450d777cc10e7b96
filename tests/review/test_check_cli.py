import json
import subprocess
import sys

import pytest

from assistant.cli import main
from assistant.draft.markdown import to_markdown
from assistant.draft.store import write_proposal
from tests.review.test_offline import complete_proposal


@pytest.fixture
def complete_md(tmp_path, call):
    path = tmp_path / "de-brug.md"
    path.write_text(to_markdown(complete_proposal(call), call), encoding="utf-8")
    return path


@pytest.fixture
def flawed_json(tmp_path, call):
    proposal = complete_proposal(call)
    proposal.set_field("B.ondernemingsnummer", "0123.456.748")
    proposal.set_answer("D1b", "")
    proposal.set_answer("D2d", "Wij zijn een sterke partner. Kwaliteit staat centraal.")
    path = tmp_path / "fouten.json"
    write_proposal(path, proposal)
    return path


def test_check_of_a_complete_proposal_exits_0_with_a_readable_report(complete_md, capsys):
    assert main(["check", str(complete_md)]) == 0
    out = capsys.readouterr().out
    assert "Antwoorden (sectie D)" in out and "Velden (secties A–C)" in out
    assert "deelvragen: cruciaal ✓  i ✓  ii ✓  iii ✓  iv ✓" in out
    assert "Pagina's sectie D: " in out and "geschat" in out and "van maximum 10" in out  # rendered when LibreOffice is there
    assert "Niets blokkeert de indiening." in out


def test_check_json_has_the_documented_shape(flawed_json, capsys):
    assert main(["check", str(flawed_json), "--json", "--offline"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["call"] == "oost-meetjesland-2026"
    assert set(data) >= {"call", "blocking", "fields", "questions", "pages"}
    number = next(f for f in data["fields"] if f["id"] == "B.ondernemingsnummer")
    assert number == {
        "id": "B.ondernemingsnummer",
        "ok": False,
        "value": "0123.456.748",
        "normalized": None,
        "message": number["message"],
        "warning": None,
    }
    assert "controlegetal klopt niet" in number["message"]
    d2d = next(q for q in data["questions"] if q["id"] == "D2d")
    assert set(d2d) >= {"id", "level", "score", "missing_parts", "findings"}
    assert d2d["level"] == "zwak" and set(d2d["missing_parts"]) >= {"i", "ii", "iii", "iv"}
    assert all(set(f) >= {"severity", "criterion", "message", "reviewer"} for f in d2d["findings"])
    assert {f["reviewer"] for f in d2d["findings"]} == {"rules"}
    assert next(q for q in data["questions"] if q["id"] == "D1b")["level"] == "ontbreekt"
    assert set(data["pages"]) >= {"section", "limit", "estimated", "rendered", "over_limit"}
    assert data["pages"]["section"] == "D" and data["pages"]["limit"] == 10
    assert len(data["blocking"]) == 2


def test_check_text_lists_what_blocks(flawed_json, capsys):
    assert main(["check", str(flawed_json)]) == 1
    out = capsys.readouterr().out
    assert "Blokkerend (2):" in out
    assert "Vraag 1b: Nog geen antwoord" in out
    assert "«Wij zijn een sterke partner.»" in out


@pytest.mark.parametrize("content", [None, b"{ geen json", b"\xff\xfe\x00rommel"])
def test_an_unreadable_file_exits_2_with_a_dutch_message(tmp_path, capsys, content):
    path = tmp_path / "kapot.json"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and "Traceback" not in err


def test_check_is_deterministic(flawed_json, capsys):
    main(["check", str(flawed_json), "--json"])
    first = capsys.readouterr().out
    main(["check", str(flawed_json), "--json"])
    assert capsys.readouterr().out == first


def test_check_runs_as_a_program(flawed_json, complete_md, isolated_home):
    env = {"WSE_ASSISTANT_HOME": str(isolated_home), "PATH": "/usr/bin:/bin"}
    flawed = subprocess.run(
        [sys.executable, "-m", "assistant", "check", str(flawed_json), "--json"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert flawed.returncode == 1, flawed.stderr
    assert json.loads(flawed.stdout)["blocking"]
    complete = subprocess.run(
        [sys.executable, "-m", "assistant", "check", str(complete_md)], capture_output=True, text=True, env=env, timeout=60
    )
    assert complete.returncode == 0, complete.stderr
    assert "Niets blokkeert" in complete.stdout


def test_check_gives_the_same_json_whatever_the_hash_seed(flawed_json, isolated_home):
    outputs = []
    for seed in ("1", "2"):
        env = {"WSE_ASSISTANT_HOME": str(isolated_home), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "assistant", "check", str(flawed_json), "--json"],
            capture_output=True, text=True, env=env, timeout=60,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and outputs[0]

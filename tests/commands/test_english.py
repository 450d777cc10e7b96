"""With language "en" the commands speak English: no Dutch text of the tool's own is left in `check`, and the
JSON keeps its machine-readable ids (severity, level, criterion, part) whatever the language."""

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from assistant.call import Call
from assistant.cli import main

ROOT = Path(__file__).resolve().parents[2]
PROPOSALS = ROOT / "tests" / "fixtures" / "proposals"
PO = ROOT / "assistant" / "locale" / "en" / "LC_MESSAGES" / "messages.po"
# Words that occur in nearly every Dutch sentence and in no English one the tool writes.
DUTCH_WORDS = {"het", "een", "niet", "geen", "van", "voor", "wordt", "deze", "zijn", "nog", "uw", "ontbreekt",
               "antwoord", "vraag", "sectie", "bevindingen", "blokkeert", "geschat", "deelvragen", "velden"}
SAMPLES = sorted(PROPOSALS.glob("*.md"))


def run(argv: list[str], language: str, monkeypatch, capsys) -> str:
    monkeypatch.setenv("WSE_LANGUAGE", language)
    main(argv)
    return capsys.readouterr().out


def call_texts(call: Call) -> list[str]:
    """Every text of the call file (titles, labels, level descriptions): data of the form, Dutch by nature."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(call.model_dump())
    return sorted(found, key=len, reverse=True)


def tool_text(output: str, call: Call, sample: Path) -> str:
    """The output without what is not the tool's own words: quotes of the answers, the call's texts, the
    proposal's own values (its name, its fields)."""
    text = re.sub(r"«[^»]*»", " ", output)
    answers = sample.read_text(encoding="utf-8")
    for value in call_texts(call):
        if len(value) > 2:
            text = text.replace(value, " ").replace(value[:1].lower() + value[1:], " ")
    for line in answers.splitlines():
        value = line.partition(":")[2].strip()
        if len(value) > 2:
            text = text.replace(value, " ")
    return text.replace(f"'{sample.stem}'", " ")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_check_in_english_leaves_no_dutch_of_its_own(sample, call, monkeypatch, capsys):
    output = run(["check", str(sample), "--estimate-only", "--niet-vergelijken"], "en", monkeypatch, capsys)
    assert "Answers (section D)" in output and "Fields (sections A–C)" in output
    assert not re.search(r"\d,\d", re.sub(r"«[^»]*»", "", output)), "a decimal comma in English"
    words = set(re.findall(r"[a-zà-ÿ']+", tool_text(output, call, sample).lower()))
    assert not words & DUTCH_WORDS, sorted(words & DUTCH_WORDS)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_check_in_english_shows_no_dutch_message_of_the_catalogue(sample, call, monkeypatch, capsys):
    """Every fixed piece (between placeholders) of a Dutch message that has another English is absent: a text
    marked for the catalogue but not translated where it is shown would leave it in."""
    output = tool_text(run(["check", str(sample), "--estimate-only", "--niet-vergelijken"], "en", monkeypatch, capsys),
                       call, sample)
    with PO.open("rb") as po:
        catalog = read_po(po)
    left = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.id == message.string:
            continue
        for piece in re.split(r"\{[^{}]*\}", message.id):
            if len(piece.strip()) >= 12 and piece not in message.string and piece in output:
                left.append(piece)
    assert not left


def without_texts(value: object) -> object:
    """The JSON with its human-readable texts taken out, the ids and numbers kept."""
    if isinstance(value, dict):
        return {k: without_texts(v) for k, v in value.items() if k not in {"message", "warning", "note", "blocking", "suggestion"}}
    if isinstance(value, list):
        return [without_texts(v) for v in value]
    return value


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_check_json_keeps_its_ids_in_english(sample, monkeypatch, capsys):
    argv = ["check", str(sample), "--json", "--estimate-only", "--niet-vergelijken"]
    dutch = json.loads(run(argv, "nl", monkeypatch, capsys))
    english = json.loads(run(argv, "en", monkeypatch, capsys))
    assert without_texts(english) == without_texts(dutch)
    findings = [f for q in english["questions"] for f in q["findings"]]
    assert {f["severity"] for f in findings} <= {"blokkerend", "belangrijk", "tip"}
    assert {q["level"] for q in english["questions"]} <= {"sterk", "voldoende", "zwak", "ontbreekt"}
    assert any(f["part"] for f in findings) or sample.stem == "sterk"
    # The messages themselves are translated.
    dutch_messages = {f["message"] for q in dutch["questions"] for f in q["findings"]}
    english_messages = {f["message"] for f in findings}
    assert english_messages and not english_messages & dutch_messages


def test_status_json_is_the_same_in_both_languages(tmp_path, monkeypatch, capsys):
    for sample in SAMPLES:
        assert main(["import", str(sample), "-o", str(tmp_path / f"{sample.stem}.json")]) == 0
    capsys.readouterr()
    dutch = json.loads(run(["status", str(tmp_path), "--json"], "nl", monkeypatch, capsys))
    english = json.loads(run(["status", str(tmp_path), "--json"], "en", monkeypatch, capsys))
    assert dutch["proposals"] and english == dutch


def test_field_messages_follow_the_language(monkeypatch, capsys):
    from assistant.i18n import in_language
    from assistant.review.fields import check_email

    with in_language("en"):
        assert check_email("geen adres").message.startswith("Not a valid e-mail address")
    assert check_email("geen adres").message.startswith("Geen geldig e-mailadres")


def test_help_and_argparse_errors_in_english(monkeypatch, capsys):
    monkeypatch.setenv("WSE_LANGUAGE", "en")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: wse-assistant check") and "show this help and exit" in out
    assert "voorstel" not in out
    with pytest.raises(SystemExit):
        main(["new"])
    err = capsys.readouterr().err
    assert "the following arguments are required: NAAM" in err and err.startswith("Error:")

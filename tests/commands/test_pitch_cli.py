"""`wse-assistant pitch`: text, JSON, Markdown and Word out; exit codes for thin proposals and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from assistant.cli import main

PROPOSALS = Path(__file__).parents[1] / "fixtures" / "proposals"


def test_pitch_prints_the_parts_with_their_time_and_the_jury_questions(capsys):
    assert main(["pitch", str(PROPOSALS / "sterk.md")]) == 0
    out = capsys.readouterr().out
    assert "5 minuten aan 130 woorden per minuut" in out and "past)" in out
    assert "1. Wie we zijn en wat alleen wij brengen (1:" in out
    assert "[1b] Sinds de start in 2012 begeleidden we 1.140 mensen." in out
    assert "Vragen van de jury" in out and "VDAB (" in out


def test_pitch_json_holds_the_outline_and_the_questions(capsys):
    assert main(["pitch", str(PROPOSALS / "sterk.md"), "--json", "--minuten", "3", "--tempo", "120"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outline"]["target_words"] == 360 and data["outline"]["fits"] is True
    assert [m["id"] for m in data["jury"]] == ["vdab", "lokaal_bestuur", "europa_wse"]


def test_pitch_writes_word_and_markdown(tmp_path: Path, capsys):
    word, markdown = tmp_path / "pitch.docx", tmp_path / "uit" / "pitch.md"
    assert main(["pitch", str(PROPOSALS / "sterk.md"), "-o", str(word)]) == 0
    assert main(["pitch", str(PROPOSALS / "sterk.md"), "-o", str(markdown)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "Bewijs: cijfers, partners, plaatsen, resultaten" in text and "Vragen van de jury" in text
    assert "Sinds de start in 2012 begeleidden we 1.140 mensen. [1b]" in text
    md = markdown.read_text(encoding="utf-8")
    assert md.startswith("# Pitch: sterk") and "## Lokaal bestuur" in md


def test_a_thin_proposal_exits_1_and_says_how_many_minutes_it_can_fill(capsys):
    assert main(["pitch", str(PROPOSALS / "zwak.md"), "--minuten", "5"]) == 1
    out = capsys.readouterr().out
    assert "past niet" in out and "kies --minuten 1" in out


def test_vragen_prints_only_the_questions(capsys):
    assert main(["pitch", str(PROPOSALS / "zwak.md"), "--vragen"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Vragen van de jury") and "waarom:" in out


def test_bad_input_is_one_dutch_line_and_exit_2(tmp_path: Path, capsys):
    assert main(["pitch", str(PROPOSALS / "sterk.md"), "-o", str(tmp_path / "p.pdf")]) == 2
    assert main(["pitch", str(tmp_path / "bestaat-niet.md")]) == 2
    assert main(["pitch", str(PROPOSALS / "sterk.md"), "--minuten", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("Fout:") == 3 and "Traceback" not in err
    assert not (tmp_path / "p.pdf").exists()


def test_minutes_may_be_typed_with_a_decimal_comma(capsys):
    assert main(["pitch", str(PROPOSALS / "sterk.md"), "--minuten", "2,5"]) == 0
    assert "2,5 minuten" in capsys.readouterr().out
    assert main(["pitch", str(PROPOSALS / "sterk.md"), "--minuten", "twee"]) == 2
    assert "Fout: --minuten: 'twee' is geen aantal minuten" in capsys.readouterr().err


def test_an_empty_proposal_is_told_to_write_its_answers_first(tmp_path: Path, capsys):
    empty = tmp_path / "leeg.md"
    empty.write_text("# D. Projectvoorstel\n## 1a\n", encoding="utf-8")
    assert main(["pitch", str(empty)]) == 1
    out = capsys.readouterr().out
    assert "0 bruikbare woorden (0:00): schrijf eerst de antwoorden uit." in out
    assert "geen antwoord op de vragen 1a, 1b, 1c, 2a, 2b, 2c en 2d" in out

"""Shared makers for the hostile-input tests: a real proposal on disk and the CLI run in-process."""

from __future__ import annotations

from pathlib import Path

from assistant.call import Call
from assistant.cli import main
from assistant.draft.store import write_proposal
from assistant.draft.workspace import new_proposal

FIELDS = {
    "B.organisatie": "Vzw De Brug",
    "B.rechtsvorm": "vzw",
    "B.ondernemingsnummer": "0123.456.749",
    "B.contact.naam": "Peeters, An",
    "B.contact.functie": "Coördinator",
    "B.contact.email": "an.peeters@debrug.be",
    "B.contact.telefoon": "+32 9 377 12 34",
    "C.engagement": "ja",
}


def make_proposal_file(path: Path, call: Call, answers: dict[str, str] | None = None) -> Path:
    proposal = new_proposal("Vzw De Brug", call)
    for field_id, value in FIELDS.items():
        proposal.set_field(field_id, value)
    for question_id, text in (answers or {"D1a": "Wij bieden in Eeklo trajecten op maat."}).items():
        proposal.set_answer(question_id, text)
    write_proposal(path, proposal)
    return path


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one CLI command; a traceback fails the test (main never raises)."""
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def one_dutch_line(err: str) -> str:
    """The error output is exactly one line starting with 'Fout:' (no English, no traceback)."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Fout: "), err
    return lines[0]

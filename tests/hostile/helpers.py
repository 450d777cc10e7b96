"""Shared makers for the hostile-input tests: a real proposal on disk and the CLI run in-process."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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


@contextmanager
def writer_for(fifo: Path) -> Iterator[threading.Event]:
    """Whoever opens the pipe to read gets a byte and an end, so a command that reads it fails the test
    instead of waiting for ever; the event yielded says whether anyone did. Without a reader the writer
    waits in open(); the exit holds the pipe open for reading until the writer is gone."""
    done, read = threading.Event(), threading.Event()

    def write() -> None:
        while not done.is_set():
            with suppress(BrokenPipeError), fifo.open("wb") as pipe:  # blocks until someone opens it to read
                if not done.is_set():
                    read.set()
                pipe.write(b"x")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        yield read
    finally:
        done.set()
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the waiting writer through, once
        try:
            writer.join(timeout=60)
        finally:
            os.close(reader)

"""Per-client settings from the command line: `settings FILE --taal --deadline`, kept in the proposal file,
and the deadline in `status` (text and JSON) with the days left counted today."""

import json
from datetime import date, timedelta

import pytest

from assistant.cli import main
from assistant.draft.client import describe_deadline, parse_deadline
from assistant.draft.store import read_proposal
from bench.portfolio import write_portfolio


@pytest.fixture
def folder(tmp_path, call):
    folder = tmp_path / "klanten"
    write_portfolio(folder, 3, call, words=80)
    return folder


def test_settings_shown_set_and_cleared(folder, capsys):
    path = folder / "client-1.json"
    assert main(["settings", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Taal: die van de app" in out and "Deadline: geen" in out and "Taalmodel (privacy): toegestaan" in out
    assert main(["settings", str(path), "--taal", "en", "--deadline", "31/12/2099"]) == 0
    assert "Deadline: 31/12/2099 (nog " in capsys.readouterr().out
    saved = read_proposal(path)
    assert (saved.language, saved.deadline) == ("en", date(2099, 12, 31))
    before = path.read_bytes()
    for wrong in ("31/02/2099", "morgen", "2099-13-01"):
        assert main(["settings", str(path), "--deadline", wrong]) == 2
        assert "datum" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:
        main(["settings", str(path), "--taal", "fr"])
    assert refused.value.code == 2 and "ongeldige keuze" in capsys.readouterr().err
    assert path.read_bytes() == before  # a typing error changes nothing
    assert main(["settings", str(path), "--taal", "app", "--deadline", "geen"]) == 0
    saved = read_proposal(path)
    assert (saved.language, saved.deadline) == (None, None)
    assert main(["settings", str(folder / "x.md")]) == 2


def test_a_file_from_before_the_settings_loads_with_the_defaults(folder):
    path = folder / "client-0.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("language"), data.pop("deadline")
    path.write_text(json.dumps(data), encoding="utf-8")
    proposal = read_proposal(path)
    assert (proposal.language, proposal.deadline) == (None, None)


def test_status_shows_each_clients_deadline_with_the_days_left(folder, capsys):
    assert main(["status", str(folder), "--json"]) == 0  # the index made before any deadline was set
    assert [e["deadline"] for e in json.loads(capsys.readouterr().out)["proposals"]] == [None] * 3
    soon = date.today() + timedelta(days=5)
    assert main(["settings", str(folder / "client-2.json"), "--deadline", soon.isoformat()]) == 0
    assert main(["settings", str(folder / "client-0.json"), "--deadline", "2099-12-31"]) == 0
    capsys.readouterr()
    assert main(["status", str(folder), "--json", "--sorteer", "deadline"]) == 0
    entries = json.loads(capsys.readouterr().out)["proposals"]
    assert [(e["file"], e["deadline"]) for e in entries] == [
        ("client-2.json", soon.isoformat()), ("client-0.json", "2099-12-31"), ("client-1.json", None)
    ]
    assert entries[0]["days_left"] == 5 and entries[2]["days_left"] is None
    assert main(["status", str(folder)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if "client-2.json" in line)
    assert line.endswith(f"client-2.json – deadline {soon:%d/%m/%Y} (nog 5 dagen)")


def test_deadlines_read_and_described():
    assert parse_deadline(" 1-2-2027 ") == parse_deadline("2027-02-01") == parse_deadline("01.02.2027") == date(2027, 2, 1)
    today = date(2026, 12, 3)
    assert describe_deadline(date(2026, 12, 4), today) == "04/12/2026 (nog 1 dag)"
    assert describe_deadline(today, today) == "03/12/2026 (vandaag)"
    assert describe_deadline(date(2026, 12, 1), today) == "01/12/2026 (2 dagen geleden verstreken)"

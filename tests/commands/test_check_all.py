"""`check --all`: a folder of generated proposals, one planted overlap, exit codes, JSON, progress."""

import io
import json

from assistant import locations
from assistant.cli import main
from assistant.commands.progress import Progress
from assistant.draft.store import read_proposal, write_proposal
from assistant.review.crossclient import OVERLAP
from bench.portfolio import write_portfolio

CLIENTS = 4


def plant_overlap(client_folder):
    source = read_proposal(client_folder / "client-0.json").answer_text("D2a").split("\n\n")[0]
    target = read_proposal(client_folder / "client-3.json")
    target.set_answer("D1b", target.answer_text("D1b") + "\n\n" + source)
    write_proposal(client_folder / "client-3.json", target)


def test_a_clean_folder_exits_0_with_one_table(client_folder, capsys):
    assert main(["check", "--all", str(client_folder), "--estimate-only"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1a  1b  1c  2a  2b  2c  2d  Blok.  Klant  Pag. D")
    assert [line.rsplit(" – ", 1)[1] for line in lines[1 : 1 + CLIENTS]] == [f"client-{n}.json" for n in range(CLIENTS)]
    assert lines[1 + CLIENTS].startswith(f"{CLIENTS} voorstellen nagekeken: {CLIENTS} zonder en 0 met")


def test_a_planted_overlap_blocks_both_clients(client_folder, capsys):
    plant_overlap(client_folder)
    assert main(["check", "--all", str(client_folder), "--json", "--estimate-only"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert (document["format"], document["version"]) == ("wse-assistant/check-all", 1)
    assert document["summary"] == {"proposals": CLIENTS, "blocked": 2, "unreadable": 0}
    blocked = {p["file"]: p["across_clients"] for p in document["proposals"] if p["blocking"]}
    assert blocked == {"client-0.json": 1, "client-3.json": 1}
    report = next(p["report"] for p in document["proposals"] if p["file"] == "client-3.json")
    (finding,) = [f for q in report["questions"] for f in q["findings"] if f["criterion"] == OVERLAP]
    assert "client-0.json, vraag 2a, alinea 1" in finding["message"]
    # Without the comparison nothing blocks.
    assert main(["check", "--all", str(client_folder), "--niet-vergelijken", "--estimate-only"]) == 0


def test_an_unreadable_file_gives_exit_2_and_the_others_are_still_checked(client_folder, capsys):
    (client_folder / "kapot.json").write_text("{niet", encoding="utf-8")
    assert main(["check", "--all", str(client_folder), "--estimate-only"]) == 2
    out = capsys.readouterr().out
    assert f"{CLIENTS} voorstellen nagekeken" in out and "1 niet te lezen" in out and "Niet te lezen: kapot.json" in out


def test_usage_errors(client_folder, capsys):
    assert main(["check", "--all", str(client_folder / "nergens")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    assert main(["check", "--all", str(client_folder), "--llm"]) == 2
    assert "--llm gaat niet samen met --all" in capsys.readouterr().err
    assert main(["check"]) == 2
    assert "BESTAND" in capsys.readouterr().err


def test_the_data_folder_is_the_default(capsys, call):
    assert main(["check", "--all"]) == 0
    assert "Geen voorstellen in deze map." in capsys.readouterr().out
    write_portfolio(locations.proposals_dir(), 2, call, words=80)
    assert main(["check", "--all", "--estimate-only"]) == 0
    assert "2 voorstellen nagekeken" in capsys.readouterr().out


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_a_bar_over_the_batch():
    terminal = Terminal()
    progress = Progress("Nakijken", terminal, total=8)
    for _ in range(3):
        progress.advance()
    progress.show()
    assert terminal.getvalue().endswith("Nakijken [#######·············] 3/8, 0 s")

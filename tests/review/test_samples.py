"""The review on the sample proposals and the illustrative addendum in tests/fixtures."""

import json
from pathlib import Path

from assistant.cli import main
from assistant.draft.models import Attachment
from assistant.draft.store import write_proposal
from assistant.draft.workspace import load_any
from assistant.review.offline import review_proposal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ADDENDUM = (FIXTURES / "addendum-oost-meetjesland.md").read_text(encoding="utf-8")


def with_addendum(name: str):
    loaded = load_any(FIXTURES / "proposals" / f"{name}.md")
    loaded.proposal.attachments.append(Attachment(filename="addendum.md", sha256="x", text=ADDENDUM))
    return review_proposal(loaded.proposal, loaded.call)


def test_strong_sample_passes_and_takes_up_every_challenge(capsys):
    assert main(["check", str(FIXTURES / "proposals" / "sterk.md")]) == 0
    report = with_addendum("sterk")
    assert len(report.challenges) == 7
    assert all(c.addressed_by for c in report.challenges)
    assert all(q.level in ("sterk", "voldoende") for q in report.questions)


def test_weak_sample_blocks_on_fields_and_is_weak_everywhere(capsys):
    assert main(["check", str(FIXTURES / "proposals" / "zwak.md"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [b.split(":")[0] for b in data["blocking"]] == ["Ondernemingsnummer", "Bevestigd"]
    assert {q["level"] for q in data["questions"]} == {"zwak"}
    criteria = {f["criterion"] for q in data["questions"] for f in q["findings"]}
    assert {"hergebruik", "concreetheid", "lengte"} <= criteria
    report = with_addendum("zwak")
    assert not any(c.addressed_by for c in report.challenges)
    assert any(f.criterion == "lokale_noden" and f.severity == "belangrijk" for f in report.question("D1a").findings)


def test_unfinished_sample_lists_the_missing_answers(capsys):
    assert main(["check", str(FIXTURES / "proposals" / "onvolledig.md")]) == 1
    out = capsys.readouterr().out
    for number in ("1c", "2b", "2c", "2d"):
        assert f"Vraag {number}: Nog geen antwoord" in out


def test_check_text_shows_the_addendum_challenges(tmp_path, capsys):
    loaded = load_any(FIXTURES / "proposals" / "onvolledig.md")
    loaded.proposal.attachments.append(Attachment(filename="addendum.md", sha256="x", text=ADDENDUM))
    path = tmp_path / "onvolledig.json"
    write_proposal(path, loaded.proposal)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Lokaal addendum: 2 van 7 uitdagingen behandeld" in out
    assert "✗ Nieuwkomers en taal: in geen enkel antwoord" in out

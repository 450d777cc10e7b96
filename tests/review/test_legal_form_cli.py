"""`check` on a proposal whose legal form is written in full, abbreviated, or unknown: never blocking."""

import json

import pytest

from assistant.cli import main
from assistant.draft.markdown import to_markdown
from tests.review.test_offline import complete_proposal


@pytest.mark.parametrize(
    ("written", "warned"),
    [
        ("vereniging zonder winstoogmerk (vzw)", False),
        ("coöperatieve vennootschap (CV), erkend als sociale onderneming", False),
        ("Comm. V", False),
        ("ziekenfonds", True),
    ],
)
def test_check_exits_0_whatever_legal_form_is_written(call, tmp_path, capsys, written, warned):
    proposal = complete_proposal(call)
    proposal.set_field("B.rechtsvorm", written)
    path = tmp_path / "voorstel.md"
    path.write_text(to_markdown(proposal, call), encoding="utf-8")
    assert main(["check", str(path), "--estimate-only", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    form = next(f for f in report["fields"] if f["id"] == "B.rechtsvorm")
    assert form["ok"] and form["value"] == written and report["blocking"] == []
    assert (form["warning"] is not None) is warned
    assert main(["check", str(path), "--estimate-only"]) == 0
    out = capsys.readouterr().out
    assert ("! 'ziekenfonds' is geen rechtsvorm" in out) is warned and "Niets blokkeert de indiening." in out


def test_the_document_keeps_the_legal_form_as_written(call, tmp_path):
    written = "coöperatieve vennootschap (CV), erkend als sociale onderneming"
    proposal = complete_proposal(call)
    proposal.set_field("B.rechtsvorm", written)
    source = tmp_path / "voorstel.md"
    source.write_text(to_markdown(proposal, call), encoding="utf-8")
    assert main(["export", str(source), "-o", str(tmp_path / "uit.docx")]) == 0
    import docx  # noqa: PLC0415

    cells = [cell.text for table in docx.Document(str(tmp_path / "uit.docx")).tables for row in table.rows for cell in row.cells]
    assert written in cells

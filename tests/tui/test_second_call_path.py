"""The second call (tests/fixtures/calls) through the whole path as a user takes it: new, the interview in
the app, check, export, pages (LibreOffice) and import of the exported document, no Python of its own."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from assistant.cli import main
from assistant.draft.store import read_proposal
from assistant.tui.app import WseApp
from assistant.tui.screens.interview import InterviewScreen
from tests.call.test_second_call import ANSWERS, FIELDS, SECOND
from tests.libreoffice import require_soffice
from tests.tui.conftest import settled, until

pytestmark = pytest.mark.anyio


async def test_new_interview_check_export_pages_and_import_of_the_second_call(settings, tmp_path, capsys):
    soffice = require_soffice()
    assert soffice
    # new
    assert main(["new", "Vzw Springplank", "--call", str(SECOND)]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert read_proposal(path).call_id == "kempen-inschakeling-2027"

    # the interview in the app: the form of sections I–II, then the five questions of III
    app = WseApp(proposal_path=path, settings=settings)
    async with app.run_test(size=(130, 36)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.current == "I.naam" and isinstance(app.focused, Input)
        await pilot.press(*"Vzw Springplank")
        titles = [str(s.render()) for s in screen.query(".form-section").results(Static)]
        assert titles == ["I. Aanvrager", "II. Verklaring op eer"]
        intro = str(screen.query_one(".section-intro", Static).render())
        assert "niet dubbel gefinancierd" in intro and "[1] Zie het subsidiereglement" in intro
        screen.query_one("#f-I-type", Select).value = "andere"
        await pilot.pause()
        other = screen.query_one("#f-I-type-other", Input)
        assert other.placeholder == "Ander type organisatie"
        other.focus()
        await pilot.press(*"sociale coöperatie")
        for field_id in ("I.kbo", "I.verantwoordelijke", "I.mail"):
            screen.query_one(f"#f-{field_id.replace('.', '-')}", Input).focus()
            await pilot.pause()
            await pilot.press(*FIELDS[field_id])
        declaration = screen.query_one("#f-II-verklaring", Checkbox)
        assert "Wij verklaren deze aanvraag op eer." in str(declaration.label)
        declaration.value = True
        await pilot.pause()
        for question_id, text in ANSWERS.items():
            screen.goto(question_id)
            await pilot.pause()
            assert isinstance(app.focused, TextArea)
            app.focused.insert(text)
            await pilot.pause()

        def meter() -> str:
            return str(screen.query_one("#page-meter", Static).render())

        await until(pilot, lambda: "4.3: " in meter())
        assert meter().startswith("Sectie III ≈ ") and " van 6 p." in meter()
        nav = str(screen.query_one("#navigator").get_option_at_index(0).prompt)
        assert nav == "Gegevens (I–II)"
        await until(pilot, lambda: read_proposal(path).answer_text("4.3") == ANSWERS["4.3"])
    on_disk = read_proposal(path)
    assert on_disk.fields == FIELDS
    assert {q: on_disk.answer_text(q) for q in ANSWERS} == ANSWERS
    capsys.readouterr()

    # check (offline)
    assert main(["check", str(path), "--offline"]) == 0
    out = capsys.readouterr().out
    assert "Antwoorden (sectie III)" in out and "Velden (secties I–II)" in out
    assert "  4.3 " in out and "Pagina's sectie III: " in out and "van maximum 6" in out
    assert main(["check", str(path), "--offline", "--json", "--estimate-only"]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert [q["id"] for q in checked["questions"]] == list(ANSWERS)
    assert checked["pages"]["section"] == "III" and checked["blocking"] == []

    # export .docx
    exported = tmp_path / "springplank.docx"
    assert main(["export", str(path), "-o", str(exported)]) == 0
    document = docx.Document(str(exported))
    texts = [p.text for p in document.paragraphs]
    assert "III. Projectplan (max 6 pagina's)" in texts and "3.1. " + "Welke doelgroep bereikt u, en hoe leidt u hen naar werk?" in texts
    assert "II. Verklaring op eer" in texts and "Verklaard: ja" in texts
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Naam van de organisatie", "Vzw Springplank"]
    assert any(c.text == "Projectverantwoordelijke" for row in table.rows for c in row.cells)
    assert document.core_properties.identifier == "kempen-inschakeling-2027"

    # pages, rendered by LibreOffice
    capsys.readouterr()
    assert main(["pages", str(path), "--json"]) == 0
    pages = json.loads(capsys.readouterr().out)
    assert pages["section"] == "III" and pages["limit"] == 6 and pages["rendered"] == 1
    assert [q["number"] for q in pages["per_question"]] == list(ANSWERS)
    assert main(["pages", str(path)]) == 0
    assert "Sectie III: geschat" in capsys.readouterr().out

    # import of the exported document, without naming the call: the document says which one
    assert main(["import", str(exported)]) == 0
    imported = Path(capsys.readouterr().out.split(":")[0])
    back = read_proposal(imported)
    assert back.call_id == "kempen-inschakeling-2027"
    assert back.fields == read_proposal(path).fields
    assert {q: back.answer_text(q) for q in ANSWERS} == ANSWERS

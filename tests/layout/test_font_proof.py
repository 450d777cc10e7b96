"""The page proof reads back the fonts LibreOffice used, and says how much room section D has left."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.call import load_call
from assistant.cli import main
from assistant.commands.pages import PAGES
from assistant.draft.store import write_proposal
from assistant.layout.estimate import estimate_pages
from assistant.layout.pages import exact_proof, render_page_report, render_pdf, room_text, with_rendering
from assistant.layout.render import font_family, renderer_version, require_soffice, section_pages
from assistant.layout.report import PageReport
from tests.layout.corpus import corpus_proposal
from tests.layout.samples import sample_proposal
from tests.libreoffice import require_soffice as soffice_or_skip

MISSING_FONT = "Onbestaand Lettertype"


def _call_with_missing_font(tmp_path: Path):
    """The bundled call file with its page rule's font set to one no machine has: LibreOffice falls back."""
    bundled = Path(load_call().source_path)
    text = bundled.read_text(encoding="utf-8")
    assert 'font = "Calibri"' in text
    path = tmp_path / "zonder-lettertype.toml"
    path.write_text(text.replace('font = "Calibri"', f'font = "{MISSING_FONT}"'), encoding="utf-8")
    return path, load_call(str(path))


def test_the_rendered_pdf_names_carlito_and_the_proof_is_exact(call, tmp_path):
    soffice_or_skip()
    pdf, _ = render_pdf(sample_proposal(call), call, tmp_path)
    rendered = section_pages(pdf, call)
    assert rendered.body_font in ("Carlito", "Calibri") and rendered.exact_font
    report = with_rendering(estimate_pages(sample_proposal(call), call), rendered, "LibreOffice")
    assert exact_proof(report) and report.note is None


def test_a_font_libreoffice_does_not_have_makes_the_proof_say_it_is_not_exact(tmp_path):
    soffice_or_skip()
    _, call = _call_with_missing_font(tmp_path)
    assert call.page_rule.font == MISSING_FONT
    proposal = sample_proposal(call)
    pdf, _ = render_pdf(proposal, call, tmp_path)
    rendered = section_pages(pdf, call)
    assert rendered.body_font and rendered.body_font not in ("Carlito", "Calibri", MISSING_FONT)
    report = with_rendering(estimate_pages(proposal, call), rendered, renderer_version(require_soffice()))
    assert not exact_proof(report)
    assert report.body_font == rendered.body_font
    assert report.note is not None and report.note.startswith(f"niet exact: LibreOffice zette de tekst in {rendered.body_font}")


def test_pages_cli_warns_when_the_font_is_missing_and_shows_the_room_left(tmp_path, capsys):
    soffice_or_skip()
    call_path, call = _call_with_missing_font(tmp_path)
    proposal = corpus_proposal(call, 5, 6.0)
    proposal.call_path = str(call_path)
    write_proposal(tmp_path / "p.json", proposal)
    assert main(["pages", str(tmp_path / "p.json")]) == 0
    out = capsys.readouterr().out
    assert "Let op, niet exact: LibreOffice zette de tekst in " in out and "fonts-crosextra-carlito" in out
    assert main(["pages", str(tmp_path / "p.json"), "--json"]) == 0
    report = PageReport(**json.loads(capsys.readouterr().out))
    assert report.body_font not in (None, "Carlito", "Calibri") and report.note.startswith("niet exact")
    rendered_line = next(line for line in out.splitlines() if line.startswith("Gerenderd met"))
    assert f": {room_text(report, PAGES)} (" in rendered_line


def test_pages_cli_with_carlito_claims_no_inexactness(call, tmp_path, capsys):
    soffice_or_skip()
    proposal = corpus_proposal(call, 5, 8.0)
    write_proposal(tmp_path / "p.json", proposal)
    assert main(["pages", str(tmp_path / "p.json")]) == 0
    out = capsys.readouterr().out
    assert "niet exact" not in out
    report = render_page_report(proposal, call)
    assert exact_proof(report)
    used = f"{report.rendered - 1 + report.last_page_fill:.1f}".replace(".", ",")
    assert f"Gerenderd met {report.renderer}: {used} van 10 pagina's, nog " in out


@pytest.mark.parametrize(
    ("estimated", "text"),
    [
        (9.4, "9,4 van 10, nog 0,6 vrij"),
        (3.0, "3,0 van 10, nog 7,0 vrij"),
        (9.96, "10,0 van 10, bijna vol"),
        (10.02, "10,0 van 10, 0,1 te veel"),
        (12.37, "12,4 van 10, 2,4 te veel"),
    ],
)
def test_room_left_in_dutch(estimated, text):
    assert room_text(PageReport(section="D", limit=10, estimated=estimated, over_limit=estimated > 10)) == text


def test_room_left_after_rendering_counts_the_used_part_of_the_last_page():
    report = PageReport(section="D", limit=10, estimated=9.0, rendered=10, last_page_fill=0.6, over_limit=False)
    assert room_text(report) == "9,6 van 10, nog 0,4 vrij"


def test_pages_estimate_only_shows_the_room_left(call, tmp_path, capsys):
    proposal = corpus_proposal(call, 5, 8.0)
    write_proposal(tmp_path / "p.json", proposal)
    assert main(["pages", str(tmp_path / "p.json"), "--estimate-only"]) == 0
    estimated = estimate_pages(proposal, call).estimated
    found = re.search(r"Sectie D: geschat (\d+,\d) van 10 pagina's, nog (\d+,\d) vrij\.", capsys.readouterr().out)
    assert found, "no room left in the output"
    used, room = (float(group.replace(",", ".")) for group in found.groups())
    assert abs(used - estimated) <= 0.05 and 0 <= 10 - estimated - room < 0.1


def test_font_family_of_pdf_font_names():
    assert font_family("/BAAAAA+Carlito-Bold") == "Carlito"
    assert font_family("/Calibri,Bold") == "Calibri"
    assert font_family("/CAAAAA+DejaVuSans") == "DejaVuSans"
    assert font_family("/ABC+Odd-Name") == "ABC+Odd"


def test_export_and_check_say_a_count_in_another_font_is_not_exact(tmp_path, capsys):
    soffice_or_skip()
    call_path, call = _call_with_missing_font(tmp_path)
    proposal = corpus_proposal(call, 5, 6.0)
    proposal.call_path = str(call_path)
    write_proposal(tmp_path / "p.json", proposal)
    assert main(["export", str(tmp_path / "p.json"), "-o", str(tmp_path / "p.pdf")]) == 0
    assert "Let op: niet exact: LibreOffice zette de tekst in " in capsys.readouterr().err
    main(["check", str(tmp_path / "p.json"), "--offline"])
    counted = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Pagina's sectie D"))
    assert "gerenderd met" in counted and "(niet exact: LibreOffice zette de tekst in " in counted

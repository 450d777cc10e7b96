"""Page counts of section D: the estimate against LibreOffice on a corpus, and the renderer's edges."""

import shutil
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant import locations
from assistant.layout.document import write_docx
from assistant.layout.estimate import estimate_pages
from assistant.layout.pages import pages_for_check, render_page_report
from assistant.layout.render import RendererMissingError, RenderError, convert_to_pdf, section_pages
from tests.layout.corpus import corpus, corpus_proposal, edge_corpus, fixture_proposals, structured_corpus
from tests.layout.samples import sample_proposal
from tests.libreoffice import require_soffice

TOLERANCE = 0.3  # pages: the bound for every proposal of the corpus


def test_estimate_is_within_a_third_of_a_page_of_libreoffice_on_the_whole_corpus(call, tmp_path):
    require_soffice()
    structured = structured_corpus(call)
    proposals = corpus(call) + edge_corpus(call) + fixture_proposals(call) + structured
    sources = []
    for index, proposal in enumerate(proposals):
        sources.append(tmp_path / f"corpus-{index:02d}.docx")
        write_docx(proposal, call, sources[-1])
    pdfs = convert_to_pdf(sources, tmp_path / "pdf")  # one LibreOffice run for all of them
    rendered = [section_pages(pdf, call) for pdf in pdfs]
    counts = [r.section_pages for r in rendered]
    assert len(proposals) >= 25
    generated = counts[: len(corpus(call))]
    assert min(generated) <= 3 and max(generated) >= 13 and all(2 <= c <= 14 for c in generated), generated
    errors = {
        pdf.name: round(estimate_pages(proposal, call).estimated - result.section_extent, 3)
        for proposal, pdf, result in zip(proposals, pdfs, rendered, strict=True)
    }
    assert all(abs(error) <= TOLERANCE for error in errors.values()), errors
    # Tables (rows kept whole, borders) and nested lists: as exact as plain paragraphs.
    assert all(abs(error) <= 0.05 for error in list(errors.values())[-len(structured) :]), errors
    # Far tighter on average: a regression in the line or page model shows here first.
    assert sum(abs(error) for error in errors.values()) / len(errors) <= 0.05, errors


def test_section_d_starts_on_a_new_page(call, tmp_path):
    require_soffice()
    write_docx(sample_proposal(call), call, tmp_path / "s.docx")
    pdf = convert_to_pdf([tmp_path / "s.docx"], tmp_path)[0]
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    start = next(i for i, text in enumerate(pages) if "D. Projectvoorstel" in text)
    assert pages[start].lstrip().startswith("D. Projectvoorstel")
    assert "Bevestigd" in pages[start - 1]
    assert section_pages(pdf, call).section_pages == len(pages) - start


def test_rendered_report_names_the_renderer_and_agrees_with_the_estimate(call):
    require_soffice()
    report = render_page_report(corpus_proposal(call, 7, 6.0), call)
    assert report.renderer.startswith("LibreOffice ")
    assert 0 < report.last_page_fill <= 1
    assert abs(report.rendered - 1 + report.last_page_fill - report.estimated) <= TOLERANCE
    cached = list((locations.cache_dir() / "pages").glob("*.json"))
    assert len(cached) == 1  # a second count of the same content does not start LibreOffice again
    assert render_page_report(corpus_proposal(call, 7, 6.0), call) == report


def test_estimate_grows_with_text_and_flags_the_limit(call):
    short = corpus_proposal(call, 1, 4.0)
    long = corpus_proposal(call, 1, 12.0)
    small, large = estimate_pages(short, call), estimate_pages(long, call)
    assert small.estimated < large.estimated
    assert not small.over_limit and large.over_limit
    assert [q.id for q in large.per_question] == [q.id for q in call.questions]
    assert sum(q.pages for q in large.per_question) <= large.estimated


def _path_without_libreoffice(monkeypatch, tmp_path: Path, script: str | None = None) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    if script is not None:
        fake = bin_dir / "soffice"
        fake.write_text(script)
        fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))


def test_missing_libreoffice_is_a_clear_message_and_check_falls_back(call, monkeypatch, tmp_path):
    _path_without_libreoffice(monkeypatch, tmp_path)
    with pytest.raises(RendererMissingError, match="LibreOffice is niet gevonden"):
        render_page_report(sample_proposal(call), call)
    report = pages_for_check(sample_proposal(call), call)
    assert report.rendered is None and report.renderer is None
    assert report.note == "schatting: LibreOffice is niet geïnstalleerd"


def test_hanging_libreoffice_is_stopped_after_the_timeout(call, monkeypatch, tmp_path):
    _path_without_libreoffice(monkeypatch, tmp_path, f"#!/bin/sh\nexec {shutil.which('sleep')} 60\n")
    source = tmp_path / "s.docx"
    write_docx(sample_proposal(call), call, source)
    started = time.monotonic()
    with pytest.raises(RenderError, match="gaf na 1 s nog geen PDF"):
        convert_to_pdf([source], tmp_path / "out", timeout_s=1)
    assert time.monotonic() - started < 10


def test_libreoffice_without_output_is_reported(call, monkeypatch, tmp_path):
    _path_without_libreoffice(
        monkeypatch, tmp_path, "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n"
    )
    source = tmp_path / "s.docx"
    write_docx(sample_proposal(call), call, source)
    with pytest.raises(RenderError, match="source file could not be loaded"):
        convert_to_pdf([source], tmp_path / "out")

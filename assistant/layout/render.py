"""Render exported documents with LibreOffice headless and count the pages of section D in the PDF.

Every run gets its own LibreOffice profile directory (a user's open LibreOffice or a stale lock never
blocks it) and a timeout after which the whole process group is killed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.call.models import Call
from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.layout.metrics import font_metrics
from assistant.layout.typography import typography

RENDER_TIMEOUT_S = 120.0
_BINARIES = ("soffice", "libreoffice")
# The fonts the estimate is measured on: Calibri, or Carlito (its metric twin). With any other font in
# the body the rendered count is LibreOffice's layout of another document, so it is not the exact proof.
EXACT_FONTS = ("Carlito", "Calibri")


class RendererMissingError(AssistantError):
    """LibreOffice is not installed."""


class RenderError(AssistantError):
    """LibreOffice ran but gave no usable PDF (or hung)."""


@dataclass(frozen=True)
class RenderedPages:
    total_pages: int
    section_pages: int  # pages of section D
    last_page_fill: float  # share of the text area used on D's last page, 0..1
    body_font: str = ""  # the font family that set most of section D's text in the PDF

    @property
    def exact_font(self) -> bool:
        return self.body_font in EXACT_FONTS

    @property
    def section_extent(self) -> float:
        """Section D as a fraction of pages: full pages plus the used part of the last one."""
        return self.section_pages - 1 + self.last_page_fill


def find_soffice() -> str | None:
    for name in _BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_soffice() -> str:
    binary = find_soffice()
    if binary is None:
        raise RendererMissingError(
            _(
                "LibreOffice is niet gevonden (opdracht 'soffice'). Installeer LibreOffice Writer "
                "(Debian/Ubuntu: apt install libreoffice-writer-nogui fonts-crosextra-carlito) of gebruik "
                "de schatting."
            )
        )
    return binary


@cache
def renderer_version(binary: str) -> str:
    """'LibreOffice 7.4.7.2' as `soffice --version` reports it."""
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "LibreOffice (versie onbekend)"
    words = out.split()
    return " ".join(words[:2]) if len(words) >= 2 else "LibreOffice (versie onbekend)"


def convert_to_pdf(sources: list[Path], outdir: Path, timeout_s: float = RENDER_TIMEOUT_S) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice run; returns the PDFs in the order given."""
    binary = require_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wse-lo-profile-") as profile:
        command = [
            binary, "--headless", "--norestore", "--nolockcheck", "--nodefault",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources),
        ]  # fmt: skip
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=_quiet_env()
        )
        try:
            _stdout, stderr = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise RenderError(
                _(
                    "LibreOffice gaf na {timeout_s:.0f} s nog geen PDF en is gestopt. Sluit andere "
                    "LibreOffice-vensters en probeer opnieuw, of gebruik de schatting."
                ).format(timeout_s=timeout_s)
            ) from None
    pdfs = [outdir / (source.stem + ".pdf") for source in sources]
    missing = [pdf.name for pdf in pdfs if not pdf.exists()]
    if missing:
        detail = stderr.decode(errors="replace").strip().splitlines()[-1:] or [_("geen uitleg")]
        raise RenderError(
            _(
                "LibreOffice maakte geen PDF van {value} (exit {returncode}: {detail})."
            ).format(value=', '.join(missing), returncode=process.returncode, detail=detail[0])
        )
    return pdfs


def _quiet_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")  # no display needed, none looked for
    return env


def section_pages(pdf: Path, call: Call) -> RenderedPages:
    """Find the page where the counted section's heading starts and measure how full its last page is."""
    from pypdf import PdfReader  # noqa: PLC0415 - only rendering needs it
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    heading = call.section(call.question_section).title.split("(")[0].strip()
    try:
        reader = PdfReader(pdf)
        pages = reader.pages
        start = next((i for i, page in enumerate(pages) if heading in page.extract_text()), None)
        if start is None:
            raise RenderError(_("De kop '{heading}' staat niet in de PDF; het document is niet volledig gerenderd.").format(heading=heading))
        last = pages[len(pages) - 1]
        baselines: list[tuple[float, float]] = []
        fonts: Counter[str] = Counter()  # characters per font family

        def count(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if isinstance(font, dict) and text.strip():
                fonts[font_family(str(font.get("/BaseFont", "")))] += len(text.strip())

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            count(text, cm, tm, font, size)
            if text.strip():
                # The baseline's y on the page: the text matrix mapped through the current transformation.
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
                baselines.append((y, size * (scale or 1.0)))

        for page in pages[start : len(pages) - 1]:
            page.extract_text(visitor_text=count)
        last.extract_text(visitor_text=visit)
        page_height = float(last.mediabox.height)
    except PyPdfError as exc:
        raise RenderError(_("De PDF van LibreOffice kan niet gelezen worden: {exc}.").format(exc=exc)) from None
    typo = typography(call.page_rule)
    top, bottom = page_height - typo.margin_pt, typo.margin_pt
    body = [(y, size) for y, size in baselines if bottom <= y <= top]  # the footer lies below the margin
    fill = 0.0
    if body:
        y, size = min(body)
        descent = font_metrics()["regular"].descent_twips(size) / 20
        fill = min(1.0, max(0.0, (top - (y - descent)) / typo.text_height_pt))
    body_font = fonts.most_common(1)[0][0] if fonts else ""
    return RenderedPages(len(pages), len(pages) - start, round(fill, 3), body_font)


def font_family(base_font: str) -> str:
    """'/BAAAAA+Carlito-Bold' -> 'Carlito': the family of a PDF font, without subset tag and style."""
    name = base_font.lstrip("/")
    tag, plus, rest = name.partition("+")
    if plus and len(tag) == 6 and tag.isupper():
        name = rest
    return re.split(r"[-,]", name, maxsplit=1)[0]

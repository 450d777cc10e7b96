"""Page reports of section D: rendered by LibreOffice when it is there, estimated always.

Rendered counts are cached by content, so a second `check` or `pages` on an unchanged proposal does
not start LibreOffice again.
"""

from __future__ import annotations

import hashlib
import json
import math
import tempfile
from pathlib import Path

from assistant import __version__, locations
from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.text import dutch_number
from assistant.i18n import _
from assistant.layout.document import Export, build_docx
from assistant.layout.estimate import estimate_pages
from assistant.layout.render import (
    EXACT_FONTS,
    RenderedPages,
    RendererMissingError,
    convert_to_pdf,
    find_soffice,
    renderer_version,
    require_soffice,
    section_pages,
)
from assistant.layout.report import PageReport

# Beyond this distance from the limit the estimate (within 0.3 page of the rendering) settles the
# question on its own and an export need not wait for LibreOffice.
CERTAIN_MARGIN = 0.5
# `check` shows LibreOffice's count, except for a section D this far over the limit: rendering hundreds
# of pages takes minutes and tells nothing the estimate does not (a 2 MB answer: 28 s).
NO_RENDER_OVER = 5.0


def _cache_path(proposal: Proposal, call: Call, version: str) -> Path:
    content = json.dumps(
        [
            __version__,  # a new release may lay the document out differently
            "body_font",  # counts cached before the fonts were read back lack them
            call.sha256,
            version,
            proposal.fields,
            {q: a.text for q, a in sorted(proposal.answers.items())},
        ],
        sort_keys=True,
    )
    return locations.cache_dir() / "pages" / (hashlib.sha256(content.encode()).hexdigest()[:32] + ".json")


def render_pdf(proposal: Proposal, call: Call, outdir: Path) -> tuple[Path, Export]:
    """Export to .docx and let LibreOffice render it; the PDF lands in `outdir`."""
    source = outdir / "voorstel.docx"
    export = build_docx(proposal, call)
    source.write_bytes(export.data)
    return convert_to_pdf([source], outdir)[0], export


def rendered_pages(proposal: Proposal, call: Call) -> tuple[RenderedPages, str]:
    """Section D as LibreOffice lays it out, with the renderer's name and version."""
    version = renderer_version(require_soffice())
    cached = _cache_path(proposal, call, version)
    if cached.exists():
        try:
            return RenderedPages(**json.loads(cached.read_text(encoding="utf-8"))), version
        except (OSError, ValueError, TypeError):
            cached.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="wse-render-") as tmp:
        result = section_pages(render_pdf(proposal, call, Path(tmp))[0], call)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(result.__dict__), encoding="utf-8")
    except OSError:
        pass  # a cache that cannot be written only costs time
    return result, version


def with_rendering(report: PageReport, rendered: RenderedPages, version: str) -> PageReport:
    update: dict[str, object] = {
        "rendered": rendered.section_pages,
        "last_page_fill": rendered.last_page_fill,
        "renderer": version,
        "body_font": rendered.body_font,
        "over_limit": rendered.section_pages > report.limit,
    }
    if not rendered.exact_font:
        update["note"] = font_warning(rendered.body_font)
    return report.model_copy(update=update)


def font_warning(font: str) -> str:
    """Why a rendering in another font is no exact proof, and how to make it one."""
    used = _("in {font}").format(font=font) if font else _("in een onbekend lettertype")
    return _(
        "niet exact: LibreOffice zette de tekst {used} in plaats van {fonts}; "
        "installeer Carlito (Debian/Ubuntu: fonts-crosextra-carlito) voor de exacte telling"
    ).format(used=used, fonts=_(" of ").join(EXACT_FONTS))


def exact_proof(report: PageReport) -> bool:
    """Whether the rendered count is the exact proof: rendered, and in the font the form is measured on."""
    return report.rendered is not None and report.body_font in EXACT_FONTS


def used_pages(report: PageReport) -> float:
    """Section D in pages as a fraction: LibreOffice's pages with the used part of the last, else the estimate."""
    if report.rendered is None:
        return report.estimated
    return report.rendered - 1 + (report.last_page_fill or 0)


def room_text(report: PageReport, unit: str = "") -> str:
    """'9,4 van 10, nog 0,6 vrij': how much of the limit section D uses and what is left (or too much)."""
    used = used_pages(report)
    text = _("{used} van {limit}{unit}").format(used=tenths(used), limit=report.limit, unit=unit)
    room = round((report.limit - used) * 10, 6)  # in tenths; rounded first so 10 - 9.4 is 6, not 5.999…
    if room >= 1:
        return _("{text}, nog {room} vrij").format(text=text, room=tenths(math.floor(room) / 10))  # never more than there is
    if room >= 0:
        return _("{text}, bijna vol").format(text=text)
    return _("{text}, {room} te veel").format(text=text, room=tenths(math.ceil(-room) / 10))


def tenths(value: float) -> str:
    return dutch_number(value)


def render_page_report(proposal: Proposal, call: Call) -> PageReport:
    """Estimate plus LibreOffice's count; raises RendererMissingError without LibreOffice."""
    rendered, version = rendered_pages(proposal, call)
    return with_rendering(estimate_pages(proposal, call), rendered, version)


def pages_for_check(proposal: Proposal, call: Call, render: bool = True) -> PageReport:
    """What `check` reports: the rendered count when LibreOffice is there, else the estimate, saying which."""
    estimate = estimate_pages(proposal, call)
    if not render:
        return estimate.model_copy(update={"note": _("schatting, niet gerenderd")})
    if estimate.estimated > estimate.limit + NO_RENDER_OVER:
        return estimate.model_copy(update={"note": _("schatting: ver boven de limiet, dus niet gerenderd")})
    if find_soffice() is None:
        return estimate.model_copy(update={"note": _("schatting: LibreOffice is niet geïnstalleerd")})
    try:
        return render_page_report(proposal, call)
    except RendererMissingError:
        return estimate.model_copy(update={"note": _("schatting: LibreOffice is niet geïnstalleerd")})


def needs_rendering(estimate: PageReport) -> bool:
    """Whether the estimate is too close to the limit to decide without LibreOffice."""
    return abs(estimate.estimated - estimate.limit) <= CERTAIN_MARGIN


def over_limit_message(report: PageReport) -> str:
    """By how much the counted section is too long and which answers overshoot their budget most.

    The one wording of it: `check`, `export` and the app's export dialog all show this."""
    extent = report.rendered - 1 + (report.last_page_fill or 0) if report.rendered is not None else report.estimated
    excess = max(extent - report.limit, 0.01)
    counted = (
        _("{count} {pages} volgens {renderer}").format(
            count=report.rendered, pages=pages_word(report.rendered), renderer=report.renderer
        )
        if report.rendered is not None
        else _("geschat {pages}").format(pages=pages_text(report.estimated))
    )
    message = _("Sectie {section} is te lang: {counted}, ongeveer {excess} te veel (maximum {limit}).").format(
        section=report.section, counted=counted, excess=pages_text(excess), limit=report.limit
    )
    overshooting = sorted(
        (q for q in report.per_question if round(q.pages - q.budget, 2) > 0), key=lambda q: q.pages - q.budget, reverse=True
    )[:3]
    if not overshooting:
        return message + _(" Geen antwoord gaat over zijn budget: kort waar het kan.")
    worst = ", ".join(
        f"{q.number} {nl_number(q.pages)} p. (budget {nl_number(q.budget)}, +{nl_number(q.pages - q.budget)})"
        for q in overshooting
    )
    return message + _(" Het langst tegenover hun budget: {worst}.").format(worst=worst)


def pages_word(count: float) -> str:
    """'pagina' up to one (as written, to two decimals), 'pagina's' above."""
    return _("pagina") if round(count, 2) <= 1 else _("pagina's")


def pages_text(count: float) -> str:
    return f"{nl_number(count)} {pages_word(count)}"


def nl_number(value: float) -> str:
    return dutch_number(value, 2, trim=True)

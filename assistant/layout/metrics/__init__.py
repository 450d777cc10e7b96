"""Advance widths and line metrics of the fonts the renderer uses (generated: scripts/generate_font_metrics.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

STYLE_KEYS = ("regular", "bold", "italic", "bolditalic")


class Widths(dict[str, int]):
    """Advance widths by character; a character the table lacks gets the width of "n"."""

    def __missing__(self, char: str) -> int:
        return self["n"]


@dataclass(frozen=True)
class FontMetrics:
    units_per_em: int
    ascent: int
    descent: int
    widths: Widths  # character -> advance width in font units

    def line_twips(self, size_pt: float) -> int:
        """A single-spaced line as LibreOffice sets it: ascent plus descent, rounded to twips."""
        return round(size_pt * 20 * (self.ascent + self.descent) / self.units_per_em)

    def ascent_twips(self, size_pt: float) -> int:
        return round(size_pt * 20 * self.ascent / self.units_per_em)

    def descent_twips(self, size_pt: float) -> int:
        return round(size_pt * 20 * self.descent / self.units_per_em)


def style_key(bold: bool, italic: bool) -> str:
    return STYLE_KEYS[int(bold) + 2 * int(italic)]


@cache
def font_metrics() -> dict[str, FontMetrics]:
    """Metrics per style. Calibri is set in Carlito, its metric-compatible twin, on Linux."""
    raw = json.loads((resources.files(__package__) / "carlito.json").read_text(encoding="utf-8"))
    result = {}
    for key in STYLE_KEYS:
        style = raw["styles"][key]
        widths = Widths((chr(int(code)), width) for code, width in style["widths"].items())
        result[key] = FontMetrics(style["units_per_em"], style["ascent"], style["descent"], widths)
    return result

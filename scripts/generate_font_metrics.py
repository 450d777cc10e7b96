"""Write assistant/layout/metrics/carlito.json: advance widths and line metrics of the Carlito fonts.

Carlito is metric-compatible with Calibri and is what LibreOffice renders Calibri with on Linux, so
its widths are the ones the page estimate must wrap with. Run after a font update:

    .venv/bin/python scripts/generate_font_metrics.py [--output FILE]

(fonttools comes with the test extras.) A test regenerates the table and compares it with the shipped one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path("/usr/share/fonts/truetype/crosextra")
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}
# Latin, Greek, punctuation, currency and arrows cover what Dutch answers contain; the estimate falls
# back to the width of "n" for anything else.
RANGES = [(0x20, 0x250), (0x370, 0x400), (0x2000, 0x2070), (0x20A0, 0x20C0), (0x2100, 0x2200)]
OUT = Path(__file__).resolve().parent.parent / "assistant" / "layout" / "metrics" / "carlito.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUT)
    out = parser.parse_args().output
    data: dict[str, object] = {"family": "Carlito", "metric_compatible_with": "Calibri", "styles": {}}
    for key, suffix in STYLES.items():
        font = TTFont(FONT_DIR / f"Carlito-{suffix}.ttf")
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        widths = {str(code): hmtx[cmap[code]][0] for start, end in RANGES for code in range(start, end) if code in cmap}
        os2 = font["OS/2"]
        data["styles"][key] = {  # type: ignore[index]
            "version": font["head"].fontRevision,
            "units_per_em": font["head"].unitsPerEm,
            # LibreOffice and Word size a line by the Windows ascent and descent.
            "ascent": os2.usWinAscent,
            "descent": os2.usWinDescent,
            "widths": widths,
        }
    out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(out, out.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

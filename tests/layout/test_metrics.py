"""The shipped width table is the one the installed Carlito fonts give (what LibreOffice renders with)."""

import subprocess
import sys
from pathlib import Path

from assistant.layout.metrics import font_metrics
from tests.libreoffice import missing

ROOT = Path(__file__).resolve().parents[2]
FONT = Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")


def test_shipped_table_matches_the_installed_fonts(tmp_path):
    if not FONT.exists():
        missing("The Carlito font", "apt install fonts-crosextra-carlito")
    out = tmp_path / "carlito.json"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_font_metrics.py"), "--output", str(out)],
        check=True,
        capture_output=True,
    )
    shipped = ROOT / "assistant" / "layout" / "metrics" / "carlito.json"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")


def test_metrics_have_what_the_estimate_relies_on():
    regular = font_metrics()["regular"]
    assert regular.units_per_em == 2048
    assert regular.line_twips(11) == 269  # 13.45 pt: what LibreOffice sets a Calibri 11 pt line at
    assert regular.widths["é"] > 0 and regular.widths["€"] > 0
    assert regular.widths["\U0001f600"] == regular.widths["n"]  # unknown characters: the width of "n"
    assert font_metrics()["bold"].widths["m"] > regular.widths["m"]

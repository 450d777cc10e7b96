"""The wheel carries the call files, the prompt templates and the calibration set."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_call_files_and_every_prompt_template(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("wse_assistant-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for call_file in (ROOT / "assistant" / "call" / "calls").glob("*.toml"):
        assert f"assistant/call/calls/{call_file.name}" in names
    templates = [p for p in (ROOT / "prompts").iterdir() if p.is_file() and p.suffix != ".pyc"]
    for template in templates:
        assert f"assistant/prompts/{template.name}" in names
    assert "assistant/layout/metrics/carlito.json" in names  # the page estimate's font widths
    assert "assistant/review/llm/review.py" in names  # every subpackage listed in pyproject
    assert "assistant/review/llm/data/ijkset.toml" in names  # the calibration set of `llm ijken`
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "wse-assistant = assistant.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()

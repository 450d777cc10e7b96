"""The app as a process: killed while typing, closed terminal (SIGHUP), what it imports to start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from assistant.draft.store import read_proposal
from assistant.tui.app import WseApp
from assistant.tui.screens.interview import InterviewScreen

pytestmark = pytest.mark.anyio

# The child opens the proposal and types without pausing, reporting each keystroke with its time.
TYPIST = textwrap.dedent(
    """
    import asyncio, sys, time
    from pathlib import Path
    from assistant.config import Settings
    from assistant.tui.app import WseApp

    async def main():
        app = WseApp(proposal_path=Path(sys.argv[1]), settings=Settings.model_validate({"llm": {"enabled": False}}))
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            app.screen.editor.move_cursor(app.screen.editor.document.end)
            count = 0
            while app.is_running:  # until the app quits itself (SIGHUP) or the process is killed
                await pilot.press("x" if count % 10 else " ")
                count += 1
                print(count, time.monotonic(), flush=True)
                await asyncio.sleep(0.02)

    asyncio.run(main())
    """
)


async def test_a_killed_app_keeps_all_but_the_last_second_and_reopens_writable(settings, proposal_path):
    before = read_proposal(proposal_path).answer_text("D1b")
    child = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(proposal_path)], stdout=subprocess.PIPE, text=True, env=os.environ
    )
    typed: list[tuple[int, float]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            count, at = line.split()
            typed.append((int(count), float(at)))
            if typed[-1][1] - typed[0][1] > 3.0:  # three seconds of typing without a pause
                break
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    saved = read_proposal(proposal_path).answer_text("D1b")
    assert saved.startswith(before)
    kept = len(saved) - len(before)
    # Every keystroke older than a second before the kill must be on disk.
    due = max(count for count, at in typed if at <= killed_at - 1.0)
    assert kept >= due, f"{kept} keystrokes saved, {due} were older than one second"

    app = WseApp(proposal_path=proposal_path, settings=settings)  # the dead process's lock is gone
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and not app.session.read_only
        assert app.screen.current == "D1b" and app.screen.editor.text == saved


def test_a_closed_terminal_sighup_saves_everything_typed(proposal_path):
    before = read_proposal(proposal_path).answer_text("D1b")
    child = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(proposal_path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, env=os.environ,
    )
    typed = 0
    try:
        assert child.stdout is not None
        started = None
        for line in child.stdout:
            typed = int(line.split()[0])
            started = started or time.monotonic()
            if time.monotonic() - started > 1.5:
                child.send_signal(signal.SIGHUP)
                break
        child.wait(timeout=20)
    finally:
        child.kill()
    saved = read_proposal(proposal_path).answer_text("D1b")
    assert len(saved) - len(before) >= typed  # nothing typed is lost, not even the last fraction of a second


def test_the_app_opens_a_proposal_without_importing_the_heavy_packages(proposal_path):
    """openai (0.8 s) and python-docx stay off the path to the first question (and its first review)."""
    code = textwrap.dedent(
        """
        import asyncio, sys
        from pathlib import Path
        from assistant.tui.app import WseApp

        async def main():
            app = WseApp(proposal_path=Path(sys.argv[1]))
            async with app.run_test(size=(100, 32)) as pilot:
                await pilot.pause()
                assert type(app.screen).__name__ == "InterviewScreen" and app.focused is app.screen.editor
                print(sorted(m for m in ("openai", "docx") if m in sys.modules))
                app.session.dirty_since = None

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", code, str(proposal_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"

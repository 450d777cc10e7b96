"""The first frame before pydantic loads: the question from plain JSON, then the validated, locked session
takes over; keys typed meanwhile are kept; a locked file turns read-only and an invalid one is refused."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
import threading

import pytest

from assistant.draft.store import ProposalFile, read_proposal
from assistant.tui import opening
from assistant.tui.app import WseApp
from assistant.tui.preview import peek, remember_call
from assistant.tui.screens.start import StartScreen
from tests.hostile.helpers import writer_for
from tests.tui.conftest import settled, workers_done

pytestmark = pytest.mark.anyio

SIZE = (100, 32)


@pytest.fixture
def held_open(monkeypatch):
    """The session is opened only when the test says so: the test acts on the preview meanwhile."""
    release = threading.Event()
    real = opening.open_path

    def open_path(path):
        assert release.wait(10)
        return real(path)

    monkeypatch.setattr(opening, "open_path", open_path)
    return release


def test_no_preview_without_the_call_cache_and_one_with_it(proposal_path, call):
    assert peek(proposal_path) is None  # never opened fully: the ordinary way
    remember_call(call)
    preview = peek(proposal_path)
    assert preview.question.id == "D1b" and preview.question.text == call.question("D1b").text
    assert preview.answer == read_proposal(proposal_path).answer_text("D1b")
    assert [p.label for p in preview.question.subparts] == [p.label for p in call.question("D1b").subparts]


def test_a_pipe_named_like_a_proposal_gives_no_preview_and_is_not_waited_on(tmp_path, call):
    remember_call(call)
    fifo = tmp_path / "pijp.json"
    os.mkfifo(fifo)
    with writer_for(fifo) as read:  # a peek that opened the pipe would get one byte, not hang the test
        assert peek(fifo) is None and not read.is_set()


def test_the_preview_shows_the_answer_as_the_session_will_read_it(proposal_path, call):
    """A control character in the file is dropped on reading; text typed on the preview must not be taken
    for a change made elsewhere because the two readings differ."""
    data = json.loads(proposal_path.read_text(encoding="utf-8"))
    data["answers"]["D1b"]["text"] += "\u001b[2J"
    proposal_path.write_text(json.dumps(data), encoding="utf-8")
    remember_call(call)
    assert peek(proposal_path).answer == read_proposal(proposal_path).answer_text("D1b")


async def test_keys_typed_on_the_preview_go_into_the_session_that_takes_over(settings, proposal_path, call, held_open):
    remember_call(call)
    before = read_proposal(proposal_path).answer_text("D1b")
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.session is None and screen.preview is not None and app.focused is screen.editor
        assert call.question("D1b").text[:40] in str(screen.query_one("#q-text").render()).replace("\n", " ")
        await pilot.press(*" en meer")
        held_open.set()
        await settled(pilot)
        assert app.session is not None and app.screen is screen and screen.current == "D1b"
        assert app.session.proposal.answer_text("D1b") == before + " en meer"
        await pilot.press("x")
        await pilot.press("ctrl+q")
    assert read_proposal(proposal_path).answer_text("D1b") == before + " en meerx"


async def test_ctrl_q_on_the_preview_quits_once_the_session_has_saved_what_was_typed(settings, proposal_path, call, held_open):
    remember_call(call)
    before = read_proposal(proposal_path).answer_text("D1b")
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session is None and app.screen.preview is not None
        await pilot.press(*" en weg", "ctrl+q")
        await pilot.pause()
        assert app.is_running  # nothing saved yet: the app waits for the session
        held_open.set()
        for _ in range(1200):  # the app quits by itself: no pilot step after that
            if not app.is_running:
                break
            await asyncio.sleep(0.05)
        assert not app.is_running
    assert read_proposal(proposal_path).answer_text("D1b") == before + " en weg"


async def test_a_file_locked_elsewhere_still_opens_read_only_after_the_preview(settings, proposal_path, call, held_open):
    remember_call(call)
    before = read_proposal(proposal_path).answer_text("D1b")
    with ProposalFile(proposal_path):
        app = WseApp(proposal_path=proposal_path, settings=settings)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*"xyz")
            held_open.set()
            await settled(pilot)
            assert app.session.read_only and app.screen.editor.read_only
            assert app.screen.editor.text == before  # what was typed on the preview is not taken for saved
            assert any("alleen-lezen" in n.message for n in app._notifications)
            await pilot.press("ctrl+q")
    assert read_proposal(proposal_path).answer_text("D1b") == before


async def test_an_invalid_file_is_refused_after_the_preview_and_left_as_it_is(settings, proposal_path, call, held_open):
    remember_call(call)
    data = json.loads(proposal_path.read_text(encoding="utf-8"))
    data["created_at"] = "geen datum"  # plain JSON reads it, the model refuses it
    proposal_path.write_text(json.dumps(data), encoding="utf-8")
    content = proposal_path.read_bytes()
    app = WseApp(proposal_path=proposal_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.preview is not None
        await pilot.press(*"abc")
        held_open.set()
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.session is None
        assert any(n.severity == "error" for n in app._notifications)
    assert proposal_path.read_bytes() == content


def test_the_first_frame_is_painted_before_pydantic_is_imported(proposal_path, call):
    remember_call(call)
    code = textwrap.dedent(
        """
        import asyncio, sys
        from pathlib import Path
        from assistant.tui.app import WseApp

        class Watched(WseApp):
            def apply_language(self):  # loads the settings (pydantic) 0.3 s in: not what is measured here
                pass

            def open_behind_preview(self, path, screen):
                # Runs after the first frame's refresh, before the session is opened.
                shown = self.focused is screen.editor and bool(screen.editor.text)
                print("first frame", shown, "pydantic" in sys.modules, flush=True)
                return super().open_behind_preview(path, screen)

        async def main():
            app = Watched(proposal_path=Path(sys.argv[1]))
            async with app.run_test(size=(100, 32)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                print("taken over", app.session is not None, flush=True)

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", code, str(proposal_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["first frame True False", "taken over True"]


def test_keys_typed_while_the_app_starts_reach_the_editor_in_order(proposal_path, call, isolated_home):
    """Typed before Python has even started: the terminal holds the keys, the app replays them into the
    preview's editor once it has the focus (before, they reached a screen with nothing focused and were lost)."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import termios
    import time

    remember_call(call)
    before = read_proposal(proposal_path).answer_text("D1b")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    code = "import sys; from pathlib import Path; from assistant.tui.app import WseApp; WseApp(Path(sys.argv[1])).run()"
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(proposal_path)],
        stdin=slave, stdout=slave, stderr=slave, close_fds=True, env=os.environ | {"TERM": "xterm-256color"},
    )
    os.close(slave)
    os.write(master, b" een twee drie")  # before the app reads anything

    def drain(seconds: float) -> bytes:
        out, stop = b"", time.monotonic() + seconds
        while time.monotonic() < stop:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    out += os.read(master, 65536)
                except OSError:
                    break
        return out

    shown = b""
    deadline = time.monotonic() + 60
    while b"Ctrl+T" not in shown and time.monotonic() < deadline:  # the interview is on screen
        shown += drain(0.2)
    os.write(master, b"\x11")  # Ctrl+Q: saves (once the session has taken over from the preview) and quits
    try:
        stop = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < stop:
            drain(0.2)  # the app's output read meanwhile, so that its writes never block
        child.wait(timeout=1)
    finally:
        child.kill()
        os.close(master)
    assert read_proposal(proposal_path).answer_text("D1b") == before + " een twee drie"

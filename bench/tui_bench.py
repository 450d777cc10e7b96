"""App benchmarks, run in a real pseudo-terminal: cold start, keystroke latency, memory, review time.

    .venv/bin/python bench/tui_bench.py [--runs 10]

Cold start: process start until the first question is on screen with the cursor in the editor, against a
bare Textual app holding one TextArea until its TextArea has the focus, both in the same run, alternating.
Also shown, not compared: until the whole screen is up (the side panels and the footer, mounted just after).
Keystroke: a key written to the terminal until the app's first screen update after it, in a 3,000-word
answer. Memory: resident set size of the app with a full proposal open. Review: the offline review of the
3,000-word answer plus updating the panels, measured inside the app after the start-up review is on screen;
the first one, as the session opens (the start-up worker still loading the review rules), is shown apart.
"""

from __future__ import annotations

import argparse
import compileall
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tui_sample import write_sample  # noqa: E402

# Each child writes the wall-clock time it became ready into READY_FILE, then keeps running or exits.
BARE = textwrap.dedent(
    """
    import os, time
    from textual.app import App
    from textual.widgets import TextArea

    class Bare(App):
        def compose(self):
            yield TextArea()

        def on_mount(self):
            self.set_interval(0.005, self.check)

        def check(self):
            if isinstance(self.focused, TextArea):
                self.call_after_refresh(self.ready)

        def ready(self):
            open(os.environ["READY_FILE"], "w").write(str(time.time()))
            self.exit()

    Bare().run()
    """
)

OURS = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from assistant.tui.app import WseApp

    class Timed(WseApp):
        def on_mount(self):  # Textual also runs WseApp.on_mount (handlers run along the MRO)
            self.set_interval(0.005, self.check)
            self.done = False

        def check(self):
            screen = self.screen
            editors = screen.query("#editor")
            whole = os.environ.get("UNTIL") != "panels" or getattr(screen, "panels_ready", False)
            if not self.done and editors and self.focused is editors.first() and whole:
                self.done = True
                self.call_after_refresh(self.ready)

        def ready(self):
            open(os.environ["READY_FILE"], "w").write(str(time.time()))
            if os.environ.get("STAY") != "1":
                self.exit()
            else:  # measuring keystrokes: a blinking cursor would be taken for the key's echo
                self.screen.query_one("#editor").cursor_blink = False

    Timed(proposal_path=Path(sys.argv[1])).run()
    """
)


def spawn(code: str, args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    return child, master


def drain(master: int, timeout: float, longest: float = 5.0) -> bytes:
    """Read what the app wrote until it is quiet for `timeout` seconds (or `longest` has passed)."""
    out = b""
    stop = time.monotonic() + longest
    while time.monotonic() < stop and select.select([master], [], [], timeout)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out


def start_time(code: str, args: list[str], env: dict[str, str], ready: Path) -> float:
    ready.unlink(missing_ok=True)
    began = time.time()
    child, master = spawn(code, args, env)
    deadline = began + 30
    while not ready.exists() or not ready.read_text():
        drain(master, 0.01)
        if time.time() > deadline:
            child.kill()
            raise SystemExit("the app did not become ready within 30 s")
    elapsed = float(ready.read_text()) - began
    while child.poll() is None:
        drain(master, 0.05)
    os.close(master)
    return elapsed


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def keystrokes(proposal: Path, env: dict[str, str], ready: Path, count: int) -> tuple[list[float], float]:
    ready.unlink(missing_ok=True)
    child, master = spawn(OURS, [str(proposal)], env | {"STAY": "1"})
    while not ready.exists() or not ready.read_text():
        drain(master, 0.01)
    drain(master, 1.0)  # the first offline review and the page meter settle
    latencies = []
    for index in range(count):
        os.write(master, b"x" if index % 5 else b" ")
        sent = time.perf_counter()
        if select.select([master], [], [], 2.0)[0]:
            latencies.append((time.perf_counter() - sent) * 1000)
        drain(master, 0.15)  # quiet again before the next key (less than the review pause)
    drain(master, 1.0)
    memory = rss_mb(child.pid)
    os.write(master, b"\x11")  # Ctrl+Q
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
    os.close(master)
    return latencies, memory


def review_time(proposal: Path, runs: int) -> tuple[float, list[float]]:
    """The offline review of the long answer plus the panel updates, timed inside the app (headless): once as
    the session opens, while the start-up worker still loads the review rules (a user typing at once meets
    it), then `runs` times after the start-up review is on screen (a pause in typing)."""
    import asyncio

    from assistant.tui.app import WseApp

    times: list[float] = []
    first: list[float] = []

    async def main() -> None:
        app = WseApp(proposal_path=proposal)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(600):  # the session takes over from the start-up preview a moment later
                if getattr(app.screen, "session", None) is not None:
                    break
                await pilot.pause(0.05)
            else:
                raise SystemExit("the session did not open within 30 s: nothing to time")
            screen = app.screen
            began = time.perf_counter()
            screen.review_current()
            first.append((time.perf_counter() - began) * 1000)
            for _ in range(600):  # every answer reviewed: the start-up review is on screen
                if len(screen.reviews) == len(app.session.call.questions):
                    break
                await pilot.pause(0.05)
            else:
                raise SystemExit("the start-up review did not finish within 30 s")
            for _ in range(runs):
                began = time.perf_counter()
                screen.review_current()
                times.append((time.perf_counter() - began) * 1000)
                await pilot.pause()
            app.session.dirty_since = None  # nothing typed: leave the sample as it is

    asyncio.run(main())
    return first[0], times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keys", type=int, default=40)
    options = parser.parse_args()
    # As installed (and as `make run` leaves it): the app's modules compiled, like Textual's in site-packages.
    compileall.compile_dir(Path(__file__).parents[1] / "assistant", quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = os.environ | {"WSE_ASSISTANT_HOME": home, "TERM": "xterm-256color", "READY_FILE": f"{home}/ready"}
        os.environ.update({"WSE_ASSISTANT_HOME": home})
        ready = Path(env["READY_FILE"])
        proposal = write_sample(Path(home) / "benchmark.json")
        bare, ours, whole = [], [], []
        start_time(BARE, [], env, ready)  # warm the file cache once for both
        start_time(OURS, [str(proposal)], env, ready)
        for _ in range(options.runs):
            bare.append(start_time(BARE, [], env, ready))
            ours.append(start_time(OURS, [str(proposal)], env, ready))
            whole.append(start_time(OURS, [str(proposal)], env | {"UNTIL": "panels"}, ready))
        latencies, memory = keystrokes(proposal, env, ready, options.keys)
        first_review, reviews = review_time(proposal, 20)
    bare_median, ours_median = statistics.median(bare), statistics.median(ours)
    print(f"cold start, median of {options.runs}: bare TextArea app {bare_median:.3f} s, "
          f"wse-assistant {ours_median:.3f} s, ratio {ours_median / bare_median:.2f} (goal <= 1.5)")
    print(f"  until the whole screen (side panels, footer) is up: median {statistics.median(whole):.3f} s")
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"keystroke to screen in a 3,000-word answer ({len(latencies)} keys): median {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms (goal <= 50)")
    print(f"offline review + panels after a pause (20 runs): median {statistics.median(reviews):.1f} ms, "
          f"max {max(reviews):.1f} ms (goal <= 100)")
    print(f"  the first, as the session opens (the review rules still loading): {first_review:.1f} ms")
    print(f"resident memory with the full proposal open: {memory:.0f} MB (goal <= 150)")


if __name__ == "__main__":
    main()

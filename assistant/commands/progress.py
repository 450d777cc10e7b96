"""A sign of life on the terminal for commands that can take more than a second on a very large input."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

DELAY_S = 1.0  # nothing is shown for what ends sooner
INTERVAL_S = 0.5


BAR = 20  # characters of the bar over a batch


class Progress:
    """`with Progress("Nakijken"):` shows 'Nakijken… 3 s' on stderr, updated, once a second has passed;
    only on a terminal (a pipe or log file gets nothing) and wiped when the work ends. With a `total`,
    `advance()` after each item adds a bar: 'Nakijken [#####·······] 37/200, 12 s'."""

    def __init__(self, label: str, stream: TextIO | None = None, total: int | None = None):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._shown = False

    def __enter__(self) -> Progress:
        isatty = getattr(self.stream, "isatty", None)
        if isatty and isatty():
            self._thread = threading.Thread(target=self._run, name="progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self._write("\r\x1b[2K")

    def _run(self) -> None:
        if self._done.wait(DELAY_S):
            return
        while not self._done.is_set():
            self.show()
            self._done.wait(INTERVAL_S)

    def advance(self) -> None:
        self.done += 1

    def show(self) -> None:
        self._shown = True
        seconds = f"{time.monotonic() - self.start:.0f} s"
        if self.total:
            filled = BAR * self.done // self.total
            self._write(f"\r\x1b[2K{self.label} [{'#' * filled}{'·' * (BAR - filled)}] {self.done}/{self.total}, {seconds}")
        else:
            self._write(f"\r\x1b[2K{self.label}… {seconds}")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            pass  # a closed terminal: the work goes on

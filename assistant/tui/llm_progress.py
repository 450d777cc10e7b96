"""A streamed LLM reply's progress, shown in the app: characters received and seconds so far.

The LLM code calls back from its worker thread for every chunk, but a local server sends nothing while it
reads the prompt (a minute on a busy machine). So the callback only keeps the latest state, and a timer
on the app's thread shows it with the time since the work began, ticking also while nothing arrives."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.i18n import _

if TYPE_CHECKING:
    from assistant.review.llm.ladder import Progress

EVERY_S = 0.5  # how often the line is redrawn


class StreamProgress:
    """The progress callback for one piece of LLM work. Call `tick()` from a timer on the app's thread;
    it shows nothing once the work is cancelled (the "cancelled" line stays)."""

    def __init__(self, show: Callable[[str], None], cancel: threading.Event):
        self.show, self.cancel = show, cancel
        self.started = time.monotonic()
        self.latest: Progress | None = None

    def __call__(self, progress: Progress) -> None:
        self.latest = progress  # from the worker thread: one reference, read by tick()

    def restart(self) -> None:
        """A new piece of work (the next answer of a calibration): the clock starts again."""
        self.started, self.latest = time.monotonic(), None

    def text(self) -> str:
        """'wacht op het eerste token, 12 s' or '1.240 tekens ontvangen, 31 s'."""
        seconds = f"{time.monotonic() - self.started:.0f}"
        latest = self.latest
        if latest is None or latest.first_token_s is None:
            return _("wacht op het eerste token, {seconds} s").format(seconds=seconds)
        return _("{chars} tekens ontvangen, {seconds} s").format(chars=f"{latest.chars:,}".replace(",", "."), seconds=seconds)

    def tick(self) -> None:
        if not self.cancel.is_set():
            self.show(self.text())

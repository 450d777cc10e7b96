"""A streamed LLM reply's progress, shown in the app: characters received and seconds so far.

The LLM code calls back from its worker thread for every chunk; this passes at most a few updates a
second to the app's thread, and none once the work is cancelled (the "cancelled" line stays)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.tui.i18n import t

if TYPE_CHECKING:
    from textual.app import App

    from assistant.review.llm.ladder import Progress

EVERY_S = 0.25


def progress_text(progress: Progress) -> str:
    """'wacht op het eerste token, 12 s' or '1.240 tekens ontvangen, 31 s'."""
    if progress.first_token_s is None:
        return t("llm.progress_waiting", seconds=f"{progress.seconds:.0f}")
    return t("llm.progress_streaming", chars=f"{progress.chars:,}".replace(",", "."), seconds=f"{progress.seconds:.0f}")


class StreamProgress:
    """The progress callback for one piece of LLM work: `show(text)` runs on the app's thread."""

    def __init__(self, app: App, show: Callable[[Progress], None], cancel: threading.Event):
        self.app, self.show, self.cancel = app, show, cancel
        self._last = 0.0

    def __call__(self, progress: Progress) -> None:
        if self.cancel.is_set() or time.monotonic() - self._last < EVERY_S:
            return
        self._last = time.monotonic()
        self.app.call_from_thread(self._show, progress)

    def _show(self, progress: Progress) -> None:
        if not self.cancel.is_set():
            self.show(progress)

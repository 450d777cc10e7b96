"""Fixtures for the app tests: a proposal on disk and a fixed test config (no user settings leak in)."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual import events

from assistant import i18n
from assistant.call import Call
from assistant.config import Settings
from assistant.draft.models import Proposal
from assistant.draft.store import write_proposal
from assistant.draft.workspace import new_proposal

FIXED_TIME = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

FIELDS = {
    "B.organisatie": "Vzw De Brug",
    "B.rechtsvorm": "vzw",
    "B.ondernemingsnummer": "0123.456.749",
    "B.contact.naam": "Peeters An",
    "B.contact.functie": "Coördinator",
    "B.contact.email": "an.peeters@debrug.be",
    "B.contact.telefoon": "+32 9 123 45 67",
    "C.engagement": "ja",
}


@pytest.fixture(autouse=True)
def dutch() -> None:
    i18n.set_language("nl")


@pytest.fixture
def settings() -> Settings:
    """The test config: defaults, LLM off, whatever the developer's machine holds."""
    return Settings.model_validate({"language": "nl", "llm": {"enabled": False}})


def make_proposal(call: Call, answers: dict[str, str] | None = None, **fields: str) -> Proposal:
    proposal = new_proposal("Vzw De Brug", call)
    for field_id, value in {**FIELDS, **fields}.items():
        proposal.set_field(field_id, value)
    for question_id, text in (answers or {}).items():
        proposal.set_answer(question_id, text)
    proposal.created_at = proposal.updated_at = FIXED_TIME
    return proposal


@pytest.fixture
def proposal_path(tmp_path: Path, call: Call) -> Path:
    path = tmp_path / "de-brug.json"
    proposal = make_proposal(
        call,
        {
            "D1a": "Wij bieden in Eeklo en Zelzate een trajectbegeleiding op maat.",
            "D1b": "Sinds 2012 begeleidden we 340 mensen met een complexe problematiek.",
        },
    )
    proposal.last_question = "D1b"
    write_proposal(path, proposal)
    return path


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests are async; anyio's pytest plugin runs them on asyncio (Textual's loop)."""
    return "asyncio"


async def settled(pilot) -> None:
    """Wait until the side panels and the first full review (both just after the first paint) are on screen."""
    from assistant.tui.screens.interview import AFTER_FIRST_PAINT, PANELS_AFTER

    await pilot.pause(max(AFTER_FIRST_PAINT, PANELS_AFTER) + 0.1)
    # On a busy machine the timers and the workers they start come late: wait for the state, not the clock.
    await until(pilot, lambda: getattr(pilot.app.screen, "panels_ready", True) and not _busy(pilot.app))


def _busy(app) -> bool:
    return any(worker.state.name in ("PENDING", "RUNNING") for worker in _finite_workers(app))


# Textual's DirectoryTree (the file dialog's folder tree) keeps one worker for its whole life, waiting for
# folders to read: waiting for it to finish never ends (a loaded run hung on it with the dialog open).
LIFELONG_WORKER_GROUPS = frozenset({"_loader"})


def _finite_workers(app) -> list:
    return [worker for worker in app.workers if worker.group not in LIFELONG_WORKER_GROUPS]


async def workers_done(app) -> None:
    """Wait until the app's workers are done, all but the lifelong ones."""
    workers = _finite_workers(app)
    if workers:  # an empty list means "every worker" to Textual
        await app.workers.wait_for_complete(workers)


async def until(pilot, condition, seconds: float = 60.0) -> None:
    """Let the app run until `condition()` holds; fail (not hang) if it never does."""
    for _ in range(int(seconds / 0.05)):
        await workers_done(pilot.app)
        await pilot.pause()
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never reached the expected state")


async def on_top(pilot, kind: type) -> None:
    """Wait until a screen of `kind` is on top with its widgets mounted: a pushed screen is on the stack at
    once but composes a moment later, on a busy machine after the test's next query."""

    def ready() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, kind) and screen.is_mounted and all(w.is_mounted for w in screen.walk_children())

    await until(pilot, ready)


async def steady_cursors(pilot) -> None:
    """Every text cursor drawn still (as posting's snapshot tests do): a screenshot must not depend on
    the blink phase. Applied to the whole screen stack, dialogs included, just before the screenshot."""
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False
    await pilot.pause()


@pytest.fixture
def snap_compare(snap_compare):
    """pytest-textual-snapshot's snap_compare with steady cursors, whatever run_before does."""

    def compare(app, *, run_before=None, **kwargs):
        async def before(pilot) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            await steady_cursors(pilot)

        return snap_compare(app, run_before=before, **kwargs)

    return compare


async def typed_at_once(pilot, *keys: str) -> None:
    """Keys sent as fast as a terminal delivers them (Pilot.press waits until each one is handled)."""
    driver = pilot.app._driver  # noqa: SLF001
    for key in keys:
        event = events.Key(key, " " if key == "space" else key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()

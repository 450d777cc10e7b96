"""What `check --all` and `export --all` share: the proposals of a folder, done one by one under a progress bar
(a failure in one does not stop the rest), and one exit code for the whole batch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import exit_codes
from assistant.commands.progress import Progress
from assistant.errors import AssistantError


def proposal_files(folder: Path) -> list[Path]:
    """Every proposal of a folder (`*.json`; the index files start with a dot), by name."""
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))


@dataclass
class Batch:
    done: list[dict[str, Any]] = field(default_factory=list)  # what `work` returned, per proposal
    failed: list[dict[str, Any]] = field(default_factory=list)  # {"file", "error", "exit_code"}

    def exit_code(self, blocked: bool) -> int:
        """2 when a file could not be read or written, else 1 when a proposal is refused or `blocked`, else 0."""
        worst = max((item["exit_code"] for item in self.failed), default=exit_codes.OK)
        if worst == exit_codes.USAGE:
            return exit_codes.USAGE
        return exit_codes.BLOCKING if worst or blocked else exit_codes.OK

    def failed_json(self) -> list[dict[str, str]]:
        return [{"file": item["file"], "error": item["error"]} for item in self.failed]


def run_batch(label: str, paths: list[Path], work: Callable[[Path], dict[str, Any]]) -> Batch:
    """`work` on every path, under a progress bar on a terminal; an AssistantError is recorded, not raised."""
    batch = Batch()
    with Progress(label, total=len(paths)) as progress:
        for path in paths:
            try:
                batch.done.append(work(path))
            except AssistantError as exc:
                batch.failed.append({"file": path.name, "error": str(exc), "exit_code": exc.exit_code})
            progress.advance()
    return batch

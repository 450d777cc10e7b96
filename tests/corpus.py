"""The labelled answer corpus in tests/fixtures/corpus: TOML files per question of the bundled call.

Each entry is one answer with a level (good, partial, poor), the sub-parts a strict jury member would
find unanswered, and the split it belongs to. See tests/fixtures/corpus/README.md.

The files directly in the corpus folder carry their split per entry (`tune` or `holdout`) and, since
3 Dec 2026, their evidence per sub-part too. Every
sub-folder is a batch written apart from the project, in the richer format of /work/corpus-out/SPEC.md
(`voice`, `injection`, `reason`, `evidence` per sub-part); its split is the folder's first name up to a
dash ("tune-a" -> tune, "blind/<writer>" -> blind), so a new batch needs no code change.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

CORPUS_DIR = Path(__file__).parent / "fixtures" / "corpus"

CorpusLevel = Literal["good", "partial", "poor"]
Split = Literal["tune", "holdout", "blind"]
SPLITS: tuple[Split, ...] = ("tune", "holdout", "blind")


class CorpusAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str  # the question id, taken from the file name ("D1a")
    set: str  # one imagined applicant organisation
    level: CorpusLevel
    missing_parts: list[str]
    split: Split
    text: str
    source: str = ""  # the sub-folder the answer comes from ("tune-a", "blind/w1"); "" for the first corpus
    voice: str | None = None  # the writer's voice ("bullets", "nt2", …), in the batches
    injection: bool = False  # the text tries to steer the reviewer
    reason: str | None = None  # one line: why this level
    evidence: dict[str, str] | None = None  # per sub-part the sentence that answers it, "" when missing
    # The parts of an attempt that steer the reviewer, verbatim; labelled after the fact (4 Dec 2026) where the
    # written forms of injection.py find none of them, for the learned detector to be fitted on.
    steering: list[str] | None = None

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def split_of(folder: str) -> Split:
    """The split of a batch folder: "tune-a" -> tune, "blind" or "blind-2" -> blind."""
    name = folder.split("/")[0].split("-")[0]
    if name not in SPLITS:
        raise ValueError(f"corpus folder {folder!r} names no split ({', '.join(SPLITS)})")
    return name  # type: ignore[return-value]


def load_corpus(split: Split | None = None, corpus_dir: Path = CORPUS_DIR) -> list[CorpusAnswer]:
    """Every answer of the corpus (first the top-level files, then each batch folder), optionally one split."""
    answers: list[CorpusAnswer] = []
    paths = sorted(corpus_dir.rglob("*.toml"), key=lambda p: (len(p.relative_to(corpus_dir).parts) > 1, p))
    for path in paths:
        folder = path.parent.relative_to(corpus_dir).as_posix()
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("answers", []):
            if folder != ".":
                entry = {**entry, "split": split_of(folder), "source": folder}
            answer = CorpusAnswer(question=path.stem, **entry)
            if split is None or answer.split == split:
                answers.append(answer)
    return answers


INJECTION_DIR = Path(__file__).parent / "fixtures" / "injection"


class Fragment(BaseModel):
    """A few sentences an applicant might slip into an answer: an attempt to steer the reviewer, or a clean
    look-alike. Written and labelled by writers who have not seen the rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    writer: str  # from the file name: fragments-<writer>.txt
    attempt: bool
    text: str


def load_fragments(directory: Path = INJECTION_DIR) -> list[Fragment]:
    """Every fragment of the fragments-<writer>.txt files: blocks split by a line "---", each starting with a
    line ATTEMPT or CLEAN."""
    fragments: list[Fragment] = []
    for path in sorted(directory.glob("fragments-*.txt")):
        writer = path.stem.removeprefix("fragments-")
        for block in path.read_text(encoding="utf-8").split("\n---\n"):
            kind, _newline, text = block.strip().partition("\n")
            if kind.strip() not in ("ATTEMPT", "CLEAN") or not text.strip():
                raise ValueError(f"{path.name}: a block that is not ATTEMPT or CLEAN with text: {block[:60]!r}")
            fragments.append(Fragment(writer=writer, attempt=kind.strip() == "ATTEMPT", text=text.strip()))
    return fragments


def load_clean_look_alikes(path: Path = INJECTION_DIR / "clean-look-alikes.txt") -> list[str]:
    """The clean look-alikes the tests hold (blocks split by a line "---"); never fitted on."""
    return [block.strip() for block in path.read_text(encoding="utf-8").split("\n---\n") if block.strip()]

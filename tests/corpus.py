"""The labelled answer corpus in tests/fixtures/corpus: one TOML file per question of the bundled call.

Each entry is one answer with a level (good, partial, poor), the sub-parts a strict jury member would
find unanswered, and the split (tune or holdout) it belongs to. See tests/fixtures/corpus/README.md.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

CORPUS_DIR = Path(__file__).parent / "fixtures" / "corpus"

CorpusLevel = Literal["good", "partial", "poor"]
Split = Literal["tune", "holdout"]


class CorpusAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str  # the question id, taken from the file name ("D1a")
    set: str  # one imagined applicant organisation
    level: CorpusLevel
    missing_parts: list[str]
    split: Split
    text: str

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def load_corpus(split: Split | None = None, corpus_dir: Path = CORPUS_DIR) -> list[CorpusAnswer]:
    """Every answer of the corpus in file order, optionally only one split."""
    answers: list[CorpusAnswer] = []
    for path in sorted(corpus_dir.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("answers", []):
            answer = CorpusAnswer(question=path.stem, **entry)
            if split is None or answer.split == split:
                answers.append(answer)
    return answers

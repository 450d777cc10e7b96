"""The first frame before pydantic loads: the question a proposal was left at, read as plain JSON.

Opening a proposal validates it and loads its call, which costs the imports of pydantic and of the models
(about a third of the app's start). So the app first paints the question from two plain-JSON reads, the
proposal file and a copy of the call's questions cached at every full open, and the validated, locked
session takes over a moment later (`InterviewScreen.attach`). Whatever is unexpected gives no preview: the
app then opens the ordinary way, which refuses a locked or invalid file as before.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import locations
from assistant.draft.text import safe_text

if TYPE_CHECKING:
    from assistant.call import Call

MAX_BYTES = 4_000_000  # a bigger file opens the ordinary way: reading it twice would cost more than it saves


@dataclass(frozen=True)
class Item:
    number: str
    text: str


@dataclass(frozen=True)
class Part:
    id: str
    label: str


@dataclass(frozen=True)
class QuestionText:
    """What the question header shows of a question (the same attribute names as the call's model)."""

    id: str
    number: str
    theme: str
    text: str
    guidance: str
    items: tuple[Item, ...]
    subparts: tuple[Part, ...]


@dataclass(frozen=True)
class Preview:
    path: Path
    question: QuestionText
    answer: str


def _cache_file(call_id: str, sha256: str) -> Path:
    return locations.cache_dir() / "calls" / f"{call_id}-{sha256[:16]}.json"


def remember_call(call: Call) -> None:
    """Keep a plain-JSON copy of the call's questions for the next start (once per version of the call)."""
    if not call.sha256:
        return
    path = _cache_file(call.id, call.sha256)
    if path.exists():
        return
    questions = [
        {
            "id": q.id,
            "number": q.number,
            "theme": q.theme,
            "text": q.text,
            "guidance": q.guidance,
            "items": [[item.number, item.text] for item in q.items],
            "subparts": [[part.id, part.label] for part in q.subparts],
        }
        for q in call.questions
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # only a faster next start is lost


def peek(path: Path) -> Preview | None:
    """The question `path` was left at and its answer, or None when anything is not as expected."""
    try:
        info = path.stat()
        if path.suffix.lower() != ".json" or not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None  # a pipe reports no size and would be waited on for ever
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != "wse-assistant/proposal" or not data.get("call_sha256"):
            return None
        cached = json.loads(_cache_file(data["call_id"], data["call_sha256"]).read_text(encoding="utf-8"))
        last = data.get("last_question")
        found = [q for q in cached if q["id"] == last]  # a field of A–C or nothing yet: no preview
        if not found:
            return None
        q = found[0]
        question = QuestionText(
            q["id"], q["number"], q["theme"], q["text"], q["guidance"],
            tuple(Item(str(n), str(t)) for n, t in q["items"]),
            tuple(Part(str(i), str(label)) for i, label in q["subparts"]),
        )
        answer = (data.get("answers") or {}).get(last) or {}
        text = answer.get("text", "")
        # As the session will read it (safe_text), or attach() would take the two texts for different.
        return Preview(path, question, safe_text(text)) if isinstance(text, str) else None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None

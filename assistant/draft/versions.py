"""Named versions of a proposal and word-level differences between them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from assistant.draft.models import NamedVersion, Proposal
from assistant.errors import UsageError
from assistant.i18n import _

MAX_NAME_LENGTH = 100  # a name is shown in lists and menus; a longer one is pasted by mistake

CURRENT = "huidig"  # the name that stands for the proposal as it is now

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Chunk:
    op: Literal["equal", "insert", "delete"]
    text: str


def diff_words(old: str, new: str) -> list[Chunk]:
    """Word-level difference; whitespace runs are tokens too, so joining the chunks gives back the text."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    chunks: list[Chunk] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            chunks.append(Chunk("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            chunks.append(Chunk("delete", "".join(a[i1:i2])))
        if j2 > j1:
            chunks.append(Chunk("insert", "".join(b[j1:j2])))
    return chunks


def save_version(proposal: Proposal, name: str) -> NamedVersion:
    """Store the current state under `name`, replacing an older version of that name."""
    if len(name) > MAX_NAME_LENGTH:
        raise UsageError(_("Een versienaam mag hoogstens {limit} tekens lang zijn.").format(limit=MAX_NAME_LENGTH))
    version = proposal.snapshot(name)
    proposal.versions = [v for v in proposal.versions if v.name != name] + [version]
    proposal.touch()
    return version


def resolve(proposal: Proposal, name: str) -> NamedVersion:
    return proposal.snapshot(CURRENT) if name == CURRENT else proposal.version(name)


@dataclass(frozen=True)
class ItemDiff:
    item_id: str
    chunks: list[Chunk]

    @property
    def changed(self) -> bool:
        return any(c.op != "equal" for c in self.chunks)


def diff_versions(old: NamedVersion, new: NamedVersion, order: list[str]) -> list[ItemDiff]:
    """Per field and question (in `order`), the word diff from `old` to `new`; unchanged ones left out."""
    result = []
    for item_id in order:
        before = old.answers.get(item_id, old.fields.get(item_id, ""))
        after = new.answers.get(item_id, new.fields.get(item_id, ""))
        if before != after:
            result.append(ItemDiff(item_id, diff_words(before, after)))
    return result


def render_diff(chunks: list[Chunk]) -> str:
    """Plain-text rendering: [-removed-]{+added+}, as `git diff --word-diff` does."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[c.op].format(c.text) for c in chunks)

"""Cached LLM results inside the proposal (`proposal.reviews`), keyed by everything a result depends on.

An unchanged answer is never sent again: the key hashes the (masked) answer, the question, the call,
the endpoint and model, the prompt template and the addendum. A few recent results are kept per question
so that undoing an edit finds its review again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from assistant.draft.models import CachedReview, Proposal
from assistant.errors import scrub

KEEP_PER_QUESTION = 5


def review_key(**parts: str | int | None) -> str:
    """A stable hash of named parts; adding a part changes every key, which is what we want."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def lookup(proposal: Proposal, key: str) -> dict[str, Any] | None:
    for cached in reversed(proposal.reviews):
        if cached.key == key:
            return cached.payload
    return None


def store(proposal: Proposal, key: str, kind: str, question_id: str, payload: dict[str, Any]) -> None:
    """Keep the result; drop the oldest of the same kind and question beyond KEEP_PER_QUESTION."""
    proposal.reviews = [r for r in proposal.reviews if r.key != key]
    payload = json.loads(scrub(json.dumps(payload, ensure_ascii=False)))  # server text never stored with a key
    proposal.reviews.append(CachedReview(key=key, payload={**payload, "kind": kind, "question_id": question_id}))
    _prune(proposal, kind, question_id)


def merge(into: Proposal, source: Proposal) -> bool:
    """Copy cached results `source` has and `into` lacks (the file changed on disk meanwhile)."""
    have = {r.key for r in into.reviews}
    added = [r for r in source.reviews if r.key not in have]
    into.reviews.extend(added)
    for cached in added:
        _prune(into, cached.payload.get("kind"), cached.payload.get("question_id"))
    return bool(added)


def _prune(proposal: Proposal, kind: Any, question_id: Any) -> None:
    same = [r for r in proposal.reviews if r.payload.get("kind") == kind and r.payload.get("question_id") == question_id]
    stale = {id(r) for r in same[:-KEEP_PER_QUESTION]}
    proposal.reviews = [r for r in proposal.reviews if id(r) not in stale]

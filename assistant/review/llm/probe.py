"""`llm test`: one tiny request that shows the endpoint works, how fast, and which structured mode it takes."""

from __future__ import annotations

import time

from pydantic import BaseModel, ConfigDict

from assistant.config import Settings, StructuredMode
from assistant.review.llm.schema import Strict
from assistant.review.llm.session import LLMSession, open_session

PING_PROMPT = 'Antwoord met enkel dit JSON-object: {"ok": true}'


class Ping(Strict):
    ok: bool


class ProbeResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: str
    base_url: str
    model: str
    mode: StructuredMode
    refused_modes: list[StructuredMode]
    latency_ms: float
    prompt_tokens: int
    completion_tokens: int


def probe(settings: Settings, session: LLMSession | None = None) -> ProbeResult:
    """Raises LLMError with the one message for whatever fails."""
    session = session or open_session(settings)
    started = time.perf_counter()
    _, exchange = session.caller.call(
        [{"role": "user", "content": PING_PROMPT}], Ping, kind="llm test", max_tokens=20, fresh=True
    )
    return ProbeResult(
        provider=session.endpoint.provider, base_url=session.endpoint.base_url, model=session.model,
        mode=exchange.mode, refused_modes=exchange.attempts[:-1],
        latency_ms=round((time.perf_counter() - started) * 1000, 1),
        prompt_tokens=exchange.prompt_tokens, completion_tokens=exchange.completion_tokens,
    )

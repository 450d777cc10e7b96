"""One LLM endpoint in use: the resolved server, client and model, and what its exchanges cost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from assistant.config import Settings
from assistant.review.llm.errors import from_sdk
from assistant.review.llm.ladder import Exchange, StructuredCaller
from assistant.review.llm.provider import SHORT_REQUEST_S, Endpoint, make_client, pick_model, resolve_endpoint
from assistant.tokens import TokenCounter, counter_for

if TYPE_CHECKING:
    import httpx2
    from openai import OpenAI


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Usage(Model):
    prompt_tokens: int
    completion_tokens: int
    counted_by: str  # "server" or the local counter
    approximate: bool
    cost: float | None  # None: no price known for this model
    currency: str


@dataclass
class LLMSession:
    """One resolved endpoint with its client and model, reused across questions."""

    settings: Settings
    endpoint: Endpoint
    client: OpenAI
    model: str
    caller: StructuredCaller

    @property
    def counter(self) -> TokenCounter:
        return self.caller.counter


def open_session(settings: Settings, *, http_client: httpx2.Client | None = None) -> LLMSession:
    """Resolve the endpoint and model; LLMError('off') when no LLM is configured or it is turned off.
    `http_client` is the seam tests fake (an httpx2 client with a MockTransport)."""
    endpoint, key = resolve_endpoint(settings)
    import openai  # noqa: PLC0415 - 0.8 s, only once an LLM is really configured

    client = make_client(endpoint, key, http_client)
    try:
        model = pick_model(endpoint, client)
    except openai.OpenAIError as exc:
        # The list of models is a short request (provider.SHORT_REQUEST_S); a busy server may hold it up.
        raise from_sdk(exc, endpoint.base_url, endpoint.model or "?", min(endpoint.timeout_s, SHORT_REQUEST_S),
                       endpoint.address_from) from None
    counter = counter_for(model)
    caller = StructuredCaller(client, endpoint, model, settings.llm, counter, secret=key)
    return LLMSession(settings, endpoint, client, model, caller)


def usage_of(session: LLMSession, exchange: Exchange) -> Usage:
    """Tokens and estimated cost of an exchange: free on a local server, None when no price is known."""
    llm = session.settings.llm
    price = llm.price_for(session.model)
    if session.endpoint.local:
        cost: float | None = 0.0
    elif price is None:
        cost = None
    else:
        cost = round((exchange.prompt_tokens * price.input + exchange.completion_tokens * price.output) / 1e6, 6)
    counted_by_server = exchange.counted_by == "server"
    return Usage(
        prompt_tokens=exchange.prompt_tokens, completion_tokens=exchange.completion_tokens,
        counted_by=exchange.counted_by, approximate=not counted_by_server and session.counter.approximate,
        cost=cost, currency=llm.currency,
    )

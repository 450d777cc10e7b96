"""Structured output on every server: json_schema, then json_object (with the schema, which llama.cpp
enforces by grammar), then the schema in the prompt only. Every reply is validated locally; an invalid
one gets one repair round with the validation error, then we give up with one Dutch message.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assistant.config import LLMSettings, StructuredMode
from assistant.errors import scrub
from assistant.review.llm import log
from assistant.review.llm.errors import OFFLINE_STILL_THERE, LLMError, from_sdk, not_an_api
from assistant.review.llm.prompt import load_template, render
from assistant.review.llm.provider import Endpoint, known_mode, remember_mode
from assistant.review.llm.schema import ReplyInvalid, parse_reply, skeleton, strict_schema
from assistant.tokens import TokenCounter

if TYPE_CHECKING:
    from openai import OpenAI

LADDER: tuple[StructuredMode, ...] = ("json_schema", "json_object", "prompt")
# A server that does not know a response_format answers 400/422, or 500 in llama-cpp-python's case.
STEP_DOWN_STATUSES = {400, 422, 500}
FORMAT_WORDS = ("response_format", "json_schema", "json_object", "schema")


def _refuses_format(exc: Any) -> bool:
    """Whether an error means 'this structured-output mode is not supported' rather than 'server broken'."""
    if exc.status_code not in STEP_DOWN_STATUSES:
        return False
    if exc.status_code != 500:
        return True
    return any(word in str(exc.body or exc.message).lower() for word in FORMAT_WORDS)


@dataclass
class Exchange:
    """What one structured call cost and how it went."""

    mode: StructuredMode
    prompt_tokens: int = 0
    completion_tokens: int = 0
    counted_by: str = "server"
    server_ms: float = 0.0
    requests: int = 0
    repaired: bool = False
    attempts: list[str] = field(default_factory=list)  # modes tried, for `llm test` and the log


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise LLMError("cancelled", "Beoordeling door het taalmodel geannuleerd.")


def response_format(mode: StructuredMode, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}
    if mode == "json_object":
        return {"type": "json_object", "schema": schema}
    return None


class StructuredCaller:
    """Sends chat requests for one endpoint and model, walking the ladder and logging every exchange."""

    def __init__(
        self,
        client: OpenAI,
        endpoint: Endpoint,
        model: str,
        llm: LLMSettings,
        counter: TokenCounter,
        secret: str | None = None,
    ):
        self.client = client
        self.endpoint = endpoint
        self.model = model
        self.llm = llm
        self.counter = counter
        self.secret = secret

    def modes(self, fresh: bool = False) -> tuple[StructuredMode, ...]:
        """The rungs to try: from the configured mode, or the one this server accepted before, down."""
        start = self.llm.structured_output
        if start == "auto":
            start = (None if fresh else known_mode(self.endpoint, self.model)) or LADDER[0]
        return LADDER[LADDER.index(start):]

    def _send(
        self, messages: list[dict[str, str]], mode: StructuredMode, fmt: dict[str, Any] | None,
        max_tokens: int, probing: bool, kind: str, exchange: Exchange,
    ) -> Any:
        request: dict[str, Any] = {
            "model": self.model, "messages": messages, "temperature": self.llm.temperature,
            self.endpoint.token_param: max_tokens,
        }
        if fmt is not None:
            request["response_format"] = fmt
        # While probing which mode works, a refusal is an answer, not a hiccup to retry.
        client = self.client.with_options(max_retries=0) if probing else self.client
        entry: dict[str, Any] = {"kind": kind, "provider": self.endpoint.provider, "base_url": self.endpoint.base_url,
                                 "mode": mode, "request": request}
        started = time.perf_counter()
        try:
            response = client.chat.completions.create(**request)
            if not isinstance(getattr(response, "choices", None), list):
                raise ValueError(f"geen chat completion: {str(response)[:200]}")
        except Exception as exc:
            entry["ms"] = round((time.perf_counter() - started) * 1000)
            entry["error"] = {"type": type(exc).__name__, "status": getattr(exc, "status_code", None),
                              "message": str(exc)[:500]}
            log.append(entry, self.secret)
            if isinstance(exc, ValueError):  # a body that is not the API's JSON (the SDK's own errors are not)
                raise not_an_api(self.endpoint.base_url) from None
            raise
        elapsed = (time.perf_counter() - started) * 1000
        exchange.server_ms += elapsed
        exchange.requests += 1
        choice = response.choices[0] if response.choices else None
        entry["ms"] = round(elapsed)
        entry["response"] = {
            "finish_reason": choice.finish_reason if choice else None,
            "content": choice.message.content if choice else None,
            "refusal": getattr(choice.message, "refusal", None) if choice else None,
            "usage": response.usage.model_dump() if response.usage else None,
        }
        log.append(entry, self.secret)
        if response.usage and response.usage.prompt_tokens:
            exchange.prompt_tokens += response.usage.prompt_tokens
            exchange.completion_tokens += response.usage.completion_tokens or 0
        else:
            exchange.counted_by = self.counter.source
            exchange.prompt_tokens += self.counter.count_messages(messages)
            exchange.completion_tokens += self.counter.count(choice.message.content or "") if choice else 0
        return choice

    def _content(self, choice: Any, max_tokens: int) -> str:
        if choice is None:
            return ""  # no choice at all: handled as an empty, invalid reply
        refusal = getattr(choice.message, "refusal", None)
        if refusal or choice.finish_reason == "content_filter":
            raise LLMError("refusal", f"Het taalmodel weigerde deze beoordeling{': ' + refusal[:200] if refusal else ''}. "
                           f"{OFFLINE_STILL_THERE}")
        if choice.finish_reason == "length":
            raise LLMError("length", "Het antwoord van het taalmodel werd afgebroken door de lengtelimiet "
                           f"({max_tokens} tokens). Verhoog llm.max_output_tokens of kies een model "
                           f"dat beknopter antwoordt. {OFFLINE_STILL_THERE}")
        return scrub(choice.message.content or "")  # a reply that echoes the key is not shown or cached with it

    def call(
        self,
        messages: list[dict[str, str]],
        reply_model: type[BaseModel],
        *,
        kind: str,
        check: Callable[[BaseModel], None] | None = None,
        cancel: threading.Event | None = None,
        max_tokens: int | None = None,
        fresh: bool = False,
    ) -> tuple[BaseModel, Exchange]:
        """One validated reply of `reply_model`. `check` may raise ReplyInvalid for what a schema cannot say;
        `fresh` ignores the mode remembered for this server (`llm test`)."""
        import openai  # noqa: PLC0415 - the caller already holds a client, so this is free

        schema = strict_schema(reply_model)
        max_tokens = max_tokens or self.llm.max_output_tokens
        modes = self.modes(fresh)
        probing = self.llm.structured_output == "auto" and (fresh or known_mode(self.endpoint, self.model) is None)
        exchange = Exchange(mode=modes[0])
        for position, mode in enumerate(modes):
            _check_cancel(cancel)
            exchange.mode = mode
            exchange.attempts.append(mode)
            fmt = response_format(mode, reply_model.__name__, schema)
            last_rung = position == len(modes) - 1
            try:
                choice = self._send(messages, mode, fmt, max_tokens, probing and not last_rung, kind, exchange)
            except openai.APIStatusError as exc:
                if not last_rung and _refuses_format(exc):
                    continue
                raise from_sdk(exc, self.endpoint.base_url, self.model, self.llm.timeout_s) from None
            except openai.OpenAIError as exc:
                raise from_sdk(exc, self.endpoint.base_url, self.model, self.llm.timeout_s) from None
            reply = self._validated(choice, messages, reply_model, schema, mode, fmt, max_tokens, kind, check,
                                    cancel, exchange)
            if self.llm.structured_output == "auto":
                remember_mode(self.endpoint, self.model, mode)
            return reply, exchange
        raise AssertionError("unreachable: the last rung returns or raises")

    def _validated(
        self, choice: Any, messages: list[dict[str, str]], reply_model: type[BaseModel], schema: dict[str, Any],
        mode: StructuredMode, fmt: dict[str, Any] | None, max_tokens: int, kind: str,
        check: Callable[[BaseModel], None] | None, cancel: threading.Event | None, exchange: Exchange,
    ) -> BaseModel:
        import openai  # noqa: PLC0415

        content = self._content(choice, max_tokens)
        try:
            return self._parse(content, reply_model, check)
        except ReplyInvalid as first:
            problem = str(first)
        _check_cancel(cancel)
        repair = render(load_template("repair"), {"error": problem, "skeleton": json.dumps(skeleton(schema), ensure_ascii=False)})
        retry = [*messages, {"role": "assistant", "content": content}, {"role": "user", "content": repair[0]["content"]}]
        exchange.repaired = True
        try:
            choice = self._send(retry, mode, fmt, max_tokens, False, f"{kind}:herstel", exchange)
        except openai.OpenAIError as exc:
            raise from_sdk(exc, self.endpoint.base_url, self.model, self.llm.timeout_s) from None
        content = self._content(choice, max_tokens)
        try:
            return self._parse(content, reply_model, check)
        except ReplyInvalid as second:
            raise LLMError("malformed", f"Het taalmodel gaf ook na een herstelpoging geen bruikbaar antwoord ({second}) "
                           f"Probeer opnieuw of kies een sterker model. {OFFLINE_STILL_THERE}") from None

    @staticmethod
    def _parse(content: str, reply_model: type[BaseModel], check: Callable[[BaseModel], None] | None) -> BaseModel:
        reply = parse_reply(content, reply_model)
        if check is not None:
            check(reply)
        return reply

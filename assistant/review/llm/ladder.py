"""Structured output on every server: json_schema, then json_object (with the schema, which llama.cpp
enforces by grammar), then the schema in the prompt only. Every reply is streamed, bounded in time and
size, and validated locally; an invalid one gets one repair round with the validation error, then we
give up with one Dutch message.
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
from assistant.i18n import _
from assistant.review.llm import log
from assistant.review.llm.errors import OFFLINE_STILL_THERE, LLMError, from_sdk, not_an_api
from assistant.review.llm.prompt import load_template, render
from assistant.review.llm.provider import Endpoint, known_mode, remember_mode
from assistant.review.llm.schema import ReplyInvalid, parse_reply, skeleton, strict_schema, without_lengths
from assistant.tokens import TokenCounter

if TYPE_CHECKING:
    from openai import OpenAI

LADDER: tuple[StructuredMode, ...] = ("json_schema", "json_object", "prompt")
# A server that does not know a response_format answers 400/422, or 500 in llama-cpp-python's case.
STEP_DOWN_STATUSES = {400, 422, 500}
FORMAT_WORDS = ("response_format", "json_schema", "json_object", "schema")
# Transient server trouble worth one more try (the SDK's own list); a refused connection is not.
RETRY_STATUSES = {408, 409, 429, 500, 502, 503, 504}
RETRY_BASE_S = 0.5
RETRY_MAX_S = 4.0
CONNECT_TIMEOUT_S = 5.0
# No valid reply comes near this (a review is at most a few thousand characters, a revised answer
# REVISION_CHARS); anything larger is refused while it streams, before it is kept anywhere.
MAX_REPLY_CHARS = 200_000
now = time.monotonic  # a module attribute, so tests can move the clock


@dataclass(frozen=True)
class Progress:
    """How a streamed reply is coming along, for a progress line or bar."""

    kind: str  # "review D1a", "review D1a:herstel", ...
    chars: int  # characters received so far
    seconds: float  # since the request was sent
    first_token_s: float | None  # None: still waiting for the first token


ProgressCallback = Callable[[Progress], None]


@dataclass
class Reply:
    """One streamed reply, put together."""

    content: str = ""
    finish_reason: str | None = None
    refusal: str | None = None
    usage: Any = None
    first_token_ms: float | None = None


CONTEXT_WORDS = ("context window", "context length", "context_length_exceeded")


def _context_too_small(exc: Any, budget: int) -> LLMError | None:
    """The server's context window cannot hold the prompt and the reply (llama.cpp's default is small)."""
    text = str(exc.body or exc.message).lower()
    if exc.status_code not in (400, 413, 422, 500) or not any(word in text for word in CONTEXT_WORDS):
        return None
    return LLMError("budget", _(
        "Het contextvenster van het model is te klein voor deze vraag en het antwoord (HTTP "
        "{status_code}). Start de server met een groter venster (llama.cpp: --n_ctx 8192, Ollama: "
        "num_ctx) of verlaag llm.prompt_budget_tokens (nu {budget}). {OFFLINE_STILL_THERE}"
    ).format(status_code=exc.status_code, budget=budget, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))


WATCH_INTERVAL_S = 0.25


class _Watchdog:
    """Closes a streamed reply that passes its time limits or is cancelled, also while the server sends only
    keep-alive comments (llama-cpp-python pings every 15 s, which resets any read timeout)."""

    def __init__(self, close: Callable[[], None], first_token_s: float, total_s: float,
                 cancel: threading.Event | None):
        self.fired: str | None = None  # "first", "total" or "cancel"
        self.got_token = False
        self._close = close
        self._limits = (first_token_s, total_s)
        self._cancel = cancel
        self._done = threading.Event()
        threading.Thread(target=self._watch, daemon=True, name="llm-watchdog").start()

    def _watch(self) -> None:
        started = time.monotonic()
        first_token_s, total_s = self._limits
        while not self._done.wait(WATCH_INTERVAL_S):
            elapsed = time.monotonic() - started
            if self._cancel is not None and self._cancel.is_set():
                self.fired = "cancel"
            elif elapsed > total_s:
                self.fired = "total"
            elif not self.got_token and elapsed > first_token_s:
                self.fired = "first"
            if self.fired:
                try:
                    self._close()  # the reading thread stops at its next read
                except Exception:  # noqa: BLE001 - closing an already broken stream
                    pass
                return

    def stop(self) -> None:
        self._done.set()


class _Interrupted(Exception):
    """The stream ended without a finish reason: the server stopped it (llama-cpp-python does so when
    another request waits), so the reply is incomplete."""


def _refused(exc: Exception) -> bool:
    """Whether a connection error is a refusal or an unknown host (nothing listens), not a dropped line."""
    import httpx2  # noqa: PLC0415 - the SDK's transport, already imported with it

    return isinstance(exc.__cause__, httpx2.ConnectError) or "refused" in str(exc.__cause__ or "").lower()


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
    first_token_ms: float | None = None


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise LLMError("cancelled", _("Beoordeling door het taalmodel geannuleerd."))


def response_format(mode: StructuredMode, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    if mode == "json_schema":  # OpenAI's strict mode refuses maxLength; the limits are checked after parsing
        return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": without_lengths(schema)}}
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
        cancel: threading.Event | None = None, progress: ProgressCallback | None = None,
    ) -> Reply:
        """One request, streamed, with the server's transient errors retried (never a refused connection,
        never while probing which mode works: a refusal is then an answer)."""
        import openai  # noqa: PLC0415 - the caller already holds a client

        retries = 0 if probing else self.llm.max_retries
        for attempt in range(retries + 1):
            try:
                return self._stream(messages, mode, fmt, max_tokens, kind, exchange, cancel, progress)
            except openai.APIStatusError as exc:
                if attempt == retries or exc.status_code not in RETRY_STATUSES:
                    raise
            except openai.APIConnectionError as exc:
                # Connection refused or a name that does not resolve: asking again changes nothing.
                if attempt == retries or isinstance(exc, openai.APITimeoutError) or _refused(exc):
                    raise
            except _Interrupted:
                if attempt == retries:
                    raise LLMError("server", _(
                        "De server op {base_url} brak het antwoord af voor het klaar was (bij llama.cpp: omdat een "
                        "andere aanvraag wachtte). Probeer opnieuw. {OFFLINE_STILL_THERE}"
                    ).format(base_url=self.endpoint.base_url, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE))) from None
            _check_cancel(cancel)
            time.sleep(min(RETRY_BASE_S * 2**attempt, RETRY_MAX_S))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _stream(
        self, messages: list[dict[str, str]], mode: StructuredMode, fmt: dict[str, Any] | None,
        max_tokens: int, kind: str, exchange: Exchange,
        cancel: threading.Event | None, progress: ProgressCallback | None,
    ) -> Reply:
        """Stream one reply: the first token within llm.first_token_timeout_s (also the longest pause
        between two chunks), the whole reply within llm.timeout_s, at most MAX_REPLY_CHARS characters."""
        import openai  # noqa: PLC0415

        request: dict[str, Any] = {
            "model": self.model, "messages": messages, "temperature": self.llm.temperature,
            self.endpoint.token_param: max_tokens, "stream": True,
        }
        if self.endpoint.stream_usage:
            request["stream_options"] = {"include_usage": True}
        if fmt is not None:
            request["response_format"] = fmt
        entry: dict[str, Any] = {"kind": kind, "provider": self.endpoint.provider, "base_url": self.endpoint.base_url,
                                 "mode": mode, "request": request}
        reply = Reply()
        started = now()
        deadline = started + self.llm.timeout_s
        parts: list[str] = []
        size = 0
        chunks = 0
        watchdog: _Watchdog | None = None
        saw_choice = False
        try:
            stream = self.client.with_options(timeout=self._timeout()).chat.completions.create(**request)
            watchdog = _Watchdog(stream.response.close, self.llm.first_token_timeout_s, self.llm.timeout_s, cancel)
            with stream:
                for chunk in stream:
                    chunks += 1
                    if getattr(chunk, "usage", None) is not None:
                        reply.usage = chunk.usage
                    for choice in getattr(chunk, "choices", None) or []:
                        saw_choice = True
                        delta = choice.delta
                        if delta is not None and delta.content:
                            if reply.first_token_ms is None:
                                reply.first_token_ms = (now() - started) * 1000
                                watchdog.got_token = True
                            parts.append(delta.content)
                            size += len(delta.content)
                        if delta is not None and getattr(delta, "refusal", None):
                            reply.refusal = (reply.refusal or "") + delta.refusal
                        if choice.finish_reason:
                            reply.finish_reason = choice.finish_reason
                    if size > MAX_REPLY_CHARS:
                        raise LLMError("length", f"Het antwoord van het taalmodel werd groter dan {MAX_REPLY_CHARS:,} "
                                       f"tekens en is geweigerd (niets ervan is bewaard). {OFFLINE_STILL_THERE}"
                                       .replace(",", "."))
                    _check_cancel(cancel)
                    if now() > deadline:
                        raise self._total_timeout_error()
                    if progress is not None:
                        progress(Progress(kind=kind, chars=size, seconds=now() - started,
                                          first_token_s=None if reply.first_token_ms is None else reply.first_token_ms / 1000))
            if watchdog.fired:
                raise self._watchdog_error(watchdog.fired, reply)
            if chunks == 0:
                raise ValueError("geen enkel stuk antwoord")
            if saw_choice and reply.finish_reason is None and reply.refusal is None:
                raise _Interrupted()  # (a reply with no choice at all is an empty reply: the repair round)
        except Exception as exc:
            original = exc
            if watchdog is not None and watchdog.fired and not isinstance(exc, LLMError):
                exc = self._watchdog_error(watchdog.fired, reply)  # the close broke the read: say why
            elif not isinstance(exc, (openai.OpenAIError, LLMError, ValueError, _Interrupted)):
                raise
            entry["ms"] = round((now() - started) * 1000)
            entry["error"] = {"type": type(exc).__name__, "status": getattr(exc, "status_code", None),
                              "message": str(exc)[:500]}
            if parts:
                entry["partial_content"] = "".join(parts)
            log.append(entry, self.secret)
            if isinstance(exc, openai.APITimeoutError):
                raise self._timeout_error(reply) from None
            if isinstance(exc, ValueError):  # a body that is not the API's stream (the SDK's own errors are not)
                raise not_an_api(self.endpoint.base_url) from None
            if exc is original:
                raise
            raise exc from None
        finally:
            if watchdog is not None:
                watchdog.stop()
        reply.content = "".join(parts)
        elapsed = (now() - started) * 1000
        exchange.server_ms += elapsed
        exchange.requests += 1
        if exchange.first_token_ms is None and reply.first_token_ms is not None:
            exchange.first_token_ms = reply.first_token_ms
        entry["ms"] = round(elapsed)
        entry["first_token_ms"] = None if reply.first_token_ms is None else round(reply.first_token_ms)
        entry["response"] = {
            "finish_reason": reply.finish_reason, "content": reply.content, "refusal": reply.refusal,
            "usage": reply.usage.model_dump() if reply.usage else None,
        }
        log.append(entry, self.secret)
        if reply.usage and reply.usage.prompt_tokens:
            exchange.prompt_tokens += reply.usage.prompt_tokens
            exchange.completion_tokens += reply.usage.completion_tokens or 0
        else:
            exchange.counted_by = self.counter.source
            exchange.prompt_tokens += self.counter.count_messages(messages)
            exchange.completion_tokens += self.counter.count(reply.content)
        return reply

    def _timeout(self) -> Any:
        import openai  # noqa: PLC0415

        first = self.llm.first_token_timeout_s
        return openai.Timeout(self.llm.timeout_s, connect=min(CONNECT_TIMEOUT_S, first), read=first, write=first)

    def _watchdog_error(self, fired: str, reply: Reply) -> LLMError:
        if fired == "cancel":
            return LLMError("cancelled", _("Beoordeling door het taalmodel geannuleerd."))
        if fired == "total":
            return self._total_timeout_error()
        return self._timeout_error(reply)

    def _total_timeout_error(self) -> LLMError:
        return LLMError("timeout", _(
            "Het taalmodel op {base_url} was na {timeout_s:g} s nog niet klaar met antwoorden "
            "(llm.timeout_s). Kies een sneller model of verhoog de limiet. {OFFLINE_STILL_THERE}"
        ).format(
            base_url=self.endpoint.base_url,
            timeout_s=self.llm.timeout_s,
            OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE),
        ))

    def _timeout_error(self, reply: Reply) -> LLMError:
        if reply.first_token_ms is None:
            what = _(
                "begon niet binnen {first_token_timeout_s:g} s te antwoorden (llm.first_token_timeout_s)"
            ).format(first_token_timeout_s=self.llm.first_token_timeout_s)
        else:
            what = _(
                "viel tijdens het antwoorden {first_token_timeout_s:g} s stil (llm.first_token_timeout_s)"
            ).format(first_token_timeout_s=self.llm.first_token_timeout_s)
        return LLMError("timeout", _(
            "Het taalmodel op {base_url} {what}. Probeer later opnieuw, kies een sneller model of "
            "verhoog de limiet. {OFFLINE_STILL_THERE}"
        ).format(base_url=self.endpoint.base_url, what=what, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))

    def _content(self, reply: Reply, max_tokens: int) -> str:
        refusal = reply.refusal
        if refusal or reply.finish_reason == "content_filter":
            raise LLMError("refusal", _(
                "Het taalmodel weigerde deze beoordeling{value}. {OFFLINE_STILL_THERE}"
            ).format(value=': ' + refusal[:200] if refusal else '', OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))
        if reply.finish_reason == "length":
            raise LLMError("length", _(
                "Het antwoord van het taalmodel werd afgebroken door de lengtelimiet ({max_tokens} "
                "tokens). Verhoog llm.max_output_tokens of kies een model dat beknopter antwoordt. "
                "{OFFLINE_STILL_THERE}"
            ).format(max_tokens=max_tokens, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))
        return scrub(reply.content)  # a reply that echoes the key is not shown or cached with it

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
        progress: ProgressCallback | None = None,
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
                reply = self._send(messages, mode, fmt, max_tokens, probing and not last_rung, kind, exchange,
                                   cancel, progress)
            except openai.APIStatusError as exc:
                too_small = _context_too_small(exc, self.llm.prompt_budget_tokens)
                if too_small is not None:
                    raise too_small from None
                if not last_rung and _refuses_format(exc):
                    continue
                raise from_sdk(exc, self.endpoint.base_url, self.model, self.llm.timeout_s, self.endpoint.address_from) from None
            except openai.OpenAIError as exc:
                raise from_sdk(exc, self.endpoint.base_url, self.model, self.llm.timeout_s, self.endpoint.address_from) from None
            parsed = self._validated(reply, messages, reply_model, schema, mode, fmt, max_tokens, kind, check,
                                     cancel, progress, exchange)
            if self.llm.structured_output == "auto":
                remember_mode(self.endpoint, self.model, mode)
            return parsed, exchange
        raise AssertionError("unreachable: the last rung returns or raises")

    def _validated(
        self, reply: Reply, messages: list[dict[str, str]], reply_model: type[BaseModel], schema: dict[str, Any],
        mode: StructuredMode, fmt: dict[str, Any] | None, max_tokens: int, kind: str,
        check: Callable[[BaseModel], None] | None, cancel: threading.Event | None,
        progress: ProgressCallback | None, exchange: Exchange,
    ) -> BaseModel:
        import openai  # noqa: PLC0415

        content = self._content(reply, max_tokens)
        try:
            return self._parse(content, reply_model, check)
        except ReplyInvalid as first:
            problem = str(first)
        _check_cancel(cancel)
        repair = render(load_template("repair"), {"error": problem, "skeleton": json.dumps(skeleton(schema), ensure_ascii=False)})
        retry = [*messages, {"role": "assistant", "content": content}, {"role": "user", "content": repair[0]["content"]}]
        exchange.repaired = True
        try:
            reply = self._send(retry, mode, fmt, max_tokens, False, f"{kind}:herstel", exchange, cancel, progress)
        except openai.OpenAIError as exc:
            raise from_sdk(exc, self.endpoint.base_url, self.model, self.llm.timeout_s, self.endpoint.address_from) from None
        content = self._content(reply, max_tokens)
        try:
            return self._parse(content, reply_model, check)
        except ReplyInvalid as second:
            raise LLMError("malformed", _(
                "Het taalmodel gaf ook na een herstelpoging geen bruikbaar antwoord ({second}) Probeer "
                "opnieuw of kies een sterker model. {OFFLINE_STILL_THERE}"
            ).format(second=second, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE))) from None

    @staticmethod
    def _parse(content: str, reply_model: type[BaseModel], check: Callable[[BaseModel], None] | None) -> BaseModel:
        reply = parse_reply(content, reply_model)
        if check is not None:
            check(reply)
        return reply

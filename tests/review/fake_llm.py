"""A fake OpenAI-compatible server at the one seam: the SDK's http_client with an httpx2 MockTransport."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import httpx2

from assistant.config import Settings, load_settings
from assistant.review.llm.session import LLMSession, open_session

API_KEY = "sk-test-SECRET-4242-never-logged"


def completion(content: str | None, finish_reason: str = "stop", refusal: str | None = None,
               usage: tuple[int, int] | None = (120, 40)) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "test-model",
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content, "refusal": refusal}}],
    }
    if usage:
        body["usage"] = {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)}
    return body


def as_stream(body: dict[str, Any], usage: bool = True, pieces: int = 4) -> bytes:
    """A chat completion as the server-sent events of a streamed reply: the content in a few pieces, the
    finish reason, then the usage (as some servers send it even unasked) and [DONE]."""
    choice = body["choices"][0] if body["choices"] else None
    base = {"id": body["id"], "object": "chat.completion.chunk", "created": 0, "model": body["model"]}
    events: list[dict[str, Any]] = []
    if choice is not None:
        content = choice["message"]["content"] or ""
        step = max(1, -(-len(content) // pieces))
        for start in range(0, len(content), step):
            events.append({**base, "choices": [{"index": 0, "delta": {"content": content[start:start + step]},
                                                "finish_reason": None}]})
        last: dict[str, Any] = {}
        if choice["message"].get("refusal"):
            last["refusal"] = choice["message"]["refusal"]
        events.append({**base, "choices": [{"index": 0, "delta": last, "finish_reason": choice["finish_reason"]}]})
    if usage and body.get("usage"):
        events.append({**base, "choices": [], "usage": body["usage"]})
    return "".join(f"data: {json.dumps(e)}\n\n" for e in events).encode() + b"data: [DONE]\n\n"


Reply = dict[str, Any] | httpx2.Response | Exception | Callable[[dict[str, Any]], dict[str, Any]]


class FakeServer:
    """Answers chat requests from a script of replies (the last one repeats); records every request."""

    def __init__(self, *replies: Reply):
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()  # check --llm sends from several threads

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.path.endswith("/models"):
            return httpx2.Response(200, json={"object": "list", "data": [{"id": "test-model", "object": "model"}]})
        body = json.loads(request.content)
        with self._lock:
            self.requests.append(body)
            reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx2.Response):
            return reply
        data = reply(body) if callable(reply) else reply
        if body.get("stream"):
            return httpx2.Response(200, headers={"content-type": "text/event-stream"},
                                   content=as_stream(data))
        return httpx2.Response(200, json=data)

    def session(self, settings: Settings | None = None, **llm: Any) -> LLMSession:
        settings = settings or make_settings(**llm)
        return open_session(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(self.handler)))

    @property
    def modes(self) -> list[str]:
        return [r.get("response_format", {}).get("type", "prompt") for r in self.requests]


def make_settings(**llm: Any) -> Settings:
    values = {"base_url": "http://llm.test/v1", "model": "test-model", "max_retries": 0, **llm}
    return load_settings(llm=values)


def error(status: int, message: str = "fout") -> httpx2.Response:
    return httpx2.Response(status, json={"error": {"message": message, "type": "error", "code": None}})


LLAMA_CPP_500 = error(500, "1 validation error: {'loc': ('body', 'response_format', 'type'), "
                           "'msg': \"Input should be 'text' or 'json_object'\"}")


def review_reply(level: str = "voldoende", evidence: list[str] | None = None, suggestion: str = "Noem de duur.",
                 followups: list[str] | None = None, missing: list[str] | None = None) -> str:
    """A valid reply for question D1c (one criterion: lokale_verankering, one sub-part: verankering)."""
    return json.dumps({
        "criteria": {"lokale_verankering": {
            "level": level,
            "evidence": evidence if evidence is not None else ["Elke dinsdag houden we zitdag in het Sociaal Huis van Zelzate"],
            "reasoning": "Gemeenten en partners genoemd, duur ontbreekt.",
        }},
        "missing_parts": missing or [],
        "suggestions": [{"part": "verankering", "text": suggestion}],
        "followup_questions": followups if followups is not None else ["Hoe vinden cliënten uit Kaprijke u?"],
        "confidence": "gemiddeld",
    })


def any_question_reply(body: dict[str, Any]) -> dict[str, Any]:
    """A valid reply for whichever question the request is about (its criteria are listed in the prompt)."""
    prompt = "\n".join(m["content"] for m in body["messages"])
    ids = [line[2:].split(":", 1)[0] for line in prompt.splitlines() if line.startswith("- ") and ": " in line]
    schema = body["response_format"]["json_schema"]["schema"]
    criteria = [c for c in ids if c in schema["properties"]["criteria"]["properties"]]
    return completion(json.dumps({
        "criteria": {c: {"level": "zwak", "evidence": [], "reasoning": "Te algemeen."} for c in criteria},
        "missing_parts": [], "suggestions": [], "followup_questions": [], "confidence": "laag",
    }))

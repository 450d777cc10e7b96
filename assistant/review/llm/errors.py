"""Every way an LLM call can fail, as one user-facing error with a Dutch message and a kind for code."""

from __future__ import annotations

from typing import Literal

from assistant.errors import AssistantError
from assistant.i18n import N_, _

FailureKind = Literal[
    "off", "config", "connection", "timeout", "auth", "model", "rate", "server",
    "rejected", "malformed", "length", "refusal", "budget", "empty", "cancelled", "privacy", "unfit",
]

OFFLINE_STILL_THERE = N_("De offline controle blijft beschikbaar en uw antwoord is bewaard.")


class LLMError(AssistantError):
    """An LLM review that could not be done; the message says why and what to do."""

    def __init__(self, kind: FailureKind, message: str):
        super().__init__(message)
        self.kind = kind

    @property
    def stops_session(self) -> bool:
        """Whether asking again for another question is pointless (the endpoint itself is unusable)."""
        return self.kind in {"off", "config", "connection", "timeout", "auth", "model", "rate", "cancelled", "privacy", "unfit"}


def not_an_api(base_url: str) -> LLMError:
    """The address answers, but not as an OpenAI-compatible API (a web page, a proxy, a wrong path)."""
    return LLMError("server", _(
        "Het adres {base_url} antwoordt niet als een OpenAI-compatibele API. Klopt het adres "
        "(meestal eindigend op /v1)? {OFFLINE_STILL_THERE}"
    ).format(base_url=base_url, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))


def from_sdk(exc: Exception, base_url: str, model: str, timeout_s: float,
             address_from: str = "OPENAI_BASE_URL of llm.base_url") -> LLMError:
    """Translate an openai SDK exception into one Dutch message; `address_from` names the setting the address
    came from, so the user is sent to the one they set."""
    import openai  # noqa: PLC0415 - only reached after the SDK was already used

    status = getattr(exc, "status_code", None)
    detail = _server_detail(exc)
    if isinstance(exc, openai.APITimeoutError):
        return LLMError("timeout", _(
            "Het taalmodel op {base_url} antwoordde niet binnen {timeout_s:g} s. Probeer later opnieuw "
            "of verhoog llm.timeout_s. {OFFLINE_STILL_THERE}"
        ).format(base_url=base_url, timeout_s=timeout_s, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))
    if isinstance(exc, openai.APIConnectionError):
        return LLMError("connection", _(
            "Geen verbinding met het taalmodel op {base_url}. Draait de server en klopt het adres "
            "({address_from})? {OFFLINE_STILL_THERE}"
        ).format(base_url=base_url, address_from=address_from, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))
    if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
        return LLMError("auth", _(
            "De server op {base_url} weigert de API-sleutel (HTTP {status}). Controleer OPENAI_API_KEY "
            "of llm.api_key. {OFFLINE_STILL_THERE}"
        ).format(base_url=base_url, status=status, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))
    if isinstance(exc, openai.NotFoundError):
        return LLMError("model", _(
            "Model '{model}' is onbekend op {base_url} (HTTP 404). Kies een bestaand model met "
            "llm.model (zie 'wse-assistant llm test'). {OFFLINE_STILL_THERE}"
        ).format(model=model, base_url=base_url, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))
    if isinstance(exc, openai.RateLimitError):
        what = _("Het tegoed van uw account is op") if "quota" in detail.lower() else _("Te veel aanvragen na elkaar")
        return LLMError("rate", _(
            "{what} (HTTP 429 van {base_url}). Wacht even en probeer opnieuw. {OFFLINE_STILL_THERE}"
        ).format(what=what, base_url=base_url, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))
    if isinstance(exc, openai.APIStatusError) and status is not None and status >= 500:
        return LLMError("server", _(
            "De server op {base_url} gaf een fout (HTTP {status}{value}). Probeer later opnieuw. "
            "{OFFLINE_STILL_THERE}"
        ).format(
            base_url=base_url,
            status=status,
            value=': ' + detail if detail else '',
            OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE),
        ))
    if isinstance(exc, openai.APIStatusError):
        return LLMError("rejected", _(
            "De server op {base_url} weigerde de vraag (HTTP {status}{value}). {OFFLINE_STILL_THERE}"
        ).format(
            base_url=base_url,
            status=status,
            value=': ' + detail if detail else '',
            OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE),
        ))
    return LLMError("server", _(
        "Onverwachte fout van het taalmodel: {error_type}. {OFFLINE_STILL_THERE}"
    ).format(error_type=type(exc).__name__, OFFLINE_STILL_THERE=_(OFFLINE_STILL_THERE)))


def _server_detail(exc: Exception) -> str:
    """The server's own short error text, if it gave one (never the request, which may hold the key)."""
    body = getattr(exc, "body", None)
    message = body.get("message") if isinstance(body, dict) else None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        message = body["error"].get("message")
    return str(message).splitlines()[0][:200] if message else ""

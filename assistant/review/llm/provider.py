"""Which server, which model, which key: resolved from the settings, and an openai client for it."""

from __future__ import annotations

import ipaddress
import json
import os
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict

from assistant import locations
from assistant.config import PRESETS, Settings, StructuredMode
from assistant.draft.models import LLMPrivacy
from assistant.errors import keep_secret
from assistant.i18n import N_, _
from assistant.review.llm.errors import LLMError, not_an_api

if TYPE_CHECKING:
    import httpx2
    from openai import OpenAI

# Requests that are not a streamed reply (the list of models) get this long; replies set their own limits.
SHORT_REQUEST_S = 30.0
# A local server ignores the key, but the SDK insists on one.
NO_KEY = "geen-sleutel-nodig"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
NOT_CONFIGURED = N_(
    "Geen taalmodel ingesteld: alleen de offline controle. Zet OPENAI_API_KEY (OpenAI) of OPENAI_BASE_URL "
    "(een lokale server zoals Ollama of llama.cpp) in de omgeving of in het configuratiebestand."
)


class Endpoint(BaseModel):
    """A resolved LLM endpoint. The key is kept out of repr and out of every dump."""

    model_config = ConfigDict(frozen=True)

    provider: str
    base_url: str
    model: str | None  # None: ask the server (a local server with one model)
    needs_key: bool
    local: bool
    token_param: str
    timeout_s: float
    max_retries: int
    stream_usage: bool
    address_from: str = "OPENAI_BASE_URL of llm.base_url"  # the setting the address came from, for messages

    def describe(self) -> str:
        return f"{PRESETS[self.provider].label} op {self.base_url}"


def _infer_provider(base_url: str | None, has_key: bool) -> str | None:
    if base_url is None:
        return "openai" if has_key else None
    parsed = urlparse(base_url)
    for name, preset in PRESETS.items():
        if preset.base_url and urlparse(preset.base_url).netloc == parsed.netloc:
            return name
    if parsed.hostname and parsed.hostname.endswith(".openai.azure.com"):
        return "azure"
    return "custom"


def _address_setting(configured: str | None, openai_variable: str | None, label: str) -> str:
    """Where the address was set, as the user set it: a message then names that setting, not another."""
    if configured:
        # The settings do not say which source gave llm.base_url; the environment is looked at directly.
        return "WSE_LLM__BASE_URL" if any(k.upper() == "WSE_LLM__BASE_URL" for k in os.environ) else "llm.base_url"
    if openai_variable:
        return "OPENAI_BASE_URL"
    return _("het standaardadres van {label}; wijzig het met llm.base_url").format(label=label)


def resolve_endpoint(settings: Settings) -> tuple[Endpoint, str | None]:
    """The endpoint and its key from the settings; LLMError('off') when the LLM is not configured or disabled."""
    llm = settings.llm
    if not llm.enabled:
        raise LLMError("off", _("Het taalmodel staat uit (llm.enabled = false): alleen de offline controle."))
    key_secret = llm.api_key or settings.openai_api_key
    key = key_secret.get_secret_value() if key_secret else None
    keep_secret(key)  # from here on, no server text that echoes it is printed or stored
    base_url = llm.base_url or settings.openai_base_url
    provider = llm.provider or _infer_provider(base_url, key is not None)
    if provider is None:
        raise LLMError("off", _(NOT_CONFIGURED))
    preset = PRESETS[provider]
    address_from = _address_setting(llm.base_url, settings.openai_base_url, preset.label)
    base_url = (base_url or preset.base_url or "").rstrip("/")
    if not base_url:
        raise LLMError("config", _("Voor {label} is een adres nodig: zet llm.base_url of OPENAI_BASE_URL.").format(label=preset.label))
    if preset.needs_key and not key:
        raise LLMError("config", _("{label} vraagt een API-sleutel: zet OPENAI_API_KEY of llm.api_key.").format(label=preset.label))
    local = preset.local or (urlparse(base_url).hostname or "") in LOCAL_HOSTS
    model = llm.model or preset.default_model
    if model is None and not local:
        raise LLMError("config", _("Kies een model met llm.model (voor Azure: de naam van de deployment)."))
    endpoint = Endpoint(
        provider=provider, base_url=base_url, model=model, needs_key=preset.needs_key,
        local=local, token_param=preset.token_param,
        timeout_s=llm.timeout_s, max_retries=llm.max_retries, stream_usage=preset.stream_usage,
        address_from=address_from,
    )
    return endpoint, key


# ---- per-proposal privacy: checked before anything of the proposal is sent (and before the session opens)

SET_PRIVACY = N_("Wijzig dit met 'wse-assistant llm privacy BESTAND toegestaan' of in de app (Instellingen).")


def on_local_network(base_url: str) -> bool:
    """Whether the address is this machine or the local network: localhost, or a loopback, private or
    link-local IP address. A host name other than localhost is not resolved (its address could change
    between this check and the request), so a server on the local network is named by its IP address."""
    host = (urlparse(base_url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def ensure_allowed(privacy: LLMPrivacy, settings: Settings, endpoint: Endpoint | None = None) -> None:
    """LLMError("privacy") when this proposal may not be sent to the configured server: its LLM privacy is
    `off`, or `local_only` and the server is not on this machine or the local network."""
    if privacy == "off":
        raise LLMError("privacy", _(
            "Het taalmodel staat uit voor dit voorstel (privacy: uit): alleen de offline controle, er "
            "is niets verstuurd. {SET_PRIVACY}"
        ).format(SET_PRIVACY=_(SET_PRIVACY)))
    if privacy == "local_only":
        endpoint = endpoint or resolve_endpoint(settings)[0]
        if not on_local_network(endpoint.base_url):
            raise LLMError("privacy", _(
                "Dit voorstel mag alleen naar een taalmodel op deze computer of het lokale netwerk "
                "(privacy: alleen lokaal); {base_url} is dat niet, dus er is niets verstuurd. Gebruik een "
                "lokale server (localhost of een privé-IP-adres). {SET_PRIVACY}"
            ).format(base_url=endpoint.base_url, SET_PRIVACY=_(SET_PRIVACY)))


def make_client(endpoint: Endpoint, key: str | None, http_client: httpx2.Client | None = None) -> OpenAI:
    """An openai client for the endpoint. `http_client` is the one seam unit tests fake."""
    from openai import OpenAI  # noqa: PLC0415 - 0.8 s to import, kept off start-up

    # Retries are the ladder's own (ladder.StructuredCaller._send): the SDK would also retry a refused
    # connection, which only makes an unreachable server slow to report.
    return OpenAI(
        api_key=key or NO_KEY, base_url=endpoint.base_url, timeout=min(endpoint.timeout_s, SHORT_REQUEST_S),
        max_retries=0, http_client=http_client,
    )


def server_models(client: OpenAI, base_url: str) -> list[str]:
    try:
        return [model.id for model in client.models.list().data]
    except (AttributeError, TypeError, ValueError):  # the address answered, but not with the API's JSON
        raise not_an_api(base_url) from None


def pick_model(endpoint: Endpoint, client: OpenAI) -> str:
    """The configured model, or the only one a local server offers."""
    if endpoint.model:
        return endpoint.model
    models = server_models(client, endpoint.base_url)
    if len(models) == 1:
        return models[0]
    if not models:
        raise LLMError("model", _(
            "De server op {base_url} biedt geen model aan. Laad er een en probeer opnieuw."
        ).format(base_url=endpoint.base_url))
    raise LLMError("config", _(
        "De server op {base_url} biedt meerdere modellen; kies er een met llm.model: "
    ).format(base_url=endpoint.base_url)
                   + ", ".join(models[:8]))


# ---- which structured-output mode a server accepts, remembered between runs


def _modes_file() -> Any:
    return locations.cache_dir() / "llm-modes.json"


def _mode_key(endpoint: Endpoint, model: str) -> str:
    return f"{endpoint.base_url}|{model}"


def known_mode(endpoint: Endpoint, model: str) -> StructuredMode | None:
    try:
        data = json.loads(_modes_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    mode = data.get(_mode_key(endpoint, model)) if isinstance(data, dict) else None
    return mode if mode in ("json_schema", "json_object", "prompt") else None


def remember_mode(endpoint: Endpoint, model: str, mode: StructuredMode) -> None:
    path = _modes_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data = data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        data = {}
    if data.get(_mode_key(endpoint, model)) == mode:
        return
    data[_mode_key(endpoint, model)] = mode
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    except OSError:
        pass  # only an optimisation: the ladder finds the mode again next time

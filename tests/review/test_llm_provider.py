"""Endpoint resolution from settings and presets; nothing configured means offline, said once."""

from __future__ import annotations

import pytest

from assistant.config import PRESETS, ConfigError, load_settings
from assistant.review.llm.errors import LLMError
from assistant.review.llm.provider import NOT_CONFIGURED, resolve_endpoint


def test_nothing_configured_is_off_with_a_plain_message():
    with pytest.raises(LLMError) as caught:
        resolve_endpoint(load_settings())
    assert caught.value.kind == "off" and str(caught.value) == NOT_CONFIGURED


def test_disabled_wins_over_a_configured_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    monkeypatch.setenv("WSE_LLM__ENABLED", "false")
    with pytest.raises(LLMError) as caught:
        resolve_endpoint(load_settings())
    assert caught.value.kind == "off" and "llm.enabled" in str(caught.value)


def test_standard_openai_variables(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    endpoint, key = resolve_endpoint(load_settings())
    assert endpoint.provider == "openai" and endpoint.base_url == "https://api.openai.com/v1"
    assert key == "sk-x" and endpoint.token_param == "max_completion_tokens" and not endpoint.local
    assert "sk-x" not in repr(endpoint) and "sk-x" not in endpoint.model_dump_json()


@pytest.mark.parametrize(
    ("provider", "url"),
    [("ollama", "http://localhost:11434/v1"), ("lmstudio", "http://localhost:1234/v1"),
     ("vllm", "http://localhost:8000/v1"), ("llamacpp", "http://localhost:8080/v1")],
)
def test_local_presets_need_no_key(provider, url):
    endpoint, key = resolve_endpoint(load_settings(llm={"provider": provider, "model": "m"}))
    assert endpoint.base_url == url and key is None and endpoint.local and endpoint.token_param == "max_tokens"


def test_base_url_alone_infers_the_preset(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1/")
    endpoint, _ = resolve_endpoint(load_settings())
    assert endpoint.provider == "ollama" and endpoint.base_url == "http://localhost:11434/v1"


def test_azure_needs_an_address_a_key_and_a_deployment():
    with pytest.raises(LLMError, match="adres"):
        resolve_endpoint(load_settings(llm={"provider": "azure", "api_key": "k", "model": "d"}))
    with pytest.raises(LLMError, match="API-sleutel"):
        resolve_endpoint(load_settings(llm={"base_url": "https://acme.openai.azure.com/openai/v1/"}))
    endpoint, _ = resolve_endpoint(load_settings(
        llm={"base_url": "https://acme.openai.azure.com/openai/v1/", "api_key": "k", "model": "mijn-gpt"}))
    assert endpoint.provider == "azure" and endpoint.model == "mijn-gpt"


def test_config_file_settings_and_unknown_keys(isolated_home):
    config = isolated_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[llm]\nprovider = "ollama"\nmodel = "llama3.2"\n[llm.prices]\n"llama3.2" = {input = 1.0, output = 2.0}\n')
    settings = load_settings()
    assert settings.llm.price_for("llama3.2").output == 2.0 and settings.llm.price_for("gpt-4o-mini") is not None
    config.write_text('[llm]\nprovder = "ollama"\n')
    with pytest.raises(ConfigError):
        load_settings()


def test_every_preset_is_listed():
    assert set(PRESETS) == {"openai", "azure", "ollama", "lmstudio", "vllm", "llamacpp", "custom"}


def test_a_server_on_this_machine_needs_no_model_name_and_costs_nothing(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8123/v1")
    endpoint, _ = resolve_endpoint(load_settings())
    assert endpoint.provider == "custom" and endpoint.local and endpoint.model is None
    monkeypatch.setenv("OPENAI_BASE_URL", "https://llm.example.org/v1")
    with pytest.raises(LLMError, match="llm.model"):
        resolve_endpoint(load_settings())




def _closed_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("variable", "named", "not_named"),
    [("WSE_LLM__BASE_URL", "WSE_LLM__BASE_URL", "OPENAI_BASE_URL"), ("OPENAI_BASE_URL", "OPENAI_BASE_URL", "WSE_LLM")],
)
def test_no_connection_names_the_setting_that_was_used(monkeypatch, capsys, variable, named, not_named):
    from assistant.cli import main  # noqa: PLC0415

    monkeypatch.setenv(variable, f"http://127.0.0.1:{_closed_port()}/v1")
    monkeypatch.setenv("WSE_LLM__MAX_RETRIES", "0")
    assert main(["llm", "test"]) == 2
    err = capsys.readouterr().err
    assert "Geen verbinding" in err and named in err and not_named not in err

"""Settings from the environment, a .env file and the user config file (TOML), strictly validated.

Precedence, highest first: init arguments, environment (WSE_ prefix, nested with __; plus the standard
OPENAI_API_KEY / OPENAI_BASE_URL), .env, the config file, defaults. Unknown keys are errors.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from assistant import locations
from assistant.errors import AssistantError, os_error_text, validation_reason
from assistant.i18n import _


class ConfigError(AssistantError):
    """The config file or environment holds a value that cannot be used."""


StructuredMode = Literal["json_schema", "json_object", "prompt"]


class ProviderPreset(BaseModel):
    """What a kind of server needs: where it usually listens, whether it wants a key, how to cap output."""

    model_config = ConfigDict(frozen=True)

    label: str
    base_url: str | None  # None: the user must give it (Azure resource, custom server)
    needs_key: bool
    default_model: str | None
    # OpenAI's newer models refuse max_tokens; llama.cpp and others silently ignore max_completion_tokens.
    token_param: Literal["max_tokens", "max_completion_tokens"]
    local: bool
    # Whether to ask for token usage at the end of a stream (stream_options); else tokens are counted here.
    stream_usage: bool = True


# Every kind of server the assistant knows, by the name `llm.provider` takes: adding one is adding a row here
# (the settings screen, `llm.provider` validation and the CLI all read this table).
PRESETS: dict[str, ProviderPreset] = {
    "openai": ProviderPreset(
        label="OpenAI", base_url="https://api.openai.com/v1", needs_key=True,
        default_model="gpt-4.1-mini", token_param="max_completion_tokens", local=False,
    ),
    # Azure OpenAI's v1 API speaks the plain OpenAI protocol: https://RESOURCE.openai.azure.com/openai/v1/
    "azure": ProviderPreset(
        label="Azure OpenAI", base_url=None, needs_key=True,
        default_model=None, token_param="max_completion_tokens", local=False,
    ),
    "ollama": ProviderPreset(
        label="Ollama", base_url="http://localhost:11434/v1", needs_key=False,
        default_model=None, token_param="max_tokens", local=True,
    ),
    "lmstudio": ProviderPreset(
        label="LM Studio", base_url="http://localhost:1234/v1", needs_key=False,
        default_model=None, token_param="max_tokens", local=True,
    ),
    "vllm": ProviderPreset(
        label="vLLM", base_url="http://localhost:8000/v1", needs_key=False,
        default_model=None, token_param="max_tokens", local=True,
    ),
    "llamacpp": ProviderPreset(
        label="llama.cpp-server", base_url="http://localhost:8080/v1", needs_key=False,
        default_model=None, token_param="max_tokens", local=True, stream_usage=False,  # it sends none
    ),
    # Any other OpenAI-compatible server: local (free) only when it listens on this machine.
    "custom": ProviderPreset(
        label="OpenAI-compatibele server", base_url=None, needs_key=False,
        default_model=None, token_param="max_tokens", local=False, stream_usage=False,  # a strict server may refuse it
    ),
}


class Price(BaseModel):
    """Price per million tokens, in the settings' currency."""

    model_config = ConfigDict(extra="forbid")

    input: float = Field(ge=0)
    output: float = Field(ge=0)


# Public list prices in USD per million tokens (checked 2025); override or extend in the config file.
DEFAULT_PRICES: dict[str, Price] = {
    "gpt-4.1": Price(input=2.00, output=8.00),
    "gpt-4.1-mini": Price(input=0.40, output=1.60),
    "gpt-4.1-nano": Price(input=0.10, output=0.40),
    "gpt-4o": Price(input=2.50, output=10.00),
    "gpt-4o-mini": Price(input=0.15, output=0.60),
    "gpt-5": Price(input=1.25, output=10.00),
    "gpt-5-mini": Price(input=0.25, output=2.00),
    "gpt-5-nano": Price(input=0.05, output=0.40),
}


# Enough for an answer at its full page budget to every question of the bundled call, with the
# addendum's most relevant paragraphs (bench/notes.md, "Full answers fit": measured per question).
PROMPT_BUDGET_TOKENS = 6000


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    provider: str | None = None  # a name in PRESETS
    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str | None = None
    # A reply streams: the first token must come within first_token_timeout_s (also the longest pause
    # between two chunks), the whole reply within timeout_s.
    # The defaults leave room for a small model on a busy CPU, which reads a long prompt slowly.
    timeout_s: float = Field(default=300.0, gt=0)
    first_token_timeout_s: float = Field(default=120.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)  # for 429 and 5xx; never for a refused connection
    prompt_budget_tokens: int = Field(default=PROMPT_BUDGET_TOKENS, ge=500)
    max_output_tokens: int = Field(default=1200, ge=64)
    # Questions `check --llm` sends at once; None: 1 to a local server (it answers one at a time anyway,
    # and a queued request would spend its first-token time waiting), 4 to a hosted API.
    parallel_requests: int | None = Field(default=None, ge=1, le=16)
    temperature: float = Field(default=0.2, ge=0, le=2)
    # "auto" walks the ladder json_schema -> json_object -> prompt and remembers what the server accepts.
    structured_output: Literal["auto"] | StructuredMode = "auto"
    currency: str = "USD"
    # Added to (and overriding) DEFAULT_PRICES; keys are model names or name prefixes.
    prices: dict[str, Price] = {}

    @field_validator("provider")
    @classmethod
    def _known_provider(cls, value: str | None) -> str | None:
        if value is not None and value not in PRESETS:
            raise ValueError(_("kies een van: {names}").format(names=", ".join(PRESETS)))
        return value

    def price_for(self, model: str) -> Price | None:
        """The price of a model: exact name first, else the longest matching prefix (dated snapshots)."""
        table = {**DEFAULT_PRICES, **self.prices}
        if model in table:
            return table[model]
        prefixes = [name for name in table if model.startswith(name)]
        return table[max(prefixes, key=len)] if prefixes else None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="WSE_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="forbid",
    )

    language: Literal["nl", "en"] = "nl"
    llm: LLMSettings = LLMSettings()
    # The standard OpenAI variables, accepted as they are.
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key"), exclude=True
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url"), exclude=True
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, dotenv_settings, ConfigFileSource(settings_cls)


class ConfigFileSource(PydanticBaseSettingsSource):
    """The user config file; its path comes from locations so tests can move it."""

    def __init__(self, settings_cls: type[BaseSettings]):
        super().__init__(settings_cls)
        self.path = locations.config_file()
        self.data = self._read()

    def _read(self) -> dict[str, Any]:
        if not self.path.exists():
            return {}
        try:
            return tomllib.loads(self.path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(
                _("Configuratiebestand {path} kan niet gelezen worden: {error}.").format(
                    path=self.path, error=os_error_text(exc)
                )
            ) from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(_("Configuratiebestand {path} is ongeldig: {exc}.").format(path=self.path, exc=exc)) from None

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self.data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self.data)


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            _(
                "Instelling '{where}' is ongeldig ({msg}); pas {value} of de omgevingsvariabelen aan."
            ).format(where=where, msg=validation_reason(first), value=locations.config_file())
        ) from None


def write_settings(settings: Settings, path: Path | None = None) -> Path:
    """Save settings to the config file, readable by the user alone since it may hold the API key."""
    import tomli_w  # noqa: PLC0415 - only needed when saving

    path = path or locations.config_file()
    data = settings.model_dump(mode="json", exclude_none=True, exclude={"openai_api_key", "openai_base_url"})
    if settings.llm.api_key is not None:
        data["llm"]["api_key"] = settings.llm.api_key.get_secret_value()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path

"""Where files live. WSE_ASSISTANT_HOME puts everything under one folder (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "wse-assistant"


def _home() -> Path | None:
    value = os.environ.get("WSE_ASSISTANT_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    home = _home()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP))


def config_file() -> Path:
    return config_dir() / "config.toml"


def proposals_dir() -> Path:
    return data_dir() / "proposals"


def log_dir() -> Path:
    return data_dir() / "log"

"""Every test runs with its own home folder: no user config, proposal or log leaks in or out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant import i18n
from assistant.call import Call, load_call


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    for name in list(os.environ):
        if name.startswith(("WSE_", "OPENAI_", "AZURE_OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("WSE_ASSISTANT_HOME", str(home))
    monkeypatch.chdir(home)  # no stray .env of the developer's is read
    return home


@pytest.fixture(autouse=True)
def dutch_by_default():
    """The language is a process-wide setting (a command or the app sets it): every test starts in Dutch."""
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture(scope="session")
def call() -> Call:
    return load_call()


@pytest.fixture
def client_folder(request: pytest.FixtureRequest, tmp_path: Path, call: Call) -> Path:
    """A data folder of generated client proposals (bench/portfolio.py), as `check --all`, `status` and the
    cross-client review read it: the test module's `CLIENTS` proposals of `PORTFOLIO_WORDS` words an answer."""
    from bench.portfolio import write_portfolio  # noqa: PLC0415 - only the tests of a whole folder need it

    folder = tmp_path / "klanten"
    write_portfolio(folder, request.module.CLIENTS, call, words=getattr(request.module, "PORTFOLIO_WORDS", 160))
    return folder

"""Token counting never touches the network."""

from __future__ import annotations

import pytest

from assistant import tokens


@pytest.fixture(autouse=True)
def no_network(monkeypatch, tmp_path):
    import requests

    def refuse(*args, **kwargs):
        raise AssertionError("tiktoken tried to download an encoding")

    monkeypatch.setattr(requests, "get", refuse)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))  # empty: nothing downloaded before
    tokens.counter_for.cache_clear()
    yield
    tokens.counter_for.cache_clear()


def test_bundled_encoding_without_network():
    exact = tokens.counter_for("gpt-4")  # cl100k_base is the bundled one: exact
    assert not exact.approximate and exact.count("Wij begeleiden mensen naar werk.") > 5
    other = tokens.counter_for("gpt-4o-mini")  # o200k_base is not bundled: flagged
    assert other.approximate and "benadering" in other.source
    assert tokens.counter_for("gemma-3-270m").approximate


def test_heuristic_when_even_the_bundle_fails(monkeypatch):
    import tiktoken

    def broken(name):
        raise ValueError("hash mismatch")

    monkeypatch.setattr(tiktoken, "get_encoding", broken)
    counter = tokens.counter_for("gpt-4")
    assert counter.approximate and counter.source.startswith("benadering")
    assert counter.count("a" * 35) == 10


def test_message_framing_is_counted():
    counter = tokens.counter_for("gpt-4")
    messages = [{"role": "system", "content": "Hallo"}, {"role": "user", "content": "Dag"}]
    assert counter.count_messages(messages) == counter.count("Hallo") + counter.count("Dag") + 2 + 2 * 3 + 3

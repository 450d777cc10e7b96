# Quick start: `make run` opens the app, `make test` runs the whole suite. Both set up .venv first.
# `run` installs only what the app needs (about a minute); `test` adds the test tools and the real LLM
# server of the integration test (llama-cpp-python compiles from source: about 13 minutes the first time).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# The test extras include everything the app needs, so they satisfy the app's stamp too.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,llm-server]'
	@touch $@ $(APP_STAMP)

run: $(APP_STAMP)
	$(BIN)/wse-assistant

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

bench: $(TEST_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info

# Quick start: `make run` opens the app, `make test` runs the whole suite. Both set up .venv first.
# `run` installs only what the app needs (about a minute); `test` adds the test tools and the real LLM
# server of the integration test (llama-cpp-python compiles from source: about 13 minutes the first time).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench messages clean

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

# Bytecode for the app's own modules, as pip writes it for every installed package: an editable install
# has none, and where PYTHONDONTWRITEBYTECODE is set every start would compile them again (about 40 ms).
run: $(APP_STAMP)
	@$(BIN)/python -m compileall -q assistant
	$(BIN)/wse-assistant

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

bench: $(TEST_STAMP)
	$(BIN)/python -m bench

# After changing a user-facing text: extract the texts (Babel, from the test extra), update the English .po
# (then translate what is new in it), compile the .mo that ships. tests/test_i18n.py checks all three.
messages: $(BIN)/python
	@mkdir -p build
	$(BIN)/pybabel -q extract --sort-output -w 120 -F babel.cfg --no-location --omit-header -o build/messages.pot assistant
	$(BIN)/pybabel -q update -w 120 -i build/messages.pot -d assistant/locale -l en --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel -q compile -d assistant/locale

clean:
	rm -rf $(VENV) build dist *.egg-info

# MakeLocal: `make site` sets everything up and builds the site; `make test` runs the tests.
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup validate site test lint clean stls

$(BIN)/makelocal: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/makelocal

validate: setup
	$(BIN)/makelocal validate

site: validate
	$(BIN)/makelocal build --site-dir site

# The accessibility tests' tools from npm (package.json), when npm is here; without them
# those tests are skipped.
NODE_TOOLS := $(if $(shell command -v npm),node_modules/.package-lock.json)
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

test: setup $(NODE_TOOLS)
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

# Rebuild every design's STL (and 2D pattern) files from its OpenSCAD sources.
stls: setup
	tools/build_stls.sh

clean:
	rm -rf site build .cache node_modules

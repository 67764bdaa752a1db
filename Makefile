# Regiokompas: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: demo test test-fast bench loadtest lint install install-test system-deps css clean

demo: install css
	$(BIN)/regiokompas demo --port $(PORT)

test: install-test css
	$(BIN)/python -m pytest

# Everything but the browser tests, for a quick round while developing.
test-fast: install-test
	$(BIN)/python -m pytest -m "not browser"

bench: install
	$(BIN)/python -m benchmarks

# 50 and 200 logged-in users and the saturation throughput against gunicorn on a throw-away
# database (PostgreSQL on 127.0.0.1:5432); docs/benchmarks.md.
loadtest: install-test
	$(BIN)/python -m benchmarks.loadtest

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	bash scripts/install-system-deps.sh runtime
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	bash scripts/install-system-deps.sh test
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# NL Design System CSS from the npm registry; the pages stay usable without it.
css: node_modules/.installed
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm ontbreekt: de pagina's werken zonder NL Design System-opmaak"; fi

clean:
	rm -rf $(VENV) node_modules build *.egg-info src/*.egg-info

# Regiokompas: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: demo test test-fast bench loadtest lint audit lock install install-test system-deps css clean

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

# Known vulnerabilities in the locked dependencies (docs/operations.md: what an unreachable
# advisory service means).
audit: install-test
	$(BIN)/python scripts/audit.py

# The lock files, from pyproject.toml: `make lock` after changing a dependency there (the other
# pins stay), `make lock LOCK_FLAGS=--upgrade` to take every update (then run make test and make audit).
LOCK_FLAGS ?=
LOCK := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet $(LOCK_FLAGS)
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv>=0.4"
	$(LOCK) -o requirements/runtime.txt
	$(LOCK) --extra test -o requirements/test.txt

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Exact versions from the lock files (requirements/*.txt, with hashes), then the project itself.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/runtime.txt
	bash scripts/install-system-deps.sh runtime
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/runtime.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml requirements/test.txt
	bash scripts/install-system-deps.sh test
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
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

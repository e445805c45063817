# ecogov: `make run` serves the demo city; `make test` runs the whole suite
# against SQLite and PostgreSQL. Every install step lives here.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/ecogov
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-sqlite test-postgres install deps services demo migrate messages lint bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Python and npm dependencies (locked), the project itself, compiled translations.
$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml package.json package-lock.json
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	npm ci --no-audit --no-fund --silent
	$(BIN)/python scripts/compilemessages.py
	touch $@

install: $(VENV)/.installed

# Debian packages the tests need (a real browser), installed once.
deps:
	@bash scripts/system-deps.sh

# PostgreSQL, Redis and Mosquitto: started with the machine's own commands if down.
services:
	@bash scripts/services.sh

migrate: install
	$(BIN)/ecogov migrate --noinput -v 0

demo: migrate
	$(BIN)/ecogov demo load --if-empty --live

run: demo
	@PORT=$(PORT) BIN=$(BIN) bash scripts/run.sh

messages: install
	$(BIN)/python scripts/compilemessages.py

test: install deps services
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest -q -n 2 -p no:cacheprovider $(PYTEST_ARGS)

test-postgres:
	@echo "== test suite on PostgreSQL =="
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -q -n 2 -p no:cacheprovider $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: install services
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The API contract under a long schemathesis run (make test runs a short one).
fuzz: install
	env -u DATABASE_URL ECOGOV_FUZZ_EXAMPLES=$${ECOGOV_FUZZ_EXAMPLES:-50} $(BIN)/pytest -q -p no:cacheprovider ecogov/core/tests/test_fuzz_api.py

clean:
	rm -rf $(VENV) node_modules var/test-*

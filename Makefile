# PlanLink — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint test-sqlite test-postgres bench serve env system-packages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

env: $(STAMP)

system-packages:
	@bash scripts/install_system_packages.sh

demo: env
	$(BIN)/planlink migrate --verbosity 0
	$(BIN)/planlink demo

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --cache-dir var/import-linter-cache
	$(BIN)/mypy

test: env system-packages lint
	@bash scripts/test_both_databases.sh $(BIN)/pytest -q

test-sqlite: env system-packages
	$(BIN)/pytest -q

test-postgres: env system-packages
	@bash scripts/run_postgres_tests.sh $(BIN)/pytest -q

bench: env system-packages
	$(BIN)/python -m benchmarks

serve: env
	$(BIN)/planlink serve

clean:
	rm -rf $(VENV) var

# Two set-up commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint format demo web bench clean

$(BIN)/python:
	@test -n "$(PYTHON)" && command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# Lint: ruff (style, imports, complexity limits), ruff format, and mypy over src/ with its default settings.
lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)
	$(BIN)/mypy src

format: $(STAMP)
	$(BIN)/ruff format src tests $(wildcard bench)
	$(BIN)/ruff check --fix src tests $(wildcard bench)

test: lint
	$(BIN)/python -m pytest

# Benchmarks (issue 8): JSON on stdout; they need ../shared/eval for the corpus. Slow: not part of `make test`.
bench: $(STAMP)
	$(BIN)/python bench/bench_throughput.py
	$(BIN)/python bench/bench_process.py
	$(BIN)/python bench/bench_places.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_dask.py

demo: $(STAMP)
	rm -f eventwire.duckdb
	$(BIN)/eventwire ingest examples/ --db eventwire.duckdb
	$(BIN)/eventwire events --db eventwire.duckdb
	$(BIN)/eventwire serve --db eventwire.duckdb

# Rebuild the dashboard bundle in src/eventwire/web/ from web/ (needs Node.js and npm; users never need this).
web:
	cd web && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) eventwire.duckdb .pytest_cache .ruff_cache

# Two commands: `make build` (the warehouse from the bundled sample documents) and
# `make test` (every test: lint, pytest, and dbt build with its data and unit tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= warehouse.duckdb

.PHONY: build test pytest dbt-test lint docs clean bench native

$(STAMP): requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	$(MAKE) native
	touch $(STAMP)

# The parsers compiled with mypyc (loaders/native.py; about a minute). Used only while the loaders'
# sources are exactly those compiled: after editing them, run `make native` again (until then the
# sources run). Optional: without a C compiler the sources run, about 1.5x slower.
native:
	$(BIN)/python -c 'import sys; from loaders.native import main; sys.exit(main(["build"]))' \
		|| echo "make native: the compiled parsers were not built; the loaders run as pure Python" >&2

build: $(STAMP)
	$(BIN)/python -m loaders build --db $(DB)

test: $(STAMP) lint pytest dbt-test

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

# The full pipeline on the bundled samples into a scratch warehouse: seeds, models, every
# data test and unit test. Fails on any error-severity test; --strict: also on an identity break
# in a table the loader quarantined a line of (a corpus build only warns).
dbt-test: $(STAMP)
	mkdir -p target
	$(BIN)/python -m loaders build --strict --db target/test_warehouse.duckdb

lint: $(STAMP)
	$(BIN)/ruff check loaders tests bench
	$(BIN)/ruff format --check loaders tests bench
	$(BIN)/sqlfluff lint models

# The scale benchmark (never part of `make test`): a generated corpus of BENCH_DOCUMENTS documents,
# loaded and built from scratch, then BENCH_ADDED more added incrementally; prints one table (also
# in build/bench/results.md). About 15 minutes for 10,000 documents on 2 cores.
BENCH_DOCUMENTS ?= 10000
BENCH_ADDED ?= 100
bench: $(STAMP)
	$(BIN)/python -m bench.run --documents $(BENCH_DOCUMENTS) --added $(BENCH_ADDED)

docs: $(STAMP)
	BUDGET_WAREHOUSE_DB=$(DB) $(BIN)/dbt docs generate --profiles-dir . --project-dir .

clean:
	rm -rf target logs build $(DB)
	$(BIN)/python -c 'from loaders.native import clean; clean()' 2>/dev/null || true

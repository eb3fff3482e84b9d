# Two commands: `make build` (the warehouse from the bundled sample documents) and
# `make test` (every test: lint, pytest, and dbt build with its data and unit tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= warehouse.duckdb

.PHONY: build test pytest dbt-test lint docs clean

$(STAMP): requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/python -m loaders build --db $(DB)

test: $(STAMP) lint pytest dbt-test

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

# The full pipeline on the bundled samples into a scratch warehouse: seeds, models, every
# data test and unit test. Fails on any error-severity test.
dbt-test: $(STAMP)
	mkdir -p target
	$(BIN)/python -m loaders build --db target/test_warehouse.duckdb

lint: $(STAMP)
	$(BIN)/ruff check loaders tests
	$(BIN)/ruff format --check loaders tests
	$(BIN)/sqlfluff lint models

docs: $(STAMP)
	BUDGET_WAREHOUSE_DB=$(DB) $(BIN)/dbt docs generate --profiles-dir . --project-dir .

clean:
	rm -rf target logs build $(DB)

"""A warehouse built once per test session from the bundled samples, through the real CLI."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from loaders.cli import main


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    db: Path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    seeds = tmp_path_factory.mktemp("seeds")
    assert main(["build", "--strict", "--db", str(db), "--seeds", str(seeds)]) == 0
    # dbt-duckdb may keep its own connection to the file open in this process: connect with
    # the same configuration (read-write) so DuckDB shares the database instance.
    connection = duckdb.connect(str(db))
    yield connection
    connection.close()


def one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> object:
    rows = con.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, (sql, params, rows)
    return rows[0][0] if len(rows[0]) == 1 else rows[0]

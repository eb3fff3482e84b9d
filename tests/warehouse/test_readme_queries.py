"""The README's example queries run against a warehouse built from the samples and return rows."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT_DIR

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
QUERIES = [
    q.strip()
    for block in re.findall(r"```sql\n(.*?)```", README, flags=re.S)
    for q in block.split(";")
    if re.sub(r"--[^\n]*", "", q).strip()
]


def test_the_readme_has_its_example_queries():
    assert len(QUERIES) >= 6


@pytest.mark.parametrize("query", QUERIES, ids=[f"query{i + 1}" for i in range(len(QUERIES))])
def test_readme_query_returns_rows(warehouse, query):
    rows = warehouse.execute(query).fetchall()
    assert rows, query

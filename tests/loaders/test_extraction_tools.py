"""The loaders on the text of real PDF text-extraction tools.

Every sample document was printed as a PDF (bordered tables, cells wrapping inside their cell, A4
pages with page numbers) and its text extracted by pdftotext -layout, plain pdftotext, pdfplumber and
PyMuPDF (tests/support/make_extracted.py, run by hand; the outputs are the fixtures under
tests/fixtures/extracted/<tool>/). Each extraction must give back what the sample's own tab text gives:

- the document's metadata (department, region, province, year, stage), identical;
- the standard finance tables (01–10): every fact exactly, except in a table family where the loader
  quarantines lines with a reason; never a fact the document does not print;
- the project performance tables: never a wrong fact (a subset of the tab text's).
"""

from __future__ import annotations

from functools import cache

import pytest

from loaders.pipeline import extract_document
from loaders.render import extract_text
from loaders.rows import (
    DocumentRow,
    EconomicAmountRow,
    FunctionAmountRow,
    QuarantineRow,
    SeedRow,
    StatisticRow,
    SummaryLineRow,
    ThreePublicRow,
)
from tests.conftest import FIXTURES, SAMPLES
from tests.support.facts import Fact, fact, facts_of

EXTRACTED = FIXTURES / "extracted"
TOOLS = ("pdftotext-layout", "pdftotext", "pdfplumber", "pymupdf")
DOCUMENTS = sorted(p.name for p in SAMPLES.glob("*.txt"))
FINANCE_FAMILY = {
    FunctionAmountRow: lambda row: row.table_name,
    SummaryLineRow: lambda row: row.table_name,
    EconomicAmountRow: lambda row: "basic_economic",
    ThreePublicRow: lambda row: "three_public",
    StatisticRow: lambda row: "statistics",
}
PERFORMANCE_SEEDS = ("raw_projects", "raw_kpi_indicators", "raw_project_summary")
METADATA = ("department_name", "region_name", "province", "fiscal_year", "stage")


@cache
def from_tabs(name: str) -> tuple[SeedRow, ...]:
    return tuple(extract_document(SAMPLES / name, name))


@cache
def from_tool(tool: str, name: str) -> tuple[SeedRow, ...]:
    return tuple(extract_text((EXTRACTED / tool / name).read_text(encoding="utf-8"), name))


def by_family(rows: tuple[SeedRow, ...]) -> dict[str, set[tuple[str, Fact]]]:
    families: dict[str, set[tuple[str, Fact]]] = {}
    for row in rows:
        family_of = FINANCE_FAMILY.get(type(row))
        if family_of is not None:
            families.setdefault(family_of(row), set()).add((type(row).__name__, fact(row)))
    return families


def metadata(rows: tuple[SeedRow, ...]) -> list[tuple[object, ...]]:
    return [tuple(getattr(row, field) for field in METADATA) for row in rows if isinstance(row, DocumentRow)]


def test_every_tool_has_a_fixture_for_every_sample():
    assert [(tool, name) for tool in TOOLS for name in DOCUMENTS if not (EXTRACTED / tool / name).is_file()] == []


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_document_metadata_is_the_same(name, tool):
    assert metadata(from_tool(tool, name)) == metadata(from_tabs(name))


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_standard_tables_come_back(name, tool):
    want, got = by_family(from_tabs(name)), by_family(from_tool(tool, name))
    extracted = from_tool(tool, name)
    quarantined = {q.family for q in extracted if isinstance(q, QuarantineRow) and q.family}
    for family in sorted(set(got) - set(want)):
        pytest.fail(f"{family}: a table the document does not print: {sorted(got[family])[:3]}")
    for family, facts in want.items():
        loaded = got.get(family, set())
        assert loaded <= facts, f"{family}: facts the document does not print: {sorted(loaded - facts)[:3]}"
        if family not in quarantined:
            assert loaded == facts, f"{family}: lost without a quarantine reason: {sorted(facts - loaded)[:3]}"


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_wrong_performance_fact(name, tool):
    want, got = facts_of(from_tabs(name)), facts_of(from_tool(tool, name))
    for seed in PERFORMANCE_SEEDS:
        wrong = set(got.get(seed, [])) - set(want.get(seed, []))
        assert not wrong, f"{seed}: {sorted(wrong, key=repr)[:2]}"

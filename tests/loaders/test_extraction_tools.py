"""The loaders on the text of real PDF text-extraction tools.

Every sample document was printed as a PDF (bordered tables, cells wrapping inside their cell, A4
pages with page numbers) and its text extracted by pdftotext -layout, plain pdftotext, pdfplumber and
PyMuPDF (tests/support/make_extracted.py, run by hand; the outputs are the fixtures under
tests/fixtures/extracted/<tool>/). Each extraction must give back what the sample's own tab text gives:

- the document's metadata (department, region, province, year, stage), identical;
- the standard finance tables (01–10): never a fact the document does not print, and every fact
  exactly unless the line that prints it is in raw_quarantine with a reason (or its whole table is): a
  fact is never lost silently. A fact is traced to the quarantined line printing it by what identifies
  its line: the subject code opening it (功能分类, 经济分类), 合计/总计, the 行次 with a piece of the line
  name (收支总表, 统计表), the name itself; a 三公经费 fact by its table's data line;
- the project performance tables: never a wrong fact (a subset of the tab text's), and at least the
  projects (raw_projects rows, every field exact) a tool's text is known to give back (PROJECT_FLOOR;
  ALIGNED_PROJECT_FLOOR for the printings with cells at the top or the bottom of their rows), indicator
  lines (INDICATOR_FLOOR) and funding lines (BUDGET_LINE_FLOOR), and every 汇总表 line (SUMMARY_TOOLS).

The same holds for the other printings of the documents (tests/fixtures/extracted/printings/: cells
aligned to the top or the bottom of their row, narrower columns), except for the gaps listed in KNOWN_GAPS
(strict xfails: each fails today for the reason given, and the test says so when it starts to pass).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

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
from tests.support.facts import FINANCE_FAMILY, fact, facts_of, finance_facts

EXTRACTED = FIXTURES / "extracted"
TOOLS = ("pdftotext-layout", "pdftotext", "pdfplumber", "pymupdf")
PRINTINGS = ("middle", "top", "bottom", "narrow")  # tests/support/make_extracted.py PRINTINGS
DOCUMENTS = sorted(p.name for p in SAMPLES.glob("*.txt"))
PERFORMANCE_SEEDS = ("raw_projects", "raw_kpi_indicators", "raw_project_summary")
# Projects whose raw_projects row comes back exactly, over the five samples (15 project tables printed):
# pdfplumber prints wrapped cells centred on lines of their own, read by loaders/layout/performance/wrapped;
# PyMuPDF prints them one piece a line in reading order, read by loaders/layout/performance/piececells.
PROJECT_FLOOR = {"pdfplumber": 6, "pymupdf": 9}
# Indicator lines whose raw_kpi_indicators row comes back exactly, every field (165 in the fixtures' centred
# printing: tests/support/make_extracted.py prints each sample's first three project tables).
INDICATOR_FLOOR = {"pdfplumber": 39, "pymupdf": 49}
# Project funding lines whose raw_project_budget_lines row comes back exactly (31 in the centred printing).
BUDGET_LINE_FLOOR = {"pdfplumber": 16, "pymupdf": 24}
# Standard-table facts that come back exactly, over the five samples in the four printings (9,004 facts in
# the tab text): what each tool's text is known to give back today. A change that loses facts (quarantined,
# so the tests above still pass) fails here; one that gains raises the floor.
FINANCE_FLOOR = {"pdftotext-layout": 8601, "pdftotext": 1432, "pdfplumber": 8988, "pymupdf": 8988}
METADATA = ("department_name", "region_name", "province", "fiscal_year", "stage")


@cache
def from_tabs(name: str) -> tuple[SeedRow, ...]:
    return tuple(extract_document(SAMPLES / name, name))


def fixture(printing: str, tool: str, name: str) -> Path:
    return (EXTRACTED if printing == "middle" else EXTRACTED / "printings" / printing) / tool / name


@cache
def from_tool(tool: str, name: str, printing: str = "middle") -> tuple[SeedRow, ...]:
    return tuple(extract_text(fixture(printing, tool, name).read_text(encoding="utf-8"), name))


# (test, printing, tool, document prefix) → why it fails today (none left: keep a gap found here listed, with
# its reason, until it is fixed).
KNOWN_GAPS: dict[tuple[str, str, str, str], str] = {}


@contextmanager
def known_gap(test: str, printing: str, tool: str, name: str) -> Iterator[None]:
    """Run the checks; a listed gap must still fail them (then the test xfails with its reason)."""
    reason = KNOWN_GAPS.get((test, printing, tool, name[:3]))
    if reason is None:
        yield
        return
    try:
        yield
    except AssertionError:
        pytest.xfail(reason)
    pytest.fail(f"a known gap no longer fails, remove it from KNOWN_GAPS: {reason}")


def squashed(text: str) -> str:
    return "".join(text.split())


def code_pattern(code: str, anywhere: bool = False) -> re.Pattern[str]:
    """A subject code as printed (`2080501`, `208 05 01`): opening the line (after a 序号), or before
    its name (a row glued to another); `anywhere` between non-digits (the 经济分类 tables print several
    code groups a line)."""
    groups = r"\s*".join(part for part in (code[:3], code[3:5], code[5:7]) if part)
    if anywhere:
        return re.compile(r"(?<![\d.,])" + groups + r"(?![\d.,])")
    return re.compile(r"^\s*(?:\d{1,3}\s+)?" + groups + r"(?![\d.,])|(?<![\d.,])" + groups + r"\s*(?=[\u4e00-\u9fff])")


def names_line(text: str, name: str, number: str = "") -> bool:
    """A quarantined line printing a line name: with its 行次 and a piece of the name (names wrap and are
    cut), or the whole name; its first characters when no 行次 is printed (a cut cell)."""
    name = squashed(name)
    if name in squashed(text):
        return True
    if number:
        pieces = re.findall(r"[^\s\d.,，:：-]{2,}", text)
        return number in text.split() and any(piece in name or piece[:3] == name[:3] for piece in pieces)
    return name[:4] in squashed(text)


def prints(line: QuarantineRow, row: SeedRow) -> bool:
    """Whether the quarantined line is the printed line of the reference row's fact."""
    text = line.text
    if isinstance(row, FunctionAmountRow):
        if row.subject_code == "total":
            return bool(re.search(r"[合总]\s*计", text))
        return bool(code_pattern(row.subject_code).search(text))
    if isinstance(row, EconomicAmountRow):
        if row.economic_code.isdigit():
            return bool(code_pattern(row.economic_code, anywhere=True).search(text))
        # a subtotal whose label was cut: the reason names it (`a bare '合计' where only 人员经费合计 …`)
        return names_line(text, row.economic_name) or (
            bool(row.amount_printed) and squashed(row.amount_printed) in squashed(text) and "合计" in line.reason
        )
    if isinstance(row, SummaryLineRow):
        return names_line(text, row.line_name, row.row_number)
    if isinstance(row, StatisticRow):
        return names_line(text, row.item_name, row.row_number)
    if isinstance(row, ThreePublicRow):  # one data line per measure (预算数, 决算数), the items across
        return any(ch.isdigit() for ch in text)
    return False


def silently_lost(reference: tuple[SeedRow, ...], extracted: tuple[SeedRow, ...]) -> list[tuple[str, str]]:
    """The reference's standard-table facts the extraction neither loads nor quarantines with a reason
    (their line, or their whole table): (family, what identifies the fact)."""
    loaded = finance_facts(extracted)
    quarantined: dict[str, list[QuarantineRow]] = {}
    for row in extracted:
        if isinstance(row, QuarantineRow) and row.family and row.reason:
            quarantined.setdefault(row.family, []).append(row)
    neighbours: dict[int, list[SeedRow]] = {}
    for row in reference:
        if type(row) in FINANCE_FAMILY:
            neighbours.setdefault(row.line_no, []).append(row)  # type: ignore[attr-defined]
    lost: list[tuple[str, str]] = []
    for row in reference:
        family_of = FINANCE_FAMILY.get(type(row))
        if family_of is None:
            continue
        family = family_of(row)
        if (type(row).__name__, fact(row)) in loaded.get(family, set()):
            continue
        lines = quarantined.get(family, [])
        if any(line.reason.startswith("table not loaded") for line in lines):
            continue
        if not any(prints(line, row) or prints_beside(line, row, neighbours[row.line_no]) for line in lines):
            lost.append((family, " ".join(str(v) for _, v in fact(row)[:5])))
    return lost


def prints_beside(line: QuarantineRow, row: SeedRow, neighbours: list[SeedRow]) -> bool:
    """The quarantined line prints another fact of the reference row's printed line (a line holding two
    names, `人员经费合计 … 公用经费合计`, whose second name the tool cut), and the row's amount."""
    printed = getattr(row, "amount_printed", "") or getattr(row, "value_printed", "")
    if printed and "".join(printed.split()) not in squashed(line.text):
        return False
    return any(prints(line, other) for other in neighbours if other is not row)


def metadata(rows: tuple[SeedRow, ...]) -> list[tuple[object, ...]]:
    return [tuple(getattr(row, field) for field in METADATA) for row in rows if isinstance(row, DocumentRow)]


def test_every_tool_has_a_fixture_for_every_sample_and_printing():
    missing = [
        (printing, tool, name)
        for printing in PRINTINGS
        for tool in TOOLS
        for name in DOCUMENTS
        if not fixture(printing, tool, name).is_file()
    ]
    assert missing == []


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_document_metadata_is_the_same(name, tool, printing):
    with known_gap("metadata", printing, tool, name):
        assert metadata(from_tool(tool, name, printing)) == metadata(from_tabs(name))


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_standard_tables_come_back(name, tool, printing):
    with known_gap("standard", printing, tool, name):
        want, got = finance_facts(from_tabs(name)), finance_facts(from_tool(tool, name, printing))
        for family in sorted(set(got) - set(want)):
            pytest.fail(f"{family}: a table the document does not print: {sorted(got[family])[:3]}")
        for family, facts in want.items():
            loaded = got.get(family, set())
            assert loaded <= facts, f"{family}: facts the document does not print: {sorted(loaded - facts)[:3]}"
        lost = silently_lost(from_tabs(name), from_tool(tool, name, printing))
        assert lost == [], f"{len(lost)} fact(s) lost without their line quarantined: {lost[:4]}"


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_wrong_performance_fact(name, tool, printing):
    with known_gap("performance", printing, tool, name):
        want, got = facts_of(from_tabs(name)), facts_of(from_tool(tool, name, printing))
        for seed in PERFORMANCE_SEEDS:
            wrong = set(got.get(seed, [])) - set(want.get(seed, []))
            assert not wrong, f"{seed}: {sorted(wrong, key=repr)[:2]}"


@pytest.mark.parametrize(
    ("tool", "seed", "floor"),
    [
        *((tool, "raw_projects", floor) for tool, floor in sorted(PROJECT_FLOOR.items())),
        *((tool, "raw_kpi_indicators", floor) for tool, floor in sorted(INDICATOR_FLOOR.items())),
        *((tool, "raw_project_budget_lines", floor) for tool, floor in sorted(BUDGET_LINE_FLOOR.items())),
    ],
)
def test_projects_and_indicators_come_back(tool, seed, floor):
    exact = 0
    for name in DOCUMENTS:
        want = set(facts_of(from_tabs(name)).get(seed, []))
        exact += len(want & set(facts_of(from_tool(tool, name)).get(seed, [])))
    assert exact >= floor


# Projects whose raw_projects row comes back exactly from the printings with cells aligned to the top or
# the bottom of their rows (wrapped.py reads such rows from the line holding a piece of every cell).
ALIGNED_PROJECT_FLOOR = {
    ("bottom", "pdfplumber"): 3,
    ("bottom", "pdftotext-layout"): 3,
    ("bottom", "pymupdf"): 9,
    ("top", "pdfplumber"): 1,
    ("top", "pdftotext-layout"): 1,
    ("top", "pymupdf"): 9,
}


@pytest.mark.parametrize(("printing", "tool"), sorted(ALIGNED_PROJECT_FLOOR))
def test_projects_come_back_from_rows_aligned_to_an_edge(printing, tool):
    exact = 0
    for name in DOCUMENTS:
        want = set(facts_of(from_tabs(name)).get("raw_projects", []))
        exact += len(want & set(facts_of(from_tool(tool, name, printing)).get("raw_projects", [])))
    assert exact >= ALIGNED_PROJECT_FLOOR[(printing, tool)]


# Tools whose text gives back every 汇总表 line exactly, in every printing (plain pdftotext prints the table
# column by column: its lines are reported).
SUMMARY_TOOLS = ("pdftotext-layout", "pdfplumber", "pymupdf")


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize("tool", SUMMARY_TOOLS)
def test_every_summary_line_comes_back(tool, printing):
    for name in DOCUMENTS:
        want = set(facts_of(from_tabs(name)).get("raw_project_summary", []))
        assert want <= set(facts_of(from_tool(tool, name, printing)).get("raw_project_summary", [])), name


@pytest.mark.parametrize("tool", TOOLS)
def test_standard_table_facts_come_back(tool):
    exact = 0
    for printing in PRINTINGS:
        for name in DOCUMENTS:
            want, got = finance_facts(from_tabs(name)), finance_facts(from_tool(tool, name, printing))
            exact += sum(len(facts & got.get(family, set())) for family, facts in want.items())
    assert exact >= FINANCE_FLOOR[tool]

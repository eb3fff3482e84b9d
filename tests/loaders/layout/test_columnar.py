"""Function tables printed column by column (plain pdftotext), on the tool's own text of the samples
(tests/fixtures/extracted/…/pdftotext: cells aligned to the middle, top or bottom of their row, or
narrower columns)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from loaders.document import Line, parse_document
from loaders.layout import columnar
from loaders.layout.result import LayoutError
from loaders.meta import detect_meta
from loaders.render import extract_text
from loaders.rows import FunctionAmountRow, QuarantineRow
from loaders.tables import Table, find_tables
from tests.conftest import FIXTURES, SAMPLES
from tests.loaders.test_extraction_tools import from_tabs

EXTRACTED = FIXTURES / "extracted"


def document(prefix: str) -> str:
    return next(p.name for p in SAMPLES.glob(f"{prefix}_*.txt"))


def path(printing: str, prefix: str):  # type: ignore[no-untyped-def]
    base = EXTRACTED if printing == "middle" else EXTRACTED / "printings" / printing
    return base / "pdftotext" / document(prefix)


@cache
def table(printing: str, prefix: str, family: str) -> Table:
    text = path(printing, prefix).read_text(encoding="utf-8")
    doc = parse_document(text.encode("utf-8"), document(prefix))
    return next(t for t in find_tables(doc, detect_meta(doc).unit) if t.family == family)


def amounts(rows, family: str) -> set[tuple[str, str, str, Decimal | None]]:  # type: ignore[no-untyped-def]
    return {
        (r.subject_code, r.subject_name, r.measure, r.amount_wan)
        for r in rows
        if isinstance(r, FunctionAmountRow) and r.table_name == family
    }


@pytest.mark.parametrize("printing", ["middle", "top", "bottom"])
@pytest.mark.parametrize(
    ("prefix", "family"),
    [
        ("000", "general_budget_expenditure"),  # names printed as a run of their own; runs shorter than the page
        ("001", "income"),
        ("001", "general_budget_expenditure"),
        ("004", "income"),  # a page's runs, then the next page's (labels of both pages in one run)
        ("004", "expenditure"),  # names wrapped around their codes; two columns printed as one run
    ],
)
def test_a_table_printed_column_by_column_gives_the_facts_of_its_tab_text(printing, prefix, family):
    name = document(prefix)
    got = amounts(extract_text(path(printing, prefix).read_text(encoding="utf-8"), name), family)
    assert got == amounts(from_tabs(name), family)
    assert got


def test_a_run_shorter_than_its_page_gives_its_lines_to_the_rows_its_identity_holds_on():
    """000's 一般公共预算支出表: 项目支出 prints 5 values for 19 rows; 2010306 政务公开审批 (903.41) is
    all 项目支出, 2010301 行政运行 (789.65) all 基本支出."""
    rebuilt = columnar.rebuild(
        *(lambda t: (t.lines, t.family, t.title))(table("middle", "000", "general_budget_expenditure"))
    )
    assert rebuilt is not None
    rows = {line.text.split()[0]: line for line in rebuilt.lines[1:]}
    assert rows["2010306"].text == "2010306 政务公开审批 903.41 903.41"
    assert rebuilt.allowed[rows["2010306"].no] == (frozenset({0}), frozenset({2}))
    assert rows["2010301"].text == "2010301 行政运行 789.65 789.65"
    assert rebuilt.allowed[rows["2010301"].no] == (frozenset({0}), frozenset({1}))
    assert rebuilt.lines[0].text == "科目编码 科目名称 合计 基本支出 项目支出"


def test_names_wrapped_around_their_codes_read_the_same_in_every_alignment():
    names = set()
    for printing in ("middle", "top", "bottom"):
        t = table(printing, "004", "expenditure")
        rebuilt = columnar.rebuild(t.lines, t.family, t.title)
        assert rebuilt is not None
        row = next(line.text for line in rebuilt.lines if line.text.startswith("2080505 "))
        names.add(row.split()[1])
    assert names == {"机关事业单位基本养老保险缴费支出"}


def test_lines_of_short_runs_fitting_two_rows_are_not_given():
    """Two rows of equal totals (000's 210 and 21011, 91.10 each), a 基本支出 run and a 项目支出 run of
    one 91.10 each: either row may hold either, so the table is not rebuilt. With the 基本支出 run
    printing both rows, the cut is one."""
    lines = [
        Line(1, "科目编码 科目名称"),
        Line(2, "基本支出 项目支出"),
        Line(3, "210 卫生健康支出"),
        Line(4, "21011 行政事业单位医疗"),
        Line(5, ""),
        Line(6, "1"),
        Line(7, "91.10"),
        Line(8, "91.10"),
        Line(9, ""),
        Line(10, "2"),
        Line(11, "91.10"),
        Line(12, ""),
        Line(13, "3"),
        Line(14, "91.10"),
    ]
    title = "一般公共预算财政拨款支出决算表"
    with pytest.raises(LayoutError, match="more than one cut"):
        columnar.rebuild(lines, "general_budget_expenditure", title)
    lines[11:] = [Line(12, "91.10")]
    rebuilt = columnar.rebuild(lines, "general_budget_expenditure", title)
    assert rebuilt is not None
    rows = [line.text for line in rebuilt.lines[1:]]
    assert rows == ["210 卫生健康支出 91.10 91.10", "21011 行政事业单位医疗 91.10 91.10"]
    assert set(rebuilt.allowed.values()) == {(frozenset({0}), frozenset({1}))}


def test_runs_printed_out_of_column_order_quarantine_the_table():
    """004 narrow: the tool prints the second page's 项目支出 run after 上缴上级支出 and 经营支出 (all
    printing 0.00 there): read in order, 2120899's 536.17 would be 经营支出. The hierarchy (21208 =
    2120899, column by column) breaks, so the table is quarantined whole, not loaded."""
    name = document("004")
    rows = extract_text(path("narrow", "004").read_text(encoding="utf-8"), name)
    assert not amounts(rows, "expenditure")
    reasons = [r.reason for r in rows if isinstance(r, QuarantineRow) and r.family == "expenditure"]
    assert any("printed column by column: the columns read break its identity" in r for r in reasons)


def test_rows_of_a_continued_page_printed_one_cell_a_line_after_the_columns():
    """000's 收入表: the first page by columns, the second page's four rows after them one cell a line
    (`2120899 其他国有土地使用权出让收入安排` / `256.92` / `256.92` / `的支出`). In the bottom-aligned
    printing the first of those rows prints the head of its name above its code, among the header's
    words: which words are its own the text does not say, so that table is not read by columns."""
    name = document("000")
    middle = amounts(extract_text(path("middle", "000").read_text(encoding="utf-8"), name), "income")
    assert middle == amounts(from_tabs(name), "income")
    assert ("2120899", "其他国有土地使用权出让收入安排的支出", "fiscal_appropriation", Decimal("256.92")) in middle
    t = table("bottom", "000", "income")
    assert columnar.rebuild(t.lines, t.family, t.title) is None

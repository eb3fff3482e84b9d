"""The 绩效自评情况汇总表 parser, on the summary table cut from 000."""

from __future__ import annotations

from decimal import Decimal

from loaders.document import parse_document
from loaders.parsers.base import ParseResult, TableContext
from loaders.parsers.performance_summary import parse
from loaders.rows import ProjectSummaryRow
from loaders.tables import find_tables
from tests.conftest import FIXTURES, fixture_document

NAME = "performance_summary_000_final.txt"


def _parse_text(text: str) -> ParseResult:
    doc = parse_document(text.encode("utf-8"), NAME)
    [table] = find_tables(doc)
    return parse(table, TableContext(doc.document_id, doc.source_file, "final", table.unit))


def _rows(result: ParseResult) -> dict[int, ProjectSummaryRow]:
    return {r.line_no: r for r in result.rows if isinstance(r, ProjectSummaryRow)}


def test_summary_lines() -> None:
    doc = fixture_document(NAME)
    [table] = find_tables(doc)
    result = parse(table, TableContext(doc.document_id, doc.source_file, "final", table.unit))
    rows = _rows(result)
    assert len(rows) == 11
    assert result.quarantine == []
    first = rows[8]
    assert (first.seq_printed, first.project_name, first.project_name_key) == (
        "1", "聊城市政务服务平台 2023 年度质保金项目", "聊城市政务服务平台2023年度质保金项目",
    )  # fmt: skip
    assert (first.using_unit, first.score, first.grade, first.section) == (
        "聊城市行政审批服务局", Decimal(100), "优", "市本级项目支出绩效自评",
    )  # fmt: skip
    assert (rows[9].score, rows[9].score_printed, rows[9].score_rounding_unit) == (
        Decimal("99.73"), "99.73", Decimal("0.01"),
    )  # fmt: skip
    last = rows[19]
    assert (last.project_name_key, last.using_unit, last.score) == (
        "电子证书(CA)供应商采购项目", "聊城市公共资源交易中心", Decimal("99.99"),
    )  # fmt: skip
    assert {r.summary_line_no for r in rows.values()} == {1}


def test_a_bad_grade_is_quarantined_and_the_rest_loads() -> None:
    text = (FIXTURES / NAME).read_text(encoding="utf-8").replace("99.38\t优", "99.38\t甲", 1)
    result = _parse_text(text)
    assert len(_rows(result)) == 10
    [quarantined] = result.quarantine
    assert (quarantined.line_no, quarantined.reason) == (10, "not a grade: '甲'")

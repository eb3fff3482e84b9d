"""The 财政拨款"三公"经费 parser, on tables cut from the sample documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.document import SourceDocument, parse_document
from loaders.errors import ParseError
from loaders.parsers.base import ParseResult
from loaders.parsers.three_public import item_of, parse
from loaders.rows import ThreePublicRow
from tests.conftest import FIXTURES, fixture_document
from tests.loaders.parsers.helpers import parse_only_table, variant

LIAOCHENG = "three_public_000_final.txt"
FENYANG = "three_public_001_final.txt"
QINGLONG_BUDGET = "three_public_003_budget.txt"
JIYUAN_ZEROS = "three_public_004_final_zeros.txt"
ITEMS = ["total", "overseas_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"]


def _parse_doc(doc: SourceDocument, stage: str = "final") -> ParseResult:
    return parse_only_table(doc, parse, lambda family: family == "three_public", stage)


def _parse(name: str, stage: str = "final") -> ParseResult:
    return _parse_doc(fixture_document(name), stage)


def _variant(name: str, old: str, new: str) -> SourceDocument:
    return variant(name, old, new)


def _by_key(result: ParseResult) -> dict[tuple[str, str], ThreePublicRow]:
    rows: dict[tuple[str, str], ThreePublicRow] = {}
    for row in result.rows:
        assert isinstance(row, ThreePublicRow)
        assert (row.item, row.measure) not in rows
        rows[(row.item, row.measure)] = row
    return rows


def _amounts(result: ParseResult, measure: str) -> dict[str, Decimal | None]:
    return {item: row.amount_wan for (item, m), row in _by_key(result).items() if m == measure}


def test_final_account_budget_and_actual_halves():
    result = _parse(LIAOCHENG)
    assert result.quarantine == []
    expected = {
        "total": Decimal("1.65"),
        "overseas_travel": None,  # printed blank
        "vehicle_total": Decimal("1.28"),
        "vehicle_purchase": None,
        "vehicle_operation": Decimal("1.28"),
        "reception": Decimal("0.36"),
    }
    assert _amounts(result, "budget") == expected
    assert _amounts(result, "actual") == expected
    assert {row.line_no for row in result.rows} == {13}  # the one data line


def test_item_names_are_the_wrapped_header_words():
    rows = _by_key(_parse(LIAOCHENG))
    assert rows[("overseas_travel", "budget")].item_name == "因公出国(境)费"  # printed `因公出国 (境)费`
    assert rows[("vehicle_total", "actual")].item_name == "公务用车购置及运行维护费小计"
    assert rows[("vehicle_purchase", "actual")].item_name == "公务用车购置费"
    assert rows[("vehicle_operation", "budget")].item_name == "公务用车运行维护费"
    assert rows[("reception", "budget")].item_name == "公务接待费"


def test_zeros_are_zero_and_blanks_are_null():
    zeros = _by_key(_parse(JIYUAN_ZEROS))
    assert len(zeros) == 12
    for measure in ("budget", "actual"):
        assert zeros[("overseas_travel", measure)].amount_wan == Decimal(0)
        assert zeros[("overseas_travel", measure)].amount_printed == "0.00"
        assert zeros[("vehicle_purchase", measure)].amount_wan == Decimal(0)
        assert zeros[("total", measure)].amount_wan == Decimal("1.59")
        assert zeros[("vehicle_operation", measure)].amount_wan == Decimal("1.48")
        assert zeros[("reception", measure)].amount_wan == Decimal("0.11")
    blanks = _by_key(_parse(FENYANG))
    assert blanks[("reception", "actual")].amount_wan is None
    assert blanks[("reception", "actual")].amount_printed == ""


def test_cut_header_words_still_name_their_item():
    rows = _by_key(_parse(FENYANG))  # `公务用车购 置费`, `因公出国（境） 费`
    assert rows[("total", "budget")].amount_wan == Decimal("4.09")
    assert rows[("total", "actual")].amount_wan == Decimal("4.09")
    assert rows[("vehicle_purchase", "budget")].item_name == "公务用车购置费"
    assert rows[("vehicle_operation", "actual")].amount_wan == Decimal("4.09")
    assert [item for item, measure in rows if measure == "budget"] == ITEMS


def test_illegible_header_falls_back_to_the_column_order():
    doc = _variant(LIAOCHENG, "公务 接待费\t合计", "公务 接ZZ\t合计")
    rows = _by_key(_parse_doc(doc))
    assert rows[("reception", "budget")].amount_wan == Decimal("0.36")
    assert rows[("reception", "budget")].item_name == "公务接ZZ"
    assert rows[("reception", "actual")].item_name == "公务接待费"


def test_budget_rows_take_the_total_column():
    result = _parse(QINGLONG_BUDGET, stage="budget")
    assert result.quarantine == []
    rows = _by_key(result)
    assert {measure for _, measure in rows} == {"budget"}  # no actual rows for a budget
    assert rows[("total", "budget")].amount_wan == Decimal("4.40")
    assert rows[("total", "budget")].amount_printed == "4. 40"
    assert rows[("total", "budget")].item_name == "合计"
    assert rows[("three_public_subtotal", "budget")].amount_wan == Decimal("4.40")
    assert rows[("vehicle_total", "budget")].amount_wan == Decimal("3.20")
    assert rows[("vehicle_purchase", "budget")].amount_wan is None
    assert rows[("vehicle_operation", "budget")].amount_wan == Decimal("3.20")
    assert rows[("reception", "budget")].amount_wan == Decimal("1.20")
    assert rows[("reception", "budget")].item_name == "三、公务接待费"
    assert rows[("overseas_travel", "budget")].amount_wan is None
    assert rows[("overseas_travel_education_research", "budget")].amount_wan is None
    assert rows[("overseas_travel_other", "budget")].line_no == 14
    assert len(rows) == 9


def test_three_public_row_is_the_total_when_no_total_row_is_printed():
    doc = _variant(QINGLONG_BUDGET, "1\t合计\t4. 40\t4. 40\t\t\n", "")
    rows = _by_key(_parse_doc(doc, stage="budget"))
    assert rows[("total", "budget")].item_name == '"三公"经费'
    assert rows[("total", "budget")].amount_wan == Decimal("4.40")
    assert ("three_public_subtotal", "budget") not in rows


def test_unknown_item_and_non_amount_are_quarantined():
    doc = _variant(QINGLONG_BUDGET, "三、公务接待费\t1.20", "三、会议费\t1.20")
    result = _parse_doc(doc, stage="budget")
    [quarantined] = result.quarantine
    assert "unknown 三公经费 item" in quarantined.reason
    assert quarantined.line_no == 18
    assert ("reception", "budget") not in _by_key(result)
    assert len(result.rows) == 8

    doc = _variant(QINGLONG_BUDGET, "8\t公务用车运行维护费\t3.20\t3.20", "8\t公务用车运行维护费\t3.20\t见附表")
    result = _parse_doc(doc, stage="budget")
    [quarantined] = result.quarantine
    assert "not an amount" in quarantined.reason  # a fund column is checked even though not emitted
    assert ("vehicle_operation", "budget") not in _by_key(result)


def test_a_bad_cell_in_the_data_line_quarantines_it():
    doc = _variant(LIAOCHENG, "1.65\t\t1.28", "1.65\t见说明\t1.28")
    result = _parse_doc(doc)
    [quarantined] = result.quarantine
    assert quarantined.line_no == 13
    assert "not an amount" in quarantined.reason
    assert result.rows == []


def test_yuan_table():
    doc = _variant(JIYUAN_ZEROS, "单位：万元", "单位：元")
    rows = _by_key(_parse_doc(doc))
    assert rows[("total", "actual")].amount_wan == Decimal("0.000159")


def test_empty_and_headerless_tables():
    lines = (FIXTURES / LIAOCHENG).read_text(encoding="utf-8").split("\n")
    empty = "\n".join([*lines[:12], "", "说明：本表无数据", ""])  # header block, no data line
    assert _parse_doc(parse_document(empty.encode("utf-8"), "empty.txt")).rows == []
    headerless = "\n".join([lines[0], "", "金额单位：万元", "1.65\t\t1.28"])
    with pytest.raises(ParseError):
        _parse_doc(parse_document(headerless.encode("utf-8"), "headerless.txt"))


def test_item_words():
    assert item_of("一、因公出国(境)费") == "overseas_travel"
    assert item_of("其中:教育科研人员因公出国 (境)费") == "overseas_travel_education_research"
    assert item_of("二、公务用车购置及运维费") == "vehicle_total"
    assert item_of("公务用车购置及运行费") == "vehicle_total"
    assert item_of("其中：公务用车购置费") == "vehicle_purchase"
    assert item_of("公务用车运行费") == "vehicle_operation"
    assert item_of("“三公”经费支出合计") == "three_public"
    assert item_of("会议费") is None


def test_halves_named_with_the_year():
    doc = _variant(JIYUAN_ZEROS, "预算数\t", "2022年预算数\t")
    rows = _by_key(_parse_doc(doc))
    assert rows[("reception", "budget")].amount_wan == Decimal("0.11")
    assert len(rows) == 12

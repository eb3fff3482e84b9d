"""The 基本支出(决算)明细表 parser, on tables cut from the sample documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.document import SourceDocument, parse_document
from loaders.errors import ParseError
from loaders.parsers.base import ParseResult
from loaders.parsers.economic import parse
from loaders.rows import EconomicAmountRow
from tests.conftest import FIXTURES, fixture_document
from tests.loaders.parsers.helpers import parse_only_table, variant

LIAOCHENG_3_GROUPS = "basic_economic_000_final_3_groups.txt"
FENYANG_4_GROUPS = "basic_economic_001_final_4_groups.txt"
QINGLONG_BUDGET = "basic_economic_003_budget.txt"
JIYUAN_PAGE_SPLIT = "basic_economic_004_final_page_split.txt"


def _parse_doc(doc: SourceDocument, stage: str = "final") -> ParseResult:
    return parse_only_table(doc, parse, lambda family: family == "basic_economic", stage)


def _parse(name: str, stage: str = "final") -> ParseResult:
    return _parse_doc(fixture_document(name), stage)


def _variant(name: str, old: str, new: str) -> SourceDocument:
    return variant(name, old, new)


def _by_key(result: ParseResult) -> dict[tuple[str, str], EconomicAmountRow]:
    rows: dict[tuple[str, str], EconomicAmountRow] = {}
    for row in result.rows:
        assert isinstance(row, EconomicAmountRow)
        key = (row.economic_code, row.measure)
        assert key not in rows, f"duplicate {key}"
        rows[key] = row
    return rows


def _amount(result: ParseResult, code: str, measure: str = "amount") -> Decimal | None:
    return _by_key(result)[(code, measure)].amount_wan


def test_three_column_groups_of_a_final_account():
    result = _parse(LIAOCHENG_3_GROUPS)
    rows = _by_key(result)
    assert result.quarantine == []
    assert rows[("301", "amount")].amount_wan == Decimal("2057.36")
    assert rows[("301", "amount")].amount_printed == "2,057.36"
    assert rows[("301", "amount")].economic_name == "工资福利支出"
    assert rows[("30101", "amount")].amount_wan == Decimal("473.27")
    assert rows[("30217", "amount")].amount_wan == Decimal("0.36")
    assert rows[("30225", "amount")].amount_wan == Decimal("1.40")  # second page, middle group
    # Third group, second page: code and name printed, amount blank → NULL, not 0.
    assert rows[("31013", "amount")].amount_wan is None
    assert rows[("31013", "amount")].amount_printed == ""
    assert rows[("39999", "amount")].amount_wan is None  # a line with only the third group
    assert rows[("30106", "amount")].amount_wan is None
    assert {measure for _, measure in rows} == {"amount"}


def test_subtotals_are_the_first_amount_after_their_label():
    # `人员经费合计 | | 2,083.42 | 公用经费合计 | | | | | | 152.83`: the second amount is past the header columns.
    rows = _by_key(_parse(LIAOCHENG_3_GROUPS))
    personnel, public = rows[("personnel_total", "amount")], rows[("public_total", "amount")]
    assert personnel.amount_wan == Decimal("2083.42")
    assert personnel.economic_name == "人员经费合计"
    assert public.amount_wan == Decimal("152.83")
    assert public.economic_name == "公用经费合计"
    assert personnel.line_no == public.line_no == 47


def test_every_code_of_every_group_is_loaded_once():
    result = _parse(LIAOCHENG_3_GROUPS)
    codes = [row.economic_code for row in result.rows]
    # 17 lines × 3 groups on page one, 10 × 3 + 2 + 6 on page two, 2 subtotals.
    assert len(codes) == 17 * 3 + 10 * 3 + 2 + 6 + 2
    assert all(len(c) in (3, 5) or c in ("personnel_total", "public_total") for c in codes)


def test_rows_point_at_the_printed_line_of_their_number():
    for name in (LIAOCHENG_3_GROUPS, FENYANG_4_GROUPS, QINGLONG_BUDGET, JIYUAN_PAGE_SPLIT):
        doc = fixture_document(name)
        lines = {line.no: line for line in doc.lines}
        for row in _parse_doc(doc).rows:
            assert row.source_file == name
            assert row.document_id == doc.document_id
            line = lines[row.line_no]
            assert row.amount_printed in line.cells
            if row.economic_code.isdigit():
                assert row.economic_code in line.cells


def test_four_column_groups_and_printed_dashes():
    result = _parse(FENYANG_4_GROUPS)
    assert result.quarantine == []
    assert _amount(result, "30239") == Decimal("14.55")
    assert _amount(result, "309") == Decimal(0)  # printed `——`
    assert _by_key(result)[("309", "amount")].amount_printed == "——"
    assert _amount(result, "30901") == Decimal(0)
    assert _amount(result, "31101") == Decimal(0)  # fourth group
    assert _amount(result, "31013") is None  # fourth group, blank
    assert _amount(result, "30217") is None  # after the blank line inside the table
    assert _amount(result, "personnel_total") == Decimal("466.30")
    assert _amount(result, "public_total") == Decimal("36.40")
    assert len(result.rows) == 111


def test_header_repeated_on_the_next_page_is_skipped():
    result = _parse(JIYUAN_PAGE_SPLIT)
    assert result.quarantine == []
    assert _amount(result, "30226") == Decimal("5.57")
    assert _amount(result, "30229") == Decimal("4.16")  # after the repeated `经济分类 科目编码` header
    row = _by_key(result)[("39999", "amount")]
    assert row.amount_wan == Decimal(0)
    assert row.amount_printed == "0.00"
    assert row.rounding_unit_wan == Decimal("0.01")
    assert _amount(result, "personnel_total") == Decimal("533.73")
    assert _amount(result, "public_total") == Decimal("27.40")


def test_budget_table_with_personnel_and_public_columns():
    result = _parse(QINGLONG_BUDGET, stage="budget")
    rows = _by_key(result)
    # The garbled header cells (` 1 7 75`, `12.4`) and the OCR debris of the second page's header
    # (`37. 73.`, `单位: $H\pi$`, `刀兀`) are page furniture, not data.
    assert result.quarantine == []
    assert rows[("total", "amount")].amount_wan == Decimal("528.41")
    assert rows[("total", "amount")].amount_printed == "528. 41"
    assert rows[("personnel_total", "amount")].amount_wan == Decimal("453.37")
    assert rows[("public_total", "amount")].amount_wan == Decimal("75.04")
    assert rows[("30201", "amount")].amount_wan == Decimal("19.00")
    assert rows[("30201", "public")].amount_wan == Decimal("19.00")
    assert rows[("30201", "personnel")].amount_wan is None
    assert rows[("301", "personnel")].amount_wan == Decimal("453.37")
    assert rows[("301", "public")].amount_wan is None
    assert rows[("31002", "amount")].amount_wan == Decimal("6.34")  # second page
    assert rows[("31002", "amount")].line_no == 45
    # 23 codes × 3 measures + total, personnel_total and public_total of the 合计 row.
    assert len(rows) == 23 * 3 + 3


def test_a_table_printed_in_yuan_is_divided_exactly():
    doc = _variant(LIAOCHENG_3_GROUPS, "金额单位：万元", "金额单位：元")
    result = _parse_doc(doc)
    assert _amount(result, "301") == Decimal("0.205736")
    assert _by_key(result)[("301", "amount")].rounding_unit_wan == Decimal("0.000001")
    assert _amount(result, "personnel_total") == Decimal("0.208342")


def test_a_non_amount_quarantines_its_line_and_the_rest_loads():
    doc = _variant(LIAOCHENG_3_GROUPS, "30101\t基本工资\t473.27", "30101\t基本工资\t见附表")
    result = _parse_doc(doc)
    [quarantined] = result.quarantine
    assert quarantined.line_no == 11
    assert "not an amount" in quarantined.reason
    assert quarantined.family == "basic_economic"
    rows = _by_key(result)
    assert ("30101", "amount") not in rows
    assert ("30201", "amount") not in rows  # same printed line
    assert rows[("30102", "amount")].amount_wan == Decimal("347.40")


def test_a_cell_beyond_the_header_columns_is_quarantined():
    doc = _variant(JIYUAN_PAGE_SPLIT, "39999\t其他支出\t0.00", "39999\t其他支出\t0.00\t12.00")
    result = _parse_doc(doc)
    [quarantined] = result.quarantine
    assert "more cells than header columns" in quarantined.reason
    assert ("39999", "amount") not in _by_key(result)
    assert ("30239", "amount") not in _by_key(result)  # same printed line
    assert _amount(result, "30240") == Decimal(0)  # the next line loads


def test_an_amount_without_a_code_is_quarantined():
    doc = _variant(
        JIYUAN_PAGE_SPLIT, "\t\t\t30299\t其他商品和服务支出\t5.70", "\t\t1.00\t30299\t其他商品和服务支出\t5.70"
    )
    result = _parse_doc(doc)
    [quarantined] = result.quarantine
    assert "without an economic code" in quarantined.reason
    assert ("30299", "amount") not in _by_key(result)


def test_header_words_of_other_regions():
    doc = _variant(LIAOCHENG_3_GROUPS, "科目编码\t科目名称\t金额\t", "经济分类科目代码\t科目名称\t决算数\t")
    result = _parse_doc(doc)
    assert result.quarantine == []
    assert _amount(result, "30101") == Decimal("473.27")


def test_a_table_without_a_header_is_not_loaded():
    text = (FIXTURES / JIYUAN_PAGE_SPLIT).read_text(encoding="utf-8")
    text = text.replace("经济分类科目编码", "").replace("经济分类 科目编码", "")
    doc = parse_document(text.encode("utf-8"), JIYUAN_PAGE_SPLIT)
    with pytest.raises(ParseError, match="科目编码"):
        _parse_doc(doc)


def test_an_empty_table_keeps_its_printed_empty_subtotals():
    lines = (FIXTURES / LIAOCHENG_3_GROUPS).read_text(encoding="utf-8").split("\n")
    header = lines[:9]  # title … column header line
    assert header[-1].startswith("科目编码")
    text = "\n".join([*header, "人员经费合计\t\t\t公用经费合计\t\t\t\t\t", "", "说明：本表无数据", ""])
    result = _parse_doc(parse_document(text.encode("utf-8"), "empty.txt"))
    assert result.quarantine == []
    assert [(r.economic_code, r.amount_wan) for r in result.rows] == [("personnel_total", None), ("public_total", None)]


def test_a_second_amount_after_a_subtotal_label_is_quarantined():
    doc = _variant(LIAOCHENG_3_GROUPS, "公用经费合计\t\t\t\t\t\t152.83", "公用经费合计\t\t\t1.00\t\t\t152.83")
    result = _parse_doc(doc)
    [quarantined] = result.quarantine
    assert quarantined.line_no == 47
    assert "unexpected cell in column 10: '152.83'" in quarantined.reason
    assert ("personnel_total", "amount") not in _by_key(result)


def _split_levels(text: str, inherit: bool) -> str:
    """003's budget table with its code printed as 类 | 款 (the same figures); with `inherit`, a 款 line
    leaves its 类 empty."""
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) < 3:
            lines.append(line)
            continue
        code = cells[1]
        if code == "科目编码":
            lines.append("\t".join([cells[0], code, "", *cells[2:]]))
            lines.append("\t".join(["", "类", "款", *[""] * (len(cells) - 2)]))
            continue
        levels = [code[:3], code[3:]] if code.isdigit() else [code, ""]
        if inherit and len(code) == 5:
            levels[0] = ""
        lines.append("\t".join([cells[0], *levels, *cells[2:]]))
    return "\n".join(lines)


@pytest.mark.parametrize("inherit", [False, True], ids=["both_levels", "kuan_only"])
def test_code_in_two_level_columns_gives_the_same_rows(inherit):
    text = (FIXTURES / QINGLONG_BUDGET).read_text(encoding="utf-8")
    split = _split_levels(text, inherit)
    assert ("\t\t01\t基本工资" if inherit else "\t301\t01\t基本工资") in split
    want = _parse(QINGLONG_BUDGET, stage="budget")
    got = _parse_doc(parse_document(split.encode("utf-8"), QINGLONG_BUDGET), stage="budget")
    assert got.quarantine == []
    key = lambda r: (r.economic_code, r.economic_name, r.measure, r.amount_wan)  # noqa: E731
    assert [key(r) for r in got.rows] == [key(r) for r in want.rows]
    assert _amount(got, "30101") == Decimal("195.42")


def test_a_kuan_under_a_quarantined_lei_is_not_inherited():
    split = _split_levels((FIXTURES / QINGLONG_BUDGET).read_text(encoding="utf-8"), inherit=True)
    old = "11\t302\t\t商品和服务支出\t68.69"
    assert old in split
    doc = parse_document(split.replace(old, "11\t302\t\t商品和服务支出\t68.6x").encode("utf-8"), QINGLONG_BUDGET)
    result = _parse_doc(doc, stage="budget")
    reasons = [q.reason for q in result.quarantine]
    assert reasons[0] == "not an amount: '68.6x' (商品和服务支出)"
    # Every 款 of 302, on both pages, until the next 类 (310) is printed.
    assert reasons[1:] == [f"款 {kuan} with no 类 above it" for kuan in ("01", "02", "05", "06", "08", "09", "11")] + [
        f"款 {kuan} with no 类 above it" for kuan in ("13", "17", "31", "39")
    ]
    codes = {r.economic_code for r in result.rows}
    assert "30201" not in codes and "30101" in codes and "31002" in codes

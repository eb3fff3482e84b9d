"""The parser of the tables keyed by 功能分类科目, on tables cut from the sample documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.document import SourceDocument, parse_document
from loaders.errors import ParseError
from loaders.parsers.base import ParseResult
from loaders.parsers.function_tables import parse
from loaders.rows import FunctionAmountRow
from tests.conftest import FIXTURES, fixture_document
from tests.loaders.parsers.helpers import parse_only_table, variant

LIAOCHENG_INCOME = "function_income_000_final.txt"
LIAOCHENG_FUND = "function_government_fund_000_final.txt"
LIAOCHENG_STATE_CAPITAL_EMPTY = "function_state_capital_000_final_empty.txt"
FENYANG_EXPENDITURE = "function_expenditure_001_final.txt"
QINGLONG_INCOME = "function_income_003_budget.txt"
QINGLONG_EXPENDITURE = "function_expenditure_003_budget.txt"
QINGLONG_GENERAL = "function_general_budget_003_budget.txt"
QINGLONG_FUND = "function_government_fund_003_budget.txt"
QINGLONG_STATE_CAPITAL_EMPTY = "function_state_capital_003_budget_empty.txt"
JIYUAN_GENERAL_EMPTY_TOTAL = "function_general_budget_004_final_empty_total.txt"
JIYUAN_STATE_CAPITAL_ZEROS = "function_state_capital_004_final_zeros.txt"

INCOME_FINAL = ["total", "fiscal_appropriation", "superior_subsidy", "business", "operating"]
INCOME_FINAL += ["subsidiary_remittance", "other"]


def _parse_doc(doc: SourceDocument, stage: str = "final") -> ParseResult:
    return parse_only_table(doc, parse, lambda family: family != "other", stage)


def _parse(name: str, stage: str = "final") -> ParseResult:
    return _parse_doc(fixture_document(name), stage)


def _variant(name: str, old: str, new: str) -> SourceDocument:
    return variant(name, old, new)


def _by_key(result: ParseResult) -> dict[tuple[str, str], FunctionAmountRow]:
    rows: dict[tuple[str, str], FunctionAmountRow] = {}
    for row in result.rows:
        assert isinstance(row, FunctionAmountRow)
        key = (row.subject_code, row.measure)
        assert key not in rows, f"duplicate {key}"
        rows[key] = row
    return rows


def _amount(result: ParseResult, code: str, measure: str) -> Decimal | None:
    return _by_key(result)[(code, measure)].amount_wan


def _measures(result: ParseResult, code: str) -> list[str]:
    return [row.measure for row in result.rows if isinstance(row, FunctionAmountRow) and row.subject_code == code]


# --- 收入决算表 (000): empty cells, a wrapped name, a page split with the header repeated ---------


def test_final_income_row_as_printed() -> None:
    result = _parse(LIAOCHENG_INCOME)
    row = _by_key(result)[("2010399", "total")]
    assert row.subject_name == "其他政府办公厅（室）及相关机构事务支出"  # printed `事 务支出`: CJK spaces dropped
    assert row.amount_wan == Decimal("213.87")
    assert row.amount_printed == "213.87"
    assert row.rounding_unit_wan == Decimal("0.01")
    assert row.line_no == 18
    assert row.table_name == "income"
    assert _amount(result, "2010399", "fiscal_appropriation") == Decimal("213.87")


def test_final_income_empty_cells_are_null_rows() -> None:
    rows = _by_key(_parse(LIAOCHENG_INCOME))
    empty = rows[("2010399", "superior_subsidy")]
    assert (empty.amount_wan, empty.amount_printed) == (None, "")
    assert _measures(_parse(LIAOCHENG_INCOME), "2010399") == INCOME_FINAL


def test_final_income_total_row_and_thousands() -> None:
    result = _parse(LIAOCHENG_INCOME)
    total = _by_key(result)[("total", "total")]
    assert (total.amount_wan, total.amount_printed, total.subject_name) == (Decimal("3610.44"), "3,610.44", "合计")
    assert total.line_no == 12
    assert _amount(result, "total", "other") is None


def test_final_income_page_split_skips_repeated_header() -> None:
    result = _parse(LIAOCHENG_INCOME)
    assert result.quarantine == []
    row = _by_key(result)[("2120899", "fiscal_appropriation")]
    assert (row.amount_wan, row.line_no) == (Decimal("256.92"), 33)
    codes = {row.subject_code for row in result.rows}
    assert len(codes) == 22  # 合计 + 21 subject lines, header lines of the second page not among them
    assert len(result.rows) == 22 * 7


def test_rows_carry_provenance() -> None:
    doc = fixture_document(LIAOCHENG_INCOME)
    result = _parse_doc(doc)
    assert {(row.document_id, row.source_file) for row in result.rows} == {(doc.document_id, LIAOCHENG_INCOME)}


# --- 支出决算表 (001): column names split by spaces ---------------------------------------------------


def test_final_expenditure_basic_and_project() -> None:
    result = _parse(FENYANG_EXPENDITURE)
    assert _amount(result, "2010301", "basic") == Decimal("246.97")
    assert _amount(result, "2010301", "project") == Decimal("623.30")
    assert _amount(result, "2010301", "total") == Decimal("870.28")
    assert _amount(result, "total", "project") == Decimal("711.98")


def test_final_expenditure_split_column_names() -> None:
    result = _parse(FENYANG_EXPENDITURE)
    assert _measures(result, "2010301") == [
        "total",
        "basic",
        "project",
        "remit_to_superior",
        "operating",
        "subsidy_to_subsidiary",
    ]
    assert _amount(result, "2010301", "subsidy_to_subsidiary") is None
    assert _by_key(result)[("20103", "total")].subject_name == "政府办公厅（室）及相关机构事务"


# --- budget 收入总表 (003): 序号 column, OCR spaces, 合计 in the name column, repeated header --------


def test_budget_income_carryover_and_total() -> None:
    result = _parse(QINGLONG_INCOME, "budget")
    row = _by_key(result)[("2120899", "prior_year_carryover")]
    assert (row.amount_wan, row.amount_printed, row.line_no) == (Decimal("11.35"), "11. 35", 31)
    assert _amount(result, "2120899", "total") == Decimal("209.65")
    assert _amount(result, "2120899", "current_year_total") == Decimal("198.30")
    assert _amount(result, "2120899", "fiscal_appropriation") == Decimal("198.30")
    assert _amount(result, "2120899", "fiscal_special_account") is None


def test_budget_income_total_row_in_name_column() -> None:
    result = _parse(QINGLONG_INCOME, "budget")
    total = _by_key(result)[("total", "total")]
    assert (total.amount_wan, total.amount_printed, total.line_no) == (Decimal("738.05"), "738. 05", 10)
    assert _amount(result, "total", "prior_year_carryover") == Decimal("30.74")


def test_budget_income_all_lines_load_across_page_break() -> None:
    result = _parse(QINGLONG_INCOME, "budget")
    assert result.quarantine == []
    assert len({row.subject_code for row in result.rows}) == 17  # 合计 + 16 subjects, 序号 1..17
    assert len(result.rows) == 17 * 10
    assert _by_key(result)[("21208", "total")].subject_name == "国有土地使用权出让收入安排的支出"


def test_budget_expenditure_columns_named_over_two_lines() -> None:
    # `上解上级 / 支出` and `对附属单位 / 补助支出` are split over two header lines, and the OCR
    # noise line `156.56 | | _ | _` inside the header block is part of the header, not data.
    result = _parse(QINGLONG_EXPENDITURE, "budget")
    assert result.quarantine == []
    assert _measures(result, "total") == [
        "total",
        "basic",
        "project",
        "operating",
        "remit_to_superior",
        "subsidy_to_subsidiary",
    ]
    assert _amount(result, "total", "basic") == Decimal("528.41")
    assert _amount(result, "2120899", "project") == Decimal("209.65")
    assert all(row.amount_printed != "156.56" for row in result.rows)


def test_budget_general_budget_garbled_header_words() -> None:
    # The column line prints `TH H | 本 平义山 | 项目又 面`; the line above it reads 合计 / 基本支出 / 项目支出.
    result = _parse(QINGLONG_GENERAL, "budget")
    assert result.quarantine == []
    assert _amount(result, "total", "total") == Decimal("528.41")
    assert _amount(result, "total", "basic") == Decimal("528.41")
    assert _amount(result, "total", "project") is None
    assert _amount(result, "2080505", "basic") == Decimal("52.27")
    assert len(result.rows) == 14 * 3


def test_budget_fund_code_glued_to_name() -> None:
    result = _parse(QINGLONG_FUND, "budget")
    assert result.quarantine == []
    row = _by_key(result)[("2120899", "project")]
    assert (row.subject_name, row.amount_wan, row.line_no) == (
        "其他国有土地使用权出让收入安排的支出",
        Decimal("209.65"),
        13,
    )
    assert _amount(result, "2120899", "total") == Decimal("209.65")
    assert _amount(result, "2120899", "basic") is None
    assert _measures(result, "total") == ["total", "basic", "project"]


# --- empty tables and 合计 rows printed empty ---------------------------------------------------------


def test_total_row_printed_empty_is_null() -> None:
    result = _parse(JIYUAN_GENERAL_EMPTY_TOTAL)
    total = [row for row in result.rows if isinstance(row, FunctionAmountRow) and row.subject_code == "total"]
    assert [(r.measure, r.amount_wan, r.amount_printed, r.line_no) for r in total] == [
        ("total", None, "", 14),
        ("basic", None, "", 14),
        ("project", None, "", 14),
    ]
    assert _amount(result, "201", "basic") == Decimal("497.53")


def test_zero_printed_as_0_00() -> None:
    result = _parse(JIYUAN_STATE_CAPITAL_ZEROS)
    row = _by_key(result)[("total", "total")]
    assert (row.amount_wan, row.amount_printed, row.rounding_unit_wan) == (Decimal(0), "0.00", Decimal("0.01"))
    assert row.table_name == "state_capital"
    assert len(result.rows) == 3


def test_declared_empty_table_with_empty_total_row() -> None:
    result = _parse(LIAOCHENG_STATE_CAPITAL_EMPTY)
    assert result.quarantine == []
    assert [(r.subject_code, r.measure, r.amount_wan) for r in result.rows] == [
        ("total", "total", None),
        ("total", "basic", None),
        ("total", "project", None),
    ]


def test_declared_empty_table_without_rows() -> None:
    result = _parse(QINGLONG_STATE_CAPITAL_EMPTY, "budget")
    assert (result.rows, result.quarantine) == ([], [])


def test_declared_empty_table_with_unreadable_header_loads_nothing() -> None:
    result = _parse_doc(_variant(QINGLONG_STATE_CAPITAL_EMPTY, "科目编码", "科目"), "budget")
    assert (result.rows, result.quarantine) == ([], [])


# --- 政府性基金 (000): six columns under a two-level header ------------------------------------------


def test_final_government_fund_columns() -> None:
    result = _parse(LIAOCHENG_FUND)
    assert _amount(result, "2120899", "project") == Decimal("256.92")
    assert _amount(result, "2120899", "opening_balance") is None
    assert _amount(result, "2120899", "income") == Decimal("256.92")
    assert _amount(result, "2120899", "total") == Decimal("256.92")
    assert _amount(result, "2120899", "closing_balance") is None
    assert _measures(result, "total") == ["opening_balance", "income", "total", "basic", "project", "closing_balance"]


def test_yuan_table_divided_by_10000() -> None:
    result = _parse_doc(_variant(LIAOCHENG_FUND, "金额单位：万元", "金额单位：元"))
    row = _by_key(result)[("2120899", "project")]
    assert (row.amount_wan, row.amount_printed) == (Decimal("0.025692"), "256.92")


# --- cell accounting: quarantined lines, the rest still loads -----------------------------------------


def test_non_amount_in_amount_column_is_quarantined() -> None:
    doc = _variant(FENYANG_EXPENDITURE, "2010302\t一般行政管理事务\t19.57", "2010302\t一般行政管理事务\t见附表")
    result = _parse_doc(doc)
    [q] = result.quarantine
    assert q.line_no == 18
    assert "本年支出合计" in q.reason and "见附表" in q.reason
    assert "2010302" not in {row.subject_code for row in result.rows}
    assert _amount(result, "2010306", "project") == Decimal("63.03")


def test_cell_beyond_header_columns_is_quarantined() -> None:
    doc = _variant(
        FENYANG_EXPENDITURE, "221\t住房保障支出\t44.37\t44.37\t\t\t\t", "221\t住房保障支出\t44.37\t44.37\t\t\t\t\t9.99"
    )
    result = _parse_doc(doc)
    [q] = result.quarantine
    assert "more cells than header columns" in q.reason
    assert "221" not in {row.subject_code for row in result.rows}


def test_name_without_code_is_quarantined() -> None:
    doc = _variant(FENYANG_EXPENDITURE, "2010350\t事业运行", "\t事业运行")
    result = _parse_doc(doc)
    [q] = result.quarantine
    assert "without a code" in q.reason
    assert len({row.subject_code for row in result.rows}) == 9


def test_subject_printed_twice_is_quarantined() -> None:
    line = "221\t住房保障支出\t44.37\t44.37\t\t\t\t"
    doc = _variant(FENYANG_EXPENDITURE, line, f"{line}\n{line}")
    result = _parse_doc(doc)
    [q] = result.quarantine
    assert "221 printed again" in q.reason
    assert _amount(result, "221", "total") == Decimal("44.37")


def test_unreadable_column_named_by_layout_order() -> None:
    doc = _variant(QINGLONG_GENERAL, "合计\t基本支出\t项目支出", "合计\t某某\t项目支出")
    result = _parse_doc(doc, "budget")
    assert _amount(result, "total", "basic") == Decimal("528.41")


def test_ambiguous_unreadable_columns_raise() -> None:
    # 上缴上级支出 and 经营支出 unreadable: final and budget layouts order them differently.
    doc = _variant(FENYANG_EXPENDITURE, "上缴 上级 支出\t经营支出", "某某\t某某某")
    with pytest.raises(ParseError, match="cannot tell"):
        _parse_doc(doc)


def test_header_without_code_column_raises() -> None:
    doc = _variant(FENYANG_EXPENDITURE, "科目代码", "科目")
    with pytest.raises(ParseError, match="header not understood"):
        _parse_doc(doc)


def test_row_number_column_single_amount_column_and_yuan() -> None:
    # Another region's layout: a 行次 column, one 金额 column, amounts in 元.
    old = (
        "项目\t\t本年支出\t\t\n科目代码\t科目名称\t小计\t基本支出\t项目支出\n"
        "\t栏次\t1\t2\t3\n\t合计\t0.00\t0.00\t0.00\n"
    )
    new = (
        "项目\t\t行次\t金额\n科目代码\t科目名称\t\t\n\t栏次\t\t1\n\t合计\t1\t1,200.00\n"
        "2080505\t机关事业单位基本养老保险缴费支出\t2\t1,200.00\n"
    )
    text = (FIXTURES / JIYUAN_STATE_CAPITAL_ZEROS).read_text(encoding="utf-8")
    assert old in text and "单位：万元" in text
    text = text.replace(old, new).replace("单位：万元", "单位：元")
    result = _parse_doc(parse_document(text.encode("utf-8"), JIYUAN_STATE_CAPITAL_ZEROS))
    assert result.quarantine == []
    assert [(r.subject_code, r.measure, r.amount_wan, r.amount_printed) for r in result.rows] == [
        ("total", "total", Decimal("0.12"), "1,200.00"),
        ("2080505", "total", Decimal("0.12"), "1,200.00"),
    ]


# --- 科目编码 printed in three columns (类 | 款 | 项), as many regions print it ----------------------


def _split_levels(text: str, inherit: bool) -> str:
    """003's 支出总表 with its code column printed as 类 | 款 | 项 (the same figures); with `inherit`,
    a line leaves the levels above its own empty, as most such tables do."""
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) < 3:
            lines.append(line)
            continue
        code = cells[1]
        if code == "科目编码":
            lines.append("\t".join([cells[0], code, "", "", *cells[2:]]))
            lines.append("\t".join(["", "类", "款", "项", "", *[""] * (len(cells) - 3)]))
            continue
        if code.isdigit():
            levels = [code[:3], code[3:5], code[5:7]]
            if inherit:
                levels = [part if i == len(code) // 2 - 1 else "" for i, part in enumerate(levels)]
        else:
            levels = [code, "", ""]
        lines.append("\t".join([cells[0], *levels, *cells[2:]]))
    return "\n".join(lines)


def _split_variant(inherit: bool) -> ParseResult:
    text = (FIXTURES / QINGLONG_EXPENDITURE).read_text(encoding="utf-8")
    split = _split_levels(text, inherit)
    assert "\t\t03\t\t政府办公厅" in split if inherit else "\t201\t03\t\t政府办公厅" in split
    return _parse_doc(parse_document(split.encode("utf-8"), QINGLONG_EXPENDITURE), "budget")


@pytest.mark.parametrize("inherit", [False, True], ids=["all_levels", "own_level_only"])
def test_code_in_three_level_columns_gives_the_same_rows(inherit: bool) -> None:
    want = _parse(QINGLONG_EXPENDITURE, "budget")
    got = _split_variant(inherit)
    assert got.quarantine == []
    key = lambda r, shift=0: (r.subject_code, r.subject_name, r.measure, r.amount_wan, r.line_no + shift)  # noqa: E731
    assert [key(r) for r in got.rows] == [key(r, 1) for r in want.rows]  # the 类 | 款 | 项 line added
    assert _amount(got, "2010306", "total") == Decimal("419.39")


def test_a_level_with_nothing_above_is_quarantined() -> None:
    text = _split_levels((FIXTURES / QINGLONG_EXPENDITURE).read_text(encoding="utf-8"), inherit=True)
    first = "2\t201\t\t\t一般公共服务支出"
    assert first in text
    doc = parse_document(text.replace(first, "2\t\t\t\t一般公共服务支出").encode("utf-8"), QINGLONG_EXPENDITURE)
    result = _parse_doc(doc, "budget")
    reasons = [q.reason for q in result.quarantine]
    assert reasons[0] == "subject name '一般公共服务支出' without a code"
    assert reasons[1] == "款 03 with no 类 above it"
    assert "2010306" not in {r.subject_code for r in result.rows}  # its 款 is unknown too
    assert _amount(result, "208", "total") == Decimal("52.27")  # the next 类 is read again


def test_a_quarantined_level_is_not_inherited_from_an_older_one() -> None:
    # 类 208 unreadable: its 款 05 must not become 201 05.
    text = _split_levels((FIXTURES / QINGLONG_EXPENDITURE).read_text(encoding="utf-8"), inherit=True)
    doc = parse_document(text.replace("5\t208\t", "5\t2O8\t").encode("utf-8"), QINGLONG_EXPENDITURE)
    result = _parse_doc(doc, "budget")
    codes = {r.subject_code for r in result.rows}
    assert not codes & {"20105", "2010505", "208", "20805", "2080505"}
    assert [q.reason for q in result.quarantine][1:] == ["款 05 with no 类 above it", "项 05 with no 款 above it"]
    assert "21011" in codes

"""The parser of the two-sided 收支总表 and 财政拨款收支总表, on tables cut from the sample documents."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from loaders.document import SourceDocument, parse_document
from loaders.errors import ParseError
from loaders.parsers.base import ParseResult
from loaders.parsers.summary import FUNCTION_CLASSES_CSV, function_classes, line_key, parse
from loaders.rows import SummaryLineRow
from tests.conftest import FIXTURES, fixture_document
from tests.loaders.parsers.helpers import parse_only_table, variant

LIAOCHENG_SUMMARY = "summary_000_final.txt"
LIAOCHENG_APPROPRIATION = "appropriation_summary_000_final.txt"
FENYANG_APPROPRIATION = "appropriation_summary_001_final.txt"
QINGLONG_SUMMARY = "summary_003_budget.txt"
QINGLONG_APPROPRIATION = "appropriation_summary_003_budget.txt"
JIYUAN_SUMMARY = "summary_004_final.txt"

FUNDS = ["total", "general_budget", "government_fund", "state_capital"]

Key = tuple[str, str, str]


def _parse_doc(doc: SourceDocument, stage: str = "final") -> ParseResult:
    return parse_only_table(doc, parse, lambda family: family in ("summary", "appropriation_summary"), stage)


def _parse(name: str, stage: str = "final") -> ParseResult:
    return _parse_doc(fixture_document(name), stage)


def _variant(name: str, old: str, new: str) -> SourceDocument:
    return variant(name, old, new)


def _by_key(result: ParseResult) -> dict[Key, SummaryLineRow]:
    rows: dict[Key, SummaryLineRow] = {}
    for row in result.rows:
        assert isinstance(row, SummaryLineRow)
        key = (row.side, row.line_key, row.fund)
        assert key not in rows, f"duplicate {key}"
        rows[key] = row
    return rows


def _amount(result: ParseResult, side: str, key: str, fund: str = "total") -> Decimal | None:
    return _by_key(result)[(side, key, fund)].amount_wan


def _keys(result: ParseResult, side: str) -> list[str]:
    keys = [r.line_key for r in result.rows if isinstance(r, SummaryLineRow) and r.side == side]
    return list(dict.fromkeys(keys))


# --- 收入支出决算总表 (000) ---------------------------------------------------------------------------


def test_final_summary_totals() -> None:
    result = _parse(LIAOCHENG_SUMMARY)
    assert result.quarantine == []
    income_total = _by_key(result)[("income", "income_total", "total")]
    assert (income_total.amount_wan, income_total.amount_printed) == (Decimal("3610.44"), "3,610.44")
    assert (income_total.line_name, income_total.row_number, income_total.line_no) == ("本年收入合计", "27", 37)
    assert _amount(result, "expenditure", "expenditure_total") == Decimal("3610.44")
    assert _amount(result, "income", "grand_total") == Decimal("3610.44")
    assert _amount(result, "expenditure", "grand_total") == Decimal("3610.44")
    assert {r.table_name for r in result.rows} == {"summary"}


def test_final_summary_function_class_lines() -> None:
    result = _parse(LIAOCHENG_SUMMARY)
    row = _by_key(result)[("expenditure", "201", "total")]
    assert (row.amount_wan, row.line_name, row.row_number, row.line_no) == (
        Decimal("2784.86"),
        "一、一般公共服务支出",
        "32",
        11,
    )
    assert _amount(result, "expenditure", "221") == Decimal("181.77")
    assert _amount(result, "expenditure", "202") is None  # printed empty
    classes = [k for k in _keys(result, "expenditure") if k.isdigit()]
    assert len(classes) == 26


def test_final_summary_income_lines_and_blank_rows() -> None:
    result = _parse(LIAOCHENG_SUMMARY)
    assert _keys(result, "income") == [
        "general_budget_appropriation",
        "government_fund_appropriation",
        "state_capital_appropriation",
        "superior_subsidy",
        "business",
        "operating",
        "subsidiary_remittance",
        "other",
        "income_total",
        "non_fiscal_balance_used",
        "opening_balance",
        "grand_total",
    ]  # the unnamed, empty 行次 9..26 and 30 are not emitted
    assert _amount(result, "income", "government_fund_appropriation") == Decimal("256.92")
    assert _amount(result, "income", "opening_balance") is None
    assert len(result.rows) == 12 + 30
    assert {r.fund for r in result.rows} == {"total"}


# --- 财政拨款收入支出决算总表 (000, 001) -----------------------------------------------------------------


def test_final_appropriation_expenditure_total_by_fund() -> None:
    result = _parse(LIAOCHENG_APPROPRIATION)
    assert result.quarantine == []
    rows = _by_key(result)
    assert [rows[("expenditure", "expenditure_total", f)].amount_wan for f in FUNDS] == [
        Decimal("3610.44"),
        Decimal("3353.52"),
        Decimal("256.92"),
        None,
    ]
    assert {rows[("expenditure", "expenditure_total", f)].row_number for f in FUNDS} == {"59"}


def test_final_appropriation_page_split_and_opening_balance_by_fund() -> None:
    result = _parse(LIAOCHENG_APPROPRIATION)
    assert _amount(result, "expenditure", "221", "general_budget") == Decimal("181.77")  # after the page break
    assert _amount(result, "expenditure", "212", "government_fund") == Decimal("256.92")
    opening = _by_key(result)[("income", "opening_balance_general_budget", "total")]
    assert (opening.line_name, opening.amount_wan, opening.row_number) == ("一般公共预算财政拨款", None, "29")
    assert _amount(result, "income", "general_budget_appropriation") == Decimal("3353.52")
    assert "opening_balance_state_capital" in _keys(result, "income")
    # income lines only carry the total; the unnamed expenditure 行次 61..63 are not emitted
    assert {r.fund for r in result.rows if r.side == "income"} == {"total"}
    assert len(result.rows) == 9 + 29 * 4


def test_final_appropriation_dangci_numbering_line() -> None:
    # 001 prints 档次 where the others print 栏次.
    result = _parse(FENYANG_APPROPRIATION)
    assert result.quarantine == []
    assert _amount(result, "expenditure", "201", "general_budget") == Decimal("1170.31")
    assert _amount(result, "expenditure", "grand_total", "total") == Decimal("1214.68")
    assert _amount(result, "income", "income_total") == Decimal("1214.68")


# --- budget 收支总表 (003): 序号 column, OCR noise, a glued number, page split ---------------------------


def test_budget_summary_totals_and_balances() -> None:
    result = _parse(QINGLONG_SUMMARY, "budget")
    assert result.quarantine == []
    grand = _by_key(result)[("income", "grand_total", "total")]
    assert (grand.line_name, grand.amount_wan, grand.amount_printed, grand.row_number) == (
        "收入总计",
        Decimal("738.05"),
        "738. 05",
        "34",
    )
    assert _amount(result, "expenditure", "grand_total") == Decimal("738.05")
    opening = _by_key(result)[("income", "opening_balance", "total")]
    assert (opening.line_name, opening.amount_wan) == ("上年结转结余", Decimal("30.74"))
    assert _amount(result, "expenditure", "closing_balance") is None  # 年终结转结余, printed empty
    assert _amount(result, "income", "income_total") == Decimal("707.31")


def test_budget_summary_class_line_with_ocr_space() -> None:
    result = _parse(QINGLONG_SUMMARY, "budget")
    row = _by_key(result)[("expenditure", "208", "total")]
    assert (row.amount_wan, row.amount_printed, row.row_number) == (Decimal("52.27"), "52. 27", "8")
    assert _amount(result, "expenditure", "221") == Decimal("26.14")  # after the repeated page header
    assert _amount(result, "expenditure", "227") is None  # 二十四、预备费
    assert _amount(result, "income", "fiscal_special_account") is None
    assert _amount(result, "income", "operating") is None  # 六、事业单位经营收入


def test_budget_summary_expenditure_total_with_glued_number() -> None:
    # `32 | 本年收入合计 | 707. 31 | 31 本年支出合计 | ` : the expenditure total is printed empty.
    result = _parse(QINGLONG_SUMMARY, "budget")
    row = _by_key(result)[("expenditure", "expenditure_total", "total")]
    assert (row.amount_wan, row.amount_printed, row.line_name, row.row_number, row.line_no) == (
        None,
        "",
        "31 本年支出合计",
        "32",
        49,
    )


def test_budget_summary_unknown_empty_class_line_skipped() -> None:
    result = _parse(QINGLONG_SUMMARY, "budget")
    assert all("人行科目" not in r.line_name for r in result.rows)
    assert len([k for k in _keys(result, "expenditure") if k.isdigit()]) == 30


def test_unknown_class_line_with_amount_is_quarantined() -> None:
    doc = _variant(QINGLONG_SUMMARY, "三十一、人行科目\t", "三十一、人行科目\t5.00")
    result = _parse_doc(doc, "budget")
    [q] = result.quarantine
    assert q.line_no == 48
    assert "人行科目" in q.reason
    assert _amount(result, "income", "grand_total") == Decimal("738.05")


# --- budget 财政拨款收支总表 (003) ------------------------------------------------------------------------


def test_budget_appropriation_opening_balance_by_fund() -> None:
    result = _parse(QINGLONG_APPROPRIATION, "budget")
    assert result.quarantine == []
    row = _by_key(result)[("income", "opening_balance_general_budget", "total")]
    assert (row.amount_wan, row.line_name, row.row_number, row.line_no) == (
        Decimal("19.40"),
        "一、一般公共预算拨款",
        "34",
        47,
    )
    assert _amount(result, "income", "opening_balance_government_fund") == Decimal("11.35")
    assert _amount(result, "income", "opening_balance_state_capital") is None
    assert _amount(result, "income", "opening_balance") == Decimal("30.74")
    assert _amount(result, "income", "general_budget_appropriation") == Decimal("509.01")


def test_budget_appropriation_fund_columns_and_last_page() -> None:
    # The fourth fund column's header is garbled (`营预算财政`) on the first page; the line
    # above names it. The grand total sits alone after a page break with noise `基金 | 国有资 | 本经`.
    result = _parse(QINGLONG_APPROPRIATION, "budget")
    rows = _by_key(result)
    assert [rows[("expenditure", "expenditure_total", f)].amount_wan for f in FUNDS] == [
        Decimal("738.05"),
        Decimal("528.41"),
        Decimal("209.65"),
        None,
    ]
    assert [rows[("expenditure", "grand_total", f)].amount_wan for f in FUNDS] == [
        Decimal("738.05"),
        Decimal("528.41"),
        Decimal("209.65"),
        None,
    ]
    assert _amount(result, "expenditure", "212", "government_fund") == Decimal("209.65")
    assert _amount(result, "expenditure", "212", "general_budget") is None
    assert len(result.rows) == 9 + 33 * 4


# --- 收入支出决算总表 (004): 0.00 everywhere, 收入总计 / 支出总计, 年末结转与结余 ---------------------------


def test_final_summary_closing_balance_and_zeros() -> None:
    result = _parse(JIYUAN_SUMMARY)
    assert result.quarantine == []
    closing = _by_key(result)[("expenditure", "closing_balance", "total")]
    assert (closing.amount_wan, closing.line_name) == (Decimal("0.03"), "年末结转与结余")
    zero = _by_key(result)[("income", "superior_subsidy", "total")]
    assert (zero.amount_wan, zero.amount_printed) == (Decimal(0), "0.00")
    grand = [r for r in result.rows if r.line_key == "grand_total"]
    assert [(r.side, r.line_name, r.amount_wan) for r in grand] == [
        ("income", "收入总计", Decimal("3841.54")),
        ("expenditure", "支出总计", Decimal("3841.54")),
    ]
    assert _amount(result, "expenditure", "234") == Decimal(0)  # after the page break


# --- cell accounting ----------------------------------------------------------------------------------


def test_line_key_printed_twice_is_quarantined() -> None:
    doc = _variant(LIAOCHENG_SUMMARY, "\t30\t\t\t61\t", "\t30\t\t总计\t61\t1.00")
    result = _parse_doc(doc)
    [q] = result.quarantine
    assert q.line_no == 41
    assert "expenditure side" in q.reason and "grand_total printed again" in q.reason
    assert _amount(result, "expenditure", "grand_total") == Decimal("1.00")  # the first one printed wins
    assert _by_key(result)[("expenditure", "grand_total", "total")].line_no == 40
    assert _amount(result, "income", "grand_total") == Decimal("3610.44")


def test_non_amount_quarantines_only_its_half() -> None:
    doc = _variant(LIAOCHENG_SUMMARY, "八、其他收入\t8\t\t", "八、其他收入\t8\t见说明\t")
    result = _parse_doc(doc)
    [q] = result.quarantine
    assert q.line_no == 18
    assert "income side" in q.reason and "见说明" in q.reason
    assert "other" not in _keys(result, "income")
    assert _amount(result, "expenditure", "208") == Decimal("295.79")  # the other half of the same line


def test_amount_without_name_is_quarantined() -> None:
    doc = _variant(LIAOCHENG_SUMMARY, "\t9\t\t九、卫生健康支出", "\t9\t12.00\t九、卫生健康支出")
    result = _parse_doc(doc)
    [q] = result.quarantine
    assert q.reason == "income side: amount without a line name"
    assert _amount(result, "expenditure", "210") == Decimal("91.10")


def test_unknown_income_line_is_quarantined() -> None:
    doc = _variant(LIAOCHENG_SUMMARY, "八、其他收入", "八、捐赠")
    result = _parse_doc(doc)
    [q] = result.quarantine
    assert "unknown line '八、捐赠'" in q.reason


def test_header_without_two_item_columns_raises() -> None:
    doc = _variant(LIAOCHENG_SUMMARY, "项目\t行次\t金额\t项目", "项目\t行次\t金额\t科目")
    with pytest.raises(ParseError, match="header not understood"):
        _parse_doc(doc)


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("项目\t项目\t金额\t项目", "3 项目 columns"),
        ("行次\t项目\t金额\t项目", "columns left of the income 项目"),
        ("项目\t行次\t行次\t项目", "unexpected column on the income side"),
        ("项目\t行次\t金额\t项目\t行次\t行次", "unexpected column on the expenditure side"),
    ],
)
def test_a_header_problem_names_its_header_line(header, reason) -> None:
    # The line number is the error's line_no (the quarantine row points there), not its source_file.
    doc = _variant(LIAOCHENG_SUMMARY, "项目\t行次\t金额\t项目\t行次\t金额", header)
    with pytest.raises(ParseError, match=reason) as raised:
        _parse_doc(doc)
    columns_line = next(line.no for line in doc.lines if line.text.startswith("栏次\t"))
    assert (raised.value.line_no, raised.value.source_file) == (columns_line, "")


def test_garbled_fund_columns_named_by_order() -> None:
    # Words unreadable, but the 档次 numbering shows four fund columns: the standard order names them.
    old = "合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款"
    doc = _variant(FENYANG_APPROPRIATION, old, "合计\t甲\t乙")
    result = _parse_doc(doc)
    assert _amount(result, "expenditure", "201", "general_budget") == Decimal("1170.31")
    assert _amount(result, "expenditure", "201", "state_capital") is None


def test_ambiguous_fund_columns_raise() -> None:
    # Three fund columns, two unreadable: no known layout has three, so the parser refuses to guess.
    text = (FIXTURES / FENYANG_APPROPRIATION).read_text(encoding="utf-8")
    assert "档次\t\t2\t3\t4\t5" in text
    text = text.replace(
        "合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款", "合计\t甲\t乙", 1
    )
    text = text.replace("档次\t\t2\t3\t4\t5", "档次\t\t2\t3\t4", 1)
    doc = parse_document(text.encode("utf-8"), FENYANG_APPROPRIATION)
    with pytest.raises(ParseError, match="cannot tell"):
        _parse_doc(doc)


# --- the function class table ------------------------------------------------------------------------


def test_function_classes_complete() -> None:
    with FUNCTION_CLASSES_CSV.open(encoding="utf-8", newline="") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    expected = {str(c) for c in range(201, 225) if c not in (218,)} | {"227"} | {str(c) for c in range(229, 235)}
    assert codes == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("一、一般公共服务支出", "201"),
        ("七、文化体育与传媒支出", "207"),
        ("医疗卫生与计划生育支出", "210"),
        ("九、社会保险基金支出", "209"),
        ("二十四、预备费", "227"),
        ("二十六、转移性支出", "230"),
        ("二十九、债务发行费用支出", "233"),
        ("三十、抗疫特别国债安排的支出", "234"),
        ("十九、住房 保障支出", "221"),
    ],
)
def test_class_line_key(name: str, code: str) -> None:
    assert line_key("expenditure", name, after_opening=False) == code
    assert function_classes()[name.split("、")[-1].replace(" ", "")] == code


def test_fund_lines_after_opening_balance() -> None:
    assert line_key("income", "一、一般公共预算拨款", after_opening=False) == "general_budget_appropriation"
    assert line_key("income", "一、一般公共预算拨款", after_opening=True) == "opening_balance_general_budget"
    assert line_key("income", "国有资本经营预算财政拨款", after_opening=True) == "opening_balance_state_capital"
    assert line_key("income", "使用非财政拨款结余和专用结余", after_opening=False) == "non_fiscal_balance_used"
    assert line_key("expenditure", "年末结转与结余", after_opening=False) == "closing_balance"
    assert line_key("expenditure", "三十一、人行科目", after_opening=False) is None


@pytest.mark.parametrize(
    ("side", "name", "key"),
    [
        ("income", "用事业基金弥补收支差额", "non_fiscal_balance_used"),  # the pre-2019 name
        ("expenditure", "结转下年", "closing_balance"),
        ("expenditure", "一、基本支出", "basic"),
        ("expenditure", "二、项目支出", "project"),
        ("expenditure", "三、上缴上级支出", "remit_to_superior"),
        ("expenditure", "四、经营支出", "operating"),
        ("expenditure", "五、对附属单位补助支出", "subsidy_to_subsidiary"),
        ("expenditure", "其中：基本支出人员经费", None),  # not a line of its own kind
    ],
)
def test_lines_of_other_layouts(side: str, name: str, key: str | None) -> None:
    assert line_key(side, name, after_opening=False) == key

"""Figures checked by hand against the printed sample tables, read from the contract tables."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.conftest import FENYANG, JIYUAN, LIAOCHENG, QINGLONG, SAMPLES, ZHANGDIAN
from tests.warehouse.conftest import one


def doc_id(con, source_file):
    return one(con, "select document_id from dim_document where source_file = ?", source_file)


def test_every_sample_is_a_document(warehouse):
    rows = warehouse.execute(
        "select source_file, region_name, province, fiscal_year, stage, unit from dim_document order by 1"
    ).fetchall()
    assert rows == [
        (LIAOCHENG, "聊城市", "山东省", 2023, "final", "万元"),
        (FENYANG, "汾阳市", "山西省", 2023, "final", "万元"),
        (ZHANGDIAN, "张店区", "山东省", 2024, "performance", "万元"),
        (QINGLONG, "青龙满族自治县", "河北省", 2023, "budget", "万元"),
        (JIYUAN, "济源市", "河南省", 2022, "final", "万元"),
    ]


@pytest.mark.parametrize(
    ("source_file", "table_name", "subject_code", "measure", "amount", "line_no"),
    [
        (LIAOCHENG, "expenditure", "total", "total", D("3610.44"), 219),
        (LIAOCHENG, "expenditure", "total", "project", D("1374.20"), 219),
        (LIAOCHENG, "income", "2010399", "total", D("213.87"), 187),
        (LIAOCHENG, "income", "2210201", "fiscal_appropriation", D("181.77"), 205),  # after the page break
        (LIAOCHENG, "government_fund", "2120899", "opening_balance", None, 393),
        (FENYANG, "expenditure", "2010301", "basic", D("246.97"), 139),
        (FENYANG, "expenditure", "2010301", "project", D("623.30"), 139),
        (QINGLONG, "income", "2120899", "prior_year_carryover", D("11.35"), 113),
        (QINGLONG, "income", "total", "total", D("738.05"), 92),  # printed `738. 05`
        (QINGLONG, "expenditure", "total", "basic", D("528.41"), 128),
        (QINGLONG, "general_budget_expenditure", "2101101", "total", D("12.15"), 226),
        (JIYUAN, "general_budget_expenditure", "total", "total", None, 269),  # 合计 printed empty
        (JIYUAN, "state_capital", "total", "total", D("0"), 361),  # printed 0.00
        (JIYUAN, "income", "2299999", "other", D("0.04"), 167),
    ],
)
def test_function_amounts(warehouse, source_file, table_name, subject_code, measure, amount, line_no):
    row = one(
        warehouse,
        """select amount_wan, line_no from fct_function_amount
        where document_id = ? and table_name = ? and subject_code = ? and measure = ?""",
        doc_id(warehouse, source_file),
        table_name,
        subject_code,
        measure,
    )
    assert row == (amount, line_no)


@pytest.mark.parametrize(
    ("source_file", "table_name", "side", "line_key", "fund", "amount"),
    [
        (LIAOCHENG, "summary", "income", "income_total", "total", D("3610.44")),
        (LIAOCHENG, "summary", "expenditure", "201", "total", D("2784.86")),
        (LIAOCHENG, "summary", "income", "grand_total", "total", D("3610.44")),
        (LIAOCHENG, "summary", "expenditure", "grand_total", "total", D("3610.44")),
        (LIAOCHENG, "appropriation_summary", "expenditure", "expenditure_total", "total", D("3610.44")),
        (LIAOCHENG, "appropriation_summary", "expenditure", "expenditure_total", "general_budget", D("3353.52")),
        (LIAOCHENG, "appropriation_summary", "expenditure", "expenditure_total", "government_fund", D("256.92")),
        (LIAOCHENG, "appropriation_summary", "expenditure", "expenditure_total", "state_capital", None),
        (QINGLONG, "summary", "income", "grand_total", "total", D("738.05")),
        (QINGLONG, "summary", "income", "opening_balance", "total", D("30.74")),
        (QINGLONG, "summary", "expenditure", "208", "total", D("52.27")),
        (QINGLONG, "summary", "expenditure", "expenditure_total", "total", None),  # printed without amount
        (QINGLONG, "appropriation_summary", "income", "opening_balance_general_budget", "total", D("19.40")),
        (JIYUAN, "summary", "expenditure", "closing_balance", "total", D("0.03")),
        (FENYANG, "summary", "expenditure", "221", "total", D("44.37")),
    ],
)
def test_summary_lines(warehouse, source_file, table_name, side, line_key, fund, amount):
    assert (
        one(
            warehouse,
            """select amount_wan from fct_summary_line
            where document_id = ? and table_name = ? and side = ? and line_key = ? and fund = ?""",
            doc_id(warehouse, source_file),
            table_name,
            side,
            line_key,
            fund,
        )
        == amount
    )


@pytest.mark.parametrize(
    ("source_file", "economic_code", "amount"),
    [
        (LIAOCHENG, "301", D("2057.36")),
        (LIAOCHENG, "30217", D("0.36")),
        (LIAOCHENG, "31013", None),
        (LIAOCHENG, "personnel_total", D("2083.42")),
        (LIAOCHENG, "public_total", D("152.83")),
        (FENYANG, "30239", D("14.55")),
        (FENYANG, "309", D("0")),  # printed ——
        (FENYANG, "personnel_total", D("466.30")),
        (JIYUAN, "30226", D("5.57")),
        (JIYUAN, "public_total", D("27.40")),
        (QINGLONG, "personnel_total", D("453.37")),
        (QINGLONG, "public_total", D("75.04")),
        (QINGLONG, "30201", D("19.00")),
    ],
)
def test_economic_amounts(warehouse, source_file, economic_code, amount):
    sql = "select amount_wan from fct_economic_amount where document_id = ? and economic_code = ?"
    assert one(warehouse, sql, doc_id(warehouse, source_file), economic_code) == amount


def test_budget_economic_rows_keep_their_personnel_and_public_split(warehouse):
    sql = "select personnel_wan, public_wan from fct_economic_amount where document_id = ? and economic_code = ?"
    assert one(warehouse, sql, doc_id(warehouse, QINGLONG), "30201") == (None, D("19.00"))
    assert one(warehouse, sql, doc_id(warehouse, QINGLONG), "30101") == (D("195.42"), None)


@pytest.mark.parametrize(
    ("source_file", "item", "budget", "actual"),
    [
        (LIAOCHENG, "total", D("1.65"), D("1.65")),
        (LIAOCHENG, "vehicle_operation", D("1.28"), D("1.28")),
        (LIAOCHENG, "reception", D("0.36"), D("0.36")),
        (LIAOCHENG, "overseas_travel", None, None),
        (FENYANG, "total", D("4.09"), D("4.09")),
        (JIYUAN, "overseas_travel", D("0"), D("0")),
        (QINGLONG, "total", D("4.40"), None),
        (QINGLONG, "vehicle_total", D("3.20"), None),
        (QINGLONG, "vehicle_purchase", None, None),
        (QINGLONG, "reception", D("1.20"), None),
    ],
)
def test_three_public(warehouse, source_file, item, budget, actual):
    sql = "select budget_wan, actual_wan from fct_three_public where document_id = ? and item = ?"
    assert one(warehouse, sql, doc_id(warehouse, source_file), item) == (budget, actual)


def test_department_year_mart(warehouse):
    columns = """total_income_wan, total_expenditure_wan, basic_expenditure_wan, project_expenditure_wan,
        personnel_wan, public_wan, three_public_actual_wan"""
    sql = f"select {columns} from mart_department_year where document_id = ?"
    assert one(warehouse, sql, doc_id(warehouse, LIAOCHENG)) == (
        D("3610.44"),
        D("3610.44"),
        D("2236.25"),
        D("1374.20"),
        D("2083.42"),
        D("152.83"),
        D("1.65"),
    )
    # The budget prints 本年支出合计 empty: the 支出总表's 合计 stands in for it.
    assert one(warehouse, sql, doc_id(warehouse, QINGLONG)) == (
        D("707.31"),
        D("738.05"),
        D("528.41"),
        D("209.65"),
        D("453.37"),
        D("75.04"),
        None,
    )


def test_audit_findings_hold_the_documents_own_errors(warehouse):
    findings = warehouse.execute(
        """select d.source_file, a.rule_id, a.table_name, a.subject_code, a.actual_wan
        from audit_findings as a join dim_document as d using (document_id)"""
    ).fetchall()
    # 济源 prints its 一般公共预算财政拨款支出决算表's 合计 row empty.
    assert (JIYUAN, "function_total_equals_sum_of_classes", "general_budget_expenditure", "total", None) in findings
    # 青龙 prints 本年支出合计 without an amount.
    assert any(f[0] == QINGLONG and f[1] == "summary_expenditure_total_equals_sum_of_classes" for f in findings)
    # 聊城 and 汾阳 print consistent tables (differences stay within rounding).
    assert not [f for f in findings if f[0] in (LIAOCHENG, FENYANG) and f[2] != "project_performance"]


@pytest.mark.parametrize(
    ("table", "printed"),
    [
        ("fct_function_amount", "amount_printed"),
        ("fct_summary_line", "amount_printed"),
        ("fct_economic_amount", "amount_printed"),
    ],
)
def test_every_number_traces_to_its_file_and_line(warehouse, table, printed):
    lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in SAMPLES.glob("*.txt")}
    rows = warehouse.execute(f"select source_file, line_no, {printed} from {table} where amount_wan is not null")
    checked = 0
    for source_file, line_no, text in rows.fetchall():
        assert text and text in lines[source_file][line_no - 1], (table, source_file, line_no, text)
        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("source_file", "count"), [(LIAOCHENG, 11), (FENYANG, 12), (ZHANGDIAN, 7), (JIYUAN, 17), (QINGLONG, 14)]
)
def test_project_counts(warehouse, source_file, count):
    sql = "select project_count from mart_department_year where document_id = ?"
    assert one(warehouse, sql, doc_id(warehouse, source_file)) == count
    sql = "select count(*) from fct_project_performance where document_id = ?"
    assert one(warehouse, sql, doc_id(warehouse, source_file)) == count


def test_project_performance_figures(warehouse):
    sql = """select budget_full_year_wan, executed_wan, total_score, grade from fct_project_performance
        where document_id = ? and project_name = ?"""
    # 张店 服装经费: 69 budgeted, nothing executed, 81.37 points, 良.
    assert one(warehouse, sql, doc_id(warehouse, ZHANGDIAN), "服装经费") == (D("69"), D("0"), D("81.37"), "良")
    assert one(warehouse, sql, doc_id(warehouse, ZHANGDIAN), "行政审批服务工作经费") == (
        D("441.8"),
        D("441.8"),
        D("95.83"),
        "优",
    )


def test_kpi_indicator_figures(warehouse):
    sql = """select target_text, actual_text, weight, score, target_operator, target_value, target_unit
        from fct_kpi_indicator where document_id = ? and level3 = ?"""
    assert one(warehouse, sql, doc_id(warehouse, ZHANGDIAN), "实现一窗受理窗口数量") == (
        "≥21个",
        "16个",
        D("8"),
        D("6.1"),
        ">=",
        D("21"),
        "个",
    )

"""Each family's facts put back on their printed line, in every layout (cut fixtures, random choices
fixed: one space between cells, names wrapped at 8 characters). Amounts are hand-checked against the
printed tables: 元 = 万元 × 10000."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.layouts import Layout
from loaders.render.cells import Money, Text
from loaders.render.facts import RenderError, fields_of, label, place, unclaimed_amounts
from loaders.rows import FunctionAmountRow
from tests.loaders.render.helpers import HeadBefore, rendered_line

TAB, SPACE, SPLIT, WRAPPED, CELLS, YUAN = (
    Layout.TAB,
    Layout.SPACE,
    Layout.SPLIT_CODES,
    Layout.WRAPPED_NAMES,
    Layout.CELL_PER_LINE,
    Layout.YUAN,
)

INCOME = "function_income_000_final.txt"  # 收入决算表 of 聊城市行政审批服务局
FUND = "function_government_fund_003_budget.txt"  # a budget's 政府性基金 table (OCR `209. 65`, a glued code)
SUMMARY = "summary_003_budget.txt"  # a budget's 收支总表 (序号 column, OCR spaces)
ECONOMIC = "basic_economic_000_final_3_groups.txt"
THREE_PUBLIC_BUDGET = "three_public_003_budget.txt"
THREE_PUBLIC_FINAL = "three_public_000_final.txt"
STATISTICS = "statistics_001_final.txt"
PROJECT = "performance_self_evaluation_000_final_shifted.txt"
PROJECT_HENAN = "performance_self_evaluation_004_final_fund_management.txt"


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        (TAB, ["合 计\t\t3,610.44\t3,610.44\t\t\t\t\t"]),
        (SPACE, ["合 计 3,610.44 3,610.44"]),
        (CELLS, ["合 计", "3,610.44", "3,610.44"]),
        (YUAN, ["合 计\t\t36,104,400\t36,104,400\t\t\t\t\t"]),
    ],
)
def test_function_table_total_line(layout, expected):
    assert rendered_line(INCOME, 12, layout) == expected


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        (TAB, ["2010399\t其他政府办公厅（室）及相关机构事 务支出\t213.87\t213.87\t\t\t\t\t"]),
        (SPACE, ["2010399 其他政府办公厅（室）及相关机构事 务支出 213.87 213.87"]),
        (SPLIT, ["201 03 99 其他政府办公厅（室）及相关机构事 务支出 213.87 213.87"]),
        (WRAPPED, ["2010399 其他政府办公厅（ 213.87 213.87", "室）及相关机构事 务支出"]),
        (CELLS, ["2010399", "其他政府办公厅（室）及相关机构事 务支出", "213.87", "213.87"]),
        (YUAN, ["2010399\t其他政府办公厅（室）及相关机构事 务支出\t2,138,700\t2,138,700\t\t\t\t\t"]),
    ],
)
def test_function_table_subject_line(layout, expected):
    assert rendered_line(INCOME, 18, layout) == expected


def test_a_wrapped_name_can_put_its_head_on_the_line_before():
    assert rendered_line(INCOME, 18, WRAPPED, rng=HeadBefore()) == [
        "其他政府办公厅（",
        "2010399 室）及相关机构事 务支出 213.87 213.87",
    ]


@pytest.mark.parametrize(
    ("line_no", "layout", "expected"),
    [
        # `1││合计│209. 65││209. 65│`: the OCR space goes, the 序号 stays.
        (10, TAB, ["1\t\t合计\t209.65\t\t209.65\t"]),
        (10, YUAN, ["1\t\t合计\t2,096,500\t\t2,096,500\t"]),
        # `4│2120899 其他国有土地…││209.65││209.65│`: a code glued to its name stays glued.
        (13, TAB, ["4\t2120899 其他国有土地使用权出让收入安排的支出\t\t209.65\t\t209.65\t"]),
        (13, SPLIT, ["4 212 08 99 其他国有土地使用权出让收入安排的支出 209.65 209.65"]),
    ],
)
def test_function_table_budget_layout(line_no, layout, expected):
    assert rendered_line(FUND, line_no, layout) == expected


@pytest.mark.parametrize(
    ("line_no", "layout", "expected"),
    [
        (10, TAB, ["1\t一、一般公共预算拨款收入\t509.01\t一、一般公共服务支出\t419.39"]),
        (10, YUAN, ["1\t一、一般公共预算拨款收入\t5,090,100\t一、一般公共服务支出\t4,193,900"]),
        # Two names on a line wrap together: both tails on the next line.
        (10, WRAPPED, ["1 一、一般公共预算 509.01 一、一般公共服务 419.39", "拨款收入 支出"]),
        (11, TAB, ["2\t二、政府性基金预算拨款收入\t198.30\t二、外交支出\t"]),
        (11, SPACE, ["2 二、政府性基金预算拨款收入 198.30 二、外交支出"]),
        (11, YUAN, ["2\t二、政府性基金预算拨款收入\t1,983,000\t二、外交支出\t"]),
    ],
)
def test_summary_table(line_no, layout, expected):
    assert rendered_line(SUMMARY, line_no, layout) == expected


@pytest.mark.parametrize(
    ("line_no", "layout", "expected"),
    [
        (11, TAB, ["30101\t基本工资\t473.27\t30201\t办公费\t3.63\t30701\t国内债务付息\t"]),
        (11, SPLIT, ["301 01 基本工资 473.27 302 01 办公费 3.63 307 01 国内债务付息"]),
        (11, YUAN, ["30101\t基本工资\t4,732,700\t30201\t办公费\t36,300\t30701\t国内债务付息\t"]),
        (47, TAB, ["人员经费合计\t\t2,083.42\t公用经费合计\t\t\t\t\t\t152.83"]),
        (47, SPACE, ["人员经费合计 2,083.42 公用经费合计 152.83"]),
        (47, YUAN, ["人员经费合计\t\t20,834,200\t公用经费合计\t\t\t\t\t\t1,528,300"]),
    ],
)
def test_basic_economic_table(line_no, layout, expected):
    assert rendered_line(ECONOMIC, line_no, layout) == expected


@pytest.mark.parametrize(
    ("name", "line_no", "layout", "expected"),
    [
        # Budget rows: 合计 (a fact) and the 一般公共预算 fund column (checked, not kept) are both amounts.
        (THREE_PUBLIC_BUDGET, 10, TAB, ["1\t合计\t4.40\t4.40\t\t"]),
        (THREE_PUBLIC_BUDGET, 10, YUAN, ["1\t合计\t44,000\t44,000\t\t"]),
        (THREE_PUBLIC_BUDGET, 10, CELLS, ["1", "合计", "4.40", "4.40"]),
        # Final accounts: one line of 12 amounts under 预算数 | 决算数.
        (THREE_PUBLIC_FINAL, 13, TAB, ["1.65\t\t1.28\t\t1.28\t0.36\t1.65\t\t1.28\t\t1.28\t0.36"]),
        (THREE_PUBLIC_FINAL, 13, SPACE, ["1.65 1.28 1.28 0.36 1.65 1.28 1.28 0.36"]),
        (THREE_PUBLIC_FINAL, 13, YUAN, ["16,500\t\t12,800\t\t12,800\t3,600\t16,500\t\t12,800\t\t12,800\t3,600"]),
    ],
)
def test_three_public_table(name, line_no, layout, expected):
    assert rendered_line(name, line_no, layout) == expected


@pytest.mark.parametrize(
    ("line_no", "layout", "expected"),
    [
        (13, TAB, ["合计\t1\t72.40"]),
        (13, YUAN, ["合计\t1\t724,000"]),
        (13, CELLS, ["合计", "1", "72.40"]),
        # A count of vehicles is not an amount: the same in 元.
        (22, YUAN, ["(一) 车辆数合计(辆)\t7\t2"]),
        (22, SPACE, ["(一) 车辆数合计(辆) 7 2"]),
    ],
)
def test_statistics_table(line_no, layout, expected):
    assert rendered_line(STATISTICS, line_no, layout) == expected


@pytest.mark.parametrize(
    ("name", "line_no", "layout", "expected"),
    [
        (PROJECT, 60, TAB, ["\t年度资金总额\t60\t60\t58.39万元\t10\t97.32%\t9.73\t"]),
        # 分值 10 and 得分 9.73 stay; the amounts (one with its unit in the cell) go to 元.
        (PROJECT, 60, YUAN, ["\t年度资金总额\t600,000\t600,000\t583,900元\t10\t97.32%\t9.73\t"]),
        (PROJECT, 60, SPACE, ["年度资金总额 60 60 58.39万元 10 97.32% 9.73"]),
        # The Henan layout names its unit in the header: 项目资金（万元） becomes 项目资金（元）.
        (PROJECT_HENAN, 5, YUAN, ["项目资金（元）\t年初预算数\t\t全年预算数\t\t全年执行数\t\t分值\t执行率 %\t得分\t"]),
        (PROJECT_HENAN, 6, YUAN, ["\t年度资金总额（万元）：\t\t5,970,000\t\t5,970,000\t\t10\t100\t10\t"]),
    ],
)
def test_project_budget_lines(name, line_no, layout, expected):
    assert rendered_line(name, line_no, layout) == expected


def _row(measure: str, printed: str, wan: str | None) -> FunctionAmountRow:
    return FunctionAmountRow(
        "d",
        "f.txt",
        5,
        "income",
        "201",
        "一般公共服务支出",
        measure,
        Decimal(wan) if wan else None,
        printed,
        Decimal(0),
    )


def test_a_fact_missing_from_its_line_is_an_error_not_a_guess():
    fields = fields_of([_row("total", "2,784.86", "2784.86"), _row("fiscal_appropriation", "9.99", "9.99")])
    with pytest.raises(RenderError, match="fiscal_appropriation amount"):
        place(["201", "一般公共服务支出", "2,784.86", "2,784.86"], fields, 5)


def test_amounts_are_found_from_the_right_labels_from_the_left():
    # 序号 2 and an amount printed `2`: the amount is the right-hand cell.
    cells, claimed = place(["2", "201", "一般公共服务支出", "2"], fields_of([_row("total", "2", "2")]))
    assert claimed == {1, 2, 3}
    assert cells[0] == Text("2")
    assert isinstance(cells[3], Money)
    assert cells[3].wan == Decimal(2)


def test_a_label_printed_once_serves_both_sides():
    fields = [label("32", name=False), label("32", name=False)]
    cells, claimed = place(["32", "本年收入合计"], fields)
    assert claimed == {0}
    assert cells[0] == Text("32")


def test_unclaimed_amounts_right_of_the_first_fact_only():
    found = unclaimed_amounts(["1", "合计", "4.40", "4. 40", "", "备注"], {1, 2}, "万元")
    assert list(found) == [3]
    assert found[3].wan == Decimal("4.40")
    assert unclaimed_amounts(["1", "2"], set(), "万元") == {}


@pytest.mark.parametrize(
    ("name", "line_no", "layout", "expected"),
    [
        # Scores, grades and indicator texts are not amounts: copied as printed in every layout.
        (
            "performance_summary_000_final.txt",
            9,
            YUAN,
            ["2\t特种设备作业人员考试机构委托服务费\t聊城市行政审批服务局\t99.73\t优"],
        ),
        (
            "performance_summary_000_final.txt",
            9,
            SPACE,
            ["2 特种设备作业人员考试机构委托服务费 聊城市行政审批服务局 99.73 优"],
        ),
        (
            PROJECT,
            67,
            YUAN,
            ["\t\t\t委托服务总费用\t60万元\t58.39万元\t10\t9.73\t按时间节点,依据考核结果支付剩余金额。"],
        ),
        # Markup is dropped, the (now empty) cell kept in place.
        ("performance_target_003_budget_two_versions.txt", 7, TAB, ["\t\t木购,\t\tT\tT"]),
        (
            "performance_target_003_budget_two_versions.txt",
            9,
            CELLS,
            ["数量指标", "设备采购", "用于购买公共资源交易远程 异地评标电脑的数量", "≥ 5 台", "2022 年工作计划"],
        ),
    ],
)
def test_project_text_lines_are_copied(name, line_no, layout, expected):
    assert rendered_line(name, line_no, layout) == expected

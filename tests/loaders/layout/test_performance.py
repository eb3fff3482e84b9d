"""The project performance tables printed without tabs (loaders/layout/performance)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.document import Line
from loaders.layout.performance.cells import grammar_cells
from loaders.layout.performance.pieces import table_lines
from loaders.layout.performance.project import _two_texts, budget_line, indicator_readings
from loaders.parsers.performance_common import indicator_header
from loaders.parsers.performance_project import budget_header
from loaders.rows import KpiIndicatorRow, ProjectBudgetLineRow, ProjectRow, ProjectSummaryRow, QuarantineRow
from tests.loaders.layout.helpers import extract, fixture_text, spaced
from tests.support.facts import fact

JIYUAN = "performance_004_jiyuan.txt"  # a 项目单位自评表 of sample 004 (资金管理情况, 偏差度)
SEEDS = (ProjectRow, ProjectBudgetLineRow, KpiIndicatorRow, ProjectSummaryRow)

# Cut from sample 002 rendered in the space layout (the 汇总表, no tab anywhere in the document).
ZHANGDIAN_SUMMARY = """2024 年度区级预算项目绩效自评情况汇总表
部门（单位）：淄博市张店区行政审批服务局
序号  项目名称 资金使用单位   自评得分 自评等级
1 行政审批服务工作经费   淄博市张店区行政审批服务局 95.83   优
2  政务服务大厅费用 淄博市张店区行政审批服务局   95.47 优
3   服装经费  淄博市张店区行政审批服务局  81.37   良
"""


def _facts(rows):  # type: ignore[no-untyped-def]
    return {(type(r).__name__, fact(r)) for r in rows if isinstance(r, SEEDS)}


def _layout_problems(rows):  # type: ignore[no-untyped-def]
    return [r for r in rows if isinstance(r, QuarantineRow) and "layout" in r.reason]


def test_a_self_evaluation_table_in_the_space_layout_gives_back_every_fact():
    text = fixture_text(JIYUAN)
    original = extract(text)
    rebuilt = extract(spaced(text, "   "))
    want = _facts(original)
    got = _facts(rebuilt)
    assert got == want and not _layout_problems(rebuilt)
    # `单位资金 0 0 - 0 -`: five values for six columns; amounts are not dashes and a 执行率 stands beside
    # both its amounts, so the blank column is the 年初预算数.
    [unit_funds] = [r for r in rebuilt if isinstance(r, ProjectBudgetLineRow) and r.funding_source == "单位资金"]
    assert (unit_funds.initial_wan, unit_funds.full_year_wan, unit_funds.execution_rate_printed) == (None, 0, "0")
    project = next(r for r in rebuilt if isinstance(r, ProjectRow))
    assert (project.total_score, project.budget_score, project.layout) == (Decimal("98.28"), 10, "fund_management")
    indicators = [r for r in rebuilt if isinstance(r, KpiIndicatorRow)]
    assert len([r for r in indicators if r.section == "fund_management"]) == 4
    assert len(indicators) == len([r for r in original if isinstance(r, KpiIndicatorRow)]) == 13


def test_a_summary_table_in_the_space_layout():
    rows = extract(ZHANGDIAN_SUMMARY)
    lines = [r for r in rows if isinstance(r, ProjectSummaryRow)]
    assert [(r.seq_printed, r.project_name, r.using_unit, r.score, r.grade) for r in lines] == [
        ("1", "行政审批服务工作经费", "淄博市张店区行政审批服务局", Decimal("95.83"), "优"),
        ("2", "政务服务大厅费用", "淄博市张店区行政审批服务局", Decimal("95.47"), "优"),
        ("3", "服装经费", "淄博市张店区行政审批服务局", Decimal("81.37"), "良"),
    ]


def test_a_summary_table_one_cell_per_line():
    header = ["2024 年度区级预算项目绩效自评情况汇总表", "序号", "项目名称", "资金使用单位", "自评得分", "自评等级"]
    text = "\n".join(
        [
            *header,
            *["1", "行政审批服务工作经费", "淄博市张店区行政审批服务局", "95.83", "优"],
            *["2", "政务服务大厅费用", "淄博市张店区行政审批服务局", "95.47", "优"],
        ]
    )
    lines = [r for r in extract(text) if isinstance(r, ProjectSummaryRow)]
    assert [(r.project_name, r.score) for r in lines] == [
        ("行政审批服务工作经费", Decimal("95.83")),
        ("政务服务大厅费用", Decimal("95.47")),
    ]


def test_the_grammar_joins_a_value_and_its_unit_and_a_label_and_its_suffix():
    pieces = ["网站维护费", "≤45", "万元", "45", "万元", "7", "7"]
    assert grammar_cells(pieces) == ["网站维护费", "≤45 万元", "45 万元", "7", "7"]
    assert grammar_cells(["设备采购", "≥", "5", "台"]) == ["设备采购", "≥ 5 台"]
    assert grammar_cells(["年度指标值", "(A)", "执行率", "%"]) == ["年度指标值 (A)", "执行率 %"]


BUDGET = budget_header(["项目预算执行情况(10分)", "年初预算", "全年预算数", "全年执行数", "分值", "执行率", "得分"])


def test_a_funding_line_is_placed_by_the_identities():
    assert BUDGET is not None
    # 执行率 = 执行数 / 全年预算数, 得分 ≤ 分值: the total line of sample 000's second project.
    line = budget_line(["年度资金总额", "60", "60", "58.39万元", "10", "97.32%", "9.73"], BUDGET)
    assert line == ["年度资金总额", "60", "60", "58.39万元", "10", "97.32%", "9.73"]
    # Two dashes: no amount is printed as a dash here, and a rate needs both amounts beside it.
    assert (
        budget_line(["上年结转资金", "-", "-"], BUDGET) == "the 2 values of a funding line fit its 6 columns in 3 ways"
    )


def test_an_ambiguous_funding_line_is_reported():
    assert BUDGET is not None
    # `其中:当年财政拨款 60 - -`: 60 may be the 年初预算 or the 全年预算 or the 执行数.
    found = budget_line(["其中:当年财政拨款", "60", "-", "-"], BUDGET)
    assert isinstance(found, str) and "ways" in found


COLUMNS = indicator_header(
    [
        "年度绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值(A)",
        "实际完成指标值(B)",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
)


def test_indicator_readings_follow_the_vocabularies():
    assert COLUMNS is not None
    [reading] = indicator_readings(
        ["成本指标(20分)", "经济成本", "委托服务费用", "≤120元/次", "100元/次", "5", "5"], COLUMNS
    )
    assert reading.cells == ("成本指标(20分)", "经济成本", "委托服务费用", "≤120元/次", "100元/次", "5", "5", "")
    # A level name alone is a level (never a value), `成本指标` without a 二级指标 after it is a 二级指标.
    assert {r.cells for r in indicator_readings(["社会成本"], COLUMNS)} == {("", "社会成本", "", "", "", "", "", "")}
    [cost] = indicator_readings(
        ["成本指标", "全市电子政务外网进行提速扩容费用", "580000", "达成预期指标", "10", "10"], COLUMNS
    )
    assert cost.levels == ("", "成本指标")


def test_an_indicator_line_with_one_number_has_several_readings():
    # `考试人次 ≥6000 6200`: 6200 is the actual value only because no 分值/得分 is above 100.
    assert COLUMNS is not None
    readings = indicator_readings(["考试人次", "≥6000", "6200"], COLUMNS)
    assert {r.cells for r in readings} == {("", "", "考试人次", "≥6000", "6200", "", "", "")}
    # `工作完成率 100% 10`: 100% is the target or the actual, 10 may be either too, or the 分值 or the
    # 得分 — the sums of the block decide, not the line.
    assert len(indicator_readings(["工作完成率", "100%", "10"], COLUMNS)) > 1


def test_a_goal_line_is_cut_after_its_sentence():
    assert _two_texts(["规范采购活动。", "2023", "年中心完成交易项目为", "61657", "个。"]) == [
        "规范采购活动。",
        "2023 年中心完成交易项目为 61657 个。",
    ]
    assert _two_texts(["保障单位正常运转", "本年度补充办公费21500元,", "实际完成21500元,", "完成100%。"]) == [
        "保障单位正常运转",
        "本年度补充办公费21500元, 实际完成21500元, 完成100%。",
    ]
    assert _two_texts(["甲目标", "乙结果", "丙结果"]) is None  # no rule says where the goal ends


def test_notes_and_page_lines_are_set_aside_but_rows_ending_a_sentence_are_kept():
    lines = [
        Line(1, "单位:万元"),
        Line(2, "委托服务总费用 60万元 58.39万元 10 9.73 按时间节点,依据考核结果支付剩余金额。"),
        Line(3, "注:1.得分一档最高不能超过该指标分值上限。"),
        Line(4, "2.定性指标根据指标完成情况分为三档"),
        Line(5, "1. “全年预算数”的取数规则。"),
        Line(6, "2. “全年执行数”是指预算执行指标确认数。"),
    ]
    assert [line.no for line in table_lines(lines, "项目支出绩效自评表")] == [2]


@pytest.mark.parametrize("text", ["项目名称 甲项目\n年度绩效指标 一级指标 三级指标 指标值 分值 得分\n乱码 x y z"])
def test_a_table_that_cannot_be_read_is_quarantined_with_its_line_never_a_traceback(text):
    rows = extract("项目支出绩效自评表\n" + text)
    assert not [r for r in rows if isinstance(r, KpiIndicatorRow) and r.level3 == "乱码"]
    assert any(isinstance(r, QuarantineRow) for r in rows)

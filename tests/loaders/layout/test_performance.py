"""The project performance tables printed without tabs (loaders/layout/performance)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.document import Line
from loaders.layout.performance.cells import (
    LINES_PER_BLOCK,
    READINGS_PER_LINE,
    READINGS_PER_TABLE,
    STATES_PER_BLOCK,
    Budget,
    Tally,
    TooManyReadings,
    grammar_cells,
    is_comparison,
    joinings,
    marks_a_value,
    set_apart,
)
from loaders.layout.performance.funding import budget_line
from loaders.layout.performance.indicator import (
    Reading,
    Search,
    _memoised_readings,
    _readings,
    indicator_readings,
    line_readings,
)
from loaders.layout.performance.pieces import Row, table_lines
from loaders.layout.performance.project import _two_texts
from loaders.layout.performance.summary_wrapped import wrapped_header
from loaders.layout.performance.wrapcells import wrapped_text_fits
from loaders.parsers.performance_common import indicator_header
from loaders.parsers.performance_project import budget_header
from loaders.rows import (
    KpiIndicatorRow,
    ProjectAnalysisRow,
    ProjectBudgetLineRow,
    ProjectRow,
    ProjectSummaryRow,
    QuarantineRow,
)
from loaders.tables import PERFORMANCE_FAMILIES
from tests.conftest import JIYUAN as JIYUAN_SAMPLE
from tests.conftest import LIAOCHENG, SAMPLES, ZHANGDIAN
from tests.loaders.layout.helpers import extract, fixture_text, one_cell_per_line, quarantined, spaced, tables
from tests.support.facts import fact, facts_of

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


REASON_AMOUNT = "performance_self_evaluation_000_final_reason_amount.txt"  # a 偏差原因 printing an amount


def test_a_number_inside_a_deviation_reason_is_part_of_its_text():
    # `场地运维费用 ≤21 万元 23.48 万元 7 6.26 偏差原因：预算调整 2.5 万元。改进措施：…`: the 2.5 is no
    # cell of its own (the line has no column left for it); joined into the reason text, the line has
    # one reading, and the table's sums place the rest
    text = fixture_text(REASON_AMOUNT)
    original = extract(text)
    rebuilt = extract(spaced(text, "   "))
    assert _facts(rebuilt) == _facts(original) and not _layout_problems(rebuilt)
    [line] = [r for r in rebuilt if isinstance(r, KpiIndicatorRow) and r.level3 == "场地运维费用"]
    assert line.deviation_text.startswith("偏差原因：预算调整 2.5 万元。改进措施：")
    assert len([r for r in rebuilt if isinstance(r, KpiIndicatorRow)]) == 13


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


def test_a_summary_line_whose_name_and_unit_cut_several_ways_takes_the_unit_its_other_lines_print():
    # pdfplumber's 汇总表 of sample 000 (lines 405-420), no project table with it: `7 2023 年信息化建设及质保
    # 金项目 聊城市行政审批服务局 98 优` cuts into a name and a unit after `2023` or after `项目`; the unit
    # the table's two-text lines print (聊城市行政审批服务局) is the one its cut after `项目` leaves
    rows = extract(fixture_text("performance_summary_000_pdfplumber.txt"))
    assert not [r for r in rows if isinstance(r, QuarantineRow)]
    got = _summary_lines(rows)
    assert got == _summary_lines(extract((SAMPLES / LIAOCHENG).read_text(encoding="utf-8"))) and len(got) == 11
    assert ("7", "2023 年信息化建设及质保金项目", "聊城市行政审批服务局", Decimal(98)) in got


def _summary_lines(rows):  # type: ignore[no-untyped-def]
    return {(r.seq_printed, r.project_name, r.using_unit, r.score) for r in rows if isinstance(r, ProjectSummaryRow)}


def test_a_summary_table_one_piece_a_line_with_its_names_and_units_wrapped():
    # PyMuPDF's 汇总表 of sample 000 printed narrow (lines 1199-1274): the header's `自评得` / `分`, and a
    # name and a unit wrapped between a 序号 and a score, cut where both sides may each be one wrapped cell
    # (`聊城市政务服务平台 2023 年度质保金` / `项目` | `聊城市行政审批服务` / `局`: `项目` is narrower than the
    # piece after it, so no cell holds both)
    text = fixture_text("performance_summary_000_pymupdf_narrow.txt")
    rows = extract(text)
    assert not [r for r in rows if isinstance(r, QuarantineRow)]
    tab = extract((SAMPLES / LIAOCHENG).read_text(encoding="utf-8"))
    assert _summary_lines(rows) == _summary_lines(tab) and len(_summary_lines(rows)) == 11
    # line 2 cuts two ways (`…委托服务费` | `聊城市行政审批服务` / `局`, or `…委托服务费` / `聊城市行政审批服务` |
    # `局`): the unit the other lines print decides; printed alone, it is reported, not guessed
    lines = text.splitlines()
    alone = "\n".join([*lines[:12], *lines[lines.index("2") : lines.index("3")]])
    assert "特种设备作业人员考试机构委托服务费" in alone
    rows = extract(alone)
    [problem] = [r for r in rows if isinstance(r, QuarantineRow)]
    assert "cannot be told apart (2 readings)" in problem.reason and not _summary_lines(rows)


WRAPPED_SUMMARIES = {
    # sample 000's 汇总表 printed narrow (header and cells wrapped): pdfplumber centres a wrapped cell's
    # pieces on the 序号 line (`聊城市行政审批服务` / `2 特种设备… 99.73 优` / `局`), pdftotext -layout runs
    # them on below it (`2 特种设备… 聊城市行政审批服务` / `局 99.73 优`)
    "performance_summary_000_pdfplumber_narrow.txt": "centred",
    "performance_summary_000_pdftotext_layout_narrow.txt": "top",
}


@pytest.mark.parametrize("name", sorted(WRAPPED_SUMMARIES))
def test_a_summary_table_with_its_header_and_cells_wrapped_over_lines(name):  # type: ignore[no-untyped-def]
    text = fixture_text(name)
    rows = extract(text)
    assert not [r for r in rows if isinstance(r, QuarantineRow)]
    tab = extract((SAMPLES / LIAOCHENG).read_text(encoding="utf-8"))
    assert _summary_lines(rows) == _summary_lines(tab) and len(_summary_lines(rows)) == 11
    sections = {r.section for r in rows if isinstance(r, ProjectSummaryRow)}
    assert sections == {r.section for r in tab if isinstance(r, ProjectSummaryRow)} == {"市本级项目支出绩效自评"}
    lines = [Row(0, tuple(line.split()), line) for line in text.splitlines()[2:5]]
    header = wrapped_header(lines)
    assert header is not None and header[2] == (WRAPPED_SUMMARIES[name],)


def test_a_wrapped_summary_line_read_several_ways_is_reported_not_guessed():
    # without its 部门 line, pdfplumber's narrow 汇总表 says nowhere which unit lines 1-8 print: line 2 is
    # `特种设备…服务费` for `聊城市行政审批服务` / `局`, or the other way round (centred, no column is said)
    text = fixture_text("performance_summary_000_pdfplumber_narrow.txt").replace("部⻔：聊城市⾏政审批服务局\n", "")
    rows = extract(text)
    reasons = [r.reason for r in rows if isinstance(r, QuarantineRow)]
    assert len(reasons) == 8 and all("cannot be told apart" in reason for reason in reasons)
    assert {line[0] for line in _summary_lines(rows)} == {"9", "10", "11"}


def test_a_heading_between_two_projects_of_a_wrapped_summary_leaves_the_table_reported():
    # a line of one text between two projects may be a group heading or a wrapped piece of either, which
    # the text does not say: no heading is read there, and a line no project takes leaves no cut at all
    text = fixture_text("performance_summary_000_pdftotext_layout_narrow.txt")
    lines = text.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("9 "))
    rows = extract("\n".join([*lines[:at], "市对下转移支付项目", *lines[at:]]))
    [problem] = [r for r in rows if isinstance(r, QuarantineRow)]
    assert "cut into projects in several ways or none (none)" in problem.reason and not _summary_lines(rows)


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
    # Two dashes: a dash marks a line not scored — in 分值 / 得分, never in an amount nor the 执行率.
    assert budget_line(["上年结转资金", "-", "-"], BUDGET) == ["上年结转资金", "", "", "", "-", "", "-"]
    line = budget_line(["其中：当年财政拨款", "370", "370", "345.08", "-", "-"], BUDGET)
    assert line == ["其中：当年财政拨款", "370", "370", "345.08", "-", "", "-"]


def test_an_ambiguous_funding_line_is_reported():
    assert BUDGET is not None
    # `其中:当年财政拨款 60 - -`: 60 may be the 年初预算 or the 全年预算 or the 执行数.
    found = budget_line(["其中:当年财政拨款", "60", "-", "-"], BUDGET)
    assert isinstance(found, str) and "ways" in found


def test_the_form_of_a_funding_line_decides_its_columns():
    assert BUDGET is not None
    # One dash: 得分 is printed only beside 分值 (sample 000 prints `240 | 240 | 228.17 | - | |`).
    found = budget_line(["其中：当年财政拨款", "240", "240", "228.17", "-"], BUDGET)
    assert found == ["其中：当年财政拨款", "240", "240", "228.17", "-"]
    # Sample 002's `0 0 0` under a total weighted 10: a number in 分值 / 得分 stands beside a 执行率, and a
    # 执行率 beside 分值 or all three amounts — so the three zeros are the amounts.
    assert budget_line(["上年结转资金", "0", "0", "0"], BUDGET, Decimal(10)) == ["上年结转资金", "0", "0", "0"]
    line = budget_line(["其中：当年财政拨款", "69", "69", "0"], BUDGET, Decimal(10))
    assert line == ["其中：当年财政拨款", "69", "69", "0"]


def test_the_whole_table_decides_the_budget_line():
    assert BUDGET is not None
    # Sample 004's `597 597 10 100 10`: a number in 分值 stands beside a 执行率, so 100 is the 执行率 and
    # the 年初预算数 is blank (not 年初 597, 全年 597, 执行数 10, 分值 100, 得分 10).
    line = budget_line(["年度资金总额（万元）：", "597", "597", "10", "100", "10"], BUDGET)
    assert line == ["年度资金总额（万元）：", "", "597", "597", "10", "100", "10"]
    # A header without 执行率: `100 100 90 10` is 年初 | 全年 | 执行数 | 分值 10, or 分值 90 and 得分 10 in
    # three placements. The 总分 line's weight and score are the budget's, the 资金管理's and the
    # indicators' together: the indicators weigh 90 and score 85 of 100 and 85, so the budget weighs 10
    # and scores nothing.
    text = "\n".join(
        [
            "项目单位自评表",
            "项目名称  某项目",
            "项目资金  年初预算数   全年预算数   全年执行数  分值  得分",
            "年度资金总额   100  100  90  10",
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
            "产出指标 数量指标 办件量 ≥100件 120件 90 85",
            "总分 100 85",
        ]
    )
    rows = extract(spaced(text))
    assert not _layout_problems(rows)
    [total] = [r for r in rows if isinstance(r, ProjectBudgetLineRow)]
    assert (total.initial_wan, total.full_year_wan, total.executed_wan, total.weight_printed) == (100, 100, 90, "10")
    # With no 总分 line the table gives no sums: the line is reported, not guessed.
    rows = extract(text.replace("\n总分 100 85", ""))
    assert not [r for r in rows if isinstance(r, ProjectBudgetLineRow)]
    assert any("ways" in r.reason for r in _layout_problems(rows))


def test_analysis_lines_a_topic_then_one_text():
    text = "\n".join(
        [
            "项目单位自评表",
            "项目名称  某项目",
            "总分 100 90",
            "项目绩效分析 自评结果分析 项目实施和预算执行情况 按实际开支及时支付。",
            "产出情况 网络通畅, 满足办公需求。",
            "效益情况及分析   提高工作效率, 及时办理业务。",
        ]
    )
    rows = extract(text)
    assert not _layout_problems(rows)
    analysis = [(r.section, r.topic, r.text) for r in rows if isinstance(r, ProjectAnalysisRow)]
    assert analysis == [
        ("自评结果分析", "项目实施和预算执行情况", "按实际开支及时支付。"),
        ("自评结果分析", "产出情况", "网络通畅, 满足办公需求。"),
        ("自评结果分析", "效益情况及分析", "提高工作效率, 及时办理业务。"),
    ]
    # After 自评结果分析, a topic outside the vocabulary and the start of a text holding a space look the
    # same (sample 001 prints both: `项目实施和预算执行情况分析及分析 中标公司…` is one text): the table is
    # reported.
    rows = extract(text.replace("项目实施和预算执行情况 按", "预算执行情况分析 按"))
    assert _layout_problems(rows) and not [r for r in rows if isinstance(r, ProjectAnalysisRow)]
    # unless a wide gap sets the text apart from the topic (never inside a cell), and none cuts the text
    rows = extract(text.replace("项目实施和预算执行情况 按", "预算执行情况分析   按"))
    assert not _layout_problems(rows)
    analysis = [(r.topic, r.text) for r in rows if isinstance(r, ProjectAnalysisRow)]
    assert analysis[0] == ("预算执行情况分析", "按实际开支及时支付。")
    cut = "预算执行情况分析   按实际  开支"
    rows = extract(text.replace("项目实施和预算执行情况 按实际开支及时支付。", cut))
    assert _layout_problems(rows) and not [r for r in rows if isinstance(r, ProjectAnalysisRow)]


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


def test_a_line_scored_in_full_gives_no_deviation_reason():
    # The form asks a 偏差原因 for a target not met: no reading gives one under a line scored in full
    # (`利用,减少资金` with `优化项目资金浪费` its reason, pdfplumber's other reading of a three-line 三级指标).
    assert COLUMNS is not None
    line = ["利用,减少资金", "文字描述:优化", "优化", "4", "4", "优化项目资金浪费"]
    assert not [r for r in indicator_readings(line, COLUMNS) if r.cells[-1]]
    [short] = indicator_readings([*line[:4], "3", line[5]], COLUMNS)
    assert short.cells[2:] == ("利用,减少资金", "文字描述:优化", "优化", "4", "3", "优化项目资金浪费")


def test_an_indicator_line_with_one_number_has_several_readings():
    # `考试人次 ≥6000 6200`: 6200 is the actual value only because no 分值/得分 is above 100.
    assert COLUMNS is not None
    readings = indicator_readings(["考试人次", "≥6000", "6200"], COLUMNS)
    assert {r.cells for r in readings} == {("", "", "考试人次", "≥6000", "6200", "", "", "")}
    # `工作完成率 100% 10`: 100% is the target or the actual, 10 may be either too, or the 分值 or the
    # 得分 — the sums of the block decide, not the line.
    assert len(indicator_readings(["工作完成率", "100%", "10"], COLUMNS)) > 1


def test_a_line_printing_its_first_level_prints_its_second_level_too():
    # PyMuPDF's third 自评表 of sample 000, one piece a line: `成本指标` / `(20分)` / `经济成本` / `整理费用` /
    # `=0.3元/页` … is `经济成本` | `整理费用` or, with no 二级指标, `经济成本整理费用`; a 一级指标 opens a
    # group whose first line opens a 二级指标 too (merged cells; every line of the samples' tab text that
    # prints its 一级指标 prints its 二级指标), which decides the block's first three lines
    rows = extract(fixture_text("performance_000_pymupdf_pieces.txt"))
    got = {fact(r) for r in rows if isinstance(r, KpiIndicatorRow)}
    tab = extract((SAMPLES / LIAOCHENG).read_text(encoding="utf-8"))
    # 11 lines (10 before a level's name ending in 指标 was a whole cell: `时效指标` / `支付及时` / `率`)
    assert got <= {fact(r) for r in tab if isinstance(r, KpiIndicatorRow)} and len(got) == 11
    lines = [(r.level1, r.level2, r.level3) for r in rows if isinstance(r, KpiIndicatorRow)]
    assert lines[:3] == [("成本指标", "经济成本", name) for name in ("整理费用", "电子化处理费用", "档案总费用")]


def test_a_comparison_is_a_value_never_a_third_level_name():
    # pdfplumber prints `项目正常运行率` (two lines) apart from its row `质量指标 =100% 100% 4 4`: were `=100%`
    # a 三级指标 the wrapped name could be any value column's. Only the reading naming it stands.
    assert COLUMNS is not None
    assert not indicator_readings(["质量指标", "=100%", "100%", "4", "4", "项目正常运行率"], COLUMNS)
    found = indicator_readings(["质量指标", "项目正常运行率", "=100%", "100%", "4", "4"], COLUMNS)
    assert {r.cells for r in found} == {("", "质量指标", "项目正常运行率", "=100%", "100%", "4", "4", "")}
    # nor is a value stated in words after its mark (pdfplumber's `社会效益指` / `文字描述:满足 满足 8 8` /
    # `标` beside the wrapped name `满足群众网上办事需求`)
    assert not indicator_readings(["社会效益指标", "文字描述:满足", "满足群众网上办事需求", "满足", "8", "8"], COLUMNS)
    assert is_comparison("≥ 2500 个") and is_comparison("≤211.51万元") and is_comparison("＝100%")
    assert marks_a_value("文字描述:优化") and marks_a_value("≥95%") and not marks_a_value("优化")
    # a name holding a number, or a qualitative value, stays a possible name
    assert not is_comparison("12345政务热线") and not is_comparison("文字描述:优化")
    assert not is_comparison("达到3A级标准")


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
    # a result printed as its goal (004): every sentence ends a piece, the cut is where the two are the same
    goal = ["1.窗口人员的服务意识得到进一步增强；", "2.服务行为得到进一步规范；", "3.群众满意度达96%以上。"]
    assert _two_texts(goal + goal) == [" ".join(goal)] * 2
    # a wide gap sets the result apart: never inside a cell
    assert _two_texts(["甲目标。", "乙结果；", "丙结果。"], frozenset({1})) == ["甲目标。", "乙结果； 丙结果。"]


SAME_GOAL = "performance_self_evaluation_004_final_same_goal.txt"  # 004: the 实际完成情况 repeats the 预期目标


@pytest.mark.parametrize("gap", [" ", "   "], ids=["one space", "wide gaps"])
def test_a_goal_line_printing_its_goal_twice(gap):
    # The table was reported whole ("the goal and its result cannot be told apart"): its goal and its
    # result, the same four sentences, make eight pieces ending a sentence.
    text = fixture_text(SAME_GOAL)
    rebuilt = extract(spaced(text, gap))
    [project] = [r for r in rebuilt if isinstance(r, ProjectRow)]
    [original] = [r for r in extract(text) if isinstance(r, ProjectRow)]
    assert project.goal_text == project.goal_actual_text == original.goal_text == original.goal_actual_text


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


# --- bounded searches: a pathological table is reported by a count of work, never searched for long ---

INDICATOR_TABLE = (
    "项目支出绩效自评表\n项目名称 甲项目\n"
    "年度绩效指标 一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
)


def _quarantined(rows):  # type: ignore[no-untyped-def]
    return [r.reason for r in rows if isinstance(r, QuarantineRow)]


def test_a_line_of_sixty_words_is_reported_as_too_many_readings():
    # 60 texts: 2^59 − 1 ways of joining them — the line's budget stops the search, the table (whose
    # levels the line might carry down) is quarantined with the reason.
    words = " ".join(f"词{n}" for n in range(60))
    rows = extract(INDICATOR_TABLE + words)
    assert not [r for r in rows if isinstance(r, KpiIndicatorRow)]
    [reason] = _quarantined(rows)
    assert f"too many readings: an indicator line of 60 cells (more than {READINGS_PER_LINE})" in reason


def test_a_line_spends_at_most_its_budget_and_its_table_budget():
    assert COLUMNS is not None
    table = Budget(READINGS_PER_TABLE, "the lines of a table")
    with pytest.raises(TooManyReadings, match="too many readings"):
        line_readings([f"词{n}" for n in range(60)], COLUMNS, table)
    spent = READINGS_PER_TABLE - table.left
    assert 0 < spent <= READINGS_PER_LINE  # the line stopped at its own budget, counted in its table's
    # Lines that each stay within their own budget still run out their table's.
    table = Budget(READINGS_PER_TABLE, "the lines of a table")
    line = [f"词{n}" for n in range(9)]  # 2^8 − 1 joinings, each cut 10 ways: within a line's budget
    line_readings(line, COLUMNS, table)
    spent = READINGS_PER_TABLE - table.left
    assert 0 < spent <= READINGS_PER_LINE
    with pytest.raises(TooManyReadings, match="the lines of a table"):
        for _ in range(READINGS_PER_TABLE // spent + 1):
            line_readings(line, COLUMNS, table)


def test_a_line_read_again_costs_its_budget_what_it_cost_the_first_time():
    # Readings are memoised: a line read again (its table's second reading, a cell printed twice) must
    # still spend its budget, in the same steps, so that a search past a budget stops where it did.
    assert COLUMNS is not None
    line = ["工作完成率", "100%", "10"]
    _memoised_readings.cache_clear()
    first, again = Tally(READINGS_PER_LINE, "a line"), Tally(READINGS_PER_LINE, "a line")
    assert indicator_readings(line, COLUMNS, first) == indicator_readings(line, COLUMNS, again)
    assert _memoised_readings.cache_info().hits == 1
    assert first.spent == again.spent and sum(first.spent) > 1

    def stopped(read) -> int:  # type: ignore[no-untyped-def]
        table = Budget(READINGS_PER_TABLE, "the lines of a table")
        with pytest.raises(TooManyReadings, match="a line"):
            read(line, COLUMNS, Budget(sum(first.spent) - 1, "a line", table))  # runs out at its last step
        return table.left

    _memoised_readings.cache_clear()
    unmemoised = stopped(_readings)
    assert unmemoised > READINGS_PER_TABLE - sum(first.spent)  # (its table was spent all but that step)
    assert stopped(indicator_readings) == stopped(indicator_readings) == unmemoised


def test_an_indicator_block_whose_placements_explode_is_reported():
    # 300 lines `工作完成率 100% 10`, each read 5 ways (10 is a value, the 分值 or the 得分): the joint
    # placement meeting Σ得分 = 90 visits more states than the block's budget.
    lines = "\n".join("工作完成率 100% 10" for _ in range(300))
    rows = extract(INDICATOR_TABLE + lines + "\n总分 100 90")
    [reason] = _quarantined(rows)
    assert f"too many readings: placements of an indicator block (more than {STATES_PER_BLOCK})" in reason


def test_the_block_search_counts_its_states():
    # Each line read 2 ways whose 得分 differ by a power of 2: every partial sum is a new state, and no
    # placement meets the printed 总分 (−1), so the search would visit 2^40 states.
    def options(i: int) -> list[tuple[int, Reading]]:
        return [(i + 1, Reading((str(s),), Decimal(0), Decimal(s), ())) for s in (0, 2**i)]

    search = Search(40, options, Decimal(-1), None)
    with pytest.raises(TooManyReadings, match="placements of an indicator block"):
        search.solve()
    assert search.budget.left == -1  # it stopped at the first state past the budget


def test_an_indicator_block_of_too_many_lines_is_reported():
    lines = "\n".join(f"指标{n} ≥{n}" for n in range(LINES_PER_BLOCK + 1))
    [reason] = _quarantined(extract(INDICATOR_TABLE + lines))
    assert f"an indicator block of {LINES_PER_BLOCK + 1} lines" in reason


def test_hundreds_of_cells_one_per_line_are_quarantined_at_once():
    # A project table one cell per line is not rebuilt: its whole table is quarantined with the reason,
    # without any row-boundary search.
    cells = "\n".join(["项目名称", "甲项目", *(f"分{n}" for n in range(500))])
    rows = extract("项目支出绩效自评表\n" + cells)
    [reason] = _quarantined(rows)
    assert "one cell per line" in reason
    assert not [r for r in rows if isinstance(r, SEEDS)]


def test_a_summary_without_header_one_cell_per_line_is_reported():
    # The header is looked for in the first HEADER_CELLS cells only.
    cells = "\n".join(f"{n}" for n in range(500))
    rows = extract("2024 年度区级预算项目绩效自评情况汇总表\n" + cells)
    assert not [r for r in rows if isinstance(r, ProjectSummaryRow)]
    assert any("header" in reason for reason in _quarantined(rows))


def test_project_information_with_a_wrapped_cell_is_reported():
    # pdftotext -layout of sample 002: the 主管部门 and the 实施单位 wrapped onto lines of their own.
    text = (
        "项目支出绩效自评表\n项目名称 新办企业刻制印章费用\n"
        "淄博市张\n主管部门 淄博市张店区行政审批服 实施单位 店区行政\n务局 审批服务\n局\n"
    )
    rows = extract(text)
    assert not [r for r in rows if isinstance(r, ProjectRow)]
    [reason] = _quarantined(rows)
    assert "without its label: a wrapped cell" in reason


# --- 绩效目标表 (sample 003: a budget's targets, no scores to add up) ------------------------------------

TARGETS = "performance_target_003_budget_two_versions.txt"  # two 目标表 of one project, goals printed as text
BUDGET_TITLE = "青龙满族自治县行政审批局2023年部门预算\n\n"  # the document's title: a 预算


def test_target_tables_in_the_space_layout_give_back_their_facts():
    text = BUDGET_TITLE + fixture_text(TARGETS)
    original, rebuilt = extract(text), extract(spaced(text, "   "))
    assert _facts(rebuilt) == _facts(original) and not _layout_problems(rebuilt)
    projects = [r for r in rebuilt if isinstance(r, ProjectRow)]
    goal = "1. 通过进一步加强全县公共资源交易服务,加强监督管理,促进公共资源交易行为更加规范。 2. 通过代理政府集中采购,实现政府集中采购资金的节约。"  # noqa: E501
    assert [p.goal_text for p in projects] == [goal, goal]
    assert len([r for r in rebuilt if isinstance(r, KpiIndicatorRow)]) == 29


def test_a_target_line_printing_its_indicator_prints_its_target():
    # The rest of a description printed alone after the header repeated on the next page (`易透明度`,
    # `占全部调查人数的比率`) reads as the description's rest or as a line naming a 三级指标 and nothing
    # else; a 目标表 states a target for each indicator (all 126 lines of sample 003), so it is the rest.
    text = BUDGET_TITLE + fixture_text(TARGETS)
    rebuilt = extract(spaced(text, "   "))
    lines = {r.level3: r for r in rebuilt if isinstance(r, KpiIndicatorRow)}
    assert lines["进场交易项目的交易公平公 开"].description == "确保各项业务工作谋划到 位、顺利开展,保证进场交 易透明度"
    assert lines["办事群众满意度"].description == "调查中满意和较满意的人数 占全部调查人数的比率"
    assert "易透明度" not in lines and "占全部调查人数的比率" not in lines


def test_target_tables_with_single_spaces_cut_lines_where_the_wraps_allow_one_cut_only():
    # One space between cells as inside them: where a 三级指标 and a description holding a wrap space
    # meet, the cut is not printed. A cell is one wrapped text: `指导、督导的乡镇数 反映进行…` cannot be
    # one 三级指标 (a line of 12 characters after a full one of 9), so most lines have one cut only;
    # the lines cut more ways are reported, and every line loaded is the tab text's.
    text = BUDGET_TITLE + fixture_text(TARGETS)
    original, rebuilt = _facts(extract(text)), extract(spaced(text, " "))
    assert _facts(rebuilt) <= original
    # `进场交易项目的交易公平公开 确保各项业务工作谋划到` may be one 三级指标 too (its lines 13 and 11)
    reported = [(p.text.split(" ")[0], p.reason) for p in _layout_problems(rebuilt)]
    assert reported == [("效益指标", "layout: an indicator line read 2 ways")]
    assert len([r for r in rebuilt if isinstance(r, ProjectRow)]) == 2
    assert len([r for r in rebuilt if isinstance(r, KpiIndicatorRow)]) == 28


SEAL = "performance_target_003_budget_seal_two_years.txt"  # three 目标表: one project's 2022 and 2023, another's


def _seal_tables() -> tuple[str, str, str]:
    text = fixture_text(SEAL)
    first, rest = text.split("5、首次注册")
    second, third = f"5、首次注册{rest}".split("6、行政审批")
    return first, second, f"6、行政审批{third}"


def _kpi(rows):  # type: ignore[no-untyped-def]
    return {fact(r) for r in rows if isinstance(r, KpiIndicatorRow)}


def test_a_line_read_several_ways_is_decided_by_the_texts_the_document_prints_elsewhere():
    # Printed with single spaces, the 2023 目标表's lines of wrapped descriptions read several ways:
    # `各方面工作按计划在整个年 度内完成 2023 年底前` may end its description at any space. The 2022
    # table prints the same indicators with their cells apart: its lines say where each text ends.
    first, second, _ = _seal_tables()
    original = _kpi(extract(BUDGET_TITLE + fixture_text(SEAL)))
    alone = extract(BUDGET_TITLE + spaced(second, " "))
    assert _kpi(alone) <= original and len(_kpi(alone)) == 4
    reported = [p.text for p in _layout_problems(alone)]
    assert len(reported) == 5 and "各项工作按时限完成 各方面工作按计划在整个年 度内完成 2023 年底前" in reported[2]
    both = extract(BUDGET_TITLE + spaced(first, "   ") + spaced(second, " "))
    assert _kpi(both) <= original and len(_kpi(both)) == 17 and not _layout_problems(both)


def test_a_target_line_states_the_columns_its_table_fills_on_every_line():
    # `各方面工作按计划在整个年 度内完成 2022 年底前 2022 年工作计划`: the description known from the
    # other project, the rest is a 指标值 and its basis, or one 指标值 and no basis; every other line of
    # the table states its basis, so this one does. The line whose description the document prints once
    # stays reported.
    first, _, third = _seal_tables()
    original = _kpi(extract(BUDGET_TITLE + fixture_text(SEAL)))
    rows = extract(BUDGET_TITLE + spaced(first, "   ") + spaced(third, " "))
    lines = {r.level3: r for r in rows if isinstance(r, KpiIndicatorRow)}
    assert _kpi(rows) <= original
    assert lines["各项工作按时限完成"].target_text == "2022 年底前"
    assert lines["各项工作按时限完成"].basis_text == "2022 年工作计划"
    reported = [(p.text.split(" ")[1], p.reason) for p in _layout_problems(rows)]
    assert reported == [("现场勘查、验收时交通费支出", "layout: an indicator line read 2 ways")]


def test_a_text_is_one_wrapped_cell_when_some_width_fits_its_lines():
    # the extraction joins a wrapped cell's lines with a space: every line but the last is full
    assert wrapped_text_fits("反映进行指导、督导的乡镇 数")
    assert wrapped_text_fits("调查中满意和较满意的人数 占全部调查人数的比率")
    assert not wrapped_text_fits("指导、督导的乡镇数 反映进行指导、督导的乡镇")  # 12 characters after a full 9
    assert not wrapped_text_fits("进场交易项目的交易公平公 开 易透明度")  # `开` alone is no full line
    # a space beside a number may be the text's own (`2022 年`) or a break: either may fit
    assert wrapped_text_fits("2022 年提供免费印章刻制服 务费用支出")
    assert wrapped_text_fits("刻章成本 2022 年免费提供办理服务的")  # one line, `刻章成本 2022…` unbroken
    assert wrapped_text_fits("公开透明")  # no space: nothing to judge


DEBRIS = "performance_target_003_budget_debris.txt"  # a 目标表 whose 一级指标 cell holds the OCR's debris


def test_a_target_table_printed_one_cell_per_line_gives_back_its_lines():
    # Every line of a 目标表 prints its 二级指标: a line is its level names and the cells up to the next.
    text = BUDGET_TITLE + fixture_text(DEBRIS)
    original, rebuilt = extract(text), extract(one_cell_per_line(text))
    assert _facts(rebuilt) <= _facts(original)
    [project] = [r for r in rebuilt if isinstance(r, ProjectRow)]
    assert project.goal_text and project.goal_text.startswith("1. 通过推进")
    assert len([r for r in original if isinstance(r, KpiIndicatorRow)]) == 9
    assert len([r for r in rebuilt if isinstance(r, KpiIndicatorRow)]) == 7
    # `, шли` printed before a line's levels is that line's 一级指标 cell in the tab text, but may as well be
    # the last cell of the line above: both lines are reported. `≥6000 ↑` (debris to the parser's eye) is
    # followed by a cell of its own line, so it is that line's 指标值.
    reported = [(p.text.split(" / ")[0], p.reason) for p in _layout_problems(rebuilt)]
    assert [text for text, _ in reported] == ["产出指标", ", шли", "时效指标"]
    assert "extraction debris" in reported[1][1]
    assert "≥6000 ↑" in {r.target_text for r in rebuilt if isinstance(r, KpiIndicatorRow)}


def test_a_target_table_printed_one_cell_per_line_reports_what_its_cells_do_not_say():
    text = BUDGET_TITLE + fixture_text(TARGETS)
    original, rebuilt = extract(text), extract(one_cell_per_line(text))
    assert _facts(rebuilt) <= _facts(original)
    reasons = {r.line_no: r.reason for r in rebuilt if isinstance(r, QuarantineRow)}
    # Table 1: the debris `木购,` `T` `T` above the header (one tab line, whose cells the parser quarantines
    # as one line) with no blank line between: how many lines they were printed on is not known.
    assert "is no goal text beside other cells" in reasons[9]
    # Table 2: its goal is read (`10 通过程理…`, alone between blank lines, quarantined as from the tab
    # text); after the header printed again, `占全部调查人数的比率` continues a cell of the line above, in a
    # column not printed: both are reported, the other lines load.
    [project] = [r for r in rebuilt if isinstance(r, ProjectRow)]
    assert project.title.startswith("2、") and project.quarantined_line_count == 1
    assert "garbled" in reasons[110]
    assert "may continue" in reasons[186] and "continuing a cell" in reasons[199]
    assert len([r for r in rebuilt if isinstance(r, KpiIndicatorRow)]) == 13


def test_a_wide_gap_sets_cells_apart():
    cells = grammar_cells(
        ["数量指标", "设备采购", "用于购买公共资源交易远程", "异地评标电脑的数量", "≥", "5", "台", "2022", "年工作计划"]
    )
    assert cells == [
        "数量指标",
        "设备采购",
        "用于购买公共资源交易远程",
        "异地评标电脑的数量",
        "≥ 5 台",
        "2022 年工作计划",
    ]
    line = "数量指标   设备采购   用于购买公共资源交易远程 异地评标电脑的数量 ≥ 5 台  2022 年工作计划"
    assert set_apart(line, cells) == {1, 2, 5}
    assert set_apart("a\tb c", ["a", "b", "c"]) == {1}  # a tab is a wide gap
    assert set_apart("a b", ["a b", "c"]) == frozenset()  # cells that are not the line's pieces: no claim


def test_joinings_keep_whole_cells_and_wide_gaps():
    cells = ["数量指标", "设备采购", "用于购买公共资源交易远程", "异地评标电脑的数量", "≥ 5 台", "2022 年工作计划"]
    joined = [tuple(j) for j in joinings(cells)]
    assert ("数量指标 设备采购", *cells[2:]) not in joined  # a level name is a whole cell
    assert all("≥ 5 台" in j for j in joined)  # so is a target value
    apart = [tuple(j) for j in joinings(cells, frozenset({1, 2, 5}))]
    assert apart == [
        ("数量指标", "设备采购", "用于购买公共资源交易远程 异地评标电脑的数量", "≥ 5 台", "2022 年工作计划")
    ]
    assert list(joinings(["达标", "达标"])) == []  # a cell printed twice is not one text
    # a number between two texts is joined only when asked (`inner`), and never a score beside a number
    reason = ["7", "6.26", "偏差原因：预算调整", "2.5", "万元。改进措施"]
    assert ["7", "6.26", "偏差原因：预算调整 2.5 万元。改进措施"] not in list(joinings(reason))
    assert ["7", "6.26", "偏差原因：预算调整 2.5 万元。改进措施"] in list(joinings(reason, inner=True))
    assert all(j[:2] == ["7", "6.26"] for j in joinings(reason, inner=True))


def test_a_cell_printed_twice_is_read_as_the_parser_reads_it():
    # Sample 001 prints `达标` twice on a line with one cell more than its columns; the parser drops one.
    columns = indicator_header(
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年初指标值",
            "调整后指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    )
    assert columns is not None
    cells = ["产出指标", "数量指标", "评审专家劳务报酬", "标的政府", "达标", "达标", "达成预期指标", "20", "20"]
    [reading] = line_readings(cells, columns)
    assert reading.cells == (
        "产出指标",
        "数量指标",
        "评审专家劳务报酬",
        "标的政府",
        "达标",
        "达成预期指标",
        "20",
        "20",
        "",
    )


def test_the_grammar_joins_a_year_to_its_year_word_and_a_count_to_its_measure_word():
    assert grammar_cells(["2023", "年工作计划", "2023", "年底前", "≥", "1", "处", "≥95", "百分比"]) == [
        "2023 年工作计划",
        "2023 年底前",
        "≥ 1 处",
        "≥95 百分比",
    ]


def _performance_tables_spaced(name: str, families: frozenset[str]) -> str:
    """A sample with the tab lines of its tables of these families printed as the space layout prints
    them (empty cells dropped) and every other line as printed: a document whose finance tables a PDF
    reader gave tabs (ruled) and whose project tables it gave none (drawn without rules)."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    lines = {
        line.no for found in tables(text, name) if found.family in families for line in found.lines if line.is_tabular
    }
    return "\n".join(spaced(line) if no in lines else line for no, line in enumerate(text.split("\n"), start=1))


def _without_quarantine(rows):  # type: ignore[no-untyped-def]
    return facts_of([r for r in rows if not isinstance(r, QuarantineRow)])


@pytest.mark.parametrize(
    ("name", "families"),
    [
        (ZHANGDIAN, frozenset({"performance_self_evaluation"})),  # its 汇总表 with tabs, its 自评表s without
        (JIYUAN_SAMPLE, PERFORMANCE_FAMILIES),
        (LIAOCHENG, frozenset({"performance_summary"})),
    ],
)
def test_performance_tables_printed_without_tabs_among_tab_tables_are_rebuilt(name, families):  # type: ignore[no-untyped-def]
    # Before, a performance table printed without tabs in a document with tabs was read as a tab table
    # with no tab lines: no 汇总表 row, and a project named by its title with nothing else.
    tab = extract((SAMPLES / name).read_text(encoding="utf-8"), name)
    mixed = extract(_performance_tables_spaced(name, families), name)
    assert _without_quarantine(mixed) == _without_quarantine(tab)
    assert quarantined(mixed) == quarantined(tab) == []


def test_a_rebuilt_performance_table_among_tab_tables_reports_what_it_cannot_place():
    tab = extract((SAMPLES / LIAOCHENG).read_text(encoding="utf-8"), LIAOCHENG)
    mixed = extract(_performance_tables_spaced(LIAOCHENG, PERFORMANCE_FAMILIES), LIAOCHENG)
    # `其中:当年财政拨款 60 - -`: three values, six columns, three placements fit the line's identities
    assert [(q.line_no, q.reason) for q in quarantined(mixed)] == [
        (821, "layout: the 3 values of a funding line fit its 6 columns in 3 ways")
    ]
    lost = [r for r in tab if isinstance(r, ProjectBudgetLineRow) and r.line_no == 821]
    assert len(lost) == 1 and lost[0].funding_source == "其中:当年财政拨款"
    want = _without_quarantine([r for r in tab if r is not lost[0]])
    got = _without_quarantine(mixed)
    assert {k: v for k, v in got.items() if k != "raw_tables"} == {k: v for k, v in want.items() if k != "raw_tables"}


def test_a_project_table_naming_no_project_beside_a_summary_table_is_reported_and_the_rest_loads():
    # The 汇总表 is checked against the project tables' names and 总分; a project table that loads no
    # project (no 项目名称 row, a title naming none) has none to give. Before, reading its name raised
    # out of the layout layer and the whole document was lost.
    table = [line for line in fixture_text(JIYUAN).split("\n") if not line.startswith("项目名称")]
    summary = ["2023年度项目绩效自评情况汇总表", "序号\t项目名称\t资金使用单位\t自评得分\t自评等级"]
    summary.append("1\t智慧城市建设项目\t济源市行政服务中心\t98.28\t优")
    rows = extract(spaced("\n".join([*summary, *table]), "   "))
    assert [r.project_name for r in rows if isinstance(r, ProjectSummaryRow)] == ["智慧城市建设项目"]
    assert not [r for r in rows if isinstance(r, (ProjectRow, KpiIndicatorRow))]
    assert [(q.line_no, q.reason) for q in quarantined(rows)] == [
        (4, "project not loaded: no 项目名称 cell read, and its title (项目单位自评表) names no project")
    ]

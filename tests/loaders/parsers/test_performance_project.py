"""Project performance tables (自评表 / 绩效目标表) on tables cut from the five sample documents.

Line numbers are the fixture's (its first line is the table's title); every expected figure was
checked by hand against the printed table.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from loaders.parsers.base import ParseResult, TableContext
from loaders.parsers.performance_project import (
    GOAL_CUT,
    UNTABBED_INDICATOR_LINE,
    name_from_title,
    parse_self_evaluation,
    parse_target,
    plain_goal_cells,
)
from loaders.rows import KpiIndicatorRow, ProjectAnalysisRow, ProjectBudgetLineRow, ProjectRow
from loaders.tables import find_tables
from tests.conftest import fixture_document
from tests.loaders.layout.helpers import spaced
from tests.loaders.parsers.helpers import variant

D = Decimal


def _parse_all(name: str) -> list[ParseResult]:
    doc = fixture_document(name)
    results = []
    for table in find_tables(doc):
        ctx = TableContext(doc.document_id, doc.source_file, "final", table.unit)
        parser = parse_target if table.family == "performance_target" else parse_self_evaluation
        results.append(parser(table, ctx))
    return results


def _project(result: ParseResult) -> ProjectRow:
    [project] = [r for r in result.rows if isinstance(r, ProjectRow)]
    return project


def _indicators(result: ParseResult) -> dict[int, KpiIndicatorRow]:
    return {r.line_no: r for r in result.rows if isinstance(r, KpiIndicatorRow)}


def _budget_lines(result: ParseResult) -> dict[int, ProjectBudgetLineRow]:
    return {r.line_no: r for r in result.rows if isinstance(r, ProjectBudgetLineRow)}


# --- 聊城 (000): basic layout, shifted and merged cells --------------------------------------------


@pytest.fixture(scope="module")
def liaocheng() -> list[ParseResult]:
    return _parse_all("performance_self_evaluation_000_final_shifted.txt")


def test_liaocheng_project_and_budget(liaocheng: list[ParseResult]) -> None:
    first, second = (_project(r) for r in liaocheng)
    assert first.project_name == "聊城市政务服务平台2023年度质保金项目"
    assert (first.implementing_unit, first.supervising_department, first.contact_phone) == (
        "聊城市行政审批服务局", "聊城市行政审批服务局", "8902979",
    )  # fmt: skip
    assert (first.budget_initial_wan, first.budget_full_year_wan, first.executed_wan) == (
        D("211.51"), D("211.51"), D("211.51"),
    )  # fmt: skip
    assert (first.execution_rate, first.execution_rate_printed) == (D(1), "100.00%")
    assert (first.budget_weight, first.budget_score, first.budget_line_no) == (D(10), D(10), 10)
    assert (first.total_score, first.total_line_no, first.grade) == (D(100), 36, None)
    assert first.layout == "basic" and first.table_kind == "self_evaluation"
    assert first.quarantined_line_count == 0
    # 特种设备…: 主管部门 printed empty, 全年执行数 printed with its unit `58.39万元`.
    assert second.project_name == "特种设备作业人员考试机构委托服务费"
    assert second.supervising_department is None
    assert second.contact_phone == "0635-8902712"
    assert (second.executed_wan, second.executed_printed) == (D("58.39"), "58.39万元")
    assert (second.execution_rate, second.budget_score, second.total_score) == (D("0.9732"), D("9.73"), D("99.73"))
    assert second.line_no == 51


def test_liaocheng_funding_lines(liaocheng: list[ParseResult]) -> None:
    lines = _budget_lines(liaocheng[1])
    assert sorted(lines) == [60, 61, 62, 63]
    assert lines[60].is_total and lines[60].funding_source == "年度资金总额"
    assert lines[61].funding_source == "其中:当年财政拨款"
    assert (lines[61].initial_wan, lines[61].full_year_wan, lines[61].weight_printed) == (D(60), None, "-")
    assert lines[62].initial_wan is None  # 上年结转资金 printed empty


def test_liaocheng_indicators_carry_levels_through_shifted_cells(liaocheng: list[ParseResult]) -> None:
    rows = _indicators(liaocheng[0])
    assert len(rows) == 19
    shifted = rows[21]  # `| 生态环境成本 | 减少办事群众纸质材料提交 | 文字描述:减少 | 减少 | 4 | 4 | |`
    assert (shifted.level1, shifted.level2, shifted.level3) == ("成本指标", "生态环境成本", "减少办事群众纸质材料提交")
    assert (shifted.target_text, shifted.actual_text, shifted.weight, shifted.score) == (
        "文字描述:减少", "减少", D(4), D(4),
    )  # fmt: skip
    assert (shifted.target_kind, shifted.alignment) == ("qualitative", "shift -1")
    timely = rows[29]
    assert (timely.level1, timely.level2, timely.level3) == ("产出指标", "时效指标", "资金按期支付率")
    assert (timely.target_operator, timely.target_value, timely.target_unit) == ("=", D(100), "%")
    assert (timely.actual_text, timely.weight, timely.score) == ("90%", D(2), D(2))
    satisfied = rows[34]
    assert (satisfied.level1, satisfied.level1_printed, satisfied.level2) == (
        "满意度指标", "满意度指标(10分)", "服务对象满意度指标",
    )  # fmt: skip
    carried = rows[35]
    assert (carried.level1, carried.level1_printed, carried.level3) == ("满意度指标", "", "上级主管部门满意度")
    money = rows[18]
    assert (money.target_text, money.target_operator, money.target_value_wan, money.actual_value_wan) == (
        "≤211.51万元", "<=", D("211.51"), D("211.51"),
    )  # fmt: skip


def test_liaocheng_merged_weights_and_money_targets(liaocheng: list[ParseResult]) -> None:
    rows = _indicators(liaocheng[1])
    assert len(rows) == 12
    fee = rows[66]
    assert (fee.target_operator, fee.target_value, fee.target_unit, fee.target_value_wan) == (
        "<=",
        D(120),
        "元/次",
        None,
    )
    total_fee = rows[67]
    assert (total_fee.target_value_wan, total_fee.actual_value_wan, total_fee.weight, total_fee.score) == (
        D(60), D("58.39"), D(10), D("9.73"),
    )  # fmt: skip
    assert total_fee.deviation_text == "按时间节点,依据考核结果支付剩余金额。"
    merged = rows[70]  # 考试人次: 分值 and 得分 merged with the line above (printed empty)
    assert (merged.weight, merged.weight_printed, merged.score) == (None, "", None)
    assert (merged.target_operator, merged.target_value, merged.actual_value) == (">=", D(6000), D(6200))
    lost_cell = rows[74]  # `| 考试员持证上岗率 | | 100% | 100% |`: the 三级指标 in the 一级 column
    assert (lost_cell.level1, lost_cell.level2, lost_cell.level3) == ("产出指标", "质量指标", "考试员持证上岗率")
    assert (lost_cell.target_text, lost_cell.actual_text) == ("100%", "100%")
    assert rows[69].target_operator == "=" and rows[69].target_unit == "家"  # 等于2家
    assert rows[75].level2 == "时效指标" and rows[75].weight == D(10)


# --- 汾阳 (001): adjusted-target layout ---------------------------------------------------------------


@pytest.fixture(scope="module")
def fenyang() -> list[ParseResult]:
    return _parse_all("performance_self_evaluation_001_final_adjusted.txt")


def test_fenyang_project(fenyang: list[ParseResult]) -> None:
    project = _project(fenyang[0])
    assert project.project_name == "2023年保运转经费"
    assert (project.supervising_department, project.supervising_department_code) == ("汾阳市行政审批服务管理局", "019")
    assert (project.implementing_unit, project.implementing_unit_code) == ("汾阳市行政审批服务管理局", "019001")
    assert project.layout == "adjusted_target"
    assert (project.budget_declared_wan, project.budget_initial_wan, project.budget_full_year_wan) == (
        D(40), D(40), D(40),
    )  # fmt: skip
    assert (project.executed_wan, project.balance_wan) == (D("35.623"), D("4.377"))
    assert (project.execution_rate, project.execution_rate_printed) == (D("0.8906"), "89.06")
    assert (project.budget_weight, project.budget_score, project.budget_line_no) == (None, D("8.91"), 9)
    assert (project.total_score, project.grade, project.grade_printed) == (D("97.91"), "优", "优")
    assert project.goal_text == "单位运行高效、平稳。"
    assert project.goal_actual_text is not None and project.goal_actual_text.startswith(
        "印刷费、其它工资福利支出完成100%"
    )


def test_fenyang_indicators(fenyang: list[ParseResult]) -> None:
    rows = _indicators(fenyang[0])
    assert len(rows) == 11
    quality = rows[15]  # 质量指标 printed one column right
    assert (quality.level1, quality.level2, quality.level3, quality.alignment) == (
        "产出指标", "质量指标", "工作人员素质", "shift +1",
    )  # fmt: skip
    assert (quality.target_text, quality.adjusted_target_text, quality.actual_text) == ("合格", "合格", "达成预期指标")
    assert quality.actual_kind == "qualitative"
    assert (rows[16].level2, rows[16].level3, rows[16].alignment) == ("时效指标", "经费支付", "shift +2")
    printing = rows[17]
    assert (printing.target_value_wan, printing.actual_value_wan) == (D(13), D("12.99998"))
    labour = rows[20]  # 得分 printed empty, the reason in 偏差原因
    assert (labour.weight, labour.score, labour.score_printed) == (D(1), None, "")
    assert labour.deviation_text == "本年度未发生劳务活动"
    assert (labour.actual_text, labour.actual_value_wan) == ("=0元", D(0))
    assert (rows[21].level2, rows[21].level3, rows[21].alignment) == ("成本指标", "维修维护费", "shift -2")


def test_fenyang_analysis_blocks(fenyang: list[ParseResult]) -> None:
    blocks = [r for r in fenyang[0].rows if isinstance(r, ProjectAnalysisRow)]
    assert [b.line_no for b in blocks] == list(range(26, 33))
    assert (blocks[0].section, blocks[0].topic) == ("自评结果分析", "项目实施和预算执行情况")
    assert blocks[0].text.startswith("资金到位及时")
    assert (blocks[4].section, blocks[4].topic) == (None, "主要经验做法")


def test_fenyang_score_on_a_funding_line_and_no_level3_column(fenyang: list[ParseResult]) -> None:
    project = _project(fenyang[1])
    assert project.project_name == "2023年CA数字证书费"
    assert (project.implementing_unit, project.implementing_unit_code) == ("汾阳市政府采购中心", "019003")
    assert (project.executed_wan, project.balance_wan, project.execution_rate) == (D("1.024"), D(2), D("0.3386"))
    # The 资金总额 line prints no 得分; the merged cell's 3.39 stands on the 市 line below it.
    assert (project.budget_line_no, project.budget_score, project.budget_score_line_no) == (47, D("3.39"), 48)
    assert (project.total_score, project.grade) == (D("79.39"), "中")
    rows = _indicators(fenyang[1])
    assert len(rows) == 6
    assert all(r.level3 is None for r in rows.values())
    quantity = rows[52]
    assert (quantity.level1, quantity.level2, quantity.target_text, quantity.actual_text) == (
        "产出指标", "数量指标", "=63个", "=29个",
    )  # fmt: skip
    assert (quantity.weight, quantity.score) == (D(20), D(6))
    assert rows[57].level1 == "满意度指标"


# --- 张店 (002): a stand-alone self-evaluation, zeros ----------------------------------------------


def test_zhangdian_zero_execution() -> None:
    [result] = _parse_all("performance_self_evaluation_002_performance.txt")
    project = _project(result)
    assert project.project_name == "服装经费"
    assert (project.budget_full_year_wan, project.executed_wan, project.executed_printed) == (D(69), D(0), "0")
    assert (project.execution_rate, project.execution_rate_printed, project.budget_score) == (D(0), "0.00%", D(0))
    assert project.total_score == D("81.37")
    lines = _budget_lines(result)
    assert (lines[11].funding_source, lines[11].initial_wan, lines[11].initial_printed) == ("上年结转资金", D(0), "0")
    rows = _indicators(result)
    assert len(rows) == 9
    assert (rows[16].actual_text, rows[16].actual_value, rows[16].score, rows[16].score_printed) == (
        "0", D(0), D(0), "0",
    )  # fmt: skip
    assert rows[20].target_kind == "deadline"
    assert rows[18].score == D("6.37")
    assert result.quarantine == []


# --- 青龙 (003): budget 绩效目标表 -----------------------------------------------------------------


def test_qinglong_two_versions_of_one_project() -> None:
    first, second = _parse_all("performance_target_003_budget_two_versions.txt")
    p1, p2 = _project(first), _project(second)
    assert p1.project_name == p2.project_name == "公共资源交易中心工作经费"
    assert (p1.line_no, p2.line_no) == (1, 28)  # two projects: the key is the table's line
    assert p1.table_kind == "target" and p1.layout == "target"
    assert p1.total_score is None and p1.budget_full_year_wan is None
    # The goal is printed without tabs above the indicator header (the label before the texts in the
    # first table, after the first text in the second): read all the same.
    goal = "1. 通过进一步加强全县公共资源交易服务,加强监督管理,促进公共资源交易行为更加规范。 2. 通过代理政府集中采购,实现政府集中采购资金的节约。"  # noqa: E501
    assert p1.goal_text == p2.goal_text == goal
    rows1, rows2 = _indicators(first), _indicators(second)
    assert (len(rows1), len(rows2)) == (15, 14)
    top = rows1[9]  # above the printed 产出指标 (a vertically centred merged cell)
    assert (top.level1, top.level1_printed, top.level2, top.level3) == ("产出指标", "", "数量指标", "设备采购")
    assert (top.description, top.target_text, top.basis_text) == (
        "用于购买公共资源交易远程 异地评标电脑的数量", "≥ 5 台", "2022 年工作计划",
    )  # fmt: skip
    assert (top.target_operator, top.target_value, top.target_unit) == (">=", D(5), "台")
    junk_unit = rows1[16]
    assert (junk_unit.target_text, junk_unit.target_value, junk_unit.target_unit) == ("≥1200 ↑", D(1200), None)
    assert (rows1[21].target_value, rows1[21].target_value_wan) == (D("0.97"), D("0.97"))
    # A 绩效指标描述 cut at the page break continues on the line after the repeated header.
    assert rows1[22].description == "确保各项业务工作谋划到 位、顺利开展,保证进场交 易透明度"
    assert 25 not in rows1
    assert rows1[26].level1 == "满意度指标"
    assert rows1[26].description == "调查中满意和较满意的人数 占全部调查人数的比率"
    assert rows2[47].target_value_wan == D(4) and rows2[47].basis_text == "2023 年预算批复"
    garbled = "unrecognised line in the 绩效目标 block (garbled by the extraction)"
    assert [(q.line_no, q.reason) for q in first.quarantine] == [(7, garbled)]
    assert [(q.line_no, q.reason, q.text) for q in second.quarantine] == [
        (32, garbled, "10 通过程理动应集由区断 克珊动应集由区断次合的基础")  # OCR noise between the goals
    ]


def test_qinglong_garbled_table_is_quarantined_not_lost() -> None:
    garbled, next_table = _parse_all("performance_target_003_budget_garbled.txt")
    project = _project(garbled)
    # The table printed as text: its cells one a line above the goal, and a line running the goal, the
    # header and every row together. That line is not taken for the goal; nothing of it is lost.
    assert (project.project_name, project.goal_text, project.quarantined_line_count) == ("行政审批业务费", None, 8)
    assert _indicators(garbled) == {}
    cells, run_together = garbled.quarantine[:-1], garbled.quarantine[-1]
    assert [q.text for q in cells][:2] == ["服务对象满意度指标", "办事群众满意度"]
    assert {q.reason for q in cells} == {"unrecognised line in the 绩效目标 block (garbled by the extraction)"}
    assert run_together.line_no == 7
    assert run_together.reason.startswith("indicators not loaded: no indicator header in table form")
    rows = _indicators(next_table)
    assert len(rows) == 9
    assert (rows[32].target_operator, rows[32].target_value, rows[32].target_unit) == ("<=", D(800), "元/人")
    assert rows[30].noise_text == ", 143473"
    assert [q.line_no for q in next_table.quarantine] == [21]


def test_qinglong_rows_printed_as_text_under_a_ruled_header_are_reported() -> None:
    # 003's 13th 绩效目标表 read from a PDF whose columns are ruled and rows are not: the header (the goal
    # run into it) came out as one tab line, the rows as text lines. They are not read, and not lost.
    [table] = _parse_all("performance_target_003_pdf_rows_as_text.txt")
    assert _project(table).project_name == "异地评标设备经费"
    assert _indicators(table) == {}
    assert {q.reason for q in table.quarantine} == {UNTABBED_INDICATOR_LINE}
    lines = [q.line_no for q in table.quarantine]
    assert lines[:3] == [3, 4, 5] and lines[-1] == 55 and len(lines) == 52  # all but a note-like `…电丁化。`
    assert _project(table).quarantined_line_count == 52


def test_qinglong_a_goal_wrapped_onto_lines_of_its_own_is_reported_not_cut_short() -> None:
    # 003's 11th 绩效目标表 read from a PDF whose rows are not ruled, in a document whose other tables have
    # tabs (so it stays with this parser): each goal wrapped in a narrow cell, a piece a line. Its
    # numbered heads read as goals (`1. 通过配合全市"`), the rest not: the goal was loaded cut short.
    doc = fixture_document("performance_target_003_pdf_goal_wrapped.txt")
    [table] = find_tables(doc)
    result = parse_target(
        replace(table, canonical=None), TableContext(doc.document_id, doc.source_file, "budget", "万元")
    )
    project = _project(result)
    assert project.goal_text is None
    first = result.quarantine[0]
    assert (first.line_no, first.reason, first.text) == (3, GOAL_CUT, '容 e 查"工作的开')
    assert sum(q.reason == GOAL_CUT for q in result.quarantine) == 1
    assert project.quarantined_line_count == len(result.quarantine)


def test_noise_after_a_goal_that_does_not_end_its_sentence_reports_the_goal() -> None:
    # 003's sample prints OCR noise after the second table's first goal, which ends in 。: the goal is
    # kept and the noise reported alone (test_qinglong_two_versions_of_one_project). Had the goal not
    # ended, the noise might be its rest.
    doc = variant("performance_target_003_budget_two_versions.txt", "更加规范。 绩效目标", "更加规范 绩效目标")
    first, second = (
        parse_target(t, TableContext(doc.document_id, doc.source_file, "budget", t.unit)) for t in find_tables(doc)
    )
    assert _project(first).goal_text is not None
    assert _project(second).goal_text is None
    assert [(q.line_no, q.reason) for q in second.quarantine] == [(32, GOAL_CUT)]


# --- 济源 (004): 资金管理情况 and 偏差度 ---------------------------------------------------------------


def test_jiyuan_fund_management_layout() -> None:
    [result] = _parse_all("performance_self_evaluation_004_final_fund_management.txt")
    project = _project(result)
    assert project.layout == "fund_management"
    assert project.project_name == "济源市行政服务中心互联网+政务服务平台二期采购项目"
    # `| 年度资金总额（万元）： | | 597 | | 597 | | 10 | 100 | 10`: the label sits in the 年初预算数 column.
    assert (project.budget_initial_wan, project.budget_full_year_wan, project.executed_wan) == (None, D(597), D(597))
    assert (project.budget_weight, project.execution_rate, project.budget_score) == (D(10), D(1), D(10))
    assert (project.total_weight, project.total_score, project.total_line_no) == (D(100), D("94.48"), 34)
    lines = _budget_lines(result)
    assert (lines[9].funding_source, lines[9].full_year_wan, lines[9].executed_wan) == ("单位资金", D(0), D(0))
    rows = _indicators(result)
    management = [r for r in rows.values() if r.section == "fund_management"]
    assert [(r.level3, r.actual_text, r.weight, r.score) for r in management] == [
        ("安排科学性", "科学", D(5), D(5)),
        ("拨付合规性", "合规", D(5), D(5)),
    ]
    cost = rows[16]
    assert (cost.level1, cost.level2, cost.level3) == ("成本指标", "经济成本指标", "项目建设费用待支付")
    assert (cost.target_value_wan, cost.actual_value_wan, cost.weight, cost.score) == (
        D(1097),
        D(597),
        D(10),
        D("5.44"),
    )
    assert (cost.deviation_rate, cost.deviation_rate_printed, cost.deviation_text) == (
        D("-0.4558"), "-45.58%", "财政预算额缩减",
    )  # fmt: skip
    assert (rows[19].weight, rows[19].score, rows[19].deviation_rate) == (D("2.5"), D("2.11"), D("0.275"))
    assert (rows[26].level1, rows[26].level2, rows[26].level3) == ("产出指标", "时效指标", "每天节约工时")
    assert (rows[33].level1, rows[33].level3) == ("满意度指标", "群众满意度")
    assert len([r for r in rows.values() if r.section == "indicator"]) == 16
    assert result.quarantine == []


def test_jiyuan_budget_header_cut_at_the_page_edge() -> None:
    [result] = _parse_all("performance_self_evaluation_004_final_cut_header.txt")
    project = _project(result)
    # The header names only 年初预算数 | 全年预算数 | 全年执行数; the line prints six figures.
    assert (project.budget_initial_wan, project.budget_full_year_wan, project.executed_wan) == (
        D(5),
        D("4.07"),
        D("4.07"),
    )
    assert (project.budget_weight, project.execution_rate, project.budget_score) == (D(10), D(1), D(10))
    assert (project.total_weight, project.total_score) == (D(100), D("97.3"))
    rows = _indicators(result)
    assert (rows[28].level2, rows[28].level3, rows[28].score) == ("时效指标", "工作完成及时率", D("4.75"))
    assert sum(r.score or 0 for r in rows.values()) + project.budget_score == project.total_score
    assert result.quarantine == []


def test_name_from_title() -> None:
    assert name_from_title("1、公共资源交易中心工作经费绩效目标表") == "公共资源交易中心工作经费"
    assert name_from_title("2023年网络维护费项目支出绩效自评表") == "2023年网络维护费"
    # a title that names no project: the table's year, level or evaluating party
    assert name_from_title("市级预算项目支出绩效自评表") == ""
    assert name_from_title("项目单位自评表") == ""
    assert name_from_title("2023年度项目支出绩效自评表") == ""


# --- project information printed as text above a table read from its tabs ---------------------------
# A PDF reader gives a table's first row as text when no rule closes it (a row a page cut off alone,
# drawn with the table's inner rules only): its wrapped cells on lines of their own, as 004's inner-ruled
# print of its 项目单位自评表 gives them.


def test_project_information_printed_as_text_above_the_table_is_read() -> None:
    doc = variant(
        "performance_self_evaluation_004_final_fund_management.txt",
        "项目名称\t济源市行政服务中心互联网+政务服务平台二期采购项目\t\t\t\t\t\t\t\t\t\n",
        "济源市行\n政服务中\n心互联网\n项目名称 +政务服\n务平台二\n期采购项\n目\n",
    )
    [table] = [t for t in find_tables(doc) if t.family == "performance_self_evaluation"]
    result = parse_self_evaluation(table, TableContext(doc.document_id, doc.source_file, "final", table.unit))
    project = _project(result)
    # before, the name was taken from the title: `项目单位`
    assert (project.project_name, project.project_name_line_no) == (
        "济源市行政服务中心互联网+政务服务平台二期采购项目",
        6,
    )
    assert project.supervising_department == "济源市行政服务中心"
    assert result.quarantine == []


def test_project_information_printed_as_text_read_several_ways_is_reported_not_named_from_the_title() -> None:
    # 000's inner-ruled print: `2023年信息` over `聊城市行政` may as well be one 项目名称 of five lines beside
    # an empty 主管部门 (no 汇总表 decides it here). Before, the lines were passed over and the project
    # was named from its title: `市级预算`, with no 主管部门.
    doc = variant(
        "performance_self_evaluation_000_final_shifted.txt",
        "项目名称\t聊城市政务服务平台2023年度质保金项目\t\t\t主管部门\t聊城市行政审批服务局\t\t\t\n",
        "2023年信息\n聊城市行政\n项目名称 化建设及质 主管部门\n审批服务局\n保金项目\n",
    )
    first, second = (
        parse_self_evaluation(t, TableContext(doc.document_id, doc.source_file, "final", t.unit))
        for t in find_tables(doc)
        if t.family == "performance_self_evaluation"
    )
    assert not first.rows
    assert _project(second).project_name == "特种设备作业人员考试机构委托服务费"  # the next table loads
    result = first
    reasons = {q.line_no: q.reason for q in result.quarantine}
    assert [n for n, reason in reasons.items() if "project information printed as text" in reason] == [7, 8, 9, 10, 11]
    assert "read 3 ways" in reasons[7]
    assert "names no project" in reasons[1]


@pytest.mark.parametrize(
    ("printed", "cells"),
    [
        ("绩效目标 1. 通过进一步加强监督管理。", ["绩效目标", "1. 通过进一步加强监督管理。"]),
        ("绩效目标1. 通过把电子政务外网部署到村(社区)。", ["绩效目标", "1. 通过把电子政务外网部署到村(社区)。"]),
        ("- 2. 通过设立企业开办专区。", ["2. 通过设立企业开办专区。"]),  # a list mark the tool added
        (
            "1. 通过推进改革。 绩效目标 2. 通过创新审批服务机制,",
            ["绩效目标", "1. 通过推进改革。 2. 通过创新审批服务机制,"],
        ),
        ("1. 促进公共资源交易行为更加规范。 绩效目标", ["绩效目标", "1. 促进公共资源交易行为更加规范。"]),
        ("绩效目标", ["绩效目标"]),
        ("10 通过程理动应集由区断", ["10 通过程理动应集由区断"]),  # no label, not numbered: the walker refuses it
        ("木购,  <u> </u>  T  T", ["木购, T T"]),
    ],
)
def test_a_goal_printed_without_tabs(printed: str, cells: list[str]) -> None:
    assert plain_goal_cells(printed) == cells


def test_a_row_printed_without_tabs_in_a_self_evaluation_table_read_from_its_tabs_is_reported() -> None:
    # A PDF reader gives a row of a ruled table as text when its rules are broken: the walk reads tab
    # lines only, so the row is reported with its line, not passed over; the rest of the table loads.
    row = "\t\t\t\t\t办件完成准确率\t100%\t100%\t5\t5\t0.00%\t"
    doc = variant("performance_004_jiyuan.txt", row, spaced(row, " "))
    [table] = find_tables(doc)
    result = parse_self_evaluation(table, TableContext(doc.document_id, doc.source_file, "final", table.unit))
    [line_no] = [line.no for line in table.lines if line.text.startswith("办件完成准确率")]
    assert [(q.line_no, q.reason, q.text) for q in result.quarantine] == [
        (
            line_no,
            "a line without tabs in a table read from its tabs: not read (the extraction printed a row of the "
            "table as text)",
            "办件完成准确率 100% 100% 5 5 0.00%",
        )
    ]
    kept = _indicators(result)
    assert line_no not in kept and len(kept) == 12 and _project(result).quarantined_line_count == 1
    [original] = _parse_all("performance_004_jiyuan.txt")
    assert original.quarantine == [] and len(_indicators(original)) == 13


@pytest.mark.parametrize(
    "name", ["performance_self_evaluation_000_final_shifted.txt", "performance_self_evaluation_001_final_adjusted.txt"]
)
def test_notes_and_page_lines_of_a_self_evaluation_table_read_from_its_tabs_are_no_rows(name: str) -> None:
    # `注:1.…` / `2.定性指标…` / … `5.自评得分在80分以下的…` (no full stop), `附件1`, `(2023年度)`, `单位:万元`
    results = _parse_all(name)
    assert len(results) == 2
    assert [q for result in results for q in result.quarantine if "without tabs" in q.reason] == []

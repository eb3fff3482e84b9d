"""Project tables as a PDF text tool prints them, wrapped cells vertically centred on lines of their own
(or aligned to the top or the bottom of their rows: loaders/layout/performance/centred.py and wrapped.py).
Fixtures cut from pdfplumber's text of samples 000 and 001 printed by Chromium
(tests/fixtures/extracted/pdfplumber/000_db1be295244703ad.txt, and printings/bottom/pdfplumber/001_…)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.layout.performance.cells import TooManyReadings
from loaders.layout.performance.centred import (
    READINGS_PER_ROW,
    aligned_readings,
    joined,
    readings,
    wraps_greedily,
)
from loaders.layout.performance.wrapped import (
    budget_header_row,
    funding_row,
    goal_header_row,
    groupings,
    indicator_header_row,
    info_row,
    named,
    subheader_row,
)
from loaders.pipeline import extract_document
from loaders.rows import KpiIndicatorRow, ProjectBudgetLineRow, ProjectRow, QuarantineRow
from tests.conftest import SAMPLES
from tests.loaders.layout.helpers import extract, fixture_text
from tests.support.facts import fact

WRAPPED = "performance_000_pdfplumber_wrapped.txt"  # pdfplumber, lines 421–516
TABS = "performance_000_tabs.txt"  # the same table in the sample's tab text (lines 759–808)
TWO_READINGS = "performance_000_pdfplumber_two_readings.txt"  # pdfplumber, lines 517–583
BOTTOM = "performance_001_pdfplumber_bottom.txt"  # pdfplumber, cells aligned to the bottom, lines 489–608
BOTTOM_TABS = "performance_001_tabs_audit.txt"  # the same table in the sample's tab text (lines 538–570)
TOP = "performance_001_pdfplumber_top.txt"  # the same table, cells aligned to the top (printings/top, lines 489–608)
SUMMARY = "performance_summary_000_pdfplumber.txt"  # the document's 汇总表, pdfplumber (lines 405–420)
LEVELS_ONLY = "performance_000_pdfplumber_levels_only.txt"  # pdfplumber, lines 584–657
LEVELS_ONLY_TABS = "performance_000_tabs_archives.txt"  # the same table in the sample's tab text (lines 851–892)
MANAGEMENT = "performance_004_pdfplumber_management.txt"  # pdfplumber, lines 601–683
MANAGEMENT_TABS = "performance_004_tabs_information.txt"  # the same table in the sample's tab text (lines 653–682)


def texts(found):  # type: ignore[no-untyped-def]
    return [[joined(cell) for cell in cells] for cells in found]


def read_beside_tabs(fixture: str, tabs: str) -> tuple[list, list, ProjectRow]:  # type: ignore[type-arg]
    """The fixture's rows and the tab text's, the fixture's one project checked to be the tab text's."""
    rows, tab_rows = extract(fixture_text(fixture)), extract(fixture_text(tabs))
    [got] = [r for r in rows if isinstance(r, ProjectRow)]
    [want] = [r for r in tab_rows if isinstance(r, ProjectRow)]
    assert fact(got) == fact(want)
    return rows, tab_rows, got


def test_a_row_read_by_the_centring_and_greedy_wrapping():
    # `聊城市政务服务平` / `项目名称 台2023年度质保金 主管部门` … : the project name (3 lines) centred on the
    # main line, 主管部门's value (2 lines) half a line off it
    above = [("聊城市行政",), ("聊城市政务服务平",)]
    below = [("审批服务局",), ("项目",)]
    found = readings(above, ("项目名称", "台2023年度质保金", "主管部门"), below)
    # the greedy wrap leaves one grouping (`聊城市行政` cannot be a line before `台…`: `台` would fit)
    assert {tuple(sorted(r)) for r in texts(found)} == {
        tuple(sorted(["项目名称", "聊城市政务服务平台2023年度质保金项目", "主管部门", "聊城市行政审批服务局"]))
    }
    # … whose column order the form decides: label, value, label, value
    assert [r for r in texts(found) if info_row([(c,) for c in r])] == [
        ["项目名称", "聊城市政务服务平台2023年度质保金项目", "主管部门", "聊城市行政审批服务局"]
    ]


def test_halves_that_do_not_mirror_are_no_row():
    assert readings([("审批服务局", "项目")], ("项目名称",), [("x",)]) == []
    assert readings([("a",)], ("项目名称",), []) == []


def test_greedy_wrapping():
    assert wraps_greedily(("聊城市政务服务平", "台2023年度质保金", "项目"))
    assert not wraps_greedily(("聊城市政务服务平", "聊城市行政", "台2023年度质保金"))  # `台` fits after `聊城市行政`
    assert wraps_greedily(("按时间节点,依据", "考核结果支付剩", "余金额。"))
    assert wraps_greedily(("0635-", "8902712"))  # ASCII widths are not known: never a reason to reject
    # a line never ends after an opening mark: `（B）` is one unit, wider than the room `行数` leaves
    # (002's budget header, as PyMuPDF prints it)
    assert wraps_greedily(("全年执", "行数", "（B）"))
    assert not wraps_greedily(("全年执", "行数", "B"))


def test_lines_join_without_space_but_between_two_ascii_words():
    assert joined(("其中:当年财政", "拨款")) == "其中:当年财政拨款"
    assert joined(("0635-", "8902712")) == "0635-8902712"
    assert joined(("Wi", "Fi")) == "Wi Fi"


def test_a_line_tokens_as_pieces():
    assert groupings(("项目预算执行情况", "(10分)", "全年预算数")) == [
        ("项目预算执行情况", "(10分)", "全年预算数"),
        ("项目预算执行情况 (10分)", "全年预算数"),
    ]
    # two cells' pieces side by side may look like one grammar cell: both readings stay
    assert groupings(("(10分)", "(B/A)", "分")) == [("(10分)", "(B/A)", "分"), ("(10分) (B/A)", "分")]
    assert groupings(("审批服务局", "项目")) == [("审批服务局", "项目")]


def test_the_forms_of_the_rows():
    assert funding_row([("其中:当年财政", "拨款"), ("60",), ("-",), ("-",)])
    assert not funding_row([("市、", "县、区", "16.5", "财政资", "金"), ("16.5",)])  # a number is one line
    assert not funding_row([("目标实际",)])  # no funding source: a piece of the goal header
    assert goal_header_row([("年度总体目标",), ("年初预期目标",), ("目标实际", "完成情况")])
    assert not goal_header_row([("年初预期目标",), ("年度总体目标",), ("目标实际", "完成情况")])
    assert not goal_header_row([("年度总体目标",), ("目标实际", "完成情况"), ("年初预期目标",)])
    assert subheader_row([("目标申", "报数"), ("预算编制数",)])
    assert not subheader_row([("预算编制数",), ("目标申", "报数")])


def test_the_reading_is_bounded():
    main = tuple(f"t{n}" for n in range(12))
    above = [tuple(f"a{n}" for n in range(6))]
    with pytest.raises(TooManyReadings, match=str(READINGS_PER_ROW)):
        readings(above, main, [tuple(f"b{n}" for n in range(6))])


def test_the_project_comes_back_exactly_with_its_undecided_indicators_quarantined():
    rows, tab_rows, got = read_beside_tabs(WRAPPED, TABS)
    assert got.project_name == "聊城市政务服务平台2023年度质保金项目"
    assert got.goal_text == "质保金项目资金按时支付到位,涉及的各系统充分发挥效能,方便群众办事"
    # The block meets its sums in no single way: the seventeen lines read one way only are loaded (each
    # the tab text's), the other two reported, each read several ways (their levels agree, so the lines
    # under them still carry the right ones). A value is never a 三级指标 and opens its cell:
    # `项目正常运行` / `质量指标 =100% 100% 4 4` / `率` names its indicator `项目正常运行率` (`=100%` is no
    # name, and the name could otherwise be any value column's), and `项目建设所需` / `≤211.51万元 …` /
    # `资金` is no three-line name holding `≤211.51万元`.
    tabs = {fact(r) for r in tab_rows if isinstance(r, KpiIndicatorRow)}
    loaded = [r for r in rows if isinstance(r, KpiIndicatorRow)]
    assert [r.level3 for r in loaded] == [
        "优化项目资金利用,减少资金浪费",
        "项目建设所需资金",
        "本年度资金按期支付到位",
        "网上政务服务水平提升,方便企业群众办事",
        "减少办事群众纸质材料提交",
        "项目服务部门数量",
        "支付项目涉及项目",
        "项目正常运行率",
        "项目实施完成及时率",
        "项目完成率",
        "项目验收合格率",
        "资金按期支付率",
        "优化营商环境",
        "满足群众网上办事需求",
        "工作效率",
        "办事群众满意度",
        "上级主管部门满意度",
    ]
    assert {fact(r) for r in loaded} <= tabs
    reasons = {r.line_no: r.reason for r in rows if isinstance(r, QuarantineRow)}
    # `优化项目资金` / `… 经济成本 利用,减少资金 文字描述:优化 优化 4 4` / `浪费`: one three-line 三级指标, or
    # `利用,减少资金` with `优化项目资金浪费` its 偏差原因 — but a line scored in full (4 of 4) gives no
    # 偏差原因 (the form asks one for a target not met), so the three-line 三级指标 it is.
    assert 31 not in reasons
    # `项目涉及业务` / `≥250000件次 4 4` / `办件量`, with `419268件` / `次` beside: the columns of its
    # values the printing does not settle.
    assert reasons[50] == "layout: an indicator line read 4 ways"
    assert len([n for n, r in reasons.items() if "an indicator line read" in r]) == 2


def test_a_table_whose_rows_read_two_ways_stays_quarantined():
    # 项目名称 `特种设备作业人` / `员考试机构委托` / `服务费`, 主管部门 blank: the name could also be the
    # main line's piece alone, the two other lines 主管部门's value — the form does not tell (nor, here, the
    # document: the table alone, without the 汇总表 that names the project; see the test below)
    rows = extract(fixture_text(TWO_READINGS))
    assert not [r for r in rows if isinstance(r, ProjectRow)]
    assert [r.reason for r in rows if isinstance(r, QuarantineRow)] == [
        "table not loaded: layout not understood: a line before the table's header"
    ]


def test_an_information_row_read_two_ways_is_decided_by_the_documents_summary_table():
    # The same table after the document's 汇总表: of the two readings of its 项目名称 row one names a project
    # the 汇总表 lists (`特种设备作业人员考试机构委托服务费`), the other `员考试机构委托`: the table is read, and
    # its project comes back as the sample's tab text gives it.
    rows = extract(fixture_text(SUMMARY, TWO_READINGS))
    [got] = [r for r in rows if isinstance(r, ProjectRow)]
    assert got.project_name == "特种设备作业人员考试机构委托服务费"
    name = "000_db1be295244703ad.txt"
    [want] = [
        r
        for r in extract_document(SAMPLES / name, name)
        if isinstance(r, ProjectRow) and r.project_name == got.project_name
    ]
    assert fact(got) == fact(want)
    reasons = [r.reason for r in rows if isinstance(r, QuarantineRow)]
    assert "table not loaded: layout not understood: a line before the table's header" not in reasons


def test_a_row_aligned_to_the_top_or_the_bottom_is_read_from_the_line_holding_every_cell():
    # top: `项目名称 特种设备作业人 主管部门` over `员考试机构委托` and `服务费`: the label cells are whole (a
    # piece after `项目名称` would have fitted on its line), so the pieces go to the name
    top = aligned_readings(("项目名称", "特种设备作业人", "主管部门"), [("员考试机构委托",), ("服务费",)])
    assert texts(top) == [["项目名称", "特种设备作业人员考试机构委托服务费", "主管部门"]]
    # bottom: the same row read upwards from its last line; a label taking the pieces wraps greedily too
    # (`特种设备作业人` / `员考试机构委托` / `项目名称`): the information row's form leaves the one reading
    bottom = aligned_readings(
        ("项目名称", "服务费", "主管部门"), [("员考试机构委托",), ("特种设备作业人",)], upwards=True
    )
    assert len(bottom) == 3
    assert texts([cells for cells in bottom if info_row(cells)]) == [texts(top)[0]]
    # a line under the row holds pieces of cells that reach it, in column order: never more pieces than cells
    assert aligned_readings(("甲",), [("乙", "丙")]) == []


def test_a_table_whose_cells_sit_at_the_bottom_of_their_rows():
    # Sample 001 printed with every cell aligned to the bottom of its row (`社会团体、民办非企业单` /
    # `项目名 位)离任审计、注销清算报` / `称 告审计费用`): no cut of its lines into centred rows fits the form,
    # and exactly one cut into rows whose last line holds a piece of every cell does (none into rows aligned
    # to the top). Its project comes back exactly, and the indicator lines read one way only.
    rows, tab_rows, got = read_beside_tabs(BOTTOM, BOTTOM_TABS)
    assert got.project_name == "社会团体、民办非企业单位)离任审计、注销清算报告审计费用"
    loaded = [r for r in rows if isinstance(r, KpiIndicatorRow)]
    assert [r.level3 for r in loaded] == ["审计报告", "合计成本", "开办企业满意度"]
    assert {fact(r) for r in loaded} <= {fact(r) for r in tab_rows if isinstance(r, KpiIndicatorRow)}
    reasons = [r.reason for r in rows if isinstance(r, QuarantineRow)]
    assert sum(reason.startswith("layout: an indicator line read") for reason in reasons) == 3


def test_a_table_with_lines_of_levels_only_and_a_telephone_beside_a_wrapped_unit():
    # Sample 000's 档案管理服务费 (pdfplumber). Its indicator block prints lines of a 二级指标 alone
    # (`||生态效益指标||||||` in the tab text), each of two lines centred with no main line (`生态效益` /
    # `指标`): such a line prints no figure, so it is one of levels only — not `生态效益` with a 三级指标
    # `指标指标`. A weight ends a 一级指标's name (`成本指标` / `… 整理费用 …` / `(20分)` is no
    # `成本指标整理费用(20分)`), and a level's whole name is no line of a longer cell (`支付及时` / `时效指标` /
    # `率`: 时效指标 is the line's 二级指标). `聊城市行政` / `项目实施单位 联系电话 8906626` / `审批服务局` is
    # read with the unit beside its label: the other reading's 联系电话 (`聊城市行政8906626审批服务局`) is
    # no telephone number. The table alone (no 汇总表) comes back as the tab text gives it.
    rows, tab_rows, got = read_beside_tabs(LEVELS_ONLY, LEVELS_ONLY_TABS)
    assert (got.implementing_unit, got.contact_phone) == ("聊城市行政审批服务局", "8906626")
    loaded = [r for r in rows if isinstance(r, KpiIndicatorRow)]
    tabs = [r for r in tab_rows if isinstance(r, KpiIndicatorRow)]
    assert {fact(r) for r in loaded} <= {fact(r) for r in tabs}
    assert [r.level3 for r in loaded] == [r.level3 for r in tabs][:-1]
    assert [(r.level2, r.level3) for r in loaded if r.level3 == "支付及时率"] == [("时效指标", "支付及时率")]
    # The last line's 三级指标 (`群众查档` / `满意度`, two lines) may stand in any column between the
    # main line's cells: the sums do not tell, and the line is reported.
    reasons = {r.line_no: r.reason for r in rows if isinstance(r, QuarantineRow)}
    assert reasons[67] == "layout: an indicator line read 5 ways"  # none giving a 偏差原因 under 10 of 10
    assert [n for n, reason in reasons.items() if "indicator" in reason] == [67]


def test_an_information_row_is_decided_by_its_telephone_number():
    unit_beside = ("项目实施单位", "聊城市行政审批服务局", "联系电话", "8906626")
    phone_wrapped = ("项目实施单位", "联系电话", "聊城市行政8906626审批服务局")
    assert named([unit_beside, phone_wrapped], None) == [unit_beside]
    # numbers with their separators and an extension are telephone numbers; both readings being so, both stay
    other = ("项目实施单位", "聊城市行政审批服务局", "联系电话", "0635-8902712、8902700转8001")
    assert named([unit_beside, other], None) == [unit_beside, other]


def test_a_table_with_a_fund_management_block_and_a_wrapped_total_label():
    # Sample 004's 政府信息公开专项经费 (pdfplumber): a 资金管理情况 block between the funding lines and the
    # goal (its header, then one line an item: name, description, 分值, 得分, problems), the 总分 label
    # wrapped (`总` / `100 94.42` / `分`), the indicator header's block label (绩效指标) its first cell, and
    # a line of a level alone wrapped around a piece of it (`生态环` / `境成本` / `指标`). The project and its
    # funding lines come back as the tab text gives them.
    rows, tab_rows, got = read_beside_tabs(MANAGEMENT, MANAGEMENT_TABS)
    assert (got.total_score, got.total_weight) == (Decimal("94.42"), Decimal("100"))
    budget = {fact(r) for r in rows if isinstance(r, ProjectBudgetLineRow)}
    assert len(budget) == 4
    assert budget == {fact(r) for r in tab_rows if isinstance(r, ProjectBudgetLineRow)}
    loaded = [r for r in rows if isinstance(r, KpiIndicatorRow)]
    assert {fact(r) for r in loaded} <= {fact(r) for r in tab_rows if isinstance(r, KpiIndicatorRow)}
    assert [(r.section, r.level3) for r in loaded] == [
        ("fund_management", "安排科学性"),
        ("fund_management", "拨付合规性"),
        ("fund_management", "使用规范性"),
        ("indicator", "提高信息公开管理、人员工作效率"),
        ("indicator", "政府部门、镇办信息公开培训效果"),
    ]
    # `预算绩` / `效管理 良好 5 5` / `情况`: the item 预算绩效管理情况, or an item `效管理` whose problem is
    # `预算绩情况` (a cell of two lines centred beside it) — both with 分值 5 and 得分 5, so the line is
    # reported and the block's sums stand.
    reasons = {r.line_no: r.reason for r in rows if isinstance(r, QuarantineRow)}
    assert reasons[15] == "layout: a 资金管理情况 line read 2 ways"
    assert sorted(reasons) == [15, 36, 46, 57, 75]


def test_a_header_row_holds_whole_column_names():
    # A header's wrapped pieces aligned to the top of their row (`… 三级指标 年度指标值(A) 实际完成指 分值 得
    # 偏差原` / `标值(B) 分 因分析` / …): a reading joining a name to a piece of another column's
    # (`一级指标标值(B)`) is no header, so the columns stay known.
    whole = ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分"]
    assert indicator_header_row([(t,) for t in whole]) is not None
    wrong = [*whole[:1], "一级指标标值(B)", *whole[2:5], "实际完成指", *whole[6:]]
    assert indicator_header_row([(t,) for t in wrong]) is None
    budget = ["项目预算执行情况(10分)", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"]
    assert budget_header_row([(t,) for t in budget])
    assert not budget_header_row([(t,) for t in [*budget[:5], "执行率得", "(B/A)分"]])


def test_a_table_whose_cells_sit_at_the_top_of_their_rows():
    # Sample 001's audit-fee table printed with every cell aligned to the top of its row: with the headers'
    # cells whole names, exactly one cut into top-aligned rows fits, and the project comes back exactly.
    rows, tab_rows, _ = read_beside_tabs(TOP, BOTTOM_TABS)
    budget = {fact(r) for r in rows if isinstance(r, ProjectBudgetLineRow)}
    assert len(budget) == 2 and budget <= {fact(r) for r in tab_rows if isinstance(r, ProjectBudgetLineRow)}
    loaded = [r for r in rows if isinstance(r, KpiIndicatorRow)]
    assert [r.level3 for r in loaded] == ["开办企业满意度"]
    assert {fact(r) for r in loaded} <= {fact(r) for r in tab_rows if isinstance(r, KpiIndicatorRow)}

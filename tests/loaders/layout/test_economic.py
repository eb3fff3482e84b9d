"""The 基本支出明细表 printed without tabs: side-by-side groups, and the budget layout's placement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.layout.economic import subject_names
from loaders.rows import EconomicAmountRow
from tests.conftest import FIXTURES, SAMPLES
from tests.loaders.layout.helpers import (
    extract,
    facts,
    fixture_text,
    one_cell_per_line,
    parse,
    quarantined,
    spaced,
    table,
)

LIAOCHENG = "basic_economic_000_final_3_groups.txt"
FENYANG = "basic_economic_001_final_4_groups.txt"
QINGLONG = "basic_economic_003_budget.txt"
FENYANG_PDF = "001_3b0a4ec0e1089ac8.txt"  # sample 001, printed to PDF and extracted (tests/fixtures/extracted)


def amounts(result) -> dict[tuple[str, str], Decimal | None]:
    return {(r.economic_code, r.measure): r.amount_wan for r in result.rows if isinstance(r, EconomicAmountRow)}


def names_of(result) -> dict[str, str]:
    return {r.economic_code: r.economic_name for r in result.rows if isinstance(r, EconomicAmountRow)}


def subtotals(text: str) -> tuple[Decimal | None, Decimal | None, bool, list]:  # type: ignore[type-arg]
    """A table's 人员经费合计 and 公用经费合计, whether it loaded a table total, and its quarantine."""
    result = parse(table(text, "basic_economic"))
    loaded = amounts(result)
    personnel, public = loaded.get(("personnel_total", "amount")), loaded.get(("public_total", "amount"))
    return personnel, public, ("total", "amount") in loaded, result.quarantine


def check(name: str, layout, stage: str = "final") -> dict[tuple[str, str], Decimal | None]:
    text = fixture_text(name)
    original = parse(table(text, "basic_economic"), stage)
    result = parse(table(layout(text), "basic_economic"), stage)
    assert facts(result.rows, EconomicAmountRow) == facts(original.rows, EconomicAmountRow)
    assert result.quarantine == []
    return amounts(result)


def test_three_and_four_side_by_side_groups():
    found = check(LIAOCHENG, spaced)
    assert found[("30106", "amount")] is None  # printed empty
    assert found[("personnel_total", "amount")] == Decimal("2083.42")
    assert found[("public_total", "amount")] == Decimal("152.83")
    check(FENYANG, spaced)
    check(LIAOCHENG, one_cell_per_line)


def test_the_budget_layout_places_personnel_and_public_by_the_hierarchy():
    # `2 301 工资福利支出 453.37 453. 37`: 人员经费 or 公用经费? 合计 row and 类 = Σ 款 decide
    found = check(QINGLONG, spaced, "budget")
    assert (found[("301", "personnel")], found[("301", "public")]) == (Decimal("453.37"), None)
    assert (found[("30201", "personnel")], found[("30201", "public")]) == (None, Decimal("19.00"))
    check(QINGLONG, one_cell_per_line, "budget")


def test_standard_names_for_wrapped_names():
    assert "维修(护)费" in subject_names()["30213"]
    assert {"房屋建筑物购建", "房屋建筑物构建"} <= subject_names()["31001"]


# Cut from tests/fixtures/extracted/printings/bottom/pdfplumber/001_3b0a4ec0e1089ac8.txt: cells aligned
# to the bottom of their row, so the heads of 人员经费合计 / 公用经费合计 sit on the line above their tails.
SUBTOTALS_HEAD = """一般公共预算财政拨款基本支出决算明细表
公开06表
金额单位：万元
科目编码 科目名称 决算数 科目编码 科目名称 决算数
30101 基本工资 161.42 30201 办公费 5.08
30102 津贴补贴 64.81 30202 印刷费
"""
SUBTOTALS_NOTE = "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。\n"
BOTTOM_ALIGNED_SUBTOTALS = f"{SUBTOTALS_HEAD}人员经费 公用经费\n合计 466.30 合计 36.40\n{SUBTOTALS_NOTE}"


def test_two_bare_totals_with_their_heads_above_are_the_subtotals():
    # 466.30 is the 人员经费合计, not a 合计 of the table
    assert subtotals(BOTTOM_ALIGNED_SUBTOTALS) == (Decimal("466.30"), Decimal("36.40"), False, [])


def test_wrapped_total_labels_are_rebuilt_only_one_way():
    from loaders.document import Line
    from loaders.layout.economic import _labels_wrapped
    from loaders.layout.text import line_cells

    def rebuilt(text: str, raw: dict[int, str]) -> list[str] | None:
        found = _labels_wrapped({2: text, **raw}, line_cells(Line(2, text)))
        return None if found is None else [c.text for c in found]

    assert rebuilt("合计 466.30 合计 36.40", {1: "人员经费 公用经费"}) == [
        "人员经费合计",
        "466.30",
        "公用经费合计",
        "36.40",
    ]
    assert rebuilt("人员经费 466.30 公用经费 36.40", {3: "合计 合计"}) == [
        "人员经费合计",
        "466.30",
        "公用经费合计",
        "36.40",
    ]
    assert rebuilt("合计 466.30 合计 36.40", {1: "人员 公用"}) is None  # no total labels made
    assert rebuilt("人员经费 466.30 公用经费 36.40", {3: "合计"}) is None  # a piece short
    assert rebuilt("人员经费合计 466.30 公用经费合计 36.40", {3: "合计 合计"}) is None  # whole already
    # one label whole, the other wrapped (pdftotext -layout, 004 narrow: `公用经费` over `合计`)
    assert rebuilt("人员经费合计 533.73 公用经费 27.40", {1: "服务支出", 3: "合计"}) == [
        "人员经费合计",
        "533.73",
        "公用经费合计",
        "27.40",
    ]
    # an amount printed without its label, the label centred on it (pdfplumber, 004 narrow)
    assert rebuilt("人员经费合计 533.73 27.40", {1: "公用经费", 3: "合计"}) == [
        "人员经费合计",
        "533.73",
        "公用经费合计",
        "27.40",
    ]
    assert rebuilt("人员经费合计 533.73 27.40", {1: "公用经费"}) is None  # its tail not printed
    assert rebuilt("2,083.42 152.83", {1: "人员经费 公用经费", 3: "合计 合计"}) == [
        "人员经费合计",
        "2,083.42",
        "公用经费合计",
        "152.83",
    ]
    assert rebuilt("人员经费 533.73 27.40", {1: "公用经费", 3: "合计 合计"}) is None  # a label cut and one missing


# Cut from tests/fixtures/extracted/pdftotext-layout/000_db1be295244703ad.txt (lines 317-318): cells
# aligned to the middle or the top of their row, so the totals' labels print their tails under them.
TOP_ALIGNED_SUBTOTALS = (
    f"{SUBTOTALS_HEAD}人员经费               2,083.42 公用经费                                                152.83\n"
    f"合计                          合计\n{SUBTOTALS_NOTE}"
)


def test_totals_whose_labels_end_on_the_line_under_them_are_the_subtotals():
    # `人员经费 2,083.42 公用经费 152.83` is no header line (its labels are header words, but a header
    # prints no amount), and `合计 合计` under it completes its labels
    assert subtotals(TOP_ALIGNED_SUBTOTALS) == (Decimal("2083.42"), Decimal("152.83"), False, [])


# Cut from tests/fixtures/extracted/printings/narrow/pymupdf/004_4299fd0997e27daa.txt (one cell per line):
# the label 公用经费合计 wrapped over two cells, `公用经费` a header word alone.
ONE_CELL_SUBTOTALS = """一般公共预算财政拨款基本支出决算明细表
公开06表
金额单位：万元
科目编码
科目名称
决算数
30101
基本工资
144.06
30201
办公费
2.60
人员经费合计
533.73
公用经费
合计
27.40
注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。
"""


def test_a_subtotal_label_wrapped_over_two_cells_is_joined():
    assert subtotals(ONE_CELL_SUBTOTALS) == (Decimal("533.73"), Decimal("27.40"), False, [])


def test_a_bare_total_beside_one_subtotal_is_not_loaded_as_the_table_total():
    # the same table with the head of 公用经费合计 lost: a bare 合计 with the subtotal's amount
    result = parse(table(ONE_CELL_SUBTOTALS.replace("公用经费\n合计", "合计"), "basic_economic"))
    loaded = amounts(result)
    assert loaded[("personnel_total", "amount")] == Decimal("533.73")
    assert ("total", "amount") not in loaded
    assert any("only 人员经费合计 is printed" in q.reason for q in result.quarantine)


def test_a_name_cut_to_the_head_of_its_standard_name_is_not_loaded():
    # narrow pdftotext -layout of 001: `30239 其他交 14.55`, its tail `通费用` printed on the next line
    # among another group's cells
    text = BOTTOM_ALIGNED_SUBTOTALS.replace("30202 印刷费", "30239 其他交 14.55")
    result = parse(table(text, "basic_economic"))
    assert ("30239", "amount") not in amounts(result)
    assert any("head of its code's standard name" in q.reason for q in result.quarantine)


def test_two_bare_totals_are_not_loaded():
    # both subtotal labels lost their heads (`人员经费`, `公用经费` dropped): two bare 合计, neither the table's
    text = ONE_CELL_SUBTOTALS.replace("人员经费合计", "合计").replace("公用经费\n合计", "合计")
    result = parse(table(text, "basic_economic"))
    assert ("total", "amount") not in amounts(result)
    assert sum("printed more than once" in q.reason for q in result.quarantine) == 2


def test_one_cell_per_line_a_name_wrapped_over_cells_is_joined_when_it_is_the_codes_standard_name():
    # PyMuPDF (000): `30108` / `机关事业单位基本养老保险缴` / `费` / `179.67`; a tail that makes no
    # standard name of the code is left as printed (its line is reported, never a cut or invented name)
    text = ONE_CELL_SUBTOTALS.replace("30101\n基本工资\n144.06", "30108\n机关事业单位基本养老保险缴\n费\n144.06")
    loaded = amounts(parse(table(text, "basic_economic")))
    assert loaded[("30108", "amount")] == Decimal("144.06")
    unknown = ONE_CELL_SUBTOTALS.replace("30101\n基本工资\n144.06", "30108\n机关事业单位基本养老保险缴\n附注\n144.06")
    result = parse(table(unknown, "basic_economic"))
    assert ("30108", "amount") not in amounts(result)
    assert any(q.line_no for q in result.quarantine)


def test_one_cell_per_line_a_code_and_its_name_on_one_line_are_two_cells():
    # PyMuPDF (001): `31303 补充全国社会保障基` / `金` — a code and the head of its wrapped name on one line
    text = ONE_CELL_SUBTOTALS.replace("30201\n办公费\n2.60", "30201 办公费\n2.60")
    loaded = amounts(parse(table(text, "basic_economic")))
    assert loaded[("30201", "amount")] == Decimal("2.60")


# Cut from tests/fixtures/extracted/pdftotext-layout/004_4299fd0997e27daa.txt: each column group's names
# are cut at a width of their own (商品和服务支 at 6, 机关事业单位基本养 at 9), so no one cut width
# explains the words-only lines; the standard names do.
GROUPS_CUT_APART = """一般公共预算财政拨款基本支出决算明细表
公开06表
单位：万元
经济分类科     科目名称      决算数 经济分类科    科目名称   决算 经济分类科           科目名称            决算
目编码                        目编码          数 目编码                              数
301       工资福利支出    533.73 302   商品和服务支 27.40 307          债务利息及费用支出       0.00
                                 出
30101     基本工资      144.06 30201 办公费    2.60 30701         国内债务付息          0.00
30102     津贴补贴      40.58 30202  印刷费    0.65 30702         国外债务付息          0.00
30108     机关事业单位基本养 35.79 30206  电费     0.00 31003         专用设备购置          0.00
          老保险缴费
30109     职业年金缴费    0.00 30207   邮电费    2.82 31005         基础设施建设          0.00
"""


def test_a_wrapped_piece_joins_the_one_name_it_completes_to_a_standard_name():
    result = parse(table(GROUPS_CUT_APART, "basic_economic"))
    names = names_of(result)
    assert names["302"] == "商品和服务支出"
    assert names["30108"] == "机关事业单位基本养老保险缴费"
    loaded = amounts(result)
    # the rows next to the pieces, which no single cut width placed, load with the rest
    assert loaded[("30201", "amount")] == Decimal("2.60")
    assert loaded[("30109", "amount")] == Decimal("0.00")
    assert result.quarantine == []


def test_a_piece_that_completes_neither_neighbour_stays_unsure():
    # `出支` completes no standard name of the rows around it: no catalogue join, the rows are reported
    text = GROUPS_CUT_APART.replace("                                 出\n", "     出支\n")
    result = parse(table(text, "basic_economic"))
    assert ("302", "amount") not in amounts(result)
    assert ("30201", "amount") not in amounts(result)
    assert any("cannot be told to belong" in q.reason for q in result.quarantine)


# Cut from tests/fixtures/extracted/printings/narrow/pdftotext-layout/000_db1be295244703ad.txt: 30231
# 公务用车运行维护费 wrapped over three lines, only its middle piece on the row's line.
THREE_LINE_NAME = """一般公共预算财政拨款基本支出决算明细表
公开06表
单位：万元
科目编码 科目名称 决算数 科目编码 科目名称 决算数 科目编码 科目名称 决算数
30309 奖励金    10.84 30229 福利费 14.44 31201 资本金注入
                                 公务用车
30310 个人农业生产
      补贴               30231     运行维护 1.28 31203 政府投资基金股权投
                                                    资
                                 费
30311 代缴社会保险
      费        0.00 30239 其他交通费用 1.00 31204 费用补贴 0.00
"""


def test_a_middle_piece_of_a_standard_name_is_not_loaded_as_the_name():
    result = parse(table(THREE_LINE_NAME, "basic_economic"))
    assert ("30231", "amount") not in amounts(result)
    assert any("'运行维护' is a piece of its code's standard name" in q.reason for q in result.quarantine)


# Cut from tests/fixtures/extracted/pdfplumber/000_db1be295244703ad.txt: the subtotal labels wrapped in
# cells centred on their amounts (`人员经费` / `2,083.42 152.83` / `合计`), rows without an amount beside them.
SUBTOTALS_AROUND_AMOUNTS = """⼀般公共预算财政拨款基本⽀出决算明细表
公开 06 表
⾦额单位：万元
科⽬编码 科⽬名称 ⾦额 科⽬编码 科⽬名称 ⾦额 科⽬编码 科⽬名称 ⾦额
301 ⼯资福利⽀出 2,057.36 302 商品和服务⽀出 152.83 307 债务利息及费⽤⽀出
30101 基本⼯资 473.27 30201 办公费 3.63 30701 国内债务付息
30106 伙⻝补助费 30204 ⼿续费 30704 国外债务发⾏费⽤
39909 经常性赠与
⼈员经费 公⽤经费
2,083.42 152.83
合计 合计
"""


def test_subtotal_labels_centred_on_their_amounts():
    result = parse(table(SUBTOTALS_AROUND_AMOUNTS, "basic_economic"))
    loaded = amounts(result)
    assert loaded[("personnel_total", "amount")] == Decimal("2083.42")
    assert loaded[("public_total", "amount")] == Decimal("152.83")
    # no amount is left printed apart from a code: the rows printing none are empty, not doubtful
    assert loaded[("30106", "amount")] is None
    assert loaded[("39909", "amount")] is None
    assert result.quarantine == []


# Cut from tests/fixtures/extracted/pdfplumber/001_3b0a4ec0e1089ac8.txt: 30110's name is centred around
# its line (`职工基本医疗保` / `险缴费`); a stray word added after its tail (`他`) leaves the line's pieces
# unplaced, as the whole table's runs leave them in the fixture.
NAMELESS_CODE = """一般公共预算财政拨款基本支出决算明细表
公开06表
金额单位：万元
科目代码 科目名称 决算数 科目代码 科目名称 决算数 科目代码 科目名称 决算数 科目代码 科目名称 决算数
30107 绩效⼯资 75.52 30205 ⽔费 0.02 30206 电费 0.10 31022 ⽆形资产购置 ⸺
对企业补助
30109 职业年⾦缴费 5.61 30207 邮电费 0.17 30902 办公设备购置 ⸺ 311 ⸺
（基本建设）
- 5 -
职⼯基本医疗保
30110 18.82 30208 取暖费 0.82 30903 专⽤设备购置 ⸺ 31101 资本⾦注⼊ ⸺
险缴费 他
公务员医疗补助 其他对企业补
30111 4.27 30209 物业管理费 30905 基础设施建设 ⸺ 31199 ⸺
缴费 助
"""


def test_a_code_opening_its_line_without_a_name_is_no_amount_of_the_group_before():
    result = parse(table(NAMELESS_CODE, "basic_economic"))
    rows = [r for r in result.rows if isinstance(r, EconomicAmountRow)]
    assert not any(any(ch.isdigit() for ch in r.economic_name) for r in rows)
    loaded = amounts(result)
    assert loaded[("311", "amount")] == Decimal("0")
    assert ("30110", "amount") not in loaded


# Cut from tests/fixtures/extracted/pdfplumber/001_3b0a4ec0e1089ac8.txt: in one row, a name of two lines
# (个人农业生产 / 补贴) sits half a line off two names of three lines (公务用车 / 运行维护 / 费,
# 信息网络及 / 软件购置更 / 新), so each printed line holds pieces of one kind of cell only.
EVEN_AND_ODD_CELLS = """一般公共预算财政拨款基本支出决算明细表
公开06表
金额单位：万元
科目代码 科目名称 决算数 科目代码 科目名称 决算数 科目代码 科目名称 决算数 科目代码 科目名称 决算数
30309 奖励⾦ 4.02 30229 福利费 9.08 31006 ⼤型修缮 39909 经常性赠与
公务⽤⻋ 信息⽹络及
个⼈农业⽣产
30310 30231 运⾏维护 4.09 31007 软件购置更 39910 资本性赠与
补贴
费 新
30311 代缴社会保险费 30239 其他交通费⽤ 14.55 31008 物资储备 39999 其他⽀出
"""


def test_names_of_even_and_odd_line_counts_centred_on_one_row():
    result = parse(table(EVEN_AND_ODD_CELLS, "basic_economic"))
    names = names_of(result)
    assert names["30310"] == "个人农业生产补贴"
    assert names["30231"] == "公务用车运行维护费"
    assert names["31007"] == "信息网络及软件购置更新"
    assert amounts(result)[("30231", "amount")] == Decimal("4.09")
    assert result.quarantine == []


# Cut from tests/fixtures/extracted/pdftotext-layout/000_db1be295244703ad.txt: two names of one row cut,
# their tails on the next line apart by a run of spaces (`的补助                          用`).
TWO_TAILS_APART = """一般公共预算财政拨款基本支出决算明细表
公开06表
金额单位：万元
科目编码     科目名称     金额      科目编码        科目名称   金额 科目编码       科目名称           金额
30311    代缴社会保险费          30239       其他交通费用 41.38 31204   费用补贴
30399    其他对个人和家庭         30240       税金及附加费 5.50 31205    利息补贴
         的补助                          用
                          30299       其他商品和服 23.25 31299   其他对企业补助
                                      务支出
"""


def test_two_tails_on_one_line_apart_by_a_run_of_spaces():
    result = parse(table(TWO_TAILS_APART, "basic_economic"))
    names = names_of(result)
    assert names["30399"] == "其他对个人和家庭的补助"
    assert names["30240"] == "税金及附加费用"
    assert names["30299"] == "其他商品和服务支出"
    assert amounts(result)[("30240", "amount")] == Decimal("5.50")
    assert result.quarantine == []


def test_a_total_label_wrapped_in_its_cell_is_completed_like_a_standard_name():
    # pdftotext -layout of sample 004 (tests/fixtures/extracted/pdftotext-layout/004_*, lines 299-300): the
    # totals' line `人员经费合计 533.73 … 公用经费合 27.40`, the last label's `计` wrapped to the line under
    # it. Joined to its total's label it makes a total label, which the piece alone is not: the line loads
    [path] = (FIXTURES / "extracted" / "pdftotext-layout").glob("004_*.txt")
    extracted = extract(path.read_text(encoding="utf-8"))
    totals = {
        r.economic_code: (r.economic_name, r.amount_wan, r.line_no)
        for r in extracted
        if isinstance(r, EconomicAmountRow) and r.economic_code.endswith("_total")
    }
    assert totals == {
        "personnel_total": ("人员经费合计", Decimal("533.73"), 299),
        "public_total": ("公用经费合计", Decimal("27.40"), 299),
    }
    assert not any(q.line_no == 299 for q in quarantined(extracted) if q.family == "basic_economic")


# Cut from tests/fixtures/extracted/pdftotext-layout/001_3b0a4ec0e1089ac8.txt (lines 214-231, four groups
# side by side): a row's one-line cells are centred on its tall cell's lines, so the tail of a name and
# its amount stand on the line under the code, in front of the rows that line opens.
CELLS_UNDER = """一般公共预算财政拨款基本支出决算明细表
公开06表
部门名称：汾阳市行政审批服务管理局
金额单位：万元
科目代 科目名称         决算数 科目代      科目名称   决算 科目代 科目名称        决算 科目代 科目名称     决算
码                       码            数 码                数 码             数
301 工资福利支出       462.28 302 商品和服务
                              支出     36.40 307 债务利息及费
                                                 用支出       31011 地上附着物和
                                                                 青苗补偿
30101 基本工资       161.42 30201 办公费    5.08 30701 国内债务付息     31012 拆迁补偿
30107 绩效工资    75.52 30205 水费         0.02 309 资本性支出
                                                 （基本建设） —— 31022 无形资产购置
30108 机关事业单位基
      本养老保险缴费 45.90 30206 电费         0.10 30901 房屋建筑物构
                                                 建      —— 31099 其他资本性支
                                                                 出
注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。
"""


def test_cells_under_a_rows_line_go_back_to_the_one_name_they_complete():
    result = parse(table(CELLS_UNDER, "basic_economic"))
    names, loaded = names_of(result), amounts(result)
    assert (names["302"], loaded[("302", "amount")]) == ("商品和服务支出", Decimal("36.40"))
    assert names["307"] == "债务利息及费用支出"
    assert (names["30108"], loaded[("30108", "amount")]) == ("机关事业单位基本养老保险缴费", Decimal("45.90"))
    assert (names["309"], loaded[("309", "amount")]) == ("资本性支出（基本建设）", Decimal(0))  # `——`
    assert (names["30901"], loaded[("30901", "amount")]) == ("房屋建筑物构建", Decimal(0))
    assert loaded[("30206", "amount")] == Decimal("0.10")
    assert names["31099"] == "其他资本性支出"
    assert result.quarantine == []


def test_cells_under_a_row_that_prints_its_own_amount_stay_where_they_are():
    # were 302's amount printed on its own line, `支出 36.40` could not be its: nothing is moved
    text = CELLS_UNDER.replace("302 商品和服务\n", "302 商品和服务 1.00\n")
    result = parse(table(text, "basic_economic"))
    assert ("302", "amount") not in amounts(result)
    assert [q.text for q in result.quarantine] == ["302 商品和服务 1.00 支出 36.40"]


def test_real_tools_001_four_groups_under_rows_lines():
    # pdftotext -layout, middle printing: every fact of 001's 基本支出表 but two (`30106 伙食补助费 30204 手续费
    # 国外债务发行` over `0.03 30704 费用`: the amount under two rows without a name to tell whose)
    want = facts(extract((SAMPLES / FENYANG_PDF).read_text(encoding="utf-8")), EconomicAmountRow)
    rows = extract(fixture_text(f"extracted/pdftotext-layout/{FENYANG_PDF}"))
    got = facts(rows, EconomicAmountRow)
    assert got <= want
    assert len(want - got) == 2
    assert {q.text.split()[0] for q in quarantined(rows) if q.family == "basic_economic"} == {"30204", "30704"}


def test_a_name_glued_to_its_amount_is_cut_apart_and_completed():
    # pdfplumber, top printing of 004's 基本支出表: `30113 住房公积金 27.81 30212 因公出国（境）0.00 31009 …`
    # over `费用` (the name's tail): the amount glued to the name is cut from it, and the tail completes it
    [path] = (FIXTURES / "extracted" / "printings" / "top" / "pdfplumber").glob("004_*.txt")
    extracted = extract(path.read_text(encoding="utf-8"))
    found = {r.economic_code: r for r in extracted if isinstance(r, EconomicAmountRow)}
    assert (found["30212"].economic_name, found["30212"].amount_wan) == ("因公出国（境）费用", Decimal("0.00"))
    assert not any(q.line_no == 269 for q in quarantined(extracted) if q.family == "basic_economic")


def test_one_cell_per_line_a_dash_then_a_code_and_a_name_glued_to_its_amount():
    # PyMuPDF, 001's 基本支出表: `30922 无形资产购` / `置` / `—— 313` (the dash 30922 prints for zero, then the
    # next code): `置` completes 无形资产购置; narrow printing of 004: `30311` / `代缴社会保险费0.00` (the name
    # glued to its amount). Both tables load whole.
    for path, name in (("pymupdf", FENYANG_PDF), ("printings/narrow/pymupdf", "004_4299fd0997e27daa.txt")):
        want = facts(extract((SAMPLES / name).read_text(encoding="utf-8")), EconomicAmountRow)
        rows = extract(fixture_text(f"extracted/{path}/{name}"))
        assert facts(rows, EconomicAmountRow) == want, path
        assert not [q for q in quarantined(rows) if q.family == "basic_economic"], path


@pytest.mark.parametrize("tool", ["pdftotext-layout", "pdfplumber"])
def test_real_tools_004_narrow_subtotals_one_whole_one_wrapped(tool):
    # 004's narrow printing: `人员经费合计 533.73 公用经费 27.40` over `合计` (pdftotext -layout), or
    # `公用经费` / `人员经费合计 533.73 27.40` / `合计` (pdfplumber: the label centred on its amount)
    rows = extract(fixture_text(f"extracted/printings/narrow/{tool}/004_4299fd0997e27daa.txt"))
    loaded = {(r.economic_code, r.measure): r.amount_wan for r in rows if isinstance(r, EconomicAmountRow)}
    assert loaded[("personnel_total", "amount")] == Decimal("533.73")
    assert loaded[("public_total", "amount")] == Decimal("27.40")
    assert not [q for q in quarantined(rows) if q.family == "basic_economic"]


# Sample 000 printed as a PDF without rules and read by loaders/pdf.py (tests/support/pdf.py, "none"): the
# group rows' names wrap around their line (`工资福利支` / `301 2,057.36 302 152.83 307` / `出`), right
# under the header.
GROUPS_UNDER_THE_HEADER = """一般公共预算财政拨款基本支出决算明细表
公开 06 表
金额单位：万元
部门：聊城市行政审批服务局
人员经费 公用经费
科目编码 科目名称 金额 科目编码 科目名称 金额 科目编码 科目名称 金额
工资福利支 商品和服务 债务利息及
301 2,057.36 302 152.83 307
出 支出 费用支出
国内债务付
30101 基本工资 473.27 30201 办公费 3.63 30701
息
国外债务付
30102 津贴补贴 347.40 30202 印刷费 5.25 30702
息
"""


def test_a_group_row_right_under_the_header_is_a_row_not_the_headers_rest():
    # its code opens its line with an amount after it: data, whatever the words-only line above it
    result = parse(table(GROUPS_UNDER_THE_HEADER, "basic_economic"))
    names, loaded = names_of(result), amounts(result)
    assert (names["301"], loaded[("301", "amount")]) == ("工资福利支出", Decimal("2057.36"))
    assert (names["302"], loaded[("302", "amount")]) == ("商品和服务支出", Decimal("152.83"))
    assert names["307"] == "债务利息及费用支出" and loaded[("30101", "amount")] == Decimal("473.27")


JIYUAN_PDF_HEADER_AGAIN = "basic_economic_004_pdf_header_again.txt"


def test_names_centred_on_their_rows_read_past_the_header_printed_again():
    # 004's 基本支出表 from a PDF without rules: names wrapped around their rows' lines, the header printed
    # again on the next page spaced otherwise (`经济分类 科`). Its lines are no name pieces: before, they
    # broke the count of pieces around the rows, and the table was not loaded.
    text = fixture_text(JIYUAN_PDF_HEADER_AGAIN)
    assert "经济分类 科" in text
    result = parse(table(text, "basic_economic"))
    assert result.quarantine == []
    tab = fixture_text("basic_economic_004_final_page_split.txt")
    assert facts(result.rows, EconomicAmountRow) == facts(parse(table(tab, "basic_economic")).rows, EconomicAmountRow)
    assert names_of(result)["30399"] == "其他对个人和家庭的补助"

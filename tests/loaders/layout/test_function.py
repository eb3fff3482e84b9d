"""Tables keyed by 功能分类科目 printed without tabs: rebuilt as the tab lines their parser reads."""

from __future__ import annotations

from decimal import Decimal

from loaders.rows import FunctionAmountRow
from tests.conftest import FENYANG, QINGLONG, SAMPLES
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
from tests.loaders.layout.test_header import NARROW_EXPENDITURE_HEADER

LIAOCHENG_GENERAL = "function_general_budget_004_final_empty_total.txt"
QINGLONG_SUMMARY = "summary_003_budget.txt"
QINGLONG_INCOME = "function_income_003_budget.txt"
QINGLONG_EXPENDITURE = "function_expenditure_003_budget.txt"
QINGLONG_GENERAL = "function_general_budget_003_budget.txt"
QINGLONG_FUND = "function_government_fund_003_budget.txt"


def amounts(result) -> dict[tuple[str, str], Decimal | None]:
    return {(r.subject_code, r.measure): r.amount_wan for r in result.rows if isinstance(r, FunctionAmountRow)}


def test_a_tab_table_is_read_as_printed():
    found = table(fixture_text(QINGLONG_INCOME), "income")
    assert found.canonical is None


def test_a_space_separated_table_gives_the_same_facts_as_its_tab_original():
    # 003's 收入总表 is placed with its 收支总表 (which says what the sources are)
    text = fixture_text(QINGLONG_SUMMARY, QINGLONG_INCOME)
    original = parse(table(text, "income"), "budget")
    rebuilt = table(spaced(text), "income")
    assert rebuilt.canonical is not None
    result = parse(rebuilt, "budget")
    assert facts(result.rows, FunctionAmountRow) == facts(original.rows, FunctionAmountRow)
    assert result.quarantine == []
    # `30. 61`-style OCR amounts and the 序号 column survive; 上年结转 of 201 is 19.40
    assert amounts(result)[("201", "prior_year_carryover")] == Decimal("19.40")
    assert amounts(result)[("201", "fiscal_special_account")] is None


def test_each_rebuilt_line_keeps_the_number_of_the_line_it_was_printed_on():
    text = spaced(fixture_text(QINGLONG_SUMMARY, QINGLONG_INCOME))
    rows = parse(table(text, "income"), "budget").rows
    lines = text.split("\n")
    assert rows
    for row in rows:
        assert row.subject_code in lines[row.line_no - 1] or row.subject_code == "total"


def test_one_cell_per_line_and_a_code_glued_to_its_name():
    # 003's 政府基金表 prints `2120899 其他国有土地使用权出让收入安排的支出` in one cell; its 基本/项目
    # columns are told apart by the 支出总表 and the 一般公共预算表 (parts of the whole)
    text = fixture_text(QINGLONG_EXPENDITURE, QINGLONG_GENERAL, QINGLONG_FUND)
    original = parse(table(text, "government_fund"), "budget")
    result = parse(table(one_cell_per_line(text), "government_fund"), "budget")
    assert facts(result.rows, FunctionAmountRow) == facts(original.rows, FunctionAmountRow)
    assert amounts(result)[("2120899", "project")] == Decimal("209.65")
    assert amounts(result)[("2120899", "basic")] is None


def test_alone_the_fund_tables_basic_and_project_columns_cannot_be_told_apart():
    result = parse(table(spaced(fixture_text(QINGLONG_FUND)), "government_fund"), "budget")
    assert result.rows == []
    assert {q.line_no for q in result.quarantine} == {10, 11, 12, 13}
    assert all("2 placements fit the identities (total/basic; total/project)" in q.reason for q in result.quarantine)


def test_an_empty_total_row_is_loaded_empty():
    # 004's 05 table prints its 合计 row empty: NULL, not a guess
    text = fixture_text(LIAOCHENG_GENERAL)
    result = parse(table(spaced(text), "general_budget_expenditure"))
    assert amounts(result)[("total", "total")] is None
    assert amounts(result)[("201", "project")] == Decimal("2744.21")


SUMMARY = """收入支出决算总表
公开01表
单位：元
收入\t\t\t支出\t\t
项目\t行次\t金额\t项目\t行次\t金额
一、一般公共预算财政拨款收入\t1\t6,103,096\t八、社会保障和就业支出\t39\t6,103,096
五、事业收入\t5\t\t\t\t
八、其他收入\t8\t\t\t\t
本年收入合计\t27\t6,103,096\t本年支出合计\t58\t6,103,096
"""
INCOME = """收入决算表
公开02表
单位：元
科目编码 科目名称 本年收入合计 财政拨款收入 事业收入 其他收入
合计 6,103,096 6,103,096
208 社会保障和就业支出 6,103,096 6,103,096
208 05 行政事业单位养老支出 6,103,096 6,103,096
"""


def income_rows(text: str) -> dict[tuple[str, str], Decimal | None]:
    return {
        (r.subject_code, r.measure): r.amount_wan
        for r in extract(text)
        if isinstance(r, FunctionAmountRow) and r.table_name == "income"
    }


def test_the_issues_row_is_placed_by_the_summary_tables_totals():
    # `208 05 行政事业单位养老支出 6,103,096 6,103,096` under four amount columns: the 收支总表 says all
    # income is 财政拨款 (事业收入, 其他收入 printed empty), so the second amount is 财政拨款收入.
    found = income_rows(SUMMARY + INCOME)
    assert found[("20805", "total")] == Decimal("610.3096")
    assert found[("20805", "fiscal_appropriation")] == Decimal("610.3096")
    assert found[("20805", "business")] is None
    assert found[("20805", "other")] is None


def test_without_the_summary_the_row_is_quarantined_with_the_reason():
    rows = extract(INCOME)
    assert not income_rows(INCOME)
    reasons = {q.line_no: q.reason for q in quarantined(rows)}
    assert "3 placements fit the identities" in reasons[7]
    assert reasons[7].startswith("layout: cannot tell the columns of its 2 amount(s) under 4 columns")


def test_a_line_glued_to_the_next_rows_code_is_cut():
    # `… 14.962070114 文化…`: an amount run into the next row's code; the table prints 2 decimals
    text = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
科目编码 科目名称 小计 基本支出 项目支出
合计 14.96 10.00 4.96
207 文化旅游体育与传媒支出 14.96 10.00 4.96
20701 文化和旅游 14.96 10.00 4.962070101 行政运行 10.00 10.00
2070114 文化和旅游交流与合作 4.96 4.96
"""
    result = parse(table(text, "general_budget_expenditure"))
    assert result.quarantine == []
    found = amounts(result)
    assert found[("20701", "project")] == Decimal("4.96")
    assert (found[("2070101", "basic")], found[("2070101", "project")]) == (Decimal("10.00"), None)
    assert (found[("2070114", "basic")], found[("2070114", "project")]) == (None, Decimal("4.96"))
    assert {r.line_no for r in result.rows if r.subject_code == "2070101"} == {7}


def test_a_line_with_more_amounts_than_columns_is_quarantined_by_the_parser():
    text = """一般公共预算财政拨款支出决算表
单位：万元
科目编码 科目名称 小计 基本支出 项目支出
201 一般公共服务支出 3.00 1.00 2.00 9.99
"""
    result = parse(table(text, "general_budget_expenditure"))
    assert [q.line_no for q in result.quarantine] == [4]
    assert "more cells than header columns" in result.quarantine[0].reason


def test_a_header_that_names_no_code_column_quarantines_the_table():
    text = """一般公共预算财政拨款支出决算表
单位：万元
项目 小计 基本支出 项目支出
一般公共服务支出 3.00 1.00 2.00
"""
    found = table(text, "general_budget_expenditure")
    assert found.canonical is not None and found.canonical.error is not None
    rows = extract(text)
    assert any(
        "layout not understood: header not understood: no subject code column" in q.reason for q in quarantined(rows)
    )


def test_page_lines_and_stray_page_numbers_inside_a_table_are_skipped():
    text = spaced(fixture_text(QINGLONG_SUMMARY, QINGLONG_INCOME))
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("6  20805"))
    noisy = "\n".join([*lines[:at], "- 12 -", "13", "436 青龙满族自治县行政审批局", "预算年度: 2023", *lines[at:]])
    original = parse(table(fixture_text(QINGLONG_SUMMARY, QINGLONG_INCOME), "income"), "budget")
    result = parse(table(noisy, "income"), "budget")
    assert facts(result.rows, FunctionAmountRow) == facts(original.rows, FunctionAmountRow)
    assert result.quarantine == []


def test_one_cell_per_line_a_name_wrapped_over_cells_and_a_page_number():
    # PyMuPDF prints a name wrapped in its cell as pieces on lines of their own (`政府办公厅（室）及相` /
    # `关机构事务`), and the page number `- 4 -` between two rows
    text = fixture_text(LIAOCHENG_GENERAL)
    cells = one_cell_per_line(text)
    assert "\n政府办公厅（室）及相关机构事务\n" in cells and "\n208\n" in cells
    printed = cells.replace("\n政府办公厅（室）及相关机构事务\n", "\n政府办公厅（室）及相\n关机构事务\n")
    printed = printed.replace("\n208\n", "\n- 4 -\n208\n")
    original = parse(table(text, "general_budget_expenditure"))
    result = parse(table(printed, "general_budget_expenditure"))
    assert facts(result.rows, FunctionAmountRow) == facts(original.rows, FunctionAmountRow)
    assert result.quarantine == []


def test_one_cell_per_line_a_wrapped_class_name_must_be_a_class_name():
    # a 类 whose name and the words after it make no class name keeps them apart: the line is reported
    text = one_cell_per_line(fixture_text(LIAOCHENG_GENERAL))
    printed = text.replace("\n一般公共服务支出\n", "\n一般公共服务支出\n附注\n")
    result = parse(table(printed, "general_budget_expenditure"))
    assert ("201", "total") not in amounts(result)
    assert any("附注" in q.text for q in result.quarantine)


def test_one_cell_per_line_a_total_before_a_wrapped_header_label_is_header():
    # PyMuPDF, 003's 部门预算政府基金预算财政拨款支出表: its header's `合计` is followed by `基本支` / `出` (not
    # a 合计 row), then OCR debris, the second header line (科目编码 …) and `栏` / `次`
    from loaders.layout.body import read_body
    from loaders.layout.function import PHRASES, read_columns, split_header
    from loaders.layout.header import read_labels

    lines = fixture_text("extracted/pymupdf/003_ff2ed464ea78daa4.txt").split("\n")
    found = table("\n".join(lines[951:990]), "government_fund")
    header, data = split_header(read_body(found.lines, found.title))
    assert [c.text for c in data[0][:3]] == ["1", "合计", "209.65"]  # `209.` / `65`: one amount wrapped
    columns = read_columns(read_labels(header, PHRASES), "government_fund", 0)
    assert columns.serial and columns.measures == ("total", "basic", "project")


def test_a_name_centred_around_its_code_keeps_the_spaces_printed_inside_its_lines():
    # 003's income table as pdfplumber prints a tall cell: `政府办公厅 (室)及相关` / `3 20103 419.39 …` /
    # `机构事务`; the lines join without a space, the space inside the first line is the name's own
    from loaders.document import Line
    from loaders.layout.function import centred_names
    from loaders.layout.text import line_cells

    printed = ["政府办公厅 (室)及相关", "3  20103  419.39  400.00  400.00  19.40", "机构事务"]
    lines = [line_cells(Line(n, text)) for n, text in enumerate(printed, start=1)]
    [row] = centred_names(lines, {"20103": {"政府办公厅(室)及相关机构事务"}})
    assert [cell.text for cell in row][:3] == ["3", "20103", "政府办公厅 (室)及相关机构事务"]


def _qinglong_spaced(income_lines: dict[str, list[str]], tables: tuple[str, ...] = ()) -> list:
    """Sample 003 printed without tabs (only the tables whose titles are given, when any), the rows of
    its 收入总表 opening with the given 序号 printed as the given lines instead."""
    text = spaced((SAMPLES / QINGLONG).read_text(encoding="utf-8"))
    out: list[str] = []
    keep, income = not tables, False
    for line in text.split("\n"):
        title = line.strip()
        if title.startswith("部门预算") and title.endswith("表"):
            keep, income = not tables or title in tables, title == "部门预算收入总表"
        if keep:
            out += income_lines.get(line.split("  ")[0], [line]) if income else [line]
    return extract("\n".join(out))


def _income(rows) -> dict[tuple[str, str], tuple[str, Decimal | None]]:
    return {
        (r.subject_code, r.measure): (r.subject_name, r.amount_wan)
        for r in rows
        if isinstance(r, FunctionAmountRow) and r.table_name == "income"
    }


def _income_quarantined(rows) -> set[str]:
    return {q.text.split()[0] for q in quarantined(rows) if q.family == "income"}


def test_a_rows_amounts_printed_on_the_lines_under_it_are_its_own():
    # pdftotext -layout, middle printing of 003: a row's single-line cells are centred on its tall
    # cell's lines, and the tool sets some on the line under the code (`2 201 一般公共服务 支出` /
    # `419. 39 400.00 400.00 19. 40`; `3 20103 政府办公厅 (室)及 419. 39 400.00 400.00` / `相关 机构事务 19. 40`)
    original = _income(_qinglong_spaced({}))
    rows = _qinglong_spaced(
        {
            "2": ["2  201  一般公共服务 支出", "419. 39  400.00  400.00  19. 40"],
            "3": ["3  20103  政府办公厅 (室)及  419. 39  400.00  400.00", "相关 机构事务  19. 40"],
        }
    )
    assert _income(rows) == original
    assert _income_quarantined(rows) == set()
    # the lower line's 19.40 is placed by the identities, not by its place on the line
    assert original[("20103", "prior_year_carryover")] == ("政府办公厅(室)及相关机构事务", Decimal("19.40"))


SHUFFLED = {
    # pdftotext -layout, middle printing of 003: a tall cell's lines out of order (`行政事业单位` /
    # `支出` / `养老 52. 27 …`), and a 序号 and code printed alone (`13 21208` / …)
    "6": ["6  20805  行政事业单位", "支出", "养老  52. 27  52. 27  52. 27"],
    "13": ["13  21208", "入安排的支出", "国有土地使用权出让收  209. 65  198.30  198. 30  11.35"],
}


def test_a_cells_lines_printed_out_of_order_take_the_order_of_the_name_other_tables_print():
    original = _income(_qinglong_spaced({}))
    rows = _qinglong_spaced(SHUFFLED)
    assert _income(rows) == original
    assert original[("20805", "total")] == ("行政事业单位养老支出", Decimal("52.27"))
    assert original[("21208", "prior_year_carryover")] == ("国有土地使用权出让收入安排的支出", Decimal("11.35"))
    assert _income_quarantined(rows) == set()


def test_without_a_name_to_go_by_lines_out_of_order_are_not_put_in_an_order():
    # the same lines with no other table printing the names: the rows are quarantined, not loaded
    # with their pieces in the printed order (`行政事业单位支出养老`)
    rows = _qinglong_spaced(SHUFFLED, ("部门预算收支总表", "部门预算收入总表"))
    assert {code for code, _ in _income(rows)} & {"20805", "21208"} == set()
    assert {"6", "13"} <= _income_quarantined(rows)


def test_real_tools_003_income_table_comes_back_whole():
    # pdfplumber, top printing: a page cut its names at another width than the rest (`国有土地使用 权出让收`
    # / `入安 排的支出`): the pieces complete the names the other tables print, so they are attached.
    # pdftotext -layout, middle printing: amounts under their row's line and a tall cell's lines out of
    # order; the table's own first reading (`国有土地使用入安排的支出`) does not vouch for itself.
    want = _income(extract((SAMPLES / QINGLONG).read_text(encoding="utf-8")))
    for path in ("printings/top/pdfplumber", "pdftotext-layout"):
        rows = extract(fixture_text(f"extracted/{path}/{QINGLONG}"))
        assert _income(rows) == want, path
        assert _income_quarantined(rows) == set(), path


def test_real_tools_003_narrow_income_table_comes_back_whole():
    # pdfplumber, narrow printing: the header's labels wrapped a character or two a line (test_header);
    # names centred on three lines around their row's line, amounts wrapped after their point (`419.` /
    # `39`) on the lines between (`政府办公厅` / `419.` / `3 20103 (室)及相关 机 …` / `39` / `构事务`). The
    # document prints `政府办公厅 (室)…`: the space falls at the end of a line of the cell, where the tool
    # drops it; names are stored without it either way (document.name_text)
    want = _income(extract((SAMPLES / QINGLONG).read_text(encoding="utf-8")))
    rows = extract(fixture_text(f"extracted/printings/narrow/pdfplumber/{QINGLONG}"))
    assert _income(rows) == want
    assert want[("20103", "total")][0] == "政府办公厅(室)及相关机构事务"
    assert _income_quarantined(rows) == set()


def test_an_amount_under_columns_the_header_leaves_unordered_loads_only_where_the_orders_agree():
    # the header of 003's narrow 支出总表 (pdfplumber): 上解上级支出 | 经营支出 in an order it does not print
    text = "\n".join(
        [
            "部门预算支出总表",
            "单位：万元",
            *NARROW_EXPENDITURE_HEADER,
            "栏次 1 2 3 4 5 6 7 8",
            "1 合计 20.00 12.00 4.00 2.50 1.50 0.00",
            "2 201 一般公共服务支出 10.00 6.00 2.00 1.00 1.00 0.00",
            "3 208 社会保障和就业支出 10.00 6.00 2.00 1.50 0.50 0.00",
        ]
    )
    rows = extract(text)
    loaded = {(r.subject_code, r.measure): r.amount_wan for r in rows if isinstance(r, FunctionAmountRow)}
    assert {code for code, _ in loaded} == {"201"}
    assert loaded[("201", "remit_to_superior")] == loaded[("201", "operating")] == Decimal("1.00")
    reasons = {q.text.split()[1]: q.reason for q in quarantined(rows)}
    assert set(reasons) == {"合计", "208"}
    assert all("does not print the order of its columns remit_to_superior | operating" in r for r in reasons.values())


def test_lines_emptied_by_joining_a_split_amount_do_not_part_a_row_from_its_lines():
    # pdftotext -layout, narrow printing of 003's 支出总表: `13 21208 国有土地使用权出让收入安排的` / `支出` /
    # `209.` / `65 209. 65`; the head `209.` joins its tail and leaves its line empty
    from loaders.document import Line
    from loaders.layout.function import Columns, continued_rows
    from loaders.layout.text import line_cells

    printed = {166: "13  21208  国有土地使用权出让收入安排的", 167: "支出", 169: "209.65  209. 65"}
    lines = [line_cells(Line(n, text)) for n, text in printed.items()]
    columns = Columns(True, False, ("total", "basic", "project"))
    known = {"21208": {"国有土地使用权出让收入安排的支出"}}
    [row], floating = continued_rows(lines, columns, known, emptied={168})
    assert [cell.text for cell in row] == ["13", "21208", "国有土地使用权出让收入安排的支出", "209.65", "209. 65"]
    assert floating == []
    assert len(continued_rows(lines, columns, known)[0]) == 3  # line 168 printed something else


def _fund(rows) -> dict[tuple[str, str], tuple[str, Decimal | None]]:
    return {
        (r.subject_code, r.measure): (r.subject_name, r.amount_wan)
        for r in rows
        if isinstance(r, FunctionAmountRow) and r.table_name == "government_fund"
    }


def test_real_tools_a_serial_printed_under_its_code_opens_its_row():
    # pdfplumber, 003's 政府基金预算财政拨款支出表: `2120899 其他国有土地使用权出让收入` / `4 209.65 209.65` /
    # `安排的支出` (middle printing); `2120899 其他国有土地使用权出让收入` / `4 安排的支出 209.65 209.65` (bottom)
    want = _fund(extract((SAMPLES / QINGLONG).read_text(encoding="utf-8")))
    assert want[("2120899", "total")] == ("其他国有土地使用权出让收入安排的支出", Decimal("209.65"))
    for path in ("pdfplumber", "printings/bottom/pdfplumber"):
        rows = extract(fixture_text(f"extracted/{path}/{QINGLONG}"))
        assert _fund(rows) == want, path
        assert not [q for q in quarantined(rows) if q.family == "government_fund"], path


def test_a_serial_line_joins_the_code_above_only_as_the_next_serial_and_known_name():
    from loaders.document import Line
    from loaders.layout.function import Columns, serials_apart
    from loaders.layout.text import line_cells

    def joined(printed: list[str], known: dict[str, set[str]]) -> list[list[str]]:
        lines = [line_cells(Line(n, text)) for n, text in enumerate(printed, start=1)]
        columns = Columns(True, False, ("total", "basic", "project"))
        return [[c.text for c in line] for line in serials_apart(lines, columns, known, frozenset())]

    printed = ["3  21208  209.65  209.65", "2120899  其他国有土地使用权出让收入", "4  安排的支出  209.65  209.65"]
    name = "其他国有土地使用权出让收入安排的支出"
    assert joined(printed, {})[1] == ["4", "2120899", name, "209.65", "209.65"]
    assert joined(printed, {"2120899": {name}})[1] == ["4", "2120899", name, "209.65", "209.65"]
    assert len(joined(printed, {"2120899": {"其他支出"}})) == 3  # not the name other tables print
    assert len(joined([printed[0], printed[1], "5  209.65  209.65"], {})) == 3  # 序号 5 after 3
    assert len(joined(printed[1:], {})) == 2  # no 序号 printed before it


def test_a_name_put_together_otherwise_than_other_tables_print_it_is_read_again():
    # pdftotext -layout, narrow printing of 001's 支出决算表: `20103 政府办公厅（室）` / `机构事务` /
    # `及相关 1,170.31 458.33 711.98`. Cut at the width, `机构事务` is a tail and the first reading made
    # `政府办公厅（室）机构事务及相关`, unlike every other table: the table is read again with their names
    rows = extract(fixture_text(f"extracted/printings/narrow/pdftotext-layout/{FENYANG}"))
    names = {
        (r.table_name, r.subject_name) for r in rows if isinstance(r, FunctionAmountRow) and r.subject_code == "20103"
    }
    assert names == {
        (table_name, "政府办公厅（室）及相关机构事务")
        for table_name in ("income", "expenditure", "general_budget_expenditure")
    }


def test_one_cell_per_line_a_name_glued_to_its_code_takes_the_rest_printed_under_it():
    # PyMuPDF, 003's 政府性基金支出表: `2120899 其他国有土地使用权出让收入` / `安排的支出` / `209.65` / `209.65`.
    # The code is cut from its name before the name's pieces are joined, as for `21208` / `国有土地使用权
    # 出让收入安` / `排的支出`. (Before, `安排的支出` was taken for a cell of its own.)
    for printing in ("", "printings/narrow/"):
        rows = extract(fixture_text(f"extracted/{printing}pymupdf/{QINGLONG}"))
        tab = extract((SAMPLES / QINGLONG).read_text(encoding="utf-8"))
        mine = [r for r in rows if getattr(r, "table_name", None) == "government_fund"]
        want = [r for r in tab if getattr(r, "table_name", None) == "government_fund"]
        assert facts(mine, FunctionAmountRow) == facts(want, FunctionAmountRow), printing
        assert not [q for q in quarantined(rows) if q.family == "government_fund"], printing


def test_one_cell_per_line_a_cell_with_an_amount_glued_in_is_no_piece_of_a_name():
    # plain pdftotext: `21208` / `国有土地使用权出让收入安 209.65` / `排的支出`: the words after the amount are
    # not joined to the name with the amount inside it. (Before, the next row's glued code `2120899 其他…`
    # ran into this row and the whole line was refused; cut apart, this row would load that name.)
    rows = extract(fixture_text(f"extracted/printings/top/pdftotext/{QINGLONG}"))
    names = {r.subject_name for r in rows if isinstance(r, FunctionAmountRow) and r.subject_code == "21208"}
    assert not any("209.65" in name for name in names)
    assert any("209.65" in q.text for q in quarantined(rows) if q.family == "government_fund")


# Sample 003's 政府性基金 table printed as a PDF without rules and read by loaders/pdf.py (tests/support/pdf.py,
# "none"; amounts completed so each row places them alone): the last row prints its code with the first
# piece of its name above its 序号 line and the last piece below it.
NAME_AROUND_A_SERIAL_LINE = """部门预算政府基金预算财政拨款支出表
436 青龙满族自治县行政审批局
预算年度: 2023
单位：万元
序号 功能分类科目 合计 基本支出 项目支出
科目编码 科目名称
栏次 1 2 3 4 5
1 合计 209.65 0.00 209.65
2 212 城乡社区支出 209.65 0.00 209.65
国有土地使用权
3 21208 出让收入安排的 209.65 0.00 209.65
支出
2120899 其他国有
4 土地使用权出让 209.65 0.00 209.65
收入安排的支出
"""


def test_a_row_joined_from_its_code_line_and_its_serial_line_is_not_rebuilt_beside_an_unsure_piece():
    # `收入安排的支出` fits neither neighbour at the table's cut width: the row next to it (known by its
    # code's line, 13, though joined with its 序号 line, 14) is reported, not loaded with a name cut short
    result = parse(table(NAME_AROUND_A_SERIAL_LINE, "government_fund"), "budget")
    names = {r.subject_code: r.subject_name for r in result.rows if isinstance(r, FunctionAmountRow)}
    assert names["21208"] == "国有土地使用权出让收入安排的支出"
    assert "2120899" not in names
    [reported] = [q for q in result.quarantine if q.line_no == 13]
    assert "cannot be told to belong to this row or the next" in reported.reason


LIAOCHENG_GENERAL_PDF = "function_general_budget_000_pdf_header_at_foot.txt"


def test_a_table_printed_as_text_under_a_ruled_header_at_its_foot_is_rebuilt():
    # 000's 公开05 read from a PDF whose columns are ruled and rows are not: the body comes out as text
    # lines, but the header the sample repeats at the table's foot (ruled apart) as one tab line
    found = table(fixture_text(LIAOCHENG_GENERAL_PDF), "general_budget_expenditure")
    assert found.canonical is not None
    result = parse(found)
    assert result.quarantine == []
    got = amounts(result)
    assert got[("total", "total")] == Decimal("3353.52")
    assert got[("2010301", "basic")] == Decimal("789.65")
    assert got[("2010301", "project")] is None
    assert got[("2010306", "project")] == Decimal("903.41")
    assert got[("2010399", "total")] == Decimal("213.87")
    assert len({code for code, _ in got}) == 19  # 合计 and 18 subjects


def test_a_table_whose_tab_lines_hold_figures_is_read_from_its_tabs():
    # a tab table's text lines (a wrapped note, a stray line) do not make it a table printed without tabs
    text = fixture_text(QINGLONG_INCOME) + "\n2120899 其他国有土地使用权出让收入安排的支出 209.65\n"
    assert table(text, "income").canonical is None


QINGLONG_PDF_CENTRED = "function_expenditure_003_pdf_centred_names.txt"


def test_a_name_another_table_cut_short_beside_astray_amounts_does_not_vouch_against_the_whole_name():
    # 003's 支出总表 and 政府性基金表 read from a PDF without rules: every name centred on its row, and
    # the fund table's `2120899 其他国有` over `4 土地使用权出让 209.65 209.65` (its 序号 and amounts on
    # the line below, the row reported). That cut name is not what the document prints for 2120899, so
    # the 支出总表's whole name is not refused: before, its whole run of centred names was reported.
    rows = extract(fixture_text(QINGLONG_PDF_CENTRED))
    expenditure = [r for r in rows if isinstance(r, FunctionAmountRow) and r.table_name == "expenditure"]
    names = {r.subject_code: r.subject_name for r in expenditure}
    assert names["2120899"] == "其他国有土地使用权出让收入安排的支出"
    assert names["20103"] == "政府办公厅(室)及相关机构事务"
    assert len(names) == 17  # 合计 and 16 subjects
    reported = {q.line_no for q in quarantined(rows)}
    assert not reported & set(range(1, 63))  # nothing of the 支出总表 (lines 1–62)
    assert 76 in reported  # the fund table's cut row, still reported

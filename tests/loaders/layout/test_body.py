"""A table's body: amounts wrapped in their cell after the point joined again (space mode)."""

from __future__ import annotations

from functools import partial

from loaders.document import Line
from loaders.layout import summary
from loaders.layout.body import (
    SplitAmounts,
    _tail_lines,
    all_heads_apart,
    amount_cells,
    amount_heads_apart,
    join_split_amounts,
    read_body,
)
from loaders.layout.function import _opening

TITLE = "部门预算收入总表"


def split(*printed: str) -> SplitAmounts:
    body = read_body([Line(n, text) for n, text in enumerate(printed, start=1)], TITLE)
    lines = [amount_heads_apart(line) for line in body.lines]
    return join_split_amounts(lines, body.raw, 2, _opening)


def texts(result: SplitAmounts) -> list[list[str]]:
    return [[cell.text for cell in line] for line in result.lines]


def test_pieces_above_and_below_the_rows_line_float():
    # pdfplumber, sample 003's 收入总表 (cells centred in their row): `738. 05` and `707. 31` wrapped at the
    # space, around the line of the row's one-line cells; where they stand among those is not printed
    result = split("738. 707.", "1 合计 707. 31 30. 74", "05 31")
    assert texts(result) == [["1", "合计", "707. 31", "30. 74", "738.05", "707.31"]]
    assert {cell.text for cell in result.floating} == {"738.05", "707.31"}
    assert all(cell.line_no == 2 for cell in result.lines[0])


def test_pieces_above_and_below_a_row_opening_line_that_prints_no_amount_float():
    # pdfplumber, sample 003's 财政拨款收支总表 (cells centred in their row): row 2's income amount 198.30 cut
    # around its 序号 line, which prints the expenditure name only (外交支出: blank)
    body = read_body(
        [Line(1, "二、政府性基金预 198."), Line(2, "2 二、外交支出"), Line(3, "算拨款 30")], "部门预算财政拨款收支总表"
    )
    lines = [all_heads_apart(line) for line in body.lines]
    result = join_split_amounts(lines, body.raw, 2, partial(summary._opening, {2}))
    assert texts(result) == [["二、政府性基金预"], ["2", "二、外交支出", "198.30"], ["算拨款"]]
    assert [cell.text for cell in result.floating] == ["198.30"]
    # a line between them opening no row (its number no 序号) takes no amount
    stray = join_split_amounts(lines, body.raw, 2, partial(summary._opening, set()))
    assert texts(stray) == [["二、政府性基金预", "198."], ["2", "二、外交支出"], ["算拨款", "30"]]


def test_a_head_printed_among_the_rows_amounts_stands_where_it_is_printed():
    # the same row with its cells set at the top of the row (the head on the row's line)
    result = split("1 合计 738. 707. 707. 31 30. 74", "05 31")
    assert texts(result) == [["1", "合计", "738.05", "707.31", "707. 31", "30. 74"]]
    assert not result.floating


def test_a_tail_printed_among_the_rows_amounts_stands_where_it_is_printed():
    # set at the bottom: the head alone above, the tail on the row's line after its 序号, code and name
    # (a bare `39` is a tail here, not the 序号 opening a row)
    result = split("419.", "4 2010306 政务公开审批 39 400.00 400.00 19.40")
    assert texts(result) == [["4", "2010306", "政务公开审批", "419.39", "400.00", "400.00", "19.40"]]


def test_a_tail_alone_on_its_line_is_no_page_number_and_name_pieces_keep_their_line():
    result = split(
        "政府办公厅 (室)及 419.",
        "3 20103 400.00 400.00 19. 40",
        "相关 机构事务 39",
        "419.",
        "4 2010306 政务公开审批 400.00 400.00 19.40",
        "39",
    )
    assert texts(result) == [
        ["政府办公厅 (室)及"],
        ["3", "20103", "400.00", "400.00", "19. 40", "419.39"],
        ["相关 机构事务"],
        ["4", "2010306", "政务公开审批", "400.00", "400.00", "19.40", "419.39"],
    ]
    # the pieces taken out are cut out of the printed lines too (names are measured on them)
    assert result.raw[1] == "政府办公厅 (室)及" and result.raw[3] == "相关 机构事务"


def test_pieces_under_the_rows_line_join_where_the_head_stands():
    # pdftotext -layout, sample 003's 财政拨款收支总表: row 2's income amount cut (`198.` / `30`) on the lines
    # under its 序号 line, the head beside the expenditure name (a numbered line name: its tail is kept)
    printed = ["2 二、政府性基金预", "算拨款", "198. 二、外交支出", "30", "3 三、国有资本经营"]
    body = read_body([Line(n, text) for n, text in enumerate(printed, start=1)], "部门预算财政拨款收支总表")
    lines = [all_heads_apart(line) for line in body.lines]
    result = join_split_amounts(lines, body.raw, 2, partial(summary._opening, {1, 5}))
    assert texts(result)[2] == ["198.30", "二、外交支出"] and len(result.lines) == 4
    assert not result.floating
    # an item's enumerator is no head: the integer under it may be a page number
    assert _tail_lines([Line(1, "198. 二、外交支出"), Line(2, "30")]) == {1}
    assert _tail_lines([Line(1, "1. 副部(省)级及以上 领导用车"), Line(2, "30")]) == set()


def test_a_numbering_or_a_head_without_its_tail_is_left_as_printed():
    assert texts(split("8. 其他用车 15 1", "17")) == [["8. 其他用车", "15", "1"]]  # `17`: a page number
    result = split("2 201 一般公共服务 支出 419.", "3 20103 政府办公厅 400.00")
    assert texts(result) == [["2", "201", "一般公共服务 支出", "419."], ["3", "20103", "政府办公厅", "400.00"]]
    assert not result.floating


def test_heads_among_a_lines_words_are_cut_apart_in_a_two_sided_table():
    # pdfplumber (top printing), sample 003's 财政拨款收支总表: both sides' totals wrapped after their point,
    # each head right after its line name
    body = read_body([Line(1, "32 本年收入合计 707. 本年支出合计 738. 528. 41 209. 65")], TITLE)
    assert [cell.text for cell in all_heads_apart(body.lines[0])] == [
        "32",
        "本年收入合计",
        "707.",
        "本年支出合计",
        "738.",
        "528. 41",
        "209. 65",
    ]
    # the function tables' own rule keeps a head followed by words (`8. 其他用车`, an item's numbering)
    assert [cell.text for cell in amount_heads_apart(body.lines[0])][1] == "本年收入合计 707. 本年支出合计"


def test_a_head_on_the_rows_own_line_printing_no_other_amount_is_joined_where_it_stands():
    # the same table: row 2 prints its income amount only, cut (`198.` after the name's head, `30` after its
    # tail); the line opening with the row's 序号 holds the head, so the amount stands there
    body = read_body([Line(1, "2 二、政府性基金预 198. 二、外交支出"), Line(2, "算拨款 30")], TITLE)
    lines = [all_heads_apart(line) for line in body.lines]
    result = join_split_amounts(lines, body.raw, 2, partial(summary._opening, {1}))
    assert texts(result) == [["2", "二、政府性基金预", "198.30", "二、外交支出"], ["算拨款"]]
    assert not result.floating
    assert result.raw[2] == "算拨款"


def test_one_cell_per_line_a_head_glued_to_a_name_joins_its_decimals():
    # PyMuPDF, narrow printing of 003's 财政拨款收支总表: `20` / `二十、住房保障支出26.` / `14` / `26. 14`
    body = read_body(
        [Line(1, "20"), Line(2, "二十、住房保障支出26."), Line(3, "14"), Line(4, "26. 14")], "部门预算财政拨款收支总表"
    )
    assert [[cell.text for cell in line] for line in body.lines] == [
        ["20"],
        ["二十、住房保障支出", "26.14"],
        ["26. 14"],
    ]
    # a 序号 after a name that ends with no head is no amount's decimals
    body = read_body([Line(1, "二十、住房保障支出"), Line(2, "21"), Line(3, "26. 14")], "部门预算财政拨款收支总表")
    assert [[cell.text for cell in line] for line in body.lines] == [["二十、住房保障支出"], ["21"], ["26. 14"]]


def test_one_cell_per_line_a_dash_opens_a_line_of_cells_and_a_name_glued_to_its_amount_is_cut():
    def cells(text: str) -> list[tuple[str, str]]:
        return [(cell.kind.value, cell.text) for cell in amount_cells(Line(1, text))]

    assert cells("—— 313") == [("dash", "——"), ("number", "313")]
    assert cells("代缴社会保险费0.00") == [("text", "代缴社会保险费"), ("number", "0.00")]
    # a name and an amount printed apart on one line are not cut here (the cell mode does not say whose)
    assert cells("一、一般公共服务支出 2,784.86") == []


def test_a_class_code_on_a_line_of_its_own_over_its_name_is_a_row_not_a_page_number():
    # plain pdftotext, sample 000's 收入决算表 (narrow printing): `201` / `一般公共服务支出` / `2,784.86 2,784.86`
    printed = ["合计", "3,610.44 3,610.44", "201", "一般公共服务支出", "2,784.86 2,784.86", "- 3 -", "7", "文字"]
    body = read_body([Line(n, text) for n, text in enumerate(printed, start=188)], "收入决算表")
    lines = [[(cell.line_no, cell.text) for cell in line] for line in body.lines]
    assert [(191, "201"), (191, "一般公共服务支出")] in lines  # numbered as its name's line, right over its amounts
    assert [(192, "2,784.86"), (192, "2,784.86")] in lines
    # a bare integer over any other line is still a page number (`7`), as is `- 3 -`
    assert all(cell.text not in {"7", "- 3 -"} for line in body.lines for cell in line)
    # `208` over another class's name is not its code
    body = read_body([Line(1, "208"), Line(2, "一般公共服务支出"), Line(3, "1.00 1.00")], "收入决算表")
    assert [[cell.text for cell in line] for line in body.lines] == [["一般公共服务支出"], ["1.00", "1.00"]]

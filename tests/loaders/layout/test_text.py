"""Line kinds, the two text modes, and where a table printed without tabs ends."""

from __future__ import annotations

from loaders.document import Line
from loaders.layout.text import CELL, SPACE, LineKind, continues_table, detect_mode, line_cells, line_kind


def test_page_lines_are_not_table_text():
    for text in ("公开 02 表", "金额单位：万元", "部门：聊城市行政审批服务局", "预算年度: 2023", "2023年度"):
        assert line_kind(text) is LineKind.PAGE, text
    assert line_kind("436 青龙满族自治县行政审批局") is LineKind.PAGE  # a page header: code and department
    assert line_kind("收入决算表", title="收入决算表") is LineKind.PAGE  # the title printed again


def test_notes_and_table_text():
    assert line_kind("注：本表反映部门本年度取得的各项收入情况。") is LineKind.NOTE
    assert line_kind("本部门没有使用国有资本经营预算安排的支出，故本表无数据。") is LineKind.NOTE
    assert line_kind("201 一般公共服务支出 2,784.86 2,784.86") is LineKind.TABLE
    assert line_kind("212 城乡社区支出") is LineKind.TABLE  # a code and a name: not a page header
    assert line_kind("") is LineKind.BLANK


def test_space_mode_and_cell_mode():
    space = [Line(1, "合 计  3,610.44 3,610.44"), Line(2, "201 一般公共服务支出 2,784.86")]
    cells = [Line(1, "合 计"), Line(2, "3,610.44"), Line(3, "3,610.44"), Line(4, "201"), Line(5, "一般公共服务支出")]
    assert detect_mode(space) == SPACE
    assert detect_mode(cells) == CELL


def test_words_of_one_cell_stay_together_numbers_apart():
    cells = line_cells(Line(7, "项 目 本年收入合计 附属单位 上缴收入 2,784.86"))
    assert [(c.text, c.kind.value) for c in cells] == [
        ("项 目 本年收入合计 附属单位 上缴收入", "text"),
        ("2,784.86", "number"),
    ]


def test_a_summary_row_starting_with_a_numeral_does_not_end_the_table():
    lines = [
        Line(1, "一、一般公共预算财政拨款收入 1 3,353.52 一、一般公共服务支出 32 2,784.86"),
        Line(2, "二、外交支出"),
        Line(3, "33"),
        Line(4, "一、部门主要职责"),
        Line(5, "聊城市行政审批服务局是市政府工作部门，负责全市行政审批服务工作，为正处级。"),
    ]
    assert continues_table(lines, 0)  # numbers on the line
    assert continues_table(lines, 1)  # a number alone on the next line (one cell per line)
    assert not continues_table(lines, 3)  # a section of the narrative


def test_a_wrapped_name_head_before_its_row_does_not_end_the_table():
    lines = [Line(1, "二十四、债务还本支"), Line(2, "24   出   55")]
    assert continues_table(lines, 0)


def test_a_section_heading_over_a_header_line_padded_with_spaces_does_not_end_the_table():
    # pdftotext -layout: the 统计表's `一、政府采购情况`, then its header line, long only by its spaces
    lines = [
        Line(1, "一、政府采购情况"),
        Line(2, "项目" + " " * 58 + "行次" + " " * 9 + "统计数"),
        Line(3, "合计" + " " * 58 + "1" + " " * 10 + "72.40"),
    ]
    assert continues_table(lines, 0)


def test_a_wrapped_name_set_around_its_numbers_does_not_end_the_table():
    # pdfplumber centres a wrapped name on its row: the head above the row's numbers, the tail below
    lines = [
        Line(1, "一、一般公共预算财 一、一般公共服务支"),
        Line(2, "1 3,353.52 33 2,784.86 2,784.86"),
        Line(3, "政拨款 出"),
        Line(4, "七、文化旅游体育与"),
        Line(5, "7 39"),
        Line(6, "传媒支出"),
        Line(7, "二、机构设置"),
        Line(8, "- 5 -"),
    ]
    assert continues_table(lines, 0)
    assert continues_table(lines, 3)  # the 行次 alone (a row printing no amount)
    assert not continues_table(lines, 6)  # a page number is no row


def test_one_cell_per_line_an_amount_wrapped_after_its_point_is_joined():
    # PyMuPDF, 003's 财政拨款收支总表: `419.` / `39` (an amount wrapped in its cell), then `419.39`
    from loaders.layout.body import read_body

    texts = ["一、一般公共服务支出", "419.", "39", "419.39", "2", "二、外交支出", "52. 27", "7"]
    body = read_body([Line(n, text) for n, text in enumerate(texts, start=1)], "")
    assert body.mode == CELL
    assert [cell.text for cell in body.stream] == [
        "一、一般公共服务支出",
        "419.39",
        "419.39",
        "2",
        "二、外交支出",
        "52. 27",
        "7",
    ]


def test_one_cell_per_line_an_amount_set_on_one_line_with_the_next_cells_head_is_cut():
    # PyMuPDF: `3,353.52 一、一般公共服务支` (收支总表), `2,057.36 302` (基本支出表, the next group's code)
    from loaders.layout.body import read_body

    texts = ["301", "工资福利支出", "2,057.36 302", "商品和服务支出", "152.83", "30101", "基本工资", "473.27"]
    texts += ["3,353.52 一、一般公共服务支", "出", "7"]
    body = read_body([Line(n, text) for n, text in enumerate(texts, start=1)], "")
    assert body.mode == CELL
    assert [(cell.text, cell.kind.value) for cell in body.stream] == [
        ("301", "number"),
        ("工资福利支出", "text"),
        ("2,057.36", "number"),
        ("302", "number"),
        ("商品和服务支出", "text"),
        ("152.83", "number"),
        ("30101", "number"),
        ("基本工资", "text"),
        ("473.27", "number"),
        ("3,353.52", "number"),
        ("一、一般公共服务支", "text"),
        ("出", "text"),
        ("7", "number"),
    ]

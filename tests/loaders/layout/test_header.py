"""Header labels found by their words, when the cells of a header are not separated."""

from __future__ import annotations

from functools import partial

from loaders.document import Line
from loaders.layout.function import PHRASES, read_columns
from loaders.layout.header import printed_again, read_labels, scan, words_labels
from loaders.layout.text import line_cells


def test_words_of_one_label_are_joined_and_glued_labels_cut():
    assert words_labels(["附属单位", "上缴收入"], PHRASES) == [("附属单位上缴收入", True)]
    assert words_labels(["项", "目"], PHRASES) == [("项目", True)]
    assert scan("合计小计", PHRASES) == [("合计", True), ("小计", True)]
    assert scan("TH H", PHRASES) == [("TH H", False)]


def header(*texts: str) -> list[list]:
    return [line_cells(Line(n, text)) for n, text in enumerate(texts, start=1)]


def test_a_label_split_over_two_header_lines_is_paired_and_stands_below():
    # 003's 部门预算支出总表: 上解上级 | 对附属单位 above 支出 | 补助支出
    lines = header(
        "功能分类科目 上解上级 对附属单位", "序号 科目编码 科目名称 合计 基本支出 项目支出 经营支出 支出 补助支出"
    )
    labels = read_labels(lines, PHRASES)
    assert [label.text for label in labels[1] if label.known][-3:] == ["经营支出", "上解上级支出", "对附属单位补助支出"]


def test_the_amount_columns_come_in_the_order_the_header_prints_them():
    lines = header(
        "功能分类科目 上解上级 对附属单位", "序号 科目编码 科目名称 合计 基本支出 项目支出 经营支出 支出 补助支出"
    )
    columns = read_columns(read_labels(lines, PHRASES), "expenditure", 2)
    assert columns.serial
    assert columns.measures == (
        "total",
        "basic",
        "project",
        "operating",
        "remit_to_superior",
        "subsidy_to_subsidiary",
    )


def test_group_labels_give_way_to_the_columns_below_them():
    # 000's 政府性基金表: 本年支出 over 小计 | 基本支出 | 项目支出
    lines = header(
        "项 目 年初结转 和结余 本年收入 本年支出 年末结转 和结余", "科目编码 科目名称 小计 基本支出 项目支出"
    )
    columns = read_columns(read_labels(lines, PHRASES), "government_fund", 2)
    assert columns.measures == ("opening_balance", "income", "total", "basic", "project", "closing_balance")


def test_cells_wrapped_inside_their_cell_are_joined_in_order():
    # pdftotext -layout: each cell wrapped in its cell, the pieces of all cells interleaved by line
    lines = header(
        "项目 本年支出合 基本支 项目支 上缴上级支 经营支 对附属单位 补助支",
        "计 出 出 出 出 出",
        "科目编 科目名称",
        "码",
    )
    labels = read_labels(lines, PHRASES)
    assert [label.text for label in labels[0]] == ["项目"]
    assert [label.text for label in labels[1]] == [
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ]
    assert [label.text for label in labels[3]] == ["科目编码"]
    assert read_columns(labels, "expenditure", 2).measures == (
        "total",
        "basic",
        "project",
        "remit_to_superior",
        "operating",
        "subsidy_to_subsidiary",
    )


def test_two_readings_of_wrapped_pieces_leave_the_pieces_unjoined():
    # `经营支` and `基本支` both close with either `出`: one 出 for two open cells is two readings
    lines = header("基本支 经营支", "出")
    labels = read_labels(lines, PHRASES)
    assert not any(label.known for line in labels for label in line)


def test_a_line_of_cell_tails_ends_the_header():
    from loaders.layout.economic import PHRASES as ECONOMIC
    from loaders.layout.header import header_end

    lines = header(
        "科目编 科目名称 金额 科目编 科目名称 金",
        "码 码 额",
        "301 工资福利支出 2,057.36 302 商品和服务支出 152.83",
    )
    assert header_end(lines, 1, ECONOMIC) == 2
    assert header_end(header("科目编码 科目名称 金额", "伙食补助费", "30106 1.00"), 1, ECONOMIC) == 1


def test_a_label_wrapped_over_cells_of_the_cell_mode_is_joined():
    # PyMuPDF prints 000's 收入决算表 one cell per line, its wrapped labels as pieces (`本年收入合` `计`)
    from loaders.layout.header import cell_mode_lines

    pieces = ["项 目", "本年收入合", "计", "财政拨款收", "入", "附属单位 上缴", "收入", "科目编", "码", "科目名称"]
    cells = [line_cells(Line(n, text))[0] for n, text in enumerate([*pieces, "栏 次", "1", "2"], start=1)]
    labels = read_labels(cell_mode_lines(cells), PHRASES)
    assert [label.text for label in labels[0]] == ["项目", "本年收入合计", "财政拨款收入", "附属单位上缴收入"]
    assert [label.text for label in labels[1]] == ["科目编码", "科目名称"]  # 科目编 / 码 opens its line
    assert all(label.known for label in labels[0] + labels[1])
    columns = read_columns(labels, "income", 12)
    assert columns.measures == ("total", "fiscal_appropriation", "subsidiary_remittance")


def test_a_line_opener_wrapped_over_cells_opens_its_header_line():
    # PyMuPDF, 004's 政府性基金预算财政拨款收入支出决算表: 本年支出 (a group over 小计 | 基本支出 | 项目支出) on
    # the first header line, 小计 on the second; the second opens at `功能分类科目编` / `码`, and 序号 printed
    # as `序` / `号` stays on the line of 功能分类科目 (003)
    from loaders.layout.header import cell_mode_lines

    pieces = ["项目", "年初结转和结", "余", "本年收", "入", "本年支", "出", "年末结转和结", "余"]
    pieces += ["功能分类科目编", "码", "科目名称", "小计", "基本支", "出", "项目支", "出", "栏次", "1", "2"]
    cells = [line_cells(Line(n, text))[0] for n, text in enumerate(pieces, start=1)]
    lines = cell_mode_lines(cells)
    assert [squash_line(line) for line in lines] == [
        "项目年初结转和结余本年收入本年支出年末结转和结余",
        "功能分类科目编码科目名称小计基本支出项目支出",
        "栏次12",
    ]
    columns = read_columns(read_labels(lines, PHRASES), "government_fund", 1260)
    assert columns.measures == ("opening_balance", "income", "total", "basic", "project", "closing_balance")
    cells = [line_cells(Line(n, text))[0] for n, text in enumerate(["序", "号", "功能分类科目", "合计"], start=1)]
    assert len(cell_mode_lines(cells)) == 1


def squash_line(cells: list) -> str:
    return "".join("".join(cell.text.split()) for cell in cells)


def test_two_fragments_side_by_side_make_their_phrase():
    # PyMuPDF, 003's 部门预算收入总表 (narrow printing): `其他` / `收入上年结转`, the tool's cells cut astride
    assert words_labels(["其他", "收入上年结转"], PHRASES) == [("其他收入", True), ("上年结转", True)]


def test_a_header_printed_again_drops_with_the_line_of_cell_tails_under_it():
    # pdftotext -layout of sample 000 (tests/fixtures/extracted/pdftotext-layout/000_*, lines 292-297): the
    # 基本支出 table's header printed again on its next page, its last 金额 cell wrapped to `额` alone
    from loaders.layout.economic import PHRASES as ECONOMIC
    from loaders.layout.economic import is_header_line
    from loaders.layout.header import completes, without_headers

    tails = partial(completes, phrases=ECONOMIC)

    lines = header(
        "30302   退休费           15.11        30217   公务接待费      0.36 31012   拆迁补偿",
        "人员经费                      公用经费",
        "科目编码     科目名称     金额      科目编码        科目名称   金额 科目编码       科目名称           金",
        "                                                                          额",
        "30303    退职(役)费           30218       专用材料费        31013   公务用车购置",
    )
    kept = without_headers(lines, is_header_line, tails)
    assert [line[0].line_no for line in kept] == [1, 5]
    # a words-only line not right under a header stays (a name piece, for the names reader)
    apart = header("科目编码 科目名称 金", "30101 基本工资 1.00", "额")
    assert [line[0].line_no for line in without_headers(apart, is_header_line, tails)] == [2, 3]


# pdfplumber, narrow printing of 003's 部门预算收入总表: its narrow cells wrap their labels a character or
# two a line, centred on the header's height, so a line holds pieces of many cells: 事业收入 is `事` /
# `业` / `收` / `入` on every other line, with 财政拨款 | 收入, 财政 | 专户 | 收入 and 附属单 | 位 上缴 | 收入 between
NARROW_INCOME_HEADER = (
    "本 收 上年结转",
    "功能 定分类科目",
    "年 入 12 30.74",
    "事 经",
    "财政 上级 附属单",
    "序 科目编 财政拨款 业 营 其他",
    "科目名称 合计 小计 专户 补助 位 上缴 上年结转",
    "号 码 收入 收 收 收入",
    "收入 收入 收入",
    "入 入",
    "栏",
)


def test_labels_printed_a_character_or_two_a_line_are_joined_over_the_lines():
    labels = read_labels(header(*NARROW_INCOME_HEADER), PHRASES)
    assert {label.text for line in labels for label in line if label.known} >= {
        "序号",
        "科目编码",
        "财政拨款收入",  # 财政拨款 is a label of its own, and the longer one with the 收入 under it
        "财政专户收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",  # 位 上缴: two pieces of one line in one cell
    }
    columns = read_columns(labels, "income", 11)
    assert columns.serial
    assert columns.measures == (
        "total",
        "current_year_total",
        "fiscal_appropriation",
        "fiscal_special_account",
        "business",
        "operating",
        "superior_subsidy",
        "subsidiary_remittance",
        "other",
        "prior_year_carryover",
    )
    assert columns.unsure == frozenset()


# pdfplumber, narrow printing of 003's 部门预算支出总表
NARROW_EXPENDITURE_HEADER = (
    "上解上 对附属单",
    "功能分类科目",
    "级 位",
    "科目编 基本支 项目支 经营支",
    "序号 科目名称 合计 支出 补助支出",
    "码 出 出 出",
)


def test_columns_whose_order_a_wrapped_header_leaves_open_are_unsure():
    # pdfplumber, narrow printing of 003's 部门预算支出总表: 上解上级支出 and 对附属单位补助支出 end on one
    # line, 基本支出 | 项目支出 | 经营支出 on the next; nothing prints whether 经营支出 stands before or after
    # 上解上级支出. Both are parts of the 合计 alike, so the table is read, but an amount under them is not
    # placed unless the two columns print the same
    columns = read_columns(read_labels(header(*NARROW_EXPENDITURE_HEADER), PHRASES), "expenditure", 6)
    assert set(columns.measures) == {
        "total",
        "basic",
        "project",
        "remit_to_superior",
        "operating",
        "subsidy_to_subsidiary",
    }
    assert columns.unsure == {"remit_to_superior", "operating"}
    assert columns.agreed({0: "10.00", 3: "1.00", 4: "1.00"})
    assert columns.agreed({0: "10.00", 1: "10.00"})
    assert not columns.agreed({0: "10.00", 3: "1.50", 4: "0.50"})
    assert not columns.agreed({0: "10.00", 3: "1.50"})


def test_a_header_printed_again_is_dropped_and_a_piece_reading_as_one_of_its_lines_kept():
    # 004's 基本支出表 from a PDF: its header printed again on the next page, spaced otherwise
    head = header("经济分类科 经济分类科", "科目名称 决算数 科目名称 决算数", "目编码 目编码")
    again = ["30308 助学金 0.00", "经济分类 科 经济分类 科", "科目名称 决算数 科目名称 决算数", "目编码 目编码"]
    again.append("30309 奖励金")
    body = [line_cells(Line(n, text)) for n, text in enumerate(again, start=10)]
    assert [line[0].text for line in printed_again(body, head)] == ["30308", "30309"]
    # 001's: `人员经 公用经` over `费 费` heads its header's columns and, alone, its totals' wrapped labels
    head = header("人员经 公用经", "费 费", "科目代 科目名 决算数")
    printed = ["人员经 公用经", "466.30 36.40", "费合计 费合计"]
    totals = [line_cells(Line(n, text)) for n, text in enumerate(printed, start=40)]
    assert printed_again(totals, head) == totals
    # a header of one line printed again is dropped alone
    assert printed_again([line_cells(Line(7, "科目编码 科目名称 金额"))], header("科目编码 科目名称 金额")) == []

"""Names wrapped in cells centred on their rows (loaders.layout.centred, read by loaders.layout.names):
what pdfplumber prints, here from the sample tables re-rendered in the centred_names layout."""

from __future__ import annotations

import re

from loaders.document import Line, parse_document
from loaders.layout.body import numbering_lines
from loaders.layout.centred import Column, reading
from loaders.layout.names import always
from loaders.layout.summary import _accept, _accept_on_side, row_name_slots
from loaders.layout.text import line_cells
from loaders.layouts import Layout
from loaders.render import render_document
from loaders.rows import FunctionAmountRow, SeedRow, StatisticRow, SummaryLineRow
from tests.loaders.layout.helpers import extract, facts, fixture_text, quarantined

NAMELESS_ROW = re.compile(r"\d{3}(?:\d{2}){0,2}(?: +[\d,]+\.\d\d)+")  # a code and amounts only
SUMMARY, INCOME = "summary_000_final.txt", "function_income_000_final.txt"


def centred(*names: str, seed: int = 0) -> tuple[str, list[SeedRow]]:
    """The fixtures (as one document) re-rendered with names centred, and the rows of their tab text."""
    text = fixture_text(*names)
    rows = extract(text, "centred-test.txt")
    return render_document(
        parse_document(text.encode("utf-8"), "centred-test.txt"), rows, Layout.CENTRED_NAMES, seed
    ), rows


def test_rows_printed_as_code_and_amounts_take_the_names_set_around_them():
    # `社会保障和就业支` / `208   295.79 295.79` / `出`: a row without its name is a row of the run, so
    # the run's counts chain and each nameless row gets the pieces around it
    rendered, rows = centred(SUMMARY, INCOME)
    nameless = [line for line in rendered.split("\n") if NAMELESS_ROW.fullmatch(line.strip())]
    assert len(nameless) >= 3, nameless
    got = extract(rendered, "centred-test.txt")
    assert facts(got, FunctionAmountRow) == facts(rows, FunctionAmountRow)
    assert not [q for q in quarantined(got) if q.family == "income"]


def test_a_summary_name_with_a_piece_of_another_glued_in_is_not_a_name():
    # `使用非财政拨款结` / `28 结余分配 59` / `余`: the pieces are the income line's, not 结余分配's
    line = Line(1, "28 结余分配 59")
    cells = line_cells(line)
    assert _accept(cells, (1, 0), "使用非财政拨款结余")
    assert _accept(cells, (1, 0), "结余分配")
    assert not _accept(cells, (1, 0), "使用非财政拨款结结余分配余")
    assert _accept(cells, (1, 0), "结转下年")


def test_the_summary_reads_back_with_its_names_centred():
    rendered, rows = centred(SUMMARY, seed=0)
    got = extract(rendered, "centred-test.txt")
    assert facts(got, SummaryLineRow) == facts(rows, SummaryLineRow)


def test_a_bare_number_continuing_the_rows_numbers_is_a_row_not_a_page_number():
    # 003's 收支总表 (序号 column): row 11 prints its 序号 alone, its expenditure name around it
    texts = ["10 十、卫生健康支出  30.61", "十一、节能环保支", "11", "出", "十二、城乡社区支", "12  209.65", "出"]
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    assert numbering_lines(lines) == {2}
    # a page number between two rows that follow each other, or after the last row, is not
    pages = [Line(1, "10 十、卫生健康支出  30.61"), Line(2, "11"), Line(3, "11 十一、节能环保支出")]
    assert numbering_lines(pages) == set()
    assert numbering_lines([Line(1, "12  209.65"), Line(2, "13")]) == set()


def test_lines_printing_no_rows_number_do_not_break_the_rows_numbers():
    # pdfplumber, narrow printing of 003's 财政拨款收支总表: rows 18, 21 and 22 print their 序号 alone, next to a
    # marked page number, a header's 栏次 printed again, or the decimals of an amount cut at its point
    texts = [
        "17 十七、金融支出",
        "栏",
        "1 2 3 4 5 6 7",
        "次",
        "十八、援助其他地区",
        "18",
        "支出",
        "19",
        "26.",
        "20 二十、住房保障支出 26. 14",
        "14",
        "二十一、粮油物资储",
        "21",
        "备支出",
        "- 4 -",
        "22",
        "23 二十三、灾害防治及应急管理支出",
    ]
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    assert {texts[n] for n in numbering_lines(lines, {10})} == {"18", "19", "21", "22"}
    # the decimals taken for a row's number break the run (the tail line is the caller's to keep)
    assert {texts[n] for n in numbering_lines(lines)} == {"18", "19", "22"}


def test_statistics_items_printed_as_row_number_and_value_take_their_labels():
    # `(二) 参照公务员法管` / `6   14.44` / `理事业单位`; `1. 副部(省)级及以` / `8` / `上领导用车`
    for seed in (0, 1, 2):
        rendered, rows = centred("statistics_001_final.txt", seed=seed)
        assert any(re.fullmatch(r"\d+( +[\d.,]+)?", line.strip()) for line in rendered.split("\n"))
        got = extract(rendered, "centred-test.txt")
        assert facts(got, StatisticRow) == facts(rows, StatisticRow), seed
        assert not [q for q in quarantined(got) if q.family == "statistics"]


def test_a_reading_whose_middle_line_would_be_half_empty_is_not_a_wrapped_cell():
    # `使用非财政拨款结` / `28 结余分配 59` / `余和专用结余` (001): the pieces are the income line's name;
    # read into 结余分配 (`使用非财政拨款结` + `结余分配` + `余和专用结余`, also a name the table knows) the
    # cell's middle line would be 4 characters between lines of 8 and 6: not how a cell's text wraps
    above, main, below = (line_cells(Line(n, text)) for n, text in enumerate(TOTAL_LINES, start=1))
    columns = [Column(1, False, 0), *row_name_slots(main)]
    rebuilt, why, _ = reading(main, columns, [above], [below], _accept_on_side)
    assert why == ""
    assert [c.text for c in rebuilt or []] == ["使用非财政拨款结余和专用结余", "28", "结余分配", "59"]


TOTAL_LINES = ("使用非财政拨款结", "28 结余分配 59", "余和专用结余")


def test_around_a_row_with_one_name_every_word_of_a_line_is_that_names():
    # 003 prints `一般公共服务 支出` with a space: centred, `一般公共服务 支` / `2 201 419.39 …` / `出` — two
    # words above, one below, all of the row's one name
    above, main, below = (
        line_cells(Line(n, text)) for n, text in enumerate(("一般公共服务 支", "201  419.39  400.00", "出"), start=1)
    )
    rebuilt, why, _ = reading(main, [Column(1, True, required=True)], [above], [below], always)
    assert why == ""
    assert [c.text for c in rebuilt or []] == ["201", "一般公共服务 支出", "419.39", "400.00"]

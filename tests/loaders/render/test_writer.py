"""Laying cells out in each layout."""

from __future__ import annotations

from decimal import Decimal
from random import Random

from loaders.layouts import Layout
from loaders.render.cells import AmountStyle, Code, Money, MoneyFormat, Text
from loaders.render.writer import CellLine, write
from tests.loaders.render.helpers import FirstChoice, HeadBefore

STYLE = AmountStyle("万元", 2, True, None, False)
LINE = CellLine(
    (
        Code("2080501", "function"),
        Text("行政单位离退休", name=True),
        Money(Decimal("26.54"), STYLE),
        Money(None, STYLE),
        Money(Decimal("0"), STYLE),
        Text(""),
    )
)
NAMED = CellLine(
    (Code("2080505", "function"), Text("机关事业单位基本养老保险缴费支出", name=True), Money(Decimal("179.67"), STYLE))
)


def test_tab_keeps_empty_cells_and_text_lines():
    assert write(["注：本表…", "", LINE], Layout.TAB, FirstChoice(), MoneyFormat()) == [
        "注：本表…",
        "",
        "2080501\t行政单位离退休\t26.54\t\t0.00\t",
    ]


def test_yuan_writes_amounts_in_yuan():
    lines = write([LINE], Layout.YUAN, FirstChoice(), MoneyFormat(unit="元"))
    assert lines == ["2080501\t行政单位离退休\t265,400\t\t0\t"]


def test_space_drops_empty_cells_and_separates_by_one_to_three_spaces():
    lines = write([LINE] * 50, Layout.SPACE, Random(7), MoneyFormat())
    assert all(line.split() == ["2080501", "行政单位离退休", "26.54", "0.00"] for line in lines)
    gaps = {len(line[len("2080501") : line.index("行政")]) for line in lines}  # spaces after the code
    assert gaps == {1, 2, 3}


def test_split_codes():
    assert write([LINE], Layout.SPLIT_CODES, FirstChoice(), MoneyFormat()) == ["208 05 01 行政单位离退休 26.54 0.00"]


def test_cell_per_line():
    assert write([LINE], Layout.CELL_PER_LINE, FirstChoice(), MoneyFormat()) == [
        "2080501",
        "行政单位离退休",
        "26.54",
        "0.00",
    ]


def test_wrapped_names_tail_after_or_head_before():
    assert write([NAMED], Layout.WRAPPED_NAMES, FirstChoice(), MoneyFormat()) == [
        "2080505 机关事业单位基本 179.67",
        "养老保险缴费支出",
    ]
    assert write([NAMED], Layout.WRAPPED_NAMES, HeadBefore(), MoneyFormat()) == [
        "机关事业单位基本",
        "2080505 养老保险缴费支出 179.67",
    ]


def test_short_names_and_non_name_text_are_not_wrapped():
    line = CellLine((Text("一二三四五六七八九十", name=False), Text("行政单位离退休", name=True)))
    assert write([line], Layout.WRAPPED_NAMES, FirstChoice(), MoneyFormat()) == ["一二三四五六七八九十 行政单位离退休"]


def test_centred_names_spread_around_their_row():
    # 16 characters at 8: two pieces, one above and one below, nothing on the main line
    assert write([NAMED], Layout.CENTRED_NAMES, FirstChoice(), MoneyFormat()) == [
        "机关事业单位基本",
        "2080505 179.67",
        "养老保险缴费支出",
    ]
    # three pieces: the middle one on the main line; a short name stays on it whole
    long = CellLine((Code("2080505", "function"), Text("一二三四五六七八九十一二三四五六七八", name=True)))
    short = CellLine((*long.cells, Text("行政运行", name=True), Text("十一二三四五六七八九", name=True)))
    assert write([short], Layout.CENTRED_NAMES, FirstChoice(), MoneyFormat()) == [
        "一二三四五六七八 十一二三四五六七",
        "2080505 九十一二三四五六 行政运行",
        "七八 八九",
    ]

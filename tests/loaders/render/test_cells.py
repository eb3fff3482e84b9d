"""Writing amounts and codes: exact in any unit and at any scale, in the printed style."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.amounts import parse_amount
from loaders.render.cells import (
    AmountStyle,
    Code,
    GluedCode,
    Money,
    MoneyFormat,
    exact_decimals,
    format_code,
    format_money,
    scaled_decimals,
    split_code,
)

WAN, YUAN = "万元", "元"


def money(printed: str, unit: str = WAN) -> Money:
    return Money(parse_amount(printed, unit).wan, AmountStyle.of(printed, unit))


@pytest.mark.parametrize(
    ("printed", "style"),
    [
        ("3,610.44", AmountStyle(WAN, 2, True, None, False)),
        ("30. 61", AmountStyle(WAN, 2, None, None, False)),
        ("1214.68", AmountStyle(WAN, 2, False, None, False)),
        ("60", AmountStyle(WAN, 0, None, None, False)),
        ("58.39万元", AmountStyle(WAN, 2, None, None, True)),
        ("——", AmountStyle(WAN, 0, False, "——", False)),
    ],
)
def test_style_of_a_printed_amount(printed, style):
    assert AmountStyle.of(printed, WAN) == style


@pytest.mark.parametrize(
    ("printed", "fmt", "expected"),
    [
        ("3,610.44", MoneyFormat(), "3,610.44"),
        ("30. 61", MoneyFormat(), "30.61"),  # the OCR space is not kept
        ("0.00", MoneyFormat(), "0.00"),  # 0.00 stays a printed zero, not a blank
        ("——", MoneyFormat(), "——"),  # a dash for zero stays a dash
        ("——", MoneyFormat(unit=YUAN), "——"),
        ("3,610.44", MoneyFormat(unit=YUAN), "36,104,400"),
        ("3,610.44", MoneyFormat(unit=YUAN, grouped=False, whole_decimals=True), "36104400.00"),
        ("49.834", MoneyFormat(unit=YUAN), "498,340"),
        ("0.123456", MoneyFormat(unit=YUAN), "1,234.56"),
        ("0.1234567", MoneyFormat(unit=YUAN), "1,234.567"),  # never rounded: more decimals when needed
        ("58.39万元", MoneyFormat(unit=YUAN), "583,900元"),
        ("789.65", MoneyFormat(scale=7), "5,527.55"),
        ("789.65", MoneyFormat(scale=7, grouped=False), "5527.55"),
        ("1214.68", MoneyFormat(scale=7), "8502.76"),  # printed ungrouped above 1000: stays ungrouped
        ("3,610.44", MoneyFormat(unit=YUAN, scale=3), "108,313,200"),
        # × 10^j: j decimals fewer (a rounding difference × 10^j stays within the coarser tolerance)
        ("419.39", MoneyFormat(scale=10), "4,193.9"),
        ("400.00", MoneyFormat(scale=10), "4,000.0"),
        ("3,610.44", MoneyFormat(scale=100), "361,044"),
        ("60", MoneyFormat(scale=10), "600"),  # never below 0 decimals
        ("0.123", MoneyFormat(scale=10), "1.23"),
    ],
)
def test_format_money(printed, fmt, expected):
    assert format_money(money(printed), fmt) == expected


@pytest.mark.parametrize(
    ("decimals", "factor", "expected"),
    [(2, 1, 2), (2, 10, 1), (2, 100, 0), (2, 1000, 0), (2, 20, 1), (2, 7, 2), (0, 10, 0)],
)
def test_scaled_decimals(decimals, factor, expected):
    assert scaled_decimals(decimals, factor) == expected


def test_a_blank_amount_stays_blank_at_any_scale_and_unit():
    assert format_money(Money(None, AmountStyle(WAN, 2, None, None, False)), MoneyFormat(unit=YUAN, scale=9)) == ""


def test_an_amount_printed_in_yuan_stays_in_yuan():
    assert format_money(money("1,234,567.89", YUAN), MoneyFormat()) == "1,234,567.89"


@given(
    cents=st.integers(min_value=-(10**12), max_value=10**12),
    decimals=st.integers(min_value=0, max_value=6),
    scale=st.integers(min_value=1, max_value=10_000),
    unit=st.sampled_from([None, YUAN]),
    grouped=st.booleans(),
    whole=st.booleans(),
)
def test_written_amounts_parse_back_to_the_exact_scaled_value(cents, decimals, scale, unit, grouped, whole):
    value = Decimal(cents).scaleb(-decimals)
    style = AmountStyle(WAN, decimals, None, None, False)
    text = format_money(Money(value, style), MoneyFormat(unit, scale, grouped, whole))
    assert parse_amount(text, unit or WAN).wan == value * scale


def test_exact_decimals():
    assert [exact_decimals(Decimal(t)) for t in ("100", "1E+2", "0.10", "0.125", "0")] == [0, 0, 1, 3, 0]


@pytest.mark.parametrize(
    ("code", "split"), [("208", "208"), ("20805", "208 05"), ("2080501", "208 05 01"), ("30101", "301 01")]
)
def test_split_code(code, split):
    assert split_code(code) == split


def test_format_code():
    assert format_code(Code("2080501", "function"), split=False) == "2080501"
    assert format_code(Code("2080501", "function"), split=True) == "208 05 01"
    assert format_code(GluedCode("2120899", "其他支出"), split=True) == "212 08 99 其他支出"

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.amounts import AmountError, format_decimal, parse_amount


@pytest.mark.parametrize(
    ("cell", "unit", "wan", "rounding"),
    [
        ("3,610.44", "万元", Decimal("3610.44"), Decimal("0.01")),
        ("30. 61", "万元", Decimal("30.61"), Decimal("0.01")),  # OCR space (青龙 budget)
        ("738. 05", "万元", Decimal("738.05"), Decimal("0.01")),
        ("0.00", "万元", Decimal("0"), Decimal("0.01")),
        ("0", "万元", Decimal("0"), Decimal("1")),
        ("58.39万元", "元", Decimal("58.39"), Decimal("0.01")),  # unit in the cell wins
        ("6,103,096", "元", Decimal("610.3096"), Decimal("0.0001")),
        ("1.5元", "万元", Decimal("0.00015"), Decimal("0.00001")),
        ("３０．６１", "万元", Decimal("30.61"), Decimal("0.01")),  # full-width digits
        ("-12.50", "万元", Decimal("-12.50"), Decimal("0.01")),
    ],
)
def test_amounts_are_exact_in_wan(cell, unit, wan, rounding):
    amount = parse_amount(cell, unit)
    assert amount.wan == wan
    assert amount.rounding_unit_wan == rounding
    assert amount.printed == cell


def test_blank_is_null_and_dash_is_zero():
    assert parse_amount("").wan is None
    assert parse_amount("   ").is_blank
    dash = parse_amount("——")
    assert dash.wan == 0 and dash.rounding_unit_wan == 0 and dash.printed == "——"
    # pdfplumber prints the samples' `——` as one two-em dash (tests/fixtures/extracted/pdfplumber/001_*)
    assert parse_amount("⸺").wan == 0


@pytest.mark.parametrize("cell", ["合计", "100.00%", "1.2.3", "≥95%", "abc"])
def test_non_amounts_raise(cell):
    with pytest.raises(AmountError):
        parse_amount(cell)


def test_format_decimal_is_canonical():
    assert format_decimal(Decimal("3610.4400")) == "3610.44"
    assert format_decimal(Decimal("0.00")) == "0"
    assert format_decimal(Decimal("610.3096")) == "610.3096"
    assert format_decimal(Decimal("1E+3")) == "1000"
    assert format_decimal(None) == ""


@given(
    st.decimals(allow_nan=False, allow_infinity=False)
    | st.builds(
        lambda digits, exponent: Decimal(digits).scaleb(exponent), st.integers(-(10**40), 10**40), st.integers(-12, 12)
    )
)
@settings(max_examples=2000, deadline=None)
def test_format_decimal_is_normalize_in_plain_notation(value):
    # The fast path (str() without its trailing zeros) prints what normalize() + "f" prints, exponents,
    # signs, zeros and more digits than the context's 28 included.
    assert format_decimal(value) == ("0" if value == 0 else format(value.normalize(), "f"))

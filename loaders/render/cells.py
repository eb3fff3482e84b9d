"""The cells a rendered table line is made of, and how each is written in a given unit.

A family renderer turns a printed line into typed cells: text (copied, or a name that may be
wrapped), a subject code (that may be split `208 05 01`), or money (an amount from a fact, written
in the output unit at the output scale). The layout writer then lays the cells out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from loaders.amounts import DASH_CHARS, DASHES, UNIT_FACTORS

FUNCTION, ECONOMIC = "function", "economic"

_SUFFIX = re.compile(r"(万元|元)$")


@dataclass(frozen=True)
class Text:
    """A cell copied as printed. `name` marks a subject / line / item name (it may be wrapped)."""

    text: str
    name: bool = False


@dataclass(frozen=True)
class Code:
    """A 功能分类 (`function`) or 经济分类 (`economic`) subject code, digits only."""

    code: str
    scheme: str


@dataclass(frozen=True)
class GluedCode:
    """A code and its name printed in one cell (`2120899 其他国有土地…`)."""

    code: str
    name: str


@dataclass(frozen=True)
class AmountStyle:
    """How an amount was printed: its unit (the table's, or one written in the cell), its decimals,
    thousands separators, a dash for zero, and whether the unit was written in the cell."""

    unit: str
    decimals: int
    grouped: bool | None  # None: too small to tell
    dash: str | None
    suffix: bool

    @classmethod
    def of(cls, printed: str, table_unit: str) -> AmountStyle:
        text = re.sub(r"\s", "", unicodedata.normalize("NFKC", printed))
        if printed.strip() in DASHES or (text and set(text) <= DASH_CHARS):
            return cls(table_unit, 0, False, printed.strip(), False)
        suffix = _SUFFIX.search(text)
        unit = suffix.group(1) if suffix else table_unit
        digits = text[: suffix.start()] if suffix else text
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        whole = digits.split(".")[0].replace(",", "").replace("，", "").lstrip("-−")
        grouped = True if ("," in digits or "，" in digits) else (False if len(whole) > 3 else None)
        return cls(unit, decimals, grouped, None, bool(suffix))


@dataclass(frozen=True)
class Money:
    """An amount in 万元 (None = printed empty) and the style it was printed in."""

    wan: Decimal | None
    style: AmountStyle


Cell = Text | Code | GluedCode | Money


@dataclass(frozen=True)
class MoneyFormat:
    """How to write amounts: in which unit, multiplied by which integer factor, and how to write a
    value converted to another unit than it was printed in (thousands separators; `.00` on whole
    values)."""

    unit: str | None = None  # None: each amount in the unit it was printed in
    scale: int = 1
    grouped: bool = True
    whole_decimals: bool = False


def exact_decimals(value: Decimal) -> int:
    """The fewest decimals that write the value exactly."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def powers_of_ten(factor: int) -> int:
    """j when factor = 10^j × m with m not a multiple of 10."""
    j = 0
    while factor and factor % 10 == 0:
        factor //= 10
        j += 1
    return j


def scaled_decimals(decimals: int, factor: int) -> int:
    """The decimals to print an amount with once it is multiplied by `factor`: j fewer for a factor
    10^j (never below 0). A printed identity holds within half a unit of each term's last printed
    digit (尾数误差); multiplying every term by 10^j multiplies its residual by 10^j, and printing one
    decimal fewer per power of ten multiplies the tolerance by as much, so every identity the printed
    values kept is still kept. Any other factor k keeps the decimals and turns a residual r into k·r."""
    return max(0, decimals - powers_of_ten(factor))


def format_money(money: Money, fmt: MoneyFormat) -> str:
    """The text of an amount cell. Values are exact: never rounded, only re-expressed."""
    style = money.style
    if money.wan is None:
        return ""
    value_wan = money.wan * fmt.scale
    if style.dash is not None and value_wan == 0:
        return style.dash
    unit = fmt.unit or style.unit
    value = value_wan / UNIT_FACTORS[unit]
    needed = exact_decimals(value)
    if unit == style.unit:
        decimals = max(scaled_decimals(style.decimals, fmt.scale), needed)
        grouped = fmt.grouped if style.grouped is None else style.grouped
    elif needed == 0:
        decimals, grouped = (2 if fmt.whole_decimals else 0), fmt.grouped
    else:
        decimals, grouped = max(2, needed), fmt.grouped
    text = format(value, f"{',' if grouped else ''}.{decimals}f")
    return text + unit if style.suffix else text


def split_code(code: str) -> str:
    """`2080501` → `208 05 01`, `30101` → `301 01`."""
    parts = [code[:3]] + [code[i : i + 2] for i in range(3, len(code), 2)]
    return " ".join(parts)


def format_code(cell: Code | GluedCode, split: bool) -> str:
    code = split_code(cell.code) if split else cell.code
    return f"{code} {cell.name}" if isinstance(cell, GluedCode) else code

"""Amounts as printed (`3,610.44`, `30. 61`, `0.00`, blank, `——`, `58.39万元`) to exact 万元."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from loaders.errors import AmountError

WAN = "万元"
YUAN = "元"
# How many 万元 one printed unit is worth.
UNIT_FACTORS: dict[str, Decimal] = {WAN: Decimal(1), YUAN: Decimal("0.0001")}

DASHES = frozenset({"——", "—", "--", "-", "－", "―", "——————", "— —", "/"})
DASH_CHARS = frozenset("—-－―⸺⸻")  # a cell made only of these is a dash (zero); ⸺ ⸻: two-, three-em dashes
_NUMBER = re.compile(r"^(?P<sign>[-−])?(?P<int>\d+)(?:\.(?P<frac>\d+))?$")
_UNIT_SUFFIX = re.compile(r"(万元|元)$")


@dataclass(frozen=True)
class Amount:
    """A printed amount: its exact value in 万元 (None when the cell is empty), the text
    as printed, and the unit of its last printed digit in 万元 (its rounding unit)."""

    wan: Decimal | None
    printed: str
    rounding_unit_wan: Decimal

    @property
    def is_blank(self) -> bool:
        return self.wan is None


BLANK = Amount(None, "", Decimal(0))


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    # OCR and PDF extraction put spaces inside numbers (`30. 61`, `1 234.5`); commas group thousands.
    return re.sub(r"[\s,，]", "", text)


def parse_amount(cell: str, unit: str = WAN) -> Amount:
    """Parse one cell. `unit` is the table's printed unit; a unit written in the cell wins.

    Raises AmountError when the cell is not an amount.
    """
    parsed = _parse_amount(cell, unit)
    if isinstance(parsed, str):
        raise AmountError(parsed)
    return parsed


@lru_cache(maxsize=1 << 16)  # a hot spot: every amount cell, and header tests try cells again; Amount is immutable
def _parse_amount(cell: str, unit: str) -> Amount | str:
    """The Amount of a cell, or the reason it is not one."""
    printed = cell.strip()
    if not printed:
        return BLANK
    if printed in DASHES or set(printed) <= DASH_CHARS:
        return Amount(Decimal(0), printed, Decimal(0))
    text = _normalise(printed)
    cell_unit = unit
    suffix = _UNIT_SUFFIX.search(text)
    if suffix:
        cell_unit = suffix.group(1)
        text = text[: suffix.start()]
    match = _NUMBER.match(text)
    if not match:
        return f"not an amount: {printed!r}"
    factor = UNIT_FACTORS[cell_unit]
    value = Decimal(text.replace("−", "-")) * factor
    decimals = len(match.group("frac") or "")
    return Amount(value, printed, Decimal(1).scaleb(-decimals) * factor)


def looks_like_amount(cell: str) -> bool:
    return not isinstance(_parse_amount(cell, WAN), str)


def format_decimal(value: Decimal | None) -> str:
    """Canonical text for a seed: plain notation, no exponent, no trailing zeros."""
    if value is None:
        return ""
    if value == 0:
        return "0"
    # str() is plain notation unless the exponent is positive or the value tiny ("1E+3", "1E-7"), and
    # exact; normalize() rounds to the context's 28 digits. Within those bounds, dropping the trailing
    # zeros of str() is normalize() + "f" in a quarter of the time (seeds print ~1,700 a document).
    text = str(value)
    if len(text) <= 28 and "E" not in text and text[-1].isdigit():
        return text.rstrip("0").rstrip(".") if "." in text else text
    return format(value.normalize(), "f")

"""Function (功能分类) and economic (经济分类) subject codes."""

from __future__ import annotations

import re
from functools import lru_cache

_SPACED = re.compile(r"^\d{3}(?:\s*\d{2}){0,2}$")
_SPACE = re.compile(r"\s")

FUNCTION_LEVELS = {3: 1, 5: 2, 7: 3}
ECONOMIC_LEVELS = {3: 1, 5: 2}


@lru_cache(maxsize=1 << 14)  # the code tests of the finance parsers try every cell of every line
def normalise_code(cell: str) -> str | None:
    """`2080501`, `208 05 01`, `301 01` → digits only; None when the cell is not a code."""
    text = cell.strip()
    if not _SPACED.match(text):
        return None
    return _SPACE.sub("", text)


def function_code(cell: str) -> str | None:
    code = normalise_code(cell)
    return code if code is not None and len(code) in FUNCTION_LEVELS else None


def economic_code(cell: str) -> str | None:
    code = normalise_code(cell)
    return code if code is not None and len(code) in ECONOMIC_LEVELS else None


def parent_code(code: str) -> str | None:
    """The code one level up: 2080501 → 20805 → 208 → None."""
    return code[:-2] if len(code) > 3 else None

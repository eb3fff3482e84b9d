"""The cell grammar of the performance tables: which pieces join into one cell, what a cell may hold.

A space between two pieces is a cell boundary unless the grammar joins them: an indicator value's
operator, number and unit (`≥ 5 台`, `≤45 万元`, `1701m ²`), a label and its bracketed suffix
(`成本指标 (20分)`, `全年预算数 (A)`, `执行率 %`). Free text holding a space (a wrapped description,
a goal of several sentences) is only ever joined when the row has no reading otherwise — and then
every way of joining it is tried, the row being rebuilt only when they all agree.

Every search of the package is bounded by a count of the work it does (`Budget`): a line may cost at
most `READINGS_PER_LINE` candidate readings (each way of cutting its cells into levels and values,
each joining of its texts), an indicator block at most `STATES_PER_BLOCK` partial placements. Past
that the search stops (`TooManyReadings`) and the line or the table is quarantined with the reason:
the count depends on the printed text only, so a pathological input costs a bounded time and is
reported the same way on every machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

from loaders.parsers.performance_common import compact, is_dash, is_number, is_percent

_OPERATOR_ONLY = re.compile(r"^(?:[≥≤≧≦⩾⩽≪≫<>=＝]|>=|<=|大于|小于|等于|不低于|不少于|不高于|不超过)$")
_UNIT_ONLY = re.compile(
    r"^(?:万元|元|亿元|个|件|件次|次|人|人次|笔|分钟|小时|天|家|条|台|套|户|项|名|%|％|↑|²|m²|㎡|元/[\u4e00-\u9fff]+|万元/年)$"
)
_ENDS_NUMBER = re.compile(r"\d(?:\.\d+)?[a-zA-Z]?$")
_SUFFIX = re.compile(r"^[(（][^()（）]{0,12}[)）]$|^[%％]$")


# Budgets, as counts of work (never of time). On the samples in every layout and seed the costliest
# line tries ~1,700 readings (a wrapped text: every joining of it), the costliest table ~1,800, the
# costliest indicator block visits ~30 states; a reading costs some µs, a state some tens of µs.
READINGS_PER_LINE = 5_000
READINGS_PER_TABLE = 20_000
STATES_PER_BLOCK = 2_000
LINES_PER_BLOCK = 400  # the block's search recurses once a line
# The readings of a budget's first funding line (资金总额) that the whole table is asked to decide between,
# each at the cost of one search of the indicator block (on the samples: 2 at most).
FIRST_FUNDING_READINGS = 8


class TooManyReadings(Exception):
    """A search ran out of its budget: the line or the table is reported with `reason`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Budget:
    """A count of work left; `spend` raises TooManyReadings once it is exceeded. What a line spends is
    also spent from its table's budget (`parent`)."""

    def __init__(self, limit: int, what: str, parent: Budget | None = None) -> None:
        self.limit = limit
        self.left = limit
        self.what = what
        self.parent = parent

    def spend(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise TooManyReadings(f"too many readings: {self.what} (more than {self.limit})")
        if self.parent is not None:
            self.parent.spend(n)


def grammar_cells(pieces: Sequence[str]) -> list[str]:
    """Pieces joined where the grammar says they are one cell."""
    out: list[str] = []
    for piece in pieces:
        if out and (
            (_UNIT_ONLY.match(piece) and _ENDS_NUMBER.search(out[-1]))
            or (_SUFFIX.match(piece) and not is_number(out[-1]))
            or (_OPERATOR_ONLY.match(out[-1]) and re.match(r"^\d", piece))
        ):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def joinings(cells: Sequence[str]) -> Iterator[list[str]]:
    """Every way of joining neighbouring text cells (numbers stay alone), fewest joins first (2^n − 1
    of them for n pairs of neighbouring texts: the caller's budget bounds how many are tried)."""
    texts = [i for i in range(len(cells) - 1) if not is_value(cells[i]) and not is_value(cells[i + 1])]
    for count in range(1, len(texts) + 1):
        for chosen in _combinations(texts, count):
            out: list[str] = []
            for i, cell in enumerate(cells):
                if i - 1 in chosen:
                    out[-1] = f"{out[-1]} {cell}"
                else:
                    out.append(cell)
            yield out


def _combinations(items: Sequence[int], count: int) -> Iterator[set[int]]:
    if count == 0:
        yield set()
        return
    for n, item in enumerate(items):
        for rest in _combinations(items[n + 1 :], count - 1):
            yield {item, *rest}


def is_value(cell: str) -> bool:
    """A number, a percentage or a dash (scores, weights, rates, amounts)."""
    return is_number(cell) or is_percent(cell) or is_dash(cell)


def decimal(cell: str) -> Decimal | None:
    text = compact(cell).replace("%", "").replace("万元", "").replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None

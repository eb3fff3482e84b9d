"""The funding lines of a project table printed without tabs (项目预算执行情况: 资金总额, 其中:当年财政拨款 …).

A funding line prints a label, then amounts (numbers), 分值 / 得分 (numbers, or a dash where a line is
not scored), 执行率; with cells dropped, every order-keeping placement of the printed values in the
header's columns is tried (`value_placements`). A placement must keep the form of a funding line
(`_form_fits`: which columns are printed together, each rule checked on all 162 funding lines of the
samples' tab text) and the identity 执行率 = 执行数 / 全年预算数 where its terms are printed (得分 = 分值 ×
执行率 is no rule: a sample breaks it). When the block's first line (资金总额, which holds the budget's
分值 and 得分) still fits several ways, the whole table decides (project._budget).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from loaders.layout.performance.cells import READINGS_PER_LINE, Budget, TooManyReadings, decimal, is_value
from loaders.parsers.performance_common import is_dash, is_number, is_percent
from loaders.parsers.performance_project import AMOUNT_KEYS, BUDGET_VARIANTS, BudgetColumns, _is_amount, _is_subsequence


def amount_ok(cell: str) -> bool:
    return is_number(cell) or (_is_amount(cell) and not is_dash(cell))


def _rate(cell: str, percent: bool) -> Decimal | None:
    value = decimal(cell)
    if value is None:
        return None
    return value / 100 if percent or "%" in cell or value > 1 else value


def _budget_fits(values: dict[str, str], budget: BudgetColumns, limit: Decimal, keys: Sequence[str] = ()) -> bool:
    """The cell grammar of each column, the form of a funding line (`_form_fits`, on the columns `keys` the
    values are placed in) and the identities whose terms are printed: 执行率 = 执行数 / 全年预算数
    (printed only beside both, at most 100 %), 得分 ≤ 分值 ≤ the block's weight.

    A dash marks a line that is not scored: it stands in 分值 / 得分, never in an amount column nor in
    the 执行率 (a rate of the amounts, printed or left blank). Checked on every sample's tab text: 162
    funding lines, 71 dashes in 分值, 71 in 得分, none in 执行率 or an amount column.

    Not a rule: 得分 = 分值 × 执行率. Of the 35 funding lines of the samples' tab text printing all three
    as numbers, one does not meet it (sample 000: 分值 10, 执行率 51.30 %, 得分 8): the score is the
    department's own, not a product."""
    for key, cell in values.items():
        if key in ("declared", "initial", "full_year", "executed", "balance") and not amount_ok(cell):
            return False
        if key in ("weight", "score") and not (is_number(cell) or is_dash(cell)):
            return False
        if key == "rate" and not (is_number(cell) or is_percent(cell)):
            return False
    if not _form_fits(values, keys or budget.keys):
        return False
    if "rate" in values and not is_dash(values["rate"]):
        share = _rate(values["rate"], budget.percent_rate)
        needed = {"full_year", "executed"} & set(budget.keys)
        if share is None or share > 1 or not needed <= values.keys():
            return False
        full, executed = decimal(values.get("full_year", "")), decimal(values.get("executed", ""))
        if full and executed is not None and abs(executed / full - share) > Decimal("0.0051"):
            return False
    weight, score = decimal(values.get("weight", "")), decimal(values.get("score", ""))
    if any(v is not None and v > limit for v in (weight, score)):
        return False
    return weight is None or score is None or score <= weight


def _form_fits(values: dict[str, str], keys: Sequence[str]) -> bool:
    """Which columns a funding line prints together — facts of the table form, each checked against
    every funding line of the five samples' tab text (162 lines; none contradicts them). A rule
    on a column the header lacks does not apply.

    - a number in 分值 stands beside a printed 执行率 (37 lines print a number in 分值);
    - a number in 得分 stands beside a printed 执行率 (57 lines print a number in 得分);
    - 得分, a number or a dash, stands beside a printed 分值, a number or a dash (128 lines print 得分,
      106 of them under a 分值 column);
    - 执行率 stands beside a printed 分值 (a number or a dash) or beside every amount column (113 lines
      print 执行率, 90 of them under a 分值 column: sample 004 prints `- 100 -` beside its amounts when
      年初预算数 is blank, sample 000 prints the 执行率 alone beside all three amounts).

    Rejected, as the samples contradict them: "the scored columns are printed only when every amount
    column is" (27 lines: dashes beside no amount in 000, a blank 年初预算数 in 004), "the amounts fill the
    columns from the first one" (11 lines of 004), "分值 and 得分 are printed both or neither" (24
    lines), "a line prints its amounts in the columns of the block's first line" (3 lines of 004)."""
    printed = values.keys()
    scored = any(k in printed and not is_dash(values[k]) for k in ("weight", "score"))
    if "rate" in keys and "rate" not in printed and scored:
        return False
    if "weight" in keys and "weight" not in printed:
        if "score" in printed:
            return False
        amounts = [k for k in keys if k in AMOUNT_KEYS]
        if "rate" in printed and not all(k in printed for k in amounts):
            return False
    return True


def value_placements(count: int, keys: Sequence[str]) -> list[tuple[str, ...]]:
    """Every order-keeping placement of `count` values in the columns `keys` (C(len(keys), count) of
    them: the columns are a header's, a dozen at most)."""
    return _placements_of(count, tuple(keys))


@cache
def _placements_of(count: int, keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    if count == 0:
        return [()]
    if count > len(keys):
        return []
    out = []
    for n, key in enumerate(keys[: len(keys) - count + 1]):
        out += [(key, *rest) for rest in _placements_of(count - 1, keys[n + 1 :])]
    return out


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class FundingReadings:
    """A funding line's label, its deviation text, and every reading of its values that fits: each the
    columns it fills (header order) and their cells."""

    label: tuple[str, ...]
    readings: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    deviation: tuple[str, ...]
    count: int  # the number of printed values

    def __init__(
        self,
        label: tuple[str, ...],
        readings: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
        deviation: tuple[str, ...],
        count: int,
    ) -> None:
        self.label = label
        self.readings = readings
        self.deviation = deviation
        self.count = count

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FundingReadings) and (self.label, self.readings, self.deviation, self.count) == (
            other.label,
            other.readings,
            other.deviation,
            other.count,
        )

    def __hash__(self) -> int:
        return hash((self.label, self.readings, self.deviation, self.count))

    def cells(self, n: int = 0) -> list[str]:
        values = list(self.readings[n][1])
        while values and not values[-1] and not self.deviation:
            values.pop()
        return [*self.label, *values, *self.deviation]

    def scored(self, n: int) -> tuple[Decimal | None, Decimal]:
        """(分值, 得分) of reading n (a blank 得分 counts 0)."""
        values = dict(zip(*self.readings[n], strict=True))
        return decimal(values.get("weight", "")), decimal(values.get("score", "")) or Decimal(0)


def funding_readings(
    cells: list[str], budget: BudgetColumns, limit: Decimal = Decimal(100), work: Budget | None = None
) -> FundingReadings | str:
    """Every reading of a funding line's values in the header's columns that fits (sorted, so that the
    order never depends on a hash); a reason when a text stands among them or the count is spent."""
    label = [cells.pop(0)] if cells and not is_value(cells[0]) and not amount_ok(cells[0]) else []
    deviation = []
    if budget.has_deviation and cells and not is_value(cells[-1]) and not amount_ok(cells[-1]):
        deviation = [cells.pop()]
    if any(not is_value(c) and not amount_ok(c) for c in cells):
        return "a text among the values of a funding line"
    readings = set()
    placements = value_placements(len(cells), budget.keys)
    variant = len(cells) > len(budget.keys)
    if variant:  # a header cut short: the known layout it is part of
        placements = [v for v in BUDGET_VARIANTS if len(v) == len(cells) and _is_subsequence(budget.keys, v)]
    try:
        Budget(READINGS_PER_LINE, f"a funding line of {len(cells)} values", work).spend(len(placements))
    except TooManyReadings as exc:
        return exc.reason
    for keys in placements:
        values = dict(zip(keys, cells, strict=True))
        columns = tuple(keys) if variant else tuple(budget.keys)
        if _budget_fits(values, budget, limit, columns):
            readings.add((columns, tuple(values.get(k, "") for k in columns)))
    return FundingReadings(tuple(label), tuple(sorted(readings)), tuple(deviation), len(cells))


def budget_line(
    cells: list[str], budget: BudgetColumns, limit: Decimal = Decimal(100), work: Budget | None = None
) -> list[str] | str:
    """The canonical cells of a funding line (label, the values in header order, a reason); a reason
    when the printed values fit the columns in more than one way or none."""
    found = funding_readings(cells, budget, limit, work)
    if isinstance(found, str):
        return found
    if len(found.readings) != 1:
        return funding_reason(found, budget)
    return found.cells()


def funding_reason(found: FundingReadings, budget: BudgetColumns) -> str:
    ways = len(found.readings)
    return f"the {found.count} values of a funding line fit its {len(budget.keys)} columns in {ways} ways"

"""项目支出绩效自评表 and 绩效目标表 printed without tabs → the tab lines of parsers.performance_project.

The table is walked block by block, each block's rows known by their vocabulary: project information
(项目名称 | 主管部门 | 实施单位 | 联系电话 …), the budget header and its funding lines, the 资金管理情况
block, the goal block, the indicator header and its lines, the 总分 line, the analysis texts.

- Funding lines: a label, then amounts (numbers), 分值 / 得分 (numbers, or a dash where a line is not
  scored), 执行率; with cells dropped, every order-keeping placement of the printed values in the
  header's columns is tried. A placement must keep the form of a funding line (`_form_fits`: which
  columns are printed together, each rule checked on all 162 funding lines of the samples' tab text)
  and the identity 执行率 = 执行数 / 全年预算数 where its terms are printed (得分 = 分值 × 执行率 is no
  rule: a sample breaks it). When the block's first line (资金总额, which holds the budget's 分值 and
  得分) still fits several ways, the whole table decides: the one reading whose 分值 and 得分 let the
  indicator block meet the sums below is taken (at most cells.FIRST_FUNDING_READINGS readings tried,
  one bounded search each).
- Indicator lines: levels (一级/二级 vocabulary; `成本指标` is 一级 when a 二级指标 follows it on its
  line or it carries a weight), one 三级指标, the values in header order (分值/得分 numbers, 得分 ≤
  分值). All the lines of the block are placed at once: Σ 得分 of the lines = the printed 总分 less the
  budget's and the 资金管理's 得分, Σ 分值 = the total weight (printed, or 100 when the budget line is
  weighted) less theirs. These sums are the document's, not always kept: of the 47 自评表 with a 总分 in
  the samples' tab text, 40 meet both (000 ×2 and 001 ×1 miss Σ 得分; in 4 tables of 004 the
  分值 and 得分 read from the tab text add up to less than the 总分 line). A block that meets them in
  no way or several is rebuilt line by line where each line has one reading, reported otherwise.
- The analysis lines: labels, then one text (`_analysis`).

- A 目标表 (targets only: no scores, no sums): the goal above its indicator header is read as the tab
  text's goal printed without tabs is (`_target_goal`), a numbered goal printed under the header too
  (`_without_goal_lines`); each indicator line is decided alone, a line printing its 三级指标 read
  only with its 指标值 (`_target_prepare`).

The cells of a line printed with spaces: a gap of two spaces or more is always between cells
(`cells.set_apart`); a level name or a target value is always a whole cell (`cells.whole_cell`); a cell
holding a space between two Chinese characters is one wrapped text whose lines some column width fits
(`wrapcells.wrapped_text_fits`: `指导、督导的乡镇数 反映进行指导、督导的乡镇` is no 三级指标); a cell
printed twice is dropped as the parser drops it. A line read several ways is reported, its levels kept
when every reading agrees on them; a line it may continue, or that may continue it, is reported with it
(`_unsure_around_reported`). The header printed again on the next page continues the block.

A reading is accepted only when it is the only one (or all agree); otherwise the line is reported,
alone when its facts stand alone, else with its whole table (LayoutError). Each line's readings and
the block's joint placement are searched within a budget (cells.READINGS_PER_LINE,
cells.STATES_PER_BLOCK); a line or block past it is reported as `too many readings`.

A 自评表 printed one whole cell per line (`_cell_stream`) has its rows found as well as its columns:
its blocks are cut into rows by what their cells are (`cellrows`), and its indicator cells into lines
by the indicator search over runs of cells (`StreamPrepared`: a stricter line form, `_stream_line`,
and a 一级指标's printed weight as a further identity); the lines every placement agrees on are
rebuilt and the cells between them reported. A 目标表 so printed has its indicator cells cut into lines
at their level names (each of its lines prints its 二级指标: `_target_cells`), each line then read alone.

A 自评表 printed one piece of a wrapped cell per line (PyMuPDF, `_piece_stream`) has its labels and
block values joined first (`piececells`); its indicator pieces are cut into cells by the same search
(`_joined_runs`: runs that may each be one cell, `wrapcells.one_cell`).

A 自评表 printed mostly one piece a line is tried in that order: whole cells (`_cell_stream`: its cut
into the form's blocks fails on pieces of a label), then wrapped cells centred on their rows
(`_wrapped`), then pieces (`_piece_stream`). The whole-cell reading comes first because it is the
cheap one to refuse: the rows are the same in either order on every sample in every layout, every
real tool's fixture and the bench corpus's one-cell-per-line documents, and this order skips the
centred search, about a third of such a document's time.

A 自评表 the space mode cannot read (or printed mostly one piece a line) is tried as a PDF tool's text
whose wrapped cells sit vertically centred on lines of their own (`_wrapped`, see `wrapped`): when
exactly one cut into rows fits the form, its rows are walked as above, except that an indicator block
left undecided is reported line by line (its header kept: it tells the layout) instead of with the
table, and the lines after the 总分 row are reported. Otherwise the space mode's reason stands.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache, partial

from loaders.document import clean_cell
from loaders.indicators import QUANTITY, parse_indicator
from loaders.layout.performance.cellrows import STREAM, cell_rows, is_column
from loaders.layout.performance.cells import (
    FIRST_FUNDING_READINGS,
    LINES_PER_BLOCK,
    READINGS_PER_LINE,
    READINGS_PER_TABLE,
    STATES_PER_BLOCK,
    Budget,
    TooManyReadings,
    decimal,
    grammar_cells,
    is_value,
    joinings,
    set_apart,
    whole_cell,
)
from loaders.layout.performance.piececells import whole_cells
from loaders.layout.performance.pieces import detect_mode, rows_of, table_lines
from loaders.layout.performance.wrapcells import join, one_cell, wrapped_text_fits
from loaders.layout.performance.wrapped import wrapped_rows
from loaders.layout.result import Canonical, LayoutError, Problem, tab_line
from loaders.layout.text import CELL, SPACE, is_marked_page_number
from loaders.parsers.performance_common import (
    FUND_MANAGEMENT_LABEL,
    LEVEL_AMBIGUOUS,
    IndicatorColumns,
    _keywords_in,
    compact,
    grade_of,
    indicator_header,
    info_label,
    is_dash,
    is_noise,
    is_number,
    is_percent,
    level_of,
    printed_weight,
)
from loaders.parsers.performance_project import (
    _NUMBERED,
    _TOTAL,
    AMOUNT_KEYS,
    ANALYSIS_OUTER,
    BUDGET_VARIANTS,
    GOAL_LABELS,
    BudgetColumns,
    _budget_key,
    _goal_like,
    _is_amount,
    _is_subsequence,
    _runs_together,
    budget_header,
    plain_goal_cells,
)

LEVEL_LABELS = {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标"}
VALUE_LABELS = {
    "description": "指标描述",
    "basis": "指标值确定依据",
    "adjusted": "调整后指标值",
    "actual": "实际完成值",
    "target": "指标值",
    "weight": "分值",
    "score": "得分",
    "deviation_rate": "偏差度",
    "deviation": "偏差原因分析及改进措施",
}
_BUDGET_BLOCK = re.compile(r"^项目(?:预算执行情况|资金)|^资金预算安排")
_MANAGEMENT = ("资金管理情况", "情况说明", "存在问题和改进措施")
# The analysis topics the samples print (each main form, and the shorter forms 001 prints in one table).
ANALYSIS_TOPICS = frozenset(
    {
        "自评结果分析",
        "项目实施和预算执行情况",
        "项目实施的预算执行情况及分析",
        "产出情况及分析",
        "产出情况",
        "效益情况及分析",
        "效益情况",
        "满意度情况及分析",
        "满意度情况",
        "主要经验做法",
        "项目管理中存在的主要问题及原因分析",
        "项目管理中存在的问题及原因分析",
        "下一步改进措施及管理建议",
    }
)
ROUNDING = Decimal("0.01")


@dataclass(frozen=True)
class Totals:
    """What the 汇总表 checks against: a project table's name and printed 总分."""

    name: str
    score: Decimal | None


def totals_of(table) -> Totals:  # type: ignore[no-untyped-def]
    from loaders.parsers.base import TableContext
    from loaders.parsers.performance_project import parse_self_evaluation
    from loaders.rows import ProjectRow

    result = parse_self_evaluation(table, TableContext("", "", "", table.unit))
    project = next(row for row in result.rows if isinstance(row, ProjectRow))
    return Totals(project.project_name, project.total_score)


# --- what a cell is ----------------------------------------------------------------------------------


def _is_goal_label(cell: str) -> bool:
    return bool(GOAL_LABELS.match(compact(cell)))


def _amount_ok(cell: str) -> bool:
    return is_number(cell) or (_is_amount(cell) and not is_dash(cell))


# --- funding lines -----------------------------------------------------------------------------------


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
        if key in ("declared", "initial", "full_year", "executed", "balance") and not _amount_ok(cell):
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


def _placements(count: int, keys: Sequence[str]) -> list[tuple[str, ...]]:
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


@dataclass(frozen=True)
class FundingReadings:
    """A funding line's label, its deviation text, and every reading of its values that fits: each the
    columns it fills (header order) and their cells."""

    label: tuple[str, ...]
    readings: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    deviation: tuple[str, ...]
    count: int  # the number of printed values

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
    label = [cells.pop(0)] if cells and not is_value(cells[0]) and not _amount_ok(cells[0]) else []
    deviation = []
    if budget.has_deviation and cells and not is_value(cells[-1]) and not _amount_ok(cells[-1]):
        deviation = [cells.pop()]
    if any(not is_value(c) and not _amount_ok(c) for c in cells):
        return "a text among the values of a funding line"
    readings = set()
    placements = _placements(len(cells), budget.keys)
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
        return _funding_reason(found, budget)
    return found.cells()


def _funding_reason(found: FundingReadings, budget: BudgetColumns) -> str:
    ways = len(found.readings)
    return f"the {found.count} values of a funding line fit its {len(budget.keys)} columns in {ways} ways"


# --- indicator lines ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    cells: tuple[str, ...]  # canonical cells of the line
    weight: Decimal
    score: Decimal
    levels: tuple[str, ...]


def _prefix(cells: Sequence[str], columns: IndicatorColumns) -> dict[str, str] | None:
    """noise, levels and the 三级指标 of a line's first cells."""
    found: dict[str, str] = {}
    rest = list(cells)
    while rest and is_noise(rest[0]) and "level1" not in found:
        found["noise"] = f"{found.get('noise', '')} {rest.pop(0)}".strip()
    for n, cell in enumerate(rest):
        text = compact(cell)
        following = rest[n + 1] if n + 1 < len(rest) else ""
        level: int | None
        if text in LEVEL_AMBIGUOUS:
            level = 1 if level_of(following, 99, None) == 2 else 2
        else:
            level = level_of(cell, 99, None)
        if level is not None:
            key = f"level{level}"
            if key in found or "level3" in found or (level == 1 and "level2" in found):
                return None
            found[key] = cell
            continue
        if "level3" in found or not columns.has_level3 or is_number(cell) or is_percent(cell) or not cell:
            return None
        found["level3"] = cell
    return found


# Asked for every value of every placement of every cut of an indicator line: memoised (bounded).
@lru_cache(maxsize=8192)
def _value_fits(key: str, cell: str) -> bool:
    """分值 / 得分: numbers (a dash: not scored) up to 100; 偏差度: a rate; 偏差原因: a text, not a value;
    no value names a 一级/二级指标 (those are the level vocabulary)."""
    if level_of(cell, 99, None) is not None or compact(cell) in LEVEL_AMBIGUOUS:
        return False
    if key in ("weight", "score"):
        value = decimal(cell)
        return is_dash(cell) or (is_number(cell) and value is not None and value <= 100)
    if key == "deviation":
        return not is_value(cell)
    if key == "deviation_rate":
        return is_dash(cell) or is_percent(cell) or is_number(cell)
    return True


def indicator_readings(cells: Sequence[str], columns: IndicatorColumns, budget: Budget | None = None) -> set[Reading]:
    """Every reading of a line's cells: each cut into levels + 三级指标 and values, each order-keeping
    placement of the values in the header's columns, that the grammar accepts. Each cut and each
    placement tried costs one unit of `budget`."""
    budget = budget or Budget(READINGS_PER_LINE, "an indicator line")
    keys = columns.value_keys
    readings: set[Reading] = set()
    for split in range(len(cells) + 1):
        budget.spend()
        prefix = _prefix(cells[:split], columns)
        if prefix is None:
            continue
        values = cells[split:]
        placements = _placements(len(values), keys)
        budget.spend(len(placements))
        for placed in placements:
            found = dict(zip(placed, values, strict=True))
            if not all(_value_fits(k, v) for k, v in found.items()):
                continue
            if "deviation" in found and is_number(found["deviation"]) and "score" not in found:
                continue
            weight, score = decimal(found.get("weight", "")), decimal(found.get("score", ""))
            if weight is not None and score is not None and score > weight:
                continue
            if not found and "level3" not in prefix and not any(k.startswith("level") for k in prefix):
                continue
            if "level3" not in prefix and columns.has_level3 and set(found) - {"description", "deviation"}:
                continue  # values follow their 三级指标 (a line without one only continues a text)
            line = _indicator_cells(prefix, found, columns)
            levels = tuple(prefix.get(k, "") for k in ("level1", "level2"))
            readings.add(Reading(line, weight or Decimal(0), score or Decimal(0), levels))
    return readings


def indicator_header_cells(columns: IndicatorColumns) -> list[str]:
    return [LEVEL_LABELS[k] for k in _level_keys(columns)] + [VALUE_LABELS[k] for k in columns.value_keys]


def _level_keys(columns: IndicatorColumns) -> list[str]:
    """The level columns a header prints, in order: a line's cells are these, then its values."""
    return [k for k in ("level1", "level2", "level3") if k in columns.positions]


def _line_keys(columns: IndicatorColumns) -> list[str]:
    """The column of each of a line's cells, in order: its levels, then its values."""
    return [*_level_keys(columns), *columns.value_keys]


def _indicator_cells(prefix: dict[str, str], values: dict[str, str], columns: IndicatorColumns) -> tuple[str, ...]:
    levels = _level_keys(columns)
    cells = [prefix.get(k, "") for k in levels]
    if "noise" in prefix:
        at = levels.index("level1") if "level1" in levels and "level1" not in prefix else 0
        cells[at] = f"{prefix['noise']} {cells[at]}".strip() if cells[at] else prefix["noise"]
    return (*cells, *(values.get(k, "") for k in columns.value_keys))


# --- the indicator block as one search ----------------------------------------------------------------


Solution = tuple[tuple[int, Reading], ...]  # (first unit, reading) of each indicator line


@dataclass
class Search:
    """Indicator lines placed jointly: `options(i)` gives, from unit i, the readings of a line and the
    unit after it; a solution covers all units and meets the sums (when known). Each state (line, Σ得分,
    Σ分值 so far) visited costs one unit of `budget`."""

    count: int
    options: Callable[[int], list[tuple[int, Reading]]]
    score: Decimal | None
    weight: Decimal | None
    budget: Budget = field(default_factory=lambda: Budget(STATES_PER_BLOCK, "placements of an indicator block"))
    memo: dict[tuple[int, Decimal, Decimal], tuple[int, Solution]] = field(default_factory=dict)

    def solve(self, i: int = 0, score: Decimal = Decimal(0), weight: Decimal = Decimal(0)) -> tuple[int, Solution]:
        """(number of distinct solutions, capped at 2; one solution)."""
        if i == self.count:
            ok = (self.score is None or abs(score - self.score) <= ROUNDING) and (
                self.weight is None or abs(weight - self.weight) <= ROUNDING
            )
            return (1, ()) if ok else (0, ())
        key = (i, score, weight)
        if key in self.memo:
            return self.memo[key]
        self.budget.spend()
        total = 0
        witness: Solution = ()
        seen: Solution | None = None
        for end, reading in self.options(i):
            found, rest = self.solve(end, score + reading.score, weight + reading.weight)
            if not found:
                continue
            solution = ((i, reading), *rest)
            if seen is None:
                seen, witness = solution, solution
                total = found
            elif _cells(solution) != _cells(seen) or found > 1:
                total = 2
            if total > 1:
                break
        self.memo[key] = (total, witness)
        return total, witness


def _reading_order(reading: Reading) -> tuple[tuple[str, ...], Decimal, Decimal, tuple[str, ...]]:
    return reading.cells, reading.weight, reading.score, reading.levels


def _cells(solution) -> tuple:  # type: ignore[no-untyped-def]
    return tuple(reading.cells for _, reading in solution)


# --- the walker --------------------------------------------------------------------------------------


Texts = dict[str, set[str]]  # the texts indicator lines print in a column, by its key (NAME_KEYS)
# The indicator columns that name an indicator: the same indicator printed in several projects' tables
# prints the same texts there (its values, basis and reasons are the project's own).
NAME_KEYS = frozenset({"level3", "description"})
READ_WAYS = "an indicator line read "  # the reason a line read several ways is reported with


@dataclass
class Out:
    """A table's canonical lines, its reported lines, and the work its lines may still cost. `known`:
    the texts the document's project tables print in each indicator column, on lines decided alone
    (`rebuild_tables`' first pass); `texts`: this table's, gathered as its indicator lines are rebuilt."""

    lines: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    work: Budget = field(default_factory=lambda: Budget(READINGS_PER_TABLE, "the lines of a table"))
    known: Texts = field(default_factory=dict)
    texts: Texts = field(default_factory=dict)

    def emit(self, line_no: int, cells: Sequence[str]) -> None:
        self.lines.append(tab_line(line_no, list(cells)))

    def indicator(self, line_no: int, cells: Sequence[str], columns: IndicatorColumns) -> None:
        """An indicator line rebuilt: emitted, and its texts gathered."""
        self.emit(line_no, cells)
        for key, cell in zip(_line_keys(columns), cells, strict=True):
            if cell and key in NAME_KEYS:
                self.texts.setdefault(key, set()).add(cell)


_BLOCK_LABELS = frozenset({"年度绩效指标", "绩效指标", "项目绩效指标"})


def _kind(cell: str) -> str | None:
    """The block a row starting with this cell opens (None: a data cell)."""
    text = compact(cell)
    if info_label(cell) is not None:
        return "info"
    if _BUDGET_BLOCK.match(text):
        return "budget"
    if text in _MANAGEMENT[:2]:
        return "management"
    if _is_goal_label(cell) and text not in ("目标", "绩效目标"):
        return "goal"
    if text in _BLOCK_LABELS or text == "一级指标":
        return "indicators"
    if text in _TOTAL:
        return "total"
    if text in ANALYSIS_OUTER:
        return "analysis"
    return None


def canonicalise(table, known: Texts | None = None, texts: Texts | None = None) -> Canonical:  # type: ignore[no-untyped-def]
    """The table's canonical lines. Printed with spaces, its indicator lines read several ways are
    decided by the texts the document prints elsewhere (`known`, see `_known_reading`), and the texts
    of the lines it rebuilds are added to `texts`."""
    lines = table_lines(table.lines, table.title)
    mode = detect_mode(lines)
    rows = rows_of(lines, SPACE)
    if not rows:
        return Canonical()
    target = table.family == "performance_target"
    if mode == CELL:
        read = (_target_cells,) if target else (_cell_stream, _wrapped, _piece_stream)
        wrapped = next((found for reader in read if (found := reader(lines)) is not None), None)
        if wrapped is None:
            raise LayoutError(
                "a project table printed one cell per line: its rows cannot be told apart (not rebuilt)",
                rows[0].line_no,
            )
        return wrapped
    units = [_spaced_unit(r.line_no, tuple(grammar_cells(r.pieces)), r.text) for r in rows]
    out = Out(known=known or {})
    try:
        _walk(units, out, target)
    except LayoutError:
        if target:
            raise
        wrapped = _wrapped(lines)
        if wrapped is None:
            raise
        return wrapped
    if target:  # its goal lines under the indicator header were emitted ahead of the block's lines
        out.lines.sort(key=lambda line: line.no)
    if texts is not None:
        for key, cells in out.texts.items():
            texts.setdefault(key, set()).update(cells)
    return Canonical(tuple(out.lines), tuple(out.problems))


def _wrapped(lines: Sequence) -> Canonical | None:  # type: ignore[type-arg]
    """A 自评表 whose wrapped cells are printed on lines of their own (a PDF tool's text), read by the
    form (`wrapped`): None when no single cut of its lines into rows fits. Its indicator block, when
    its lines are not decided, and the lines after its 总分 row are reported; its other rows must be
    read, or the table is reported whole (LayoutError)."""
    found = wrapped_rows([(line.no, line.text) for line in lines], _reads_as_indicator)
    if isinstance(found, str):
        return None
    rows, after = found
    units = [Unit(row.line_no, row.cells, row.text, row.alternatives) for row in rows]
    out = Out()
    _walk(units, out, False, lenient="with wrapped cells")
    texts = {line.no: line.text for line in lines}
    reason = "a line after the 总分 row printed with wrapped cells: not rebuilt"
    out.problems.extend(Problem(no, reason, texts[no]) for no in after)
    return Canonical(tuple(out.lines), tuple(out.problems))


def _cell_stream(lines: Sequence) -> Canonical | None:  # type: ignore[type-arg]
    """A 自评表 printed one whole cell per line (`cellrows`): its blocks' rows cut by what their cells
    are, its indicator lines found by the indicator search over the block's cells (`StreamPrepared`).
    None when its cells cannot be cut into the form's blocks."""
    return _streamed(lines, [(line.no, clean_cell(line.text)) for line in lines], "one cell per line", _stream_prepare)


def _piece_stream(lines: Sequence) -> Canonical | None:  # type: ignore[type-arg]
    """A 自评表 printed one piece of a wrapped cell per line (`piececells`): its labels and its blocks'
    values joined into cells, its indicator block's pieces into cells and lines by the indicator search
    (`_piece_prepare`). None when its pieces cannot be joined into the form's cells."""
    printed = [(line.no, clean_cell(line.text)) for line in lines]
    pieces = [(no, piece) for no, text in printed if not is_marked_page_number(text) for piece in _pieces_of(text)]
    cells = whole_cells(pieces, _kind, ANALYSIS_TOPICS)
    if isinstance(cells, str):
        return None
    return _streamed(lines, cells, "wrapped one piece a line", _piece_prepare)


def _pieces_of(text: str) -> list[str]:
    """A printed line's pieces: the line, or the values and grades it holds apart (`57.88 5.79`,
    `91.79 优`: cells a tool put on one line)."""
    words = text.split()
    if len(words) > 1 and all(is_value(word) or grade_of(word) is not None for word in words):
        return words
    return [text]


def _streamed(lines: Sequence, cells: Sequence[tuple[int, str]], lenient: str, prepare: Preparer) -> Canonical | None:  # type: ignore[type-arg]
    found = cell_rows(cells, _kind, ANALYSIS_TOPICS)
    if isinstance(found, str):
        return None
    texts = {line.no: line.text for line in lines}
    units = [Unit(no, cells, texts[no] if text == STREAM else text) for no, cells, text in found if cells]
    out = Out()
    _walk(units, out, False, lenient=lenient, prepare=prepare)
    out.problems.extend(Problem(no, reason, texts[no]) for no, cells, reason in found if not cells)
    return Canonical(tuple(out.lines), tuple(sorted(out.problems, key=lambda p: p.line_no)))


def _target_cells(lines: Sequence) -> Canonical | None:  # type: ignore[type-arg]
    """A 目标表 printed one whole cell per line. Its lines above the indicator header are its goal, read
    as a space-printed 目标表's are (`_target_goal`: text lines, not cells). Under the header its
    indicator lines are cut at their levels: each line of a 目标表 prints its 二级指标 (and its 一级指标
    where the merged cell is printed), so a line is a run of level names and the cells up to the next
    level name, each cell its own (none joined). The header printed again on the next page is dropped;
    the cells between it and the next level name continue a cell of the line above, which column not
    known: they and that line are reported. So are the extraction's debris printed before a line's levels
    (in the tab text, that line's 一级指标 cell) and the lines on both sides of it: it may as well end the
    line above. A line reported keeps its levels (they carry down). Each other line is then read as printed
    (`_indicators`). Above the header, cells printed one a line are known to be on lines of their own only
    where blank lines part them: a cell that is no goal among other cells leaves the goal unknown (and
    how many lines the parser would quarantine), and the table is reported. None when the lines above
    the header are not a goal, or no header is found, or a cell comes before any level name."""
    at = next((n for n, line in enumerate(lines) if _kind(clean_cell(line.text)) == "indicators"), None)
    if at is None:
        return None
    start = _target_start(lines[:at])
    cells = [(line.no, text) for line in lines[at:] if (text := clean_cell(line.text))]
    width = next((n for n, (_, text) in enumerate(cells) if not is_column(text)), len(cells))
    header = tuple(text for _, text in cells[:width])
    # A cell naming several columns (`二级指标 三级指标`, merged) stands for them all: the tab text prints
    # an empty cell after it for each further column, which printed one a line are dropped.
    spread = tuple(c for text in header for c in (text, *[""] * (len(_keywords_in(text)) - 1)))
    columns = indicator_header(spread)
    if start is None or columns is None:
        return None
    out = Out()
    cut = _target_lines(cells[width:], header, out)
    if cut is None:
        return None
    rows, reported = cut
    units = [*start, Unit(cells[0][0], spread, " ".join(header))]
    for n, row in enumerate(rows):
        texts = tuple(text for _, text in row)
        unit = Unit(row[0][0], texts, " / ".join(texts), apart=frozenset(range(1, len(texts))))
        if n in reported:
            _reported_target_line(unit, reported[n], columns, out)
        else:
            units.append(unit)
    _walk(units, out, True)
    out.lines.sort(key=lambda line: line.no)
    return Canonical(tuple(out.lines), tuple(sorted(out.problems, key=lambda p: p.line_no)))


def _target_start(lines: Sequence) -> list[Unit] | None:  # type: ignore[type-arg]
    """The units above a 目标表's header printed one cell per line, read as goal lines (None: they open
    another block of the form). LayoutError when a cell that is no goal sits among other cells."""
    start = [_spaced_unit(r.line_no, tuple(grammar_cells(r.pieces)), r.text) for r in rows_of(lines, SPACE)]
    if any(kind != "start" for kind, _ in _blocks(start)):
        return None
    for run in _runs_of_lines(start):
        garbled = next((unit for unit in run if not _goal_like(plain_goal_cells(unit.text))), None)
        if garbled is not None and len(run) > 1:
            why = "a cell above the indicator header that is no goal text beside other cells: its line not known"
            raise LayoutError(why, garbled.line_no)
    return start


Cells = list[tuple[int, str]]  # (line number, text) of cells printed one a line


def _target_lines(cells: Cells, header: tuple[str, ...], out: Out) -> tuple[list[Cells], dict[int, str]] | None:
    """A 目标表's indicator cells cut into lines at their level names, and the lines (by index) to report
    with the reason; the cells reported on their own go to `out`. None when a cell comes before any
    level name."""
    rows: list[Cells] = []
    continued: Cells | None = None  # cells after the header printed again, before a level name
    reported: dict[int, str] = {}

    def report(cont: Cells) -> None:
        if cont and rows:
            reported[len(rows) - 1] = "an indicator line the cells printed after the header's repeat may continue"
        why = "a cell continuing a cell of the line above the header printed again: which column not known"
        out.problems.extend(Problem(no, why, text) for no, text in cont)

    i, width = 0, len(header)
    while i < len(cells):
        if tuple(text for _, text in cells[i : i + width]) == header:  # printed again on the next page
            i += width
            continued = []
            continue
        no, text = cells[i]
        i += 1
        if is_noise(text) and i < len(cells) and _levels_named(cells[i][1]):
            # the extraction's debris before a line's levels: the parser takes it as that line's (its 一级指标
            # column), but it may as well end the line above; both lines are reported
            out.problems.append(Problem(no, "extraction debris between two indicator lines, of either", text))
            why = "an indicator line beside extraction debris printed one a line, which may be in its row"
            reported.update({len(rows) - 1: why, len(rows): why})
            continue
        named = _levels_named(text)
        if continued is not None and not named:
            continued.append((no, text))
            continue
        if continued is not None:
            report(continued)
            continued = None
        heads = bool(rows) and len(rows[-1]) == 1 and "level1" in _levels_named(rows[-1][0][1])
        if named and not (heads and "level2" in named):
            rows.append([(no, text)])
        elif rows:
            rows[-1].append((no, text))
        else:
            return None  # an indicator cell before any level name: the lines cannot be cut at their levels
    report(continued or [])
    return rows, reported


def _reported_target_line(unit: Unit, reason: str, columns: IndicatorColumns, out: Out) -> None:
    """A 目标表 line reported, its levels kept as a line of their own (they carry down to the lines below)."""
    try:
        found = _line_readings(unit.cells, columns, out.work, unit.apart)
    except TooManyReadings as exc:
        raise LayoutError(exc.reason, unit.line_no) from None
    unknown = "a reported indicator line whose levels (carried down) are not known"
    _reported_keeping_levels(unit, found, reason, unknown, columns, out)


def _runs_of_lines(units: Sequence[Unit]) -> list[list[Unit]]:
    """Units of consecutive lines with text: cells printed one a line are known to be on separate printed
    lines only where a blank line parts them."""
    runs: list[list[Unit]] = []
    for unit in units:
        if not unit.text.strip():
            continue
        if runs and runs[-1][-1].line_no + 1 == unit.line_no:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def _reads_as_indicator(cells: Sequence[str], columns: IndicatorColumns) -> bool:
    return bool(indicator_readings(cells, columns))


@dataclass(frozen=True)
class Unit:
    """A printed row: its cells by the grammar (and, for an indicator line read from wrapped cells, the
    other cells its printed lines may hold: `alternatives`; for a line printed with spaces, the cells a
    wide gap sets apart from the one before: `apart`, never joined to it)."""

    line_no: int
    cells: tuple[str, ...]
    text: str
    alternatives: tuple[tuple[str, ...], ...] = ()
    apart: frozenset[int] = frozenset()


def _spaced_unit(line_no: int, cells: tuple[str, ...], text: str) -> Unit:
    return Unit(line_no, cells, text, apart=set_apart(text, cells))


def _blocks(units: Sequence[Unit]) -> list[tuple[str, list[Unit]]]:
    """The units cut into blocks at each row that opens one (its first cell's vocabulary). A block's label
    printed at the head of a data line is the label of the rows it spans, printed where the PDF centred
    it (sample 004): inside the indicator block, a line opening with `绩效指标` but no header; in the
    budget block, `资金管理情况` before a funding line's label and values (the 资金管理 block opens at
    its `情况说明` header)."""
    blocks: list[tuple[str, list[Unit]]] = [("start", [])]
    for unit in units:
        kind = _kind(unit.cells[0]) if unit.cells else None
        if kind == "indicators" and blocks[-1][0] == "indicators":
            header = indicator_header(list(unit.cells))
            if header is None:
                kind = None  # `绩效指标` printed at the head of a data line: the label of the rows it spans
            elif _same_header(header, blocks[-1][1][0]):
                continue  # the header printed again on the next page: the block goes on under it
        if kind == "management" and blocks[-1][0] == "budget" and _funding_under_label(unit.cells):
            kind = None  # `资金管理情况` printed at the head of the budget's last funding line
        if kind is not None and blocks[-1][0] != "analysis":
            blocks.append((kind, [unit]))
        else:
            blocks[-1][1].append(unit)
    return [(kind, block) for kind, block in blocks if block]


def _same_header(columns: IndicatorColumns, header: Unit) -> bool:
    """Whether an indicator header names the same columns as a block's header line."""
    first = indicator_header(list(header.cells))
    return first is not None and indicator_header_cells(first) == indicator_header_cells(columns)


def _walk(units: Sequence[Unit], out: Out, target: bool, lenient: str = "", prepare: Preparer | None = None) -> None:
    """The table's blocks rebuilt in order. `lenient` (how the table was printed: `with wrapped cells`,
    `one cell per line`): an indicator block that cannot be rebuilt is reported line by line instead of
    with its whole table (the rows of such a table, whose project rows are read on their own).
    `prepare`: how the indicator block's lines are read (`_prepare`: a unit a line)."""
    prepare = prepare or (_target_prepare if target else _prepare)
    budget_score = Decimal(0)
    budget_weight: Decimal | None = None
    management = [Decimal(0), Decimal(0)]
    total: tuple[Decimal | None, Decimal | None] = (None, None)
    blocks = _blocks(units)
    total_block = next((b for k, b in blocks if k == "total"), None)
    if total_block is not None:
        total = _total(total_block)
    prepared: dict[int, Prepared] = {}  # an indicator block's line readings, by its first line

    def sums(budget: tuple[Decimal | None, Decimal], spent: Sequence[Decimal]) -> tuple[Decimal | None, ...]:
        """What the indicator lines must add up to: 总分 and the total weight (printed, or 100 when the
        budget line is weighted) less the budget's and the 资金管理's 得分 / 分值."""
        score, weight = total
        if score is not None:
            score -= budget[1] + spent[1]
        if weight is None and budget[0] is not None:
            weight = Decimal(100)
        if weight is not None:
            weight -= (budget[0] or 0) + spent[0]
        return score, weight

    def decide(options: Sequence[tuple[Decimal | None, Decimal]]) -> int | None:
        """The one reading of the budget's first line that lets the indicator block meet the table's sums
        (None: none or several do, or the table gives no sums, or a block cannot be read)."""
        indicators = next((b for k, b in blocks if k == "indicators"), None)
        if indicators is None or total == (None, None):
            return None
        try:
            spent = next((_management(b, Out()) for k, b in blocks if k == "management"), [Decimal(0)] * 2)
            ready = prepared.setdefault(indicators[0].line_no, prepare(indicators, out))
            fits = [n for n, option in enumerate(options) if _fits(ready, *sums(option, spent))]
        except LayoutError:
            return None
        return fits[0] if len(fits) == 1 else None

    for kind, block in blocks:
        if kind == "start" and block:
            if not target:
                raise LayoutError("a line before the table's header", block[0].line_no)
            _target_goal(block, out)
        if kind == "info":
            _info(block, out)
        elif kind == "budget":
            found = _budget(block, out, decide)
            if found is not None:
                budget_weight, budget_score = found
        elif kind == "management":
            management = _management(block, out)
        elif kind == "goal":
            _goal(block, out)
        elif kind == "indicators":
            if target:
                block = _without_goal_lines(block, out)
            score, weight = sums((budget_weight, budget_score), management)
            if lenient:
                rebuild = partial(_rebuild_indicators, prepared, block, out, score, weight, prepare)
                _reported_if_undecided(block, out, rebuild, lenient)
                continue
            ready = prepared.get(block[0].line_no) or prepare(block, out)
            _indicators(ready, out, score, weight)
        elif kind == "total":
            out.emit(block[0].line_no, block[0].cells)
            _analysis(block[1:], out)
        elif kind == "analysis":
            _analysis(block, out)


def _rebuild_indicators(
    prepared: dict[int, Prepared],
    block: Sequence[Unit],
    out: Out,
    score: Decimal | None,
    weight: Decimal | None,
    prepare: Preparer,
) -> None:
    """An indicator block rebuilt, from its line readings when the budget's reading read them already."""
    _indicators(prepared.get(block[0].line_no) or prepare(block, out), out, score, weight)


def _reported_if_undecided(block: Sequence[Unit], out: Out, rebuild: Callable[[], None], printed: str) -> None:
    """Rebuild an indicator block; when it cannot be, its header is kept (it tells the table's layout)
    and every line under it is reported."""
    lines, problems = len(out.lines), len(out.problems)
    try:
        rebuild()
    except LayoutError as exc:
        del out.lines[lines:], out.problems[problems:]
        columns = indicator_header(list(block[0].cells))
        if columns is not None:
            out.emit(block[0].line_no, indicator_header_cells(columns))
        reason = f"an indicator block printed {printed} not rebuilt (line {exc.line_no}: {exc.reason})"
        out.problems.extend(Problem(unit.line_no, reason, unit.text) for unit in block[1:])


def _without_goal_lines(block: Sequence[Unit], out: Out) -> list[Unit]:
    """A 目标表's indicator block without the goal lines printed in it (a numbered goal text the PDF put
    under the indicator header: the parser takes a line of one numbered text there as the goal's), which
    are emitted as such. A goal line is told by its form: one numbered text, no wide gap in it, no
    level name, number or target value among its pieces."""
    kept = [block[0]]
    for unit in block[1:]:
        text = clean_cell(unit.text)
        if _NUMBERED.match(text) and not unit.apart and not any(whole_cell(c) or is_value(c) for c in unit.cells):
            out.emit(unit.line_no, [text])
        else:
            kept.append(unit)
    return kept


def _target_goal(block: Sequence[Unit], out: Out) -> None:
    """A 目标表's lines above its indicator header: its goal, read as the tab text's goal lines printed
    without tabs are (`plain_goal_cells`: a label and the texts, one cell each, whatever the cells the
    line was printed in), which the parser judges: a line that is neither a label nor a numbered text is
    quarantined there, as from the tab text. Such a line may also be the rest of the goal text above it
    (wrapped at the page's width) when that text does not end a sentence: then the goal is not read, its
    lines are reported. A line holding the indicator header's words is a header this reader does not
    understand (printed in pieces, or run into the text above it): the table is reported."""
    cells = []
    for unit in block:
        if _runs_together(unit.text):
            raise LayoutError("an indicator header printed in pieces or run into other text", unit.line_no)
        cells.append(plain_goal_cells(unit.text))
    goals = [_goal_like(found) for found in cells]  # as the parser takes a goal line: a label, or one numbered text
    unsure = any(
        goals[n - 1] and not goals[n] and not _SENTENCE_END.search(cells[n - 1][-1]) for n in range(1, len(cells))
    )
    for unit, found, goal in zip(block, cells, goals, strict=True):
        if goal and unsure:
            reason = "a 绩效目标 text that may run on to a line after it that is no goal line: the goal is not read"
            out.problems.append(Problem(unit.line_no, reason, unit.text))
        else:
            out.emit(unit.line_no, found)


def _info(block: Sequence[Unit], out: Out) -> None:
    """Project information: label, value, label, value … A line that starts with no label is a piece of
    a cell wrapped onto a line of its own (a PDF tool's column layout): the values beside it are cut,
    and which line each piece belongs to is not printed — the table is reported."""
    for unit in block:
        if info_label(unit.cells[0]) is None:
            raise LayoutError("a project information line without its label: a wrapped cell", unit.line_no)
        line: list[str] = []
        for cell in unit.cells:
            if info_label(cell) is not None or not line or (info_label(line[-1]) is None and len(line) % 2 == 0):
                line.append(cell)
            else:
                line[-1 if info_label(line[-1]) is None else len(line) :] = [
                    f"{line[-1]} {cell}" if info_label(line[-1]) is None else cell
                ]
        out.emit(unit.line_no, line)


Decide = Callable[[Sequence[tuple[Decimal | None, Decimal]]], int | None]


def _funding_under_label(cells: Sequence[str]) -> bool:
    """`资金管理情况 单位资金 0 0 - 0 -`: the 资金管理 label, then a funding label and values."""
    return (
        len(cells) > 2
        and compact(cells[0]) == FUND_MANAGEMENT_LABEL
        and compact(cells[1]) not in _MANAGEMENT
        and not is_value(cells[1])
        and all(is_value(c) or _amount_ok(c) for c in cells[2:])
    )


def _budget(block: Sequence[Unit], out: Out, decide: Decide | None = None) -> tuple[Decimal | None, Decimal] | None:
    """The budget header and its funding lines. The block's first line (资金总额) holds the budget's
    分值 and 得分: when its values fit more than one way, `decide` is asked which of the readings' (分值,
    得分) the rest of the table agrees with (the whole-table identities, see `_walk`)."""
    header_cells = list(block[0].cells)
    budget = budget_header(header_cells)
    if budget is None:
        raise LayoutError("budget header not understood", block[0].line_no)
    out.emit(block[0].line_no, header_cells)
    rest = list(block[1:])
    if rest and all(_budget_key(c) in ("declared", "initial") for c in rest[0].cells):
        out.emit(rest[0].line_no, list(rest[0].cells))
        keys = [k for c in rest[0].cells if (k := _budget_key(c))]
        at = budget.keys.index("initial") if "initial" in budget.keys else 0
        budget.keys[at : at + 1] = keys
        rest = rest[1:]
    found: tuple[Decimal | None, Decimal] | None = None
    limit = Decimal(100)
    for n, unit in enumerate(rest):
        line = list(unit.cells[1:] if _funding_under_label(unit.cells) else unit.cells)
        if n == 0:
            readings = funding_readings(line, budget, limit, out.work)
            if isinstance(readings, str):
                raise LayoutError(readings, unit.line_no)
            chosen = 0 if len(readings.readings) == 1 else None
            if chosen is None and decide is not None and 1 < len(readings.readings) <= FIRST_FUNDING_READINGS:
                chosen = decide([readings.scored(i) for i in range(len(readings.readings))])
            if chosen is None:
                raise LayoutError(_funding_reason(readings, budget), unit.line_no)
            out.emit(unit.line_no, readings.cells(chosen))
            found = readings.scored(chosen)
            limit = found[0] if found[0] is not None else limit
            continue
        cells = budget_line(line, budget, limit, out.work)
        if isinstance(cells, str):
            out.problems.append(Problem(unit.line_no, cells, unit.text))
            continue
        out.emit(unit.line_no, cells)
    return found


def _management(block: Sequence[Unit], out: Out) -> list[Decimal]:
    out.emit(block[0].line_no, list(block[0].cells))
    sums = [Decimal(0), Decimal(0)]
    for unit in block[1:]:
        numbers = [n for n, c in enumerate(unit.cells) if is_number(c) or is_dash(c)]
        if len(numbers) != 2 or numbers[1] != numbers[0] + 1 or numbers[0] not in (1, 2):
            raise LayoutError("a 资金管理情况 line without its 分值 and 得分", unit.line_no)
        name, description = unit.cells[0], " ".join(unit.cells[1 : numbers[0]])
        weight, score = unit.cells[numbers[0]], unit.cells[numbers[1]]
        problem = " ".join(unit.cells[numbers[1] + 1 :])
        out.emit(unit.line_no, [name, description, weight, score, problem])
        sums[0] += decimal(weight) or 0
        sums[1] += decimal(score) or 0
    return sums


def _goal(block: Sequence[Unit], out: Out) -> None:
    out.emit(block[0].line_no, list(block[0].cells))
    for unit in block[1:]:
        cells = list(unit.cells)
        label = [cells.pop(0)] if cells and _is_goal_label(cells[0]) else []
        apart = frozenset(n - len(label) for n in unit.apart if n > len(label))
        texts = _two_texts(cells, apart)
        if texts is None:
            raise LayoutError("the goal and its result cannot be told apart", unit.line_no)
        out.emit(unit.line_no, label + texts)


_SENTENCE_END = re.compile(r"[。；;]$")
_CONTINUES = re.compile(r"[,，、：:]$")


def _two_texts(cells: list[str], apart: frozenset[int] = frozenset()) -> list[str] | None:
    """A goal line's cells: the goal and its result. Two pieces are the two; more are cut where a wide
    gap sets one apart (`apart`: never inside a cell) when one does, else after the one piece that ends
    a sentence, else where the two texts are the same (a result printed as its goal: `1.…； 2.…；` twice)."""
    if len(cells) <= 2:
        return cells
    wide = [n - 1 for n in apart if 0 < n < len(cells)]
    cuts = wide or [n for n in range(len(cells) - 1) if _SENTENCE_END.search(cells[n])]
    if not cuts:  # a text runs on after a comma: the cut is after the one piece that does not end so
        cuts = [n for n in range(len(cells) - 1) if not _CONTINUES.search(cells[n])]
    if len(cuts) > 1 and not wide:
        cuts = [n for n in cuts if cells[: n + 1] == cells[n + 1 :]]
    if len(cuts) != 1:
        return None
    return [" ".join(cells[: cuts[0] + 1]), " ".join(cells[cuts[0] + 1 :])]


def _total(block: Sequence[Unit]) -> tuple[Decimal | None, Decimal | None]:
    """(总分, total weight) as printed on the 总分 line."""
    numbers = [decimal(c) for c in block[0].cells if is_number(c)]
    if len(numbers) == 2:
        return numbers[1], numbers[0]
    return (numbers[0] if numbers else None), None


def _analysis(block: Sequence[Unit], out: Out) -> None:
    """The analysis lines: labels (项目绩效分析, 自评结果分析, the topics of the vocabulary), then one
    text. Facts of the form, checked on the five samples' tab text (96 analysis lines in 27 tables):

    - a text is the line's last cell and one cell: what follows a topic is joined into it (7 texts
      hold a space, e.g. `网络通畅, 满足办公需求, …`);
    - no label holds a space (103 label cells);
    - every line after the block's first is a topic and a text (69 lines, all of two cells), so its
      first piece is its topic even outside the vocabulary (`出情况及分` cut by the page).

    The block's first line after `自评结果分析` is not decided so when its topic is outside the
    vocabulary: sample 001 prints `项目实施和预算执行情况分析及分析 中标公司…` as one text (its topic
    cell empty), which without tabs looks like a topic and its text; the section it opens is carried
    down, so the table is reported — unless a wide gap (two spaces or more: never inside a cell) sets
    the text apart from the topic, and no other cuts it."""
    for n, unit in enumerate(block):
        cells = list(unit.cells)
        labels = []
        while cells and (compact(cells[0]) in ANALYSIS_OUTER or compact(cells[0]) in ANALYSIS_TOPICS):
            labels.append(cells.pop(0))
        topic = any(compact(c) in ANALYSIS_TOPICS and compact(c) != "自评结果分析" for c in labels)
        if len(cells) > 1 and not topic:
            # a topic outside the vocabulary, or the start of a text holding spaces: a topic when a wide
            # gap sets the text after it apart (and none cuts the text: it is one cell)
            gaps = {k - len(labels) for k in unit.apart if k > len(labels)}
            if (labels or n == 0) and gaps != {1}:
                raise LayoutError("an analysis line whose topic and text cannot be told apart", unit.line_no)
            labels.append(cells.pop(0))
        out.emit(unit.line_no, labels + ([" ".join(cells)] if cells else []))


@dataclass(frozen=True)
class Prepared:
    """An indicator block read line by line: its header's columns, its lines and each line's readings
    (in a fixed order: the search stops at its second solution or its budget, so the readings it tries
    first decide what it visits — a set's order would vary with the hash seed)."""

    header: Unit
    columns: IndicatorColumns
    units: tuple[Unit, ...]
    readings: tuple[tuple[Reading, ...], ...]

    def search(self, score: Decimal | None, weight: Decimal | None) -> Search:
        readings = self.readings
        return Search(len(self.units), lambda i: [(i + 1, r) for r in readings[i]], score, weight)


def _prepare(block: Sequence[Unit], out: Out) -> Prepared:
    columns = indicator_header(list(block[0].cells))
    if columns is None:
        raise LayoutError("indicator header not understood", block[0].line_no)
    units = tuple(block[1:])
    if len(units) > LINES_PER_BLOCK:
        raise LayoutError(
            f"too many readings: an indicator block of {len(units)} lines (more than {LINES_PER_BLOCK})",
            units[0].line_no,
        )
    readings = []
    for unit in units:
        found: set[Reading] = set()
        for cells in (unit.cells, *unit.alternatives):
            apart = unit.apart if cells is unit.cells else frozenset()
            if len(cells) > 1 and compact(cells[0]) in _BLOCK_LABELS:
                cells = cells[1:]  # the block's label beside a data line: not a cell of the row (the parser drops it)
                apart = frozenset(n - 1 for n in apart if n)
            try:
                found |= _line_readings(cells, columns, out.work, apart)
            except TooManyReadings as exc:  # its readings unknown, the levels it may carry down too
                raise LayoutError(exc.reason, unit.line_no) from None
        readings.append(tuple(sorted(found, key=_reading_order)))
    return Prepared(block[0], columns, units, tuple(readings))


Preparer = Callable[[Sequence[Unit], Out], Prepared]
Held = frozenset[tuple[int, int, Reading]] | None  # the lines every placement from a state holds


@dataclass(frozen=True)
class StreamPrepared(Prepared):
    """An indicator block printed one cell a unit (`cellrows`): a line is any run of at most `width`
    cells (one per column) that the grammar reads; `spans[i]` the (end, reading) of the lines from cell i."""

    spans: tuple[tuple[tuple[int, Reading], ...], ...] = ()
    pieces: bool = False  # its units are pieces of wrapped cells
    once: bool = False  # a run of cells printing a cell twice read as the parser reads it (one dropped)
    # Texts joined from pieces broken before an ASCII bracket: whether a space stood there is not printed.
    unsure: frozenset[str] = frozenset()

    def search(self, score: Decimal | None, weight: Decimal | None) -> Search:
        spans = self.spans
        return Search(len(self.units), lambda i: list(spans[i]), score, weight)

    def certain(self, score: Decimal | None, weight: Decimal | None) -> Held:
        """The lines (first cell, end, reading) that every placement of the block meeting the sums holds
        (None: no placement meets them). Besides the block's sums, a 一级指标 printing its weight (`成本
        指标(20分)`) is the Σ 分值 of its lines (all 30 such groups of the samples' tab text). Each state
        (cell, Σ得分, Σ分值, the group's weight and Σ分值 so far) costs one unit of the budget."""
        budget = Budget(STATES_PER_BLOCK, "placements of an indicator block")
        memo: dict[tuple[int, Decimal, Decimal, Decimal | None, Decimal], Held] = {}
        count = len(self.units)

        def closes(group: Decimal | None, weighed: Decimal) -> bool:
            return group is None or abs(weighed - group) <= ROUNDING

        def held(i: int, got: Decimal, weighed: Decimal, group: Decimal | None, in_group: Decimal) -> Held:
            if i == count:
                ok = (score is None or abs(got - score) <= ROUNDING) and (
                    weight is None or abs(weighed - weight) <= ROUNDING
                )
                return frozenset() if ok and closes(group, in_group) else None
            key = (i, got, weighed, group, in_group)
            if key not in memo:
                budget.spend()
                common: Held = None
                for end, reading in self.spans[i]:
                    at, sub = group, in_group + reading.weight
                    if reading.levels[0]:
                        if not closes(group, in_group):
                            continue
                        at, sub = printed_weight(reading.levels[0]), reading.weight
                    rest = held(end, got + reading.score, weighed + reading.weight, at, sub)
                    if rest is not None:
                        mine = rest | {(i, end, reading)}
                        common = mine if common is None else common & mine
                memo[key] = common
            return memo[key]

        return held(0, Decimal(0), Decimal(0), None, Decimal(0))


# A 目标表 column every line decided alone fills (at least this many of them) is one the form asks of
# every line: its lines read several ways are read only with it filled, where some reading fills it.
FILLED_EVIDENCE = 3


def _target_prepare(block: Sequence[Unit], out: Out) -> Prepared:
    """A 目标表's indicator lines (`_prepare`), a line printing its 三级指标 read only with its 指标值 (a
    target table states a target for each indicator: all 133 lines of sample 003's tab text do), and
    with its 指标描述 and 指标值确定依据 where the block's lines decided alone all print them (so do all
    133 of 003's: `… 度内完成 2022 年底前 2022 年工作计划` is no 指标值 `2022 年底前 2022 年工作计划` with
    no basis when the lines around it state theirs)."""
    ready = _prepare(block, out)
    keys = _line_keys(ready.columns)
    if "level3" not in keys or "target" not in keys:
        return ready
    name, target = keys.index("level3"), keys.index("target")
    kept = [tuple(r for r in found if not r.cells[name] or r.cells[target]) for found in ready.readings]
    alone = [found[0].cells for found in kept if len({r.cells for r in found}) == 1 and found[0].cells[name]]
    filled = [
        n
        for n, key in enumerate(keys)
        if key in ("description", "basis") and len(alone) >= FILLED_EVIDENCE and all(cells[n] for cells in alone)
    ]
    if filled:
        for i, found in enumerate(kept):
            full = tuple(r for r in found if not r.cells[name] or all(r.cells[n] for n in filled))
            kept[i] = full or found
    return replace(ready, readings=tuple(kept))


def _stream_prepare(block: Sequence[Unit], out: Out, pieces: bool = False, once: bool = False) -> StreamPrepared:
    """The readings of every run of cells that may be one indicator line: runs from a cell a line may
    open (a level or a name: no value) that the lines before can reach, up to a cell a line may open.
    `pieces`: the units are pieces of wrapped cells, a line's cells any runs of them that may each be
    one cell (`_joined_runs`). `once`: a run with no reading is read as the parser reads a line printing
    a cell twice (`_as_printed_or_once`)."""
    columns = indicator_header(list(block[0].cells))
    if columns is None:
        raise LayoutError("indicator header not understood", block[0].line_no)
    units = tuple(block[1:])
    cells = [unit.cells[0] for unit in units]
    opens = [not (is_value(cell) or _value_like(cell)) for cell in cells] + [True]
    width = len(_line_keys(columns))
    spans: list[tuple[tuple[int, Reading], ...]] = []
    reached = {0}
    for i in range(len(cells)):
        found: list[tuple[int, Reading]] = []
        if i in reached and opens[i]:
            runs = _joined_runs(cells, i, width, units[i].line_no) if pieces else _runs(cells, i, width)
        else:
            runs = []
        for end, line in runs:
            if not opens[end]:
                continue
            budget = Budget(READINGS_PER_LINE, f"an indicator line of {end - i} cells", out.work)
            try:
                if once:
                    readings = _as_printed_or_once(line, columns, budget)
                else:
                    readings = indicator_readings(line, columns, budget)
            except TooManyReadings as exc:
                raise LayoutError(exc.reason, units[i].line_no) from None
            following = _following(cells, end, pieces)
            found.extend((end, r) for r in sorted(readings, key=_reading_order) if _stream_line(r, columns, following))
        reached.update(end for end, _ in found)
        spans.append(tuple(found))
    unsure = frozenset(cell for found in spans for _, reading in found for cell in reading.cells if cell) & (
        _bracket_joins(cells) if pieces else frozenset()
    )
    return StreamPrepared(block[0], columns, units, (), tuple(spans), pieces, once, unsure)


def _bracket_joins(pieces: Sequence[str]) -> frozenset[str]:
    """The texts runs of these pieces join into across a break before an ASCII bracket after a Chinese
    character (`产出指标` / `(30分)` → `产出指标(30分)`): the document may print a space there (sample 000
    prints `产出指标 (30分)` and `产出指标(30分)`), and the break took it or there was none. (By text: the
    same text printed unbroken elsewhere in the block is taken as unsure too.)"""
    found: set[str] = set()
    for n in range(1, len(pieces)):
        if pieces[n][:1] in ("(", "[") and not pieces[n - 1][-1:].isascii():
            for start in range(max(0, n - PIECES_PER_CELL + 1), n):
                for end in range(n + 1, min(len(pieces), start + PIECES_PER_CELL) + 1):
                    found.add(join(pieces[start:end]))
    return frozenset(found)


def _piece_prepare(block: Sequence[Unit], out: Out) -> StreamPrepared:
    return _stream_prepare(block, out, pieces=True)


Run = tuple[int, tuple[str, ...]]  # (end, cells)


def _runs(cells: Sequence[str], i: int, width: int) -> list[Run]:
    """The runs of whole cells from cell i: at most one cell a column."""
    return [(end, tuple(cells[i:end])) for end in range(i + 1, min(len(cells), i + width) + 1)]


PIECES_PER_CELL = 16
RUNS_PER_LINE = 4096


def _joined_runs(pieces: Sequence[str], i: int, width: int, line_no: int) -> list[Run]:
    """The lines of cells from piece i: each cell a run of pieces that may be one cell (`one_cell`,
    `_value_cell`), at most one cell a column. More than RUNS_PER_LINE of them: too many to try
    (LayoutError)."""
    found: list[Run] = []

    def walk(at: int, line: tuple[str, ...]) -> None:
        if line:
            found.append((at, line))
            if len(found) > RUNS_PER_LINE:
                reason = f"an indicator line of wrapped pieces cut into cells in over {RUNS_PER_LINE} ways"
                raise LayoutError(reason, line_no)
        if len(line) == width:
            return
        level, weighed = _level_end(pieces, at)
        for end in range(at + 1, min(len(pieces), at + PIECES_PER_CELL) + 1):
            group = tuple(pieces[at:end])
            if not (one_cell(group) and _value_cell(group)):
                break  # a longer run holds this one's break
            if end == level or (end > level and not weighed):
                walk(end, (*line, join(group)))

    walk(i, ())
    return sorted(found)


def _level_end(pieces: Sequence[str], at: int) -> tuple[int, bool]:
    """Where the pieces from `at` that join into a level name of the vocabulary end (`社会效益指` / `标`:
    one 二级指标, never a 三级指标 `社会效益指` and a value `标`), `at` when they make none; and whether
    that name prints a weight (`成本指标` / `(20分)`: a 一级指标, whose cell ends there — no 三级指标
    opens with it). A name without one may open a longer text (`质量指标` / `完成率`)."""
    for end in range(at + 1, min(len(pieces), at + PIECES_PER_CELL) + 1):
        group = tuple(pieces[at:end])
        if not one_cell(group):
            break
        text = join(group)
        if printed_weight(text) is not None and _levels_named(text):
            return end, True
        if end > at + 1 and _levels_named(text):
            return end, False
    return at, False


_OPENS_VALUE = re.compile(r"^(?:[≥≤＞＜>＝=<]|文字描述)")


def _value_cell(group: tuple[str, ...]) -> bool:
    """Pieces of an indicator cell: an indicator value opens its cell (a comparison, `文字描述:`), and
    no cell holds two values (`≤211.51万元` / `211.51万元` are two)."""
    if any(_OPENS_VALUE.match(piece) for piece in group[1:]):
        return False
    return not any(_value_like(a) and _value_like(b) for a, b in itertools.pairwise(group))


def _following(cells: Sequence[str], end: int, pieces: bool) -> str | None:
    """The cell after a line (None: the block's end); of pieces, the run from `end` naming a level, if
    one does (a wrapped `经济效益指` / `标`)."""
    if end >= len(cells):
        return None
    if pieces:
        for stop in range(end + 1, min(len(cells), end + PIECES_PER_CELL) + 1):
            group = tuple(cells[end:stop])
            if not one_cell(group):
                break
            if _levels_named(join(group)):
                return join(group)
    return cells[end]


def _stream_line(reading: Reading, columns: IndicatorColumns, following: str | None) -> bool:
    """What a line of cells printed one a line must hold, its row not being printed — each a fact of the
    form on the samples' tab text (491 自评表 indicator lines): its 三级指标, no value (`_value_like`);
    its 指标值 and 实际完成值 (every line); its 分值 and 得分, or neither (4 lines, under a weight printed
    once for their group), or its 分值 alone with a 偏差原因 (1 line: no 得分 given, the reason says why);
    a 偏差原因 that is no value, and only where the 得分 is below the 分值 or not given (the form asks it
    for a target not met: so do all 87, 86 of them below); no 实际完成值 opening with `文字描述:`, the
    mark of a 指标值 stated in words (11 targets, no actual), followed by its words (none is the mark
    alone). A line
    of levels only (a 二级指标 with no 三级指标 under it, 6 lines) is one when the next cell is a level of
    its rank or above (`following`: None at the block's end)."""
    levels = _level_keys(columns)
    values = dict(zip(columns.value_keys, reading.cells[len(levels) :], strict=True))
    if "level3" in levels and not reading.cells[levels.index("level3")]:
        printed = [int(k[-1]) for k, level in zip(("level1", "level2"), reading.levels, strict=True) if level]
        if not printed:
            return False
        deepest = max(printed)
        ranks = [int(k[-1]) for k in _levels_named(following)] if following is not None else [0]
        if compact(next(level for level in reversed(reading.levels) if level)) in LEVEL_AMBIGUOUS and 2 in ranks:
            return False  # `成本指标` over a 二级指标 is its 一级指标 (project._prefix), heading that line
        return not any(values.values()) and bool(ranks) and min(ranks) <= deepest
    if "level3" in levels and _value_like(reading.cells[levels.index("level3")]):
        return False
    if not all(values[k] for k in ("target", "actual") if k in values):
        return False
    if _QUALITATIVE.match(values.get("actual", "")) or _QUALITATIVE.fullmatch(values.get("target", "")):
        return False  # `文字描述:` marks a 指标值 stated in words (11 of the samples), never a 实际完成值
    deviation = values.get("deviation", "")
    weighed, got = decimal(values.get("weight", "")), decimal(values.get("score", ""))
    if len({bool(values[k]) for k in ("weight", "score") if k in values}) > 1:
        # a 分值 alone: no 得分 given, the 偏差原因 saying why (001's `劳务费`: the one such line)
        if not (weighed is not None and not values.get("score") and deviation):
            return False
        return not _value_like(deviation)
    short = weighed is not None and got is not None and got < weighed
    return not deviation or (short and not _value_like(deviation))


_QUALITATIVE = re.compile(r"^文字描述\s*[:：]")


def _value_like(cell: str) -> bool:
    """A cell that prints an indicator value: a comparison (`≥95%`, `等于2家`), `文字描述:…`, or a
    quantity in a unit (`211.51万元`, `3200个`, `2280元/套`; not `12345政务热线`, a name)."""
    value = parse_indicator(cell)
    if value.operator is not None or _QUALITATIVE.match(cell):
        return True
    unit = value.unit_printed or ""
    return value.kind == QUANTITY and (len(unit) <= 3 or "/" in unit)


def _stream_indicators(ready: StreamPrepared, out: Out, score: Decimal | None, weight: Decimal | None) -> None:
    """The lines every placement of the block agrees on are rebuilt; the other cells are reported, and so
    is a line whose 一级/二级指标 is carried down from a level printed among them (not known which line
    it heads). When no placement meets the form, its runs of cells are read again as the parser reads a
    line printing a cell twice (`100%` / `100%` where one is the line's: sample 004's shifted rows)."""
    held = _held(ready, score, weight)
    if held is None and not ready.once:
        ready = _stream_prepare((ready.header, *ready.units), out, ready.pieces, once=True)
        held = _held(ready, score, weight)
    if held is None:
        reason = "no placement of the indicator cells into lines meets the form and sums"
        raise LayoutError(reason, ready.units[0].line_no)
    lines = {first: (end, reading) for first, end, reading in held}
    cells = [unit.cells[0] for unit in ready.units]
    reason = "indicator cells printed one a line whose lines are told apart in several ways"
    lost: set[str] = set()
    i = 0
    while i < len(ready.units):
        if i not in lines:
            unit = ready.units[i]
            lost |= _levels_named(_following(cells, i, ready.pieces) or "")
            out.problems.append(Problem(unit.line_no, reason, unit.text))
            i += 1
            continue
        end, reading = lines[i]
        printed = {key for key, level in zip(("level1", "level2"), reading.levels, strict=True) if level}
        lost -= printed
        if any(cell in ready.unsure for cell in reading.cells):
            why = (
                "an indicator line with a cell broken before an ASCII bracket: whether a space stood there is not known"
            )
            out.problems.extend(Problem(u.line_no, why, u.text) for u in ready.units[i:end])
            lost |= {
                key for key, level in zip(("level1", "level2"), reading.levels, strict=True) if level in ready.unsure
            }
        elif lost:
            why = "an indicator line whose carried 一级/二级指标 is among cells not rebuilt"
            out.problems.extend(Problem(u.line_no, why, u.text) for u in ready.units[i:end])
        else:
            out.indicator(ready.units[i].line_no, reading.cells, ready.columns)
        i = end


def _held(ready: StreamPrepared, score: Decimal | None, weight: Decimal | None) -> Held:
    """The lines every placement of the block holds: meeting the sums, else (the document's own sums do
    not hold) the form only."""
    try:
        held = ready.certain(score, weight)
        if held is None and (score, weight) != (None, None):
            held = ready.certain(None, None)
    except TooManyReadings as exc:
        raise LayoutError(exc.reason, ready.units[0].line_no) from None
    return held


def _levels_named(cell: str) -> set[str]:
    """The levels a cell may be (一级 / 二级 vocabulary; 成本指标 either)."""
    if compact(cell) in LEVEL_AMBIGUOUS:
        return {"level1", "level2"}
    level = level_of(cell, 99, None)
    return {f"level{level}"} if level is not None else set()


def _fits(ready: Prepared, score: Decimal | None, weight: Decimal | None) -> bool:
    """Whether some placement of the block's lines meets the sums (TooManyReadings: not known)."""
    try:
        count, _ = ready.search(score, weight).solve()
    except TooManyReadings as exc:
        raise LayoutError(exc.reason, ready.header.line_no) from None
    return count > 0


def _indicators(ready: Prepared, out: Out, score: Decimal | None, weight: Decimal | None) -> None:
    out.emit(ready.header.line_no, indicator_header_cells(ready.columns))
    units, readings = ready.units, ready.readings
    if not units:
        return
    if isinstance(ready, StreamPrepared):
        _stream_indicators(ready, out, score, weight)
        return
    try:
        count, solution = ready.search(score, weight).solve()
    except TooManyReadings as exc:
        raise LayoutError(exc.reason, units[0].line_no) from None
    if count == 1:
        for i, reading in solution:
            out.indicator(units[i].line_no, reading.cells, ready.columns)
        return
    # No placement, or several, meet the sums: the lines that have one reading only are rebuilt, and a
    # line read several ways of which one only prints texts the document prints elsewhere in the same
    # columns (`_known_reading`). Any other line is reported; the levels it prints carry down to the
    # lines below (merged cells), so when every reading gives it the same levels they are kept as a
    # line of levels only, and when the readings disagree on them the table is reported.
    decided = [_only(found) or _known_reading(found, ready.columns, out.known) for found in readings]
    _unsure_around_reported(decided, readings, ready.columns)
    for unit, found, cells in zip(units, readings, decided, strict=True):
        if cells is not None:
            out.indicator(unit.line_no, cells, ready.columns)
            continue
        lines = {r.cells for r in found}
        reason = f"{READ_WAYS}{len(lines)} ways" if lines else "an indicator line fits no reading"
        if len(lines) == 1:
            reason = "an indicator line beside a line read several ways, which it may continue or be continued by"
        _reported_keeping_levels(unit, found, reason, reason, ready.columns, out)


def _reported_keeping_levels(
    unit: Unit, found: Iterable[Reading], reason: str, unknown: str, columns: IndicatorColumns, out: Out
) -> None:
    """An indicator line reported; the levels every reading gives it are kept as a line of their own (they
    carry down to the lines below, merged cells). When its readings disagree on them (or it has none),
    the table is reported: LayoutError with `unknown`."""
    levels = {r.levels for r in found}
    if len(levels) != 1:
        raise LayoutError(unknown, unit.line_no)
    printed = {key: level for key, level in zip(("level1", "level2"), levels.pop(), strict=True) if level}
    if printed:
        out.emit(unit.line_no, _indicator_cells(printed, {}, columns))
    out.problems.append(Problem(unit.line_no, reason, unit.text))


def _only(found: Sequence[Reading]) -> tuple[str, ...] | None:
    """A line's cells when all its readings agree on them."""
    lines = {r.cells for r in found}
    return lines.pop() if len(lines) == 1 else None


def undecided(canonical: Canonical) -> bool:
    """Whether a table rebuilt reports an indicator line read several ways (which the texts the document
    prints elsewhere may decide: `_known_reading`)."""
    found = [*canonical.problems, *([canonical.error] if canonical.error is not None else [])]
    return any(problem.reason.startswith(READ_WAYS) for problem in found)


def _known_reading(found: Sequence[Reading], columns: IndicatorColumns, known: Texts) -> tuple[str, ...] | None:
    """Of a line's several readings, the one that names its indicator (三级指标, 指标描述) with texts
    printed in the same columns on lines of the document decided alone (`known`), where the readings
    disagree on them, when exactly one does: sample 003 prints `各方面工作按计划在整个年 度内完成` as the
    指标描述 of seven projects' 目标表, and where one space parts it from the 三级指标 and the 指标值
    (`… 度内完成 2023 年底前`) the other projects' lines say where it ends. Readings that name the
    indicator alike and differ in its values are left undecided."""
    lines = sorted({r.cells for r in found})
    if len(lines) < 2 or not known:
        return None
    keys = _line_keys(columns)
    names = [n for n, key in enumerate(keys) if key in NAME_KEYS and len({cells[n] for cells in lines}) > 1]
    supported = [
        cells
        for cells in lines
        if any(cells[n] for n in names) and all(not cells[n] or cells[n] in known.get(keys[n], ()) for n in names)
    ]
    return supported[0] if len(supported) == 1 else None


def _continuation(reading: Reading, columns: IndicatorColumns) -> bool:
    """A reading of a line as the rest of the line before's text (no level, no 三级指标, only a 绩效指标
    描述 or 偏差原因): the parser joins such a line to the one before it (`_continues`)."""
    levels = _level_keys(columns)
    if any(reading.cells[: len(levels)]):
        return False
    filled = {k for k, v in zip(columns.value_keys, reading.cells[len(levels) :], strict=True) if v}
    return bool(filled) and filled <= {"description", "deviation"}


def _unsure_around_reported(
    decided: list[tuple[str, ...] | None], readings: Sequence[Sequence[Reading]], columns: IndicatorColumns
) -> None:
    """Lines decided alone that a reported line leaves unsure, marked reported too (None): the line
    before a reported line that may continue it (its text would be cut), and a line continuing a
    reported line (it would be joined to the line before that one). Repeated until nothing changes."""
    changed = True
    while changed:
        changed = False
        for n, cells in enumerate(decided):
            if cells is not None:
                continue
            if n > 0 and decided[n - 1] is not None and any(_continuation(r, columns) for r in readings[n]):
                decided[n - 1], changed = None, True
            if n + 1 < len(decided) and decided[n + 1] is not None and _continuation(readings[n + 1][0], columns):
                decided[n + 1], changed = None, True


def _as_printed_or_once(cells: Sequence[str], columns: IndicatorColumns, budget: Budget) -> set[Reading]:
    """A line's readings as printed; when it has none, as the parser reads a line printing a cell twice
    (`align_indicator_row`: `达标 达标`, `100% 100%` where one cell is printed, one of them dropped)."""
    readings = indicator_readings(cells, columns, budget)
    if readings:
        return readings
    for n in range(1, len(cells)):
        if cells[n] == cells[n - 1]:
            readings |= indicator_readings([*cells[:n], *cells[n + 1 :]], columns, budget)
    return readings


def _line_readings(
    cells: Sequence[str], columns: IndicatorColumns, work: Budget | None = None, apart: frozenset[int] = frozenset()
) -> set[Reading]:
    """A line's readings as printed; when it has none, as the parser reads a line printing a cell twice
    (`_as_printed_or_once`); when still none, the readings of every joining of its texts (a text holding
    a space) that joins no cell to one a wide gap sets it apart from (`apart`); when still none, of
    those joining a number printed between two texts to them (a number in a 偏差原因 text). A reading
    counts only when each of its texts may be one wrapped cell (`_wrapped_fit`). All within one budget
    (TooManyReadings past it)."""
    budget = Budget(READINGS_PER_LINE, f"an indicator line of {len(cells)} cells", work)
    readings = _wrapped_fit(_as_printed_or_once(cells, columns, budget))
    if readings:
        return readings
    for joined in joinings(cells, apart):
        readings |= _wrapped_fit(indicator_readings(joined, columns, budget))
    if readings:
        return readings
    for joined in joinings(cells, apart, inner=True):
        readings |= _wrapped_fit(indicator_readings(joined, columns, budget))
    return readings


def _wrapped_fit(readings: set[Reading]) -> set[Reading]:
    """The readings whose every cell holding a space may be one wrapped cell (`wrapped_text_fits`)."""
    return {r for r in readings if all(" " not in cell or wrapped_text_fits(cell) for cell in r.cells)}

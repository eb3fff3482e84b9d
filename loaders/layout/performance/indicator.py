"""The indicator lines of a project table printed without tabs: each line's readings, and the block's.

- A line's readings (`indicator_readings`): levels (一级/二级 vocabulary; `成本指标` is 一级 when a 二级指标
  follows it on its line or it carries a weight), one 三级指标, the values in header order (分值/得分
  numbers, 得分 ≤ 分值).
- The cells of a line printed with spaces: a gap of two spaces or more is always between cells
  (`cells.set_apart`); a level name or a target value is always a whole cell (`cells.whole_cell`); a
  cell holding a space between two Chinese characters is one wrapped text whose lines some column width
  fits (`wrapcells.wrapped_text_fits`: `指导、督导的乡镇数 反映进行指导、督导的乡镇` is no 三级指标); a cell
  printed twice is dropped as the parser drops it (`line_readings`).
- The block (`indicator_lines`): all its lines are placed at once (`Search`): Σ 得分 of the lines = the
  printed 总分 less the budget's and the 资金管理's 得分, Σ 分值 = the total weight (printed, or 100 when
  the budget line is weighted) less theirs. These sums are the document's, not always kept: of the 47
  自评表 with a 总分 in the samples' tab text, 40 meet both (000 ×2 and 001 ×1 miss Σ 得分; in 4 tables of
  004 the 分值 and 得分 read from the tab text add up to less than the 总分 line). A block that meets them
  in no way or several is rebuilt line by line where each line has one reading, or one reading naming
  its indicator with texts the document prints elsewhere (`_known_reading`); reported otherwise.
- A line read several ways is reported, its levels kept when every reading agrees on them
  (`reported_keeping_levels`); a line it may continue, or that may continue it, is reported with it
  (`_unsure_around_reported`).

A reading is accepted only when it is the only one (or all agree); otherwise the line is reported,
alone when its facts stand alone, else with its whole table (LayoutError). Each line's readings and
the block's joint placement are searched within a budget (cells.READINGS_PER_LINE,
cells.STATES_PER_BLOCK); a line or block past it is reported as `too many readings`.

How a block printed otherwise is read: one cell or one piece a line, `stream`; a 目标表's, `target`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from loaders.layout.performance.cells import (
    LINES_PER_BLOCK,
    READINGS_PER_LINE,
    READINGS_PER_TABLE,
    STATES_PER_BLOCK,
    Budget,
    Tally,
    TooManyReadings,
    decimal,
    is_value,
    joinings,
    marks_a_value,
    set_apart,
)
from loaders.layout.performance.funding import value_placements
from loaders.layout.performance.wrapcells import wrapped_text_fits
from loaders.layout.result import Canonical, LayoutError, Problem, tab_line
from loaders.parsers.performance_common import (
    LEVEL_AMBIGUOUS,
    IndicatorColumns,
    compact,
    indicator_header,
    is_dash,
    is_noise,
    is_number,
    is_percent,
    level_of,
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


ROUNDING = Decimal("0.01")


LEVELS = ("level1", "level2")  # the levels a reading records as printed on its line (Reading.levels)


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Reading:
    cells: tuple[str, ...]  # canonical cells of the line
    weight: Decimal
    score: Decimal
    levels: tuple[str, ...]  # its 一级指标 and 二级指标 as printed on the line ("": not printed)

    def __init__(self, cells: tuple[str, ...], weight: Decimal, score: Decimal, levels: tuple[str, ...]) -> None:
        self.cells = cells
        self.weight = weight
        self.score = score
        self.levels = levels

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reading) and (self.cells, self.weight, self.score, self.levels) == (
            other.cells,
            other.weight,
            other.score,
            other.levels,
        )

    def __hash__(self) -> int:
        return hash((self.cells, self.weight, self.score, self.levels))


def printed_levels(levels: tuple[str, ...]) -> dict[str, str]:
    """The levels a line prints (of a Reading's `levels`), by key (level1, level2)."""
    return {key: level for key, level in zip(LEVELS, levels, strict=True) if level}


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
        if "level3" in found or not columns.has_level3 or not cell or is_number(cell) or is_percent(cell):
            return None
        if marks_a_value(cell):  # a 指标值 (`=100%`, `文字描述:优化`): the line's values start here
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
    placement of the values in the header's columns, that the grammar accepts (a 得分 at most its 分值;
    a 偏差原因 only under a line not scored in full: of the samples' 688 tab-text lines none scored in
    full gives one, as stream._stream_line asks too). Each cut and each placement tried costs one unit
    of `budget`.

    A line is read several times (by its block's readings, the table's second reading with the texts
    the document prints elsewhere, a cell printed twice…): its readings are memoised (bounded), and each
    time cost `budget` what they cost to find, in the same steps. A line past a line's budget is not
    memoised: it is read again within the caller's budget, which stops it at the same step."""
    budget = budget or Budget(READINGS_PER_LINE, "an indicator line")
    found = _memoised_readings(tuple(cells), columns)
    if found is None:
        return _readings(cells, columns, budget)
    readings, spent = found
    for n in spent:
        budget.spend(n)
    return set(readings)


@lru_cache(maxsize=1 << 12)
def _memoised_readings(
    cells: tuple[str, ...], columns: IndicatorColumns
) -> tuple[frozenset[Reading], tuple[int, ...]] | None:
    """A line's readings and the steps of work they cost; None past a line's budget."""
    tally = Tally(READINGS_PER_LINE, "an indicator line")
    try:
        readings = _readings(cells, columns, tally)
    except TooManyReadings:
        return None
    return frozenset(readings), tuple(tally.spent)


def _readings(cells: Sequence[str], columns: IndicatorColumns, budget: Budget) -> set[Reading]:
    keys = columns.value_keys
    readings: set[Reading] = set()
    for split in range(len(cells) + 1):
        budget.spend()
        prefix = _prefix(cells[:split], columns)
        if prefix is None:
            continue
        values = cells[split:]
        placements = value_placements(len(values), keys)
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
            if found.get("deviation") and weight is not None and score is not None and score >= weight:
                continue  # a 偏差原因 is asked for a target not met: never under a line scored in full
            if not found and "level3" not in prefix and not any(k.startswith("level") for k in prefix):
                continue
            if "level3" not in prefix and columns.has_level3 and set(found) - {"description", "deviation"}:
                continue  # values follow their 三级指标 (a line without one only continues a text)
            line = _indicator_cells(prefix, found, columns)
            levels = tuple(prefix.get(k, "") for k in LEVELS)
            readings.add(Reading(line, weight or Decimal(0), score or Decimal(0), levels))
    return readings


def indicator_header_cells(columns: IndicatorColumns) -> list[str]:
    return [LEVEL_LABELS[k] for k in level_keys(columns)] + [VALUE_LABELS[k] for k in columns.value_keys]


def level_keys(columns: IndicatorColumns) -> list[str]:
    """The level columns a header prints, in order: a line's cells are these, then its values."""
    return [k for k in ("level1", "level2", "level3") if k in columns.positions]


def line_keys(columns: IndicatorColumns) -> list[str]:
    """The column of each of a line's cells, in order: its levels, then its values."""
    return [*level_keys(columns), *columns.value_keys]


def _indicator_cells(prefix: dict[str, str], values: dict[str, str], columns: IndicatorColumns) -> tuple[str, ...]:
    levels = level_keys(columns)
    cells = [prefix.get(k, "") for k in levels]
    if "noise" in prefix:
        at = levels.index("level1") if "level1" in levels and "level1" not in prefix else 0
        cells[at] = f"{prefix['noise']} {cells[at]}".strip() if cells[at] else prefix["noise"]
    return (*cells, *(values.get(k, "") for k in columns.value_keys))


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


def reading_order(reading: Reading) -> tuple[tuple[str, ...], Decimal, Decimal, tuple[str, ...]]:
    return reading.cells, reading.weight, reading.score, reading.levels


def _cells(solution) -> tuple:  # type: ignore[no-untyped-def]
    return tuple(reading.cells for _, reading in solution)


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
        for key, cell in zip(line_keys(columns), cells, strict=True):
            if cell and key in NAME_KEYS:
                self.texts.setdefault(key, set()).add(cell)


BLOCK_LABELS = frozenset({"年度绩效指标", "绩效指标", "项目绩效指标"})


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Unit:
    """A printed row: its cells by the grammar (and, for an indicator line read from wrapped cells, the
    other cells its printed lines may hold: `alternatives`; for a line printed with spaces, the cells a
    wide gap sets apart from the one before: `apart`, never joined to it)."""

    line_no: int
    cells: tuple[str, ...]
    text: str
    alternatives: tuple[tuple[str, ...], ...] = ()
    apart: frozenset[int] = frozenset()

    def __init__(
        self,
        line_no: int,
        cells: tuple[str, ...],
        text: str,
        alternatives: tuple[tuple[str, ...], ...] = (),
        apart: frozenset[int] = frozenset(),
    ) -> None:
        self.line_no = line_no
        self.cells = cells
        self.text = text
        self.alternatives = alternatives
        self.apart = apart

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unit) and (self.line_no, self.cells, self.text, self.alternatives, self.apart) == (
            other.line_no,
            other.cells,
            other.text,
            other.alternatives,
            other.apart,
        )

    def __hash__(self) -> int:
        return hash((self.line_no, self.cells, self.text, self.alternatives, self.apart))


def spaced_unit(line_no: int, cells: tuple[str, ...], text: str) -> Unit:
    return Unit(line_no, cells, text, apart=set_apart(text, cells))


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

    def rebuild(self, out: Out, score: Decimal | None, weight: Decimal | None) -> None:
        """The block's lines rebuilt into `out`, or reported (`_placed`)."""
        _placed(self, out, score, weight)


def prepare_block(block: Sequence[Unit], out: Out) -> Prepared:
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
            if len(cells) > 1 and compact(cells[0]) in BLOCK_LABELS:
                cells = cells[1:]  # the block's label beside a data line: not a cell of the row (the parser drops it)
                apart = frozenset(n - 1 for n in apart if n)
            try:
                found |= line_readings(cells, columns, out.work, apart)
            except TooManyReadings as exc:  # its readings unknown, the levels it may carry down too
                raise LayoutError(exc.reason, unit.line_no) from None
        readings.append(tuple(sorted(found, key=reading_order)))
    return Prepared(block[0], columns, units, tuple(readings))


Preparer = Callable[[Sequence[Unit], Out], Prepared]


def levels_named(cell: str) -> set[str]:
    """The levels a cell may be (一级 / 二级 vocabulary; 成本指标 either)."""
    if compact(cell) in LEVEL_AMBIGUOUS:
        return {"level1", "level2"}
    level = level_of(cell, 99, None)
    return {f"level{level}"} if level is not None else set()


def closes_level(text: str) -> bool:
    """A level's whole name ending in 指标 (`时效指标`, `社会效益指标`): no 三级指标, 指标值 or reason of the
    samples' tab text holds one, so such a text printed on its own is a level's cell, never a piece of a
    longer one (wrapped._level_inside, stream._level_end)."""
    return compact(text).endswith("指标") and bool(levels_named(text))


def fits_sums(ready: Prepared, score: Decimal | None, weight: Decimal | None) -> bool:
    """Whether some placement of the block's lines meets the sums (TooManyReadings: not known)."""
    try:
        count, _ = ready.search(score, weight).solve()
    except TooManyReadings as exc:
        raise LayoutError(exc.reason, ready.header.line_no) from None
    return count > 0


def indicator_lines(ready: Prepared, out: Out, score: Decimal | None, weight: Decimal | None) -> None:
    """The block's header, then its lines as its reading decides them (`Prepared.rebuild`)."""
    out.emit(ready.header.line_no, indicator_header_cells(ready.columns))
    if ready.units:
        ready.rebuild(out, score, weight)


def _placed(ready: Prepared, out: Out, score: Decimal | None, weight: Decimal | None) -> None:
    """Lines printed a unit each, placed jointly by the sums."""
    units, readings = ready.units, ready.readings
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
        reported_keeping_levels(unit, found, reason, reason, ready.columns, out)


def reported_keeping_levels(
    unit: Unit, found: Iterable[Reading], reason: str, unknown: str, columns: IndicatorColumns, out: Out
) -> None:
    """An indicator line reported; the levels every reading gives it are kept as a line of their own (they
    carry down to the lines below, merged cells). When its readings disagree on them (or it has none),
    the table is reported: LayoutError with `unknown`."""
    levels = {r.levels for r in found}
    if len(levels) != 1:
        raise LayoutError(unknown, unit.line_no)
    printed = printed_levels(levels.pop())
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
    keys = line_keys(columns)
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
    levels = level_keys(columns)
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


def as_printed_or_once(cells: Sequence[str], columns: IndicatorColumns, budget: Budget) -> set[Reading]:
    """A line's readings as printed; when it has none, as the parser reads a line printing a cell twice
    (`align_indicator_row`: `达标 达标`, `100% 100%` where one cell is printed, one of them dropped)."""
    readings = indicator_readings(cells, columns, budget)
    if readings:
        return readings
    for n in range(1, len(cells)):
        if cells[n] == cells[n - 1]:
            readings |= indicator_readings([*cells[:n], *cells[n + 1 :]], columns, budget)
    return readings


def line_readings(
    cells: Sequence[str], columns: IndicatorColumns, work: Budget | None = None, apart: frozenset[int] = frozenset()
) -> set[Reading]:
    """A line's readings as printed; when it has none, as the parser reads a line printing a cell twice
    (`as_printed_or_once`); when still none, the readings of every joining of its texts (a text holding
    a space) that joins no cell to one a wide gap sets it apart from (`apart`); when still none, of
    those joining a number printed between two texts to them (a number in a 偏差原因 text). A reading
    counts only when each of its texts may be one wrapped cell (`_wrapped_fit`). All within one budget
    (TooManyReadings past it)."""
    budget = Budget(READINGS_PER_LINE, f"an indicator line of {len(cells)} cells", work)
    readings = _wrapped_fit(as_printed_or_once(cells, columns, budget))
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

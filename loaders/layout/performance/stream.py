"""An indicator block printed one cell a line, or one piece of a wrapped cell a line.

A 自评表 printed one whole cell per line (project._cell_stream) has its rows found as well as its
columns: its blocks are cut into rows by what their cells are (`cellrows`), and its indicator cells
into lines by the indicator search over runs of cells (`StreamPrepared`: a stricter line form,
`_stream_line`, and a 一级指标's printed weight as a further identity); the lines every placement agrees
on are rebuilt and the cells between them reported.

A 自评表 printed one piece of a wrapped cell per line (PyMuPDF, project._piece_stream) has its labels and
block values joined first (`piececells`); its indicator pieces are cut into cells by the same search
(`_joined_runs`: runs that may each be one cell, `wrapcells.one_cell`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from loaders.indicators import QUANTITY, parse_indicator
from loaders.layout.performance.cells import (
    IN_WORDS,
    READINGS_PER_LINE,
    STATES_PER_BLOCK,
    Budget,
    TooManyReadings,
    decimal,
    is_value,
    opens_value,
)
from loaders.layout.performance.indicator import (
    ROUNDING,
    Out,
    Prepared,
    Reading,
    Search,
    Unit,
    as_printed_or_once,
    closes_level,
    indicator_readings,
    level_keys,
    levels_named,
    line_keys,
    printed_levels,
    reading_order,
)
from loaders.layout.performance.wrapcells import join, one_cell
from loaders.layout.result import LayoutError, Problem
from loaders.parsers.performance_common import (
    LEVEL_AMBIGUOUS,
    NUMERIC_KEYS,
    IndicatorColumns,
    compact,
    indicator_header,
    printed_weight,
)

Held = frozenset[tuple[int, int, Reading]] | None  # the lines every placement from a state holds


@dataclass(frozen=True)
class StreamPrepared(Prepared):
    """An indicator block printed one cell a unit (`cellrows`): a line is any run of at most `width`
    cells (one per column) that the grammar reads; `spans[i]` the (end, reading) of the lines from cell i."""

    spans: tuple[tuple[tuple[int, Reading], ...], ...] = ()
    pieces: bool = False  # its units are pieces of wrapped cells
    once: bool = False  # a run of cells printing a cell twice read as the parser reads it (one dropped)
    page_starts: frozenset[int] = frozenset()  # the lines of the pieces that open a page

    def search(self, score: Decimal | None, weight: Decimal | None) -> Search:
        spans = self.spans
        return Search(len(self.units), lambda i: list(spans[i]), score, weight)

    def rebuild(self, out: Out, score: Decimal | None, weight: Decimal | None) -> None:
        """The lines every placement agrees on rebuilt, the other cells reported (`_stream_indicators`)."""
        _stream_indicators(self, out, score, weight)

    def certain(self, score: Decimal | None, weight: Decimal | None) -> Held:
        """The lines (first cell, end, reading) that every placement of the block meeting the sums holds
        (None: no placement meets them). Besides the block's sums, a 一级指标 printing its weight (`成本
        指标(20分)`) is the Σ 分值 of its lines (all 30 such groups of the samples' tab text). Each state
        (cell, Σ得分, Σ分值, the group's weight and Σ分值 so far) costs one unit of the budget."""
        return _Certain(self.spans, len(self.units), score, weight).held(0, Decimal(0), Decimal(0), None, Decimal(0))


def _closes(group: Decimal | None, weighed: Decimal) -> bool:
    return group is None or abs(weighed - group) <= ROUNDING


class _Certain:
    """StreamPrepared.certain's search: the lines every placement from a state holds, memoised by state.
    (An object, not closures: loaders/native.py.)"""

    def __init__(
        self,
        spans: tuple[tuple[tuple[int, Reading], ...], ...],
        count: int,
        score: Decimal | None,
        weight: Decimal | None,
    ) -> None:
        self.spans = spans
        self.score = score
        self.weight = weight
        self.count = count  # the block's units: a state at the last one is a whole placement
        self.budget = Budget(STATES_PER_BLOCK, "placements of an indicator block")
        self.memo: dict[tuple[int, Decimal, Decimal, Decimal | None, Decimal], Held] = {}

    def held(self, i: int, got: Decimal, weighed: Decimal, group: Decimal | None, in_group: Decimal) -> Held:
        if i == self.count:
            score, weight = self.score, self.weight
            ok = (score is None or abs(got - score) <= ROUNDING) and (
                weight is None or abs(weighed - weight) <= ROUNDING
            )
            return frozenset() if ok and _closes(group, in_group) else None
        key = (i, got, weighed, group, in_group)
        memo = self.memo
        if key not in memo:
            self.budget.spend()
            common: Held = None
            for end, reading in self.spans[i]:
                at, sub = group, in_group + reading.weight
                if reading.levels[0]:
                    if not _closes(group, in_group):
                        continue
                    at, sub = printed_weight(reading.levels[0]), reading.weight
                rest = self.held(end, got + reading.score, weighed + reading.weight, at, sub)
                if rest is not None:
                    mine = rest | {(i, end, reading)}
                    common = mine if common is None else common & mine
            memo[key] = common
        return memo[key]


def stream_prepare(
    block: Sequence[Unit],
    out: Out,
    pieces: bool = False,
    once: bool = False,
    page_starts: frozenset[int] = frozenset(),
) -> StreamPrepared:
    """The readings of every run of cells that may be one indicator line: runs from a cell a line may
    open (a level or a name: no value) that the lines before can reach, up to a cell a line may open.
    `pieces`: the units are pieces of wrapped cells, a line's cells any runs of them that may each be
    one cell (`_joined_runs`); `page_starts`: the lines of the pieces that open a page (`_stream_line`).
    `once`: a run with no reading is read as the parser reads a line printing a cell twice
    (`as_printed_or_once`)."""
    columns = indicator_header(list(block[0].cells))
    if columns is None:
        raise LayoutError("indicator header not understood", block[0].line_no)
    units = tuple(block[1:])
    cells = [unit.cells[0] for unit in units]
    opens = [_may_open(cell, pieces) for cell in cells] + [True]
    width = len(line_keys(columns))
    spans: list[tuple[tuple[int, Reading], ...]] = []
    reached = {0}
    for i in range(len(cells)):
        found: list[tuple[int, Reading]] = []
        opening = units[i].line_no in page_starts
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
                    readings = as_printed_or_once(line, columns, budget)
                else:
                    readings = indicator_readings(line, columns, budget)
            except TooManyReadings as exc:
                raise LayoutError(exc.reason, units[i].line_no) from None
            following = _following(cells, end, pieces)
            found.extend(
                (end, r) for r in sorted(readings, key=reading_order) if _stream_line(r, columns, following, opening)
            )
        reached.update(end for end, _ in found)
        spans.append(tuple(found))
    return StreamPrepared(block[0], columns, units, (), tuple(spans), pieces, once, page_starts)


def _may_open(cell: str, pieces: bool) -> bool:
    """A cell (or piece) a line may open with: a level or a 三级指标, so no value. No such name of the
    samples' tab text is one character (the shortest are `及时`, `健全`), so neither is the first line of
    one wrapped: a piece of one character (`根` / `据` / … of a reason printed one character a line) opens
    no line."""
    if is_value(cell) or _value_like(cell):
        return False
    return not pieces or len(cell.strip()) > 1


def piece_prepare(page_starts: frozenset[int], block: Sequence[Unit], out: Out) -> StreamPrepared:
    """`page_starts`: the lines of the pieces that open a page (after a page number)."""
    return stream_prepare(block, out, pieces=True, page_starts=page_starts)


Run = tuple[int, tuple[str, ...]]  # (end, cells)


def _runs(cells: Sequence[str], i: int, width: int) -> list[Run]:
    """The runs of whole cells from cell i: at most one cell a column."""
    return [(end, tuple(cells[i:end])) for end in range(i + 1, min(len(cells), i + width) + 1)]


PIECES_PER_CELL = 16
RUNS_PER_LINE = 4096


def _joined_runs(pieces: Sequence[str], i: int, width: int, line_no: int) -> list[Run]:
    """The lines of cells from piece i: each cell a run of pieces that may be one cell (`one_cell`,
    `_value_cell`), at most one cell a column, a level's own cell only at the head of its line. More than
    RUNS_PER_LINE of them: too many to try (LayoutError)."""
    found: list[Run] = []
    _walk_runs(pieces, width, line_no, found, i, ())
    return sorted(found)


def _walk_runs(
    pieces: Sequence[str], width: int, line_no: int, found: list[Run], at: int, line: tuple[str, ...]
) -> None:
    """`_joined_runs`' depth-first walk (not a closure: loaders/native.py)."""
    if line:
        found.append((at, line))
        if len(found) > RUNS_PER_LINE:
            reason = f"an indicator line of wrapped pieces cut into cells in over {RUNS_PER_LINE} ways"
            raise LayoutError(reason, line_no)
    if len(line) == width:
        return
    level, weighed = _level_end(pieces, at)
    if weighed and not all(levels_named(cell) for cell in line):
        return  # a level's own cell heads its line: it follows no 三级指标 or value
    for end in range(at + 1, min(len(pieces), at + PIECES_PER_CELL) + 1):
        group = tuple(pieces[at:end])
        if not (one_cell(group) and _value_cell(group)):
            break  # a longer run holds this one's break
        if end == level or (end > level and not weighed):
            _walk_runs(pieces, width, line_no, found, end, (*line, join(group)))


def _level_end(pieces: Sequence[str], at: int) -> tuple[int, bool]:
    """Where the pieces from `at` that join into a level name of the vocabulary end (`社会效益指` / `标`:
    one 二级指标, never a 三级指标 `社会效益指` and a value `标`), `at` when they make none; and whether
    that name prints a weight (`成本指标` / `(20分)`: a 一级指标, whose cell ends there — no 三级指标
    opens with it) or ends in 指标 (`时效指标` / `支付及时` / `率`: `indicator.closes_level`, a level's own
    cell). A name without either may open a longer text (`社会效益` / `满足…`)."""
    first = at
    for end in range(at + 1, min(len(pieces), at + PIECES_PER_CELL) + 1):
        group = tuple(pieces[at:end])
        if not one_cell(group):
            break
        text = join(group)
        if printed_weight(text) is not None and levels_named(text):
            return end, True
        if first == at and (closes_level(text) or (end > at + 1 and levels_named(text))):
            first = end
    return first, first > at and closes_level(join(tuple(pieces[at:first])))


def _value_cell(group: tuple[str, ...]) -> bool:
    """Pieces of an indicator cell: an indicator value opens its cell (a comparison, `文字描述:`), and
    no cell holds two values (`≤211.51万元` / `211.51万元` are two)."""
    if any(opens_value(piece) for piece in group[1:]):
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
            if levels_named(join(group)):
                return join(group)
    return cells[end]


def _stream_line(reading: Reading, columns: IndicatorColumns, following: str | None, opening: bool = False) -> bool:
    """What a line of cells printed one a line must hold, its row not being printed — each a fact of the
    form on the samples' tab text (491 自评表 indicator lines): its 二级指标 where it prints its 一级指标
    (a 一级指标's merged cell opens a 二级指标's: all 208 such lines); its 三级指标, no value (`_value_like`);
    its 指标值 and 实际完成值 (every line); its 分值 and 得分, or neither (4 lines, under a weight printed
    once for their group), or its 分值 alone with a 偏差原因 (1 line: no 得分 given, the reason says why);
    a 偏差原因 that is no value, and only where the 得分 is below the 分值 or not given (the form asks it
    for a target not met: so do all 87, 86 of them below); no 实际完成值 opening with `文字描述:`, the
    mark of a 指标值 stated in words (11 targets, no actual), followed by its words (none is the mark
    alone). A line
    of levels only (a 二级指标 with no 三级指标 under it, 6 lines) is one when the next cell is a level of
    its rank or above (`following`: None at the block's end). A line opening a page (`opening`) prints its
    分值 or 得分 where it prints a 三级指标: a row broken over the page prints there the rest of its
    wrapped cells (002's `大厅工` / `作人员` / `及办理`, the page number, `业务人` / `员满意` / `度`),
    which would read as a line with neither."""
    levels = level_keys(columns)
    values = dict(zip(columns.value_keys, reading.cells[len(levels) :], strict=True))
    shown = printed_levels(reading.levels)
    if "level1" in shown and "level2" not in shown and "level2" in levels:
        return False
    if "level3" in levels and not reading.cells[levels.index("level3")]:
        printed = [int(k[-1]) for k in printed_levels(reading.levels)]
        if not printed:
            return False
        deepest = max(printed)
        ranks = [int(k[-1]) for k in levels_named(following)] if following is not None else [0]
        if compact(next(level for level in reversed(reading.levels) if level)) in LEVEL_AMBIGUOUS and 2 in ranks:
            return False  # `成本指标` over a 二级指标 is its 一级指标 (indicator._prefix), heading that line
        return not any(values.values()) and bool(ranks) and min(ranks) <= deepest
    if "level3" in levels and _value_like(reading.cells[levels.index("level3")]):
        return False
    numbers = [values[k] for k in NUMERIC_KEYS if k in values]
    if opening and "level3" in levels and numbers and not any(numbers):
        return False
    if not all(values[k] for k in ("target", "actual") if k in values):
        return False
    if IN_WORDS.match(values.get("actual", "")) or IN_WORDS.fullmatch(values.get("target", "")):
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


def _value_like(cell: str) -> bool:
    """A cell that prints an indicator value: a comparison (`≥95%`, `等于2家`), `文字描述:…`, or a
    quantity in a unit (`211.51万元`, `3200个`, `2280元/套`; not `12345政务热线`, a name)."""
    value = parse_indicator(cell)
    if value.operator is not None or IN_WORDS.match(cell):
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
        ready = stream_prepare(
            (ready.header, *ready.units), out, ready.pieces, once=True, page_starts=ready.page_starts
        )
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
            lost |= levels_named(_following(cells, i, ready.pieces) or "")
            out.problems.append(Problem(unit.line_no, reason, unit.text))
            i += 1
            continue
        end, reading = lines[i]
        printed = printed_levels(reading.levels)
        lost -= set(printed)
        if lost:
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

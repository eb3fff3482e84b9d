"""A 项目支出绩效自评表 whose wrapped cells a PDF text tool printed on lines of their own → its rows.

The printed lines are cut into rows (`centred`: each row's upper lines, main line, lower lines, the
halves mirroring each other) and each row's cells read, both at once by the table's form. A table no
cut into centred rows fits is read with its cells aligned to the top of their rows (the row's first
line holds the first piece of every cell, the lines under it the next pieces of the cells still
running) and to the bottom (the same, upwards from the row's last line): a PDF aligns cells either
way (`centred.aligned_readings`). Such a table is read when exactly one cut, of both alignments,
fits (a table with a centred cut is read centred, or not at all when it has several). The rows
follow the blocks in their order — project information, the budget header (and its 目标申报数 |
预算编制数 line), the funding lines, the 资金管理情况 block where printed, the goal header and at most
one goal line, the indicator header, the indicator lines, the 总分 line — and each row's cells must be
what its block prints (a row whose cells all have an even count of lines has no main line: its
halves mirror each other around none):

- an information row: labels of the vocabulary (项目名称, 主管部门, 实施单位, 联系电话 …), each followed
  by at most one value that is no label (read several ways, the one whose 联系电话 is a telephone number,
  then the one naming a project the document's 汇总表 lists, is taken when it is the only one: `named`);
- the budget header: its block label, then column names of the vocabulary in the order of a known
  layout (BUDGET_VARIANTS), 偏差原因 (where printed) last, each a whole name (`cells.header_name`:
  never `执行率得`);
- a funding line: one label (no value, no vocabulary label), then one-line values (numbers, dashes,
  rates, amounts);
- the 资金管理情况 header: its label, then its column names in order (情况说明, 分值, 得分, 存在问题和
  改进措施); an item: its name and description, 分值 and 得分 (one-line values), its problems (read
  several ways, the line is reported when the readings agree on 分值 and 得分: project._management);
- the goal header: goal labels; the goal line: one or two texts (no value);
- the indicator header: the block's label first, column names of the vocabulary in the form's order
  (levels, 指标值, 调整后, 实际值, 分值, 得分, 偏差度, 偏差原因), each a whole name (never
  `一级指标标值(B)`);
- an indicator line: one whose main line prints a value, a number or a level of the vocabulary, whose
  cells each open with their first piece (a piece opening an indicator value, `≤211.51万元` or
  `文字描述:…`, continues no wrapped cell: cells.opens_value), and that some reading of the indicator
  grammar fits (its alternatives are all kept: the block's sums decide between them, see
  indicator.indicator_lines). A weight (`(20分)`) ends a 一级指标's name only, a level's whole name
  (`时效指标`) is no line of a longer cell, and a line printing no figure is one of levels only — such
  a line may print cells of an even count of lines alone (`生态效益` / `指标`, no main line) or wrap
  around a piece of a level (`生态环` / `境成本` / `指标`);
- the 总分 line: its label (wrapped or not), then one-line numbers and a grade.

A row's printed values bound its readings before they are made: the values of a funding line, an item
and the 总分 line are on its main line, column names print none, an information row at most its
telephone number's two pieces (`_VALUES_ONE_LINE`, `_NAMES_ONLY`). Lines before the information rows
are not read: the table stays quarantined. Only when exactly one cut of the lines into rows fits the
form is the table read; the lines after the 总分 row (the analysis, the notes' wrapped lines) are
reported, not read.
Every search is bounded (`WORK`, `GROUPINGS`, centred.READINGS_PER_ROW): past a bound the table is
not read this way (the space mode's reason stands).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from loaders.document import clean_cell
from loaders.errors import ParseError
from loaders.layout.performance.cells import TooManyReadings, grammar_cells, header_name, is_value, opens_value
from loaders.layout.performance.centred import Cell, aligned_readings, joined, readings
from loaders.layout.performance.indicator import closes_level
from loaders.parsers.performance_common import (
    INDICATOR_LABELS,
    LEVEL1,
    LEVEL2,
    LEVEL_AMBIGUOUS,
    IndicatorColumns,
    compact,
    grade_of,
    indicator_header,
    info_label,
    name_key,
    parse_info_line,
    printed_weight,
    without_weight,
)
from loaders.parsers.performance_project import (
    _TOTAL,
    BUDGET_VARIANTS,
    _budget_key,
    _is_amount,
    _is_goal_header,
    _is_subsequence,
    budget_header,
)

CENTRED, TOP, BOTTOM = "centred", "top", "bottom"  # where a row's cells sit in it
ALIGNMENTS = (CENTRED, TOP, BOTTOM)
WORK = 200_000  # rows tried and readings made over the whole table
GROUPINGS = 64  # ways a row's printed lines may group their tokens into pieces
HEIGHT = 12  # upper lines a row may have (a cell of 25 lines)
_PAGE_NUMBER = re.compile(r"^-\s*\d+\s*-$")
_BUDGET_LABEL = re.compile(r"^项目(?:预算执行情况|资金)|^资金预算安排")
_INDICATOR_ORDER = (
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "basis",
    "adjusted",
    "actual",
    "weight",
    "score",
    "deviation_rate",
    "deviation",
)
# Rows whose values are one-line cells and whose other cells print no value (`funding_row`,
# `management_row`, `total_row`): a value printed off the main line is no such row's.
_VALUES_ONE_LINE = frozenset({"funding", "management", "total"})
# Rows of names, and how many values they may print: column names none, an information row its one
# telephone number (`0635-` / `8902712` at most two).
_NAMES_ONLY = {"budget_header": 0, "subheader": 0, "info": 2}
_FUNDING_LABEL = re.compile(r"(?:资金|拨款|总额)(?:[(（]万元[)）])?[:：]?$")
_GOAL_BLOCKS = frozenset({"年度总体目标", "总体目标", "项目年度绩效目标", "年度绩效目标"})

IndicatorFits = Callable[[Sequence[str], IndicatorColumns], bool]


@dataclass(frozen=True)
class WrappedRow:
    """A row read: the number of its main line (its first line when it has none), its cells, and the
    other readings its block leaves open (indicator lines only)."""

    line_no: int
    cells: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    text: str


# --- the cells each block prints -------------------------------------------------------------------


def groupings(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """A printed line's tokens as pieces of cells: a space between two tokens separates two cells'
    pieces, or — where the cell grammar joins them (`cells.grammar_cells`: a label and its bracketed
    suffix, a number and its unit, an operator and its number) — lies inside one piece; both are kept."""
    out: list[tuple[str, ...]] = [()]
    for token in tokens:
        nxt = []
        for pieces in out:
            nxt.append((*pieces, token))
            if pieces and len(grammar_cells([pieces[-1], token])) == 1:
                nxt.append((*pieces[:-1], f"{pieces[-1]} {token}"))
        out = nxt
    return out


def _is_level(cell: str) -> bool:
    text = without_weight(compact(cell))
    return bool(LEVEL1.match(text) or LEVEL2.match(text)) or text in LEVEL_AMBIGUOUS


def _level_inside(cell: Cell) -> bool:
    """A cell of several printed lines, no level itself, one of whose lines is a level's whole name ending
    in 指标 (`indicator.closes_level`): such a line is a level's own cell."""
    if len(cell) < 2 or _is_level(joined(cell)):
        return False
    return any(closes_level(line) for line in cell)


def _one_line_values(cells: Sequence[Cell]) -> bool:
    return all(len(cell) == 1 and (is_value(cell[0]) or _is_amount(cell[0])) for cell in cells)


def info_row(cells: Sequence[Cell]) -> bool:
    texts = [joined(c) for c in cells]
    if not texts or info_label(texts[0]) is None:
        return False
    return all(info_label(b) is not None for a, b in itertools.pairwise(texts) if info_label(a) is None)


def budget_header_row(cells: Sequence[Cell]) -> bool:
    texts = [joined(c) for c in cells]
    if not texts or not _BUDGET_LABEL.match(compact(texts[0])) or budget_header(texts) is None:
        return False
    keys = [_budget_key(t) for t in texts[1:]]
    if None in keys or len(set(keys)) != len(keys) or "deviation" in keys[:-1]:
        return False
    if not all(header_name(t) for t in texts[1:]):
        return False  # each column's whole name (`执行率(B/A)`, never `执行率得`)
    numeric = [k for k in keys if k is not None and k != "deviation"]
    return any(_is_subsequence(numeric, variant) for variant in BUDGET_VARIANTS)


def subheader_row(cells: Sequence[Cell]) -> bool:
    """目标申报数 | 预算编制数 (in this order: the parser's split of 年初预算数)."""
    return [_budget_key(joined(c)) for c in cells] == ["declared", "initial"]


def funding_row(cells: Sequence[Cell]) -> bool:
    """A funding source (its name ends in 资金, 拨款 or 总额: every funding line of the samples' tab text
    but one, `市:`; no line of it a number), then its values."""
    if not cells or any(is_value(line) for line in cells[0]):
        return False
    return bool(_FUNDING_LABEL.search(compact(joined(cells[0])))) and _one_line_values(cells[1:])


_MANAGEMENT_HEADER = ("资金管理情况", "情况说明", "分值", "得分", "存在问题和改进措施")


def management_header_row(cells: Sequence[Cell]) -> bool:
    """资金管理情况, then its column names in their order (情况说明, 分值, 得分, 存在问题和改进措施)."""
    texts = [compact(joined(c)) for c in cells]
    return len(texts) >= 4 and texts[0] == _MANAGEMENT_HEADER[0] and _is_subsequence(texts[1:], _MANAGEMENT_HEADER[1:])


def management_row(cells: Sequence[Cell]) -> bool:
    """An item of the 资金管理情况 block: its name, its description, 分值 and 得分 (one-line numbers), the
    problems noted, if any."""
    texts = [joined(c) for c in cells]
    numbers = [n for n, t in enumerate(texts) if is_value(t)]
    return (
        len(numbers) == 2
        and numbers[0] in (1, 2)
        and numbers[1] == numbers[0] + 1
        and all(len(cells[n]) == 1 for n in numbers)
    )


def goal_header_row(cells: Sequence[Cell]) -> bool:
    """The block's label first, the goal, its result (完成情况) last."""
    texts = [compact(joined(c)) for c in cells]
    done = [n for n, t in enumerate(texts) if "完成情况" in t]
    blocks = [n for n, t in enumerate(texts) if t in _GOAL_BLOCKS]
    return _is_goal_header(texts) and len(texts) >= 2 and done in ([], [len(texts) - 1]) and blocks == [0]


def goal_row(cells: Sequence[Cell]) -> bool:
    texts = [joined(c) for c in cells]
    return 1 <= len(texts) <= 2 and not any(is_value(t) or _is_goal_header([t]) for t in texts)


def indicator_header_row(cells: Sequence[Cell]) -> IndicatorColumns | None:
    texts = [joined(c) for c in cells]
    columns = indicator_header(texts)
    if columns is None:
        return None
    order = sorted(columns.positions, key=lambda k: columns.positions[k])
    ranks = [_INDICATOR_ORDER.index(k) if k in _INDICATOR_ORDER else -1 for k in order]
    named = sum(1 for t in texts if compact(t) not in INDICATOR_LABELS)
    if -1 in ranks or ranks != sorted(ranks) or named != len(columns.positions):
        return None
    if any(n and compact(t) in INDICATOR_LABELS for n, t in enumerate(texts)):
        return None  # the block's label (绩效指标) is its first cell
    if not all(header_name(t) for t in texts if compact(t) not in INDICATOR_LABELS):
        return None  # each column's whole name (`一级指标`, never `一级指标标值(B)`)
    return columns


def total_row(cells: Sequence[Cell]) -> bool:
    texts = [joined(c) for c in cells]
    if not texts or compact(texts[0]) not in _TOTAL or any(len(c) > 1 for c in cells[1:]):
        return False
    return all(is_value(t) or grade_of(t) is not None for t in texts[1:])


def _levels_first(texts: Sequence[str]) -> bool:
    """An indicator line prints its levels (一级, 二级: the vocabulary) left of its other cells."""
    levels = [_is_level(t) for t in texts]
    return levels == sorted(levels, reverse=True)


def _anchored(main: Sequence[str]) -> bool:
    """An indicator line's main line prints a value, a number or a level of the vocabulary."""
    return any(is_value(p) or _is_level(p) or re.search(r"\d", p) for p in main)


# --- the cut into rows ------------------------------------------------------------------------------

NEXT = {
    "start": ("info",),
    "info": ("info", "budget_header"),
    "budget_header": ("subheader", "funding"),
    "subheader": ("funding",),
    "funding": ("funding", "management_header", "goal_header"),
    "management_header": ("management",),
    "management": ("management", "goal_header"),
    "goal_header": ("goal", "indicator_header"),
    "goal": ("indicator_header",),
    "indicator_header": ("indicator", "total"),
    "indicator": ("indicator", "total"),
}
SIMPLE = {
    "info": info_row,
    "budget_header": budget_header_row,
    "subheader": subheader_row,
    "funding": funding_row,
    "management_header": management_header_row,
    "management": management_row,
    "goal_header": goal_header_row,
    "goal": goal_row,
    "total": total_row,
}


@dataclass(frozen=True)
class Span:
    """Printed lines first … last of a row, its main line (None: a row without one)."""

    first: int
    main: int | None
    last: int


Readings = tuple[tuple[Cell, ...], ...]
# A cut from a line on: (span, kind, readings) rows up to the 总分 row.
Rows = tuple[tuple[Span, str, tuple[tuple[str, ...], ...]], ...]


class Cut:
    """The search for the one cut of a table's lines into rows that its form fits. The readings of a
    span and the cuts from a line on are each worked out once per table (`_readings_of`, `_cuts`)."""

    def __init__(
        self,
        lines: Sequence[tuple[int, tuple[str, ...], str]],
        fits: IndicatorFits,
        align: str = CENTRED,
        form: dict[str, tuple[str, ...]] | None = None,
        ends: tuple[str, ...] = (),
    ) -> None:
        self.lines = lines
        self.fits = fits
        self.align = align
        self.form = NEXT if form is None else form  # the kinds of row that may follow each kind
        self.ends = ends  # the kinds a cut may end with at the last line (the whole form: none, its 总分)
        self.left = WORK
        self._readings_of: dict[Span, Readings] = {}
        self._cuts: dict[tuple[int, str, tuple[str, ...]], tuple[int, Rows]] = {}
        self._grouped: dict[int, list[tuple[str, ...]]] = {}

    def row_readings(self, span: Span) -> Readings:
        """The span's readings, with each printed line's pieces grouped every way the cell grammar
        allows (`groupings`)."""
        known = self._readings_of.get(span)
        if known is None:
            known = self._readings_of[span] = self._row_readings(span)
        return known

    def _row_readings(self, span: Span) -> Readings:
        found: dict[tuple[Cell, ...], None] = {}
        lines = range(span.first, span.last + 1)
        options = [self.grouped(n) for n in lines]
        if math.prod(len(o) for o in options) > GROUPINGS:
            raise TooManyReadings(f"too many readings: a wrapped row's pieces grouped more than {GROUPINGS} ways")
        for grouped in itertools.product(*options):
            found.update(dict.fromkeys(self._readings(span, dict(zip(lines, grouped, strict=True)))))
        self.spend(len(found))
        return tuple(found)

    def spend(self, work: int) -> None:
        self.left -= work
        if self.left < 0:
            raise TooManyReadings(f"too many readings: a wrapped table cost more than {WORK} rows and readings")

    def _readings(self, span: Span, pieces: dict[int, tuple[str, ...]]) -> Readings:
        if self.align == TOP:
            below = [pieces[n] for n in range(span.first + 1, span.last + 1)]
            return tuple(aligned_readings(pieces[span.first], below))
        if self.align == BOTTOM:
            above = [pieces[n] for n in range(span.last - 1, span.first - 1, -1)]
            return tuple(aligned_readings(pieces[span.last], above, upwards=True))
        if span.main is None:
            half = (span.last - span.first + 1) // 2
            above = [pieces[span.first + half - 1 - k] for k in range(half)]
            below = [pieces[span.first + half + k] for k in range(half)]
            return tuple(readings(above, None, below))
        above = [pieces[span.main - 1 - k] for k in range(span.main - span.first)]
        below = [pieces[span.main + 1 + k] for k in range(span.last - span.main)]
        return tuple(readings(above, pieces[span.main], below))

    def spans(self, first: int, kind: str) -> list[Span]:
        if self.align != CENTRED:
            return self._aligned_spans(first)
        found = []
        for height in range(HEIGHT + 1):
            main, last = first + height, first + 2 * height
            if last >= len(self.lines):
                break
            found.append(Span(first, main, last))
            if height:
                found.append(Span(first, None, last - 1))
        return found

    def grouped(self, n: int) -> list[tuple[str, ...]]:
        """Line n's tokens grouped into pieces every way (`groupings`), once per table."""
        known = self._grouped.get(n)
        if known is None:
            known = self._grouped[n] = groupings(self.lines[n][1])
        return known

    def _pieces(self, n: int) -> tuple[int, int]:
        """The fewest and the most pieces line n may hold."""
        counts = [len(pieces) for pieces in self.grouped(n)]
        return min(counts), max(counts)

    def _aligned_spans(self, first: int) -> list[Span]:
        """Rows aligned to the top (bottom) from line `first`: each line further from the line holding a
        piece of every cell holds pieces of some of the cells the line before reaches, so no more pieces
        than it (a span stops where no grouping of its lines can keep that)."""
        found: list[Span] = []
        end = min(first + 2 * HEIGHT + 1, len(self.lines))
        for last in range(first, end):
            if last > first:
                upper, lower = self._pieces(last - 1), self._pieces(last)
                if (lower[0] > upper[1]) if self.align == TOP else (upper[0] > lower[1]):
                    break  # every longer span holds these two lines too
            found.append(Span(first, first if self.align == TOP else last, last))
        return found

    def _values(self, span: Span) -> int:
        """How many values (numbers, rates, dashes) the span's lines print."""
        return sum(1 for n in range(span.first, span.last + 1) for token in self.lines[n][1] if is_value(token))

    def _value_off_main(self, span: Span) -> bool:
        """Whether a line of the span other than its main line prints a value (a number, a rate, a dash)."""
        lines = (n for n in range(span.first, span.last + 1) if n != span.main)
        return any(is_value(token) for n in lines for token in self.lines[n][1])

    def accepted(self, span: Span, kind: str, header: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The readings of the span the block kind prints (joined); `header`: the indicator header's cells."""
        columns = indicator_header(list(header)) if header else None
        self.spend(1)
        if kind in _VALUES_ONE_LINE and self._value_off_main(span):
            return []  # its values are one-line cells, on the line holding a piece of every cell
        if kind in _NAMES_ONLY and self._values(span) > _NAMES_ONLY[kind]:
            return []
        found: dict[tuple[str, ...], None] = {}
        for cells in self.row_readings(span):
            if kind == "indicator":
                if any(opens_value(line) for c in cells for line in c[1:]):
                    continue  # an indicator value opens its cell: `项目建设所需` / `≤211.51万元` / `资金` is no cell
                if any(_level_inside(c) for c in cells):
                    continue  # `支付及时` / `时效指标` / `率` is no 三级指标: 时效指标 is the line's 二级指标
                texts = tuple(joined(c) for c in cells)
                if any(printed_weight(compact(t)) is not None and not _is_level(t) for t in texts):
                    continue  # a weight `(20分)` ends a 一级指标's name: no other cell, nor a cell of its own
                levels_only = not any(is_value(t) or re.search(r"\d", t) for t in texts)
                if levels_only and not all(map(_is_level, texts)):
                    continue  # a line printing no figure is one of levels only (`||生态效益指标|||`)
                # whose cells may wrap around no main line (`生态效益` / `指标`) or around a piece of a
                # level (`生态环` / `境成本` / `指标`)
                anchored = span.main is None or levels_only or _anchored(self.lines[span.main][1])
                if columns is not None and anchored and _levels_first(texts) and self.fits(texts, columns):
                    found[texts] = None
            elif kind == "indicator_header":
                if indicator_header_row(cells) is not None:
                    found[tuple(joined(c) for c in cells)] = None
            elif SIMPLE[kind](cells):
                found[tuple(joined(c) for c in cells)] = None
        return list(found)

    def solve(self, first: int, kind: str, header: tuple[str, ...] = ()) -> tuple[int, Rows]:
        """(how many cuts of lines first… fit after a row of `kind`, capped at 2; one of them as
        (span, kind, readings) rows up to the 总分 row)."""
        key = (first, kind, header)
        known = self._cuts.get(key)
        if known is None:
            known = self._cuts[key] = self._solve(first, kind, header)
        return known

    def _solve(self, first: int, kind: str, header: tuple[str, ...]) -> tuple[int, Rows]:
        if first == len(self.lines) and kind in self.ends:
            return 1, ()
        count = 0
        best: Rows = ()
        for nxt in self.form.get(kind, ()):
            for span in self.spans(first, nxt):
                texts = self.accepted(span, nxt, header)
                if not texts:
                    continue
                sub: tuple[int, Rows]
                if nxt == "total":
                    sub = (1, ())
                else:
                    sub = self.solve(span.last + 1, nxt, texts[0] if nxt == "indicator_header" else header)
                if sub[0] and nxt == "indicator_header" and len(texts) > 1:
                    sub = (2, sub[1])  # the header read two ways: its columns are not known
                count += sub[0]
                if count and not best:
                    best = ((span, nxt, tuple(texts)), *sub[1])
                if count > 1:
                    return 2, best
        return count, best


def named(texts: Sequence[tuple[str, ...]], names: Callable[[], frozenset[str]] | None) -> Sequence[tuple[str, ...]]:
    """Of an information row's readings, the one naming the project (项目名称) as the document's 汇总表
    does (`names`: their name_key), when exactly one does; else all of them. `聊城…`'s pdfplumber text
    prints `特种设备作业人` / `项目名称 员考试机构委托 主管部门` / `服务费` with the 主管部门 cell empty: the
    name's first and last lines may as well be a 主管部门 of two lines beside a name of one. Before the
    names, of readings whose 联系电话 differ, the one whose 联系电话 is a telephone number (`_TELEPHONE`) is
    taken when it is the only one."""
    if len(texts) > 1:
        dialled = [t for t in texts if _TELEPHONE.match(_info(t).get("contact_phone", "0"))]
        texts = dialled if len(dialled) == 1 else texts
    if len(texts) < 2 or names is None:
        return texts
    known = names()
    found = [t for t in texts if name_key(_info(t).get("project_name", "")) in known]
    return found if len(found) == 1 else texts


# A telephone number (or several): digits, their separators and an extension. Of an information row's
# readings, the one whose 联系电话 is one is taken when it is the only one: `聊城市行政` / `项目实施单位
# 联系电话 8906626` / `审批服务局` is not a 联系电话 of three lines beside an empty 实施单位.
_TELEPHONE = re.compile(r"^[\d\s\-－—–()（）,，、/;；转]*\d[\d\s\-－—–()（）,，、/;；转]*$")


def _info(cells: Sequence[str]) -> dict[str, str]:
    try:
        return parse_info_line(cells) or {}
    except ParseError:
        return {}


def wrapped_rows(
    lines: Sequence[tuple[int, str]], fits: IndicatorFits, names: Callable[[], frozenset[str]] | None = None
) -> tuple[list[WrappedRow], list[int]] | str:
    """The table's rows up to its 总分 row and the numbers of the lines after it, or why it cannot be
    read (no cut, or several, fit the form). An information row read several ways is decided by the
    project names of the document's 汇总表 (`names`, asked only then: `named`)."""
    kept = [(no, tuple(clean_cell(text).split()), text) for no, text in lines if not _PAGE_NUMBER.match(text.strip())]
    found = _cut(kept, fits, NEXT, ())
    if isinstance(found, str):
        return found
    rows = _rows(kept, found, names)
    if isinstance(rows, str):
        return rows
    end = found[-1][0].last + 1
    return rows, [no for no, _, _ in kept[end:]]


# An information block alone (the rows above a table's first ruled row, printed as text): its rows, up
# to its last line.
INFO_FORM: dict[str, tuple[str, ...]] = {"start": ("info",), "info": ("info",)}


def information_rows(
    lines: Sequence[tuple[int, str]], names: Callable[[], frozenset[str]] | None = None
) -> list[WrappedRow] | str:
    """The information rows (项目名称 | … | 主管部门 | …) printed on these lines, their wrapped cells on
    lines of their own (a PDF reader gives a table's first row as text when no rule closes it), or why
    they cannot be read: no cut of all the lines into information rows fits, or several do, or a row
    reads several ways (`named` decides by the telephone number, then by `names`)."""
    kept = [(no, tuple(clean_cell(text).split()), text) for no, text in lines]
    found = _cut(kept, _no_indicator, INFO_FORM, ("info",))
    return found if isinstance(found, str) else _rows(kept, found, names)


def _no_indicator(_texts: Sequence[str], _columns: IndicatorColumns) -> bool:
    return False


def _cut(
    kept: Sequence[tuple[int, tuple[str, ...], str]],
    fits: IndicatorFits,
    form: dict[str, tuple[str, ...]],
    ends: tuple[str, ...],
) -> Rows | str:
    """The one cut of the lines into rows of the form (a table's whole form, or its information block),
    of every alignment of the cells in their rows; or why there is none."""
    cuts: list[tuple[int, Rows]] = []
    for align in ALIGNMENTS:
        try:
            cuts.append(Cut(kept, fits, align, form, ends).solve(0, "start"))
        except TooManyReadings as exc:
            return exc.reason
        if align == CENTRED and cuts[0][0]:
            break  # a table with centred cuts is read centred (or not at all)
    count = sum(n for n, _ in cuts)
    if count != 1:
        return "no cut of its lines into rows fits the form" if not count else "its lines cut into rows in several ways"
    return next(found for n, found in cuts if n)


def _rows(
    kept: Sequence[tuple[int, tuple[str, ...], str]], solution: Rows, names: Callable[[], frozenset[str]] | None
) -> list[WrappedRow] | str:
    """The cut's rows, each read one way (an information row's readings decided by `named`)."""
    rows: list[WrappedRow] = []
    for span, kind, texts in solution:
        if kind == "info":
            texts = tuple(named(texts, names))
        if kind not in ("indicator", "management") and len(texts) != 1:
            return f"a {kind.replace('_', ' ')} row read {len(texts)} ways"
        at = span.main if span.main is not None else span.first
        text = " / ".join(kept[n][2] for n in range(span.first, span.last + 1))
        rows.append(WrappedRow(kept[at][0], texts[0], tuple(texts[1:]), text))
    return rows

"""项目支出绩效自评表 and 绩效目标表 printed without tabs → the tab lines of parsers.performance_project.

The table is walked block by block (`_walk`), each block's rows known by their vocabulary: project
information (项目名称 | 主管部门 | 实施单位 | 联系电话 …), the budget header and its funding lines, the 资金管理情况
block, the goal block, the indicator header and its lines, the 总分 line, the analysis texts. This
module reads the blocks; the lines are read by:

- `funding`: the funding lines, every placement of their values in the header's columns that keeps the
  form and 执行率 = 执行数 / 全年预算数. When the block's first line (资金总额, which holds the budget's 分值
  and 得分) still fits several ways, the whole table decides (`_budget`): the one reading whose 分值 and
  得分 let the indicator block meet the sums below is taken (at most cells.FIRST_FUNDING_READINGS readings
  tried, one bounded search each).
- `indicator`: the indicator lines, placed all at once by the table's sums (总分, total weight);
- `stream`: an indicator block printed one cell or one piece a line;
- `target`: a 目标表's goal and indicator lines.
- The analysis lines: labels, then one text (`_analysis`).

A 自评表 printed one whole cell per line (`_cell_stream`) has its rows cut by what their cells are
(`cellrows`); one printed one piece of a wrapped cell per line (PyMuPDF, `_piece_stream`) has its labels
and block values joined first (`piececells`). A 目标表 printed one whole cell per line (`_target_cells`)
has its indicator cells cut into lines at their level names.

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

The header printed again on the next page continues the indicator block.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from loaders.document import clean_cell
from loaders.layout.performance.cellrows import STREAM, cell_rows, is_column
from loaders.layout.performance.cells import FIRST_FUNDING_READINGS, decimal, grammar_cells, is_value
from loaders.layout.performance.funding import amount_ok, budget_line, funding_readings, funding_reason
from loaders.layout.performance.indicator import (
    BLOCK_LABELS,
    Out,
    Prepared,
    Preparer,
    Texts,
    Unit,
    fits_sums,
    indicator_header_cells,
    indicator_lines,
    indicator_readings,
    prepare_block,
    spaced_unit,
)
from loaders.layout.performance.piececells import whole_cells
from loaders.layout.performance.pieces import detect_mode, rows_of, table_lines
from loaders.layout.performance.stream import piece_prepare, stream_prepare
from loaders.layout.performance.target import (
    reported_target_line,
    runs_of_lines,
    target_goal,
    target_lines,
    target_prepare,
    without_goal_lines,
    wrapped_piece,
)
from loaders.layout.performance.wrapped import wrapped_rows
from loaders.layout.result import Canonical, LayoutError, Problem
from loaders.layout.text import CELL, SPACE, is_marked_page_number
from loaders.parsers.base import DocumentParses
from loaders.parsers.performance_common import (
    FUND_MANAGEMENT_LABEL,
    SENTENCE_END,
    IndicatorColumns,
    _keywords_in,
    compact,
    grade_of,
    indicator_header,
    info_label,
    is_dash,
    is_number,
)
from loaders.parsers.performance_project import (
    _TOTAL,
    ANALYSIS_OUTER,
    GOAL_LABELS,
    _budget_key,
    _goal_like,
    budget_header,
    parse_self_evaluation,
    plain_goal_cells,
)
from loaders.rows import ProjectRow

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


@dataclass(frozen=True)
class Totals:
    """What the 汇总表 checks against: a project table's name and printed 总分."""

    name: str
    score: Decimal | None


def totals_of(table, parses: DocumentParses | None = None) -> Totals | None:  # type: ignore[no-untyped-def]
    """A project table's name and 总分, by the 自评表 parser (a 自评表's parse is the document's: the
    pipeline takes it again for the table's rows); None when the parser loads no project from it (no
    name read)."""
    from loaders.parsers import PARSERS

    family = "performance_self_evaluation"
    parser = PARSERS[family] if table.family == family else parse_self_evaluation
    result = (parses or DocumentParses()).parse(table, parser)
    project = next((row for row in result.rows if isinstance(row, ProjectRow)), None)
    return Totals(project.project_name, project.total_score) if project is not None else None


def _is_goal_label(cell: str) -> bool:
    return bool(GOAL_LABELS.match(compact(cell)))


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
    if text in BLOCK_LABELS or text == "一级指标":
        return "indicators"
    if text in _TOTAL:
        return "total"
    if text in ANALYSIS_OUTER:
        return "analysis"
    return None


def canonicalise(  # type: ignore[no-untyped-def]
    table, known: Texts | None = None, texts: Texts | None = None, names: Callable[[], frozenset[str]] | None = None
) -> Canonical:
    """The table's canonical lines. Printed with spaces, its indicator lines read several ways are
    decided by the texts the document prints elsewhere (`known`, see `_known_reading`), and the texts
    of the lines it rebuilds are added to `texts`. Read with wrapped cells, an information row read
    several ways is decided by the project names of the document's 汇总表 (`names`, see wrapped.named)."""
    lines = table_lines(table.lines, table.title)
    mode = detect_mode(lines)
    rows = rows_of(lines, SPACE)
    if not rows:
        return Canonical()
    target = table.family == "performance_target"
    if mode == CELL:
        read = (_target_cells,) if target else (_cell_stream, partial(_wrapped, names=names), _piece_stream)
        wrapped = next((found for reader in read if (found := reader(lines)) is not None), None)
        if wrapped is None:
            raise LayoutError(
                "a project table printed one cell per line: its rows cannot be told apart (not rebuilt)",
                rows[0].line_no,
            )
        return wrapped
    units = [spaced_unit(r.line_no, tuple(grammar_cells(r.pieces)), r.text) for r in rows]
    out = Out(known=known or {})
    try:
        _walk(units, out, target)
    except LayoutError:
        if target:
            raise
        wrapped = _wrapped(lines, names)
        if wrapped is None:
            raise
        return wrapped
    if target:  # its goal lines under the indicator header were emitted ahead of the block's lines
        out.lines.sort(key=lambda line: line.no)
    if texts is not None:
        for key, cells in out.texts.items():
            texts.setdefault(key, set()).update(cells)
    return Canonical(tuple(out.lines), tuple(out.problems))


def _wrapped(lines: Sequence, names: Callable[[], frozenset[str]] | None = None) -> Canonical | None:  # type: ignore[type-arg]
    """A 自评表 whose wrapped cells are printed on lines of their own (a PDF tool's text), read by the
    form (`wrapped`): None when no single cut of its lines into rows fits. Its indicator block, when
    its lines are not decided, and the lines after its 总分 row are reported; its other rows must be
    read, or the table is reported whole (LayoutError)."""
    found = wrapped_rows([(line.no, line.text) for line in lines], _reads_as_indicator, names)
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
    return _streamed(lines, [(line.no, clean_cell(line.text)) for line in lines], "one cell per line", stream_prepare)


def _piece_stream(lines: Sequence) -> Canonical | None:  # type: ignore[type-arg]
    """A 自评表 printed one piece of a wrapped cell per line (`piececells`): its labels and its blocks'
    values joined into cells, its indicator block's pieces into cells and lines by the indicator search
    (`piece_prepare`). None when its pieces cannot be joined into the form's cells."""
    printed = [(line.no, clean_cell(line.text)) for line in lines]
    pieces = [(no, piece) for no, text in printed if not is_marked_page_number(text) for piece in _pieces_of(text)]
    numbers = [no for no, text in printed if is_marked_page_number(text)]
    page_starts = frozenset(next((no for no, _ in pieces if no > number), 0) for number in numbers)
    cells = whole_cells(pieces, _kind, ANALYSIS_TOPICS, page_starts)
    if isinstance(cells, str):
        return None
    return _streamed(lines, cells, "wrapped one piece a line", partial(piece_prepare, page_starts))


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
    as a space-printed 目标表's are (`target_goal`: text lines, not cells). Under the header its
    indicator lines are cut at their levels: each line of a 目标表 prints its 二级指标 (and its 一级指标
    where the merged cell is printed), so a line is a run of level names and the cells up to the next
    level name, each cell its own (none joined). The header printed again on the next page is dropped;
    the cells between it and the next level name continue a cell of the line above, which column not
    known: they and that line are reported. So are the extraction's debris printed before a line's levels
    (in the tab text, that line's 一级指标 cell) and the lines on both sides of it: it may as well end the
    line above. A line reported keeps its levels (they carry down). Each other line is then read as printed
    (`indicator_lines`). Above the header, cells printed one a line are known to be on lines of their own only
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
    cut = target_lines(cells[width:], header, out)
    if cut is None:
        return None
    rows, reported = cut
    units = [*start, Unit(cells[0][0], spread, " ".join(header))]
    for n, row in enumerate(rows):
        texts = tuple(text for _, text in row)
        unit = Unit(row[0][0], texts, " / ".join(texts), apart=frozenset(range(1, len(texts))))
        if n in reported:
            reported_target_line(unit, reported[n], columns, out)
        else:
            units.append(unit)
    _walk(units, out, True)
    out.lines.sort(key=lambda line: line.no)
    return Canonical(tuple(out.lines), tuple(sorted(out.problems, key=lambda p: p.line_no)))


def _target_start(lines: Sequence) -> list[Unit] | None:  # type: ignore[type-arg]
    """The units above a 目标表's header printed one cell per line, read as goal lines (None: they open
    another block of the form). LayoutError when a cell that is no goal sits among other cells."""
    start = [spaced_unit(r.line_no, tuple(grammar_cells(r.pieces)), r.text) for r in rows_of(lines, SPACE)]
    if any(kind != "start" for kind, _ in _blocks(start)):
        return None
    for run in runs_of_lines(start):
        garbled = next((unit for unit in run if not _goal_like(plain_goal_cells(unit.text))), None)
        if garbled is not None and len(run) > 1:
            why = "a cell above the indicator header that is no goal text beside other cells: its line not known"
            raise LayoutError(why, garbled.line_no)
    return start


def _reads_as_indicator(cells: Sequence[str], columns: IndicatorColumns) -> bool:
    return bool(indicator_readings(cells, columns))


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
    `prepare`: how the indicator block's lines are read (`prepare_block`: a unit a line)."""
    prepare = prepare or (target_prepare if target else prepare_block)
    budget_score = Decimal(0)
    budget_weight: Decimal | None = None
    management = [Decimal(0), Decimal(0)]
    total: tuple[Decimal | None, Decimal | None] = (None, None)
    blocks = _blocks(units)
    total_block = next((b for k, b in blocks if k == "total"), None)
    if total_block is not None:
        total = _total(total_block)
    prepared: dict[int, Prepared] = {}  # an indicator block's line readings, by its first line
    # a 目标表's lines right under an indicator header (where a row broken over a page goes on)
    under_header = frozenset(
        units[n + 1].line_no
        for n in range(len(units) - 1)
        if target and units[n].cells and _kind(units[n].cells[0]) == "indicators"
    )
    decide = _Decider(blocks, total, prepared, prepare, out)
    for kind, block in blocks:
        if kind == "start" and block:
            if not target:
                raise LayoutError("a line before the table's header", block[0].line_no)
            target_goal(block, out)
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
                block = without_goal_lines(block, out)
            score, weight = _sums(total, (budget_weight, budget_score), management)
            if lenient:
                rebuild = partial(_rebuild_indicators, prepared, block, out, score, weight, prepare)
                _reported_if_undecided(block, out, rebuild, lenient)
                continue
            ready = prepared.get(block[0].line_no) or prepare(block, out)
            piece = wrapped_piece(ready, under_header) if target else None
            if piece is not None:
                why = "a 目标表 whose cells wrap onto lines of their own: its indicator lines cannot be read one by one"
                raise LayoutError(why, piece.line_no)
            indicator_lines(ready, out, score, weight)
        elif kind == "total":
            out.emit(block[0].line_no, block[0].cells)
            _analysis(block[1:], out)
        elif kind == "analysis":
            _analysis(block, out)


def _sums(
    total: tuple[Decimal | None, Decimal | None], budget: tuple[Decimal | None, Decimal], spent: Sequence[Decimal]
) -> tuple[Decimal | None, Decimal | None]:
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


class _Decider:
    """The one reading of the budget's first line that lets the indicator block meet the table's sums
    (None: none or several do, or the table gives no sums, or a block cannot be read). (An object, not a
    closure in `_walk`: loaders/native.py.)"""

    def __init__(
        self,
        blocks: list[tuple[str, list[Unit]]],
        total: tuple[Decimal | None, Decimal | None],
        prepared: dict[int, Prepared],
        prepare: Preparer,
        out: Out,
    ) -> None:
        self.blocks = blocks
        self.total = total
        self.prepared = prepared  # shared with `_walk`: the block is read once
        self.prepare = prepare
        self.out = out

    def __call__(self, options: Sequence[tuple[Decimal | None, Decimal]]) -> int | None:
        blocks = self.blocks
        indicators = next((b for k, b in blocks if k == "indicators"), None)
        if indicators is None or self.total == (None, None):
            return None
        try:
            spent = next((_management(b, Out()) for k, b in blocks if k == "management"), [Decimal(0)] * 2)
            ready = self.prepared.setdefault(indicators[0].line_no, self.prepare(indicators, self.out))
            fits = [n for n, option in enumerate(options) if fits_sums(ready, *_sums(self.total, option, spent))]
        except LayoutError:
            return None
        return fits[0] if len(fits) == 1 else None


def _rebuild_indicators(
    prepared: dict[int, Prepared],
    block: Sequence[Unit],
    out: Out,
    score: Decimal | None,
    weight: Decimal | None,
    prepare: Preparer,
) -> None:
    """An indicator block rebuilt, from its line readings when the budget's reading read them already."""
    indicator_lines(prepared.get(block[0].line_no) or prepare(block, out), out, score, weight)


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
        and all(is_value(c) or amount_ok(c) for c in cells[2:])
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
                raise LayoutError(funding_reason(readings, budget), unit.line_no)
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
    """The 资金管理情况 block: its header, then a line an item (name, description, 分值, 得分, problems);
    the sums of its 分值 and 得分. A line read several ways (wrapped cells) is reported when its readings
    agree on its 分值 and 得分 (the sums stand), else the table is."""
    out.emit(block[0].line_no, list(block[0].cells))
    sums = [Decimal(0), Decimal(0)]
    for unit in block[1:]:
        readings = {tuple(_management_item(cells, unit.line_no)): None for cells in (unit.cells, *unit.alternatives)}
        if len({item[2:4] for item in readings}) > 1:
            raise LayoutError("a 资金管理情况 line whose 分值 and 得分 are read several ways", unit.line_no)
        name, description, weight, score, problem = next(iter(readings))
        if len(readings) > 1:
            out.problems.append(Problem(unit.line_no, f"a 资金管理情况 line read {len(readings)} ways", unit.text))
        else:
            out.emit(unit.line_no, [name, description, weight, score, problem])
        sums[0] += decimal(weight) or 0
        sums[1] += decimal(score) or 0
    return sums


def _management_item(cells: Sequence[str], line_no: int) -> list[str]:
    numbers = [n for n, c in enumerate(cells) if is_number(c) or is_dash(c)]
    if len(numbers) != 2 or numbers[1] != numbers[0] + 1 or numbers[0] not in (1, 2):
        raise LayoutError("a 资金管理情况 line without its 分值 and 得分", line_no)
    description, problem = " ".join(cells[1 : numbers[0]]), " ".join(cells[numbers[1] + 1 :])
    return [cells[0], description, cells[numbers[0]], cells[numbers[1]], problem]


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


_CONTINUES = re.compile(r"[,，、：:]$")


def _two_texts(cells: list[str], apart: frozenset[int] = frozenset()) -> list[str] | None:
    """A goal line's cells: the goal and its result. Two pieces are the two; more are cut where a wide
    gap sets one apart (`apart`: never inside a cell) when one does, else after the one piece that ends
    a sentence, else where the two texts are the same (a result printed as its goal: `1.…； 2.…；` twice)."""
    if len(cells) <= 2:
        return cells
    wide = [n - 1 for n in apart if 0 < n < len(cells)]
    cuts = wide or [n for n in range(len(cells) - 1) if SENTENCE_END.search(cells[n])]
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

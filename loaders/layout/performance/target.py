"""A 绩效目标表 printed without tabs (targets only: no scores, no sums).

The goal above its indicator header is read as the tab text's goal printed without tabs is
(`target_goal`), a numbered goal printed under the header too (`without_goal_lines`); each indicator
line is decided alone, a line printing its 三级指标 read only with its 指标值 (`target_prepare`). Printed
one whole cell per line (project._target_cells), its indicator cells are cut into lines at their level
names (`target_lines`), each line then read alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from loaders.document import clean_cell
from loaders.layout.performance.cells import TooManyReadings, is_value, whole_cell
from loaders.layout.performance.indicator import (
    Out,
    Prepared,
    Unit,
    levels_named,
    line_keys,
    line_readings,
    prepare_block,
    reported_keeping_levels,
)
from loaders.layout.result import LayoutError, Problem
from loaders.parsers.performance_common import SENTENCE_END, IndicatorColumns, is_noise
from loaders.parsers.performance_project import _NUMBERED, _goal_like, _runs_together, plain_goal_cells

# A 目标表 column every line decided alone fills (at least this many of them) is one the form asks of
# every line: its lines read several ways are read only with it filled, where some reading fills it.
FILLED_EVIDENCE = 3


def target_prepare(block: Sequence[Unit], out: Out) -> Prepared:
    """A 目标表's indicator lines (`prepare_block`), a line printing its 三级指标 read only with its 指标值 (a
    target table states a target for each indicator: all 133 lines of sample 003's tab text do), and
    with its 指标描述 and 指标值确定依据 where the block's lines decided alone all print them (so do all
    133 of 003's: `… 度内完成 2022 年底前 2022 年工作计划` is no 指标值 `2022 年底前 2022 年工作计划` with
    no basis when the lines around it state theirs)."""
    ready = prepare_block(block, out)
    keys = line_keys(ready.columns)
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


def wrapped_piece(ready: Prepared, under_header: frozenset[int]) -> Unit | None:
    """The first line of a 目标表's indicator block that is a piece of a wrapped cell printed on a line of
    its own: every reading of it leaves its 三级指标 or its 指标值 empty, it prints no level name (a line
    of levels only carries them down), and it is not the first line under an indicator header (the rest
    of a row broken over a page prints there, after the header printed again: `under_header`, line
    numbers). A 目标表 states a 三级指标 and a target on every indicator line (all 133 lines of sample
    003's tab text do), and this reader reads each line alone: in a block whose cells wrap onto lines of
    their own (a PDF's table printed without borders), the lines around such a piece lack what it holds,
    so no line of the block can be read alone (None: no such line)."""
    keys = line_keys(ready.columns)
    if "level3" not in keys or "target" not in keys:
        return None
    name, target = keys.index("level3"), keys.index("target")
    for unit, found in zip(ready.units, ready.readings, strict=True):
        if unit.line_no in under_header or not found:
            continue
        if not any(r.cells[name] and r.cells[target] for r in found) and not any(any(r.levels) for r in found):
            return unit
    return None


Cells = list[tuple[int, str]]  # (line number, text) of cells printed one a line


def _report_continued(cont: Cells, rows: list[Cells], reported: dict[int, str], out: Out) -> None:
    """Cells printed after the header's repeat, before a level name: reported, with the line above them
    (not a closure in `target_lines`: loaders/native.py)."""
    if cont and rows:
        reported[len(rows) - 1] = "an indicator line the cells printed after the header's repeat may continue"
    why = "a cell continuing a cell of the line above the header printed again: which column not known"
    out.problems.extend(Problem(no, why, text) for no, text in cont)


def target_lines(cells: Cells, header: tuple[str, ...], out: Out) -> tuple[list[Cells], dict[int, str]] | None:
    """A 目标表's indicator cells cut into lines at their level names, and the lines (by index) to report
    with the reason; the cells reported on their own go to `out`. None when a cell comes before any
    level name."""
    rows: list[Cells] = []
    continued: Cells | None = None  # cells after the header printed again, before a level name
    reported: dict[int, str] = {}

    i, width = 0, len(header)
    while i < len(cells):
        if tuple(text for _, text in cells[i : i + width]) == header:  # printed again on the next page
            i += width
            continued = []
            continue
        no, text = cells[i]
        i += 1
        if is_noise(text) and i < len(cells) and levels_named(cells[i][1]):
            # the extraction's debris before a line's levels: the parser takes it as that line's (its 一级指标
            # column), but it may as well end the line above; both lines are reported
            out.problems.append(Problem(no, "extraction debris between two indicator lines, of either", text))
            why = "an indicator line beside extraction debris printed one a line, which may be in its row"
            reported.update({len(rows) - 1: why, len(rows): why})
            continue
        named = levels_named(text)
        if continued is not None and not named:
            continued.append((no, text))
            continue
        if continued is not None:
            _report_continued(continued, rows, reported, out)
            continued = None
        heads = bool(rows) and len(rows[-1]) == 1 and "level1" in levels_named(rows[-1][0][1])
        if named and not (heads and "level2" in named):
            rows.append([(no, text)])
        elif rows:
            rows[-1].append((no, text))
        else:
            return None  # an indicator cell before any level name: the lines cannot be cut at their levels
    _report_continued(continued or [], rows, reported, out)
    return rows, reported


def reported_target_line(unit: Unit, reason: str, columns: IndicatorColumns, out: Out) -> None:
    """A 目标表 line reported, its levels kept as a line of their own (they carry down to the lines below)."""
    try:
        found = line_readings(unit.cells, columns, out.work, unit.apart)
    except TooManyReadings as exc:
        raise LayoutError(exc.reason, unit.line_no) from None
    unknown = "a reported indicator line whose levels (carried down) are not known"
    reported_keeping_levels(unit, found, reason, unknown, columns, out)


def runs_of_lines(units: Sequence[Unit]) -> list[list[Unit]]:
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


def without_goal_lines(block: Sequence[Unit], out: Out) -> list[Unit]:
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


def target_goal(block: Sequence[Unit], out: Out) -> None:
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
        goals[n - 1] and not goals[n] and not SENTENCE_END.search(cells[n - 1][-1]) for n in range(1, len(cells))
    )
    for unit, found, goal in zip(block, cells, goals, strict=True):
        if goal and unsure:
            reason = "a 绩效目标 text that may run on to a line after it that is no goal line: the goal is not read"
            out.problems.append(Problem(unit.line_no, reason, unit.text))
        else:
            out.emit(unit.line_no, found)

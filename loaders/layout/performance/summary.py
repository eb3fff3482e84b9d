"""The 绩效自评情况汇总表 printed without tabs: 序号 | 项目名称 | 资金使用单位 | 自评得分 | 自评等级.

A project line is its 序号, the project's name and the using unit (free text, both), the score and the
grade. Where the name ends and the unit begins is decided by the document's project tables: the name is
the one of a project table (same name key), the score its 总分 when several names fit; failing that, by
the table's other lines: the unit is one a line decided without it prints. A line with one text and
nothing else is a group heading. In the cell mode a line starts at each 序号.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from loaders.layout.performance.cells import decimal
from loaders.layout.performance.pieces import Row, detect_mode, rows_of, table_lines
from loaders.layout.performance.summary_wrapped import ORDER, wrapped_header, wrapped_lines
from loaders.layout.performance.summary_wrapped import splits as wrapped_splits
from loaders.layout.performance.wrapcells import join, one_cell
from loaders.layout.result import Canonical, LayoutError, Problem, tab_line
from loaders.layout.text import CELL, SPACE
from loaders.meta import labelled_department
from loaders.parsers.performance_common import compact, grade_of, is_number, name_key
from loaders.parsers.performance_summary import header_key, summary_header

if TYPE_CHECKING:
    from loaders.layout.performance.project import Totals
    from loaders.tables import Table

KEYS = ("seq", "name", "unit", "score", "grade")
HEADER_CELLS = 12  # one cell a line: the header is looked for in the first cells only
TEXTS_PER_LINE = 40  # each cut between a project's name and its unit is one reading


def _is_header_word(cell: str) -> bool:
    return header_key(cell) is not None


def _header_word_at(cells: Sequence[str], i: int) -> int:
    """How many cells from cell i print one column name: 1, 2 (a name wrapped: `自评得` / `分`, neither
    naming a column alone), or 0 (none)."""
    if _is_header_word(cells[i]):
        return 1
    if i + 1 < len(cells) and not _is_header_word(cells[i + 1]) and _is_header_word(cells[i] + cells[i + 1]):
        return 2
    return 0


def _header_cells(cells: Sequence[str]) -> list[str]:
    """A header printed one cell a line, its wrapped column names joined."""
    out: list[str] = []
    i = 0
    while i < len(cells):
        words = _header_word_at(cells, i) or 1
        out.append("".join(cells[i : i + words]))
        i += words
    return out


def _cell_rows(rows: Sequence[Row], header_end: int) -> list[Row]:
    """One cell a line → one row per project line (from its 序号) or group heading."""
    out: list[Row] = []
    current: list[Row] = []
    for row in rows[header_end:]:
        cell = row.pieces[0]
        starts = is_number(cell) and (not current or _complete(current))
        if starts or (not current and not is_number(cell)):
            if current:
                out.append(_joined(current))
            current = [row]
            if not starts:  # a group heading: alone on its row
                out.append(_joined(current))
                current = []
        else:
            current.append(row)
    if current:
        out.append(_joined(current))
    return out


def _complete(rows: Sequence[Row]) -> bool:
    """A project line that has its score (a number after its texts)."""
    cells = [r.pieces[0] for r in rows]
    return len(cells) >= 3 and any(is_number(c) for c in cells[2:])


def _joined(rows: Sequence[Row]) -> Row:
    return Row(rows[0].line_no, tuple(r.pieces[0] for r in rows), "\n".join(r.text for r in rows))


def _split(
    texts: list[str], fixed: bool, score: str, projects: Sequence[Totals], has_unit: bool, units: frozenset[str]
) -> tuple[str, str] | str:
    """(name, unit) of a line's texts; a reason when no rule decides. The name is a project table's
    (its 总分 the line's score, when several are); else the unit one the table's other lines print
    (`units`: those decided without it)."""
    if len(texts) > TEXTS_PER_LINE:
        return f"too many readings: {len(texts)} texts for a project name and its unit (more than {TEXTS_PER_LINE})"
    if fixed:
        if len(texts) == 1:
            return texts[0], ""
        if len(texts) == 2 and has_unit:
            return texts[0], texts[1]
        if not has_unit:
            return f"{len(texts)} texts for a project name and its unit"
        # one cell a line, the name or the unit wrapped (`聊城市行政审批服务` / `局`): cut where both sides
        # may each be one wrapped cell
        pieces = tuple(texts)
        splits = [
            (join(pieces[:k]), join(pieces[k:]))
            for k in range(1, len(pieces))
            if one_cell(pieces[:k]) and one_cell(pieces[k:])
        ]
    elif has_unit:
        splits = [(" ".join(texts[:k]), " ".join(texts[k:])) for k in range(1, len(texts))]
    else:
        splits = [(" ".join(texts), "")]
    return decide(splits, score, projects, units)


def decide(
    splits: Sequence[tuple[str, str]], score: str, projects: Sequence[Totals], units: frozenset[str]
) -> tuple[str, str] | str:
    """The one (name, unit) reading of a project line (see _split), or why none is."""
    if len(splits) == 1:
        return splits[0]
    keys = {name_key(p.name) for p in projects}
    named = [s for s in splits if name_key(s[0]) in keys]
    if len(named) > 1:
        value = decimal(score)
        named = [s for s in named if any(name_key(p.name) == name_key(s[0]) and p.score == value for p in projects)]
    if len(named) == 1:
        return named[0]
    printed = [s for s in (named or splits) if compact(s[1]) in units]
    if len(printed) == 1:
        return printed[0]
    return f"the project name and the unit cannot be told apart ({len(named) or len(splits)} readings)"


def canonicalise(table: Table, projects: Sequence[Totals]) -> Canonical:
    lines = table_lines(table.lines, table.title)
    mode = detect_mode(lines)
    rows = rows_of(lines, mode)
    if not rows:
        return Canonical()
    header_end = 1
    if mode == CELL:
        header_end = 0
        cells = [r.pieces[0] for r in rows]
        while (
            header_end < min(len(rows), HEADER_CELLS) and summary_header(_header_cells(cells[: header_end + 1])) is None
        ):
            header_end += 1
        header_end += 1
        while header_end < len(rows) and (words := _header_word_at(cells, header_end)):
            header_end += words
        header_cells = _header_cells(cells[:header_end])
        data = _cell_rows(rows, header_end)
    else:
        header_cells = list(rows[0].pieces)
        data = list(rows[1:])
    if summary_header(header_cells) is None:
        # a header wrapped over lines of several pieces (most lines may hold one: wrapped cells' pieces)
        spaced = rows_of(lines, SPACE)
        wrapped = wrapped_header(spaced)
        if wrapped is not None:
            return _wrapped(table, spaced, wrapped, projects)
    header = summary_header(header_cells)
    if header is None:
        raise LayoutError("no 项目名称 | 自评得分 header", rows[0].line_no)
    keys = [k for k in sorted(header, key=lambda k: header[k])]
    out = [tab_line(rows[0].line_no, header_cells)]
    problems: list[Problem] = []
    first = [_line(list(row.pieces), mode == CELL, keys, projects, frozenset()) for row in data]
    units = frozenset(compact(found["unit"]) for found in first if not isinstance(found, str) and found.get("unit"))
    decided: list[dict[str, str] | str] = []
    for row, found in zip(data, first, strict=True):
        if isinstance(found, str) and units:
            found = _line(list(row.pieces), mode == CELL, keys, projects, units)
        decided.append(found)
    if mode != CELL:  # (one cell a line, a row gathers the pieces up to the next 序号)
        _no_piece_as_heading(data, decided)
    for row, found in zip(data, decided, strict=True):
        if isinstance(found, str):
            problems.append(Problem(row.line_no, found, row.text))
        else:
            out.append(tab_line(row.line_no, [found.get(k, "") for k in keys]))
    return Canonical(tuple(out), tuple(problems))


def _no_piece_as_heading(rows: Sequence[Row], decided: Sequence[dict[str, str] | str]) -> None:
    """LayoutError when a line read as a group heading (one text, nothing else) is printed right above or
    below a project line that is not read: it may be a piece of that line's wrapped name or unit (a PDF's
    table printed without borders, each row on lines of its own), and a heading names the group of every
    line under it."""
    for n, (row, found) in enumerate(zip(rows, decided, strict=True)):
        if isinstance(found, str) or found.get("score"):
            continue
        beside = [m for m in (n - 1, n + 1) if 0 <= m < len(rows) and abs(rows[m].line_no - row.line_no) == 1]
        if any(isinstance(decided[m], str) for m in beside):
            why = "a group heading printed beside a project line not read, whose wrapped cell it may be a piece of"
            raise LayoutError(why, row.line_no)


def _line(
    pieces: list[str], fixed: bool, keys: Sequence[str], projects: Sequence[Totals], units: frozenset[str]
) -> dict[str, str] | str:
    if not any(is_number(p) for p in pieces):
        return {keys[0]: " ".join(pieces)} if keys[0] != "seq" else {"seq": "", "name": " ".join(pieces)}
    values: dict[str, str] = {}
    rest = list(pieces)
    if "grade" in keys and rest and grade_of(rest[-1]) is not None:
        values["grade"] = rest.pop()
    if not rest or not is_number(rest[-1]):
        return "no 自评得分 at the end of a project line"
    values["score"] = rest.pop()
    if "seq" in keys and rest and is_number(rest[0]):
        values["seq"] = rest.pop(0)
    if not rest or (any(is_number(p) for p in rest) and fixed):
        return "no project name in a project line"
    split = _split(rest, fixed, values["score"], projects, "unit" in keys, units)
    if isinstance(split, str):
        return split
    values["name"], values["unit"] = split
    return values


def _wrapped(
    table: Table, rows: Sequence[Row], header: tuple[int, list[str], tuple[str, ...]], projects: Sequence[Totals]
) -> Canonical:
    """A 汇总表 whose header and cells wrap (`summary_wrapped`): its lines cut into headings and projects,
    each project's name and unit decided as a line printed whole is, the unit also by the department the
    table names (`部门：XX局`: the unit of its own projects)."""
    count, header_cells, alignments = header
    keys = [k for k in ORDER if k in summary_header(header_cells)]  # type: ignore[operator]
    headings, found, alignment = wrapped_lines(rows[count:], "grade" in keys, "unit" in keys, alignments)
    cuts = [wrapped_splits(project, "unit" in keys, alignment) for project in found]
    readings = [
        cut if isinstance(cut, str) else decide(cut, project.score, projects, frozenset())
        for project, cut in zip(found, cuts, strict=True)
    ]
    units = {compact(r[1]) for r in readings if not isinstance(r, str) and r[1]}
    units |= {compact(name) for line in table.lines if (name := labelled_department(line.text)) is not None}
    out = [tab_line(rows[0].line_no, header_cells)]
    heading = "name" if keys[0] == "seq" else keys[0]  # a group heading's text: in the first text column
    out += [tab_line(no, [text if k == heading else "" for k in keys]) for no, text, _ in headings]
    problems: list[Problem] = []
    for project, cut, reading in zip(found, cuts, readings, strict=True):
        if isinstance(reading, str) and not isinstance(cut, str) and units:
            reading = decide(cut, project.score, projects, frozenset(units))
        if isinstance(reading, str):
            problems.append(Problem(project.line_no, reading, project.printed))
            continue
        values = {
            "seq": project.seq,
            "name": reading[0],
            "unit": reading[1],
            "score": project.score,
            "grade": project.grade,
        }
        out.append(tab_line(project.line_no, [values[k] for k in keys]))
    out.sort(key=lambda line: line.no)
    return Canonical(tuple(out), tuple(problems))

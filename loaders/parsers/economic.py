"""The 一般公共预算财政拨款基本支出(决算明细)表 (family basic_economic) → EconomicAmountRow.

Two layouts, both recognised from the header line (the one naming 科目编码/科目代码 and 科目名称):

- final accounts: 3 or 4 side-by-side column groups of (科目编码, 科目名称, 金额/决算数); each group of
  each line is its own (code, name, amount), measure `amount`. The printed subtotals
  (人员经费合计 / 公用经费合计) become economic_code `personnel_total` / `public_total`; a subtotal's
  amount is the first non-empty cell after its label.
- budgets: one group (序号 | 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费); every code row gives the
  measures `amount`, `personnel` and `public`; the 合计 row gives `total`, and `personnel_total` /
  `public_total` (measure `amount`) from its 人员经费 / 公用经费 cells.

The code is printed in one column (`30101`, `301 01`) or in two under `类 | 款` (a line below the
header line): a 款 line may leave its 类 empty — it is the last 类 printed above it in that group.

Header blocks repeated on continued pages are skipped (a line that carries no code, no amount and no
total label, followed by a header line, is page-header noise); lines that cannot be accounted for
cell by cell are quarantined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.amounts import looks_like_amount, parse_amount
from loaders.codes import economic_code
from loaders.document import Line, name_text
from loaders.errors import AmountError, ParseError
from loaders.parsers import register
from loaders.parsers.base import ParseResult, TableContext, quarantine_line
from loaders.parsers.columns import is_column_number_line, is_level_line, squash
from loaders.rows import EconomicAmountRow, amount_fields
from loaders.tables import Table

CODE, NAME, ROW_NO = "code", "name", "row_no"
AMOUNT, PERSONNEL, PUBLIC = "amount", "personnel", "public"
TOTAL, PERSONNEL_TOTAL, PUBLIC_TOTAL = "total", "personnel_total", "public_total"

# Header cell text → column kind; the first matching rule wins.
_HEADER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (CODE, r"编码|代码|编号"),
        (NAME, r"名称"),
        (ROW_NO, r"^(序号|行次|栏次)$"),
        (PERSONNEL, r"人员经费"),
        (PUBLIC, r"公用经费"),
        (AMOUNT, r"合计|小计|金额|决算数|预算数|支出数|^决算$|^预算$"),
    )
)
_MEASURES = (AMOUNT, PERSONNEL, PUBLIC)
_TOTAL_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PERSONNEL_TOTAL, re.compile(r"^人员经费(合计|小计|总计)$")),
    (PUBLIC_TOTAL, re.compile(r"^公用经费(合计|小计|总计)$")),
    (TOTAL, re.compile(r"^(基本支出)?(合计|总计)$")),
)
# (total label, column measure) → (economic_code, measure) on a total line of a multi-measure layout.
_TOTAL_CELLS: dict[tuple[str, str], tuple[str, str]] = {
    (TOTAL, AMOUNT): (TOTAL, AMOUNT),
    (TOTAL, PERSONNEL): (PERSONNEL_TOTAL, AMOUNT),
    (TOTAL, PUBLIC): (PUBLIC_TOTAL, AMOUNT),
    (PERSONNEL_TOTAL, AMOUNT): (PERSONNEL_TOTAL, AMOUNT),
    (PERSONNEL_TOTAL, PERSONNEL): (PERSONNEL_TOTAL, PERSONNEL),
    (PUBLIC_TOTAL, AMOUNT): (PUBLIC_TOTAL, AMOUNT),
    (PUBLIC_TOTAL, PUBLIC): (PUBLIC_TOTAL, PUBLIC),
}
_ROW_NUMBER = re.compile(r"^\d{1,4}$")
_LEI, _KUAN = re.compile(r"\d{3}"), re.compile(r"\d{2}")


class _LineError(Exception):
    """A data line that cannot be accounted for cell by cell; it is quarantined."""


@dataclass
class _Group:
    """One side-by-side column group: its code, name and row-number columns and measure columns."""

    code: int
    name: int | None = None
    row_no: int | None = None
    measures: dict[str, int] = field(default_factory=dict)
    kuan: int | None = None  # the 款 column of a code printed as 类 | 款

    @property
    def columns(self) -> set[int]:
        cols = {self.code, *self.measures.values()}
        return cols | {c for c in (self.name, self.row_no, self.kuan) if c is not None}


@dataclass(frozen=True)
class _Layout:
    groups: tuple[_Group, ...]
    width: int

    def group_at(self, column: int) -> _Group | None:
        return next((g for g in self.groups if column in (g.code, g.name)), None)


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


@lru_cache(maxsize=1 << 12)  # every cell of every line is tried as a header cell
def _header_kind(text: str) -> str | None:
    text = squash(text)
    if not text:
        return None
    return next((kind for kind, rule in _HEADER_RULES if rule.search(text)), None)


@lru_cache(maxsize=1 << 14)  # every cell of every line is tried as a total label
def _total_label(text: str) -> str | None:
    text = squash(text)
    return next((key for key, rule in _TOTAL_LABELS if rule.match(text)), None)


def _is_amount(text: str) -> bool:
    return bool(text) and looks_like_amount(text)


def _is_main_header(cells: list[str]) -> bool:
    kinds = [_header_kind(c) for c in cells]
    return CODE in kinds and NAME in kinds and not any(economic_code(c) for c in cells)


def _is_level_line(cells: list[str]) -> bool:
    """The `类 | 款` line under a header whose 科目编码 is printed in two columns."""
    words = {squash(c) for c in cells}
    return is_level_line(cells) and "款" in words and "项" not in words


def _with_levels(layout: _Layout, line: Line) -> _Layout:
    """The layout with the 款 column of every group whose code the `类 | 款` line splits in two."""
    cells = [squash(c) for c in line.cells]
    for group in layout.groups:
        if _cell(cells, group.code) == "类" and _cell(cells, group.code + 1) == "款":
            if group.code + 1 in group.columns:
                raise ParseError(f"header column {group.code + 2} is both 款 and another column", line_no=line.no)
            group.kuan = group.code + 1
    if not any(group.kuan is not None for group in layout.groups):
        raise ParseError("a 类 | 款 line under no 科目编码 column", line_no=line.no)
    return layout


def _is_noise(cells: list[str]) -> bool:
    """A line with no code, no amount and no total label: page headers, unit lines, OCR debris."""
    return not any(economic_code(c) or _is_amount(c) or _total_label(c) for c in cells)


def _build_layout(header: Line, support: list[Line]) -> _Layout:
    """Column groups from the header line; unreadable header cells take their meaning from the
    other lines of the header block (nearest first)."""
    cells = header.cells
    kinds = [_header_kind(c) for c in cells]
    for i, kind in enumerate(kinds):
        if kind is None:
            kinds[i] = next(
                (k for line in reversed(support) if (k := _header_kind(_cell(line.cells, i))) in (ROW_NO, NAME)),
                None,
            )
    groups: list[_Group] = []
    pending_row_no: int | None = None
    for i, kind in enumerate(kinds):
        current = groups[-1] if groups else None
        if kind == CODE:
            groups.append(_Group(code=i, row_no=pending_row_no))
            pending_row_no = None
        elif kind == ROW_NO:
            if current is None or (i + 1 < len(kinds) and kinds[i + 1] == CODE) or current.row_no is not None:
                pending_row_no = i
            else:
                current.row_no = i
        elif kind == NAME:
            if current is None or current.name is not None:
                raise ParseError(f"header column {i + 1} ({cells[i]}) precedes its code column", line_no=header.no)
            current.name = i
        elif kind in _MEASURES:
            if current is None or kind in current.measures:
                raise ParseError(f"header column {i + 1} ({cells[i]}) has no code column", line_no=header.no)
            current.measures[kind] = i
    if not groups:
        raise ParseError("header has no 科目编码 column", line_no=header.no)
    for group in groups:
        if not group.measures:
            raise ParseError(f"header column group at column {group.code + 1} has no amount column", line_no=header.no)
    return _Layout(tuple(groups), len(cells))


def _row(ctx: TableContext, line: Line, code: str, name: str, measure: str, cell: str) -> EconomicAmountRow:
    try:
        amount = parse_amount(cell, ctx.unit)
    except AmountError as exc:
        raise _LineError(f"not an amount: {cell!r} ({name or code})") from exc
    return EconomicAmountRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=line.no,
        economic_code=code,
        economic_name=name_text(name),
        measure=measure,
        **amount_fields(amount),  # type: ignore[arg-type]
    )


def _check_row_no(cells: list[str], column: int | None) -> None:
    value = _cell(cells, column)
    if value and not _ROW_NUMBER.match(value):
        raise _LineError(f"column {column + 1 if column is not None else 0}: not a row number: {value!r}")


def _split_code(lei: str, kuan: str, above: str | None) -> str | None:
    """The code printed as 类 | 款, an empty 类 being `above` (`| 01` under 类 301 is 30101); None when
    the cells make none."""
    lei, kuan = "".join(lei.split()), "".join(kuan.split())
    if not kuan:
        return economic_code(lei)  # a 类, or the whole code in the 类 column
    if not _KUAN.fullmatch(kuan) or (lei and not _LEI.fullmatch(lei)):
        return None
    lei = lei or above or ""
    return lei + kuan if lei else None


def _group_rows(
    ctx: TableContext, line: Line, cells: list[str], group: _Group, used: set[int], above: dict[int, str]
) -> list[EconomicAmountRow]:
    """The rows of one column group of a line (`cells`: the line's). `above`: the last 类 each group
    printed (its code column → 类), for a code printed as 类 | 款; updated with this line's."""
    if not any(_cell(cells, c) for c in group.columns):
        return []
    used.update(group.columns)
    code_cell = _cell(cells, group.code)
    if group.kuan is None:
        code = economic_code(code_cell)
    else:
        code = _split_code(code_cell, _cell(cells, group.kuan), above.get(group.code))
    if code is None:
        kuan = _cell(cells, group.kuan)
        if kuan and not code_cell and group.code not in above:
            raise _LineError(f"款 {kuan} with no 类 above it")
        what = f"not an economic code: {code_cell!r}" if code_cell else "cells without an economic code"
        raise _LineError(f"column {group.code + 1}: {what}")
    above[group.code] = code[:3]
    _check_row_no(cells, group.row_no)
    name = _cell(cells, group.name)
    return [_row(ctx, line, code, name, measure, _cell(cells, col)) for measure, col in group.measures.items()]


def _total_rows(
    ctx: TableContext,
    line: Line,
    cells: list[str],
    layout: _Layout,
    labels: list[tuple[int, str]],
    used: set[int],
    above: dict[int, str],
) -> list[EconomicAmountRow]:
    """Rows of a line (`cells`: the line's) holding total labels (合计 / 人员经费合计 / 公用经费合计)."""
    first = labels[0][0]
    rows: list[EconomicAmountRow] = []
    for group in layout.groups:
        if max(group.columns) < first:
            rows.extend(_group_rows(ctx, line, cells, group, used, above))
    for n, (position, key) in enumerate(labels):
        end = labels[n + 1][0] if n + 1 < len(labels) else len(cells)
        label = cells[position]
        used.add(position)
        at = layout.group_at(position)
        if at is not None and len(at.measures) > 1:
            _check_row_no(cells, at.row_no)
            used.update(c for c in (at.row_no, at.code, at.name) if c is not None)
            for measure, col in at.measures.items():
                used.add(col)
                target = _TOTAL_CELLS.get((key, measure))
                if target is None:
                    if _cell(cells, col):
                        raise _LineError(f"column {col + 1}: unexpected amount for {label}")
                    continue
                rows.append(_row(ctx, line, target[0], label, target[1], _cell(cells, col)))
            continue
        after = [i for i in range(position + 1, end) if cells[i]]
        used.update(after[:1])
        # A total printed empty stays NULL.
        rows.append(_row(ctx, line, key, label, AMOUNT, cells[after[0]] if after else ""))
    return rows


def _line_rows(
    ctx: TableContext, line: Line, cells: list[str], layout: _Layout, above: dict[int, str]
) -> list[EconomicAmountRow]:
    used: set[int] = set()
    labels = [(i, key) for i, c in enumerate(cells) if (key := _total_label(c))]
    if labels:
        rows = _total_rows(ctx, line, cells, layout, labels, used, above)
    else:
        rows = [row for group in layout.groups for row in _group_rows(ctx, line, cells, group, used, above)]
    for i, value in enumerate(cells):
        if value and i not in used:
            group = next((g for g in layout.groups if g.row_no == i), None)
            if group is not None and _ROW_NUMBER.match(value):
                continue
            if i >= layout.width:
                raise _LineError(f"more cells than header columns: column {i + 1} {value!r}")
            raise _LineError(f"unexpected cell in column {i + 1}: {value!r}")
    return rows


def _flush(pending: list[Line], result: ParseResult, ctx: TableContext, table: Table, reason: str) -> None:
    """The lines held back as neither header nor data, quarantined (not a closure: loaders/native.py)."""
    for noise in pending:
        result.quarantine.append(quarantine_line(ctx, table, noise.no, reason, noise.text))
    pending.clear()


def parse(table: Table, ctx: TableContext) -> ParseResult:
    result = ParseResult()
    layout: _Layout | None = None
    pending: list[Line] = []  # lines since the last data line that are neither header nor data
    seen: set[tuple[str, str]] = set()
    above: dict[int, str] = {}  # each group's last 类, for codes printed as 类 | 款
    data_lines = 0

    for line in table.rows:
        cells = line.cells
        if not any(cells):
            continue
        if _is_main_header(cells):
            layout = _build_layout(line, pending)
            pending.clear()  # the header block of this page: title rows, page header, unit line
            continue
        if is_column_number_line(cells):
            continue
        if layout is not None and _is_level_line(cells):
            layout = _with_levels(layout, line)
            continue
        if _is_noise(cells):
            pending.append(line)
            continue
        if layout is None:
            result.quarantine.append(quarantine_line(ctx, table, line.no, "data before the table header", line.text))
            continue
        _flush(pending, result, ctx, table, "unrecognised line inside the table")
        data_lines += 1
        try:
            rows = _line_rows(ctx, line, cells, layout, above)
            keys = [(r.economic_code, r.measure) for r in rows]
            duplicate = next((k for k in keys if k in seen), None)
            if duplicate is not None:
                raise _LineError(f"economic code {duplicate[0]} ({duplicate[1]}) already loaded from an earlier line")
        except _LineError as exc:
            result.quarantine.append(quarantine_line(ctx, table, line.no, str(exc), line.text))
            above.clear()  # the 类 a quarantined line printed is unknown: inherit none
            continue
        seen.update(keys)
        result.rows.extend(rows)
    _flush(pending, result, ctx, table, "unrecognised line after the table data")
    if layout is None and not table.declared_empty:
        raise ParseError("no header line with 科目编码 and 科目名称", line_no=table.title_line)
    if data_lines == 0 and not table.declared_empty and not result.quarantine:
        raise ParseError("table has no data lines (and does not say 本表无数据)", line_no=table.last_line)
    return result


register("basic_economic", parse)

"""The 财政拨款"三公"经费支出(决算)表 (family three_public) → ThreePublicRow.

Two layouts:

- columns (final accounts): a header row splitting the table into halves 预算数 | 决算数, item headers
  below it (合计, 因公出国(境)费, 公务用车购置及运行维护费: 小计 / 购置费 / 运行维护费, 公务接待费),
  a 栏次 line, then one data line. Each column's item is read from its header words; a column
  whose header is not legible takes the standard item of its position when the half has the
  standard six columns.
- rows (budgets): 序号 | 项目 | 合计 | fund columns…; one line per item. The 合计 column is measure
  `budget` (a budget document) or `actual` (a final account); explicit 预算数 / 决算数 columns are
  `budget` / `actual`. Fund columns are checked as amounts but not emitted. When a document prints
  both 合计 and "三公"经费 rows, 合计 is `total` and "三公"经费 is `three_public_subtotal`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from loaders.amounts import Amount, parse_amount
from loaders.document import Line, name_text
from loaders.errors import AmountError, ParseError
from loaders.parsers import register
from loaders.parsers.base import ParseResult, TableContext, quarantine_line
from loaders.parsers.columns import is_column_number_line
from loaders.rows import ThreePublicRow, amount_fields
from loaders.tables import Table

BUDGET, ACTUAL = "budget", "actual"
TOTAL = "total"
THREE_PUBLIC = "three_public"  # the "三公"经费 row: `total`, or a subtotal when a 合计 row is printed too
THREE_PUBLIC_SUBTOTAL = "three_public_subtotal"
OVERSEAS = "overseas_travel"
VEHICLE_TOTAL, VEHICLE_PURCHASE, VEHICLE_OPERATION = "vehicle_total", "vehicle_purchase", "vehicle_operation"
RECEPTION = "reception"
# The standard order of the six columns of each half (栏次 1–6 and 7–12).
STANDARD_COLUMNS = (TOTAL, OVERSEAS, VEHICLE_TOTAL, VEHICLE_PURCHASE, VEHICLE_OPERATION, RECEPTION)
# The template's wording, used as item_name when a column's header is not printed at all.
STANDARD_NAMES = {
    TOTAL: "合计",
    OVERSEAS: "因公出国(境)费",
    VEHICLE_TOTAL: "公务用车购置及运行维护费",
    VEHICLE_PURCHASE: "公务用车购置费",
    VEHICLE_OPERATION: "公务用车运行维护费",
    RECEPTION: "公务接待费",
}

# Item wording (normalised: NFKC, no spaces or quotes, numbering stripped) → item; first match wins.
_ITEM_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (item, re.compile(pattern))
    for item, pattern in (
        (TOTAL, r"^(合计|总计)$"),
        (THREE_PUBLIC, r"^三公经费(合计|支出|支出合计)?$"),
        ("overseas_travel_education_research", r"教育科研.*因公出国"),
        ("overseas_travel_other", r"^其他因公出国"),
        (OVERSEAS, r"因公出国"),
        (VEHICLE_TOTAL, r"公务用车购置及运|公务用车费|^公务用车购置和运行"),
        (VEHICLE_PURCHASE, r"购置费$|公务用车购置$"),
        (VEHICLE_OPERATION, r"运行维护费?$|运行费$|运维费$"),
        (RECEPTION, r"接待"),
    )
)
_VEHICLE_SUBTOTAL = re.compile(r"^小计$")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十\d]+\)|\d+[.、]|其中[:]?)")
# `预算数`, `全年预算数`, `2023年预算数`, `预算`; `决算数`, `决算`, `实际支出数` (not `一般公共预算`).
_BUDGET_WORDS = re.compile(r"预算数$|^预算$")
_ACTUAL_WORDS = re.compile(r"决算数$|^决算$|^实际(支出)?数$")
_LABEL_HEADER = re.compile(r"^(项目|科目|项目名称|科目名称|名称)$")
_ROW_NO_HEADER = re.compile(r"^(序号|行次|栏次)$")
_TOTAL_HEADER = re.compile(r"^(合计|金额|小计)$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")


class _LineError(Exception):
    """A data line that cannot be accounted for cell by cell; it is quarantined."""


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\"'“”‘’「」]", "", text)


def item_wording(text: str) -> str:
    """A header or row label as the item rules read it: NFKC, no spaces or quotes, its numbering (`一、`,
    `(1)`, `其中:`) stripped."""
    label = _norm(text)
    while (stripped := _NUMBERING.sub("", label)) != label:
        label = stripped
    return label


def item_of(text: str) -> str | None:
    """The item a header or row label names, or None when it is not a 三公 item."""
    label = item_wording(text)
    return next((item for item, rule in _ITEM_RULES if rule.search(label)), None)


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _amount(cell: str, ctx: TableContext, what: str) -> Amount:
    try:
        return parse_amount(cell, ctx.unit)
    except AmountError as exc:
        raise _LineError(f"not an amount: {cell!r} ({what})") from exc


def _is_amount(cell: str) -> bool:
    try:
        parse_amount(cell)
    except AmountError:
        return False
    return True


def _row(ctx: TableContext, line: Line, item: str, name: str, measure: str, cell: str) -> ThreePublicRow:
    amount = _amount(cell, ctx, name or item)
    return ThreePublicRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=line.no,
        item=item,
        item_name=name_text(name),
        measure=measure,
        **amount_fields(amount),  # type: ignore[arg-type]
    )


# --- column layout (final accounts) ----------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    index: int
    measure: str
    item: str
    name: str


def _halves(cells: list[str]) -> list[tuple[int, str]]:
    return [
        (i, BUDGET if _BUDGET_WORDS.search(_norm(c)) else ACTUAL)
        for i, c in enumerate(cells)
        if _BUDGET_WORDS.search(_norm(c)) or _ACTUAL_WORDS.search(_norm(c))
    ]


def _is_halves_line(cells: list[str]) -> bool:
    measures = {m for _, m in _halves(cells)}
    return measures == {BUDGET, ACTUAL}


def _column_layout(halves_line: Line, header: list[Line], width: int) -> list[_Column]:
    halves = _halves(halves_line.cells)
    columns: list[_Column] = []
    for n, (start, measure) in enumerate(halves):
        end = halves[n + 1][0] if n + 1 < len(halves) else max(width, start + 1)
        seen: set[str] = set()
        for i in range(start, end):
            name = " ".join(c for line in header if (c := _cell(line.cells, i)))
            item = item_of(name)
            if item is None and _VEHICLE_SUBTOTAL.match(_norm(name.split(" ")[-1] if name else "")):
                item = VEHICLE_TOTAL
            if item is None and end - start == len(STANDARD_COLUMNS):
                item = STANDARD_COLUMNS[i - start]
                name = name or STANDARD_NAMES[item]
            if item is None:
                raise ParseError(f"column {i + 1}: header {name!r} names no 三公 item", line_no=halves_line.no)
            if item == THREE_PUBLIC:
                item = TOTAL
            if item in seen:
                raise ParseError(
                    f"column {i + 1}: item {item} appears twice in the {measure} half", line_no=halves_line.no
                )
            seen.add(item)
            columns.append(_Column(i, measure, item, name))
    return columns


def _parse_columns(table: Table, ctx: TableContext, lines: list[Line], result: ParseResult) -> None:
    start = next(n for n, line in enumerate(lines) if _is_halves_line(line.cells))
    halves_line = lines[start]
    for line in lines[:start]:
        if any(c and _is_amount(c) for c in line.cells):
            result.quarantine.append(quarantine_line(ctx, table, line.no, "data before the table header", line.text))
    header: list[Line] = []
    width = len(halves_line.cells)
    columns: list[_Column] | None = None
    for line in lines[start + 1 :]:
        cells = line.cells
        if columns is None:
            if is_column_number_line(cells, _norm) or all(_is_amount(c) for c in cells):
                width = max([width, len(cells)] + [len(h.cells) for h in header])
                columns = _column_layout(halves_line, header, width)
                if is_column_number_line(cells, _norm):
                    continue
            else:
                header.append(line)
                continue
        if is_column_number_line(cells, _norm) or _is_halves_line(cells):
            continue
        try:
            if result.rows:
                raise _LineError("a second data line in a one-line table")
            known = {c.index for c in columns}
            extra = next((i for i, c in enumerate(cells) if c and i not in known), None)
            if extra is not None:
                raise _LineError(f"unexpected cell in column {extra + 1}: {cells[extra]!r}")
            # Cells the layout layer could not place (their line is quarantined with the reason) give no fact.
            withheld = table.canonical.withheld if table.canonical is not None else frozenset()
            rows = [
                _row(ctx, line, c.item, c.name, c.measure, _cell(cells, c.index))
                for c in columns
                if (line.no, c.index) not in withheld
            ]
        except _LineError as exc:
            result.quarantine.append(quarantine_line(ctx, table, line.no, str(exc), line.text))
            continue
        result.rows.extend(rows)
    if columns is None:
        raise ParseError("no 栏次 or data line after the 预算数 | 决算数 header", line_no=halves_line.no)


# --- row layout (budgets) --------------------------------------------------------------------


@dataclass(frozen=True)
class _RowLayout:
    label: int
    row_no: int | None
    measures: dict[int, str]  # column → budget | actual
    funds: frozenset[int]  # other amount columns: checked, not emitted


def _is_row_header(cells: list[str]) -> bool:
    return any(_LABEL_HEADER.match(_norm(c)) for c in cells)


def _row_layout(header: Line, support: list[Line], ctx: TableContext) -> _RowLayout:
    cells = header.cells
    label = next(i for i, c in enumerate(cells) if _LABEL_HEADER.match(_norm(c)))
    row_no: int | None = None
    measures: dict[int, str] = {}
    funds: set[int] = set()
    default_measure = BUDGET if ctx.stage == "budget" else ACTUAL
    for i, raw in enumerate(cells):
        text = _norm(raw) or next((t for line in reversed(support) if (t := _norm(_cell(line.cells, i)))), "")
        if i == label or not text:
            continue
        if _ROW_NO_HEADER.match(text):
            row_no = i
        elif _BUDGET_WORDS.search(text):
            measures[i] = BUDGET
        elif _ACTUAL_WORDS.search(text):
            measures[i] = ACTUAL
        elif _TOTAL_HEADER.match(text) and default_measure not in measures.values():
            measures[i] = default_measure
        elif i > label:
            funds.add(i)
    if not measures:
        raise ParseError("header has no 合计 / 预算数 / 决算数 column", line_no=header.no)
    return _RowLayout(label, row_no, measures, frozenset(funds))


def _data_rows(ctx: TableContext, line: Line, layout: _RowLayout, item: str) -> list[ThreePublicRow]:
    cells = line.cells
    name = cells[layout.label]
    used = {layout.label, *layout.measures, *layout.funds}
    if layout.row_no is not None:
        used.add(layout.row_no)
        number = _cell(cells, layout.row_no)
        if number and not _ROW_NUMBER.match(number):
            raise _LineError(f"column {layout.row_no + 1}: not a row number: {number!r}")
    extra = next((i for i, c in enumerate(cells) if c and i not in used), None)
    if extra is not None:
        raise _LineError(f"unexpected cell in column {extra + 1}: {cells[extra]!r}")
    for column in sorted(layout.funds):
        _amount(_cell(cells, column), ctx, name)
    return [_row(ctx, line, item, name, measure, _cell(cells, col)) for col, measure in layout.measures.items()]


def _parse_rows(table: Table, ctx: TableContext, lines: list[Line], result: ParseResult) -> None:
    layout: _RowLayout | None = None
    pending: list[Line] = []
    items: list[tuple[Line, _RowLayout, str | None]] = []  # data lines, their layout and item
    for line in lines:
        cells = line.cells
        if _is_row_header(cells):
            layout = _row_layout(line, pending, ctx)
            pending.clear()
            continue
        if is_column_number_line(cells, _norm):
            continue
        label = _cell(cells, layout.label) if layout is not None else ""
        if layout is None or not label:
            if any(c and _is_amount(c) for c in cells):
                reason = "data before the table header" if layout is None else "amounts without an item label"
                result.quarantine.append(quarantine_line(ctx, table, line.no, reason, line.text))
            else:
                pending.append(line)  # header block of a page: 资金性质, unit lines, page headers
            continue
        items.append((line, layout, item_of(label)))
        pending.clear()
    if layout is None:
        raise ParseError("no header line with 项目", line_no=table.title_line)
    three_public_key = THREE_PUBLIC_SUBTOTAL if any(item == TOTAL for _, _, item in items) else TOTAL
    seen: set[str] = set()
    for line, line_layout, item in items:
        try:
            if item is None:
                raise _LineError(f"unknown 三公经费 item: {line.cells[line_layout.label]!r}")
            item = three_public_key if item == THREE_PUBLIC else item
            if item in seen:
                raise _LineError(f"item {item} already loaded from an earlier line")
            rows = _data_rows(ctx, line, line_layout, item)
        except _LineError as exc:
            result.quarantine.append(quarantine_line(ctx, table, line.no, str(exc), line.text))
            continue
        seen.add(item)
        result.rows.extend(rows)


def parse(table: Table, ctx: TableContext) -> ParseResult:
    result = ParseResult()
    lines = [line for line in table.rows if any(line.cells)]
    if not lines:
        if table.declared_empty:
            return result
        raise ParseError("table has no lines (and does not say 本表无数据)", line_no=table.title_line)
    if any(_is_halves_line(line.cells) for line in lines):
        _parse_columns(table, ctx, lines, result)
    else:
        _parse_rows(table, ctx, lines, result)
    return result


register("three_public", parse)

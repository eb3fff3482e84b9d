"""The 部门决算公开相关信息统计表 (公开10, family statistics) → StatisticRow.

The table is a list of sections (一、政府采购情况 / 二、机关运行经费 / 三、国有资产占用情况), each with
item lines `项目 | 行次 | 统计数`. Items are recognised by keyword rules within their section; the
value is kept as printed: 万元 amounts follow the table unit, counts (车辆, 设备) are plain numbers.
An item line that is not recognised is quarantined, the rest of the table still loads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from loaders.amounts import WAN, parse_amount
from loaders.document import Line, name_text
from loaders.errors import AmountError, ParseError
from loaders.parsers import register
from loaders.parsers.base import ParseResult, TableContext, quarantine_line
from loaders.rows import StatisticRow
from loaders.tables import Table

PROCUREMENT, OPERATING_COST, ASSETS = "procurement", "operating_cost", "assets"
VEHICLES, SETS = "辆", "台(套)"

_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PROCUREMENT, re.compile(r"政府采购")),
    (OPERATING_COST, re.compile(r"机关运行经费")),
    (ASSETS, re.compile(r"国有资产|资产占用")),
)
_SECTION_LINE = re.compile(r"^[一二三四五六七八九十]+[、.]")

# Per section: (item_key, value unit, pattern on the normalised label); the first match wins.
_ITEMS: dict[str, tuple[tuple[str, str, re.Pattern[str]], ...]] = {
    section: tuple((key, unit, re.compile(pattern)) for key, unit, pattern in rules)
    for section, rules in (
        (
            PROCUREMENT,
            (
                ("procurement_total", WAN, r"^(合计|总计|政府采购(支出)?(合计|总额))$"),
                ("procurement_goods", WAN, r"^货物"),
                ("procurement_works", WAN, r"^工程"),
                ("procurement_services", WAN, r"^服务"),
            ),
        ),
        (
            OPERATING_COST,
            (
                ("operating_cost_total", WAN, r"^(合计|总计|机关运行经费(支出)?(合计)?)$"),
                ("operating_cost_civil_service_managed", WAN, r"参照公务员法管理"),
                ("operating_cost_administrative", WAN, r"^行政单位"),
            ),
        ),
        (
            ASSETS,
            (
                ("equipment_special_over_1m", SETS, r"单价100万元.*以上.*专用设备"),
                ("equipment_general_over_500k", SETS, r"单价50万元.*以上.*通用设备"),
                ("equipment_over_1m", SETS, r"单价100万元.*以上.*设备"),
                ("vehicles_total", VEHICLES, r"^车辆(数|总数)?(合计|总计)?$"),
                ("vehicles_vice_ministerial_and_above", VEHICLES, r"部\(省\)级|部级|省级.*领导"),
                ("vehicles_principal_officials", VEHICLES, r"主要(负责人|领导)"),
                ("vehicles_confidential_communication", VEHICLES, r"机要通信"),
                ("vehicles_emergency_support", VEHICLES, r"应急保障"),
                ("vehicles_law_enforcement", VEHICLES, r"执法执勤"),
                ("vehicles_special_technical", VEHICLES, r"特种专业技术"),
                ("vehicles_retired_cadre_service", VEHICLES, r"离退休干部"),
                ("vehicles_general_official", VEHICLES, r"^一般公务用车"),
                ("vehicles_other", VEHICLES, r"^其他(用)?车"),
            ),
        ),
    )
}
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、]|其中[:]?)")
_UNIT_SUFFIX = re.compile(r"\((辆|台|套|台\(套\)|万元)\)$")
_LABEL_HEADER = re.compile(r"^(项目|指标|项目名称|统计项目)$")
_ROW_NO_HEADER = re.compile(r"^(行次|序号|栏次)$")
_VALUE_HEADER = re.compile(r"统计数|数量|金额|决算数|数值|合计")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
_COUNT = re.compile(r"^(?P<int>\d+)(?:\.(?P<frac>\d+))?$")
_COUNT_UNIT = re.compile(r"(辆|台|套|台\(套\))$")
_DASH = re.compile(r"^[—\-－―]+$")


class _LineError(Exception):
    """An item line that cannot be accounted for; it is quarantined."""


@dataclass(frozen=True)
class _Columns:
    label: int | None = None
    row_no: int | None = None
    value: int | None = None


@dataclass(frozen=True)
class _Value:
    value: Decimal | None
    printed: str
    rounding_unit: Decimal


def _norm(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’]", "", unicodedata.normalize("NFKC", text))


def _label_text(label: str) -> str:
    """The label without numbering (`(一)`, `1.`, `三、`) and without a trailing unit `(辆)`."""
    text = _norm(label)
    while (stripped := _NUMBERING.sub("", text)) != text:
        text = stripped
    return _UNIT_SUFFIX.sub("", text)


def section_of(cells: list[str]) -> str | None:
    """The section a section heading line (`一、政府采购情况`, nothing else on the line) opens,
    `""` for an unknown section, None when the line is not a section heading."""
    values = [c for c in cells if c]
    if len(values) != 1 or not _SECTION_LINE.match(_norm(values[0])):
        return None
    return next((key for key, rule in _SECTIONS if rule.search(values[0])), "")


def item_of(section: str, label: str) -> tuple[str, str] | None:
    """(item_key, value_unit) of an item label in its section, or None when not recognised."""
    text = _label_text(label)
    return next(((key, unit) for key, unit, rule in _ITEMS.get(section, ()) if rule.search(text)), None)


def _header_columns(cells: list[str], previous: _Columns) -> _Columns | None:
    """The columns a header line (`项目 | 行次 | 统计数`) names; empty header cells keep the
    meaning they had in the previous header. None when the line is not a header."""
    label = next((i for i, c in enumerate(cells) if _LABEL_HEADER.match(_norm(c))), None)
    if label is None:
        return None
    row_no = next((i for i, c in enumerate(cells) if _ROW_NO_HEADER.match(_norm(c))), previous.row_no)
    value = next((i for i, c in enumerate(cells) if i != label and _VALUE_HEADER.search(_norm(c))), previous.value)
    if row_no is None and value is not None and value == label + 2 and not cells[label + 1]:
        row_no = label + 1  # `项目 | | 统计数`: the unnamed column between label and value is the 行次
    return _Columns(label=label, row_no=row_no, value=value)


def _count(cell: str) -> _Value:
    printed = cell.strip()
    if not printed:
        return _Value(None, "", Decimal(0))
    text = _COUNT_UNIT.sub("", _norm(printed).replace(",", ""))
    if _DASH.match(text):
        return _Value(Decimal(0), printed, Decimal(0))
    match = _COUNT.match(text)
    if not match:
        raise _LineError(f"not a count: {printed!r}")
    return _Value(Decimal(text), printed, Decimal(1).scaleb(-len(match.group("frac") or "")))


def _amount(cell: str, unit: str) -> _Value:
    try:
        amount = parse_amount(cell, unit)
    except AmountError as exc:
        raise _LineError(f"not an amount: {cell.strip()!r}") from exc
    return _Value(amount.wan, amount.printed, amount.rounding_unit_wan)


def _item_row(ctx: TableContext, line: Line, section: str, columns: _Columns) -> StatisticRow:
    cells = line.cells
    label_col = columns.label if columns.label is not None else 0
    label = cells[label_col] if label_col < len(cells) else ""
    if not label:
        raise _LineError("a value without an item label")
    found = item_of(section, label)
    if found is None:
        raise _LineError(f"unknown {section or 'statistics'} item: {label!r}")
    key, unit = found
    used = {label_col, columns.row_no, columns.value}
    extra = next((i for i, c in enumerate(cells) if c and i not in used), None)
    if extra is not None:
        raise _LineError(f"unexpected cell in column {extra + 1}: {cells[extra]!r}")
    row_number = cells[columns.row_no] if columns.row_no is not None and columns.row_no < len(cells) else ""
    if row_number and not _ROW_NUMBER.match(row_number):
        raise _LineError(f"not a row number: {row_number!r}")
    cell = cells[columns.value] if columns.value is not None and columns.value < len(cells) else ""
    value = _amount(cell, ctx.unit) if unit == WAN else _count(cell)
    return StatisticRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=line.no,
        section=section,
        item_key=key,
        item_name=name_text(label),
        row_number=row_number,
        value=value.value,
        value_printed=value.printed,
        value_unit=unit,
        rounding_unit=value.rounding_unit,
    )


def parse(table: Table, ctx: TableContext) -> ParseResult:
    result = ParseResult()
    section: str | None = None
    columns: _Columns | None = None
    seen: set[str] = set()
    for line in table.rows:
        cells = line.cells
        if not any(cells):
            continue
        if (opened := section_of(cells)) is not None:
            section = opened
            continue
        header = _header_columns(cells, columns or _Columns())
        if header is not None:
            columns = header
            continue
        if columns is None or columns.value is None:
            if any(cells[1:]):
                result.quarantine.append(
                    quarantine_line(ctx, table, line.no, "data before the table header", line.text)
                )
            continue
        try:
            if section is None:
                raise _LineError("item line before any section heading")
            row = _item_row(ctx, line, section, columns)
            if row.item_key in seen:
                raise _LineError(f"item {row.item_key} already loaded from an earlier line")
        except _LineError as exc:
            result.quarantine.append(quarantine_line(ctx, table, line.no, str(exc), line.text))
            continue
        seen.add(row.item_key)
        result.rows.append(row)
    if columns is None and not table.declared_empty:
        raise ParseError("no header line with 项目 and 统计数", line_no=table.title_line)
    return result


register("statistics", parse)

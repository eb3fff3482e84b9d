"""绩效自评情况汇总表 → one ProjectSummaryRow per project line.

Columns by meaning: 序号, 项目名称, 资金使用单位 (实施单位), 自评得分, 自评等级. A line with one text and
nothing else is a group heading (市本级项目支出绩效自评 …) and becomes the `section` of the lines under
it; a repeated header on a continued page is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.errors import LoaderError, ParseError
from loaders.parsers import register
from loaders.parsers.base import ParseResult, TableContext, quarantine_line
from loaders.parsers.performance_common import compact, grade_of, is_number, name_key, non_empty, parse_number
from loaders.rows import ProjectSummaryRow
from loaders.tables import Table

SUMMARY_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("seq", re.compile(r"^序号$|^编号$")),
    ("name", re.compile(r"项目名称")),
    ("unit", re.compile(r"单位")),
    ("score", re.compile(r"得分|分数|评分")),
    ("grade", re.compile(r"等级|评级|结果")),
)


def header_key(cell: str) -> str | None:
    """The column a header cell names (SUMMARY_KEYWORDS), if any."""
    text = compact(cell)
    return next((key for key, pattern in SUMMARY_KEYWORDS if pattern.search(text)), None)


def summary_header(cells: Sequence[str]) -> dict[str, int] | None:
    positions: dict[str, int] = {}
    for i, cell in non_empty(cells):
        key = header_key(cell)
        if key is not None and key not in positions:
            positions[key] = i
    return positions if {"name", "score"} <= positions.keys() else None


def _summary_row(
    ctx: TableContext, table: Table, line_no: int, cells: Sequence[str], columns: dict[str, int], section: str | None
) -> ProjectSummaryRow:
    by_column = {position: key for key, position in columns.items()}
    values: dict[str, str] = {}
    for i, cell in non_empty(cells):
        key = by_column.get(i)
        if key is None:
            raise ParseError(f"unexpected cell {cell!r} outside the summary columns")
        values[key] = cell
    name = values.get("name", "")
    if not name:
        raise ParseError("summary line without a project name")
    if values.get("seq") and not is_number(values["seq"]):
        raise ParseError(f"not a 序号: {values['seq']!r}")
    score = parse_number(values.get("score", ""))
    grade_printed = values.get("grade", "")
    grade = grade_of(grade_printed) if grade_printed else None
    if grade_printed and grade is None:
        raise ParseError(f"not a grade: {grade_printed!r}")
    return ProjectSummaryRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=line_no,
        summary_line_no=table.title_line,
        section=section,
        seq_printed=values.get("seq", ""),
        project_name=name,
        project_name_key=name_key(name),
        using_unit=values.get("unit") or None,
        score=score.value,
        score_printed=score.printed,
        score_rounding_unit=score.rounding_unit,
        grade=grade,
        grade_printed=grade_printed,
    )


def parse(table: Table, ctx: TableContext) -> ParseResult:
    result = ParseResult()
    columns: dict[str, int] | None = None
    section: str | None = None
    for line in table.rows:
        cells = line.cells
        items = non_empty(cells)
        if not items:
            continue
        header = summary_header(cells)
        if header is not None:
            columns = header
            continue
        if columns is None:
            raise ParseError("no 项目名称 | 自评得分 header before the first line", line_no=line.no)
        if len(items) == 1 and not is_number(items[0][1]):
            section = items[0][1]
            continue
        try:
            result.rows.append(_summary_row(ctx, table, line.no, cells, columns, section))
        except LoaderError as exc:
            result.quarantine.append(quarantine_line(ctx, table, line.no, exc.reason, line.text))
    return result


register("performance_summary", parse)

"""What every table parser receives and returns."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from loaders.document import Line
from loaders.errors import ParseError
from loaders.rows import QuarantineRow, SeedRow
from loaders.tables import Table


@dataclass(frozen=True)
class TableContext:
    document_id: str
    source_file: str
    stage: str  # final | budget | performance
    unit: str  # the table's printed unit: 万元 | 元


@dataclass
class ParseResult:
    rows: list[SeedRow] = field(default_factory=list)
    quarantine: list[QuarantineRow] = field(default_factory=list)

    def extend(self, other: ParseResult) -> None:
        self.rows.extend(other.rows)
        self.quarantine.extend(other.quarantine)


Parser = Callable[[Table, TableContext], ParseResult]


class DocumentParses:
    """One document's table parses, each made once. The layout layer reads the facts of tables it has
    rebuilt or taken as printed (the 基本支出表 for the 三公 table, the 收支总表 and tab tables for the
    function tables, the project tables' 总分 for the 汇总表), and the pipeline then parses the same
    tables for their rows: the second parse is the first's result. A table is the same when it is the
    very same lines and rebuilt lines (the objects, held here while the document is read) under the
    same title, family and unit, parsed by the same parser; a parse that raised is not kept (it raises
    again). Results are handed out as copies (the layout-problems wrapper appends to its result's
    quarantine)."""

    def __init__(self, document_id: str = "", source_file: str = "", stage: str = "") -> None:
        self.document_id = document_id
        self.source_file = source_file
        self.stage = stage
        self._done: dict[tuple[object, ...], tuple[Table, Parser, ParseResult]] = {}

    def context(self, table: Table) -> TableContext:
        return TableContext(self.document_id, self.source_file, self.stage, table.unit)

    def parse(self, table: Table, parser: Parser) -> ParseResult:
        key = (
            id(parser),
            table.family,
            table.title,
            table.title_line,
            table.table_code,
            table.unit,
            id(table.lines),
            id(table.canonical),
        )
        done = self._done.get(key)
        if done is None:
            done = self._done[key] = (table, parser, parser(table, self.context(table)))
        result = done[2]
        return ParseResult(list(result.rows), list(result.quarantine))


def quarantine_line(ctx: TableContext, table: Table, line_no: int, reason: str, text: str) -> QuarantineRow:
    return QuarantineRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=line_no,
        family=table.family,
        reason=reason,
        text=text,
    )


UNTABBED_ROW = (
    "a line without tabs in a table read from its tabs: not read (the extraction printed a row of the table as text)"
)
# The project tables' parser reads or reports its lines printed as text itself (performance_project).
_READS_ITS_TEXT = frozenset({"performance_self_evaluation", "performance_target"})


def untabbed_rows(table: Table, below: int = 0, figures_only: bool = False) -> list[Line]:
    """The lines of a table read from its tabs that are printed as text below line `below`, page lines
    and 注 blocks aside (loaders.layout.performance.pieces.table_lines): rows the extraction gave as
    text, which a parser reading tab lines passes over. `figures_only`: those printing an amount or a
    code (a number with decimals or of three digits or more), a row's facts. None of a table rebuilt by
    the layout layer or without any tab line (a table printed as text is rebuilt, or reported whole)."""
    from loaders.layout import has_figure
    from loaders.layout.performance.pieces import table_lines

    if table.canonical is not None or not any(line.is_tabular for line in table.lines):
        return []
    loose = [line for line in table.lines if not line.is_tabular and line.no > below]
    return [line for line in table_lines(loose, table.title) if not figures_only or has_figure(line)]


def with_layout_problems(parser: Parser) -> Parser:
    """Wrap a table parser so that a table rebuilt by the layout layer (loaders.layout) reports what it
    could not rebuild: a table-level error quarantines the whole table (ParseError), line problems are
    added to the result as quarantined lines, and a ParseError of the parser names the first of them. A
    table read from its tabs reports its lines printed as text that print figures (`untabbed_rows`;
    the project tables' parser reports its own)."""

    @functools.wraps(parser)
    def parse(table: Table, ctx: TableContext) -> ParseResult:
        canonical = table.canonical
        if canonical is not None and canonical.error is not None:
            raise ParseError(f"layout not understood: {canonical.error.reason}", line_no=canonical.error.line_no)
        try:
            result = parser(table, ctx)
        except ParseError as exc:
            if canonical is None or not canonical.problems:
                raise
            first = canonical.problems[0]
            reason = f"{exc.reason} (layout, line {first.line_no}: {first.reason})"
            raise ParseError(reason, line_no=exc.line_no or first.line_no) from None
        if canonical is not None:
            for problem in canonical.problems:
                reason = f"layout: {problem.reason}"
                result.quarantine.append(quarantine_line(ctx, table, problem.line_no, reason, problem.text))
        elif table.family not in _READS_ITS_TEXT:
            for line in untabbed_rows(table, figures_only=True):
                result.quarantine.append(quarantine_line(ctx, table, line.no, UNTABBED_ROW, line.text))
        return result

    return parse

"""What every table parser receives and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from loaders.rows import QuarantineRow, SeedRow, TableLineRow
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
    # Data lines the parser read, with their count of numeric cells (see TableLineRow).
    lines: list[TableLineRow] = field(default_factory=list)

    def extend(self, other: ParseResult) -> None:
        self.rows.extend(other.rows)
        self.quarantine.extend(other.quarantine)
        self.lines.extend(other.lines)


Parser = Callable[[Table, TableContext], ParseResult]


def quarantine_line(ctx: TableContext, table: Table, line_no: int, reason: str, text: str) -> QuarantineRow:
    return QuarantineRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=line_no,
        family=table.family,
        reason=reason,
        text=text,
    )


def numeric_cells(cells: list[str]) -> int:
    """How many cells of a printed line hold a number (an amount, 0.00 or a code)."""
    from loaders.amounts import looks_like_amount

    return sum(1 for c in cells if c and c not in DASH_CELLS and looks_like_amount(c))


DASH_CELLS = frozenset({"——", "—", "--", "-", "－", "―"})


def table_line(ctx: TableContext, table: Table, line_no: int, text: str, cells: list[str]) -> TableLineRow:
    """The record of one data line a parser read (see TableLineRow)."""
    return TableLineRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=line_no,
        family=table.family,
        numeric_cells=numeric_cells(cells),
        text=text,
    )

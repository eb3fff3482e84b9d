"""What every table parser receives and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


def quarantine_line(ctx: TableContext, table: Table, line_no: int, reason: str, text: str) -> QuarantineRow:
    return QuarantineRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=line_no,
        family=table.family,
        reason=reason,
        text=text,
    )

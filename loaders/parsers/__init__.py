"""The parser registry: one parser per table family.

To add a table layout, write a pure function `parse(table, ctx) -> ParseResult` in a module
of this package, register it for its family below, and add its row type to SEED_TYPES.
"""

from __future__ import annotations

from collections.abc import Callable

from loaders.document import SourceDocument
from loaders.parsers.base import Parser, with_layout_problems
from loaders.rows import (
    DocumentRow,
    EconomicAmountRow,
    FunctionAmountRow,
    KpiIndicatorRow,
    PerformanceStatementRow,
    ProjectAnalysisRow,
    ProjectBudgetLineRow,
    ProjectRow,
    ProjectSummaryRow,
    QuarantineRow,
    SeedRow,
    StatisticRow,
    SummaryLineRow,
    TableRow,
    ThreePublicRow,
)

PARSERS: dict[str, Parser] = {}
# Extractors that read a whole document rather than one table (e.g. figures stated in the narrative).
DOCUMENT_PARSERS: list[Callable[[SourceDocument], list[SeedRow]]] = []

SEED_TYPES: list[type[SeedRow]] = [
    DocumentRow,
    TableRow,
    QuarantineRow,
    FunctionAmountRow,
    SummaryLineRow,
    EconomicAmountRow,
    ThreePublicRow,
    StatisticRow,
    ProjectRow,
    ProjectBudgetLineRow,
    KpiIndicatorRow,
    ProjectAnalysisRow,
    ProjectSummaryRow,
    PerformanceStatementRow,
]


def register(family: str, parser: Parser) -> None:
    # Tables printed without tabs are rebuilt by the layout layer; the rows it could not rebuild are
    # reported with the parser's result.
    PARSERS[family] = with_layout_problems(parser)


def register_document(parser: Callable[[SourceDocument], list[SeedRow]]) -> None:
    DOCUMENT_PARSERS.append(parser)


def _load() -> None:
    """Import the parser modules; each registers itself."""
    import importlib
    import pkgutil

    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if module != "base":
            importlib.import_module(f"{__name__}.{module}")


_load()

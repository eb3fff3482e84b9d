"""The facts of an extraction without provenance, for comparing two extractions of the same content.

`facts_of(rows)` keeps, for each seed row type, every row with the fields that say something about the
document's content and drops the fields that say where or how it was printed:

- provenance: document_id (a hash of the file's bytes), source_file, line numbers (`line_no`,
  `*_line_no`, `title_line`, `last_line`), the file's sha256 and line count;
- how a number was printed: its text (`amount_printed`, and any `X_printed` beside a parsed number
  `X` or `X_wan`) and its rounding unit (`30. 61` and `306100` 元 are the same 30.61 万元);
- the printed unit (`unit` of a document or table: 元 in the `yuan` layout), the text of a
  quarantined line, and an indicator line's `alignment` (how its cells sat against the header).

Amounts compare as exact Decimals in 万元, normalised (`3610.44` = `3610.4400`); NULL stays NULL and
differs from 0.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import Decimal

from loaders.rows import (
    DocumentRow,
    EconomicAmountRow,
    FunctionAmountRow,
    KpiIndicatorRow,
    QuarantineRow,
    SeedRow,
    StatisticRow,
    SummaryLineRow,
    TableRow,
    ThreePublicRow,
)

Fact = tuple[tuple[str, object], ...]
Facts = dict[str, list[Fact]]

PROVENANCE = frozenset({"document_id", "source_file", "line_no", "title_line", "last_line", "sha256", "line_count"})
LAYOUT_DEPENDENT: dict[type[SeedRow], frozenset[str]] = {
    DocumentRow: frozenset({"unit"}),
    TableRow: frozenset({"unit"}),
    QuarantineRow: frozenset({"text"}),
    KpiIndicatorRow: frozenset({"alignment"}),
}


def dropped_fields(row_type: type[SeedRow]) -> frozenset[str]:
    """The fields of a row type that facts_of leaves out."""
    types = {f.name: str(f.type) for f in dataclasses.fields(row_type)}
    dropped = set(PROVENANCE) | LAYOUT_DEPENDENT.get(row_type, frozenset())
    for name in types:
        if name.endswith("_line_no") or "rounding_unit" in name:
            dropped.add(name)
        base = name.removesuffix("_printed")
        numeric = f"{base}_wan" in types or "Decimal" in types.get(base, "")
        if name.endswith("_printed") and (numeric or base == "amount"):
            dropped.add(name)
    return frozenset(dropped & set(types))


def _value(value: object) -> object:
    if isinstance(value, Decimal):
        return value.normalize() if value else Decimal(0)
    return value


def fact(row: SeedRow) -> Fact:
    dropped = dropped_fields(type(row))
    return tuple((f.name, _value(getattr(row, f.name))) for f in dataclasses.fields(row) if f.name not in dropped)


def _rows(source: object) -> Iterable[SeedRow]:
    rows = getattr(source, "rows", source)  # an Extraction, or its rows by type, or rows
    if isinstance(rows, Mapping):
        return [row for typed in rows.values() for row in typed]
    return rows  # type: ignore[return-value]


def facts_of(source: object) -> Facts:
    """The facts of an Extraction, a {row type: rows} mapping or an iterable of rows: by seed name, a
    sorted list of (field, value) tuples per row (row types without rows are left out)."""
    facts: Facts = {}
    for row in _rows(source):
        facts.setdefault(row.seed, []).append(fact(row))
    return {seed: sorted(rows, key=repr) for seed, rows in sorted(facts.items())}


# The standard finance tables' row types, and the table family each row comes from.
FINANCE_FAMILY = {
    FunctionAmountRow: lambda row: row.table_name,
    SummaryLineRow: lambda row: row.table_name,
    EconomicAmountRow: lambda row: "basic_economic",
    ThreePublicRow: lambda row: "three_public",
    StatisticRow: lambda row: "statistics",
}


def finance_facts(rows: Iterable[SeedRow]) -> dict[str, set[tuple[str, Fact]]]:
    """The facts of the standard finance tables, by table family: (row type name, fact)."""
    families: dict[str, set[tuple[str, Fact]]] = {}
    for row in rows:
        family_of = FINANCE_FAMILY.get(type(row))
        if family_of is not None:
            families.setdefault(family_of(row), set()).add((type(row).__name__, fact(row)))
    return families

"""Writing seeds: deterministic CSVs (same rows → byte-identical files)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from loaders.amounts import format_decimal
from loaders.rows import SeedRow


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def _sort_value(value: object) -> tuple[int, str]:
    if value is None:
        return (0, "")
    if isinstance(value, int) and not isinstance(value, bool):
        return (1, f"{value:012d}")
    return (1, _cell(value))


def _sort_key(row: SeedRow, columns: list[str]) -> tuple[tuple[int, str], ...]:
    names = list(row.key or columns) + ["line_no"] * hasattr(row, "line_no")
    return tuple(_sort_value(getattr(row, name)) for name in names)


def render_seed(row_type: type[SeedRow], rows: Iterable[SeedRow]) -> str:
    columns = row_type.columns()
    ordered = sorted(rows, key=lambda r: _sort_key(r, columns))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in ordered:
        writer.writerow([_cell(getattr(row, c)) for c in columns])
    return buffer.getvalue()


def write_seeds(directory: Path, rows_by_type: dict[type[SeedRow], list[SeedRow]]) -> list[Path]:
    """Write one CSV per row type; only rewrite a file whose content changed."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for row_type, rows in rows_by_type.items():
        path = directory / f"{row_type.seed}.csv"
        content = render_seed(row_type, rows)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8", newline="")
        written.append(path)
    return written

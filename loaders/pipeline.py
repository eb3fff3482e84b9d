"""extract → seeds: every document under a folder into tidy rows, then CSV seeds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.document import read_document
from loaders.errors import LoaderError, ParseError
from loaders.meta import detect_meta
from loaders.parsers import DOCUMENT_PARSERS, PARSERS, SEED_TYPES
from loaders.parsers.base import ParseResult, TableContext
from loaders.rows import DocumentRow, QuarantineRow, SeedRow, TableRow
from loaders.tables import Table, find_tables

DOCUMENT_SUFFIXES = {".txt", ".text"}


@dataclass
class Extraction:
    rows: dict[type[SeedRow], list[SeedRow]] = field(default_factory=lambda: {row_type: [] for row_type in SEED_TYPES})

    def add(self, row: SeedRow) -> None:
        self.rows.setdefault(type(row), []).append(row)

    @property
    def quarantine(self) -> list[QuarantineRow]:
        return sorted(self.rows[QuarantineRow], key=lambda q: (q.source_file, q.line_no, q.reason))  # type: ignore[arg-type,attr-defined]

    @property
    def documents(self) -> list[DocumentRow]:
        return self.rows[DocumentRow]  # type: ignore[return-value]


def list_documents(docs_dir: Path) -> list[tuple[Path, str]]:
    """Document files under docs_dir, sorted, with their path relative to it."""
    found = [
        p
        for p in docs_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(".")
    ]
    return [(p, p.relative_to(docs_dir).as_posix()) for p in sorted(found)]


def parse_table(table: Table, ctx: TableContext) -> ParseResult:
    """Run the family's parser; a table it cannot parse is quarantined whole."""
    parser = PARSERS.get(table.family)
    if parser is None:
        return ParseResult()
    try:
        result = parser(table, ctx)
        if result.rows or result.quarantine or table.declared_empty:
            return result
        raise ParseError("no data rows under the title (truncated or unreadable table?)", line_no=table.title_line)
    except LoaderError as exc:
        reason, line_no = exc.reason, exc.line_no or table.title_line
    except Exception as exc:
        reason, line_no = f"parser failure ({type(exc).__name__}: {exc})", table.title_line
    text = next((line.text for line in table.lines if line.no == line_no), table.title)
    return ParseResult(
        quarantine=[
            QuarantineRow(ctx.document_id, ctx.source_file, line_no, table.family, f"table not loaded: {reason}", text)
        ]
    )


def extract_document(path: Path, source_file: str) -> Iterator[SeedRow]:
    """All rows of one document; a document that cannot be read yields one quarantine row."""
    try:
        doc = read_document(path, source_file)
        meta = detect_meta(doc)
    except LoaderError as exc:
        yield QuarantineRow(None, source_file, exc.line_no, None, f"document not loaded: {exc.reason}", "")
        return
    tables = find_tables(doc, meta.unit)
    parsed = [t for t in tables if t.family in PARSERS]
    if not parsed:
        yield QuarantineRow(doc.document_id, source_file, 0, None, "document not loaded: no disclosure table found", "")
        return
    for table in parsed:
        ctx = TableContext(doc.document_id, source_file, meta.stage, table.unit)
        result = parse_table(table, ctx)
        yield from result.rows
        yield from result.quarantine
        yield TableRow(
            document_id=doc.document_id,
            source_file=source_file,
            title_line=table.title_line,
            last_line=table.last_line,
            family=table.family,
            table_code=table.table_code,
            title=table.title,
            unit=table.unit,
            declared_empty=table.declared_empty,
            row_count=len(result.rows),
            quarantined_count=len(result.quarantine),
        )
    for document_parser in DOCUMENT_PARSERS:
        yield from document_parser(doc)
    yield DocumentRow(
        document_id=doc.document_id,
        source_file=source_file,
        sha256=doc.sha256,
        department_name=meta.department_name,
        region_name=meta.region_name,
        province=meta.province,
        fiscal_year=meta.fiscal_year,
        stage=meta.stage,
        unit=meta.unit,
        line_count=len(doc.lines),
    )


def extract_corpus(docs_dir: Path) -> Extraction:
    extraction = Extraction()
    for path, source_file in list_documents(docs_dir):
        for row in extract_document(path, source_file):
            extraction.add(row)
    return extraction

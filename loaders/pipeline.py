"""extract → seeds: every document under a folder into tidy rows, then CSV seeds (small corpora) or
the Parquet landing (large ones, incrementally: loaders/landing.py). Documents are parsed in worker
processes (loaders/parallel.py), in a fixed order, so the output does not depend on --jobs."""

from __future__ import annotations

import gc
import hashlib
import itertools
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from loaders.document import parse_document
from loaders.errors import LoaderError, ParseError
from loaders.landing import LandingStore, PartWriter, Plan, chunk_sizes, loader_fingerprint, part_name, quarantine_of
from loaders.meta import detect_meta
from loaders.parallel import Progress, ordered_map, resolve_jobs
from loaders.parsers import DOCUMENT_PARSERS, PARSERS, SEED_TYPES
from loaders.parsers.base import DocumentParses, ParseResult
from loaders.rows import DocumentRow, QuarantineRow, SeedRow, TableRow
from loaders.tables import Table, find_tables

DOCUMENT_SUFFIXES = {".txt", ".text", ".pdf"}  # a PDF is read by loaders.pdf
T = TypeVar("T")


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


def parse_table(table: Table, parses: DocumentParses) -> ParseResult:
    """Run the family's parser (or take the parse the layout layer made of the table already); a table
    it cannot parse is quarantined whole."""
    parser = PARSERS.get(table.family)
    if parser is None:
        return ParseResult()
    ctx = parses.context(table)
    try:
        result = parses.parse(table, parser)
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
        data = path.read_bytes()
    except OSError as exc:
        yield QuarantineRow(None, source_file, 0, None, f"document not loaded: cannot read the file ({exc})", "")
        return
    yield from extract_bytes(data, source_file)


def extract_bytes(data: bytes, source_file: str) -> Iterator[SeedRow]:
    """All rows of one document's content; a document that cannot be read yields one quarantine row."""
    try:
        doc = parse_document(data, source_file)
        meta = detect_meta(doc)
    except LoaderError as exc:
        yield QuarantineRow(None, source_file, exc.line_no, None, f"document not loaded: {exc.reason}", "")
        return
    parses = DocumentParses(doc.document_id, source_file, meta.stage)
    tables = find_tables(doc, meta.unit, parses)
    parsed = [t for t in tables if t.family in PARSERS]
    if not parsed:
        yield QuarantineRow(doc.document_id, source_file, 0, None, "document not loaded: no disclosure table found", "")
        return
    for table in parsed:
        result = parse_table(table, parses)
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


# The cyclic garbage collector ran about ten times a document while it was parsed (each allocation of
# 700 objects more than were freed starts one), scanning the young objects the parse still held and,
# every tenth time, the older ones too: about 5 % of a document's time. A document's objects are freed
# by reference counting as soon as it is parsed: none of the samples' form cycles in any layout
# (tests/loaders/test_pipeline.py). A chunk of documents is parsed with the collector paused, and the
# young objects collected once after it: after each document, that collection scanned the rows it had
# just returned (0.5 ms a document) to find nothing. Any cycle another text's path makes waits for the
# end of its chunk (`document_rows` alone collects after its document). The full collections, which
# walk the parsers' memo caches (hundreds of thousands of objects), keep their own thresholds.
@contextmanager
def _collector_paused() -> Iterator[None]:
    """No automatic collection for the duration; the young objects (any cycles made meanwhile) collected
    after it. The collector is left as it was found (enabled or not)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)


def document_rows(data: bytes, source_file: str) -> list[SeedRow]:
    """extract_bytes, with any failure of the loaders' own code quarantining the document (one
    document never stops a corpus)."""
    try:
        with _collector_paused():
            return list(extract_bytes(data, source_file))
    except Exception as exc:
        reason = f"document not loaded: loader failure ({type(exc).__name__}: {exc})"
        return [QuarantineRow(None, source_file, 0, None, reason, "")]


def _read(path: Path, source_file: str) -> tuple[bytes | None, list[SeedRow]]:
    try:
        return path.read_bytes(), []
    except OSError as exc:
        reason = f"document not loaded: cannot read the file ({exc})"
        return None, [QuarantineRow(None, source_file, 0, None, reason, "")]


def _extract_chunk(items: list[tuple[Path, str]]) -> list[SeedRow]:
    rows: list[SeedRow] = []
    with _collector_paused():  # one collection for the chunk (see `_collector_paused`)
        for path, source_file in items:
            data, failed = _read(path, source_file)
            rows.extend(failed if data is None else document_rows(data, source_file))
    return rows


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def split(items: Sequence[T], sizes: Sequence[int]) -> list[list[T]]:
    """items cut into consecutive lists of these sizes (which add up to len(items))."""
    starts = [0, *itertools.accumulate(sizes)]
    return [list(items[a:b]) for a, b in itertools.pairwise(starts)]


def extract_corpus(
    docs_dir: Path,
    jobs: int | None = 1,
    progress: bool = False,
    documents: Sequence[tuple[Path, str]] | None = None,
) -> Extraction:
    """Every document under docs_dir, parsed in `jobs` processes (0: all cores), rows in memory (for
    CSV seeds: fine for small corpora; a large corpus goes to the Parquet landing, land_corpus)."""
    documents = list_documents(docs_dir) if documents is None else documents
    extraction = Extraction()
    size = max(1, min(64, math.ceil(len(documents) / (4 * resolve_jobs(jobs)))))
    batches = chunks(documents, size)
    with Progress(len(documents) if progress else 0) as bar:
        for batch, rows in zip(batches, ordered_map(_extract_chunk, batches, jobs=jobs), strict=True):
            for row in rows:
                extraction.add(row)
            bar.update(len(batch))
    return extraction


@dataclass(frozen=True)
class ChunkResult:
    part: str
    landed: list[tuple[str, str, str]]  # (source_file, sha256, part)
    documents: int  # documents loaded (with a raw_documents row)
    rows: int
    quarantine: list[QuarantineRow]


def _land_chunk(task: tuple[Path, str, list[tuple[Path, str, str | None]]]) -> ChunkResult:
    """Parse a chunk of documents and write their rows as one Parquet part per seed (in a worker)."""
    directory, part, items = task
    writer = PartWriter()
    landed, quarantine, documents = [], [], 0
    with _collector_paused():  # one collection for the chunk (see `_collector_paused`)
        for path, source_file, sha in items:
            data, rows = _read(path, source_file)
            if data is not None:
                rows = document_rows(data, source_file)
                sha = sha or hashlib.sha256(data).hexdigest()
            by_type: dict[type[SeedRow], list[SeedRow]] = {}
            for row in rows:
                by_type.setdefault(type(row), []).append(row)
            writer.add(by_type)
            quarantine.extend(quarantine_of(by_type))
            documents += bool(by_type.get(DocumentRow))
            if sha is not None:
                landed.append((source_file, sha, part))
    counts = writer.write(directory, part)
    return ChunkResult(part, landed, documents, sum(counts.values()), quarantine)


@dataclass
class Landing:
    """What a load into the Parquet landing did."""

    plan: Plan
    documents: int = 0  # documents loaded by this load
    rows: int = 0
    quarantine: list[QuarantineRow] = field(default_factory=list)


def land_corpus(
    docs_dir: Path,
    directory: Path,
    jobs: int | None = 0,
    full: bool = False,
    progress: bool = False,
    documents: Sequence[tuple[Path, str]] | None = None,
) -> Landing:
    """Load every new or changed document under docs_dir into the Parquet landing at `directory`,
    in `jobs` processes; the rows stream from the workers straight into Parquet parts."""
    documents = list_documents(docs_dir) if documents is None else documents
    store = LandingStore(directory)
    loader = loader_fingerprint()
    plan = store.plan(documents, loader, full=full)
    landing = Landing(plan)
    if plan.is_noop and not plan.full:
        return landing
    store.begin(plan, loader)
    tasks = [
        (directory, part_name(plan.batch, n), chunk)
        for n, chunk in enumerate(split(plan.parse, chunk_sizes(len(plan.parse))))
    ]
    landed: list[tuple[str, str, str]] = []
    with Progress(len(plan.parse) if progress else 0) as bar:
        for task, result in zip(tasks, ordered_map(_land_chunk, tasks, jobs=jobs), strict=True):
            landed.extend(result.landed)
            landing.documents += result.documents
            landing.rows += result.rows
            landing.quarantine.extend(result.quarantine)
            bar.update(len(task[2]))
    store.finish(plan, landed)
    landing.quarantine.sort(key=lambda q: (q.source_file, q.line_no, q.reason))
    return landing

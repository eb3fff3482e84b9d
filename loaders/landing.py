"""The Parquet landing: every document's rows as Parquet parts, read by the staging models as
dbt-duckdb external sources (the `landing` var), kept up to date incrementally.

Layout of a landing folder:

    <seed>/b<batch>-c<chunk>.parquet   one part per seed, per chunk of documents, per load (batch);
                                       every column a string holding the CSV seed's cell text
                                       (empty cell = null), so the staging casts are the same
    _manifest.json                     per document file: its content hash and the part it is in;
                                       the loader's fingerprint; the warehouses built from it

A load compares each file's SHA-256 with the manifest: only new and changed files are parsed,
into a new batch of parts; the rows of changed and removed files are filtered out of their old
parts. A change to the loaders' code (their fingerprint) re-parses everything. Parts are written
before the manifest, and parts of a batch the manifest does not know are deleted on the next load,
so an interrupted load leaves nothing half-counted.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders.parsers import SEED_TYPES
from loaders.rows import QuarantineRow, SeedRow
from loaders.seeds import columnar, seed_columns

MANIFEST = "_manifest.json"
FORMAT = 1
LOADERS_DIR = Path(__file__).resolve().parent
COMPRESSION = "zstd"


def fingerprint(root: Path, files: Iterable[Path]) -> str:
    """A hash of the files' paths (relative to root) and contents."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def loader_fingerprint() -> str:
    """Changes whenever the loaders' code or data change: their rows may then differ."""
    files = [
        p
        for p in LOADERS_DIR.rglob("*")
        if p.is_file() and p.suffix in (".py", ".csv") and "__pycache__" not in p.parts
    ]
    return fingerprint(LOADERS_DIR, files)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def part_name(batch: int, chunk: int) -> str:
    return f"b{batch:05d}-c{chunk:05d}"


def chunk_size(count: int) -> int:
    """The most documents in a part: about 8 chunks per load, 16 to 256 documents each."""
    return max(16, min(256, math.ceil(count / 8)))


def chunk_sizes(count: int) -> list[int]:
    """Documents per part, in order: a function of the number of documents only (not of --jobs), so the
    same documents always give the same parts. As many parts as chunk_size needs, as even as can be:
    workers parse the parts in turn, and one left a short last part would wait for the others at the
    end of the load (10,000 documents in 39 parts of 256 and one of 16: one worker parsed 240 more
    documents than the other, about 2 % of the load's time)."""
    if count <= 0:
        return []
    parts = math.ceil(count / chunk_size(count))
    size, longer = divmod(count, parts)
    return [size + 1] * longer + [size] * (parts - longer)


def schema(row_type: type[SeedRow]) -> pa.Schema:
    names, _ = seed_columns(row_type)
    return pa.schema([(name, pa.string()) for name in names])


@dataclass
class Manifest:
    loader: str = ""
    next_batch: int = 0
    documents: dict[str, tuple[str, str]] = field(default_factory=dict)  # source_file → (sha256, part)
    built: dict[str, str] = field(default_factory=dict)  # warehouse path → fingerprint it was built at

    @classmethod
    def read(cls, directory: Path) -> Manifest | None:
        path = directory / MANIFEST
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("format") != FORMAT:
            return None
        return cls(
            loader=data["loader"],
            next_batch=data["next_batch"],
            documents={k: (v[0], v[1]) for k, v in data["documents"].items()},
            built=dict(data.get("built", {})),
        )

    def write(self, directory: Path) -> None:
        data = {
            "format": FORMAT,
            "loader": self.loader,
            "next_batch": self.next_batch,
            "built": dict(sorted(self.built.items())),
            "documents": {k: list(v) for k, v in sorted(self.documents.items())},
        }
        temporary = directory / (MANIFEST + ".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        os.replace(temporary, directory / MANIFEST)


@dataclass(frozen=True)
class Plan:
    """What a load does: parse these files (new or changed), drop the rows of those."""

    batch: int
    parse: list[tuple[Path, str, str | None]]  # (path, source_file, sha256 when already known)
    changed: list[str]
    removed: list[str]
    unchanged: int
    full: bool

    @property
    def is_noop(self) -> bool:
        return not self.parse and not self.removed


class LandingStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.manifest = Manifest.read(directory)

    @property
    def exists(self) -> bool:
        return self.manifest is not None

    def plan(self, documents: Sequence[tuple[Path, str]], loader: str, full: bool = False) -> Plan:
        """Compare the files with the manifest by content hash (all of them are parsed on a full load,
        a first load, or when the loaders changed)."""
        manifest = self.manifest
        if full or manifest is None or manifest.loader != loader:
            return Plan(0, [(p, s, None) for p, s in documents], [], [], 0, True)
        parse, changed, unchanged = [], [], 0
        for path, source_file in documents:
            known = manifest.documents.get(source_file)
            try:
                sha: str | None = file_sha256(path)
            except OSError:  # unreadable: the worker quarantines it
                sha = None
            if known is not None and known[0] == sha:
                unchanged += 1
                continue
            if known is not None:
                changed.append(source_file)
            parse.append((path, source_file, sha))
        present = {s for _, s in documents}
        removed = sorted(s for s in manifest.documents if s not in present)
        return Plan(manifest.next_batch, parse, changed, removed, unchanged, False)

    def begin(self, plan: Plan, loader: str) -> None:
        """Prepare the folder for the plan's batch: a full load starts from an empty landing; parts
        an interrupted load left behind are deleted."""
        if plan.full:
            for row_type in SEED_TYPES:
                shutil.rmtree(self.directory / row_type.seed, ignore_errors=True)
            (self.directory / MANIFEST).unlink(missing_ok=True)
            self.manifest = Manifest(loader=loader)
        assert self.manifest is not None
        for row_type in SEED_TYPES:
            folder = self.directory / row_type.seed
            folder.mkdir(parents=True, exist_ok=True)
            for part in folder.glob("b*-c*.parquet"):
                if int(part.name[1:6]) >= plan.batch:
                    part.unlink()

    def finish(self, plan: Plan, landed: Iterable[tuple[str, str, str]]) -> None:
        """Drop the rows of changed and removed files from their old parts, then record the batch."""
        manifest = self.manifest
        assert manifest is not None
        dropped = set(plan.changed) | set(plan.removed)
        parts: dict[str, set[str]] = {}
        for source_file in sorted(dropped):
            parts.setdefault(manifest.documents[source_file][1], set()).add(source_file)
        for part, source_files in sorted(parts.items()):
            self._drop_rows(part, source_files)
        for source_file in plan.removed:
            del manifest.documents[source_file]
        for source_file, sha, part in landed:
            manifest.documents[source_file] = (sha, part)
        manifest.next_batch = plan.batch + 1
        manifest.write(self.directory)

    def _drop_rows(self, part: str, source_files: set[str]) -> None:
        keep = pa.array(sorted(source_files), pa.string())
        for row_type in SEED_TYPES:
            path = self.directory / row_type.seed / f"{part}.parquet"
            if not path.exists():
                continue
            table = pq.read_table(path)
            filtered = table.filter(pc.invert(pc.is_in(table["source_file"], value_set=keep)))
            if filtered.num_rows != table.num_rows:
                write_part(path, filtered)

    def count_rows(self, seed: str) -> int:
        """Rows of a seed in the landing (from the Parquet footers)."""
        return sum(pq.ParquetFile(p).metadata.num_rows for p in (self.directory / seed).glob("*.parquet"))

    def record_build(self, warehouse: Path, fingerprint_: str) -> None:
        assert self.manifest is not None
        self.manifest.built[str(warehouse.resolve())] = fingerprint_
        self.manifest.write(self.directory)

    def built_fingerprint(self, warehouse: Path) -> str | None:
        return self.manifest.built.get(str(warehouse.resolve())) if self.manifest else None


def write_part(path: Path, table: pa.Table) -> None:
    temporary = path.with_suffix(".tmp")
    # No dictionary encoding: DuckDB 2.0 fails with an internal error (DataChunk::SetChildCardinality)
    # on filters over dictionary vectors of these files; zstd makes the plain pages as small.
    pq.write_table(table, temporary, compression=COMPRESSION, use_dictionary=False, row_group_size=1 << 20)
    os.replace(temporary, path)


class PartWriter:
    """Collects the rows of a chunk of documents as columns of text, then writes one part per seed."""

    def __init__(self) -> None:
        self.columns: dict[type[SeedRow], dict[str, list[str | None]]] = {}

    def add(self, rows_by_type: dict[type[SeedRow], list[SeedRow]]) -> None:
        for row_type, rows in rows_by_type.items():
            if not rows:
                continue
            converted = columnar(row_type, rows)
            target = self.columns.get(row_type)
            if target is None:
                self.columns[row_type] = converted
            else:
                for name, values in converted.items():
                    target[name].extend(values)

    def write(self, directory: Path, part: str) -> dict[str, int]:
        counts = {}
        for row_type in SEED_TYPES:
            columns = self.columns.get(row_type) or {name: [] for name in seed_columns(row_type)[0]}
            table = pa.table(columns, schema=schema(row_type))
            write_part(directory / row_type.seed / f"{part}.parquet", table)
            counts[row_type.seed] = table.num_rows
        return counts


def quarantine_of(rows_by_type: dict[type[SeedRow], list[SeedRow]]) -> list[QuarantineRow]:
    return rows_by_type.get(QuarantineRow, [])  # type: ignore[return-value]

"""The command line: `python -m loaders build --docs DIR --db PATH`.

Small corpora land as CSV seeds (the committed seeds/ of the bundled samples, or build/seeds) and
are rebuilt in full every time. Large corpora (`--landing parquet`, or `auto` from
PARQUET_THRESHOLD documents) land as Parquet (loaders/landing.py) and build incrementally: only new
or changed files are parsed, and dbt's per-document models insert only new documents, unless the
loaders' code, the models or the warehouse file changed since the last build (then everything is
rebuilt), or `--full-refresh` is given. A corpus build runs the data tests, not the dbt unit tests
(they check the models' logic on fixtures, whatever the corpus: `make test` runs them).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from loaders.document import parse_document
from loaders.errors import LoaderError
from loaders.landing import LandingStore, fingerprint, loader_fingerprint
from loaders.parallel import resolve_jobs
from loaders.pipeline import extract_corpus, land_corpus, list_documents
from loaders.rows import QuarantineRow
from loaders.seeds import write_seeds

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_DOCS = PROJECT_DIR / "documents"
DEFAULT_DB = PROJECT_DIR / "warehouse.duckdb"
DEFAULT_SEEDS = PROJECT_DIR / "seeds"
DEFAULT_LANDING = PROJECT_DIR / "build" / "landing"
# From this many documents, `--landing auto` lands Parquet instead of CSV seeds.
PARQUET_THRESHOLD = 1000
# Quarantined lines listed on stderr; the rest are counted (all are in raw_quarantine / audit_quarantine).
REPORT_LIMIT = 1000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("build", "extract every document, write seeds, then `dbt build` into the DuckDB file"),
        ("extract", "extract every document and write seeds (or the Parquet landing) only"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "--docs", type=Path, default=SAMPLE_DOCS, help="folder of documents: extracted text (.txt) or PDFs"
        )
        command.add_argument(
            "--seeds",
            type=Path,
            default=None,
            help="seed folder (default: seeds/ for the bundled samples, build/seeds otherwise)",
        )
        command.add_argument("--jobs", type=int, default=0, help="parser processes (default 0: all cores)")
        command.add_argument(
            "--landing",
            choices=("auto", "seeds", "parquet"),
            default="auto",
            help=f"land CSV seeds or Parquet (default auto: Parquet from {PARQUET_THRESHOLD} documents)",
        )
        command.add_argument(
            "--landing-dir", type=Path, default=DEFAULT_LANDING, help="Parquet landing folder (default build/landing)"
        )
        command.add_argument(
            "--full-refresh", action="store_true", help="re-parse every document and rebuild every model"
        )
        if name == "build":
            command.add_argument("--db", type=Path, default=DEFAULT_DB, help="DuckDB file to build")
            command.add_argument(
                "--strict",
                action="store_true",
                help="fail the build on an identity break in a table with a quarantined line (default: warn)",
            )
    text = commands.add_parser("text", help="print a document's text as the loaders read it (a PDF's lines)")
    text.add_argument("file", type=Path, help="a document: extracted text or a PDF")
    return parser


def _print_text(path: Path) -> int:
    """The lines the loaders read, which the line numbers of its rows count (a PDF's: loaders.pdf)."""
    try:
        doc = parse_document(path.read_bytes(), path.name)
    except OSError as exc:
        print(f"loaders: {path}: cannot read the file ({exc})", file=sys.stderr)
        return 1
    except LoaderError as exc:
        print(f"loaders: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write("\n".join(line.text for line in doc.lines))
    return 0


def _seed_dir(docs: Path, seeds: Path | None) -> Path:
    if seeds is not None:
        return seeds.resolve()
    if docs.resolve() == SAMPLE_DOCS.resolve():
        return DEFAULT_SEEDS
    return PROJECT_DIR / "build" / "seeds"


def _report_quarantine(documents: int, quarantine: list[QuarantineRow]) -> None:
    print(f"loaders: {documents} document(s) loaded, {len(quarantine)} quarantined line(s)/table(s)/document(s)")
    for q in quarantine[:REPORT_LIMIT]:
        where = f"{q.source_file}:{q.line_no}" if q.line_no else q.source_file
        print(f"  quarantined {where}: {q.reason}", file=sys.stderr)
    if len(quarantine) > REPORT_LIMIT:
        rest = len(quarantine) - REPORT_LIMIT
        print(f"  … and {rest} more (all of them: raw_quarantine / audit_quarantine)", file=sys.stderr)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished workers."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _report_speed(count: int, seconds: float, jobs: int | None, cpu: float) -> None:
    rate = count / seconds if seconds > 0 else 0.0
    processes = resolve_jobs(jobs)
    print(
        f"loaders: parsed {count} document(s) in {seconds:.1f} s ({rate:.1f} documents/s, {processes} process(es); "
        f"{cpu / seconds if seconds > 0 else 0:.2f} cores busy)"
    )


def build_fingerprint() -> str:
    """The loaders and the dbt project: a warehouse built at another fingerprint is rebuilt in full."""
    files = [p for folder in ("models", "macros") for p in (PROJECT_DIR / folder).rglob("*") if p.is_file()]
    files += [PROJECT_DIR / "dbt_project.yml", PROJECT_DIR / "profiles.yml"]
    return f"{loader_fingerprint()}-{fingerprint(PROJECT_DIR, files)}"


def run_dbt(
    seed_dir: Path, db: Path, landing_dir: Path | None = None, full_refresh: bool = True, strict: bool = False
) -> int:
    """`dbt build` into the DuckDB file, from the seeds in seed_dir or, given landing_dir, from the
    Parquet landing (incrementally unless full_refresh). `strict`: an identity break in a table the
    loader quarantined a line of fails the build instead of warning."""
    # Relative to the project: dbt writes each seed's run file to target/run/<project>/<seed path>,
    # which for an absolute path would be the seed file itself.
    os.environ["BUDGET_WAREHOUSE_SEEDS"] = os.path.relpath(seed_dir, PROJECT_DIR)
    os.environ["BUDGET_WAREHOUSE_DB"] = str(db.resolve())
    args = ["build", "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)]
    variables: dict[str, object] = {}
    if landing_dir is not None:
        os.environ["BUDGET_WAREHOUSE_LANDING"] = landing_dir.resolve().as_posix()
        variables["landing"] = "parquet"
    if strict:
        variables["strict_extraction"] = True
    if variables:
        args += ["--vars", json.dumps(variables)]
    if landing_dir is not None:
        # A corpus build checks the corpus: its data tests run, not the unit tests, which check the
        # models' logic on fixed rows of their own (the same for every corpus; `make test` runs them).
        args += ["--exclude-resource-type", "unit_test"]
    if full_refresh:
        args.append("--full-refresh")
    from dbt.cli.main import dbtRunner

    began = time.perf_counter()
    result = dbtRunner().invoke(args)
    if result.exception is not None:
        print(f"loaders: dbt failed to run: {result.exception}", file=sys.stderr)
        return 2
    if not result.success:
        print("loaders: dbt build failed (a model or an error-severity test); see the log above", file=sys.stderr)
        return 1
    how = "in full" if full_refresh else "incrementally"
    print(f"loaders: warehouse built {how} at {db} (dbt build {time.perf_counter() - began:.1f} s)")
    return 0


def _landing_mode(choice: str, documents: int) -> str:
    if choice != "auto":
        return choice
    return "parquet" if documents >= PARQUET_THRESHOLD else "seeds"


def _build_from_seeds(args: argparse.Namespace, documents: list[tuple[Path, str]]) -> int:
    docs: Path = args.docs
    seed_dir = _seed_dir(docs, args.seeds)
    began, cpu = time.perf_counter(), _cpu_seconds()
    extraction = extract_corpus(docs, jobs=args.jobs, progress=True, documents=documents)
    if len(documents) >= 100:
        _report_speed(len(documents), time.perf_counter() - began, args.jobs, _cpu_seconds() - cpu)
    write_seeds(seed_dir, extraction.rows)
    _report_quarantine(len(extraction.documents), extraction.quarantine)
    if not extraction.documents:
        print(f"loaders: no document under {docs} could be loaded", file=sys.stderr)
        return 1
    if args.command == "extract":
        return 0
    db: Path = args.db
    db.parent.mkdir(parents=True, exist_ok=True)
    return run_dbt(seed_dir, db, strict=args.strict)


def _build_from_landing(args: argparse.Namespace, documents: list[tuple[Path, str]]) -> int:
    docs: Path = args.docs
    landing_dir: Path = args.landing_dir.resolve()
    began, cpu = time.perf_counter(), _cpu_seconds()
    landing = land_corpus(docs, landing_dir, jobs=args.jobs, full=args.full_refresh, progress=True, documents=documents)
    plan = landing.plan
    print(
        f"loaders: Parquet landing {landing_dir}: {len(plan.parse) - len(plan.changed)} new, {len(plan.changed)} "
        f"changed, {len(plan.removed)} removed, {plan.unchanged} unchanged document file(s)"
        + (" (full load)" if plan.full else "")
    )
    if plan.parse:
        _report_speed(len(plan.parse), time.perf_counter() - began, args.jobs, _cpu_seconds() - cpu)
    _report_quarantine(landing.documents, landing.quarantine)
    store = LandingStore(landing_dir)
    if store.count_rows("raw_documents") == 0:
        print(f"loaders: no document under {docs} could be loaded", file=sys.stderr)
        return 1
    if args.command == "extract":
        return 0
    db: Path = args.db
    db.parent.mkdir(parents=True, exist_ok=True)
    current = build_fingerprint()
    full_refresh = args.full_refresh or plan.full or not db.exists() or store.built_fingerprint(db) != current
    empty_seeds = landing_dir / "_seeds"
    empty_seeds.mkdir(exist_ok=True)
    status = run_dbt(empty_seeds, db, landing_dir=landing_dir, full_refresh=full_refresh, strict=args.strict)
    if status == 0:
        store.record_build(db, current)
    return status


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "text":
        return _print_text(args.file)
    docs: Path = args.docs
    if not docs.is_dir():
        print(f"loaders: --docs {docs}: not a folder", file=sys.stderr)
        return 2
    documents = list_documents(docs)
    if _landing_mode(args.landing, len(documents)) == "parquet":
        return _build_from_landing(args, documents)
    return _build_from_seeds(args, documents)

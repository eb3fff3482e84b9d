"""The command line: `python -m loaders build --docs DIR --db PATH`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from loaders.pipeline import extract_corpus
from loaders.seeds import write_seeds

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_DOCS = PROJECT_DIR / "documents"
DEFAULT_DB = PROJECT_DIR / "warehouse.duckdb"
DEFAULT_SEEDS = PROJECT_DIR / "seeds"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("build", "extract every document, write seeds, then `dbt build` into the DuckDB file"),
        ("extract", "extract every document and write seeds only"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--docs", type=Path, default=SAMPLE_DOCS, help="folder of extracted-text documents")
        command.add_argument(
            "--seeds",
            type=Path,
            default=None,
            help="seed folder (default: seeds/ for the bundled samples, build/seeds otherwise)",
        )
        if name == "build":
            command.add_argument("--db", type=Path, default=DEFAULT_DB, help="DuckDB file to build")
    return parser


def _seed_dir(docs: Path, seeds: Path | None) -> Path:
    if seeds is not None:
        return seeds.resolve()
    if docs.resolve() == SAMPLE_DOCS.resolve():
        return DEFAULT_SEEDS
    return PROJECT_DIR / "build" / "seeds"


def _report(extraction) -> None:
    docs = extraction.documents
    quarantine = extraction.quarantine
    print(f"loaders: {len(docs)} document(s) loaded, {len(quarantine)} quarantined line(s)/table(s)/document(s)")
    for q in quarantine:
        where = f"{q.source_file}:{q.line_no}" if q.line_no else q.source_file
        print(f"  quarantined {where}: {q.reason}", file=sys.stderr)


def run_dbt(seed_dir: Path, db: Path) -> int:
    # Relative to the project: dbt writes each seed's run file to target/run/<project>/<seed path>,
    # which for an absolute path would be the seed file itself.
    os.environ["BUDGET_WAREHOUSE_SEEDS"] = os.path.relpath(seed_dir, PROJECT_DIR)
    os.environ["BUDGET_WAREHOUSE_DB"] = str(db.resolve())
    from dbt.cli.main import dbtRunner

    args = ["build", "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR), "--full-refresh"]
    result = dbtRunner().invoke(args)
    if result.exception is not None:
        print(f"loaders: dbt failed to run: {result.exception}", file=sys.stderr)
        return 2
    if not result.success:
        print("loaders: dbt build failed (a model or an error-severity test); see the log above", file=sys.stderr)
        return 1
    print(f"loaders: warehouse built at {db}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    docs: Path = args.docs
    if not docs.is_dir():
        print(f"loaders: --docs {docs}: not a folder", file=sys.stderr)
        return 2
    seed_dir = _seed_dir(docs, args.seeds)
    extraction = extract_corpus(docs)
    write_seeds(seed_dir, extraction.rows)
    _report(extraction)
    if not extraction.documents:
        print(f"loaders: no document under {docs} could be loaded", file=sys.stderr)
        return 1
    if args.command == "extract":
        return 0
    db: Path = args.db
    db.parent.mkdir(parents=True, exist_ok=True)
    return run_dbt(seed_dir, db)

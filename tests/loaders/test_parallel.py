"""Parallel extraction, the Parquet landing and incremental loads: same rows whatever --jobs, the
landing's cells equal the CSV seeds', only new or changed files are re-parsed, and an incremental
warehouse build replaces a changed document's rows."""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from loaders import landing as landing_module
from loaders.cli import DEFAULT_SEEDS, PROJECT_DIR, main
from loaders.landing import MANIFEST, LandingStore, chunk_size, chunk_sizes, part_name
from loaders.parallel import ordered_map, resolve_jobs
from loaders.parsers import SEED_TYPES
from loaders.pipeline import extract_corpus, land_corpus, split
from loaders.seeds import render_seed
from tests.conftest import FENYANG, JIYUAN, LIAOCHENG, QINGLONG, SAMPLES, ZHANGDIAN


def _triple(x: int) -> int:
    return 3 * x


def test_ordered_map_keeps_the_input_order_in_worker_processes():
    items = list(range(40))
    assert list(ordered_map(_triple, items, jobs=2, window=3)) == [3 * x for x in items]
    assert list(ordered_map(_triple, items, jobs=1)) == [3 * x for x in items]


def test_jobs_zero_means_every_core():
    assert resolve_jobs(0) >= 1 and resolve_jobs(None) == resolve_jobs(0)
    assert resolve_jobs(3) == 3


def test_two_processes_give_the_committed_seeds_byte_for_byte():
    extraction = extract_corpus(SAMPLES, jobs=2)
    for row_type in SEED_TYPES:
        committed = (DEFAULT_SEEDS / f"{row_type.seed}.csv").read_text(encoding="utf-8")
        assert render_seed(row_type, extraction.rows[row_type]) == committed, row_type.seed


def _landing_rows(directory: Path, seed: str) -> list[tuple[str | None, ...]]:
    table = pq.read_table(directory / seed)  # every part of the folder
    return sorted(zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True), key=repr)


def _csv_rows(seed: str) -> list[tuple[str | None, ...]]:
    with (DEFAULT_SEEDS / f"{seed}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return sorted((tuple(cell or None for cell in row) for row in rows), key=repr)


@pytest.fixture(scope="module")
def landed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("landing")
    land_corpus(SAMPLES, directory, jobs=2)
    return directory


def test_the_parquet_landing_holds_the_seeds_cells_with_empty_as_null(landed):
    for row_type in SEED_TYPES:
        assert _landing_rows(landed, row_type.seed) == _csv_rows(row_type.seed), row_type.seed


def test_the_parquet_landing_is_byte_identical_whatever_the_number_of_processes(landed, tmp_path):
    land_corpus(SAMPLES, tmp_path, jobs=1)
    for row_type in SEED_TYPES:
        ours = sorted(p.name for p in (tmp_path / row_type.seed).iterdir())
        assert ours == [f"{part_name(0, 0)}.parquet"]
        assert (tmp_path / row_type.seed / ours[0]).read_bytes() == (landed / row_type.seed / ours[0]).read_bytes()


def test_parts_depend_on_the_number_of_documents_only():
    assert chunk_size(5) == 16 and chunk_size(1000) == 125 and chunk_size(100_000) == 256
    assert chunk_sizes(10_000) == [250] * 40  # 39 parts of 256 and one of 16 before


@pytest.mark.parametrize("count", [0, 1, 5, 16, 17, 100, 1000, 10_000, 10_001, 100_000])
def test_parts_are_as_even_as_can_be(count):
    sizes = chunk_sizes(count)
    assert sum(sizes) == count and len(sizes) == math.ceil(count / chunk_size(count))
    assert all(0 < size <= chunk_size(count) for size in sizes)
    assert not sizes or max(sizes) - min(sizes) <= 1  # no short last part


def test_split_cuts_items_into_consecutive_parts():
    assert split(list("abcdefg"), [3, 2, 2]) == [list("abc"), list("de"), list("fg")]
    assert split([], []) == []


def _corpus(tmp_path: Path, names: list[str]) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, docs / name)
    return docs


def test_an_incremental_load_parses_only_new_and_changed_files_and_drops_old_rows(tmp_path):
    docs = _corpus(tmp_path, [LIAOCHENG, FENYANG, ZHANGDIAN])
    directory = tmp_path / "landing"
    first = land_corpus(docs, directory, jobs=1)
    assert first.plan.full and first.documents == 3

    again = land_corpus(docs, directory, jobs=1)
    assert again.plan.is_noop and again.plan.unchanged == 3

    shutil.copy(SAMPLES / QINGLONG, docs / QINGLONG)  # new
    (docs / FENYANG).unlink()  # removed
    # changed: the 张店区 document under the 济源市 file's content
    (docs / ZHANGDIAN).write_bytes((SAMPLES / JIYUAN).read_bytes())
    third = land_corpus(docs, directory, jobs=2)
    assert (len(third.plan.parse), third.plan.changed, third.plan.removed) == (2, [ZHANGDIAN], [FENYANG])
    assert third.plan.unchanged == 1 and third.plan.batch == 1

    fresh = tmp_path / "fresh"
    land_corpus(docs, fresh, jobs=1)
    for row_type in SEED_TYPES:
        assert _landing_rows(directory, row_type.seed) == _landing_rows(fresh, row_type.seed), row_type.seed
    manifest = LandingStore(directory).manifest
    assert manifest is not None and sorted(manifest.documents) == sorted([LIAOCHENG, QINGLONG, ZHANGDIAN])


def test_changed_loaders_re_parse_everything(tmp_path, monkeypatch):
    docs = _corpus(tmp_path, [ZHANGDIAN])
    land_corpus(docs, tmp_path / "landing", jobs=1)
    monkeypatch.setattr(landing_module, "loader_fingerprint", lambda: "another-version")
    monkeypatch.setattr("loaders.pipeline.loader_fingerprint", lambda: "another-version")
    assert land_corpus(docs, tmp_path / "landing", jobs=1).plan.full


def test_parts_of_an_interrupted_load_are_deleted(tmp_path):
    docs = _corpus(tmp_path, [ZHANGDIAN])
    directory = tmp_path / "landing"
    land_corpus(docs, directory, jobs=1)
    orphan = directory / "raw_documents" / f"{part_name(1, 5)}.parquet"  # a chunk the next load does not write
    shutil.copy(directory / "raw_documents" / f"{part_name(0, 0)}.parquet", orphan)
    shutil.copy(SAMPLES / QINGLONG, docs / QINGLONG)
    land_corpus(docs, directory, jobs=1)
    assert pq.read_table(directory / "raw_documents").num_rows == 2  # the orphan's row is not counted twice


def test_cli_extract_to_the_landing_reports_what_it_loaded(tmp_path, capsys):
    docs = _corpus(tmp_path, [ZHANGDIAN, QINGLONG])
    args = ["extract", "--docs", str(docs), "--landing", "parquet", "--landing-dir", str(tmp_path / "landing")]
    assert main(args) == 0
    assert "2 new, 0 changed, 0 removed, 0 unchanged document file(s) (full load)" in capsys.readouterr().out
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "0 new, 0 changed, 0 removed, 2 unchanged" in out and (tmp_path / "landing" / MANIFEST).exists()


def test_an_incremental_warehouse_build_replaces_a_changed_document_and_drops_a_removed_one(tmp_path, capsys):
    """Two real dbt builds over the Parquet landing (about 25 s): a full one, then an incremental one
    after a file was added, one changed and one removed."""
    docs = _corpus(tmp_path, [LIAOCHENG, ZHANGDIAN, QINGLONG])
    db = tmp_path / "warehouse.duckdb"
    args = ["build", "--docs", str(docs), "--db", str(db), "--landing", "parquet"]
    args += ["--landing-dir", str(tmp_path / "landing")]
    assert main(args) == 0
    assert "built in full" in capsys.readouterr().out
    # a corpus build runs the data tests, not the unit tests (fixtures of their own: `make test` runs them)
    ran = [r["unique_id"] for r in json.loads((PROJECT_DIR / "target" / "run_results.json").read_text())["results"]]
    assert any(i.startswith("test.") for i in ran) and not any(i.startswith("unit_test.") for i in ran)

    shutil.copy(SAMPLES / FENYANG, docs / FENYANG)
    (docs / ZHANGDIAN).write_bytes((SAMPLES / JIYUAN).read_bytes())
    (docs / QINGLONG).unlink()
    assert main(args) == 0
    assert "built incrementally" in capsys.readouterr().out

    expected = extract_corpus(docs)
    con = duckdb.connect(str(db))
    try:
        ids = {r[0] for r in con.execute("select document_id from dim_document").fetchall()}
        assert ids == {d.document_id for d in expected.documents}
        for model, row_type_seed in (
            ("stg_disclosures__function_amounts", "raw_function_amounts"),
            ("stg_performance__kpi_indicators", "raw_kpi_indicators"),
            ("fct_kpi_indicator", "raw_kpi_indicators"),
        ):
            count = con.execute(f"select count(*) from {model}").fetchone()[0]
            row_type = next(t for t in SEED_TYPES if t.seed == row_type_seed)
            assert count == len(expected.rows[row_type]), model
        mart = con.execute("select count(*), count(distinct document_id) from mart_department_year").fetchone()
        assert mart == (3, 3)
    finally:
        con.close()

"""The benchmark's own measuring helpers (the benchmark itself runs only under `make bench`)."""

from __future__ import annotations

import json
import os

import duckdb

from bench.generate import generate
from bench.run import (
    PROJECT_DIR,
    Results,
    _tree_rss,
    identity_outcome,
    layout_cost,
    quarantine_by_layout,
    read_and_split,
    readme_queries,
)


def test_the_three_readme_queries_are_the_cross_region_questions():
    queries = readme_queries()
    assert len(queries) == 3
    assert "mart_department_year" in queries[0]
    assert "fct_function_amount" in queries[1]
    assert "fct_three_public" in queries[2]


def test_the_memory_of_this_process_is_counted():
    assert _tree_rss(os.getpid()) > 10 * 1024**2


def test_the_floor_reads_every_file(tmp_path):
    (tmp_path / "a.txt").write_text("一\n二\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("三\n".encode("gb18030"))
    assert read_and_split(sorted(tmp_path.iterdir())) >= 0


def test_identity_tests_are_told_apart_from_other_tests(tmp_path):
    results = {
        "results": [
            {"unique_id": "test.p.no_identity_breaks_int_checks__summary_True.abc", "status": "warn"},
            {"unique_id": "test.p.performance_identities_hold", "status": "pass"},
            {"unique_id": "test.p.unique_dim_document_document_id.def", "status": "pass"},
            {"unique_id": "model.p.dim_document", "status": "success"},
        ]
    }
    path = tmp_path / "run_results.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    assert identity_outcome(path) == {"identity_warn": 1, "identity_pass": 1, "other_pass": 1}


def test_quarantined_lines_are_counted_by_the_layout_of_their_document(tmp_path):
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "create table dim_document as select * from (values ('gen_000000.txt'), ('gen_000001.txt'), "
        "('gen_000002.txt'), ('gen_000003.txt')) t(source_file)"
    )
    con.execute(
        "create table audit_quarantine as select * from (values ('gen_000001.txt'), ('gen_000001.txt'), "
        "('gen_000003.txt')) t(source_file)"
    )
    con.close()
    assert quarantine_by_layout(db, ("tab", "space")) == {"tab": (2, 0), "space": (2, 3)}


def test_the_loader_cost_is_measured_for_each_layout(tmp_path):
    _, _, layouts = generate(tmp_path, 2, seed=7, jobs=1, layouts="tab,space")
    cost = layout_cost(PROJECT_DIR, tmp_path, layouts, per=1)
    assert list(cost) == ["tab", "space"]
    assert all(ms > 0 for ms in cost.values())


def test_the_table_marks_each_target_met_or_not():
    results = Results(
        documents=100,
        megabytes=6.0,
        floor_s=0.1,
        loader1_s=4.0,
        loader_all_s=2.0,
        jobs=2,
        dbt_s=30.0,
        end_to_end_s=40.0,
        peak_rss=2 * 1024**3,
        tests={"identity_pass": 10, "identity_warn": 2, "other_pass": 100},
        added=10,
        incremental_s=70.0,
        queries=[(0.01, 0.005, 3)],
    )
    table = results.table()
    assert "| speed-up 2 processes / 1" in table and "2.00× | met (≥ 1.7×)" in table
    assert "20× (2 processes), 40× (1 process) | NOT met (≤ 15×)" in table
    assert "70.0 s" in table and "NOT met (< 60 s)" in table
    assert "10 pass, 2 warn | met (none failing)" in table

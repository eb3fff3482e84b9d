"""Corpus builds with what real corpora hold:

- an identity break in a table whose line the loader quarantined: a corpus build warns and builds
  every mart (the other documents are not held hostage by one unreadable line); `--strict` (make
  test, on the bundled samples) fails;
- the same document twice under two names: loaded once, the copy reported in audit_quarantine."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from loaders.cli import main
from tests.conftest import JIYUAN, SAMPLES, sample

LINE = "2010306\t政务公开审批\t2,744.21\t2,744.21\t0.00\t0.00\t0.00\t0.00\t0.00"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """004 with one 项 line of its 收入决算表 unreadable (`2,744.2l`), beside an untouched 000 and a
    copy of it in a subfolder."""
    docs = tmp_path_factory.mktemp("docs")
    text = sample(JIYUAN).text
    assert LINE in text
    (docs / JIYUAN).write_text(text.replace(LINE, LINE.replace("2,744.21", "2,744.2l", 1), 1), encoding="utf-8")
    first = sorted(SAMPLES.glob("*.txt"))[0]
    shutil.copy(first, docs / first.name)
    (docs / "copies").mkdir()
    shutil.copy(first, docs / "copies" / first.name)
    return docs


def test_a_corpus_build_warns_and_builds_every_mart(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert main(["build", "--docs", str(corpus), "--db", str(db), "--seeds", str(tmp_path / "seeds")]) == 0
    con = duckdb.connect(str(db))  # the configuration dbt-duckdb opened it with in this process
    assert con.execute("select count(*) from mart_department_year").fetchone() == (2,)
    quarantined = con.execute("select reason from audit_quarantine where source_file = ?", [JIYUAN]).fetchall()
    assert any("2,744.2l" in reason for (reason,) in quarantined)
    # The break the lost line causes (20103 ≠ Σ its 项) is not the document's own error.
    assert con.execute("select count(*) from audit_findings where subject_code = '20103'").fetchone() == (0,)
    # The copy: one document, its facts once, the copy reported.
    first = sorted(SAMPLES.glob("*.txt"))[0].name
    assert con.execute("select source_file from dim_document order by 1").fetchall() == [(first,), (JIYUAN,)]
    copy = con.execute("select reason from audit_quarantine where source_file = ?", [f"copies/{first}"]).fetchall()
    assert copy == [(f"document not loaded again: same content as {first}",)]
    facts = "select source_file, count(*) from fct_function_amount group by 1 order by 1"
    assert [file for file, _ in con.execute(facts).fetchall()] == [first, JIYUAN]
    con.close()


def test_a_strict_build_fails(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    args = ["build", "--strict", "--docs", str(corpus), "--db", str(db), "--seeds", str(tmp_path / "seeds")]
    assert main(args) == 1

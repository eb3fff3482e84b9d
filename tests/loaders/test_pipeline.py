"""The pipeline end to end on the sample corpus: determinism, provenance, quarantine."""

from __future__ import annotations

import gc
import shutil
from collections import Counter
from pathlib import Path

import pytest

from loaders import pipeline
from loaders.cli import DEFAULT_SEEDS, main
from loaders.parsers import SEED_TYPES
from loaders.pipeline import extract_corpus
from loaders.rows import DocumentRow, FunctionAmountRow, QuarantineRow
from loaders.seeds import SEED_PROPERTIES_FILE, render_seed, write_seeds
from tests.conftest import LIAOCHENG, SAMPLES


@pytest.fixture(scope="module")
def corpus():
    return extract_corpus(SAMPLES)


def test_regenerating_the_committed_seeds_changes_nothing(corpus, tmp_path):
    write_seeds(tmp_path, corpus.rows)
    committed = sorted(p.name for p in DEFAULT_SEEDS.iterdir() if p.suffix in (".csv", ".yml"))
    regenerated = sorted(p.name for p in tmp_path.iterdir())
    assert regenerated == committed
    for name in regenerated:
        assert (tmp_path / name).read_bytes() == (DEFAULT_SEEDS / name).read_bytes(), name


def test_extraction_is_deterministic(corpus):
    again = extract_corpus(SAMPLES)
    for row_type in SEED_TYPES:
        assert render_seed(row_type, again.rows[row_type]) == render_seed(row_type, corpus.rows[row_type])


def test_every_sample_document_loads(corpus):
    documents = corpus.rows[DocumentRow]
    assert sorted(d.source_file for d in documents) == sorted(p.name for p in SAMPLES.glob("*.txt"))


def test_every_amount_has_provenance_pointing_at_its_printed_line(corpus):
    lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in SAMPLES.glob("*.txt")}
    rows = corpus.rows[FunctionAmountRow]
    assert rows
    for row in rows:
        assert row.line_no >= 1
        if row.amount_printed:
            assert row.amount_printed in lines[row.source_file][row.line_no - 1], row


def test_seed_keys_are_unique(corpus):
    for row_type in SEED_TYPES:
        keys = [tuple(getattr(r, k) for k in row_type.key) for r in corpus.rows[row_type]]
        assert len(keys) == len(set(keys)), row_type.seed


def _bad_corpus(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLES / LIAOCHENG, docs / LIAOCHENG)
    (docs / "wrong_encoding.txt").write_bytes("2023年部门决算\n".encode() + b"\x81\x30\xff\xff broken\n")
    (docs / "not_a_disclosure.txt").write_text("会议纪要\n今天讨论了食堂菜单。\n", encoding="utf-8")
    text = (SAMPLES / LIAOCHENG).read_text(encoding="utf-8").split("\n")
    # A document cut off right after the header block of its 收入决算表 (line 180).
    (docs / "truncated.txt").write_text("\n".join(text[:180]) + "\n", encoding="utf-8")
    (docs / "README.md").write_text("not a document", encoding="utf-8")
    return docs


def test_bad_documents_are_quarantined_and_the_rest_loads(tmp_path):
    extraction = extract_corpus(_bad_corpus(tmp_path))
    loaded = {d.source_file for d in extraction.rows[DocumentRow]}
    assert LIAOCHENG in loaded and "truncated.txt" in loaded
    assert "wrong_encoding.txt" not in loaded and "not_a_disclosure.txt" not in loaded
    quarantine = {(q.source_file, q.line_no): q.reason for q in extraction.rows[QuarantineRow]}
    assert "wrong encoding" in quarantine[("wrong_encoding.txt", 2)]
    assert "not a budget disclosure" in quarantine[("not_a_disclosure.txt", 1)]
    assert "truncated" in quarantine[("truncated.txt", 170)]  # the 收入决算表 title line
    assert not any(f == LIAOCHENG for f, _ in quarantine)


def test_cli_reports_quarantine_by_file_and_line_without_traceback(tmp_path, capsys):
    status = main(["extract", "--docs", str(_bad_corpus(tmp_path)), "--seeds", str(tmp_path / "seeds")])
    captured = capsys.readouterr()
    assert status == 0
    assert "wrong_encoding.txt:2" in captured.err
    assert "truncated.txt:170" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert (tmp_path / "seeds" / SEED_PROPERTIES_FILE).exists()


def test_cli_rejects_a_missing_folder(tmp_path, capsys):
    assert main(["extract", "--docs", str(tmp_path / "nope")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_the_cli_runs_from_any_directory(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "loaders", "extract", "--docs", str(tmp_path / "missing")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "not a folder" in result.stderr


def test_document_rows_pauses_the_collector_and_collects_the_documents_cycles_after(monkeypatch):
    seen: list[bool] = []
    real = pipeline.extract_bytes

    def spying(data: bytes, source_file: str):
        seen.append(gc.isenabled())
        yield from real(data, source_file)
        # a cycle left by the parse: freed by the collection after the document, not during it
        cycle: list[object] = []
        cycle.append(cycle)
        seen.append(gc.isenabled())

    monkeypatch.setattr(pipeline, "extract_bytes", spying)
    assert gc.isenabled()
    collected: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collected.append(info["collected"])

    gc.callbacks.append(count)
    try:
        data = next(SAMPLES.glob("*.txt")).read_bytes()
        assert pipeline.document_rows(data, "sample.txt")
    finally:
        gc.callbacks.remove(count)
    assert seen == [False, False]
    assert gc.isenabled()
    assert collected and collected[-1] >= 1  # the cycle, collected once the document is parsed


def test_document_rows_leaves_a_disabled_collector_disabled():
    gc.disable()
    try:
        data = next(SAMPLES.glob("*.txt")).read_bytes()
        assert pipeline.document_rows(data, "sample.txt")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_chunk_is_parsed_with_the_collector_paused_and_collected_once(tmp_path, monkeypatch):
    # Collecting after every document scanned the rows it had just returned, to find nothing: a worker's
    # chunk is parsed with the collector paused and its young objects collected once, after it.
    enabled_during: list[bool] = []
    real = pipeline.document_rows

    def spying(data: bytes, source_file: str):  # type: ignore[no-untyped-def]
        enabled_during.append(gc.isenabled())
        return real(data, source_file)

    monkeypatch.setattr(pipeline, "document_rows", spying)
    for seed in SEED_TYPES:
        (tmp_path / seed.seed).mkdir()
    items = [(path, path.name, None) for path in sorted(SAMPLES.glob("*.txt"))[:3]]
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    before_writing: list[list[int]] = []  # the collections until the chunk's Parquet parts are written
    write = pipeline.PartWriter.write

    def writing(self, directory, part):  # type: ignore[no-untyped-def]
        before_writing.append(list(collections))
        return write(self, directory, part)

    monkeypatch.setattr(pipeline.PartWriter, "write", writing)
    gc.callbacks.append(count)
    try:
        result = pipeline._land_chunk((tmp_path, "b00000-c00000", items))
    finally:
        gc.callbacks.remove(count)
    assert result.documents == 3
    assert enabled_during == [False, False, False]
    assert gc.isenabled()
    assert before_writing == [[0]]


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_parsing_a_document_leaves_no_reference_cycle(name):
    # The document's garbage is freed as it goes (reference counts), none left for the cyclic collector:
    # closures in compiled code were such cycles (their environment points back to them), about a
    # thousand objects a document, collected after each one (tests/loaders/test_native.py keeps them out).
    from loaders.layouts import Layout
    from loaders.render import extract_text, render_document
    from tests.conftest import sample

    rows = list(pipeline.extract_document(SAMPLES / name, name))
    texts = [render_document(sample(name), rows, layout, 0) for layout in Layout]
    gc.collect()
    gc.disable()
    try:
        found = []
        for layout, text in zip(Layout, texts, strict=True):
            assert extract_text(text, name)
            found.append((layout.value, gc.collect()))
    finally:
        gc.enable()
    assert all(count == 0 for _, count in found), found


def test_a_document_parses_each_table_once(monkeypatch):
    # The layout layer reads the facts of the tables it rebuilt (known_facts: the 基本支出表, the 收支总表)
    # and of the project tables behind a 汇总表 (totals_of); the pipeline takes those parses again for
    # the rows instead of parsing the tables a second time.
    from loaders.layouts import Layout
    from loaders.parsers import PARSERS
    from loaders.render import extract_text, render_document
    from tests.conftest import sample

    calls: Counter[tuple[str, int]] = Counter()

    def counting(family, parser):  # type: ignore[no-untyped-def]
        def parse(table, ctx):  # type: ignore[no-untyped-def]
            calls[(family, table.title_line)] += 1
            return parser(table, ctx)

        return parse

    rows = list(pipeline.extract_document(SAMPLES / LIAOCHENG, LIAOCHENG))
    text = render_document(sample(LIAOCHENG), rows, Layout.SPACE, 0)
    for family, parser in list(PARSERS.items()):
        monkeypatch.setitem(PARSERS, family, counting(family, parser))
    again = extract_text(text, LIAOCHENG)
    assert {family for family, _ in calls} >= {"basic_economic", "summary", "performance_self_evaluation"}
    assert all(count == 1 for count in calls.values()), sorted(calls.items())
    assert sum(isinstance(row, FunctionAmountRow) for row in again) > 0


def test_document_parses_hand_out_copies_and_keep_no_failure():
    from loaders.errors import ParseError
    from loaders.parsers.base import DocumentParses, ParseResult
    from loaders.tables import find_tables
    from tests.conftest import sample

    table = find_tables(sample(LIAOCHENG))[0]
    parses = DocumentParses("doc", LIAOCHENG, "final")
    seen: list[str] = []

    def parser(found, ctx):  # type: ignore[no-untyped-def]
        seen.append(ctx.document_id)
        return ParseResult(rows=["row"])  # type: ignore[list-item]

    first = parses.parse(table, parser)
    first.rows.append("appended")  # type: ignore[arg-type]
    assert parses.parse(table, parser).rows == ["row"] and seen == ["doc"]
    assert parses.context(table).source_file == LIAOCHENG and parses.context(table).unit == table.unit

    def failing(found, ctx):  # type: ignore[no-untyped-def]
        seen.append("failed")
        raise ParseError("unreadable", line_no=table.title_line)

    for _ in range(2):
        with pytest.raises(ParseError):
            parses.parse(table, failing)
    assert seen == ["doc", "failed", "failed"]

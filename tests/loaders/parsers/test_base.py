"""What every registered parser adds to its table's parse (loaders/parsers/base.py)."""

from __future__ import annotations

import pytest

from loaders.parsers import PARSERS
from loaders.parsers.base import UNTABBED_ROW, TableContext
from loaders.tables import find_tables
from tests.conftest import fixture_document
from tests.loaders.layout.helpers import spaced
from tests.loaders.parsers.helpers import variant

# A data row of a table read from its tabs, and the same row as a PDF reader gives it when the row's
# rules are broken: its cells as text, the empty ones dropped.
ROWS = [
    ("function_expenditure_000_final.txt", "2010301\t行政运行\t789.65\t789.65\t\t\t\t"),
    ("performance_summary_000_final.txt", "3\t档案管理服务费\t聊城市行政审批服务局\t99.38\t优"),
]


@pytest.mark.parametrize(("name", "row"), ROWS)
def test_a_row_printed_as_text_in_a_table_read_from_its_tabs_is_reported_not_passed_over(name, row):  # type: ignore[no-untyped-def]
    text = spaced(row, " ")
    doc = variant(name, row, text)
    [table] = [t for t in find_tables(doc) if t.family in PARSERS]
    result = PARSERS[table.family](table, TableContext(doc.document_id, doc.source_file, "final", table.unit))
    [line_no] = [line.no for line in table.lines if line.text == text]
    assert [(q.line_no, q.reason, q.text) for q in result.quarantine] == [(line_no, UNTABBED_ROW, text)]
    assert line_no not in {row.line_no for row in result.rows}  # type: ignore[attr-defined]
    # the table's other rows load as before: the fixture as printed reports nothing
    whole = fixture_document(name)
    [printed] = [t for t in find_tables(whole) if t.family in PARSERS]
    before = PARSERS[printed.family](printed, TableContext(whole.document_id, whole.source_file, "final", printed.unit))
    assert before.quarantine == []
    assert len(result.rows) < len(before.rows)
    assert {r.line_no for r in result.rows} == {r.line_no for r in before.rows} - {line_no}  # type: ignore[attr-defined]

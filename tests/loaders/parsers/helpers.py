"""Shared helpers of the parser tests: run one family's parser on a fixture, and make variants."""

from __future__ import annotations

from collections.abc import Callable

from loaders.document import SourceDocument, parse_document
from loaders.parsers.base import ParseResult, TableContext
from loaders.tables import Table, find_tables
from tests.conftest import FIXTURES


def parse_only_table(
    doc: SourceDocument,
    parse: Callable[[Table, TableContext], ParseResult],
    is_family: Callable[[str], bool],
    stage: str = "final",
) -> ParseResult:
    """Find the document's one table of the family and parse it."""
    [table] = [t for t in find_tables(doc) if is_family(t.family)]
    return parse(table, TableContext(doc.document_id, doc.source_file, stage, table.unit))


def variant(name: str, old: str, new: str) -> SourceDocument:
    """The fixture with one piece of text replaced: a layout or a mistake no sample prints."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert old in text
    return parse_document(text.replace(old, new, 1).encode("utf-8"), name)

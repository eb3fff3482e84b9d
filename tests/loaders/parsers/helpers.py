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


def split_code_levels(text: str, levels: tuple[str, ...], inherit: bool) -> str:
    """A fixture's table with its 科目编码 column (the second) printed as one column per level
    (`类 | 款 | 项`, or `类 | 款`), the same figures: a form many regions print. With `inherit`, a line
    prints only its own level's digits and leaves the levels above empty, as most such tables do."""
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) < 3:
            lines.append(line)
            continue
        code, pad = cells[1], [""] * (len(levels) - 1)
        if code == "科目编码":
            lines.append("\t".join([cells[0], code, *pad, *cells[2:]]))
            lines.append("\t".join(["", *levels, *[""] * (len(cells) - 2)]))
            continue
        if code.isdigit() and len(code) in (3, 5, 7):
            parts = [code[:3], *(code[i : i + 2] for i in range(3, 3 + 2 * len(pad), 2))]
            if inherit:
                own = (len(code) - 3) // 2
                parts = [part if i == own else "" for i, part in enumerate(parts)]
        else:
            parts = [code, *pad]
        lines.append("\t".join([cells[0], *parts, *cells[2:]]))
    return "\n".join(lines)

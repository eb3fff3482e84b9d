"""The layout layer: tables printed without tabs, rebuilt as the tab lines their parsers read.

Extraction tools other than the samples' print a table's cells separated by spaces with empty cells
dropped, one cell per line, codes split (`208 05 01`), names wrapped over lines, lines glued together,
amounts in 元. For the tables of a document whose body has no tab-separated line,
`canonicalise_tables` rebuilds canonical tab lines — a header row the family's parser understands, then
one line per data row with every amount in its column and empty cells in place — each carrying the
number of the document line it was printed on (`Table.rows` returns them). Rows whose columns the
identities cannot settle exactly are not rebuilt: they are reported (`Canonical.problems`) and end in
raw_quarantine with their line and reason (`loaders.parsers.base.with_layout_problems`, wrapped around
every registered parser); a table whose header is not understood is quarantined whole (`Canonical.error`).

The project performance tables (绩效自评表, 绩效目标表, 自评情况汇总表: free text in their cells) are
rebuilt in documents printed without any tab (`rebuild_untabbed`, loaders.layout.performance), and in a
document whose other tables have tabs when they are printed without them (`rebuild_performance`: a PDF
reader gives tabs to a ruled table only, and a document's project tables are often drawn unlike its
finance tables); one the layout layer cannot rebuild there stays as printed, for its parser to read
what it can (the project its title names; the table or its lines reported as not read).

Modules: tokenizer (a line → tokens), text (line kinds, modes, cells), body (a table's text lines as
cells), header (the labels of a header block), names (wrapped names), centred (names wrapped in cells
printed centred on their row, as real PDF text tools print them), identities (the identities of
each family), assign (column assignment by identities: the constraint solver), columnar (function
tables a tool printed column by column, given back as rows), document (all the
tables of a document at once, with the identities between tables), and one module per family:
function, summary, economic, three_public, statistics, and the package performance.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from loaders.document import Line
from loaders.layout import economic, function, statistics, summary, three_public
from loaders.layout.body import read_body
from loaders.layout.result import Canonical, LayoutError, Problem

if TYPE_CHECKING:
    from loaders.parsers.base import DocumentParses
    from loaders.tables import Table

# Families rebuilt with the whole document (loaders.layout.document), and those rebuilt alone.
DOCUMENT_FAMILIES = frozenset({*function.FAMILIES, *summary.FAMILIES, economic.FAMILY, three_public.FAMILY})
ALONE_FAMILIES = frozenset({statistics.FAMILY})


def handles(family: str) -> bool:
    return family in DOCUMENT_FAMILIES or family in ALONE_FAMILIES


def needs_layout(lines: tuple[Line, ...] | list[Line]) -> bool:
    """A table body with no tab-separated line (and some text) is printed in another layout; so is one
    whose tab lines hold no figure while lines without tabs do: its data printed without tabs under a
    header a PDF reader gave as ruled cells (a header repeated at a page's foot, ruled apart from the
    body above it)."""
    if not any(line.is_tabular for line in lines):
        return any(line.text.strip() for line in lines)
    return not any(has_figure(line) for line in lines if line.is_tabular) and any(
        has_figure(line) for line in lines if not line.is_tabular
    )


_FIGURE = re.compile(r"[-+]?(?:[\d,]*\d\.\d+|\d{1,3}(?:,\d{3})+|\d{3,})")


def has_figure(line: Line) -> bool:
    """Whether a line prints an amount or a subject code: a word that is a number with decimals or of
    three digits or more (a header's column numbers, 1 2 3, are not)."""
    return any(_FIGURE.fullmatch(word) for word in line.text.split())


def canonicalise_table(
    family: str, title: str, title_line: int, unit: str, lines: tuple[Line, ...], widths: set[int] | None = None
) -> Canonical | None:
    """Canonical tab lines for a table of a family rebuilt alone, printed without tabs; None when the
    table is tab-separated or its family is not rebuilt alone. `widths`: the widths the document's
    wrapped names are cut at, when known."""
    if family not in ALONE_FAMILIES or not needs_layout(lines):
        return None
    body = read_body(lines, title)
    if not body.lines:
        return Canonical()
    try:
        return statistics.canonicalise(family, body, unit, title_line, widths)
    except LayoutError as exc:
        text = next((line.text for line in lines if line.no == exc.line_no), title)
        return Canonical(error=Problem(exc.line_no, exc.reason, text))
    except Exception as exc:  # never let a traceback out: the table is quarantined with the reason
        return Canonical(error=Problem(title_line, f"layout failure ({type(exc).__name__}: {exc})", title))


def rebuild_untabbed(tables: list[Table], parses: DocumentParses | None = None) -> list[Table]:
    """The tables of a document printed without any tab: the project performance tables rebuilt
    (loaders.layout.performance); a table of a family the layout layer does not rebuild is quarantined
    whole, with the reason, rather than read by a parser that expects tab cells."""
    from loaders.layout.performance import FAMILIES, rebuild_tables

    out = rebuild_tables(tables, parses) if any(t.family in FAMILIES for t in tables) else list(tables)
    return [_unreadable(t) for t in out]


def rebuild_performance(tables: list[Table], parses: DocumentParses | None = None) -> list[Table]:
    """The tables of a document with tabs, its performance tables printed without them rebuilt as in a
    document without any tab (loaders.layout.performance). One the layout layer would quarantine whole
    (`Canonical.error`) stays as printed instead: its parser reads what it can of it (the project its
    title names) and reports the rest, as it does a table the extraction garbled."""
    from loaders.layout.performance import rebuild_tables

    rebuilt = rebuild_tables(tables, parses, select=_performance_without_tabs)
    return [
        new if new.canonical is not None and new.canonical.error is None else old
        for old, new in zip(tables, rebuilt, strict=True)
    ]


def _performance_without_tabs(table: Table) -> bool:
    from loaders.layout.performance import FAMILIES

    return table.family in FAMILIES and needs_layout(table.lines)


def _unreadable(table: Table) -> Table:
    if handles(table.family) or table.canonical is not None:
        return table
    reason = f"{table.family} tables printed without tabs are not rebuilt"
    return replace(table, canonical=Canonical(error=Problem(table.title_line, reason, table.title)))


def canonicalise_tables(tables: list[Table], parses: DocumentParses | None = None) -> list[Table]:
    """Every table of a document, those printed without tabs with their canonical lines (see
    loaders.layout.document)."""
    from loaders.layout.document import canonicalise_tables as of_document

    return of_document(tables, parses)


__all__ = [
    "Canonical",
    "Problem",
    "canonicalise_table",
    "canonicalise_tables",
    "handles",
    "needs_layout",
    "rebuild_performance",
    "rebuild_untabbed",
]

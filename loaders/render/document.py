"""Re-rendering a document from its parsed rows, in a layout.

The rendered document keeps every line that is not a table line as printed (titles, 公开NN表, unit
and department lines, 注/说明 lines, the narrative). Each line of a parsed table is re-rendered as
cells: the facts printed on it (codes, names, amounts — see loaders.render.facts) are written from the
rows, the other cells (header words, 栏次 and row numbers, page headers) are copied; then the line is
laid out in the layout. Tab lines outside the parsed tables (a table of contents, tables the loaders
do not read) are laid out the same way, their cells copied.

In the `yuan` layout every amount of a parsed table is printed in 元 and its unit line says 元 (a
unit line is added under the title of a table that has none).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from random import Random

from loaders.amounts import YUAN
from loaders.document import SourceDocument
from loaders.layouts import Layout
from loaders.meta import detect_unit
from loaders.parsers import PARSERS
from loaders.render.cells import Cell, GluedCode, MoneyFormat, Text
from loaders.render.facts import PLACED_ROW_TYPES, fields_of, place, unclaimed_amounts
from loaders.render.writer import Block, CellLine, write
from loaders.rows import SeedRow
from loaders.tables import Table, find_tables

Rewrite = Callable[[str], str]

_UNIT_LINE = re.compile(r"单位\s*[:：]?\s*(?:万元|元)(?![\u4e00-\u9fff])")
_UNIT_MENTION = re.compile(r"(单位\s*[:：]?\s*)万元(?![\u4e00-\u9fff])")
_UNIT_IN_PARENS = re.compile(r"([(（]\s*)万元(\s*[)）])")
YUAN_UNIT_LINE = "单位：元"


def yuan_unit_text(text: str) -> str:
    """A unit mention (`金额单位：万元`, `（万元）`, a cell `万元` beside `单位:`) turned to 元."""
    if text.strip() == "万元":
        return text.replace("万元", "元")
    return _UNIT_IN_PARENS.sub(r"\1元\2", _UNIT_MENTION.sub(r"\1元", text))


def rows_by_line(rows: Iterable[SeedRow], document_id: str) -> dict[int, list[SeedRow]]:
    """The document's placeable facts by the line they were printed on, in emission order."""
    found: dict[int, list[SeedRow]] = {}
    for row in rows:
        if isinstance(row, PLACED_ROW_TYPES) and getattr(row, "document_id", None) == document_id:
            found.setdefault(row.line_no, []).append(row)  # type: ignore[attr-defined]
    return found


def render_table(table: Table, facts: dict[int, list[SeedRow]], yuan: bool) -> dict[int, CellLine]:
    """Each tab line of a parsed table as cells, its facts written from the rows."""
    rendered: dict[int, CellLine] = {}
    for line in table.rows:
        cells = line.cells
        placed, claimed = place(cells, fields_of(facts.get(line.no, [])), line.no)
        if table.family == "three_public":
            for i, money in unclaimed_amounts(cells, claimed, table.unit).items():
                placed[i] = money
        if yuan:
            placed = [
                Text(yuan_unit_text(cell.text), cell.name) if isinstance(cell, Text) and i not in claimed else cell
                for i, cell in enumerate(placed)
            ]
        rendered[line.no] = CellLine(tuple(placed))
    return rendered


def _rewrite_cell(cell: Cell, rewrite: Rewrite) -> Cell:
    if isinstance(cell, Text):
        return Text(rewrite(cell.text), cell.name)
    if isinstance(cell, GluedCode):
        return GluedCode(cell.code, rewrite(cell.name))
    return cell


@dataclass(frozen=True)
class RenderedTables:
    """The parsed tables of a document, rendered: their tab lines as cells (by line number), their
    text lines rewritten (the `yuan` layout's unit lines), and lines to add after a line (a unit line
    under a title)."""

    cells: dict[int, CellLine]
    texts: dict[int, str]
    added: dict[int, list[str]]


def render_tables(doc: SourceDocument, rows: Iterable[SeedRow], yuan: bool) -> RenderedTables:
    tables = [t for t in find_tables(doc, detect_unit(doc)) if t.family in PARSERS]
    facts = rows_by_line(rows, doc.document_id)
    rendered = RenderedTables({}, {}, {})
    for table in tables:
        rendered.cells.update(render_table(table, facts, yuan))
        if not yuan:
            continue
        texts = [line for line in table.lines if not line.is_tabular and line.no != table.title_line]
        for line in texts:
            rendered.texts[line.no] = yuan_unit_text(line.text)
        if not any(_UNIT_LINE.search(line.text) for line in texts[:12]):
            rendered.added.setdefault(table.title_line, []).append(YUAN_UNIT_LINE)
    return rendered


def document_blocks(doc: SourceDocument, rows: Iterable[SeedRow], yuan: bool) -> list[Block]:
    """The document as blocks: text lines as printed, tab lines as cells (facts from the rows)."""
    tables = render_tables(doc, rows, yuan)
    blocks: list[Block] = []
    for line in doc.lines:
        if line.no in tables.cells:
            blocks.append(tables.cells[line.no])
        elif line.is_tabular:
            blocks.append(CellLine(tuple(Text(cell) for cell in line.cells)))
        else:
            blocks.append(tables.texts.get(line.no, line.text))
        blocks.extend(tables.added.get(line.no, []))
    return blocks


def render_blocks(
    blocks: list[Block], layout: Layout, rng: Random, scale: int = 1, rewrite: Rewrite | None = None
) -> str:
    if rewrite is not None:
        blocks = [
            rewrite(b) if isinstance(b, str) else CellLine(tuple(_rewrite_cell(c, rewrite) for c in b.cells))
            for b in blocks
        ]
    money = MoneyFormat(
        unit=YUAN if layout == Layout.YUAN else None,
        scale=scale,
        grouped=rng.random() < 0.5,
        whole_decimals=rng.random() < 0.5,
    )
    return "\n".join(write(blocks, layout, rng, money))


def render_document(doc: SourceDocument, rows: Iterable[SeedRow], layout: Layout | str, seed: int = 0) -> str:
    """The document's text re-rendered from its parsed rows in the layout (deterministic for a seed).

    `rows` are the rows the loaders extracted from `doc` (rows of other documents are ignored).
    Raises RenderError when a fact cannot be put back on the line it was printed on."""
    layout = Layout(layout)
    rng = Random(f"{seed}:{layout.value}:{doc.document_id}")
    return render_blocks(document_blocks(doc, rows, layout == Layout.YUAN), layout, rng)

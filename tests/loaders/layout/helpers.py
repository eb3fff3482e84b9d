"""Test support: a table's text in another layout, and the loaders run on a text in memory."""

from __future__ import annotations

from collections.abc import Sequence

from loaders.document import parse_document
from loaders.parsers import PARSERS
from loaders.parsers.base import ParseResult, TableContext
from loaders.render import extract_text
from loaders.render.writer import centre
from loaders.rows import QuarantineRow, SeedRow
from loaders.tables import Table, find_tables
from tests.conftest import FIXTURES


def fixture_text(*names: str) -> str:
    return "\n".join((FIXTURES / name).read_text(encoding="utf-8") for name in names)


def spaced(text: str, gap: str = "  ") -> str:
    """Every tab line with its empty cells dropped and the others separated by spaces."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            line = gap.join(cell.strip() for cell in line.split("\t") if cell.strip())
        out.append(line)
    return "\n".join(out)


def one_cell_per_line(text: str) -> str:
    """Every non-empty cell of a tab line on a line of its own."""
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            out.extend(cell.strip() for cell in line.split("\t") if cell.strip())
        else:
            out.append(line)
    return "\n".join(out)


def centred(text: str, width: int = 8) -> str:
    """`spaced`, with each name longer than `width` characters on a line opening with a 序号 cut in
    pieces of that width and centred on its line, as a PDF tool prints a tall cell (the renderer's
    centred_names: loaders.render.writer.centre); a name is a cell with Chinese characters."""
    out: list[str] = []
    for line in text.split("\n"):
        cells = [cell.strip() for cell in line.split("\t")]
        if "\t" not in line or not cells[0].isdigit():
            out.append(spaced(line))
            continue
        names = [i for i, cell in enumerate(cells) if i and any("\u4e00" <= ch <= "\u9fff" for ch in cell)]
        above, main, below = centre(cells, names, width)
        out += [*above, "  ".join(c for c in main if c), *below]
    return "\n".join(out)


def tables(text: str, name: str = "layout-test.txt") -> list[Table]:
    return find_tables(parse_document(text.encode("utf-8"), name))


def table(text: str, family: str) -> Table:
    [found] = [t for t in tables(text) if t.family == family]
    return found


def parse(found: Table, stage: str = "final") -> ParseResult:
    """The family's registered parser (with the layout layer's line problems) on a table."""
    return PARSERS[found.family](found, TableContext("doc", "layout-test.txt", stage, found.unit))


def extract(text: str, name: str = "layout-test.txt") -> list[SeedRow]:
    return extract_text(text, name)


def facts(rows: Sequence[SeedRow], row_type: type) -> set[tuple[object, ...]]:
    """Rows of one type without provenance and printed text (what a layout may change)."""
    keep = [
        f
        for f in row_type.__dataclass_fields__
        if f not in ("document_id", "source_file", "line_no")
        and not f.endswith(("_printed", "rounding_unit_wan"))
        and f != "rounding_unit"
    ]
    return {tuple(getattr(r, f) for f in keep) for r in rows if isinstance(r, row_type)}


def quarantined(rows: Sequence[SeedRow]) -> list[QuarantineRow]:
    return [r for r in rows if isinstance(r, QuarantineRow)]

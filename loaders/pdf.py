"""A PDF's text, its tables as tab-separated lines: the form the tab parsers read best.

Published budgets are PDFs whose tables have ruled borders (exported from Excel or WPS). pdfplumber
finds those tables from their ruling lines and gives each cell's text, so a table comes out as the
samples' extraction tool printed it: one line a row, its cells separated by tabs, empty cells kept
(`TableLine`). A cell wrapped over several lines is one cell again, its lines joined without a
space (a PDF does not print the space a line breaks at; Chinese text has none). A grid column no
cell of the table starts in (a header drawn with borders of its own above the body) is dropped, so
its rows do not print an empty cell there.

The text outside the tables comes out line by line in reading order, each table at its place on the
page. A paragraph's wrapped lines are joined into one line (`paragraphs`), as the tab text prints
it: a line is continued by the next when it runs to the right edge of the text (the median end of the
document's long lines), ends in no sentence-ending mark, and prints its characters evenly spaced (a
table printed without borders has gaps between its columns), the next line starting at the left edge.

Provenance: the line numbers of a PDF's rows are lines of this text (`python -m loaders text FILE`
prints it). The text depends on pdfplumber's version, which requirements.txt pins; the document's
id is the PDF file's own hash.

A PDF without a text layer (a scan) or one pdfplumber cannot open is reported as a document that
cannot be read (DocumentError), not loaded.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from loaders.errors import DocumentError

PDF_MAGIC = b"%PDF-"
SENTENCE_END = tuple("。！？；：!?;:")
LONG_LINE = 0.6  # of the page's width: a line shorter than this is never wrapped text
EDGE = 1.5  # font sizes: a line ending this close to the right edge ran to it


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


@dataclass(frozen=True)
class TextLine:
    """A printed line outside the tables: its text, position and font size, and its largest gap
    between two characters (in points)."""

    top: float
    x0: float
    x1: float
    size: float
    gap: float
    text: str


@dataclass(frozen=True)
class TableLine:
    top: float  # the table's top: a table's lines stay together, in order
    row: int
    text: str


def cell_text(text: str | None) -> str:
    """A cell's text on one line: its wrapped lines joined without a space (a tab inside becomes one)."""
    if text is None:
        return ""
    return "".join(part.strip() for part in text.split("\n")).replace("\t", " ")


def table_lines(top: float, cells: Sequence[Sequence[str | None]]) -> list[TableLine]:
    """A table's rows as tab lines; a grid column no cell starts in (None in every row) is left out."""
    width = max((len(row) for row in cells), default=0)
    kept = [j for j in range(width) if any(j < len(row) and row[j] is not None for row in cells)]
    return [
        TableLine(top, n, "\t".join(cell_text(row[j]) if j < len(row) else "" for j in kept))
        for n, row in enumerate(cells)
    ]


def paragraphs(lines: Sequence[TextLine], left: float, right: float, page_width: float) -> list[TextLine]:
    """The lines with each paragraph's wrapped lines joined (see the module's docstring)."""
    out: list[TextLine] = []
    for line in lines:
        if out and _runs_on(out[-1], right, page_width) and _plain(line) and line.x0 - left < line.size:
            last = out.pop()
            line = TextLine(last.top, last.x0, line.x1, last.size, max(last.gap, line.gap), last.text + line.text)
        out.append(line)
    return out


def _plain(line: TextLine) -> bool:
    return line.gap < line.size


def _runs_on(line: TextLine, right: float, page_width: float) -> bool:
    return (
        _plain(line)
        and line.x1 - line.x0 > LONG_LINE * page_width
        and right - line.x1 < EDGE * line.size
        and not line.text.rstrip().endswith(SENTENCE_END)
    )


def _text_line(found: dict[str, Any]) -> TextLine:
    chars = found["chars"]
    size = max((float(c["size"]) for c in chars), default=10.0)
    gap = max((float(b["x0"]) - float(a["x1"]) for a, b in itertools.pairwise(chars)), default=0.0)
    return TextLine(float(found["top"]), float(found["x0"]), float(found["x1"]), size, gap, str(found["text"]))


def _page(page: Any) -> tuple[list[TextLine], list[TableLine]]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text = [_text_line(found) for found in page.filter(outside).extract_text_lines() if found["text"].strip()]
    rows = [line for table in tables for line in table_lines(float(table.bbox[1]), table.extract())]
    return text, rows


def pdf_text(data: bytes, source_file: str) -> str:
    """The PDF's text: its tables as tab lines, the rest as lines of text, page by page."""
    try:
        import pdfplumber
    except ImportError:
        raise DocumentError("a PDF, and pdfplumber is not installed to read it", source_file=source_file) from None
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(_page(page), float(page.width)) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file
        raise DocumentError(f"cannot read the PDF ({type(exc).__name__}: {exc})", source_file=source_file) from None
    texts = [line for (text, _), _ in pages for line in text]
    width = max((w for _, w in pages), default=0.0)
    ends = [line.x1 for line in texts if line.x1 - line.x0 > LONG_LINE * width]
    right = sorted(ends)[(len(ends) - 1) // 2] if ends else 0.0  # the median (the lower of two)
    left = min((line.x0 for line in texts), default=0.0)
    out: list[str] = []
    for (text, rows), page_width in pages:
        lines = paragraphs(text, left, right, page_width)
        placed: list[tuple[float, int, str]] = [(line.top, -1, line.text) for line in lines]
        placed += [(row.top, row.row, row.text) for row in rows]
        out += [printed for _, _, printed in sorted(placed, key=lambda item: (item[0], item[1]))]
    if not any(line.strip() for line in out):
        reason = "a PDF without a text layer (a scan?): extract its text first (OCR)"
        raise DocumentError(reason, source_file=source_file)
    return "\n".join(out) + "\n"

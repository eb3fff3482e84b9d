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
long lines of the document's pages of its width: `margins`), ends in no sentence-ending mark, and
prints its characters evenly spaced (a table printed without borders has gaps between its columns),
the next line starting at the left edge.

Rows atop a table and at its foot whose one cell spans its width (the unit, a 注 drawn inside the
table's border, as Excel exports often print them) are lines of text, as the tab text prints them.

Text turned a right angle to read up the page (a narrow header's `text rotated up`, as Excel prints
`行次`) is read bottom to top (`turned_up`); pdfplumber reads turned text top down by default.

A table drawn open at its edges (no rule left of its first column or right of its last, as WPS and Excel
often print them, or no rule around it at all) gets the border rules its inner rules end at
(`open_sides`): pdfplumber makes cells only between rules, and would leave its first and last columns
(rows) out of the table. A row a page cut off alone from such a table (one row rule, drawn at the cut,
and the rules between its cells running from it to the table's undrawn top or foot), or two rows (the
rule between them), gets its border when the text on each side of the rule is one row (`one_row_band`,
`single_row`): a boxed table ruled between its columns only, its box cut by a page, is drawn much the
same and is no row.

A "table" of one column of boxes (rows shaded in turn without rules, each row's background a box; a
boxed note: `one_column`) is no table: its text is read as text lines.

A table whose columns are ruled but not its rows (`stacked`: one grid row whose cells hold whole
columns; a column's label over its 栏次 number in one cell) is read as text lines, as a table printed
without borders is: the layout layer reads them (also under a header that came out ruled apart).

A page's furniture is left out: a line at the top or bottom of its page (above or below everything
else on it) whose text, digits aside, recurs at that edge and height on at least half the pages and two
(`furniture`): page numbers (`- 3 -`, `第 3 页 共 20 页`) and running headers and footers
(`某某局2023年度部门决算`), which would otherwise land between the rows of a table running over a page.
A line the parsers read from a page's head (a title, 公开NN表, 部门：…, the unit, the year, a note)
is always kept. Characters printed twice over each other (bold simulated by
overprinting) are read once. A watermark is left out: characters printed along a slanting baseline, or
in a light colour three times the page's usual size or more (`is_watermark`); left in, they land inside
the cells and lines they cross.

Provenance: the line numbers of a PDF's rows are lines of this text (`python -m loaders text FILE`
prints it). The text depends on pdfplumber's version, which requirements.txt pins; the document's
id is the PDF file's own hash.

A PDF without a text layer (a scan), one whose fonts map most of its characters to no text (an embedded
font without a ToUnicode map: pdfminer prints each glyph's number, `(cid:1796)`), one that needs a
password to open, or one pdfplumber cannot open is reported as a document that cannot be read
(DocumentError), not loaded. A PDF encrypted against copying or printing only opens without one and
is read. A character its font maps to no text, in a document whose other text reads, prints as U+FFFD
(`unmapped_glyphs`): the line is seen to be unreadable, and the glyph's number is never read as a
figure.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median_low
from typing import Any

from loaders.errors import DocumentError

SENTENCE_END = tuple("。！？；：!?;:")
RULE_GAP = 3.0  # points: pdfplumber's snap, join and crossing tolerance (its default)
SLIVER = 8.0  # points: no column or row is narrower; rules drawn on past a table's border by less leave none
SKEW = 0.05  # the sine and cosine of a slanting baseline's angle both exceed this (3° or more off level)
WATERMARK_SIZE = 3.0  # times a page's usual character size: a character this large is a watermark's
LIGHT = 0.5  # a fill colour this light or lighter (0 black, 1 white) is a watermark's when it prints large
UNMAPPED = "\ufffd"  # a character the PDF's fonts map to no text (see unmapped_glyphs)
LONG_LINE = 0.6  # of the page's width: a line shorter than this is never wrapped text
EDGE = 1.5  # font sizes: a line ending this close to the right edge ran to it
PLACE = 3.0  # points: a running header or footer prints at the same height on every page
ROW_SPACING = 1.7  # font sizes: a cell's lines further apart than this are two rows' (single_row)


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


@dataclass(frozen=True)
class Page:
    """A page's text lines outside its tables and its tables' lines, as read, and its size."""

    text: list[TextLine]
    rows: list[TableLine]
    tables: list[tuple[float, float]]  # each table's top and bottom
    width: float
    height: float


def cell_text(text: str | None) -> str:
    """A cell's text on one line: its wrapped lines joined without a space (a tab inside becomes one)."""
    if text is None:
        return ""
    return "".join(part.strip() for part in text.split("\n")).replace("\t", " ")


def table_lines(top: float, cells: Sequence[Sequence[str | None]]) -> list[TableLine]:
    """A table's rows as tab lines; a grid column no cell starts in (None in every row) is left out. The
    rows atop the table and at its foot whose one cell spans its whole width (`spanning`: the title, the
    unit, a 注 drawn inside the table's border, as Excel exports often print them) are lines of text,
    as the tab text prints them."""
    width = max((len(row) for row in cells), default=0)
    kept = [j for j in range(width) if any(j < len(row) and row[j] is not None for row in cells)]
    texts = [[row[j] if j < len(row) else "" for j in kept] for row in cells]
    spans = [spanning(row) for row in texts]
    head = next((n for n, span in enumerate(spans) if not span), len(spans))
    foot = next((n for n in range(len(spans) - 1, head - 1, -1) if not spans[n]), head - 1) + 1
    return [
        TableLine(top, n, cell_text(row[0]) if n < head or n >= foot else "\t".join(map(cell_text, row)))
        for n, row in enumerate(texts)
    ]


def spanning(row: Sequence[str | None]) -> bool:
    """Whether a table row is one cell of text spanning the table's width (two columns or more)."""
    return len(row) >= 2 and bool(cell_text(row[0]).strip()) and all(cell is None for cell in row[1:])


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


def margins(pages: Sequence[Page]) -> list[tuple[float, float]]:
    """Each page's text edges, left and right: the leftmost start of a line and the median end of the
    long lines (LONG_LINE of the width or more) on the pages of its width. A document mixing page sizes
    (its tables on landscape pages, its text on portrait ones) has other edges on each."""
    by_width: dict[int, list[TextLine]] = {}
    for page in pages:
        by_width.setdefault(round(page.width), []).extend(page.text)
    edges: dict[int, tuple[float, float]] = {}
    for width, lines in by_width.items():
        ends = [line.x1 for line in lines if line.x1 - line.x0 > LONG_LINE * width]
        right = median_low(ends) if ends else 0.0
        edges[width] = (min((line.x0 for line in lines), default=0.0), right)
    return [edges[round(page.width)] for page in pages]


def _edges(page: Page) -> tuple[list[int], list[int]]:
    """The text lines (indexes) printed above everything else on the page, top down, and below
    everything else, bottom up: two at most each."""
    order = sorted(range(len(page.text)), key=lambda i: page.text[i].top)
    first = min((top for top, _ in page.tables), default=page.height)
    last = max((bottom for _, bottom in page.tables), default=0.0)
    head = [i for i in order if page.text[i].top < first][:2]
    tail = [i for i in reversed(order) if page.text[i].top > last][:2]
    return head, tail


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def furniture(pages: Sequence[Page]) -> list[set[int]]:
    """Each page's running header, footer and page number lines (indexes into its text; see above)."""
    edges = [_edges(page) for page in pages]
    places: dict[tuple[int, str], list[float]] = {}
    for page, (head, tail) in zip(pages, edges, strict=True):
        for side, lines in ((0, head), (1, tail)):
            for i in lines:
                places.setdefault((side, _key(page.text[i].text)), []).append(_height(page, side, page.text[i]))
    need = max(2, (len(pages) + 1) // 2)
    recurring: dict[tuple[int, str], float] = {}  # the height a text recurs at on an edge
    for place, heights in places.items():
        middle = median_low(heights)
        if sum(abs(h - middle) <= PLACE for h in heights) >= need:
            recurring[place] = middle
    out: list[set[int]] = []
    for page, (head, tail) in zip(pages, edges, strict=True):
        dropped: set[int] = set()
        for side, lines in ((0, head), (1, tail)):
            for i in lines:  # from the edge inwards, up to the first line that is not furniture
                line = page.text[i]
                middle = recurring.get((side, _key(line.text)))
                if middle is None or abs(_height(page, side, line) - middle) > PLACE or _read(line.text):
                    break
                dropped.add(i)
        out.append(dropped)
    return out


def _read(text: str) -> bool:
    """Whether the parsers read the line at a page's head (a title, 公开NN表, 部门：…, the unit, the
    year, a note: `line_kind`)."""
    from loaders.layout.text import LineKind, line_kind

    return line_kind(text) in (LineKind.PAGE, LineKind.NOTE)


def _without(page: Page, dropped: set[int]) -> Page:
    text = [line for i, line in enumerate(page.text) if i not in dropped]
    return Page(text, page.rows, page.tables, page.width, page.height)


def _height(page: Page, side: int, line: TextLine) -> float:
    """A line's height on its page: from the top for a header, from the bottom for a footer (pages
    may differ in height)."""
    return line.top if side == 0 else page.height - line.top


def _text_line(found: dict[str, Any]) -> TextLine:
    chars = found["chars"]
    size = max((float(c["size"]) for c in chars), default=10.0)
    gap = max((float(b["x0"]) - float(a["x1"]) for a, b in itertools.pairwise(chars)), default=0.0)
    return TextLine(float(found["top"]), float(found["x0"]), float(found["x1"]), size, gap, str(found["text"]))


NUMBER = re.compile(r"^[-+]?[\d,]+(?:\.\d+)?%?$")
COLUMN_NUMBER = re.compile(r"^\d{1,2}$")


def stacked(cells: Sequence[Sequence[str | None]]) -> bool:
    """Whether a ruled table holds rows drawn without rules between them: a cell of it holds two lines
    or more that are each a number (an amount or a score is never wrapped into two numbers), two cells
    hold a column's label over its number (`_over_its_number`), or the table is one row of which three
    cells or more hold three lines or more (a tall row of a ruled table alone on its page wraps its
    label and a text or two). Its columns are ruled, its rows are not, so pdfplumber gives a whole
    column of them as one cell; the table is read as text lines instead, as a table printed without
    borders is."""
    texts = [cell for row in cells for cell in row if cell is not None]
    if len(cells) == 1 and sum(cell.count("\n") >= 2 for cell in texts) >= 3:
        return True
    if sum(_over_its_number(cell) for cell in texts) >= 2:
        return True
    return any(sum(bool(NUMBER.match(_number_text(line))) for line in cell.split("\n")) >= 2 for cell in texts)


def one_column(cells: Sequence[Sequence[str | None]]) -> bool:
    """Whether a ruled table is one column of boxes: rows shaded in turn without rules (each row's
    background a box), a boxed note. No table the parsers read is one column; its text is read as text
    lines, as a table printed without borders is (a row's words are apart)."""
    return all(sum(cell is not None for cell in row) <= 1 for row in cells)


def _over_its_number(cell: str) -> bool:
    """Whether a cell holds a column's label over its number (`项目支出` / `3`): the 栏次 row printed in
    the label's cell, which a ruled table rules apart (a wrapped figure, `≥126650.` / `94`, prints
    digits above its last piece)."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    return len(lines) >= 2 and COLUMN_NUMBER.match(lines[-1]) is not None and not any(c.isdigit() for c in lines[-2])


def _number_text(line: str) -> str:
    """A line's text as a number prints it: a space after the point dropped (`12. 15`, as some tools
    print an amount), no other space (`1200 1200` is no number)."""
    return re.sub(r"\.\s+(?=\d)", ".", line.strip())


def _overprinted(chars: Sequence[dict[str, Any]]) -> bool:
    """Whether a character is printed twice over itself (a cheap test before pdfplumber's dedupe, which
    sorts the page's characters: a page printing bold by overprinting does so for many characters, so
    some pair of them falls on the same whole point)."""
    seen: set[tuple[str, int, int]] = set()
    for char in chars:
        key = (str(char["text"]), round(float(char["x0"])), round(float(char["top"])))
        if key in seen:
            return True
        seen.add(key)
    return False


def unmapped_glyphs(chars: Sequence[dict[str, Any]]) -> int:
    """How many of a page's characters its fonts map to no text (an embedded font without a ToUnicode
    map): pdfminer prints such a glyph as its number, `(cid:1796)`, whose digits a parser would read as
    a figure. Each becomes U+FFFD (the characters are changed in place, so every text pdfplumber
    extracts from the page prints it): a name printed so is seen to be unreadable, never read."""
    count = 0
    for char in chars:
        if str(char["text"]).startswith("(cid:"):
            char["text"] = UNMAPPED
            count += 1
    return count


def _needs_password(exc: BaseException) -> bool:
    """Whether pdfplumber could not open the PDF for want of its user password."""
    causes = (exc, exc.__cause__, exc.__context__, *exc.args)
    return any(type(cause).__name__ == "PDFPasswordIncorrect" for cause in causes)


def skewed(char: dict[str, Any]) -> bool:
    """Whether a character is printed along a slanting baseline (neither across nor up the page): a
    watermark's (`某某局` printed at 30–45° over the page), never a table's or a paragraph's. Text turned
    a right angle (a narrow header printed upwards) and slanted letters (an oblique font shears, its
    baseline stays level) are not."""
    a, b = float(char["matrix"][0]), float(char["matrix"][1])
    length = math.hypot(a, b) or 1.0
    return abs(a) / length > SKEW and abs(b) / length > SKEW


def usual_size(chars: Sequence[dict[str, Any]]) -> float:
    """A page's usual character size: the median size of its characters printed level or upright."""
    sizes = [float(char["size"]) for char in chars if not skewed(char)]
    return median_low(sizes) if sizes else 0.0


def is_watermark(char: dict[str, Any], usual: float) -> bool:
    """Whether a character is a watermark's: printed along a slanting baseline (`skewed`), or printed in
    a light colour WATERMARK_SIZE times the page's usual size or more (`某某局` printed large and pale
    across the page, level or upright; a title over a table of small print is as large, but dark).
    Left in, a watermark's characters land inside the table cells and text lines they cross."""
    if skewed(char):
        return True
    return usual > 0 and float(char["size"]) >= WATERMARK_SIZE * usual and light(char.get("non_stroking_color"))


def light(color: object) -> bool:
    """Whether a fill colour (pdfplumber's: a gray, RGB or CMYK tuple of 0–1 values) is light: of a
    lightness of LIGHT or more. A pattern or an unknown colour is not."""
    if not isinstance(color, tuple) or not all(isinstance(v, (int, float)) for v in color):
        return False
    values = [float(v) for v in color]
    if len(values) == 1:
        lightness = values[0]
    elif len(values) == 3:
        lightness = sum(values) / 3
    elif len(values) == 4:
        c, m, y, k = values
        lightness = ((1 - c) + (1 - m) + (1 - y)) / 3 * (1 - k)
    else:
        return False
    return lightness >= LIGHT


Rule = tuple[float, float, float]  # a ruling line: where it runs across (y or x), from, to


Box = tuple[float, float, float, float]  # x0, top, x1, bottom
OneRow = Callable[[Box, Sequence[float]], bool]  # whether the box's text, its columns at the xs, is one row


def _never(_box: Box, _xs: Sequence[float]) -> bool:
    return False


def open_sides(across: Sequence[Rule], down: Sequence[Rule], one_row: OneRow = _never) -> tuple[list[Rule], list[Rule]]:
    """The border rules a table drawn open at its edges leaves out (WPS and Excel exports often draw no
    rule left of the first column or right of the last, or only the rules inside the table), as
    (vertical, horizontal) rules. For each table (ruling lines joined by their crossings: `across`
    y, x0, x1; `down` x, top, bottom), at each edge of its extent that no rule of it runs along, the
    rule two or more of its crossing rules end at would draw, across the table's whole extent (a top or
    bottom rule only to a table of two row rules or more: the piece of a table ruled between its columns
    only that a page cuts off has one). Without them the table's first and last columns (rows), drawn
    without cells, come out as text apart from it. A rule is added only where the column (row) it closes
    is SLIVER wide (tall) or more, never to close the sliver between a table's border and its rules drawn
    on past it. A table of one row rule whose column rules all run from one top to one foot is closed
    when its text on each side of the rule is one row (`one_row`, see one_row_band)."""
    parent = list(range(len(across) + len(down)))
    for i, (y, x0, x1) in enumerate(across):
        for j, (x, top, bottom) in enumerate(down, start=len(across)):
            if x0 - RULE_GAP <= x <= x1 + RULE_GAP and top - RULE_GAP <= y <= bottom + RULE_GAP:
                parent[_root(parent, i)] = _root(parent, j)
    tables: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for n, rule in enumerate([*across, *down]):
        tables.setdefault(_root(parent, n), ([], []))[n >= len(across)].append(rule)
    verticals: list[Rule] = []
    horizontals: list[Rule] = []
    for rows, columns in tables.values():
        if not rows or not columns:
            continue  # a rule under a line of text, no table
        band = one_row_band(rows, columns, one_row)
        if band is not None:
            verticals += band[0]
            horizontals += band[1]
            continue
        left = min(min(x0 for _, x0, _ in rows), min(x for x, _, _ in columns))
        right = max(max(x1 for _, _, x1 in rows), max(x for x, _, _ in columns))
        top = min(min(y for y, _, _ in rows), min(t for _, t, _ in columns))
        bottom = max(max(y for y, _, _ in rows), max(b for _, _, b in columns))
        xs = sorted(x for x, _, _ in columns)
        ys = sorted(y for y, _, _ in rows)
        sides = []
        for side, width in ((left, xs[0] - left), (right, right - xs[-1])):
            ending = sum(1 for _, x0, x1 in rows if min(abs(x0 - side), abs(x1 - side)) <= RULE_GAP)
            if ending >= 2 and width >= SLIVER:
                sides.append((side, top, bottom))
        verticals += sides
        for side, height in ((top, ys[0] - top), (bottom, bottom - ys[-1])):
            if len(rows) < 2:
                continue  # a table ruled between its columns only, cut by a page: its rows are not ruled
            ending = sum(1 for _, t, b in [*columns, *sides] if min(abs(t - side), abs(b - side)) <= RULE_GAP)
            if ending >= 2 and height >= SLIVER:
                horizontals.append((side, left, right))
    return sorted(verticals), sorted(horizontals)


def one_row_band(
    rows: Sequence[Rule], columns: Sequence[Rule], one_row: OneRow
) -> tuple[list[Rule], list[Rule]] | None:
    """The rules closing a piece of one or two rows that a page cut off a table drawn with its inner
    rules only: one row rule (the one at the cut, or between its two rows) and the rules between its
    cells, all running from the same top to the same foot, as (vertical, horizontal) rules: its top and
    foot where no rule runs, and its sides at the row rule's ends. No rule runs at those ends (a table
    ruled there is boxed: one ruled between its columns only that a page cuts draws its box's top or
    foot and no rule at the cut), and the text on each side of the row rule is one row (`one_row`: each
    cell's lines follow each other as a wrapped cell's do). None for any other table: one ruled between
    its columns with a rule under its header has a body of many rows."""
    if len(rows) != 1:
        return None
    y, x0, x1 = rows[0]
    tops, bottoms = [top for _, top, _ in columns], [bottom for _, _, bottom in columns]
    top, bottom = min(tops), max(bottoms)
    if max(tops) - top > RULE_GAP or bottom - min(bottoms) > RULE_GAP or not top - RULE_GAP <= y <= bottom + RULE_GAP:
        return None
    xs = sorted(x for x, _, _ in columns)
    if xs[0] - x0 < SLIVER or x1 - xs[-1] < SLIVER:
        return None  # (a table ruled at its sides is boxed: a table ruled between its columns only)
    bands = [(a, b) for a, b in ((top, y), (y, bottom)) if b - a >= SLIVER]
    if not bands or not all(one_row((x0, a, x1, b), xs) for a, b in bands):
        return None
    ends = [end for end in (top, bottom) if abs(end - y) >= SLIVER]
    return [(x0, top, bottom), (x1, top, bottom)], [(end, x0, x1) for end in ends]


def single_row(chars: Sequence[dict[str, Any]], box: Box, xs: Sequence[float]) -> bool:
    """Whether the text in the box, its cells between the xs, is one row of the table: some cell prints
    text, and in no cell are two lines further apart than ROW_SPACING times the text's size (the lines of
    one wrapped cell follow each other; a cell's rows stand apart by their padding, its header from its
    figures by the rows between)."""
    ends = [*xs, box[2]]  # each cell's right edge
    lines: dict[int, set[float]] = {}
    sizes = []
    for char in _inside(chars, box):
        if char["text"].strip():
            middle = (char["x0"] + char["x1"]) / 2
            cell = next(n for n, end in enumerate(ends) if middle <= end)
            lines.setdefault(cell, set()).add(round(float(char["top"])))
            sizes.append(float(char["size"]))
    if not sizes:
        return False
    spacing = ROW_SPACING * median_low(sizes)
    return all(b - a <= spacing for tops in lines.values() for a, b in itertools.pairwise(sorted(tops)))


def _root(parent: list[int], n: int) -> int:
    """The representative of n's set (union-find, halving the path)."""
    while parent[n] != n:
        parent[n] = parent[parent[n]]
        n = parent[n]
    return n


def _settings(page: Any) -> dict[str, Any]:
    """pdfplumber's table settings for the page: its tables' side rules added where they are drawn open
    (`open_sides`)."""
    from pdfplumber.table import merge_edges

    edges = merge_edges(page.edges, RULE_GAP, RULE_GAP, RULE_GAP, RULE_GAP)
    across = [(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in edges if e["orientation"] == "h"]
    down = [(float(e["x0"]), float(e["top"]), float(e["bottom"])) for e in edges if e["orientation"] == "v"]
    chars = page.chars
    verticals, horizontals = (
        open_sides(across, down, lambda box, xs: single_row(chars, box, xs)) if across and down else ([], [])
    )
    settings: dict[str, Any] = {}
    if verticals:
        settings["explicit_vertical_lines"] = [
            {
                "object_type": "line",
                "x0": x,
                "x1": x,
                "top": top,
                "bottom": bottom,
                "width": 0.0,
                "height": bottom - top,
            }
            for x, top, bottom in verticals
        ]
    if horizontals:
        settings["explicit_horizontal_lines"] = [
            {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0}
            for y, x0, x1 in horizontals
        ]
    return settings


def turned_up(chars: Sequence[dict[str, Any]]) -> bool:
    """Whether more of the characters printed turned a right angle read up the page (turned left, as
    Excel prints a narrow header's `text rotated up`: `行次` bottom to top) than down it."""
    turned = [float(char["matrix"][1]) for char in chars if not char["upright"]]
    return sum(b > 0 for b in turned) > sum(b < 0 for b in turned)


def _turned(chars: Sequence[dict[str, Any]]) -> dict[str, str]:
    """How pdfplumber is to read the turned characters among these: top down, its default, or bottom to
    top, their lines left to right, when they read up the page (`turned_up`; else `行次` comes out
    `次行`)."""
    return {"char_dir_rotated": "btt", "line_dir_rotated": "ltr"} if turned_up(chars) else {}


def _inside(chars: Sequence[dict[str, Any]], box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """The characters printed within the box (a table's)."""
    x0, top, x1, bottom = box
    return [char for char in chars if x0 <= char["x0"] and char["x1"] <= x1 and top <= char["top"] <= bottom]


def _page(page: Any) -> Page:
    usual = usual_size(page.chars)
    if any(is_watermark(char, usual) for char in page.chars):
        page = page.filter(lambda obj: obj["object_type"] != "char" or not is_watermark(obj, usual))
    if _overprinted(page.chars):
        page = page.dedupe_chars()
    found = page.find_tables(_settings(page))
    grids = [(table, table.extract(**_turned(_inside(page.chars, table.bbox)))) for table in found]
    tables = [(table, cells) for table, cells in grids if not stacked(cells) and not one_column(cells)]
    boxes = [table.bbox for table, _ in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(outside)
    text = [_text_line(line) for line in rest.extract_text_lines(**_turned(rest.chars)) if line["text"].strip()]
    rows = [line for table, cells in tables for line in table_lines(float(table.bbox[1]), cells)]
    spans = [(float(top), float(bottom)) for _, top, _, bottom in boxes]
    return Page(text, rows, spans, float(page.width), float(page.height))


def pdf_text(data: bytes, source_file: str) -> str:
    """The PDF's text: its tables as tab lines, the rest as lines of text, page by page."""
    try:
        import pdfplumber
    except ImportError:
        raise DocumentError("a PDF, and pdfplumber is not installed to read it", source_file=source_file) from None
    glyphs = unmapped = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = []
            for page in pdf.pages:
                glyphs += len(page.chars)
                unmapped += unmapped_glyphs(page.chars)
                pages.append(_page(page))
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file
        if _needs_password(exc):
            reason = "an encrypted PDF that needs a password to open: decrypt it first"
            raise DocumentError(reason, source_file=source_file) from None
        raise DocumentError(f"cannot read the PDF ({type(exc).__name__}: {exc})", source_file=source_file) from None
    if unmapped * 2 > glyphs:
        reason = (
            f"a PDF whose fonts map {unmapped} of its {glyphs} characters to no text (glyph numbers, `(cid:N)`):"
            " extract its text by OCR"
        )
        raise DocumentError(reason, source_file=source_file)
    pages = [_without(page, dropped) for page, dropped in zip(pages, furniture(pages), strict=True)]
    out: list[str] = []
    for page, (left, right) in zip(pages, margins(pages), strict=True):
        lines = paragraphs(page.text, left, right, page.width)
        placed: list[tuple[float, int, str]] = [(line.top, -1, line.text) for line in lines]
        placed += [(row.top, row.row, row.text) for row in page.rows]
        out += [printed for _, _, printed in sorted(placed, key=lambda item: (item[0], item[1]))]
    if not any(line.strip() for line in out):
        reason = "a PDF without a text layer (a scan?): extract its text first (OCR)"
        raise DocumentError(reason, source_file=source_file)
    return "\n".join(out) + "\n"

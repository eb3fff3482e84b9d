"""A table's body as printed lines of cells, page lines and notes set aside.

`read_body` keeps the table text lines (see loaders.layout.text.line_kind) and cuts each into cells.
In the space mode each printed line keeps its cells; in the cell mode every line is one cell and the
body is one stream of cells (`Body.stream`). Numbers glued to the code of the next row
(`14.962070114 文化…`, `6,103,0962080501`) are cut here, knowing how many decimals the table prints.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from loaders.document import Line
from loaders.layout.text import (
    CELL,
    SPACE,
    Cell,
    LineKind,
    detect_mode,
    is_amount,
    is_marked_page_number,
    is_page_number,
    line_cells,
    line_kind,
    whole_line_cell,
)
from loaders.layout.tokenizer import Kind, Token, split_glued_integer, split_glued_number, tokenize


@dataclass(frozen=True)
class Body:
    mode: str
    lines: tuple[tuple[Cell, ...], ...]  # the table text lines, as cells (cell mode: one cell each)
    raw: dict[int, str]  # line number → the line's text as printed

    @property
    def stream(self) -> list[Cell]:
        return [cell for line in self.lines for cell in line]


def read_body(lines: Sequence[Line], title: str) -> Body:
    table_lines = [line for line in lines if line_kind(line.text, title) is LineKind.TABLE]
    mode = detect_mode(table_lines)
    if mode == SPACE:
        kept = numbering_lines(table_lines)
        table_lines = [line for n, line in enumerate(table_lines) if n in kept or not is_page_number(line.text)]
    else:  # one cell per line: a bare integer is a cell (序号, 行次, code); `- 4 -`, `第 4 页` are page numbers
        table_lines = [line for line in table_lines if not is_marked_page_number(line.text)]
    cells = tuple(tuple(_cells(line, mode)) for line in table_lines)
    if mode == CELL:
        cells = _cut_amounts_joined(cells)
    return Body(mode, tuple(line for line in cells if line), {line.no: line.text for line in table_lines})


_CUT_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*\.$")


def _cut_amounts_joined(lines: tuple[tuple[Cell, ...], ...]) -> tuple[tuple[Cell, ...], ...]:
    """One cell per line: an amount wrapped in its cell after its point (`419.` / `39`) joined into one
    (an amount never ends with its point; the line after it prints its decimals alone)."""
    out: list[tuple[Cell, ...]] = []
    skip = False
    for n, line in enumerate(lines):
        if skip:
            skip = False
            continue
        following = lines[n + 1] if n + 1 < len(lines) else ()
        if (
            len(line) == 1
            and _CUT_AMOUNT.match(line[0].text.strip())
            and len(following) == 1
            and following[0].is_integer
            and len(following[0].squashed) <= 2
        ):
            text = line[0].text.strip() + following[0].squashed
            out.append((Cell(Kind.NUMBER, text, line[0].line_no, True, (Token(Kind.NUMBER, text, line[0].line_no),)),))
            skip = True
            continue
        out.append(line)
    return tuple(out)


_COLUMN_NUMBERING = re.compile(r"^\s*[栏档]\s*次")


def numbering_lines(lines: Sequence[Line]) -> set[int]:
    """The lines printing a bare integer that are a row's 序号 or 行次, not a page number: a row of a
    numbered table whose cells are all empty but its number, its name set around it (`11` between
    `10 十、卫生健康支出 30.61` and `12 209.65`). Kept when the numbered lines before and after it
    print the numbers right before and after its own (a 栏次 numbering of a header printed again in
    between is no row); a page number falls between two rows that follow each other, or before or after
    a table."""
    numbers: list[tuple[int, int]] = []  # (index, first number) of the lines printing a small integer
    for n, line in enumerate(lines):
        if _COLUMN_NUMBERING.search(line.text):
            continue
        first = next((word for word in line.text.split() if word.isdigit() and len(word) <= 3), None)
        if first is not None:
            numbers.append((n, int(first)))
    kept: set[int] = set()
    for k in range(1, len(numbers) - 1):
        n, number = numbers[k]
        if lines[n].text.strip().isdigit() and numbers[k - 1][1] == number - 1 and numbers[k + 1][1] == number + 1:
            kept.add(n)
    return kept


def _cells(line: Line, mode: str) -> list[Cell]:
    if mode == CELL:
        cells = amount_cells(line)
        if cells:
            return cells
        cell = whole_line_cell(line)
        return [cell] if cell is not None else []
    return line_cells(line)


def amount_cells(line: Line) -> list[Cell]:
    """In the cell mode, a line setting several cells on one line: amounts with decimals that make no one
    amount together (`1,214.68 502.70 711.98`: cells of one row), or amounts and then the next cells'
    head (`3,353.52 一、一般公共服务支`, `2,057.36 302`: a row's amount and the next name or code). The
    amounts one cell each, then the integer (a code) and the words, one cell each; [] for any other line."""
    tokens = tokenize(line.text, line.no)
    k = 0
    while k < len(tokens) and tokens[k].kind is Kind.NUMBER and tokens[k].decimals and is_amount(tokens[k].text):
        k += 1
    rest = tokens[k:]
    code = rest[:1] if rest and rest[0].kind is Kind.NUMBER and rest[0].text.isdigit() else []
    words = rest[len(code) :]
    if not k or (not rest and k < 2) or not all(t.kind is Kind.TEXT for t in words):
        return []
    if k > 1 and is_amount(" ".join(t.text for t in tokens[:k])):
        return []  # `30. 61`: one amount printed with a space
    cells = [Cell(Kind.NUMBER, t.text, line.no, True, (t,)) for t in (*tokens[:k], *code)]
    return cells + ([Cell(Kind.TEXT, " ".join(t.text for t in words), line.no, True, tuple(words))] if words else [])


def table_decimals(cells: Sequence[Cell]) -> int:
    """The number of decimals the table's amounts are printed with (the most common; 0 if none)."""
    counts = Counter(c.tokens[0].decimals for c in cells if c.kind is Kind.NUMBER and "." in c.text and c.tokens)
    return counts.most_common(1)[0][0] if counts else 0


def split_glued_codes(cells: Sequence[Cell], is_code: Callable[[str], bool]) -> list[Cell]:
    """A code and its name printed in one cell (`2120899 其他国有土地…`, `31303 补充全国社会保障基`, one
    cell per line): two cells."""
    out: list[Cell] = []
    for cell in cells:
        tokens = cell.tokens
        if cell.is_text and len(tokens) > 1 and tokens[0].kind is Kind.NUMBER and is_code(tokens[0].text):
            code, rest = tokens[0], tokens[1:]
            if all(t.kind is Kind.TEXT for t in rest):
                out.append(Cell(Kind.NUMBER, code.text, cell.line_no, cell.first, (code,)))
                out.append(Cell(Kind.TEXT, " ".join(t.text for t in rest), cell.line_no, False, tuple(rest)))
                continue
        out.append(cell)
    return out


def cut_glued(cells: Sequence[Cell], decimals: int, is_code: Callable[[str], bool]) -> list[Cell]:
    """Cut a number glued to the next row's code (`14.962070114` → `14.96`, `2070114`) when the rest is a
    code and a text (the name) follows."""
    out: list[Cell] = []
    for i, cell in enumerate(cells):
        follows_text = i + 1 < len(cells) and cells[i + 1].is_text
        parts = None
        if cell.kind is Kind.NUMBER and follows_text and len(cell.tokens) == 1:
            token = cell.tokens[0]
            parts = split_glued_number(token, decimals) or split_glued_integer(token)
        if parts is not None and is_code(parts[1]):
            amount, code = parts
            out.append(Cell(Kind.NUMBER, amount, cell.line_no, cell.first, (Token(Kind.NUMBER, amount, cell.line_no),)))
            out.append(Cell(Kind.NUMBER, code, cell.line_no, False, (Token(Kind.NUMBER, code, cell.line_no),)))
        else:
            out.append(cell)
    return out


def drop_repeated_headers(
    stream: Sequence[Cell],
    is_label: Callable[[Cell], bool],
    starts_data: Callable[[Sequence[Cell], int], bool],
    keeps: Callable[[Sequence[Cell], int], bool],
) -> list[Cell]:
    """A one-cell-per-line stream without its header blocks printed again on continued pages.

    A block starts at a header label that does not start a data row and runs to the next cell that
    does (its OCR debris and 栏次 numbering included). Words right before it that belong to no row
    (page debris: `\\rightarrow`, `万元`) go with it; `keeps(cells, k)` says which words do belong."""
    out: list[Cell] = []
    i = 0
    while i < len(stream):
        if is_label(stream[i]) and not starts_data(stream, i):
            j = i + 1
            # the block's labels run on while they follow each other; then it ends where data starts
            while j < len(stream) and ((is_label(stream[j]) and stream[j - 1].is_text) or not starts_data(stream, j)):
                j += 1
            while out and out[-1].is_text and not keeps(out, len(out) - 1):
                out.pop()
            i = j
            continue
        out.append(stream[i])
        i += 1
    return out


def first_data_line(
    lines: Sequence[Sequence[Cell]],
    starts_data: Callable[[Sequence[Cell]], bool],
    is_header: Callable[[Sequence[Cell]], bool],
) -> int:
    """The index of the first data line: the first line that starts data, or the words-only line right
    above it that is not a header line (the head of its wrapped name, printed on the line before)."""
    first = next((n for n, cells in enumerate(lines) if starts_data(cells)), len(lines))
    while (
        0 < first < len(lines)
        and lines[first - 1]
        and all(c.is_text for c in lines[first - 1])
        and lines[first - 1][0].line_no + 1 == lines[first][0].line_no
        and not is_header(lines[first - 1])
    ):
        first -= 1
    return first

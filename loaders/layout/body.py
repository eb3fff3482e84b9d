"""A table's body as printed lines of cells, page lines and notes set aside.

`read_body` keeps the table text lines (see loaders.layout.text.line_kind) and cuts each into cells.
In the space mode each printed line keeps its cells; in the cell mode every line is one cell and the
body is one stream of cells (`Body.stream`). Numbers glued to the code of the next row
(`14.962070114 文化…`, `6,103,0962080501`) are cut here, knowing how many decimals the table prints.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from loaders.document import Line
from loaders.layout.header import column_numbering
from loaders.layout.text import (
    CELL,
    SPACE,
    Cell,
    LineKind,
    detect_mode,
    is_amount,
    is_marked_page_number,
    is_page_number,
    joined,
    line_cells,
    line_kind,
    number_cell,
    squash,
    whole_line_cell,
)
from loaders.layout.tokenizer import Kind, Token, name_end, split_glued_integer, split_glued_number, tokenize
from loaders.parsers.summary import function_classes


@dataclass(frozen=True)
class Body:
    mode: str
    lines: tuple[tuple[Cell, ...], ...]  # the table text lines, as cells (cell mode: one cell each)
    raw: dict[int, str]  # line number → the line's text as printed

    @property
    def stream(self) -> list[Cell]:
        return [cell for line in self.lines for cell in line]


def read_body(lines: Sequence[Line], title: str) -> Body:
    # a tab line here is a header printed as ruled cells above or below the body (see needs_layout)
    lines = [Line(line.no, line.text.replace("\t", " ")) if line.is_tabular else line for line in lines]
    table_lines = [line for line in lines if line_kind(line.text, title) is LineKind.TABLE]
    mode = detect_mode(table_lines)
    if mode == SPACE:
        table_lines = _class_codes_joined(table_lines)
        kept = numbering_lines(table_lines, tails := _tail_lines(table_lines)) | tails
        table_lines = [line for n, line in enumerate(table_lines) if n in kept or not is_page_number(line.text)]
    else:  # one cell per line: a bare integer is a cell (序号, 行次, code); `- 4 -`, `第 4 页` are page numbers
        table_lines = [line for line in table_lines if not is_marked_page_number(line.text)]
    cells = tuple(tuple(_cells(line, mode)) for line in table_lines)
    if mode == CELL:
        cells = _cut_amounts_joined(cells)
    return Body(mode, tuple(line for line in cells if line), {line.no: line.text for line in table_lines})


_CUT_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*\.$")
_AMOUNT_HEAD = re.compile(r"^(?:\d{1,3}(?:,\d{3})*|\d+)\.$")


def _cut_amounts_joined(lines: tuple[tuple[Cell, ...], ...]) -> tuple[tuple[Cell, ...], ...]:
    """One cell per line: an amount wrapped in its cell after its point (`419.` / `39`) joined into one
    (an amount never ends with its point; the line after it prints its decimals alone), also when a name
    is glued before its head (`二十、住房保障支出26.` / `14`: the name, then the amount)."""
    out: list[tuple[Cell, ...]] = []
    skip = False
    for n, line in enumerate(lines):
        if skip:
            skip = False
            continue
        following = lines[n + 1] if n + 1 < len(lines) else ()
        tail = len(following) == 1 and following[0].is_integer and len(following[0].squashed) <= 2
        if tail and len(line) == 1 and _CUT_AMOUNT.match(line[0].text.strip()):
            text = line[0].text.strip() + following[0].squashed
            out.append((number_cell(text, line[0].line_no, True),))
            skip = True
            continue
        tokens = line[0].tokens if len(line) == 1 and line[0].is_text else ()
        if tail and len(tokens) > 1 and _CUT_AMOUNT.match(tokens[-1].text) and name_end(tokens[-2].text):
            words = tokens[:-1]
            name = Cell(Kind.TEXT, " ".join(t.text for t in words), line[0].line_no, True, words)
            out.append((name, number_cell(tokens[-1].text + following[0].squashed, line[0].line_no)))
            skip = True
            continue
        out.append(line)
    return tuple(out)


_COLUMN_NUMBERING = re.compile(r"^\s*[栏档]\s*次")


def numbering_lines(lines: Sequence[Line], tails: Collection[int] = ()) -> set[int]:
    """The lines printing a bare integer that are a row's 序号 or 行次, not a page number: a row of a
    numbered table whose cells are all empty but its number, its name set around it (`11` between
    `10 十、卫生健康支出 30.61` and `12 209.65`). Kept when the numbered lines before and after it
    print the numbers right before and after its own; a page number falls between two rows that follow
    each other, or before or after a table. Lines that print no row's number are passed over: a 栏次
    numbering of a header printed again in between (`栏 1 2 3`, or `1 2 3 4 5 6 7` alone), a page
    number printed marked (`- 4 -`), the decimals of an amount cut at its point (`tails`, indexes)."""
    numbers: list[tuple[int, int]] = []  # (index, first number) of the lines printing a small integer
    for n, line in enumerate(lines):
        if _COLUMN_NUMBERING.search(line.text) or is_marked_page_number(line.text) or n in tails:
            continue
        first = next((word for word in line.text.split() if word.isdigit() and len(word) <= 3), None)
        if first is not None and not column_numbering(line_cells(line)):
            numbers.append((n, int(first)))
    kept: set[int] = set()
    for k in range(1, len(numbers) - 1):
        n, number = numbers[k]
        if lines[n].text.strip().isdigit() and numbers[k - 1][1] == number - 1 and numbers[k + 1][1] == number + 1:
            kept.add(n)
    return kept


def _tail_lines(lines: Sequence[Line]) -> set[int]:
    """The lines printing a bare integer that may be the decimals of an amount cut at its point on one of
    the two lines before (`419.` above `39`, `198. 二、外交支出` above `30`: see join_split_amounts), not a
    page number."""
    found: set[int] = set()
    for n, line in enumerate(lines):
        text = line.text.strip()
        if text.isdigit() and len(text) <= 2 and any(_holds_head(above) for above in lines[max(0, n - 2) : n]):
            found.add(n)
    return found


def _class_codes_joined(lines: Sequence[Line]) -> list[Line]:
    """A bare 类 code over a line printing exactly its class's name (`201` over `一般公共服务支出`) is a
    function table's row whose cells a tool set on lines of their own, not a page number: one line,
    numbered as the name's (the lines under it, its amounts, stay right under it)."""
    out: list[Line] = []
    skip = False
    for n, line in enumerate(lines):
        if skip:
            skip = False
            continue
        text = line.text.strip()
        if len(text) == 3 and text.isdigit() and n + 1 < len(lines):
            name = lines[n + 1].text.strip()
            if function_classes().get(squash(name)) == text:
                out.append(Line(lines[n + 1].no, f"{text} {name}"))
                skip = True
                continue
        out.append(line)
    return out


def _holds_head(line: Line) -> bool:
    """The line's last words are heads of amounts cut at their point, or a head is followed by a numbered
    line name (`198. 二、外交支出`: a two-sided table's income amount, then its expenditure line)."""
    words = [t.text for t in tokenize(line.text, line.no) if t.kind is Kind.TEXT]
    if words and _is_head_text(words[-1]):
        return True
    return any(_is_head_text(a) and NUMBERED_NAME.match(b) for a, b in itertools.pairwise(words))


NUMBERED_NAME = re.compile(r"^([一二三四五六七八九十]+)、")  # a line name's `二十二、` (summary.numeral)


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
    head (`3,353.52 一、一般公共服务支`, `2,057.36 302`, `—— 313`: a row's amount, or the dash it prints
    for zero, and the next name or code). The
    amounts one cell each, then the integer (a code) and the words, one cell each; [] for any other line."""
    tokens = tokenize(line.text, line.no)
    glued = _name_then_amount(tokens, line)
    if glued:
        return glued
    k = 0
    while k < len(tokens) and _amount_token(tokens[k]):
        k += 1
    rest = tokens[k:]
    code = rest[:1] if rest and rest[0].kind is Kind.NUMBER and rest[0].text.isdigit() else []
    words = rest[len(code) :]
    if not k or (not rest and k < 2) or not all(t.kind is Kind.TEXT for t in words):
        return []
    if k > 1 and is_amount(" ".join(t.text for t in tokens[:k])):
        return []  # `30. 61`: one amount printed with a space
    cells = [Cell(t.kind, t.text, line.no, True, (t,)) for t in (*tokens[:k], *code)]
    return cells + ([Cell(Kind.TEXT, " ".join(t.text for t in words), line.no, True, tuple(words))] if words else [])


def _amount_token(token: Token) -> bool:
    return token.kind is Kind.DASH or (token.kind is Kind.NUMBER and token.decimals > 0 and is_amount(token.text))


def _name_then_amount(tokens: Sequence[Token], line: Line) -> list[Cell]:
    """A name printed glued to its amount (`代缴社会保险费0.00`, cut apart by the tokenizer): the name and
    the amount, a cell each; [] for any other line (a name and an amount printed apart on one line are
    not told to be one row's by the cell mode)."""
    if len(tokens) != 2 or tokens[0].kind is not Kind.TEXT or not _amount_token(tokens[1]):
        return []
    name, amount = tokens
    if f"{name.text}{amount.text}" not in line.text:
        return []
    return [
        Cell(Kind.TEXT, name.text, line.no, True, (name,)),
        Cell(amount.kind, amount.text, line.no, True, (amount,)),
    ]


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
            out.append(number_cell(amount, cell.line_no, cell.first))
            out.append(number_cell(code, cell.line_no))
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


@dataclass(frozen=True)
class SplitAmounts:
    """A table's lines with its amounts cut at their point joined (see join_split_amounts)."""

    lines: list[list[Cell]]
    # joined amounts whose place among their row's amounts is not printed (the cells themselves: an
    # amount printed in its place may read the same, see `floats`)
    floating: list[Cell]
    raw: dict[int, str]  # the lines' text as printed, the pieces taken out of a line cut out of it
    emptied: frozenset[int]  # the lines whose every piece was taken out (dropped from `lines`)


def join_split_amounts(
    lines: Sequence[Sequence[Cell]], raw: dict[int, str], decimals: int, opening: Callable[[Sequence[Cell]], int]
) -> SplitAmounts:
    """The space mode's lines with the amounts wrapped in their cell after the point joined (`738.` on a
    line, `05` under it: 738.05), and the joined amounts whose place among their row's amounts the text
    does not print.

    A head (digits and a point) is never a whole amount; its tail is a bare integer of the table's
    decimals on the next line printing such integers (within two lines: a row's one-line cells may sit
    on a line between), a line's heads matched in order with as many tails (the cells opening a row, its
    序号 and code pieces, `opening` of them, are no tails). The joined amount stands where the piece
    printed among other amounts of the row stands (the head's line, else the tail's); when neither
    prints another, where the piece printed on the row's own line stands (the line opening a row), or,
    both pieces right under each other below the line opening their row (its cells set lower than its
    序号: pdftotext -layout's `2 二、政府性基金预` … `198. 二、外交支出` / `30`), where the head stands. When
    neither line is the row's and neither prints another amount (the cell's pieces above and below the
    line of the row's one-line cells: a line printing amounts, or opening the row with none) its
    place among them is not known: it is added at the end of that middle line and is floating (the
    identities place it: loaders.layout.assign.Row.floating). Lines left empty are dropped; heads with
    no tail stay as printed. The lines' heads are cells of their own already (amount_heads_apart)."""
    out = [list(line) for line in lines]
    floating: list[Cell] = []
    cut: dict[int, list[str]] = {}  # line number → the pieces taken out of it
    if decimals <= 0:
        return SplitAmounts(out, floating, raw, frozenset())
    for i in range(len(out)):
        heads = [k for k, cell in enumerate(out[i]) if is_amount_head(cell)]
        if not heads:
            continue
        below = ((j, _tails(out[j], decimals, opening)) for j in range(i + 1, min(i + 3, len(out))))
        j, tails = next(((j, tails) for j, tails in below if tails), (0, []))
        if len(tails) != len(heads) or (j == i + 2 and any(is_amount_head(c) for c in out[i + 1])):
            continue
        texts = [out[i][h].text + out[j][t].squashed for h, t in zip(heads, tails, strict=True)]
        if _prints_amounts(out[i]) or (not _prints_amounts(out[j]) and opening(out[i])):
            where, at, moved = i, heads, [(j, tails)]
        elif _prints_amounts(out[j]) or opening(out[j]):
            where, at, moved = j, tails, [(i, heads)]
        elif j == i + 2 and (_prints_amounts(out[i + 1]) or opening(out[i + 1])):
            where, at, moved = i + 1, [], [(i, heads), (j, tails)]
        elif j == i + 1 and not opening(out[j]) and any(opening(out[k]) for k in range(i)):
            where, at, moved = i, heads, [(j, tails)]
        else:
            continue
        for n, pieces in moved:
            cut.setdefault(out[n][0].line_no, []).extend(out[n][k].text for k in pieces)
            out[n] = _put(out[n], pieces, [])
        if not at:  # floating
            amounts = [number_cell(text, out[where][0].line_no) for text in texts]
            out[where] = [*out[where], *amounts]
            floating.extend(amounts)
        else:
            out[where] = _put(out[where], at, texts)
    if not cut:
        return SplitAmounts(out, floating, raw, frozenset())
    printed = dict(raw)
    for line_no, taken in cut.items():
        printed[line_no] = _cut_out(raw.get(line_no, ""), taken)
    emptied = frozenset(lines[i][0].line_no for i in range(len(out)) if lines[i] and not out[i])
    return SplitAmounts([line for line in out if line], floating, printed, emptied)


def consecutive(above: int, below: int, emptied: Collection[int]) -> bool:
    """Line `below` is printed right under line `above`, but for lines emptied in between (every piece
    of them joined to a split amount: SplitAmounts.emptied)."""
    return below == above + 1 or (below > above and all(no in emptied for no in range(above + 1, below)))


def floats(cell: Cell, floating: Sequence[Cell]) -> bool:
    """The cell is one of the floating amounts (by identity: `419.39` joined from its pieces and `419.39`
    printed whole on the same line are equal cells, only one of them floats)."""
    return any(cell is amount for amount in floating)


def _cut_out(text: str, pieces: Sequence[str]) -> str:
    """The printed line without the pieces taken out of it (each its last whole-word occurrence)."""
    for piece in pieces:
        found = [m.start() for m in re.finditer(r"(?<!\S)" + re.escape(piece) + r"(?!\S)", text)]
        if found:
            text = (text[: found[-1]].rstrip() + " " + text[found[-1] + len(piece) :].lstrip()).strip()
    return text


def amount_heads_apart(line: Sequence[Cell]) -> list[Cell]:
    """The line's cells with the heads of amounts cut at their point (`738.`) that end a run of words
    (`合计 738. 707.`) made cells of their own. (A head is followed by no words on its line: `8. 其他用车`
    is an item's numbering.)"""
    return _heads_apart(line, anywhere=False)


def all_heads_apart(line: Sequence[Cell]) -> list[Cell]:
    """The line's cells with every head of an amount cut at its point made a cell of its own, wherever
    it stands among words (`本年收入合计 707. 本年支出合计 738.`): for tables whose words are line names
    only, none of them opening with a number (the two-sided summaries)."""
    return _heads_apart(line, anywhere=True)


def _heads_apart(line: Sequence[Cell], anywhere: bool) -> list[Cell]:
    """The line's text cells cut at their heads (every head, or the trailing ones): each head a cell,
    each run of words between them one; the first piece of a cell opens the line when the cell does."""
    out: list[Cell] = []
    for cell in line:
        tokens = cell.tokens if cell.is_text and len(cell.tokens) > 1 else ()
        if anywhere:
            heads = {k for k, token in enumerate(tokens) if _is_head_text(token.text)}
        else:
            heads = set(range(len(tokens) - _trailing_heads(tokens), len(tokens)))
        if not heads:
            out.append(cell)
            continue
        pieces: list[tuple[Token, ...]] = []
        for k, token in enumerate(tokens):
            if k == 0 or k in heads or k - 1 in heads:
                pieces.append((token,))
            else:
                pieces[-1] = (*pieces[-1], token)
        for n, piece in enumerate(pieces):
            text = " ".join(t.text for t in piece)
            out.append(Cell(Kind.TEXT, text, cell.line_no, cell.first and not n, piece))
    return out


def _trailing_heads(tokens: Sequence[Token]) -> int:
    """How many of the last tokens of a run of words are heads of amounts cut at their point."""
    count = 0
    while count < len(tokens) and _is_head_text(tokens[len(tokens) - 1 - count].text):
        count += 1
    return count


def _is_head_text(text: str) -> bool:
    return text.endswith(".") and bool(_AMOUNT_HEAD.match(text))


def is_amount_head(cell: Cell) -> bool:
    """The head of an amount cut at its point (`738.`), a cell of its own (amount_heads_apart)."""
    text = cell.text
    return text.endswith(".") and cell.is_text and len(cell.tokens) == 1 and bool(_AMOUNT_HEAD.match(text))


def _tails(line: Sequence[Cell], decimals: int, opening: Callable[[Sequence[Cell]], int]) -> list[int]:
    """The cells of a line that may end an amount cut at its point: bare integers of `decimals` digits
    after the cells opening a row."""
    start = opening(line)
    return [k for k in range(start, len(line)) if line[k].is_integer and len(line[k].squashed) == decimals]


def _prints_amounts(line: Sequence[Cell]) -> bool:
    """The line prints an amount of a row (not a 序号, code or tail: an integer)."""
    return any(cell.is_amount and not cell.is_integer for cell in line)


def _put(line: Sequence[Cell], at: Sequence[int], amounts: Sequence[str]) -> list[Cell]:
    """The line with the cells at `at` replaced, one for one, by amounts of these texts (on the same
    line), or removed when none are given (the words around them one cell again)."""
    out: list[Cell] = []
    for k, cell in enumerate(line):
        if k in at:
            if amounts:
                out.append(number_cell(amounts[at.index(k)], cell.line_no, cell.first))
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.is_text
            and cell.is_text
            and not is_amount_head(cell)
            and not is_amount_head(previous)
        ):
            out[-1] = joined([previous, cell], " ")
        else:
            out.append(cell if out or cell.first else Cell(cell.kind, cell.text, cell.line_no, True, cell.tokens))
    return out

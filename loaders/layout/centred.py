"""Names wrapped in cells printed centred on their row (the form real PDF text tools print).

A table's cells are vertically centred: a cell of n lines spreads around its row's one-line cells, half
of its lines above the row's main line (its code, 行次 and amounts) and half below; its middle piece is
on the main line when n is odd, nothing of it when n is even (its name slot there is empty). A row's
height is its tallest cell's, so a row has as many wrapped lines above its main line as below (h each),
and a cell of n lines has its pieces on the floor(n/2) lines next to the main line on each side. The
lines of several wrapped cells are shared: each line holds, in column order, one piece of every cell
reaching it.

Two facts follow, and decide the attachment without any width:

- the counts chain: between two main lines, the first h lines are the tails of the row above and the
  rest the heads of the row below, so in a run of consecutive lines (no line dropped between them, as a
  repeated header or a page number is) the words-only lines before the first row are its heads, each
  row's h is the lines before it less the previous row's h, and the lines after the last row are its
  tails: a run whose counts do not chain that way is not printed in this form;
- a row's name columns (its printed name pieces, and its empty name slots: a code or 行次 without its
  name) take the pieces of the lines around it symmetrically: a column reaching k lines has a piece on
  each of the k lines above and the k lines below. Every way of giving the pieces to the columns is
  tried (a bounded count); the rebuilt names must be accepted by the family's closed vocabularies; one
  reading attaches them, none or several leave the row unsure.

A tool that prints every distinct height as a line of its own (pdfplumber) puts a cell of an even count
of lines half a line off the odd cells, on lines of their own. For a family whose names a catalogue
checks (the economic codes' standard names), a row no reading fits is read that way too
(`split_readings`): its empty name slots are the even cells, its printed pieces the odd ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations, pairwise
from typing import TypeVar

from loaders.document import name_text
from loaders.layout.text import Cell, text_cell
from loaders.layout.tokenizer import Kind, Token

Accept = Callable[[Sequence[Cell], tuple[int, int | None], str], bool]
Prefer = Callable[[Sequence[Cell]], bool]  # a rebuilt main line that keeps the line's own identities
T = TypeVar("T")
READINGS_LIMIT = 4096  # ways of giving a row's pieces to its columns looked at, at most


@dataclass(frozen=True)
class Column:
    """A name column of a row's main line: a printed name piece (cell `index`, `token` within it, or the
    whole cell), or an empty name slot (`opening`: the name goes right before cells[index])."""

    index: int
    opening: bool
    token: int | None = None
    required: bool = False  # an empty slot that must get a name (a code printed without its name)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.index, 0 if self.opening else 1, self.token or 0)


Edit = tuple[tuple[Column, str], ...]


def chain(kinds: Sequence[bool], after_header: bool = False) -> list[int] | None:
    """Each row's h in a run of consecutive lines (True: a row's main line, False: a words-only line),
    or None when the counts do not chain (or the run has no row). Read down from the run's start; in a
    run right after a header (`after_header`), read up from its end when that fails: the words-only
    lines above the first row's heads are the header's leftovers."""
    gaps = [0]
    for is_row in kinds:
        if is_row:
            gaps.append(0)
        else:
            gaps[-1] += 1
    if len(gaps) < 2:
        return None
    down = _heights(gaps)
    if down is not None and down[-1] == gaps[-1]:
        return down
    up = _heights(gaps[::-1]) if after_header else None
    return up[::-1] if up is not None and up[-1] <= gaps[0] else None


def _heights(gaps: Sequence[int]) -> list[int] | None:
    """h of each row, read from the first gap on: h1 = gap 0, h(i+1) = gap i − h(i); None when one is
    negative."""
    heights = [gaps[0]]
    for gap in gaps[1:-1]:
        heights.append(gap - heights[-1])
        if heights[-1] < 0:
            return None
    return heights


def nested(items: Sequence[T], counts: Sequence[int], required: Sequence[T] = ()) -> Iterator[list[list[T]]]:
    """Every choice of the items reaching each line (line 1 next to the main line), in a fixed order:
    counts[t] items on line t + 1, each reaching the lines nearer the main line too (a line's items are
    among the line before's), the required ones on line 1; each line's items in the order of `items`."""
    if not counts:
        yield []
        return
    free = [c for c in items if c not in required]
    if len(required) > counts[0] or counts[0] > len(items):
        return
    for extra in combinations(free, counts[0] - len(required)):
        chosen = {*required, *extra}
        line = [c for c in items if c in chosen]
        for rest in nested(line, counts[1:]):
            yield [line, *rest]


def _pieces(line: Sequence[Cell]) -> list[str]:
    return [t.text for c in line for t in c.tokens] if all(c.tokens for c in line) else [c.text for c in line]


def readings(
    cells: Sequence[Cell], columns: Sequence[Column], above: Sequence[Sequence[Cell]], below: Sequence[Sequence[Cell]]
) -> Iterator[Edit] | None:
    """Every way of giving the pieces of the lines above and below the row (nearest first) to its
    columns: each name is its pieces read top to bottom (above, the piece on the main line, below).
    None when the lines above and below do not hold as many pieces each (nothing centred fits)."""
    ups = [_pieces(line) for line in above]
    downs = [_pieces(line) for line in below]
    if len(columns) == 1:  # every word around the row is its one name's (`一般公共服务 支` / `出`)
        ups, downs = [[" ".join(p)] for p in ups], [[" ".join(p)] for p in downs]
    counts = [len(p) for p in ups]
    if counts != [len(p) for p in downs] or any(b > a for a, b in pairwise(counts)):
        return None
    return _edits(cells, columns, ups, downs, counts)


# (`readings`' and `split_readings`' generators: module functions, not closures (loaders/native.py).)
def _edits(
    cells: Sequence[Cell], columns: Sequence[Column], ups: list[list[str]], downs: list[list[str]], counts: list[int]
) -> Iterator[Edit]:
    ordered = sorted(columns, key=Column.sort_key)
    for lines in nested(ordered, counts, [c for c in ordered if c.required]):
        names: dict[Column, list[str]] = {}
        for t, line in enumerate(lines):
            for column, up, down in zip(line, ups[t], downs[t], strict=True):
                names.setdefault(column, [piece_of(cells, column)])
                names[column] = [up, *names[column], down]
        if all(wraps(pieces) for pieces in names.values()):
            yield tuple((column, "".join(names[column])) for column in ordered if column in names)


@lru_cache(maxsize=256)
def depth_lines(height: int, odd_depths: int) -> tuple[list[int], list[int]]:
    """The lines around a row (nearest the main line first) of the cells of an odd and of an even count
    of lines, for a row of `height` lines on each side whose odd cells reach `odd_depths` of them:
    offsets in half lines, odd cells at 2, 4, …; even cells at 1, 3, … (the caller must not change the
    lists)."""
    even_depths = height - odd_depths
    order = sorted(
        [(2 * d, "odd") for d in range(1, odd_depths + 1)] + [(2 * d - 1, "even") for d in range(1, even_depths + 1)]
    )
    odd_lines = [n for n, (_, kind) in enumerate(order) if kind == "odd"]
    even_lines = [n for n, (_, kind) in enumerate(order) if kind == "even"]
    return odd_lines, even_lines


def split_readings(
    cells: Sequence[Cell], columns: Sequence[Column], above: Sequence[Sequence[Cell]], below: Sequence[Sequence[Cell]]
) -> Iterator[Edit] | None:
    """`readings` for a row whose cells of an even count of lines sit half a line off its odd cells (a
    tool printing each distinct height as a line of its own: pdfplumber's `个人农业生产` above
    `公务用车 信息网络及`): an empty name slot is an even cell (no piece on the main line), a printed
    piece an odd one; each printed line holds pieces of one kind only, the lines of each kind nested
    as in `readings`. None when the lines do not mirror."""
    ups = [_pieces(line) for line in above]
    downs = [_pieces(line) for line in below]
    if [len(p) for p in ups] != [len(p) for p in downs]:
        return None
    odd = sorted((c for c in columns if not c.opening), key=Column.sort_key)
    even = sorted((c for c in columns if c.opening), key=Column.sort_key)
    ordered = sorted(columns, key=Column.sort_key)
    return _split_edits(cells, ups, downs, odd, even, ordered)


def _split_edits(
    cells: Sequence[Cell],
    ups: list[list[str]],
    downs: list[list[str]],
    odd: list[Column],
    even: list[Column],
    ordered: list[Column],
) -> Iterator[Edit]:
    for odd_depths in range(len(ups) + 1):
        odd_lines, even_lines = depth_lines(len(ups), odd_depths)
        odd_counts = [len(ups[n]) for n in odd_lines]
        even_counts = [len(ups[n]) for n in even_lines]
        if any(b > a for a, b in pairwise(odd_counts)) or any(b > a for a, b in pairwise(even_counts)):
            continue
        for odd_reach in nested(odd, odd_counts):
            for even_reach in nested(even, even_counts, [c for c in even if c.required]):
                names: dict[Column, list[str]] = {}
                for lines, reach in ((odd_lines, odd_reach), (even_lines, even_reach)):
                    for n, line in zip(lines, reach, strict=True):
                        for column, up, down in zip(line, ups[n], downs[n], strict=True):
                            names.setdefault(column, [piece_of(cells, column)])
                            names[column] = [up, *names[column], down]
                if all(c in names for c in even if c.required) and all(wraps(p) for p in names.values()):
                    yield tuple((column, "".join(names[column])) for column in ordered if column in names)


def spacing_known(*pieces: str) -> bool:
    """Pieces of a name wrapped over lines join the same whether a space stood at each wrap or not (as
    names are stored: document.name_text, which drops a space between Chinese characters or between one
    and an ASCII bracket: `因公出国` / `(境)费` is 因公出国(境)费 either way): not so where a Chinese
    character meets a Latin letter or a digit (`PPP` / `项目`). There nothing but a cut width tells
    (loaders.layout.names), not a catalogue that knows the name. (The centred form joins such pieces
    without a space: which it should be, it cannot tell either.)"""
    parts = [piece for piece in pieces if piece]
    return all(name_text(a + b) == name_text(f"{a} {b}") for a, b in pairwise(parts))


def wraps(pieces: Sequence[str]) -> bool:
    """The pieces of one cell, top to bottom, as its text wraps: every line but the last is full, so none
    is shorter than the last but by the character a line break may not leave at a line's end (`因公出国` /
    `（境）费用`). `使用非财政拨款结` + `结余分配` + `余和专用结余` is not one cell: its middle line would be
    half empty."""
    lines = [p for p in pieces if p]
    return all(len(line) + 1 >= len(lines[-1]) for line in lines[:-1])


def piece_of(cells: Sequence[Cell], column: Column) -> str:
    if column.opening:
        return ""
    cell = cells[column.index]
    return cell.text if column.token is None else cell.tokens[column.token].text


def apply(cells: Sequence[Cell], edit: Edit) -> tuple[list[Cell], list[tuple[int, int | None]]]:
    """The main line with the rebuilt names (an empty slot gets a cell of its own), and the slots of
    the rebuilt names in it (the edit's columns in column order)."""
    out = list(cells)
    slots: list[tuple[int, int | None]] = []
    shift = 0
    line_no = cells[0].line_no
    for column, text in edit:
        index = column.index + shift
        if column.opening:
            if index == 0:
                out[0] = replace(out[0], first=False)
            out.insert(index, text_cell(text, line_no, index == 0))
            shift += 1
            slots.append((index, None))
            continue
        cell = out[index]
        tokens = [Token(Kind.TEXT, text, line_no)]
        if column.token is not None:
            tokens = list(cell.tokens)
            tokens[column.token] = Token(Kind.TEXT, text, tokens[column.token].line_no)
        out[index] = Cell(Kind.TEXT, " ".join(t.text for t in tokens), cell.line_no, cell.first, tuple(tokens))
        slots.append((index, column.token))
    return out, slots


def reading(
    cells: Sequence[Cell],
    columns: Sequence[Column],
    above: Sequence[Sequence[Cell]],
    below: Sequence[Sequence[Cell]],
    accept: Accept,
    split: bool = False,
    prefer: Prefer | None = None,
    keep: bool = False,
) -> tuple[list[Cell] | None, str, tuple[list[Cell], ...]]:
    """The row's main line with its names rebuilt from the lines around it, when exactly one reading
    gives names the family accepts (or, of several, exactly one keeps the line's own identities:
    `prefer`); else None, why, and (with `keep`, when several readings fit) those readings, for the
    family to settle by its table's identities. With `split` (a family whose names a catalogue
    checks), a row no reading fits is read again with its even cells half a line off its odd ones
    (`split_readings`)."""
    found = readings(cells, columns, above, below)
    several: tuple[list[Cell], ...] = ()
    if found is None:
        rebuilt, why = None, "the lines above and below it hold different numbers of name pieces"
    else:
        rebuilt, why, several = _the_one(cells, found, accept, prefer, keep)
    if rebuilt is None and split and why != SEVERAL:
        again = split_readings(cells, columns, above, below)
        if again is not None:
            other, other_why, other_several = _the_one(cells, again, accept, prefer, keep)
            if other is not None or other_why == SEVERAL:
                return other, other_why, other_several
    return rebuilt, why, several


SEVERAL = "its name pieces fit more than one of its names"
KEPT_READINGS = 8  # several readings of a row handed to its family to settle, at most


def _the_one(
    cells: Sequence[Cell], found: Iterator[Edit], accept: Accept, prefer: Prefer | None = None, keep: bool = False
) -> tuple[list[Cell] | None, str, tuple[list[Cell], ...]]:
    """The main line of the one reading whose names the family accepts; else None, why and (`keep`) the
    several lines that fit. Readings giving the same line are one (two empty name slots side by side,
    either taking the name). Of several, the one line `prefer` keeps, when it keeps exactly one; when
    it keeps several, those."""
    fitting: list[list[Cell]] = []
    for count, edit in enumerate(found):
        if count >= READINGS_LIMIT:
            return None, f"more than {READINGS_LIMIT} ways to give its name pieces to its names", ()
        out, slots = apply(cells, edit)
        if out not in fitting and all(accept(out, slot, text) for slot, (_, text) in zip(slots, edit, strict=True)):
            fitting.append(out)
            if len(fitting) > 1 and prefer is None and not keep:
                return None, SEVERAL, ()
    if not fitting:
        return None, "no way of joining its name pieces gives names the table knows", ()
    if len(fitting) == 1:
        return fitting[0], "", ()
    kept = [line for line in fitting if prefer is not None and prefer(line)]
    if len(kept) == 1:
        return kept[0], "", ()
    several = kept or fitting
    return None, SEVERAL, tuple(several) if keep and len(several) <= KEPT_READINGS else ()

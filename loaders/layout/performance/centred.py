"""Rows of a project table as a PDF text tool prints them: one printed line per line of text, each
row's wrapped cells vertically centred around the row's one-line cells.

A PDF cell of n lines is centred in its row: its lines sit at offsets (n-1)/2, (n-3)/2 … -(n-1)/2
line heights from the row's middle. A tool that prints each distinct height as one line (pdfplumber)
therefore prints a row as its upper lines, its main line (the one-line cells and the middle piece of
every cell of an odd count of lines) and its lower lines, and the two halves mirror each other: the
k-th line above the main line holds a piece of exactly the cells the k-th line below does, in column
order. A cell of an even count of lines has no piece on the main line; its pieces sit half a line off
the pieces of the odd cells, so no printed line holds pieces of both.

`readings` enumerates every way the printed lines of one row can be the centred cells of one row
(`Cell`: its printed lines, top to bottom), keeping only those whose cells are wrapped as a browser
wraps: greedily, a line of a cell left short only when the next line's first unit (an ideograph,
with a closing punctuation mark it carries; a run of ASCII letters and digits) would not have fit
(`wraps_greedily`, on the widths a line certainly has: an ideograph, a CJK or full-width mark is one
em, any other character between 0.2 and 1 em). Which reading is the row's is then for the table's form to
decide (`wrapped`).

Which lines make a row is for the table's form too (`wrapped`). Every enumeration is bounded
(`READINGS_PER_ROW`).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from loaders.layout.centred import depth_lines, nested
from loaders.layout.performance.cells import TooManyReadings

READINGS_PER_ROW = 2_000

Cell = tuple[str, ...]  # a cell's printed lines, top to bottom

_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff01-\uff60\u3000-\u303f]")
_ASCII_RUN = re.compile(r"^[A-Za-z0-9.%]+")
_NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)%％")
_NO_LINE_END = "（《「『【“‘("


# A row's lines are read in many readings, so the same lines and cells are measured again and again:
# the measures are memoised (pure functions of the text; bounded).
MEMO = 16_384


@functools.lru_cache(maxsize=MEMO)
def _is_wide(ch: str) -> bool:
    return bool(_WIDE.match(unicodedata.normalize("NFKC", ch))) or unicodedata.east_asian_width(ch) in "WF"


@functools.lru_cache(maxsize=MEMO)
def _width(text: str) -> tuple[float, float]:
    """The width of printed text in ems, as an interval: an ideograph or full-width mark is one em,
    any other character between 0.2 and 1."""
    wide = sum(1 for ch in text if _is_wide(ch))
    narrow = len(text) - wide
    return wide + 0.2 * narrow, float(wide + narrow)


def _first_unit(text: str) -> str:
    """What a line break could not have split: a run of ASCII letters and digits, or one character,
    after the opening marks that may not end a line, with the closing marks that may not start one."""
    start = len(text) - len(text.lstrip(_NO_LINE_END))
    match = _ASCII_RUN.match(text, start)
    unit = text[: match.end() if match else start + 1]
    rest = text[len(unit) :]
    while rest and rest[0] in _NO_LINE_START:
        unit, rest = unit + rest[0], rest[1:]
    return unit


@functools.lru_cache(maxsize=MEMO)
def wraps_greedily(cell: Cell) -> bool:
    """Whether the cell's lines can be a greedy wrap: no line but the last leaves room (certainly) for
    the next line's first unit within the widest line's width."""
    if len(cell) < 2:
        return True
    widest = max(_width(line)[0] for line in cell)
    return all(_width(line)[1] + _width(_first_unit(nxt))[1] > widest for line, nxt in itertools.pairwise(cell))


_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def joined(cell: Cell) -> str:
    """A cell's text: its lines joined (with a space between two ASCII words: a browser breaks a
    Latin line only at a space)."""
    text = cell[0]
    for line in cell[1:]:
        glue = " " if _ASCII_WORD.match(text[-1:]) and _ASCII_WORD.match(line[:1]) else ""
        text += glue + line
    return text


# A chain (`nested`: the cells reaching each depth) depends only on the count of cells and the count
# of pieces at each depth, and the same few counts come back on every row and table: the chains are
# listed once per counts (bounded memo; past CHAINS_LISTED chains they are enumerated as before).
CHAINS_LISTED = 256
Chains = tuple[tuple[tuple[int, ...], ...], ...]


@functools.lru_cache(maxsize=1024)
def _listed_chains(size: int, counts: tuple[int, ...]) -> Chains | None:
    """Every chain of `nested(range(size), counts)`, in its order; None when there are too many to keep."""
    found: list[tuple[tuple[int, ...], ...]] = []
    for chain in nested(range(size), counts):
        if len(found) == CHAINS_LISTED:
            return None
        found.append(tuple(tuple(line) for line in chain))
    return tuple(found)


def _chains(size: int, counts: list[int]) -> Iterable[Sequence[Sequence[int]]]:
    """`nested(range(size), counts)`: the same chains in the same order."""
    listed = _listed_chains(size, tuple(counts))
    return listed if listed is not None else nested(range(size), counts)


def _cells(
    main: Sequence[str], above: Sequence[Sequence[str]], below: Sequence[Sequence[str]], chain
) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The cells' lines when the cells 0 … len(main)-1 hold main[i] (or nothing: an even cell) and the
    depths' pieces go to the cells `chain` names."""
    size = len(main) if main else (len(chain[0]) if chain else 0)
    lines: list[list[str]] = [[main[i]] if main else [] for i in range(size)]
    for depth, cells in enumerate(chain):
        for k, i in enumerate(cells):
            lines[i] = [above[depth][k], *lines[i], below[depth][k]]
    return lines


def _even_cells(
    above: Sequence[Sequence[str]], below: Sequence[Sequence[str]], even_lines: Sequence[int]
) -> list[list[list[str]]]:
    """Every choice of the cells of even line counts (in `nested` order) whose cells wrap greedily."""
    first_even = len(above[even_lines[0]]) if even_lines else 0
    found: list[list[list[str]]] = []
    for even_chain in _chains(first_even, [len(above[n]) for n in even_lines]):
        even = _cells((), [above[n] for n in even_lines], [below[n] for n in even_lines], even_chain)
        if all(wraps_greedily(tuple(c)) for c in even):
            found.append(even)
    return found


def readings(
    above: Sequence[Sequence[str]], main: Sequence[str] | None, below: Sequence[Sequence[str]]
) -> list[tuple[Cell, ...]]:
    """Every reading of one row printed as `above` (its upper lines, nearest the main line first), its
    main line (None: a row of even cells only) and `below` (nearest first): its cells in column order,
    each as its printed lines. Empty when the lines do not mirror."""
    if len(above) != len(below) or any(len(a) != len(b) for a, b in zip(above, below, strict=True)):
        return []
    height = len(above)
    found: dict[tuple[Cell, ...], None] = {}
    for odd_depths in range((height if main else 0) + 1):
        odd_lines, even_lines = depth_lines(height, odd_depths)
        evens: list[list[list[str]]] | None = None  # the even cells that wrap greedily, once needed
        for odd_chain in _chains(len(main or ()), [len(above[n]) for n in odd_lines]):
            odd = _cells(main or (), [above[n] for n in odd_lines], [below[n] for n in odd_lines], odd_chain)
            if not all(wraps_greedily(tuple(c)) for c in odd):
                continue  # no reading with these odd cells wraps greedily, whatever the even ones
            if evens is None:  # the even cells do not depend on the odd ones: read them once
                evens = _even_cells(above, below, even_lines)
            for even in evens:
                for slots in itertools.combinations(range(len(odd) + len(even)), len(even)):
                    cells: list[Cell] = []
                    o = iter(odd)
                    e = iter(even)
                    for n in range(len(odd) + len(even)):
                        cells.append(tuple(next(e) if n in slots else next(o)))
                    found[tuple(cells)] = None
                    if len(found) > READINGS_PER_ROW:
                        raise TooManyReadings(
                            f"too many readings: a wrapped row read more than {READINGS_PER_ROW} ways"
                        )
    return list(found)


def aligned_readings(
    first: Sequence[str], rest: Sequence[Sequence[str]], upwards: bool = False
) -> list[tuple[Cell, ...]]:
    """Every reading of one row whose cells are aligned to the top of the row: `first` is its first line
    (the first piece of every cell it prints), `rest` the lines under it (nearest first), each the next
    pieces of the cells still running, in column order. `upwards`: a row aligned to the bottom, `first`
    its last line and `rest` the lines above it (nearest first). Only readings whose cells wrap greedily
    are kept (each cell's lines top to bottom)."""
    found: dict[tuple[Cell, ...], None] = {}
    for chain in _chains(len(first), [len(line) for line in rest]):
        lines: list[list[str]] = [[piece] for piece in first]
        for depth, cells in enumerate(chain):
            for k, i in enumerate(cells):
                lines[i].append(rest[depth][k])
        reading = tuple(tuple(reversed(c)) if upwards else tuple(c) for c in lines)
        if all(wraps_greedily(c) for c in reading):
            found[reading] = None
            if len(found) > READINGS_PER_ROW:
                raise TooManyReadings(f"too many readings: a wrapped row read more than {READINGS_PER_ROW} ways")
    return list(found)

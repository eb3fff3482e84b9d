"""A performance table's printed lines → rows of pieces, the page and note lines set aside.

Set aside: blank lines, page lines (unit, year, 附件, the title printed again; see
loaders.layout.text.line_kind) and note blocks (`注：1. …`, the numbered lines under it, and the lines a
long note line ran on to: one cell, under a line of at least _PARAGRAPH characters). Note
lines are told by their start only: a row of these tables may end with `。` (a goal, a reason).

`Row.pieces` are the whitespace-separated tokens of a printed line (space mode: a row whose cells are
to be found) or the printed lines themselves (cell mode: each one a cell, the rows to be found — done
for the 汇总表 only; a project table in this mode is quarantined, see project.canonicalise).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.document import Line, clean_cell
from loaders.layout.text import CELL, SPACE, LineKind, line_kind

_NOTE_START = re.compile(r"^\s*(?:注|备注|说明)\s*[:：]")
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.．、]")
_EMPTY_NOTE = re.compile(r"本表无数据|空表列示|本表为空")


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Row:
    """Pieces printed on one line (space mode), or one piece a line (cell mode)."""

    line_no: int
    pieces: tuple[str, ...]
    text: str

    def __init__(self, line_no: int, pieces: tuple[str, ...], text: str) -> None:
        self.line_no = line_no
        self.pieces = pieces
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and (self.line_no, self.pieces, self.text) == (
            other.line_no,
            other.pieces,
            other.text,
        )

    def __hash__(self) -> int:
        return hash((self.line_no, self.pieces, self.text))


def table_lines(lines: Sequence[Line], title: str) -> list[Line]:
    """The lines of a table that may hold its rows (page lines and note blocks set aside)."""
    kept: list[Line] = []
    in_note = False
    wrapping = False  # the note line before ran on (a paragraph wrapped at the page's width)
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if (
            (text[0] in "注备说" and _NOTE_START.match(text))
            or (("本表" in text or "空表" in text) and _EMPTY_NOTE.search(text))
            or (in_note and _NUMBERED.match(text))
        ):
            in_note, wrapping = True, _runs_on(text)
            continue
        if in_note and wrapping and not _GAP.search(text):
            wrapping = _runs_on(text)
            continue
        in_note = False
        if line_kind(text, title) is LineKind.PAGE:
            continue
        kept.append(line)
    return _without_closing_notes(kept)


_GAP = re.compile(r"\s{2,}|\t")
_PARAGRAPH = 30  # characters: a note line this long, one cell, is a paragraph wrapped at the page


def _runs_on(text: str) -> bool:
    """A note line that may run on to the next (long, and no cells apart on it)."""
    return len(text) >= _PARAGRAPH and not _GAP.search(text)


def _without_closing_notes(lines: list[Line]) -> list[Line]:
    """The lines without the notes closing the table: lines numbered 1., 2., … to its end."""
    end = len(lines)
    while end > 0 and _NUMBERED.match(lines[end - 1].text):
        end -= 1
    if end < len(lines) and re.match(r"^\s*1\s*[.．、]", lines[end].text):
        numbers = [int(re.match(r"^\s*(\d+)", line.text).group(1)) for line in lines[end:]]  # type: ignore[union-attr]
        if numbers == list(range(1, len(numbers) + 1)):
            return lines[:end]
    return lines


def detect_mode(lines: Sequence[Line]) -> str:
    """`cell` when most lines hold one token, `space` otherwise (a performance row holds several
    cells: even its goal line holds a label or two texts)."""
    single = sum(1 for line in lines if len(line.text.split()) == 1)
    return CELL if single * 2 > len(lines) else SPACE


def rows_of(lines: Sequence[Line], mode: str) -> list[Row]:
    if mode == CELL:
        return [Row(line.no, (clean_cell(line.text),), line.text) for line in lines]
    return [Row(line.no, tuple(clean_cell(line.text).split()), line.text) for line in lines]

"""Reading a table's header block: which printed column holds what, by the meaning of its words.

Headers span several lines (a label line such as `项 目 | 本年支出`, the column line
`科目编码 | 科目名称 | 小计 | 基本支出`, the `栏 次 | | 1 | 2` numbering line); words are split by
spaces (`附属单位 上缴收入`) or garbled by OCR (`TH H`). A column's meaning is read from the words
printed over it, nearest the data first; when words fail, the column order of a known layout
decides, and when neither does the parser raises ParseError rather than guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.amounts import looks_like_amount
from loaders.document import Line
from loaders.errors import ParseError

Rule = tuple[re.Pattern[str], str]
CellTest = Callable[[list[str]], bool]

NUMBERING_WORDS = frozenset({"栏次", "档次"})
# The labels of a subject code printed in three columns, one per level (类 | 款 | 项).
LEVEL_WORDS = ("类", "款", "项")
TOTAL_WORDS = frozenset({"合计", "总计"})
# Words printed in header lines and nowhere in data lines: a line holding one of them (and no
# number) is a header line, however garbled the rest of it is.
_STRONG_HEADER = re.compile(r"科目|编码|代码|名称|栏次|档次|序号|行次|单位:|单位$")
# Everything a header line may print; a line whose every cell is a piece of one of these
# (`基金 | 国有资 | 本经`, a header cut by a page break) is a header fragment.
HEADER_PHRASES: tuple[str, ...] = (
    "项目",
    "收入",
    "支出",
    "金额",
    "决算数",
    "预算数",
    "合计",
    "小计",
    "金额单位:万元",
    "单位:元",
    "功能分类科目编码",
    "科目名称",
    "本年收入合计",
    "本年支出合计",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "事业单位经营收入",
    "附属单位上缴收入",
    "其他收入",
    "财政专户管理资金收入",
    "上年结转结余",
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "上解上级支出",
    "经营支出",
    "对附属单位补助支出",
    "年初结转和结余",
    "年末结转和结余",
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
)
_INTEGER = re.compile(r"\d+")


@lru_cache(maxsize=1 << 16)  # every header test squashes every cell it reads, most of them again and again
def squash(text: str) -> str:
    """A cell's words for matching: width-normalised (NFKC), all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def rules(*pairs: tuple[str, str]) -> tuple[Rule, ...]:
    return tuple((re.compile(pattern), value) for pattern, value in pairs)


def match(text: str, table: Sequence[Rule]) -> str | None:
    """The value of the first rule whose pattern is found in the (squashed) text."""
    return next((value for pattern, value in table if pattern.search(text)), None)


def is_integer(cell: str) -> bool:
    return bool(_INTEGER.fullmatch(squash(cell)))


def is_number(cell: str) -> bool:
    """A cell holding digits only (an amount, a 栏次 or row number, or OCR digits like `1 12.2`)."""
    return bool(squash(cell)) and looks_like_amount(cell)


def is_total(cell: str) -> bool:
    return squash(cell) in TOTAL_WORDS


def is_numbering_line(cells: Sequence[str]) -> bool:
    """The `栏 次 | | 1 | 2 | 3` line (档次 in some documents)."""
    return any(squash(cell) in NUMBERING_WORDS for cell in cells)


# Words a column-number line may print beside its numbers.
COLUMN_NUMBER_WORDS = frozenset({"栏次", "行次", "序号", "栏号"})


def is_column_number_line(cells: Sequence[str], norm: Callable[[str], str] = squash) -> bool:
    """The 栏次 line of a table whose columns are numbered: `栏次 | 1 | 2 | 3`, or just the column numbers
    (consecutive, from 0 or 1); `norm` normalises its words before they are compared."""
    values = [c for c in cells if c]
    numbers = [int(c) for c in values if c.isdigit()]
    words = [c for c in values if not c.isdigit()]
    if not numbers or any(norm(w) not in COLUMN_NUMBER_WORDS for w in words):
        return False
    consecutive = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    return consecutive and numbers[0] <= 1 and (len(numbers) >= 2 or bool(words))


def is_level_line(cells: Sequence[str]) -> bool:
    """The `类 | 款 | 项` line under a 科目编码 printed in three columns."""
    words = [squash(cell) for cell in cells if squash(cell)]
    return bool(words) and all(word in LEVEL_WORDS for word in words)


def is_header_like(cells: Sequence[str]) -> bool:
    """A header line, or a piece of one (repeated on a continued page): no number, and header words."""
    words = [squash(cell) for cell in cells if squash(cell)]
    if not words:
        return False
    if is_numbering_line(words) or is_level_line(words):
        return True
    if any(is_number(word) for word in words):
        return False
    if any(_STRONG_HEADER.search(word) for word in words):
        return True
    return all(any(word in phrase for phrase in HEADER_PHRASES) for word in words)


def pad(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


def overflow(cells: Sequence[str], width: int) -> list[str]:
    """Non-empty cells printed right of the last header column."""
    return [cell for cell in cells[width:] if cell]


@dataclass(frozen=True)
class Header:
    """The header block of a table: its lines and the number of printed columns."""

    lines: tuple[Line, ...]
    width: int
    # Each line's cells, read once: the tests read every column's words, several times each.
    cells: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cells", tuple(tuple(line.cells) for line in self.lines))

    @property
    def line_no(self) -> int:
        return self.lines[-1].no

    def texts(self, col: int) -> list[str]:
        """The words printed over a column, nearest the data first (numbers and blanks dropped)."""
        found = []
        for cells in reversed(self.cells):
            word = squash(cells[col]) if col < len(cells) else ""
            if word and not is_number(word) and word not in NUMBERING_WORDS:
                found.append(word)
        return found

    def exists(self, col: int) -> bool:
        """Something (words, a 栏次 number, even OCR noise) is printed over the column."""
        return any(col < len(cells) and cells[col] for cells in self.cells)

    def label(self, col: int) -> str:
        """The words over a column, top to bottom, for messages."""
        return "".join(reversed(self.texts(col))) or f"column {col + 1}"

    def classify(self, col: int, table: Sequence[Rule]) -> str | None:
        """Match the words over a column line by line (nearest the data first), then joined up."""
        texts = self.texts(col)
        for text in texts:
            value = match(text, table)
            if value is not None:
                return value
        return match("".join(reversed(texts)), table)


def read_header(rows: Sequence[Line], is_anchor: CellTest, is_data: CellTest) -> tuple[Header, list[Line]]:
    """Split a table's tab lines into its header block and the lines below it.

    The block runs to the anchor line (the one naming the columns, e.g. with 科目编码), on to a
    `类 | 款 | 项` line right below it, and on to the 栏次 numbering line when one follows before any
    data line.
    """
    anchor = next((i for i, line in enumerate(rows) if is_anchor(line.cells)), None)
    if anchor is None:
        first = rows[0].no if rows else 0
        raise ParseError("header not understood: no line names the columns", line_no=first)
    data_above = next((line for line in rows[:anchor] if is_data(line.cells)), None)
    if data_above is not None:
        raise ParseError("header not understood: data printed above the column names", line_no=data_above.no)
    end = anchor
    if anchor + 1 < len(rows) and is_level_line(rows[anchor + 1].cells):
        end = anchor = anchor + 1
    for i in range(anchor + 1, min(len(rows), anchor + 4)):
        cells = rows[i].cells
        if is_numbering_line(cells):
            end = i
            break
        if is_data(cells):
            break
    lines = tuple(rows[: end + 1])
    width = max((i + 1 for line in lines for i, cell in enumerate(line.cells) if cell), default=0)
    return Header(lines, width), list(rows[end + 1 :])


def assign_by_order(
    header: Header,
    columns: Sequence[int],
    found: Sequence[str | None],
    layouts: Sequence[tuple[str, ...]],
    what: str,
) -> list[str]:
    """Complete a column mapping whose words could not all be read.

    Columns read from their words keep their meaning; the others take theirs from the one known
    layout (column order) of that many columns that agrees with every column that was read.
    Raises ParseError when no single layout does, or when two columns mean the same thing.
    """
    result: list[str]
    if all(value is not None for value in found):
        result = [value for value in found if value is not None]
    else:
        fits = {
            layout
            for layout in layouts
            if len(layout) == len(found) and all(v is None or v == layout[i] for i, v in enumerate(found))
        }
        if len(fits) != 1:
            unread = ", ".join(repr(header.label(c)) for c, v in zip(columns, found, strict=True) if v is None)
            raise ParseError(
                f"header not understood: cannot tell what the {what} column(s) {unread} hold", line_no=header.line_no
            )
        result = list(fits.pop())
    duplicates = sorted({value for value in result if result.count(value) > 1})
    if duplicates:
        raise ParseError(
            f"header not understood: two {what} columns read as {', '.join(duplicates)}", line_no=header.line_no
        )
    return result

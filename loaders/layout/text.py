"""The lines of a table that is not printed with tabs: which are table text, which are not, and the cells.

A table's body holds, besides its header and data, lines that belong to the page: the 公开NN表 code,
the unit and department lines, the year, page headers (`436 青龙满族自治县行政审批局`), the title
printed again on a continued page, notes (注：…), stray page numbers. `line_kind` tells them apart
from table text by their form alone.

Table text comes in one of two modes: `space` (each printed row on one line, cells separated by
spaces: space, split-code and wrapped-name layouts) or `cell` (one cell per line). In both, the text is
turned into cells: in the space mode a run of words on one line is one text cell (`附属单位 上缴收入`,
`合 计`), each number is its own cell; in the cell mode each line is one cell.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from loaders.amounts import parse_amount
from loaders.document import Line
from loaders.errors import AmountError
from loaders.layout.tokenizer import Kind, Token, tokenize


class LineKind(StrEnum):
    BLANK = "blank"
    PAGE = "page"  # 公开NN表, unit, department, year, page header, title, page number
    NOTE = "note"  # 注：…, 本表无数据…
    TABLE = "table"


SPACE, CELL = "space", "cell"

_TABLE_CODE = re.compile(r"公开\s*0?\d{1,2}\s*表")
_UNIT = re.compile(r"单位\s*[:：]?\s*(?:万元|元)(?![\u4e00-\u9fff])")
_DEPARTMENT = re.compile(r"^\s*(?:部门名称|单位名称|部门（单位）|部门\(单位\)|预算单位|部门|单位)\s*[:：]")
_YEAR = re.compile(r"^\s*[(（]?\s*20\d{2}\s*年度?\s*[)）]?\s*$|预算年度\s*[:：]\s*20\d{2}")
_CODED_PAGE_HEADER = re.compile(r"^\s*\d{3,12}\s+[\u4e00-\u9fff（）()]{4,60}\s*$")
_DEPARTMENT_SUFFIX = re.compile(r"(局|委员会|中心|办公室|院|所|站|队|馆|厅|处|社|团|校)$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4})\s*$"
)
_ATTACHMENT = re.compile(r"^\s*附件\s*\d{0,2}\s*$")
_NOTE = re.compile(r"^\s*(?:注|说明|备注)\s*[:：\d１-９.、]|本表无数据|空表列示|本表为空|没有.{0,20}故本表|。\s*$")
_TITLE_SUFFIX = re.compile(r"表\s*$")


@functools.lru_cache(maxsize=8192)  # a table's lines are classified again on each reading (bounded)
def line_kind(text: str, title: str = "") -> LineKind:
    """What a non-tab line of a table's body is, from its form alone."""
    stripped = text.strip()
    if not stripped:
        return LineKind.BLANK
    squashed = "".join(stripped.split())
    # (each regex runs only on a line holding what any of its matches holds)
    if (stripped[0] in "注说备" or "本表" in stripped or "空表" in stripped or stripped[-1] == "。") and _NOTE.search(
        stripped
    ):
        return LineKind.NOTE
    if (
        ("公开" in squashed and _TABLE_CODE.fullmatch(squashed))
        or ("单位" in stripped and _UNIT.search(stripped))
        or (stripped[0] in "部单预" and _DEPARTMENT.match(stripped))
        or ("20" in stripped and _YEAR.search(stripped))
        or ("附件" in stripped and _ATTACHMENT.match(stripped))
        or (title and squashed == "".join(title.split()))
    ):
        return LineKind.PAGE
    if _CODED_PAGE_HEADER.match(stripped) and _DEPARTMENT_SUFFIX.search(stripped):
        return LineKind.PAGE
    if _TITLE_SUFFIX.search(stripped) and not any(t.kind is not Kind.TEXT for t in tokenize(stripped, 0)):
        from loaders.tables import classify_title

        if classify_title(stripped) is not None:
            return LineKind.PAGE
    return LineKind.TABLE


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def is_marked_page_number(text: str) -> bool:
    """A page number printed with its marks (`- 4 -`, `第 4 页`): in a table printed one cell a line, a
    bare integer may be a cell (序号, 行次, a code, a score)."""
    return is_page_number(text) and not text.strip().isdigit()


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Cell:
    """A cell rebuilt from tokens: its kind (number, dash or text), text and document line.

    `first` is True for the first cell of a printed line (always in the cell mode)."""

    kind: Kind
    text: str
    line_no: int
    first: bool = False
    tokens: tuple[Token, ...] = ()

    def __init__(
        self, kind: Kind, text: str, line_no: int, first: bool = False, tokens: tuple[Token, ...] = ()
    ) -> None:
        self.kind = kind
        self.text = text
        self.line_no = line_no
        self.first = first
        self.tokens = tokens

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cell) and (self.kind, self.text, self.line_no, self.first, self.tokens) == (
            other.kind,
            other.text,
            other.line_no,
            other.first,
            other.tokens,
        )

    def __hash__(self) -> int:
        return hash((self.kind, self.text, self.line_no, self.first, self.tokens))

    @property
    def is_text(self) -> bool:
        return self.kind is Kind.TEXT

    @property
    def is_amount(self) -> bool:
        return self.kind in (Kind.NUMBER, Kind.DASH)

    @property
    def squashed(self) -> str:
        return squash(self.text)

    @property
    def is_integer(self) -> bool:
        return self.kind is Kind.NUMBER and self.squashed.isdigit()


def text_cell(text: str, line_no: int, first: bool = False) -> Cell:
    """A text cell of one token (a name rebuilt from its pieces, a label joined from its words)."""
    return Cell(Kind.TEXT, text, line_no, first, (Token(Kind.TEXT, text, line_no),))


def number_cell(text: str, line_no: int, first: bool = False) -> Cell:
    """A number cell of one token (an amount joined from its pieces, or cut from the digits glued to it)."""
    return Cell(Kind.NUMBER, text, line_no, first, (Token(Kind.NUMBER, text, line_no),))


def joined(pieces: Sequence[Cell], sep: str = "") -> Cell:
    """One cell of several printed pieces (a cell wrapped over lines: `sep` nothing; words of one name:
    a space): the first piece's kind and line, every piece's tokens."""
    first = pieces[0]
    tokens = tuple(t for piece in pieces for t in piece.tokens)
    return Cell(first.kind, sep.join(piece.text for piece in pieces), first.line_no, first.first, tokens)


@functools.lru_cache(maxsize=1 << 14)  # a cell's squashed text is asked for again by every reader (bounded)
def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def line_cells(line: Line) -> list[Cell]:
    """The cells of one line in the space mode: each number or dash alone, runs of words joined."""
    cells: list[Cell] = []
    for token in tokenize(line.text, line.no):
        previous = cells[-1] if cells else None
        if token.kind is Kind.TEXT and previous is not None and previous.is_text:
            tokens = (*previous.tokens, token)
            cells[-1] = Cell(Kind.TEXT, " ".join(t.text for t in tokens), line.no, previous.first, tokens)
        else:
            cells.append(Cell(token.kind, token.text, line.no, not cells, (token,)))
    return cells


def whole_line_cell(line: Line) -> Cell | None:
    """The one cell a line holds in the cell mode (None for a blank line)."""
    tokens = tokenize(line.text, line.no)
    if not tokens:
        return None
    text = " ".join(t.text for t in tokens)
    if len(tokens) == 1:
        return Cell(tokens[0].kind, text, line.no, True, tuple(tokens))
    if all(t.kind is Kind.NUMBER for t in tokens) and is_amount(text):
        return Cell(Kind.NUMBER, text, line.no, True, tuple(tokens))
    return Cell(Kind.TEXT, text, line.no, True, tuple(tokens))


def is_amount(text: str) -> bool:
    try:
        parse_amount(text)
    except AmountError:
        return False
    return True


def detect_mode(lines: Sequence[Line]) -> str:
    """`cell` when the lines holding numbers mostly hold nothing else, `space` otherwise."""
    alone = mixed = 0
    for line in lines:
        tokens = tokenize(line.text, line.no)
        if not any(t.kind is Kind.NUMBER for t in tokens):
            continue
        if len(tokens) == 1:
            alone += 1
        else:
            mixed += 1
    return CELL if alone > mixed else SPACE


_ALWAYS_ENDS = re.compile(r"^第[一二三四五六七八九十]+部分|情况说明$")


def continues_table(lines: Sequence[Line], k: int) -> bool:
    """In a table printed without tabs, whether line k (a `一、…` heading by its form) is table text: it
    holds numbers, a number stands alone on the line before or after it (one cell per line), or the line
    after it is a row with numbers (the head of a wrapped name)."""
    text = lines[k].text.strip()
    if _ALWAYS_ENDS.search(text):
        return False
    if any(t.kind is not Kind.TEXT for t in tokenize(text, lines[k].no)):
        return True
    following = next((line.text.strip() for line in lines[k + 1 :] if line.text.strip()), "")
    if line_kind(following) is LineKind.NOTE or (
        len("".join(following.split())) > 60 and not any(t.kind is Kind.NUMBER for t in tokenize(following, 0))
    ):
        return False  # a heading followed by prose (long by its words: a header line is long by its spaces)
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(lines) and not lines[j].text.strip():
            j += step
        if not 0 <= j < len(lines):
            continue
        tokens = tokenize(lines[j].text, lines[j].no)
        if len(tokens) == 1 and tokens[0].kind is not Kind.TEXT:
            return True
        if step == 1 and (_row_follows(lines, j) or _cells_follow(lines, j)):
            return True
    return False


def _cells_follow(lines: Sequence[Line], j: int, reach: int = 6) -> bool:
    """One cell per line: short table lines follow, with a number alone among the next few."""
    seen = 0
    while j < len(lines) and seen < reach:
        text = lines[j].text.strip()
        j += 1
        if not text:
            continue
        seen += 1
        if line_kind(text) is not LineKind.TABLE or len(text) > 30:
            return False
        tokens = tokenize(text, 0)
        if len(tokens) == 1 and tokens[0].kind is not Kind.TEXT:
            return True
    return False


def _row_follows(lines: Sequence[Line], j: int) -> bool:
    """Line j, or the line after it (past a header line), is a table row: words and numbers, not prose;
    or line j is a row's numbers alone (行次, amounts), its name wrapped around them (pdfplumber sets a
    wrapped name's pieces above and below its row's numbers: `一、一般公共预算财` /
    `1 3,353.52 33 2,784.86 2,784.86` / `政拨款`; `七、文化旅游体育与` / `7 39` / `传媒支出`)."""
    for n in (j, j + 1):
        if n >= len(lines) or line_kind(lines[n].text) is not LineKind.TABLE or len(lines[n].text) > 120:
            return False
        tokens = tokenize(lines[n].text, lines[n].no)
        if any(t.kind is Kind.NUMBER for t in tokens) and any(t.kind is Kind.TEXT for t in tokens):
            return True
        if n == j and len(tokens) >= 2 and all(t.kind is Kind.NUMBER for t in tokens):
            return not is_page_number(lines[n].text)
    return False

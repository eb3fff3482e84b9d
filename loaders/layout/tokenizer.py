"""A line of table text → tokens, whatever the extraction tool did with the cells.

Cells may be separated by tabs or by runs of spaces, so the words of one cell (`附属单位 上缴收入`,
`合 计`) and the cells of one row are both separated by whitespace here; telling them apart is the
assembler's job. The tokenizer only cuts the text into pieces and says what each piece looks like:

- NUMBER: digits with optional thousands commas and decimals (`3,610.44`, `6,103,096`, `0.00`, `12`),
  also when OCR put a space after the decimal point (`30. 61` is one token) or a unit in the cell
  (`58.39万元`);
- DASH: a dash printed for zero (`——`, `-`);
- TEXT: anything else (names, header words, OCR debris).

A number glued to the text after it (`47,483,458一、社会保障和就业支出`) is cut in two, as is an amount with
decimals glued to the words before it (`二十、住房保障支出26. 14`). A number glued to
the code after it (`14.962070114`) cannot be cut here (the number of decimals decides): see
`split_glued_number`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from loaders.amounts import DASH_CHARS, DASHES


class Kind(StrEnum):
    NUMBER = "number"
    DASH = "dash"
    TEXT = "text"


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Token:
    """One piece of a line: its kind, text as printed, and the document line it is on."""

    kind: Kind
    text: str
    line_no: int

    def __init__(self, kind: Kind, text: str, line_no: int) -> None:
        self.kind = kind
        self.text = text
        self.line_no = line_no

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.kind, self.text, self.line_no) == (
            other.kind,
            other.text,
            other.line_no,
        )

    def __hash__(self) -> int:
        return hash((self.kind, self.text, self.line_no))

    @property
    def is_number(self) -> bool:
        return self.kind is Kind.NUMBER

    @property
    def is_integer(self) -> bool:
        return self.kind is Kind.NUMBER and bool(_PLAIN_INTEGER.fullmatch(self.text))

    @property
    def digits(self) -> str:
        """The number without commas and spaces (`6,103,096` → `6103096`)."""
        return re.sub(r"[\s,，]", "", unicodedata.normalize("NFKC", self.text))

    @property
    def decimals(self) -> int:
        digits = self.digits
        return len(digits.split(".", 1)[1]) if "." in digits else 0


_NUMBER = re.compile(
    r"[-−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\s?\d+)?(?:万元|元)?"  # 3,610.44 / 30. 61 / 58.39万元
)
_PLAIN_INTEGER = re.compile(r"\d+")
_CJK = re.compile(r"[\u3400-\u9fff]")
# CJK characters that continue a number as its unit (`58.39万元`, `2023年`, `3个`): no cut before them.
_UNIT_CHARS = frozenset("万元年月日个件次辆台套人户名项家元%％")
# (not before the head of another amount cut at its point: `738. 707. 707. 31` is `738.`, `707.`, `707. 31`)
_SPACE_IN_DECIMALS = re.compile(r"(\d\.)([ \u3000]+)(\d+)(?![\d.])")
_KEEP = "\x00"  # stands for a space inside a number while the line is split
# An amount with decimals ending a piece of words (`二十、住房保障支出26. 14`: a name glued to its amount),
# or its head, its decimals wrapped onto the next line (`二十、住房保障支出26.` over `14`).
_TRAILING_AMOUNT = re.compile(r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+)\.(?:\s?\d+)?$")


def tokenize(text: str, line_no: int) -> list[Token]:
    """The tokens of one line of text (tabs and spaces both separate tokens); token text as printed."""
    return list(_tokens(text, line_no))


# The layout layer reads a table's lines several times (line kinds, cells, names, the audit): a line is
# cut into tokens once (tokens are immutable; bounded).
@functools.lru_cache(maxsize=8192)
def _tokens(text: str, line_no: int) -> tuple[Token, ...]:
    # `30. 61`: OCR put a space after the decimal point; it stays one number.
    protected = _SPACE_IN_DECIMALS.sub(_protect, text) if "." in text else text
    tokens: list[Token] = []
    for piece in protected.split():
        if _KEEP in piece:
            piece = piece.replace(_KEEP, " ")
        normed = _norm(piece)
        cut = _cut_glued(piece, normed)
        if cut is None:
            tokens.append(_classify(piece, normed, line_no))
        else:
            tokens += [_classify(part, _norm(part), line_no) for part in cut]
    return tuple(tokens)


def _protect(match: re.Match[str]) -> str:
    return match.group(1) + _KEEP * len(match.group(2)) + match.group(3)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _may_be_number(normed: str) -> bool:
    """What every _NUMBER match starts with (a cheap test before the regex)."""
    return bool(normed) and (normed[0].isdecimal() or normed[0] in "-−")


def _cut_glued(piece: str, normed: str) -> list[str] | None:
    """`47,483,458一、社会保障和就业支出` → the number and the text; `二十、住房保障支出26. 14` → the text and
    the amount (one printed with decimals, or its head `26.`, after a Chinese character or a bracket,
    `因公出国（境）0.00`: a name may end with other digits); None for a piece that stays whole. `normed`:
    the piece in NFKC."""
    if len(normed) != len(piece):
        return None
    if not _may_be_number(normed):
        if not (normed[-1:].isdecimal() or normed[-1:] == "."):
            return None  # (a cheap test before the regex: most pieces are words)
        trailing = _TRAILING_AMOUNT.search(normed)
        if trailing is None or not name_end(normed[: trailing.start()]):
            return None
        return [piece[: trailing.start()], piece[trailing.start() :]]
    match = _NUMBER.match(normed)
    if match is None or match.end() == len(piece):
        return None
    rest = piece[match.end() :]
    if match.group(0).endswith("元") or not _CJK.match(rest) or rest[0] in _UNIT_CHARS:
        return None
    return [match.group(0), rest]


def name_end(text: str) -> bool:
    """The words end as a name does, so that an amount glued after them is cut off (`二十、住房保障支出26. 14`):
    with a Chinese character or a closing bracket (`因公出国（境）0.00`)."""
    last = unicodedata.normalize("NFKC", text[-1:])
    return bool(_CJK.match(last)) or last == ")"


def _classify(piece: str, normed: str, line_no: int) -> Token:
    if normed in DASHES or (piece[:1] in DASH_CHARS and set(piece) <= DASH_CHARS):
        return Token(Kind.DASH, piece, line_no)
    if _may_be_number(normed) and _NUMBER.fullmatch(normed):
        return Token(Kind.NUMBER, piece, line_no)
    return Token(Kind.TEXT, piece, line_no)


def split_glued_number(token: Token, decimals: int) -> tuple[str, str] | None:
    """`14.962070114` with 2 decimals → (`14.96`, `2070114`): a number printed with more decimals than
    the table prints, the rest being digits glued from the next cell. None when it does not apply."""
    if token.kind is not Kind.NUMBER or decimals <= 0 or "." not in token.text:
        return None
    head, _, fraction = token.text.partition(".")
    fraction = fraction.replace(" ", "")
    if len(fraction) <= decimals or not fraction.isdigit():
        return None
    return f"{head}.{fraction[:decimals]}", fraction[decimals:]


def split_glued_integer(token: Token) -> tuple[str, str] | None:
    """`6,103,0962080501` → (`6,103,096`, `2080501`): a comma-grouped number whose last group runs on
    into the digits of the next cell. None when it does not apply."""
    if token.kind is not Kind.NUMBER or "." in token.text:
        return None
    groups = re.split(r"[,，]", token.text)
    if len(groups) < 2 or any(len(g) != 3 for g in groups[1:-1]) or len(groups[-1]) <= 3:
        return None
    last = groups[-1]
    return ",".join([*groups[:-1], last[:3]]), last[3:]

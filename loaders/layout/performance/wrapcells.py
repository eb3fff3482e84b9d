"""Cells wrapped into pieces, one piece a line, in reading order (PyMuPDF's text of a bordered table):
which runs of pieces may be one cell.

A cell's text is wrapped at the width of its column, the same for all its lines: every line but the
last is full — the next line's first character (or word) would not have fit on it. The width of a
printed line is known only roughly (a CJK character is one em; a Latin letter, digit or mark is
narrower by an amount that depends on the font), so each piece's width is an interval, and a run of
pieces is one cell when some column width satisfies every line's interval (`one_cell`). A break is also
where line breaking allows it (UAX #14 in brief): not inside a word or number, not before a closing
mark (`，` `）` `%`), not after an opening one (`（`); a closing mark travels with the character before
it (`明:` is the first unit of its line), an opening one with the unit after it (`（B）` is: a line `行数`
may end short of its column by up to the width of `（B）`, `全年执` / `行数` / `（B）`). A `%` after a
character begins a line only where a space stood before it (`执行率` / `%` is `执行率 %`).

Joined, the pieces are the cell's text (`join`): no space between them, except between two words of
Latin letters or digits, where the line break took the space."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from loaders.layout.performance.cells import is_value

# Widths in half-ems: a wide (CJK) character is 2; a narrow one by its class, between its width in a
# narrow and in a wide Latin font; an ambiguous one (`≥`, `“`) narrow in a Latin font, wide in a CJK one.
_WIDE = (2.0, 2.0)
_AMBIGUOUS = (0.8, 2.1)
_NARROW: tuple[tuple[str, tuple[float, float]], ...] = (
    ("0123456789", (0.9, 1.3)),
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (1.0, 1.8)),
    ("abcdefghijklmnopqrstuvwxyz", (0.5, 1.5)),
    (".,:;'!|", (0.4, 1.0)),
    ("()[]{} ", (0.5, 1.0)),
    ("%@&#", (1.3, 1.9)),
)
_OTHER = (0.5, 1.5)
_NO_START = frozenset("，。、；：！？）》」』】〕,.;:!?)]}%‰·’”")
_POSTFIX = frozenset("%‰")  # no break before one after a character (UAX #14: ID × PO), but after a space
_NO_END = frozenset("（《「『【〔([{‘“")
_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


@lru_cache(maxsize=4096)
def _char_width(char: str) -> tuple[float, float]:
    kind = unicodedata.east_asian_width(char)
    if kind in ("W", "F"):
        return _WIDE
    if kind == "A":
        return _AMBIGUOUS
    return next((interval for chars, interval in _NARROW if char in chars), _OTHER)


@lru_cache(maxsize=1 << 14)
def width(text: str) -> tuple[float, float]:
    """The printed width of a line of text, as an interval (half-ems)."""
    low = high = 0.0
    for char in text:
        a, b = _char_width(char)
        low, high = low + a, high + b
    return low, high


def _first_unit(text: str) -> str:
    """What a line break cannot split at the start of a line: a word of letters and digits, or one
    character, with the closing marks that may not begin a line after it; an opening mark, which may not
    end a line, with the unit after it (`（B）`, not `（`)."""
    end = 0
    while end < len(text):
        start, end = end, end + 1
        if text[start] in _WORD:
            while end < len(text) and text[end] in _WORD:
                end += 1
        while end < len(text) and text[end] in _NO_START:
            end += 1
        if text[end - 1] not in _NO_END:
            break
    return text[:end]


def breakable(before: str, after: str) -> bool:
    """A line may end with `before` and the next begin with `after`."""
    a, b = before[-1], after[0]
    if b in _POSTFIX and _char_width(a) == _WIDE and a not in _NO_END:
        return True  # `执行率` / `%`: the text was `执行率 %`, the line broke at its space
    if b in _NO_START or a in _NO_END:
        return False
    return a not in _WORD or b not in _WORD or (a.isalpha() and b.isalpha())  # words apart, not a number


Bounds = tuple[float, float]  # the widths a column may have: at least the first, less than the second


@lru_cache(maxsize=1 << 14)
def bounds(pieces: tuple[str, ...]) -> Bounds:
    """The widths of the column these pieces, one cell broken where lines may break, were wrapped in
    may have: at least its widest line; less than each full line and the next line's first unit (the
    closing marks that cannot begin a line travel with it: `明:`)."""
    low = max(width(piece)[0] for piece in pieces)
    high = float("inf")
    for line, following in itertools.pairwise(pieces):
        high = min(high, width(line)[1] + width(_first_unit(following))[1])
    return low, high


@lru_cache(maxsize=1 << 14)
def one_cell(pieces: tuple[str, ...]) -> bool:
    """The pieces, top to bottom, may be the lines of one cell wrapped at one width: every break where
    a line may break, every line but the last full (the next line's first unit would not have fit),
    none wider than the column. A number alone on a line never continues a cell (its text broke
    before a unit, not before a number: `419268件` / `次`), except after a hyphen (a telephone number
    broken at its hyphen: `0635-` / `8902712`)."""
    if any(
        (is_value(following) and not line.endswith("-")) or not breakable(line, following)
        for line, following in itertools.pairwise(pieces)
    ):
        return False
    low, high = bounds(pieces)
    return low < high


def join(pieces: Sequence[str]) -> str:
    """The text of a cell printed as these pieces."""
    text = pieces[0]
    for piece in pieces[1:]:
        text += (
            " " + piece
            if text[-1].isascii() and text[-1].isalnum() and piece[0].isascii() and piece[0].isalnum()
            else piece
        )
    return text


# A joined text's spaces tried as line breaks in every combination, up to this many unsure spaces (past
# it the text is not judged: it may be one cell).
UNSURE_SPACES = 8


@lru_cache(maxsize=1 << 14)
def wrapped_text_fits(text: str) -> bool:
    """Whether a text holding spaces may be one cell as an extraction prints a wrapped cell on one line:
    its lines joined by a space. A space between two wide (CJK) characters is such a break (the words of
    a Chinese text are not spaced); any other space (around a number or a Latin word: `2022 年`) may be
    a break or a space of the text. The text fits when some choice of those makes its lines one cell
    (`one_cell`): `指导、督导的乡镇数 反映进行指导、督导的乡镇 数` does not (a line of 12 characters
    after a full one of 9), so no reading takes it for one 三级指标. On the samples' tab text every
    indicator cell holding a space fits; headers and headings may not (a break chosen by hand: `公务用车`
    / `运行维护费`), so the rule is asked only of indicator cells."""
    tokens = text.split(" ")
    sure = [not a[-1].isascii() and not b[0].isascii() for a, b in itertools.pairwise(tokens) if a and b]
    if len(sure) != len(tokens) - 1 or not any(sure):
        return True
    unsure = [n for n, is_break in enumerate(sure) if not is_break]
    if len(unsure) > UNSURE_SPACES:
        return True
    for mask in range(1 << len(unsure)):
        breaks = {n for n, is_break in enumerate(sure) if is_break} | {n for k, n in enumerate(unsure) if mask >> k & 1}
        lines = [tokens[0]]
        for n, token in enumerate(tokens[1:]):
            if n in breaks:
                lines.append(token)
            else:
                lines[-1] = f"{lines[-1]} {token}"
        if one_cell(tuple(lines)):
            return True
    return False

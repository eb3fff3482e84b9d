"""No amount lost without a reason: the amounts a table's text prints that its rebuilt lines do not hold.

Whatever a family module makes of a table printed without tabs, every amount printed in its table text
(an amount with decimals: `3,353.52`, `209. 65`, or cut `209.` by a wrapped cell) must end in one of the
rebuilt lines or in a problem (a quarantined line). An amount in neither — eaten by a header block read
too far, a row the module skipped — would be a fact lost silently: its printed line becomes a problem of
its own (`with_unplaced`), with the lines around it that belong to no rebuilt row, so that what it
printed (the code or the name beside the amount) goes to raw_quarantine with it. In a table printed one
cell per line, a cell astray means the cells were not read in their order (a tool printing a table
column by column, a row's cells split around a page break): rows without amounts may have lost their
name as well, so the whole table is quarantined; so is a two-sided table (收支总表) with more than
MAX_SIDELESS lines whose side cannot be told (its lines are not printed as lines).

Amounts printed without decimals (tables in 元) are not checked here: they cannot be told from 序号,
行次 and 栏次 numbers by their form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from loaders.document import Line
from loaders.layout.result import Canonical, Problem
from loaders.layout.text import CELL, LineKind, detect_mode, is_page_number, line_kind
from loaders.layout.tokenizer import Kind, tokenize

_AMOUNT = re.compile(r"(?<![\d,.])\d[\d,]*\.(?:\s?\d+)?(?![\d,])")
_NUMERIC = re.compile(r"[\d,. ]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LABELS = re.compile(r"科目|编码|名称|序号|行次|栏次|金额")
_ROW_START = re.compile(r"[合总]计|(?<!\d)2[0-3]\d(?:\d{2}){0,2}(?!\d)")
_HEADER = re.compile(r"项目|科目|序号|合计|金额|编码|行次|栏次")
SIDE_UNKNOWN = "cannot tell whether this is the income or the expenditure side"
CELLS_ASTRAY = (
    "cells the rebuilt rows do not account for (one cell per line with an amount in no row or a line of "
    "unknown side, or several lines of unknown side): the order the cells were read in cannot be trusted"
)
MAX_SIDELESS = 2  # lines of a two-sided table whose side is unknown, beyond which its reading is not trusted
REASON = "amounts printed in no rebuilt row (read as a header, or skipped)"
MAX_CONTEXT = 12  # lines of context kept with an unplaced amount's line


def amounts(text: str) -> list[Decimal]:
    """The amounts with decimals in a rebuilt text, as exact values."""
    found: list[Decimal] = []
    for match in _AMOUNT.finditer(text):
        value = _decimal(match.group())
        if value is not None:
            found.append(value)
    return found


def printed_amounts(line: Line, decimals: int) -> list[Decimal]:
    """The amounts a printed line holds, by its tokens: numbers printed with the table's decimals, and
    on a line that prints words (a name, 合计), amounts in a word (`209.`, an amount cut after its point,
    the rest wrapped in its cell). Other numbers with a point are OCR debris (`12.4` in a header)."""
    tokens = tokenize(line.text, line.no)
    worded = any(_CJK.search(token.text) for token in tokens if token.kind is Kind.TEXT)
    found: list[Decimal] = []
    for token in tokens:
        if token.kind is Kind.NUMBER and _decimals(token.text) == decimals:
            value = _decimal(token.text)
            found += [value] if value is not None else []
        elif token.kind is Kind.TEXT and worded and _NUMERIC.fullmatch(token.text):
            found += amounts(token.text)
    return found


def table_decimals(lines: Sequence[Line]) -> int:
    """The number of decimals most amounts of the table print."""
    counts = Counter(
        _decimals(t.text)
        for line in lines
        for t in tokenize(line.text, line.no)
        if t.kind is Kind.NUMBER and "." in t.text
    )
    return counts.most_common(1)[0][0] if counts else -1


def _decimals(text: str) -> int:
    return len(text.split(".")[-1].replace(" ", "")) if "." in text else 0


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None


def _table_lines(lines: Sequence[Line], title: str) -> list[Line]:
    """The table text lines from the first line of its header on (what comes before it is page debris:
    the unit, the year, OCR leftovers)."""
    table = [line for line in lines if line_kind(line.text, title) is LineKind.TABLE and not is_page_number(line.text)]
    start = next((n for n, line in enumerate(table) if _HEADER.search("".join(line.text.split()))), len(table))
    return table[start:]


def unplaced_lines(lines: Sequence[Line], canonical: Canonical) -> list[Line]:
    """The table lines printing an amount held by no rebuilt line and no problem. An amount is matched
    first on its own line (a rebuilt line or problem numbered as the printed line), then anywhere."""
    held: Counter[tuple[int, Decimal]] = Counter()
    anywhere: Counter[Decimal] = Counter()
    printed = [*((line.no, line.text) for line in canonical.lines), *((p.line_no, p.text) for p in canonical.problems)]
    for number, text in printed:
        for value in amounts(text):
            held[(number, value)] += 1
            anywhere[value] += 1
    pending: list[tuple[Line, Decimal]] = []
    decimals = table_decimals(lines)
    header_end = canonical.lines[0].no if canonical.lines else 0
    for line in lines:
        squashed = "".join(line.text.split())
        if _LABELS.search(squashed):
            continue  # a header line (printed again): a number on it is OCR debris or a 栏次
        if line.no <= header_end and not _ROW_START.search(squashed):
            continue  # in the header block, only a data row read as header is looked for (OCR debris)
        for value in printed_amounts(line, decimals):
            if held[(line.no, value)] > 0:
                held[(line.no, value)] -= 1
                anywhere[value] -= 1
            else:
                pending.append((line, value))
    lost: list[Line] = []
    for line, value in pending:
        whole = value if anywhere[value] > 0 else _completed(anywhere, value)
        if whole is not None:
            anywhere[whole] -= 1
        elif not lost or lost[-1].no != line.no:
            lost.append(line)
    return lost


def _completed(held: Counter[Decimal], head: Decimal) -> Decimal | None:
    """A held amount that an amount cut after its point (`738.`: its decimals wrapped onto another line)
    is the head of (738.05), when the head is printed without decimals; None otherwise."""
    exponent = head.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < 0:
        return None
    found = [v for v, n in held.items() if n > 0 and int(v) == head and v != head]
    return min(found) if found else None


def with_unplaced(lines: Sequence[Line], title: str, canonical: Canonical) -> Canonical:
    """The canonical lines with a problem for every table line whose amounts they lost (see the module
    docstring); the canonical as it is when nothing is lost, or when the table is quarantined whole."""
    if canonical.error is not None or not canonical.lines:
        return canonical
    table = _table_lines(lines, title)
    lost = unplaced_lines(table, canonical)
    sideless = [p.line_no for p in canonical.problems if p.reason == SIDE_UNKNOWN]
    one_cell_a_line = detect_mode(table) == CELL
    if (one_cell_a_line and (lost or sideless)) or len(sideless) > MAX_SIDELESS:
        line_no = lost[0].no if lost and one_cell_a_line else sideless[0]
        text = next((line.text for line in table if line.no == line_no), title)
        return Canonical(error=Problem(line_no, CELLS_ASTRAY, text))
    if not lost:
        return canonical
    quarantined = {p.line_no for p in canonical.problems}
    anchored = {line.no for line in canonical.lines} | quarantined
    problems = list(canonical.problems)
    for line in lost:
        if line.no in quarantined:
            continue
        problems.append(Problem(line.no, REASON, _context(table, line.no, anchored)))
    return Canonical(canonical.lines, tuple(problems), canonical.error)


def _context(table: Sequence[Line], line_no: int, anchored: set[int]) -> str:
    """The text of a lost line with the lines before it back to the last line of a rebuilt row or
    problem (the code and name of its row, when printed apart from its amounts), at most MAX_CONTEXT."""
    index = next(i for i, line in enumerate(table) if line.no == line_no)
    start = index
    while start > 0 and index - start < MAX_CONTEXT and table[start - 1].no not in anchored:
        start -= 1
    return " ".join(line.text.strip() for line in table[start : index + 1])

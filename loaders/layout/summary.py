"""The two-sided summary tables (收支总表 `summary`, 财政拨款收支总表 `appropriation_summary`) printed
without tabs.

Each printed line holds up to two halves — income, then expenditure — each a line name, its 行次 when
the table prints them, and its amounts (one; on the expenditure side of an appropriation summary, one
per fund column: 合计 / 一般公共预算 / 政府性基金 / 国有资本经营); budgets print one 序号 per line instead
of 行次. The halves are cut at the names and row numbers; a line holding one half is put on its side by
its name (the summary parser's line keys) or, failing that, by its row number's sequence.

An expenditure half printing fewer amounts than fund columns is placed by identities, jointly with the
document's function tables (loaders.layout.document): 合计 = Σ funds; 本年支出合计 = Σ class lines and
总计 = 本年支出合计 + 年末结转 per fund; per fund, income + 年初结转 = 本年支出合计 + 年末结转; and each
class line's fund amount = that class's total in the fund's own table (一般公共预算 / 政府性基金 /
国有资本经营财政拨款支出表).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import islice, product

from loaders.layout.assign import Identity, Outcome, Row, Term, Value, holds
from loaders.layout.body import (
    NUMBERED_NAME,
    Body,
    all_heads_apart,
    drop_repeated_headers,
    first_data_line,
    floats,
    is_amount_head,
    join_split_amounts,
    table_decimals,
)
from loaders.layout.centred import Column
from loaders.layout.function import amount_value
from loaders.layout.header import (
    cell_mode_lines,
    column_numbering,
    completes,
    header_end,
    label_pieces,
    read_labels,
    without_headers,
    words_labels,
)
from loaders.layout.names import Fragments, Slot, Unsure, printed_width, slot_text
from loaders.layout.result import Canonical, LayoutError, Problem, tab_line
from loaders.layout.text import CELL, Cell, joined, squash, text_cell
from loaders.layout.tokenizer import Kind
from loaders.parsers.summary import EXPENDITURE_KEYS, INCOME_KEYS, OPENING_BY_FUND, function_classes, key_name, line_key

FAMILIES = ("summary", "appropriation_summary")
INCOME, EXPENDITURE = "income", "expenditure"
FUNDS = ("total", "general_budget", "government_fund", "state_capital")
FUND_WORDS = {
    "total": "合计",
    "general_budget": "一般公共预算财政拨款",
    "government_fund": "政府性基金预算财政拨款",
    "state_capital": "国有资本经营预算财政拨款",
}
PHRASES = frozenset(
    {
        "收入",
        "支出",
        "项目",
        "收入项目",
        "支出项目",
        "行次",
        "序号",
        "栏次",
        "档次",
        "金额",
        "决算数",
        "预算数",
        "合计",
        "小计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "单位:万元",
        "单位:元",
        "金额单位:万元",
    }
)
_FUND_PATTERNS = (
    ("general_budget", re.compile("一般公共")),
    ("government_fund", re.compile("政府性基金|基金")),
    ("state_capital", re.compile("国有资本")),
    ("total", re.compile("合计|小计")),
)
# Fund columns on the expenditure side → the 财政拨款 table that prints that fund by subject.
FUND_TABLES = {
    "general_budget": "general_budget_expenditure",
    "government_fund": "government_fund",
    "state_capital": "state_capital",
}
FUND_INCOME = {
    "general_budget": ("general_budget_appropriation", "opening_balance_general_budget"),
    "government_fund": ("government_fund_appropriation", "opening_balance_government_fund"),
    "state_capital": ("state_capital_appropriation", "opening_balance_state_capital"),
}


@dataclass(frozen=True)
class Columns:
    serial: bool
    rows: bool  # each half prints a 行次
    funds: tuple[str, ...]  # the expenditure side's amount columns

    def header(self) -> list[str]:
        words = ["序号"] if self.serial else []
        words += ["项目", "行次", "金额"] if self.rows else ["项目", "金额"]
        words += ["项目", "行次"] if self.rows else ["项目"]
        words += [FUND_WORDS[f] for f in self.funds] if len(self.funds) > 1 else ["金额"]
        return words


@dataclass  # __init__ and __eq__ written out: compiled (loaders/native.py)
class Half:
    name: Cell | None = None
    row: Cell | None = None
    values: list[Cell] = field(default_factory=list)
    side: str = ""
    key: str | None = None

    def __init__(
        self,
        name: Cell | None = None,
        row: Cell | None = None,
        values: list[Cell] | None = None,
        side: str = "",
        key: str | None = None,
    ) -> None:
        self.name = name
        self.row = row
        self.values = [] if values is None else values
        self.side = side
        self.key = key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Half) and (self.name, self.row, self.values, self.side, self.key) == (
            other.name,
            other.row,
            other.values,
            other.side,
            other.key,
        )

    @property
    def empty(self) -> bool:
        return self.name is None and self.row is None and not self.values

    @property
    def line_no(self) -> int:
        first = self.name or self.row or (self.values[0] if self.values else None)
        return first.line_no if first is not None else 0


def half_text(half: Half) -> str:
    return " ".join(c.text for c in (half.name, half.row, *half.values) if c is not None)


def problem_text(half: Half, line: PrintedLine) -> str:
    """The text quarantined for a half that cannot be loaded: the printed line, or the half alone when
    the line holds nothing else (one cell per line: a line's cells are the whole run they were read in)."""
    return line.text if len(line.halves) > 1 else half_text(half)


@dataclass
class PrintedLine:
    line_no: int
    serial: str = ""
    halves: dict[str, Half] = field(default_factory=dict)
    cells: list[Cell] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.cells)


# --- header ----------------------------------------------------------------------------------------


def read_columns(header_lines: list[list[Cell]], data: Sequence[Sequence[Cell]], family: str, line_no: int) -> Columns:
    labels = [label for line in read_labels(header_lines, PHRASES) for label in line]
    texts = [label.text for label in labels]
    names = sum(1 for t in texts if re.fullmatch("(收入|支出)?项目", t))
    if names < 2:
        raise LayoutError(f"header not understood: {names} 项目 columns (expected 2)", line_no)
    rows = "行次" in texts
    serial = "序号" in texts or (not rows and _lines_open_with_integers(data))
    funds: tuple[str, ...] = ("total",)
    if family == "appropriation_summary":
        found = {fund for t in texts for fund, pattern in _FUND_PATTERNS if pattern.search(t)}
        found |= {"total"}
        funds = tuple(f for f in FUNDS if f in found)
        if len(funds) not in (1, 4):
            raise LayoutError(f"header not understood: expenditure fund columns {list(funds)}", line_no)
    return Columns(serial, rows, funds)


def _lines_open_with_integers(data: Sequence[Sequence[Cell]]) -> bool:
    lines = [line for line in data if line]
    return bool(lines) and all(line[0].is_integer for line in lines)


def _is_data_line(cells: Sequence[Cell]) -> bool:
    """A line with a line name (numbered `一、…`, or a total) and a number, or only numbers (行次)."""
    texts = [c for c in cells if c.is_text]
    if not texts:
        return any(c.is_integer for c in cells) and len(cells) >= 2
    return any(
        line_key(INCOME, t.text, False) or line_key(EXPENDITURE, t.text, False) or _splits(t) for t in texts
    ) and any(c.kind is not Kind.TEXT for c in cells)


def split_header(body: Body) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """The header lines and the data lines. Data starts at the first line with words and numbers that
    is not a header line (栏次 numbering, header words with OCR debris), with the head of a wrapped
    name printed on the line right above it."""
    if body.mode == CELL:
        stream = _wrapped_names_joined(body.stream)
        start = next((i for i in range(len(stream)) if _opens_data(stream, i)), len(stream))
        decimals = table_decimals(stream)
        astray = next((c for c in stream[:start] if _amount_with(c, decimals)), None)
        if astray is not None:  # the header block read on into the data: where the rows start is not seen
            reason = f"an amount in the header block ({astray.text}): its first rows not found"
            raise LayoutError(reason, astray.line_no)
        return cell_mode_lines(stream[:start]), [stream[start:]]
    lines = [list(line) for line in body.lines]
    first = header_end(lines, first_data_line(lines, _starts_data, _is_header_line), PHRASES)
    return lines[:first], lines[first:]


def _amount_with(cell: Cell, decimals: int) -> bool:
    """An amount printed with the table's decimals (not OCR debris like `12.2` in a header)."""
    return cell.kind is Kind.NUMBER and len(cell.tokens) == 1 and decimals > 0 and cell.tokens[0].decimals == decimals


def _starts_data(cells: Sequence[Cell]) -> bool:

    if column_numbering(cells):
        return False
    if _is_data_line(cells):
        return True
    texts = [c for c in cells if c.is_text]
    if not texts or all(c.is_text for c in cells) or any(c.squashed in ("栏次", "档次") for c in texts):
        return False
    pieces = [p for c in texts for p in words_labels([squash(t.text) for t in c.tokens], PHRASES)]
    return not any(known and text in _STRONG for text, known in pieces)


def _opens_data(stream: Sequence[Cell], i: int) -> bool:
    """In a cell-mode stream: the first data line starts here — a line name followed by a number (or
    by another line name), or the 序号 just before one."""
    cell = stream[i]
    if cell.is_integer and i + 1 < len(stream) and _opens_name(stream, i + 1):
        return not _continues_numbering(stream, i)
    return _opens_name(stream, i) and not (
        i > 0 and stream[i - 1].is_integer and not _continues_numbering(stream, i - 1)
    )


def _opens_name(stream: Sequence[Cell], i: int) -> bool:

    cell = stream[i]
    if not cell.is_text or not _known_name(cell.text):
        return False
    pieces = words_labels([squash(t.text) for t in cell.tokens], PHRASES)
    if all(known for _, known in pieces):
        return False  # a header label (一般公共预算财政拨款 over a fund column)
    following = stream[i + 1] if i + 1 < len(stream) else None
    return (
        following is None
        or not following.is_text
        or (
            _known_name(following.text)
            and not all(known for _, known in words_labels([squash(t.text) for t in following.tokens], PHRASES))
        )
    )


def _continues_numbering(stream: Sequence[Cell], i: int) -> bool:
    """stream[i] is part of a 栏次 numbering (栏次 1 2 3 …)."""
    k = i
    while k >= 0 and stream[k].is_integer:
        k -= 1
    if k < 0 or stream[k].squashed not in ("栏次", "档次"):
        return False
    numbers = [int(c.squashed) for c in stream[k + 1 : i + 1]]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


# --- halves ----------------------------------------------------------------------------------------


def _splits(cell: Cell) -> tuple[str, str] | None:
    """A text cell holding two line names (`八、上级补助收入 八、社会保障和就业支出`): income, expenditure."""
    tokens = [t.text for t in cell.tokens]
    found = [
        (" ".join(tokens[:s]), " ".join(tokens[s:]))
        for s in range(1, len(tokens))
        if line_key(INCOME, " ".join(tokens[:s]), False) and line_key(EXPENDITURE, " ".join(tokens[s:]), False)
    ]
    return found[0] if len(found) == 1 else None


def _name_cells(cells: Sequence[Cell]) -> list[Cell]:
    """Text cells with two line names cut in two."""
    out: list[Cell] = []
    for cell in cells:
        parts = _splits(cell) if cell.is_text and len(cell.tokens) > 1 else None
        if parts is None:
            out.append(cell)
            continue
        out.append(Cell(Kind.TEXT, parts[0], cell.line_no, cell.first))
        out.append(Cell(Kind.TEXT, parts[1], cell.line_no))
    return out


_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def numeral(name: str) -> int | None:
    """The number of a line name's `二十二、` prefix."""
    found = NUMBERED_NAME.match(name.strip())
    if not found:
        return None
    text = found.group(1)
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_DIGITS.get(tens, 0) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)


@dataclass
class Sequences:
    """The last row number seen on each side (行次 run 1, 2, 3 … on the income side, on from there on the
    expenditure side), and the last `一、二、…` numeral of each side's line names."""

    last: dict[str, int] = field(default_factory=dict)
    numerals: dict[str, int] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)  # every row number seen so far

    def side_of_numeral(self, name: str) -> str | None:
        number = numeral(name)
        if number is None:
            return None
        fits = [side for side in (INCOME, EXPENDITURE) if self.numerals.get(side, 0) + 1 == number]
        return fits[0] if len(fits) == 1 else None

    def see_name(self, side: str, name: str) -> None:
        number = numeral(name)
        if number is not None:
            self.numerals[side] = number

    def side_of(self, number: int) -> str | None:
        fits = [side for side in (INCOME, EXPENDITURE) if side in self.last and number == self.last[side] + 1]
        return fits[0] if len(fits) == 1 else None

    def follows(self, number: int) -> bool:
        return number - 1 in self.seen and number not in self.seen

    def see(self, side: str, number: str) -> None:
        if number.isdigit():
            self.last[side] = int(number)
            self.seen.add(int(number))


def _capacity(half: Half, funds: int) -> int:

    return 1 if half.name is not None and line_key(INCOME, half.name.text, False) else funds


def cut_halves(cells: Sequence[Cell], columns: Columns, sequences: Sequences) -> list[Half]:
    """Cut a run of cells into halves: a half starts at a name; with 行次, the first integer after a name
    is its row number, and an integer continuing a side's row numbers starts a half without a name.
    Without 行次, an integer between a half whose amounts are all there and a name is printed in that
    name's cell (`31 本年支出合计`)."""
    halves: list[Half] = []
    current = Half()
    i = 0
    while i < len(cells):
        cell = cells[i]
        following = cells[i + 1] if i + 1 < len(cells) else None
        i += 1
        if cell.is_text:
            if not current.empty:
                halves.append(current)
            current = Half(name=cell)
            continue
        if columns.rows and cell.is_integer:
            if current.row is None and not current.values:
                current.row = cell
                sequences.seen.add(int(cell.squashed))
                continue
            if sequences.follows(int(cell.squashed)):
                halves.append(current)
                current = Half(row=cell)
                sequences.seen.add(int(cell.squashed))
                continue
        full = len(current.values) >= _capacity(current, len(columns.funds))
        if not columns.rows and cell.is_integer and following is not None and following.is_text and full:
            if not current.empty:
                halves.append(current)
            current = Half(name=Cell(Kind.TEXT, f"{cell.text} {following.text}", cell.line_no, cell.first))
            i += 1
            continue
        current.values.append(cell)
    if not current.empty:
        halves.append(current)
    return halves


def _side_of(half: Half, sequences: Sequences) -> str | None:

    if half.name is not None:
        sides = [s for s in (INCOME, EXPENDITURE) if line_key(s, half.name.text, False)]
        if len(sides) == 1:
            return sides[0]
        by_numeral = sequences.side_of_numeral(half.name.text)
        if by_numeral is not None and (not sides or by_numeral in sides):
            return by_numeral
    if half.row is not None and half.row.is_integer:
        return sequences.side_of(int(half.row.squashed))
    return None


def read_lines(data: Sequence[Sequence[Cell]], columns: Columns, mode: str) -> tuple[list[PrintedLine], list[Problem]]:
    """The printed lines of the table's data (cell mode: the halves each on a line of their own)."""
    problems: list[Problem] = []
    lines: list[PrintedLine] = []
    sequences = Sequences()
    units = _units(data, columns, mode)
    for cells in units:
        cells = _name_cells(cells)
        serial = ""
        if columns.serial and cells and cells[0].is_integer:
            serial, cells = cells[0].text, cells[1:]
        halves = cut_halves(cells, columns, sequences)
        line = PrintedLine(cells[0].line_no if cells else 0, serial, {}, list(cells))
        if not cells and serial:
            continue
        real_line = mode != CELL or columns.serial
        if real_line and len(halves) == 2:
            pairs = [(INCOME, halves[0]), (EXPENDITURE, halves[1])]
        elif real_line and len(halves) > 2:
            problems.append(Problem(line.line_no, f"{len(halves)} line names or row numbers on one line", line.text))
            continue
        else:
            pairs = []
            for half in halves:
                side = _side_of(half, sequences)
                if side is None:
                    text = half_text(half) if mode == CELL else " ".join([serial, *(c.text for c in cells)]).strip()
                    problems.append(
                        Problem(half.line_no, "cannot tell whether this is the income or the expenditure side", text)
                    )
                    continue
                pairs.append((side, half))
                _see(sequences, side, half)
        if real_line:
            for side, half in pairs:
                _see(sequences, side, half)
        if not real_line:
            for side, half in pairs:
                lines.append(PrintedLine(half.line_no, serial, {side: half}, list(cells)))
                serial = ""
        elif pairs:
            line.halves = dict(pairs)
            line.line_no = min(h.line_no for _, h in pairs)
            lines.append(line)
    return lines, problems


def _see(sequences: Sequences, side: str, half: Half) -> None:
    if half.row is not None:
        sequences.see(side, half.row.squashed)
    if half.name is not None:
        sequences.see_name(side, half.name.text)


def _units(data: Sequence[Sequence[Cell]], columns: Columns, mode: str) -> list[list[Cell]]:
    """Printed lines (space mode); in the cell mode the stream cut at the 序号 when there is one."""
    if mode != CELL:
        return [list(line) for line in data if line]
    stream = [cell for line in data for cell in line]
    if not columns.serial:
        return [stream] if stream else []
    units: list[list[Cell]] = []
    expected = 1
    for cell in stream:
        if cell.is_integer and int(cell.squashed) == expected:
            units.append([])
            expected += 1
        if units:
            units[-1].append(cell)
    return units


# --- the table -------------------------------------------------------------------------------------


@dataclass
class Prepared:
    family: str
    unit: str
    header_no: int
    columns: Columns
    lines: list[PrintedLine]
    problems: list[Problem]
    widths: set[int] = field(default_factory=set)
    unsure: dict[int, str] = field(default_factory=dict)  # lines whose names cannot be rebuilt for sure
    beside: dict[int, str] = field(default_factory=dict)  # their unsure name pieces, as printed
    serials: set[int] = field(default_factory=set)  # lines opening with their 序号 (their amounts are theirs)
    # amounts cut at their point, joined, whose place among their line's amounts is not printed
    floating: list[Cell] = field(default_factory=list)
    loose_heads: set[int] = field(default_factory=set)  # lines printing a head of an amount left without its tail

    @property
    def width(self) -> int:
        return len(self.columns.funds)

    def key(self, line_key: str) -> str:
        return f"{self.family}:{line_key}"

    def keyed(self) -> None:
        """Give every half its line_key (the summary parser's, with its 年初结转 state). The names of the
        income lines by fund (一般公共预算财政拨款 …) stand for the year's appropriations before the
        年初结转和结余 line and for its parts after it. Such a name after 本年收入合计 (which closes the year's
        income lines) with no 年初 line read in between is a part of a 年初 line that was not rebuilt: it
        cannot be keyed for sure and its line is reported instead."""
        after_opening = False
        doubtful = False  # 本年收入合计 seen: the year's own income lines are over
        for line in self.lines:
            for side, half in line.halves.items():
                half.side = side
                if half.name is None:
                    continue
                half.key = line_key(side, half.name.text, after_opening)
                if side == INCOME and half.key == "opening_balance":
                    after_opening = True
                if side == INCOME and half.key == "income_total":
                    doubtful = True
                if side == INCOME and doubtful and not after_opening and half.key in OPENING_BY_FUND:
                    half.key = None
                    self.unsure.setdefault(line.line_no, _STATE_UNKNOWN)

    def placeable(self) -> list[Half]:
        """Expenditure halves to place by identities: each line key's first, amounts only, not too many,
        not in doubt (`_doubt`: it is not loaded)."""
        found: list[Half] = []
        seen: set[str] = set()
        for line in self.lines:
            half = line.halves.get(EXPENDITURE)
            if half is None or half.key is None or half.key in seen or self._doubt(half) is not None:
                continue
            values = [amount_value(c, self.unit) for c in half.values]
            if any(v is None for v in values) or len(values) > self.width:
                continue
            seen.add(half.key)
            found.append(half)
        return found

    def solver_rows(self) -> list[Row]:
        return [
            Row(
                self.key(h.key or ""),
                tuple(v for c in h.values if (v := amount_value(c, self.unit))),
                self.width,
                floating=self._floating(h),
            )
            for h in self.placeable()
        ]

    def _floating(self, half: Half) -> int:
        """How many of the half's last amounts float (their place among its amounts not printed): a
        floating amount is put at the end of its line (join_split_amounts), so it ends the line's last half."""
        return sum(1 for cell in half.values if floats(cell, self.floating))

    def income_value(self, key: str) -> Value | bool | None:
        """An income line's amount (None: printed blank; False: not printed, or not read for sure: emit
        would doubt the half, or the line is reported for name pieces beside it and its own name is not
        whole)."""
        for line in self.lines:
            half = line.halves.get(INCOME)
            if half is not None and half.key == key:
                if self._doubt(half) is not None:
                    return False
                if line.line_no in self.unsure and not (half.name is not None and whole_name(half.name.text)):
                    return False
                if not half.values:
                    return None
                return amount_value(half.values[0], self.unit) if len(half.values) == 1 else False
        return False

    def sums(self) -> dict[str, bool]:
        """Whether each side's lines above its 本年合计 line add up to it (a blank amount counts 0), in a
        table of one amount column; a side without that line, or with a line printing several amounts
        or one that is no amount, has no sum."""
        found: dict[str, bool] = {}
        for side, total_key in ((INCOME, "income_total"), (EXPENDITURE, "expenditure_total")):
            halves = [h for line in self.lines if (h := line.halves.get(side)) is not None and h.key is not None]
            end = next((k for k, h in enumerate(halves) if h.key == total_key), None)
            if end is None or any(len(h.values) > 1 for h in halves[: end + 1]):
                continue
            values = [amount_value(h.values[0], self.unit) if h.values else _BLANK for h in halves[: end + 1]]
            if any(v is None for v in values):
                continue
            *parts, total = [v for v in values if v is not None]
            difference = sum((v.wan for v in parts), start=Decimal(0)) - total.wan
            tolerance = sum((v.tolerance for v in (*parts, total)), start=Decimal(0))
            found[f"Σ {side} lines = {total_key}"] = abs(difference) <= tolerance
        return found

    def cell_term(self, key: str, fund: str) -> Term | None:
        if fund not in self.columns.funds or not any(h.key == key for h in self.placeable()):
            return None
        return Term(1, self.key(key), self.columns.funds.index(fund))

    def identities(self) -> list[Identity]:
        """合计 = Σ funds on each line; per fund: 本年支出合计 = Σ class lines, 总计 = 本年支出合计 + 年末结转
        (+ 结余分配), income + 年初结转 = 本年支出合计 + 年末结转."""
        if self.width == 1:
            return []
        halves = self.placeable()
        keys = {h.key for h in halves}
        found: list[Identity] = []
        for half in halves:
            found.append(funds_identity(self.key(half.key or ""), self.width, f"{self.family} {half.key}"))
        if self.problems or self.unsure or self._doubtful:
            return found  # a line not read in full may be a term of them: no identity between lines
        classes = sorted(k for k in keys if k and k.isdigit())
        for column, fund in enumerate(self.columns.funds):
            if "expenditure_total" in keys and classes:
                terms = (
                    Term(1, self.key("expenditure_total"), column),
                    *(Term(-1, self.key(k), column) for k in classes),
                )
                found.append(Identity(f"{self.family} 本年支出合计 = Σ class lines ({fund})", terms))
            if "grand_total" in keys and "expenditure_total" in keys:
                parts = [k for k in ("expenditure_total", "closing_balance", "balance_distribution") if k in keys]
                terms = (Term(1, self.key("grand_total"), column), *(Term(-1, self.key(k), column) for k in parts))
                found.append(Identity(f"{self.family} 总计 = 本年支出合计 + 年末结转 ({fund})", terms))
            income_keys = ("income_total", "opening_balance") if fund == "total" else FUND_INCOME[fund]
            printed = [self.income_value(k) for k in income_keys]
            if "expenditure_total" in keys and any(v is not False for v in printed):
                constant = sum((v.wan for v in printed if isinstance(v, Value)), start=Decimal(0))
                unit = sum((v.unit for v in printed if isinstance(v, Value)), start=Decimal(0))
                spent = [Term(1, self.key("expenditure_total"), column)]
                if "closing_balance" in keys:
                    spent.append(Term(1, self.key("closing_balance"), column))
                found.append(
                    Identity(
                        f"{self.family} income + 年初结转 = 本年支出合计 + 年末结转 ({fund})",
                        tuple(spent),
                        Value(-constant, unit),
                    )
                )
        return found

    def emit(self, outcome: Outcome | None) -> Canonical:
        problems = list(self.problems)
        placeable = self.placeable()
        out = [tab_line(self.header_no, self.columns.header())]
        for line in self.lines:
            if line.line_no in self.unsure:
                pieces = self.beside.get(line.line_no)
                printed = " ".join(t for t in (line.serial, line.text) if t)  # with its 序号, as printed
                text = f"{printed} (name pieces beside it: {pieces})" if pieces else printed
                problems.append(Problem(line.line_no, self.unsure[line.line_no], text))
                continue
            texts = [line.serial] if self.columns.serial else []
            income = self._whole(INCOME, line, problems)
            texts += self._half_texts(income, dict(enumerate(income.values)), 1)
            expenditure = self._whole(EXPENDITURE, line, problems)
            cells = dict(enumerate(expenditure.values))
            fewer = 0 < len(expenditure.values) < self.width
            if expenditure in placeable and outcome is not None and (fewer or self._floating(expenditure)):
                placement = outcome.placed.get(self.key(expenditure.key or ""))
                if placement is None:
                    reason = self._reason(expenditure, outcome)
                    problems.append(Problem(expenditure.line_no, reason, problem_text(expenditure, line)))
                    expenditure = Half()
                    cells = {}
                else:
                    cells = dict(zip(placement, expenditure.values, strict=True))
            texts += self._half_texts(expenditure, cells, self.width)
            out.append(tab_line(line.line_no, texts))
        return Canonical(tuple(out), tuple(problems))

    def _whole(self, side: str, line: PrintedLine, problems: list[Problem]) -> Half:
        """The line's half on one side, or an empty one (reported, naming the side: both halves of a
        line can fail alike) when what it would load is not sure: its rebuilt name is cut, an integer
        sits among amounts the table prints with decimals (a 行次 or 序号 taken for an amount), or it
        prints no amount while amounts of the table were printed apart from any line."""
        half = line.halves.get(side, Half())
        reason = self._doubt(half)
        if reason is None:
            return half
        problems.append(Problem(half.line_no, f"{side} side: {reason}", problem_text(half, line)))
        return Half()

    def _doubt(self, half: Half) -> str | None:
        if half.name is None:
            return None
        if half.key is not None and not whole_name(half.name.text):  # an unknown name: the parser says so
            return f"line name {half.name.text!r} is cut (a wrapped piece missing)"
        if self._decimals and any(cell.is_integer for cell in half.values):
            return "an integer among amounts printed with decimals (a row number taken for an amount?)"
        if not half.values and (self._astray or self._near_loose_head(half.line_no)):
            return "printed no amount in a table with amounts printed apart from any line (they may be its own)"
        return None

    @functools.cached_property
    def _doubtful(self) -> bool:
        """A half of some line is not loaded (`_doubt`): a term of the identities between lines is missing."""
        return any(self._doubt(half) is not None for line in self.lines for half in line.halves.values())

    @functools.cached_property
    def _decimals(self) -> bool:
        """The table prints its amounts with decimals (a column of amounts keeps one format)."""
        values = [c for line in self.lines for h in line.halves.values() for c in h.values]
        return any(c.kind is Kind.NUMBER and not c.is_integer for c in values)

    def _near_loose_head(self, line_no: int) -> bool:
        """A head of an amount cut at its point, left without its tail, is printed within the height of
        a wrapped cell of the line (LOOSE_REACH lines): the amount may be the line's."""
        return any(abs(line_no - head) <= LOOSE_REACH for head in self.loose_heads)

    @functools.cached_property
    def _astray(self) -> bool:
        """A reported line prints amounts that may belong to another line (not those of a line opening
        with its 序号: they are that row's, though it is not read)."""
        return any(_AMOUNT_TEXT.search(p.text) and p.line_no not in self.serials for p in self.problems)

    def _half_texts(self, half: Half, cells: dict[int, Cell], width: int) -> list[str]:
        texts = [half.name.text if half.name is not None else ""]
        if self.columns.rows:
            texts.append(half.row.text if half.row is not None else "")
        texts += [cells[c].text if c in cells else "" for c in range(max(width, len(cells)))]
        return texts

    def _reason(self, half: Half, outcome: Outcome) -> str:
        key = self.key(half.key or "")
        head = f"expenditure side: cannot tell the fund columns of its {len(half.values)} amount(s)"
        if key in outcome.impossible:
            return f"{head}: {outcome.impossible[key]}"
        options = outcome.ambiguous.get(key, [])
        shown = "; ".join("/".join(self.columns.funds[c] for c in p) for p in options[:4])
        return f"{head}: {len(options)} placements fit the identities ({shown})"


# How far (printed lines) a cell's piece may stand from its row's main line: a cell wrapped over
# three lines, printed centred or pushed down by a tool, reaches three lines from the row's line.
LOOSE_REACH = 3
_BLANK = Value(Decimal(0), Decimal(0))  # a line printing no amount: 0, no rounding
_STATE_UNKNOWN = (
    "an income line by fund after 本年收入合计 with no 年初结转和结余 line read above it: a part of a 年初 line"
    " that was not rebuilt, or a misplaced line; not keyed"
)


# (`prepare`'s callbacks: module functions bound with functools.partial, not closures (loaders/native.py).)
def _is_data(numbered: bool, behind: set[int], cells: Sequence[Cell]) -> bool:
    if numbered:
        return any(not c.is_text for c in cells) and cells[0].line_no not in behind
    return _is_data_line(cells) or all(_known_name(t.text) for c in cells for t in c.tokens)


def prepare(family: str, body: Body, unit: str, title_line: int, widths: set[int] | None = None) -> Prepared:
    header_lines, data = split_header(body)
    header_no = next((line[0].line_no for line in reversed(header_lines) if line), title_line)
    problems: list[Problem] = []
    own: set[int] = set()
    if body.mode != CELL:
        data = without_headers(data, _is_header_line, _header_pieces)
        columns = read_columns(header_lines, [d for d in data if any(not c.is_text for c in d)], family, header_no)
        data = [all_heads_apart(line) for line in data]
        opening = functools.partial(_opening, _serial_lines(data) if columns.serial else set())
        split = join_split_amounts(data, body.raw, table_decimals([c for line in data for c in line]), opening)
        data, raw, floating = split.lines, split.raw, split.floating
        loose = {line[0].line_no for line in data if any(is_amount_head(cell) for cell in line)}
        numbered = columns.rows or columns.serial
        behind = _out_of_sequence(data) if columns.serial else set()
        data = _behind_as_pieces(data, behind)
        if columns.serial and not columns.rows:
            data = _names_continued(data)
        is_data = functools.partial(_is_data, bool(numbered), behind)
        decimals = any(c.kind is Kind.NUMBER and not c.is_integer for line in data for c in line)
        openings = row_name_slots if columns.rows and decimals else _no_slots
        well_formed = None
        prefer = None
        if columns.serial and not columns.rows:
            openings = serial_name_slots
            well_formed = functools.partial(halves_in_place, width=len(columns.funds))
            if len(columns.funds) > 1:
                prefer = functools.partial(funds_add_up, width=len(columns.funds), unit=unit, floating=floating)
        fragments = Fragments(
            data,
            raw,
            is_data,
            token_slots,
            _accept_on_side,
            openings=openings,
            completes=_completes_on_side,
            well_formed=well_formed,
            prefer=prefer,
            keep_readings=len(columns.funds) == 1,
            width_of=printed_width if columns.rows else _name_width,
            emptied=split.emptied,
        )
        own = fragments.widths()
        data, unsure = fragments.attach(fragments.choose(widths))
        problems += [
            Problem(line[0].line_no, _BEHIND_SEQUENCE, raw.get(line[0].line_no, ""))
            for line in data
            if line and line[0].line_no in behind
        ]
        data = [line for line in data if is_data(line)]
        if columns.serial and not columns.rows:
            data = _rows_continued(data)
        if len(columns.funds) == 1 and not problems:
            data, unsure = settled_by_sums(family, unit, columns, body.mode, data, unsure)
        unsure_lines = {no: u.reason for u in unsure for no in u.rows}
        beside = {no: " / ".join(u.text for u in unsure if no in u.rows) for no in unsure_lines}
    else:
        unsure_lines, beside, floating, loose = {}, {}, [], set()
        data = [_drop_header_cells(data[0] if data else [])]
        columns = read_columns(header_lines, data, family, header_no)
    lines, more = read_lines(data, columns, body.mode)
    if floating and len(columns.funds) > 1:
        floating_income(lines, floating, len(columns.funds), unit)
    more = [  # a line whose name pieces are unsure: they are quarantined with it
        Problem(p.line_no, p.reason, f"{p.text} (name pieces beside it: {beside[p.line_no]})")
        if beside.get(p.line_no)
        else p
        for p in more
    ]
    serials = {line[0].line_no for line in data if columns.serial and line and line[0].is_integer}
    prepared = Prepared(
        family, unit, header_no, columns, lines, problems + more, own, unsure_lines, beside, serials, floating, loose
    )
    prepared.keyed()
    return prepared


def _rows_continued(data: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """A line with no 序号 that prints amounts and then an expenditure line name numbered as the row
    above (`198.30 二、外交支出` under `2 二、政府性基金预算拨款`, which prints no amount and no other name):
    the rest of that row, its cells set on a lower line than its 序号 (pdftotext -layout puts a row's
    cells on the lines of their own middles). Joined to it: the amounts are its income side's, printed
    left of the expenditure name."""
    out: list[list[Cell]] = []
    for line in data:
        above = out[-1] if out else []
        if (
            len(line) >= 2
            and line[-1].is_text
            and all(cell.kind is Kind.NUMBER for cell in line[:-1])
            and _expenditure_of(above, line[-1].text)
        ):
            out[-1] = [*above, *line]
            continue
        out.append(list(line))
    return out


def _expenditure_of(above: Sequence[Cell], name: str) -> bool:
    """`name` is the expenditure line name of the row `above`, a line printing its 序号 and its income name
    alone: a line name of that side numbered as the row (二、外交支出 of row 2)."""
    return (
        len(above) == 2
        and above[0].is_integer
        and above[1].is_text
        and numeral(name) == int(above[0].squashed)
        and bool(line_key(EXPENDITURE, name, False))
    )


def _serial_lines(data: Sequence[Sequence[Cell]]) -> set[int]:
    """The lines opening with the table's next 序号 (1, 2, 3 …): a bare integer opening any other line
    (`31 05` under `本年收入合计 707. 本年支出合计 738.`) is none."""
    found: set[int] = set()
    last = 0
    for cells in data:
        if cells and cells[0].is_integer and int(cells[0].squashed) == last + 1:
            found.add(cells[0].line_no)
            last += 1
    return found


def _opening(serials: set[int], cells: Sequence[Cell]) -> int:
    """How many cells open a row on the line (its 序号; 0 for another line): no tail of a cut amount."""
    return 1 if cells and cells[0].is_integer and cells[0].line_no in serials else 0


SETTLED_COMBINATIONS = 64  # readings of a table's unsure rows tried together, at most


def settled_by_sums(
    family: str, unit: str, columns: Columns, mode: str, data: list[list[Cell]], unsure: list[Unsure]
) -> tuple[list[list[Cell]], list[Unsure]]:
    """A one-amount table's rows read several ways (a line printing `8  52.27` between the centred
    names of both its halves: the amount is on one side or the other) settled by the table's sums
    (Σ income lines = 本年收入合计, Σ expenditure lines = 本年支出合计): of the combinations of their
    readings, the one under which every sum holds that holds under any of them, when exactly one is.
    A sum failing under every combination is the document's own (it does not choose). Only when every
    other line is read: a line not read may be a term of the sums. Else the rows stay unsure, reported."""
    several = [u for u in unsure if u.readings]
    if not several or len(several) != len(unsure):
        return data, unsure
    choices = list(islice(product(*(u.readings for u in several)), SETTLED_COMBINATIONS + 1))
    if len(choices) > SETTLED_COMBINATIONS:
        return data, unsure
    index = {u.line_no: k for k, u in enumerate(several)}
    candidates: list[list[list[Cell]]] = []
    outcomes: list[dict[str, bool] | None] = []
    for choice in choices:
        lines = [list(choice[index[line[0].line_no]]) if line[0].line_no in index else line for line in data]
        printed, problems = read_lines(lines, columns, mode)
        table = Prepared(family, unit, 0, columns, printed, problems)
        table.keyed()
        candidates.append(lines)
        outcomes.append(None if problems or table.unsure else table.sums())
    holding = {name for outcome in outcomes if outcome for name, held in outcome.items() if held}
    fits = [k for k, o in enumerate(outcomes) if o is not None and all(o.get(name, False) for name in holding)]
    if holding and len(fits) == 1:
        return candidates[fits[0]], []
    if holding:
        why = f"{len(fits)} of its {len(outcomes)} readings (with the table's other unsure rows) keep the table's sums"
    else:
        why = "the table's sums hold under none of its readings"
    return data, [replace(u, reason=f"{u.reason}: {why}") for u in unsure]


MAX_PIECES = 3  # cells a line name is wrapped over in the cell mode


def _wrapped_names_joined(stream: Sequence[Cell]) -> list[Cell]:
    """A one-cell-per-line stream with each line name wrapped over consecutive cells joined
    (`一、一般公共预算财` `政拨款`, `二、政府性基金` `预算财政拨款`): a text cell with the text cells right
    after it, the most that make one line name together (`_accept`); a cell opening with a `一、`
    numbering starts a name of its own. Pieces join without a space."""
    out: list[Cell] = []
    i = 0
    while i < len(stream):
        cell = stream[i]
        end = i + 1
        longest = i + 1
        while end < len(stream) and end - i < MAX_PIECES and stream[end].is_text and stream[i].is_text:
            if _PREFIX.match(stream[end].text.strip()):
                break
            end += 1
            name = "".join(piece.text for piece in stream[i:end])
            if _wrapped_evenly(stream[i:end]) and _accept([cell], (0, None), name):
                longest = end
        out.append(joined(stream[i:longest]) if longest > i + 1 else cell)
        i = longest
    return out


def _wrapped_evenly(pieces: Sequence[Cell]) -> bool:
    """Pieces that read as one cell wrapped at its width: every line but the last as wide (within one
    character), the last no wider (`国有资本经` `营预算财政` `拨款`; not `…预算拨款` `万元` `基金`)."""
    widths = [len(piece.squashed) for piece in pieces]
    full = widths[:-1]
    return max(full) - min(full) <= 1 and widths[-1] <= max(full) + 1


def token_slots(cells: Sequence[Cell]) -> list[Slot]:
    """Name slots of a summary line: each word (a line name has no space; two names may share a cell)."""
    return [(i, k) for i, cell in enumerate(cells) if cell.is_text for k in range(len(cell.tokens))]


def row_name_slots(cells: Sequence[Cell]) -> list[Column]:
    """The empty name slots of a main line in a table printing 行次 and amounts with decimals (its
    integers are 行次): right before a 行次 not printed after a name — a name wrapped in a cell centred
    on the row prints none of its pieces there. A half may have no name at all (收支总表 print 行次 on
    income lines without any), so the slot may stay empty."""
    return [Column(i, True) for i, cell in enumerate(cells) if cell.is_integer and not (i and cells[i - 1].is_text)]


_BEHIND_SEQUENCE = (
    "a line opening with a number behind the table's 序号 sequence (a number printed in a wrapped name's cell?)"
)


def _out_of_sequence(data: Sequence[Sequence[Cell]]) -> set[int]:
    """The lines of a 序号 table opening with an integer no greater than the last 序号 before them: not
    a row's main line (`31 本年支出合` above row 32: the head of a name cell printing a number)."""
    found: set[int] = set()
    last = 0
    for cells in data:
        if not cells or not cells[0].is_integer:
            continue
        number = int(cells[0].squashed)
        if number <= last:
            found.add(cells[0].line_no)
        else:
            last = number
    return found


def _behind_as_pieces(data: Sequence[Sequence[Cell]], behind: set[int]) -> list[list[Cell]]:
    """A line behind the 序号 sequence printing only words after its number, next to a line with
    numbers, as one name piece (`31 本年支出合` above row 32 and `计` below it: the name cell `31 本年支出合计`
    centred on its row); attached to a row or reported with the rows next to it as any name piece."""
    lines = [list(line) for line in data]
    for n, line in enumerate(lines):
        if (
            len(line) > 1
            and line[0].line_no in behind
            and all(c.is_text for c in line[1:])
            and _next_to_row(lines, behind, n)
        ):
            lines[n] = [text_cell(" ".join(c.text for c in line), line[0].line_no, True)]
    return lines


def _names_continued(data: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """A words-only line right under a line printing a 序号 and an income name alone, whose last words
    are an expenditure name numbered as that row (`3 三、国有资本经营` / `预算拨款 三、国防支出`): the rest of
    that row, set on a lower line (as `_rows_continued`). Its other words are the income name's tail when
    the name they complete is a line name of the form (三、国有资本经营预算拨款); else it is left as it is."""
    out: list[list[Cell]] = []
    for line in data:
        above = out[-1] if out else []
        words = [t.text for t in line[0].tokens] if len(line) == 1 and line[0].is_text else []
        if words and _expenditure_of(above, words[-1]):
            name = "".join([above[1].text, *words[:-1]])
            if line_key(INCOME, name, False):
                out[-1] = [above[0], text_cell(name, above[1].line_no), text_cell(words[-1], line[0].line_no)]
                continue
        out.append(list(line))
    return out


def _next_to_row(lines: list[list[Cell]], behind: set[int], n: int) -> bool:
    here = lines[n][0].line_no
    return any(
        0 <= m < len(lines)
        and lines[m]
        and abs(lines[m][0].line_no - here) == 1
        and any(not c.is_text for c in lines[m])
        and lines[m][0].line_no not in behind
        for m in (n - 1, n + 1)
    )


def serial_name_slots(cells: Sequence[Cell]) -> list[Column]:
    """The empty name slots of a main line in a table printing a 序号 and no 行次: anywhere after the
    序号, two right after it (both halves' names wrapped, the income side printing no amount)."""
    if not cells or not cells[0].is_integer:
        return []
    return [Column(1, True, 0), Column(1, True, 1), *(Column(i, True) for i in range(2, len(cells) + 1))]


def printed_halves(cells: Sequence[Cell]) -> list[tuple[str, list[Cell]]] | None:
    """The halves of a 序号 line (the 序号 left out): each line name with the amounts after it; None when
    an amount comes before any name."""
    halves: list[tuple[str, list[Cell]]] = []
    for cell in cells[1:]:
        if cell.is_text:
            halves += [(token.text, []) for token in cell.tokens]
        elif not halves:
            return None
        else:
            halves[-1][1].append(cell)
    return halves


def halves_in_place(cells: Sequence[Cell], width: int) -> bool:
    """A 序号 line as such a table prints it: after the 序号, at most two halves, each opening with its
    line name (an amount is never printed before a name); of two, the first an income line's with at
    most one amount, the second an expenditure line's; one half, a line of its side with at most as
    many amounts as its side has columns."""
    halves = printed_halves(cells)
    if halves is None or len(halves) > 2:
        return False
    income = [bool(line_key(INCOME, name, False)) and len(values) <= 1 for name, values in halves]
    spending = [bool(line_key(EXPENDITURE, name, False)) and len(values) <= width for name, values in halves]
    if len(halves) == 2:
        return income[0] and spending[1]
    return not halves or income[0] or spending[0]


def funds_add_up(cells: Sequence[Cell], width: int, unit: str, floating: Sequence[Cell] = ()) -> bool:
    """A 序号 line whose expenditure amounts can stand in the fund columns with 合计 = Σ funds (an
    amount alone under 合计 does not: its fund is blank), or that prints none to place. Its floating
    amounts (joined from pieces above and below it, put at its end) may stand anywhere among them, and
    one may be the income half's when that half prints no amount (`floating_income`)."""
    halves = printed_halves(cells) or []
    spent = [values for k, (name, values) in enumerate(halves) if k or line_key(EXPENDITURE, name, False)]
    amounts = spent[-1] if spent else []
    values = [amount_value(cell, unit) for cell in amounts]
    if not values or any(v is None for v in values):
        return True
    stays, moves = _floating_fits(amounts, floating, width, unit)
    income_free = len(halves) == 2 and not halves[0][1]
    if stays or (income_free and moves):
        return True
    return len(values) > width  # (more amounts than funds: not this check's to refuse)


def floating_income(lines: Sequence[PrintedLine], floating: Sequence[Cell], width: int, unit: str) -> None:
    """A line's amounts joined from pieces printed above and below it (floating: their place among the
    line's amounts not printed) are put at the end of its last half, the expenditure side's. When the
    line's income half is named and prints no amount, one of them may be its (`二、政府性基金预` / `198.`
    over `2 二、外交支出` over `算拨款` / `30`): it is moved there when exactly one choice — none of them,
    or one — leaves the expenditure half amounts that can stand in its fund columns with 合计 = Σ funds.
    Otherwise the line stays as read (the identities of the table place or report its amounts)."""
    for line in lines:
        income, spent = line.halves.get(INCOME), line.halves.get(EXPENDITURE)
        if income is None or spent is None or income.name is None or income.values:
            continue
        stays, fits = _floating_fits(spent.values, floating, width, unit)
        if not stays and fits and len({cell.squashed for cell in fits}) == 1:
            # (two equal amounts floating, `收入总计 738.05` and `支出总计 738.05`: either is the income's)
            moved = fits[-1]
            income.values.append(moved)
            spent.values = [c for c in spent.values if c is not moved]


def _floating_fits(cells: Sequence[Cell], floating: Sequence[Cell], width: int, unit: str) -> tuple[bool, list[Cell]]:
    """Whether an expenditure half's amounts, its floating ones placed anywhere, can stand in its fund
    columns with 合计 = Σ funds; and the floating ones whose leaving it (to the income half) lets the
    rest do so."""
    moving = [cell for cell in cells if floats(cell, floating)]
    stays = _funds_fit(cells, len(moving), width, unit)
    moves = [cell for cell in moving if _funds_fit([c for c in cells if c is not cell], len(moving) - 1, width, unit)]
    return stays, moves


def _funds_fit(cells: Sequence[Cell], floating: int, width: int, unit: str) -> bool:
    """An expenditure half's amounts (the last `floating` of them placed anywhere) can stand in its fund
    columns with 合计 = Σ funds (none: every fund blank)."""
    if not cells:
        return True
    values = [amount_value(cell, unit) for cell in cells]
    if any(v is None for v in values) or len(values) > width:
        return False
    row = Row("line", tuple(v for v in values if v is not None), width, floating=floating)
    identity = funds_identity("line", width, "a line's")
    return any(holds(identity, {"line": row}, {"line": p}) for p in row.placements())


def funds_identity(key: str, width: int, what: str) -> Identity:
    """合计 = Σ funds on the expenditure half of one line (the row `key`, its `width` fund columns)."""
    terms = (Term(1, key, 0), *(Term(-1, key, c) for c in range(1, width)))
    return Identity(f"{what} 合计 = Σ funds", terms)


def _no_slots(cells: Sequence[Cell]) -> list[Column]:
    return []


def _accept_on_side(cells: Sequence[Cell], slot: Slot, name: str) -> bool:
    """`_accept`, and on a line printing both halves' 行次 (two integers), a name before the first
    one must be an income line's (not a 类 of spending), before the second an expenditure line's."""
    if not _accept(cells, slot, name):
        return False
    numbers = [i for i, cell in enumerate(cells) if cell.is_integer]
    after = [i for i in numbers if i > slot[0]]
    if len(numbers) != 2 or not after:
        return True
    if after[0] == numbers[1]:
        return bool(line_key(EXPENDITURE, name, False))
    return bool(line_key(INCOME, name, False)) and key_name(name) not in function_classes()


def _completes_on_side(cells: Sequence[Cell], slot: Slot, name: str) -> bool:
    """A piece joined to the name in `slot` makes a line name the table knows, on its side, and the name
    alone is none (`年初财政拨款结` + `转和结余`, `四、公共安全支` + `出`): the summary's lines are a catalogue."""
    return _accept_on_side(cells, slot, name) and not _accept_on_side(cells, slot, slot_text(cells, slot))


def _name_width(cells: Sequence[Cell], slot: Slot) -> int:
    """A name's width on its line, with a number printed in its cell (`31 本年支出合计`): an integer
    right before a name that follows an amount, in a table without 行次."""
    index, token = slot
    width = len(cells[index].tokens[token].text) if token is not None else len(cells[index].text)
    glued = token in (0, None) and index >= 2 and cells[index - 1].is_integer and cells[index - 2].is_amount
    return width + len(cells[index - 1].text) + 1 if glued else width


def _known_name(name: str) -> bool:

    return bool(line_key(INCOME, name, False) or line_key(EXPENDITURE, name, False))


_PREFIX = re.compile(r"[一二三四五六七八九十]+、")
_STRONG = frozenset({"项目", "收入项目", "支出项目", "行次", "序号", "栏次", "档次", "金额", "决算数", "预算数"})


def _accept(cells: Sequence[Cell], slot: Slot, name: str) -> bool:
    """A rebuilt line name: with at most one `一、` numbering (at its start), naming exactly one line the
    summary parser knows (a class name exactly; one income or expenditure line pattern)."""
    prefixes = _PREFIX.findall(name)
    if len(prefixes) > 1 or (prefixes and not name.startswith(prefixes[0])):
        return False
    text = key_name(name)
    if text in function_classes():
        return True
    if not whole_name(name):  # `使用非财政拨款结结余分配余`: a piece of another name glued in
        return False
    matches = [value for rules in (INCOME_KEYS, EXPENDITURE_KEYS) for pattern, value in rules if pattern.search(text)]
    return len(set(matches)) == 1


def _is_header_line(cells: Sequence[Cell]) -> bool:
    """A header line printed again on a continued page: a 栏次 numbering, or header words only."""

    texts = [c for c in cells if c.is_text]
    if any(c.squashed in ("栏次", "档次") for c in texts) or column_numbering(cells):
        return True
    if not texts or any(not c.is_text for c in cells):
        return False
    pieces = [p for c in texts for p in words_labels([squash(t.text) for t in c.tokens], PHRASES)]
    if sum(1 for text, known in pieces if known and text in _STRONG) >= 2:
        return True  # two header labels (项目 … 金额 … 项目): no line name prints them, whatever else it holds
    # one word alone (`支出`) may as well be the tail of a wrapped name
    return all(known for _, known in pieces) and (len(pieces) > 1 or pieces[0][0] in _STRONG)


def _header_pieces(header: Sequence[Sequence[Cell]], line: Sequence[Cell]) -> bool:
    """A line right under a continued page's header holding only pieces of its labels, three or more
    (the labels wrapped otherwise than on the first page: `项目 行 合 计 一般公共预 算财 …` over
    `次 次 政拨款 财政拨款 算财政拨款`), or the tails of its wrapped labels (`国有资本经` / `营 预算财政`
    / `拨款`: header.completes)."""
    return label_pieces(line, PHRASES) or completes(header, line, PHRASES)


def _drop_header_cells(stream: Sequence[Cell]) -> list[Cell]:
    """A header printed again (continued page) inside a cell-mode stream, with its debris. A fund name
    is a line name (年初结转 by fund) when a number follows it, a header label otherwise."""
    return drop_repeated_headers(stream, _is_header_label, _cell_starts_data, _keeps_name)


def _is_header_label(cell: Cell) -> bool:
    pieces = words_labels([squash(t.text) for t in cell.tokens], PHRASES) if cell.is_text else []
    return bool(pieces) and all(known for _, known in pieces)


def _cell_starts_data(cells: Sequence[Cell], i: int) -> bool:
    following = cells[i + 1] if i + 1 < len(cells) else None
    named = cells[i].is_text and _known_name(cells[i].text)
    return (named and following is not None and not following.is_text) or _opens_data(cells, i)


def _keeps_name(cells: Sequence[Cell], k: int) -> bool:
    return _known_name(cells[k].text)


_AMOUNT_TEXT = re.compile(r"\d\.\d")
# How a whole summary line name ends (a class line is whole when it is a known class name).
_NAME_ENDS = ("收入", "支出", "拨款", "结余", "结转", "合计", "总计", "分配", "差额", "资金", "基金", "结转下年")


def whole_name(name: str) -> bool:
    """A rebuilt line name that is whole: a known class, or a name ending as line names end, without
    digits glued in (`年末财政拨款结转和结` or `结转和结 60` are pieces of a wrapped name)."""
    text = key_name(name)
    if text in function_classes():
        return True
    return not any(ch.isdigit() for ch in text) and text.endswith(_NAME_ENDS)

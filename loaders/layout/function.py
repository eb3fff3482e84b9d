"""Tables keyed by 功能分类科目 (收入/支出/一般公共预算/政府性基金/国有资本经营) printed without tabs.

The header block's labels give the columns: 序号 and 行次 when printed, the code and name, and the
amount columns by meaning (the parser's MEASURE_RULES), ordered by the one known layout of the family
that agrees with the order the labels are printed in. Data rows start at a subject code (`2080501`,
`208 05 01`) or a 合计 word, optionally after a 序号; the name follows the code, then the amounts.

An amount wrapped in its narrow cell after its point (`738.` over `05`) is joined again first
(loaders.layout.body.join_split_amounts); when its pieces sit above and below the line of the row's
other amounts, its place among them is left to the identities (a floating amount).

A row printing fewer amounts than the table has amount columns is placed by the table's identities
(loaders.layout.identities): its own row identity, each parent = Σ children per column, the 合计 row
= Σ 类 rows — see loaders.layout.assign. Rows that cannot be placed exactly are not rebuilt; they go to
raw_quarantine with the reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import permutations

from loaders.amounts import parse_amount
from loaders.errors import AmountError
from loaders.layout.assign import Identity, Outcome, Row, Term, Value
from loaders.layout.body import (
    Body,
    amount_heads_apart,
    consecutive,
    cut_glued,
    drop_repeated_headers,
    first_data_line,
    floats,
    is_amount_head,
    join_split_amounts,
    split_glued_codes,
    table_decimals,
)
from loaders.layout.centred import Column
from loaders.layout.header import (
    Label,
    cell_mode_lines,
    header_end,
    label_pieces,
    phrase_ends,
    printed_again,
    read_labels,
    words_labels,
)
from loaders.layout.identities import function_parent, row_equations
from loaders.layout.names import Fragments, slot_text, whole_cells
from loaders.layout.result import Canonical, LayoutError, Problem, tab_line
from loaders.layout.text import CELL, Cell, is_page_number, joined, squash, text_cell
from loaders.layout.tokenizer import Kind
from loaders.parsers.columns import match
from loaders.parsers.function_tables import LAYOUTS, MEASURE_RULES, ROLE_RULES
from loaders.parsers.summary import function_classes

FAMILIES: tuple[str, ...] = ("income", "expenditure", "general_budget_expenditure", "government_fund", "state_capital")

ROLE_PHRASES = {
    "序号": "serial",
    "行次": "row",
    "科目编码": "code",
    "科目代码": "code",
    "功能分类科目编码": "code",
    "功能分类科目代码": "code",
    "编码": "code",
    "代码": "code",
    "科目名称": "name",
}
GROUP_PHRASES = frozenset({"项目", "功能分类科目", "栏次", "档次", "本年收入", "本年支出", "一般公共预算支出"})
MEASURE_PHRASES = frozenset(
    {
        "合计",
        "小计",
        "总计",
        "金额",
        "决算数",
        "预算数",
        "本年收入合计",
        "本年支出合计",
        "财政拨款收入",
        "财政拨款",
        "财政专户收入",
        "财政专户管理资金收入",
        "财政专户管理资金",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "事业单位经营收入",
        "附属单位上缴收入",
        "其他收入",
        "上年结转",
        "上年结转结余",
        "上年结余",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "上解上级支出",
        "经营支出",
        "对附属单位补助支出",
        "年初结转和结余",
        "年末结转和结余",
        "本年收入",
        "本年支出",
    }
)
PHRASES = frozenset(ROLE_PHRASES) | GROUP_PHRASES | MEASURE_PHRASES
TOTAL_WORDS = frozenset({"合计", "总计"})
# Words printed in header lines and not in subject names.
STRONG_HEADER = re.compile(r"科目|编码|代码|名称|栏次|档次|序号|行次")
# Canonical header words per measure: words the parser's MEASURE_RULES read back as that measure.
MEASURE_WORDS = {
    "total": "合计",
    "current_year_total": "小计",
    "fiscal_appropriation": "财政拨款收入",
    "fiscal_special_account": "财政专户管理资金收入",
    "superior_subsidy": "上级补助收入",
    "business": "事业收入",
    "operating": "经营收入",
    "subsidiary_remittance": "附属单位上缴收入",
    "other": "其他收入",
    "prior_year_carryover": "上年结转",
    "basic": "基本支出",
    "project": "项目支出",
    "remit_to_superior": "上缴上级支出",
    "subsidy_to_subsidiary": "对附属单位补助支出",
    "opening_balance": "年初结转和结余",
    "income": "本年收入",
    "closing_balance": "年末结转和结余",
}
EXPENDITURE_OPERATING = "经营支出"


@dataclass(frozen=True)
class Columns:
    serial: bool
    row: bool
    measures: tuple[str, ...]
    # the other layouts the header fits as well (labels wrapped onto different header lines, in a family
    # whose identities treat the measures they swap alike): see `_order`
    others: tuple[tuple[str, ...], ...] = ()

    @property
    def unsure(self) -> frozenset[str]:
        """The measures whose column the header leaves open."""
        return frozenset(m for layout in self.others for i, m in enumerate(layout) if self.measures[i] != m)

    def agreed(self, cells: Mapping[int, str]) -> bool:
        """Every layout the header fits reads the same amount under each measure (the amounts under the
        columns it leaves open are equal, or not printed)."""
        read = {self.measures[c]: text for c, text in cells.items() if c < len(self.measures)}
        return all({layout[c]: text for c, text in cells.items() if c < len(layout)} == read for layout in self.others)

    def header(self, family: str) -> list[str]:
        words = ["序号"] if self.serial else []
        words += ["科目编码", "科目名称"]
        words += ["行次"] if self.row else []
        for measure in self.measures:
            word = MEASURE_WORDS[measure]
            words.append(EXPENDITURE_OPERATING if measure == "operating" and family == "expenditure" else word)
        return words


@dataclass  # __init__ and __eq__ written out: compiled (loaders/native.py)
class RawRow:
    """A data row as printed: its line, 序号, code (digits; "" on a 合计 row), name, 行次, amounts."""

    line_no: int
    serial: str = ""
    code: str = ""
    name: str = ""
    row: str = ""
    values: list[Cell] = field(default_factory=list)
    extra: list[Cell] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    floating: int = 0  # its last values are amounts whose place among the others is not printed

    def __init__(
        self,
        line_no: int,
        serial: str = "",
        code: str = "",
        name: str = "",
        row: str = "",
        values: list[Cell] | None = None,
        extra: list[Cell] | None = None,
        cells: list[Cell] | None = None,
        floating: int = 0,
    ) -> None:
        self.line_no = line_no
        self.serial = serial
        self.code = code
        self.name = name
        self.row = row
        self.values = [] if values is None else values
        self.extra = [] if extra is None else extra
        self.cells = [] if cells is None else cells
        self.floating = floating

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RawRow) and (
            self.line_no,
            self.serial,
            self.code,
            self.name,
            self.row,
            self.values,
            self.extra,
            self.cells,
            self.floating,
        ) == (
            other.line_no,
            other.serial,
            other.code,
            other.name,
            other.row,
            other.values,
            other.extra,
            other.cells,
            other.floating,
        )

    @property
    def key(self) -> str:
        return self.code or "total"

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.cells)


# --- codes ---------------------------------------------------------------------------------------


def is_function_code(digits: str) -> bool:
    """A 功能分类 code: 3, 5 or 7 digits whose 类 is one of 201–239."""
    return len(digits) in (3, 5, 7) and digits.isdigit() and 201 <= int(digits[:3]) <= 239


def code_digits(cells: Sequence[Cell], i: int) -> tuple[str, int]:
    """The digits of a code printed from the integer cells[i] on (`2080501`, or `208` `05` `01`: a 类
    followed by up to two 2-digit pieces) and the index after them."""
    digits = cells[i].squashed
    j = i + 1
    if len(digits) == 3:
        while j < len(cells) and j - i <= 2 and cells[j].is_integer and len(cells[j].squashed) == 2:
            digits += cells[j].squashed
            j += 1
    return digits, j


def code_at(cells: Sequence[Cell], i: int) -> tuple[str, int] | None:
    """The code starting at cells[i] (`2080501`, or `208` `05` `01`) and the index after it, when a
    text (the name) follows it; None otherwise."""
    if i >= len(cells) or not cells[i].is_integer:
        return None
    digits, j = code_digits(cells, i)
    if not is_function_code(digits) or j >= len(cells) or not cells[j].is_text:
        return None
    if is_total_word(cells[j]):
        return None
    return digits, j


def is_total_word(cell: Cell) -> bool:
    return cell.is_text and cell.squashed in TOTAL_WORDS


def row_start(cells: Sequence[Cell], i: int, serial: bool) -> bool:
    if code_at(cells, i) is not None or (i < len(cells) and is_total_word(cells[i])):
        return True
    return serial and _serial_at(cells, i)


def _serial_at(cells: Sequence[Cell], i: int) -> bool:
    """cells[i] is a 序号 opening a row: an integer, a code or a 合计 after it."""
    return (
        i + 1 < len(cells)
        and cells[i].is_integer
        and (code_at(cells, i + 1) is not None or is_total_word(cells[i + 1]))
    )


# --- header ----------------------------------------------------------------------------------------


def read_columns(label_lines: list[list[Label]], family: str, line_no: int) -> Columns:

    roles: set[str] = set()
    found: dict[str, Label] = {}
    for labels in label_lines:
        for label in labels:
            role = ROLE_PHRASES.get(label.text) if label.known else None
            if role is None and label.known and label.text not in MEASURE_PHRASES:
                role = match(label.text, ROLE_RULES)
            if role is not None:
                roles.add(role)
                continue
            if label.text in GROUP_PHRASES and label.text not in MEASURE_PHRASES:
                continue
            measure = match(label.text, MEASURE_RULES[family])
            if measure is None:
                continue
            # A measure printed on two header lines: the lower one is the column, the upper a group.
            if measure not in found or found[measure].line <= label.line:
                if measure in found and found[measure].line == label.line:
                    raise LayoutError(f"header not understood: two columns read as {measure}", line_no)
                found[measure] = label
    if "code" not in roles:
        raise LayoutError("header not understood: no subject code column", line_no)
    if not found:
        raise LayoutError("header not understood: no amount column", line_no)
    if "current_year_total" in found and "total" not in found and "prior_year_carryover" not in found:
        found["total"] = found.pop("current_year_total")
    measures, others = _order(found, family, line_no)
    return Columns("serial" in roles, "row" in roles, measures, others)


def _identities_by_column(family: str, layout: tuple[str, ...]) -> frozenset[tuple[tuple[int, int], ...]]:
    """A layout's row identities by column: equal for two layouts that differ only in the order of
    measures the identities treat alike."""
    return frozenset(
        tuple(sorted((sign, layout.index(m)) for sign, m in equation)) for equation in row_equations(family, layout)
    )


def _order(found: dict[str, Label], family: str, line_no: int) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The known layout with exactly the measures found, agreeing with the order printed on each line,
    and the other layouts that fit as well. Labels printed on different header lines are not ordered by
    the text: when several layouts fit and they differ only in the order of measures the row identities
    treat alike (two parts of one total: 上缴上级支出 | 经营支出), the first is read and the measures they
    swap are unsure (Columns.unsure); otherwise the header is not understood."""
    before = {
        (a, b) for a, la in found.items() for b, lb in found.items() if la.line == lb.line and la.position < lb.position
    }
    fits = [
        layout
        for layout in LAYOUTS[family]
        if set(layout) == set(found) and all(layout.index(a) < layout.index(b) for a, b in before)
    ]
    if len(fits) == 1:
        return fits[0], ()
    lines = {label.line for label in found.values()}
    if not fits and len(lines) == 1:
        return tuple(sorted(found, key=lambda m: found[m].position)), ()
    if fits and len({_identities_by_column(family, layout) for layout in fits}) == 1:
        return fits[0], tuple(fits[1:])
    what = "no known layout" if not fits else f"{len(fits)} known layouts"
    raise LayoutError(f"header not understood: {what} with the amount columns {sorted(found)}", line_no)


# --- rows ------------------------------------------------------------------------------------------


def split_header(body: Body, serial_hint: bool = True) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """The header lines (above the first data row) and the data lines. In the cell mode the stream is
    cut into header lines by their labels, and the data is one line."""
    if body.mode == CELL:
        stream = body.stream
        start = next((i for i in range(len(stream)) if _data_starts(stream, i)), len(stream))
        return cell_mode_lines(stream[:start]), [stream[start:]]
    lines = [list(line) for line in body.lines]
    first = header_end(lines, first_data_line(lines, _line_is_data, is_header_line), PHRASES)
    return lines[:first], lines[first:]


def _data_starts(stream: Sequence[Cell], i: int) -> bool:
    """In a cell-mode stream: the first data row starts here (a code, or a 合计 not followed by a
    header label, optionally after a 序号)."""
    if code_at(stream, i) is not None:
        return True
    j = i + 1 if stream[i].is_integer and i + 1 < len(stream) else i
    if j != i and not (code_at(stream, j) or is_total_word(stream[j])):
        return False
    if j != i and _numbering_before(stream, i):
        return False
    if code_at(stream, j) is not None:
        return True
    if not is_total_word(stream[j]):
        return False
    return not phrase_ends(stream, j + 1, PHRASES)


def _numbering_before(stream: Sequence[Cell], i: int) -> bool:
    """stream[i] continues a 栏次 numbering (… 栏次 1 2 3 | 4)."""
    value = int(stream[i].squashed)
    k = i - 1
    expected = value - 1
    while k >= 0 and stream[k].is_integer and expected >= 1 and int(stream[k].squashed) == expected:
        k -= 1
        expected -= 1
    return expected == 0 and k >= 0 and stream[k].squashed in ("栏次", "档次")


def _line_is_data(cells: Sequence[Cell]) -> bool:
    if not cells:
        return False
    start = 1 if cells[0].is_integer and len(cells) > 1 else 0
    if code_at(cells, start) is not None or code_at(cells, 0) is not None:
        return True
    texts = [c for c in cells if c.is_text and not is_amount_head(c)]
    return len(texts) == 1 and is_total_word(texts[0]) and all(c.is_amount for c in cells if not c.is_text)


def is_header_line(cells: Sequence[Cell]) -> bool:
    """A header line printed again (continued page): labels only, words only header lines print
    (科目, 编码, 名称 …), or a 栏次 numbering."""
    if not cells:
        return True
    texts = [c for c in cells if c.is_text]
    if any(c.squashed in ("栏次", "档次") for c in texts):
        return True
    if all(c.is_text for c in cells) and any(STRONG_HEADER.search(c.squashed) for c in texts):
        return True
    if any(c.is_amount and not c.is_integer for c in cells):
        return False

    pieces = [p for c in texts for p in words_labels([squash(t.text) for t in c.tokens], PHRASES)]
    # one phrase alone (`项目支出`) may as well be the tail of a wrapped name
    return len(pieces) > 1 and all(known for _, known in pieces) and any(text not in TOTAL_WORDS for text, _ in pieces)


def cut_rows(cells: Sequence[Cell], columns: Columns) -> tuple[list[RawRow], list[Cell]]:
    """Cut a stream of data cells into rows; cells before the first row are returned apart."""
    starts = [i for i in range(len(cells)) if row_start(cells, i, columns.serial)]
    # A 序号 before a code is part of the row starting at the code: keep the earlier start only.
    starts = [i for n, i in enumerate(starts) if not (n and starts[n - 1] == i - 1 and columns.serial)]
    ends = [*starts[1:], len(cells)] if starts else []
    rows = [_read_row(cells[a:b], columns) for a, b in zip(starts, ends, strict=True)]
    return rows, list(cells[: starts[0]] if starts else cells)


def _header_run(cells: Sequence[Cell]) -> bool:
    """Words after a row's amounts in the cell mode: a header printed again (several words, or header
    words), not part of the row."""
    texts = [c for c in cells if c.is_text]
    return len(texts) >= 2 or any(STRONG_HEADER.search(c.squashed) or c.squashed in PHRASES for c in texts)


def _read_row(cells: Sequence[Cell], columns: Columns) -> RawRow:
    row = RawRow(cells[0].line_no, cells=list(cells))
    i = 0
    if columns.serial and _serial_at(cells, 0):
        row.serial = cells[0].text
        i = 1
    row.line_no = cells[i].line_no
    found = code_at(cells, i)
    if found is None:
        row.name = cells[i].text
        i += 1
    else:
        row.code, i = found
        row.name = cells[i].text
        i += 1
    if columns.row and i < len(cells) and cells[i].is_integer:
        row.row = cells[i].text
        i += 1
    while i < len(cells) and cells[i].is_amount:
        row.values.append(cells[i])
        i += 1
    row.extra = list(cells[i:])
    if (
        row.extra
        and all(c.is_text for c in row.extra)
        and all(not c.first or c.line_no != row.line_no for c in row.extra)
        and _header_run(row.extra)
    ):
        row.extra = []  # a header printed again between rows (one cell per line)
        row.cells = list(cells[:i])
    return row


# --- placing ---------------------------------------------------------------------------------------


def amount_value(cell: Cell, unit: str) -> Value | None:
    try:
        amount = parse_amount(cell.text, unit)
    except AmountError:
        return None
    assert amount.wan is not None
    return Value(amount.wan, amount.rounding_unit_wan)


def equation_text(equation: Sequence[tuple[int, str]]) -> str:
    (_, total), *parts = equation
    return f"{total} = " + " + ".join(m if -s > 0 else f"−{m}" for s, m in parts)


@dataclass
class Prepared:
    """A function table read from its text: columns, data rows, and what could not be read."""

    family: str
    unit: str
    header_no: int
    columns: Columns
    rows: list[RawRow]
    problems: list[Problem]
    widths: set[int] = field(default_factory=set)  # name widths that explain its wrapped names
    # rows whose name cannot be rebuilt for sure (a wrapped piece between two rows): their amounts take
    # part in the identities, the rows themselves are not rebuilt
    unsure: dict[int, str] = field(default_factory=dict)
    # rows printed without amounts whose amounts may be among those printed apart from any code
    lost: dict[int, str] = field(default_factory=dict)
    # of those, the rows right above such amounts printed with words, which may be the rest of their
    # name (`2120899 其他国有` over `4 土地使用权出让 209.65 209.65`): their names are not certain
    cut: frozenset[int] = frozenset()
    # the columns (0-based) each of a row's amounts may sit in, by its line, when the text says (a table
    # printed column by column: loaders.layout.columnar); other rows' amounts may sit in any
    allowed: dict[int, tuple[frozenset[int], ...]] = field(default_factory=dict)
    # `solvable` by key (one row per code), worked out once: the joint identities ask for every cell of
    # the table (`cell_term`), each time re-parsing every amount. The table is not changed once prepared.
    _solvable: dict[str, RawRow] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # (set here: a compiled dataclass leaves the defaults of fields out of __init__ unset)
        self._solvable = None

    @property
    def width(self) -> int:
        return len(self.columns.measures)

    def key(self, code: str) -> str:
        return f"{self.family}:{code}"

    def solvable(self) -> list[RawRow]:
        """The rows to place: each code's first row whose cells are all amounts, not too many. The others
        are rebuilt as printed (their parser quarantines them with its own reason)."""
        return list(self._placed_rows().values())

    def _placed_rows(self) -> dict[str, RawRow]:
        """`solvable` by key, worked out on the first call (the caller must not change it)."""
        if self._solvable is None:
            self._solvable = {row.key: row for row in self._find_solvable()}
        return self._solvable

    def _find_solvable(self) -> list[RawRow]:
        found: list[RawRow] = []
        seen: set[str] = set()
        for row in self.rows:
            values = [amount_value(cell, self.unit) for cell in row.values]
            if row.extra or any(v is None for v in values) or len(values) > self.width or row.key in seen:
                continue
            if row.line_no in self.lost:
                continue
            seen.add(row.key)
            found.append(row)
        return found

    def solver_rows(self) -> list[Row]:
        return [
            Row(
                self.key(row.key),
                tuple(v for c in row.values if (v := amount_value(c, self.unit))),
                self.width,
                self.allowed.get(row.line_no),
                row.floating,
            )
            for row in self.solvable()
        ]

    def identities(self) -> list[Identity]:
        """Row identities of every row, and each parent = Σ its children per column."""
        rows = self.solvable()
        index = {m: i for i, m in enumerate(self.columns.measures)}
        found: list[Identity] = []
        for row in rows:
            for equation in row_equations(self.family, self.columns.measures):
                terms = tuple(Term(sign, self.key(row.key), index[m]) for sign, m in equation)
                found.append(
                    Identity(
                        f"{self.family} row identity {equation_text(equation)}", terms, group=f"{self.family} rows"
                    )
                )
        if self.problems:
            return found  # a line it could not read may be a row: no parent is known to be complete
        keys = {row.key for row in rows}
        # A parent with a child row that is not placed here (quarantined as printed) has no identity.
        incomplete = {function_parent(row.key) for row in self.rows if row not in rows}
        children: dict[str, list[str]] = {}
        for row in rows:
            parent = function_parent(row.key)
            if parent is not None and parent in keys and parent not in incomplete:
                children.setdefault(parent, []).append(row.key)
        for parent, kids in children.items():
            for column, measure in enumerate(self.columns.measures):
                terms = (Term(1, self.key(parent), column), *(Term(-1, self.key(kid), column) for kid in kids))
                found.append(
                    Identity(f"{self.family} {parent} = Σ its children ({measure})", terms, group=f"{self.family} tree")
                )
        return found

    def names(self) -> dict[str, set[str]]:
        """The names of its codes that are certain: not next to a wrapped piece it could not place, nor
        printed without amounts right above amounts no row took printed with words (`cut`)."""
        found: dict[str, set[str]] = {}
        for row in self.rows:
            if row.code and row.line_no not in self.unsure and row.line_no not in self.cut:
                found.setdefault(row.code, set()).add(squash(row.name))
        return found

    def absent(self, code: str) -> bool:
        """The table surely prints no row of this code: none read, and no line it could not read."""
        return not self.problems and not self.unsure and not any(row.key == code for row in self.rows)

    def cell_term(self, code: str, measure: str) -> Term | None:
        """The cell of a code's row under a measure, as a solver term (None when not printed)."""
        if (
            measure not in self.columns.measures
            or (self.columns.others and measure in self.columns.unsure)
            or code not in self._placed_rows()
        ):
            return None
        return Term(1, self.key(code), self.columns.measures.index(measure))

    def misread(self, outcome: Outcome) -> Identity | None:
        """For a table printed column by column (`allowed` given): an identity of its own that the placed
        amounts break. Its columns were read in an order the text does not confirm, so a broken identity
        says they were misread, not that the document misprints (the table is not rebuilt)."""
        if not self.allowed:
            return None
        keys = {self.key(row.key) for row in self.solvable()}
        broken = [i for i in outcome.broken if i.rows <= keys]
        if not broken and keys & outcome.relaxed_rows:
            return next((i for i in self.identities() if i.rows & outcome.relaxed_rows), None)
        return broken[0] if broken else None

    def emit(self, outcome: Outcome) -> Canonical:
        misread = self.misread(outcome)
        if misread is not None:
            reason = f"printed column by column: the columns read break its identity {misread.name}"
            return Canonical(error=Problem(self.header_no, reason, ""))
        problems = list(self.problems)
        solvable = self.solvable()
        out = [tab_line(self.header_no, self.columns.header(self.family))]
        for row in self.rows:
            if row.line_no in self.unsure or row.line_no in self.lost:
                reason = self.unsure.get(row.line_no) or self.lost[row.line_no]
                problems.append(Problem(row.line_no, reason, row.text))
                continue
            if row in solvable:
                placement = outcome.placed.get(self.key(row.key))
                if placement is None:
                    problems.append(Problem(row.line_no, self._reason(row, outcome), row.text))
                    continue
                cells = dict(zip(placement, row.values, strict=True))
            else:
                cells = dict(enumerate(row.values))
            if not self.columns.agreed({c: cell.text for c, cell in cells.items()}):
                problems.append(Problem(row.line_no, self._unsure_reason(), row.text))
                continue
            texts = [row.serial] if self.columns.serial else []
            texts += [row.code, row.name]
            texts += [row.row] if self.columns.row else []
            texts += [cells[c].text if c in cells else "" for c in range(max(self.width, len(cells)))]
            texts += [cell.text for cell in row.extra]
            out.append(tab_line(row.line_no, texts))
        return Canonical(tuple(out), tuple(problems))

    def _unsure_reason(self) -> str:
        unsure = " | ".join(m for m in self.columns.measures if m in self.columns.unsure)
        return f"the header does not print the order of its columns {unsure}, and the row's amounts under them differ"

    def _reason(self, row: RawRow, outcome: Outcome) -> str:
        key = self.key(row.key)
        head = f"cannot tell the columns of its {len(row.values)} amount(s) under {self.width} columns"
        if key in outcome.impossible:
            return f"{head}: {outcome.impossible[key]}"
        options = outcome.ambiguous.get(key, [])
        shown = "; ".join("/".join(self.columns.measures[c] for c in p) for p in options[:4])
        shown += " …" if len(options) > 4 else ""
        if not options:
            return f"{head}: no placement fits the identities"
        if key in outcome.relaxed_rows:
            return f"{head}: the identities cannot all hold; {len(options)} placements fit the row ({shown})"
        return f"{head}: {len(options)} placements fit the identities ({shown})"


# --- the table -------------------------------------------------------------------------------------


def prepare(
    family: str,
    body: Body,
    unit: str,
    title_line: int,
    widths: set[int] | None = None,
    names: dict[str, set[str]] | None = None,
    allowed: dict[int, tuple[frozenset[int], ...]] | None = None,
) -> Prepared:
    """Read a table's header and data rows (LayoutError when the header is not understood). `widths`:
    the widths wrapped names are cut at in the document, when known; `names`: the names other tables
    of the document print for each code, which a wrapped name rebuilt here must equal; `allowed`: the
    columns each row's amounts may sit in, by line, when the text says."""
    if body.mode != CELL:
        body = Body(body.mode, tuple(tuple(amount_heads_apart(line)) for line in body.lines), body.raw)
    header_lines, data_lines = split_header(body)
    header_no = next((line[0].line_no for line in reversed(header_lines) if line), title_line)
    columns = read_columns(read_labels(header_lines, PHRASES), family, header_no)
    problems: list[Problem] = []
    stream: list[Cell] = []
    floating: list[Cell] = []
    own: set[int] = set()
    unsure_rows: dict[int, str] = {}
    worded: set[int] = set()
    if body.mode == CELL:
        accept_joined = functools.partial(_accept_joined, names or {})
        cells = split_glued_codes(_drop_header_cells(data_lines[0] if data_lines else []), is_function_code)
        stream = _wrapped_names_joined(cells, accept_joined)  # (`2120899 其他…出让收入` / `安排的支出`)
    else:
        again = printed_again(data_lines, header_lines)
        kept = [line for line in again if not is_header_line(line) and not header_debris(line)]
        split = join_split_amounts(kept, body.raw, table_decimals([c for line in kept for c in line]), _opening)
        floating = split.floating
        is_data = functools.partial(_is_data, columns)
        accept = functools.partial(_accept, names or {})
        completes = functools.partial(_completes, names) if names else None
        lines = serials_apart(split.lines, columns, names or {}, split.emptied)
        kept, continued = continued_rows(centred_names(lines, names or {}), columns, names or {}, split.emptied)
        floating = [*floating, *continued]
        fragments = Fragments(
            kept,
            split.raw,
            is_data,
            whole_cells,
            accept,
            openings=nameless_slot,
            completes=completes,
            emptied=split.emptied,
        )
        own = fragments.widths()
        kept, unsure = fragments.attach(fragments.choose(widths))
        unsure_rows = {no: u.reason for u in unsure for no in u.rows}
        previous: list[Cell] = []
        for line in kept:
            if _has_row_start(line, columns):
                stream.extend(line)
            elif continues_row(previous, line):
                stream[-1] = joined_name(stream[-1], line)
                stream.extend(c for c in line if c.is_amount)
            elif any(c.is_amount for c in line):
                problems.append(Problem(line[0].line_no, "amounts on a line without a subject code", _text(line)))
                if any(c.is_text for c in line):
                    worded.add(line[0].line_no)
            # else: words between rows (a page header not recognised as such)
            previous = line
    stream = cut_glued(split_glued_codes(stream, is_function_code), table_decimals(stream), is_function_code)
    rows, before = cut_rows(stream, columns)
    for row in rows if floating else []:
        if any(floats(cell, floating) for cell in row.values):
            fixed = [c for c in row.values if not floats(c, floating)]
            row.values = fixed + [c for c in row.values if floats(c, floating)]
            row.floating = len(row.values) - len(fixed)
    if any(c.is_amount for c in before):
        problems.append(Problem(before[0].line_no, "amounts before the first subject code", _text(before)))
    lost = amounts_astray(rows, problems)
    cut = frozenset(no for no in lost if no + 1 in worded)
    return Prepared(family, unit, header_no, columns, rows, problems, own, unsure_rows, lost, cut, allowed or {})


def _opening(cells: Sequence[Cell]) -> int:
    """How many cells open the row the line starts (its 序号 and code pieces; 0 for another line)."""
    i = 1 if _serial_at(cells, 0) else 0
    found = code_at(cells, i) or _nameless_code(cells)
    return found[1] if found is not None else i


def _nameless_code(cells: Sequence[Cell]) -> tuple[str, int] | None:
    """A row printed as its code (after a 序号) and amounts only, its name set apart: the code and the
    index of the cell after it; None for any other line."""
    for start in (0, 1):
        if start and not (len(cells) > 1 and cells[0].is_integer):
            break
        if start >= len(cells) or not cells[start].is_integer:
            continue
        digits, j = code_digits(cells, start)
        rest = cells[j:]
        # integers only (a table in 元) could be a run of amounts whose first looks like a code: not taken
        if is_function_code(digits) and rest and all(c.is_amount for c in rest) and not all(c.is_integer for c in rest):
            return digits, j
    return None


def _words_only(cells: Sequence[Cell]) -> bool:
    return bool(cells) and all(c.is_text for c in cells)


def _next_to(lines: Sequence[Sequence[Cell]], n: int, step: int) -> bool:
    m = n + step
    return 0 <= m < len(lines) and bool(lines[m]) and abs(lines[m][0].line_no - lines[n][0].line_no) == 1


def centred_names(lines: list[list[Cell]], known: dict[str, set[str]]) -> list[list[Cell]]:
    """Rows whose name wraps in a tall cell printed centred: the name's head on the line above, the
    code and amounts alone on the middle line, the tail on the line below (pdfplumber). The name is
    rebuilt from the two pieces only when no other row can own them: the lines beyond them print no
    words-only line (a piece of another row's name) nor another row without its name; it must equal the
    name other tables print for the code, when they do, and be a known class name for a 类. Other
    nameless rows are left as they are (their pieces are reported unsure by loaders.layout.names)."""
    out = [list(line) for line in lines]
    drop: set[int] = set()
    for n, cells in enumerate(lines):
        found = _nameless_code(cells)
        if found is None or not (_next_to(lines, n, -1) and _next_to(lines, n, 1)):
            continue
        head, tail = lines[n - 1], lines[n + 1]
        if not (_words_only(head) and _words_only(tail)) or {n - 1, n + 1} & drop:
            continue
        if (_next_to(lines, n - 1, -1) and _words_only(lines[n - 2])) or (
            _next_to(lines, n + 1, 1) and (_words_only(lines[n + 2]) or _nameless_code(lines[n + 2]) is not None)
        ):
            continue
        if _next_to(lines, n - 1, -1) and _nameless_code(lines[n - 2]) is not None:
            continue
        # a wrapped cell's lines join without a space (`政府办公厅(室)` + `及相关机构事务`); a space
        # printed inside a line is the name's own (`政府办公厅 (室)及相关` + `机构事务`)
        text = "".join(" ".join(t.text for c in piece for t in c.tokens) for piece in (head, tail))
        code, j = found
        if (code in known and squash(text) not in known[code]) or not class_name_ok(code, text):
            continue
        name = text_cell(text, cells[0].line_no)
        out[n] = [*cells[:j], name, *cells[j:]]
        drop.update({n - 1, n + 1})
    return [line for n, line in enumerate(out) if n not in drop]


def serials_apart(
    lines: list[list[Cell]], columns: Columns, known: dict[str, set[str]], emptied: Collection[int]
) -> list[list[Cell]]:
    """Rows whose 序号 and amounts a tool prints on the line under their code and name (pdfplumber:
    `2120899 其他国有土地使用权出让收入` / `4 209.65 209.65` / `安排的支出`; cells aligned to the bottom, with
    the name's tail: `4 安排的支出 209.65 209.65`), joined into one line: a line opening with a code and
    its name and printing no amount, then the next line printing an integer, perhaps words, and amounts,
    the integer being the 序号 after the last one printed (no row of a function table is printed without
    its code). The words are the name's tail; the name made must be one the other tables print for the
    code, when they print one (as in continued_rows)."""
    if not columns.serial:
        return lines
    out: list[list[Cell]] = []
    last: int | None = None  # the last 序号 printed
    n = 0
    while n < len(lines):
        cells = lines[n]
        below = lines[n + 1] if n + 1 < len(lines) else []
        last = _opening_serial(cells) or last
        merged = _serial_joined(cells, below, last, known, emptied)
        if merged is None:
            out.append(cells)
            n += 1
            continue
        out.append(merged)
        last = int(below[0].squashed)
        n += 2
    return out


def _opening_serial(cells: Sequence[Cell]) -> int | None:
    """The 序号 a row's line opens with, before its code (with or without its name); None otherwise."""
    if not cells or not cells[0].is_integer:
        return None
    nameless = _nameless_code(cells)
    if _serial_at(cells, 0) or (nameless is not None and nameless[1] > 1):
        return int(cells[0].squashed)
    return None


def _serial_joined(
    cells: Sequence[Cell],
    below: Sequence[Cell],
    last: int | None,
    known: dict[str, set[str]],
    emptied: Collection[int],
) -> list[Cell] | None:
    """A code-and-name line joined with the 序号 line under it (serials_apart); None when they are not
    one row."""
    found = code_at(cells, 0)
    if found is None or last is None or len(below) < 2 or any(c.is_amount for c in cells[found[1] :]):
        return None
    if (
        not below[0].is_integer
        or below[0].squashed != str(last + 1)
        or not consecutive(cells[0].line_no, below[0].line_no, emptied)
    ):
        return None
    split = words_then_amounts(below[1:])
    if split is None:
        return None
    words, amounts = split
    if not amounts or any(c.is_integer for c in amounts):
        return None
    code, k = found
    name = cells[k].text
    if words:
        joined_name = _block_name(name, [" ".join(c.text for c in words)], known.get(code), False)
        if joined_name is None or not class_name_ok(code, joined_name):
            return None
        name = joined_name
    elif code in known and squash(name) not in known[code]:
        return None
    return [below[0], *cells[:k], text_cell(name, cells[k].line_no, cells[k].first), *cells[k + 1 :], *amounts]


BLOCK_LINES = 3  # lines under a row's line read as the rest of its tall cell, at most


def continued_rows(
    lines: list[list[Cell]], columns: Columns, known: dict[str, set[str]], emptied: Collection[int] = ()
) -> tuple[list[list[Cell]], list[Cell]]:
    """Rows printed over several lines, their single-line cells centred on the tall cell's lines (pdftotext
    -layout): the row's line opens it with its code, and the lines under it, up to the last that prints
    amounts, open no row and print the rest of its name and some of its amounts (`2 201 一般公共服务 支出`
    / `419.39 400.00 400.00 19. 40`; `相关 机构事务 19. 40`). A line without a code is no row of its own in
    a function table, so those lines are the row's when their words complete its name: the name other
    tables print for the code, in the one order of the lines that makes it (a tool may print a cell's
    lines out of order: `行政事业单位` / `支出` / `养老 52. 27 …`); without such a name, in printed order, and
    only when no line of words alone is among them (it could be another row's). Amounts printed on two
    of the lines do not say their order across the lines: those of the lower line float (placed by the
    identities). Lines emptied by joining split amounts (`emptied`) do not part two lines. The lines, and
    the floating amounts."""
    out: list[list[Cell]] = []
    floating: list[Cell] = []
    n = 0
    while n < len(lines):
        end = _block_end(lines, n, columns, emptied)
        merged = _merged_block(lines[n], lines[n + 1 : end], known, floating) if end > n + 1 else None
        out.append(merged if merged is not None else lines[n])
        n = end if merged is not None else n + 1
    return out, floating


def _block_end(lines: Sequence[Sequence[Cell]], n: int, columns: Columns, emptied: Collection[int]) -> int:
    """The end of the lines under row line n up to the last printing amounts (n + 1: none)."""
    if not _has_row_start(lines[n], columns) and _bare_code(lines[n]) is None:
        return n + 1
    end = n + 1
    m = n + 1
    while (
        m < len(lines)
        and m - n <= BLOCK_LINES
        and bool(lines[m - 1])
        and bool(lines[m])
        and consecutive(lines[m - 1][0].line_no, lines[m][0].line_no, emptied)
    ):
        cells = lines[m]
        if _has_row_start(cells, columns) or _nameless_code(cells) is not None or words_then_amounts(cells) is None:
            break
        if columns.serial and cells[0].is_integer:
            break  # a 序号 set apart from its row's code (`2120899 其他…` / `4 209.65 209.65`)
        m += 1
        if any(c.is_amount for c in cells):
            end = m
    return end


def _bare_code(cells: Sequence[Cell]) -> str | None:
    """A row's line printing its 序号 and code and nothing else (`4 2120899`, its name and amounts set
    on the lines under it): the code. A code alone is not taken (a page number looks the same)."""
    if len(cells) < 2 or not all(c.is_integer for c in cells):
        return None
    digits, j = code_digits(cells, 1)
    return digits if j == len(cells) and is_function_code(digits) else None


def words_then_amounts(cells: Sequence[Cell]) -> tuple[list[Cell], list[Cell]] | None:
    """The cells as words then amounts (either may be none); None when they are printed otherwise."""
    words = [c for c in cells if c.is_text]
    amounts = list(cells[len(words) :])
    return (words, amounts) if all(c.is_amount for c in amounts) else None


def _merged_block(
    row: Sequence[Cell], under: Sequence[Sequence[Cell]], known: dict[str, set[str]], floating: list[Cell]
) -> list[Cell] | None:
    """The row's line with the lines under it joined (continued_rows), None when they cannot be its."""
    if _bare_code(row) is not None:  # the name to be made of the pieces under it
        if not any(c.is_text for line in under for c in line):
            return None
        row = [*row, text_cell("", row[-1].line_no)]
    found = next((code_at(row, i) for i in range(len(row)) if code_at(row, i) is not None), None)
    total = next((i for i, c in enumerate(row) if is_total_word(c)), None)
    start = found[1] if found is not None else total
    if start is None:
        return None
    with_amounts = [line for line in under if any(c.is_amount for c in line)]
    own = [c for c in row[start + 1 :] if c.is_amount]
    if len(with_amounts) > (1 if own else 2):
        return None
    pieces = [" ".join(c.text for c in line if c.is_text) for line in under if any(c.is_text for c in line)]
    name = None
    if found is not None:
        code, k = found
        name = _block_name(row[k].text, pieces, known.get(code), any(_words_only(line) for line in under))
        if name is None or not class_name_ok(code, name):
            return None
    elif pieces:
        return None  # a 合计 row has no name to go on with
    amounts = [c for line in under for c in line if c.is_amount]
    floating.extend(c for c in with_amounts[-1] if c.is_amount and (own or len(with_amounts) == 2))
    cells = list(row)
    if found is not None and name is not None:
        cells[found[1]] = text_cell(name, row[found[1]].line_no, row[found[1]].first)
    return [*cells, *amounts]


def _block_name(name: str, pieces: list[str], known: set[str] | None, words_alone: bool) -> str | None:
    """The row's name with the pieces under it: the one order of the pieces making a name the document's
    other tables print for the code; without such names, the printed order, when no line prints words
    alone. None when no order, or more than one, makes a known name."""
    if not pieces:
        return name
    if not known:
        return None if words_alone else "".join([name, *pieces])
    if squash(name) in known:
        return None
    # a cell's lines join without a space; a space printed inside a line is the name's own
    made = {"".join([name, *order]) for order in permutations(pieces)}
    fits = [text for text in made if squash(text) in known]
    return fits[0] if len({squash(text) for text in fits}) == 1 else None


def nameless_slot(cells: Sequence[Cell]) -> list[Column]:
    """The empty name slot of a row printed as its code and amounts only (loaders.layout.centred)."""
    found = _nameless_code(cells)
    return [Column(found[1], True, required=True)] if found is not None else []


def class_name_ok(code: str, name: str) -> bool:
    """A 类 (3-digit code) bears one of the known class names; other codes any name."""
    return len(code) != 3 or squash(name) in function_classes()


def continues_row(previous: Sequence[Cell], line: Sequence[Cell]) -> bool:
    """A line that goes on with the row above: the tail of its name, then its amounts, under a row
    printed as a code and a name only (a name wrapped in its cell, the amounts set on its last line).
    A line of words and amounts without a code is no row of its own in a function table."""
    if not previous or not line or not previous[-1].is_text or any(c.is_amount for c in previous[1:]):
        return False
    texts = [i for i, c in enumerate(line) if c.is_text]
    return bool(texts) and texts == list(range(len(texts))) and len(texts) < len(line)


def joined_name(name: Cell, line: Sequence[Cell]) -> Cell:
    """The name cell of a row with the tail of its name (the words that open the next line)."""
    return joined([name, *(c for c in line if c.is_text)], " ")


ASTRAY = "printed no amount in a table with amounts printed apart from any code (they may be its own)"


def amounts_astray(rows: Sequence[RawRow], problems: Sequence[Problem]) -> dict[int, str]:
    """When amounts could not be given to a row, every row printed without amounts may own them: those
    rows are not rebuilt (nor taken as empty in the identities)."""
    if not any(p.reason == "amounts on a line without a subject code" for p in problems):
        return {}
    return {row.line_no: ASTRAY for row in rows if not row.values and not row.extra}


def _code_before(cells: Sequence[Cell], index: int) -> str:
    """The code printed right before a name (`2080501`, or `208` `05` `01`), "" when none."""
    for start in (index - 3, index - 2, index - 1):
        found = code_at(cells, start) if start >= 0 else None
        if found is not None and found[1] == index:
            return found[0]
    return ""


def accept_name(cells: Sequence[Cell], slot: tuple[int, int | None], name: str) -> bool:
    """A rebuilt name for the row on these cells: a 类 (3-digit code) must be a known class name."""
    code = _code_before(cells, slot[0])
    if len(code) == 3:
        return squash(name) in function_classes()
    return True


def _wrapped_names_joined(stream: Sequence[Cell], accept: Callable[[Sequence[Cell], int, str], bool]) -> list[Cell]:
    """A one-cell-per-line stream with each name wrapped over several cells joined (`政府办公厅（室）及相`
    `关机构事务`: the words between a code's name and its amounts), when the whole name is accepted for
    its code (a 类 bears a class name; a name other tables print for the code must be equal)."""
    out: list[Cell] = []
    i = 0
    while i < len(stream):
        out.append(stream[i])
        i += 1
        if not _words_cell(out[-1]) or not _code_before(out, len(out) - 1):
            continue
        end = i
        while end < len(stream) and _words_cell(stream[end]) and not is_total_word(stream[end]):
            end += 1
        if end == i or any(is_page_number(cell.text) for cell in stream[i:end]):
            continue
        whole = joined([out[-1], *stream[i:end]])
        if accept(out, len(out) - 1, whole.text):
            out[-1] = whole
            i = end
    return out


def _words_cell(cell: Cell) -> bool:
    """A cell of words (a name or a piece of one), no amount glued in (`国有土地使用权出让收入安 209.65`)."""
    return cell.is_text and all(t.kind is Kind.TEXT for t in cell.tokens)


# `prepare`'s callbacks: module functions bound with functools.partial, not closures (loaders/native.py).
def _accept_joined(names: dict[str, set[str]], cells: Sequence[Cell], k: int, name: str) -> bool:
    return _accept(names, cells, (k, None), name)  # a whole cell k


def _is_data(columns: Columns, cells: Sequence[Cell]) -> bool:
    # a row printed as its code and amounts only is a row too: its name is set around it
    return _line_is_data(cells) or _has_row_start(cells, columns) or _nameless_code(cells) is not None


def _accept(names: dict[str, set[str]], cells: Sequence[Cell], slot: tuple[int, int | None], name: str) -> bool:
    code = _code_before(cells, slot[0])
    known = names.get(code)
    return accept_name(cells, slot, name) and (known is None or squash(name) in known)


def _completes(names: dict[str, set[str]], cells: Sequence[Cell], slot: tuple[int, int | None], name: str) -> bool:
    """The document as a name catalogue: the joined name is one other tables print for the row's code,
    and the piece on the row alone is not (a cell wrapped at a width of its own, a page cut at another
    width than the rest: `国有土地使用权出让收` / `入安排的支出`)."""
    known = names.get(_code_before(cells, slot[0]))
    return (
        known is not None
        and squash(name) in known
        and squash(slot_text(cells, slot)) not in known
        and accept_name(cells, slot, name)
    )


def _has_row_start(cells: Sequence[Cell], columns: Columns) -> bool:
    return any(row_start(cells, i, columns.serial) for i in range(len(cells)))


def _drop_header_cells(stream: Sequence[Cell]) -> list[Cell]:
    """A header printed again (continued page) inside a cell-mode stream, with its debris."""
    return drop_repeated_headers(stream, _is_header_label, _data_starts, _name_after_code)


def _is_header_label(cell: Cell) -> bool:
    return cell.is_text and (cell.squashed in PHRASES or bool(STRONG_HEADER.search(cell.squashed)))


def _name_after_code(cells: Sequence[Cell], k: int) -> bool:  # a name right after its code
    return bool(_code_before(cells, k))


def header_debris(cells: Sequence[Cell]) -> bool:
    """A header line printed again with its labels wrapped differently (header.label_pieces)."""
    return label_pieces(cells, PHRASES)


def _text(cells: Sequence[Cell]) -> str:
    return " ".join(cell.text for cell in cells)

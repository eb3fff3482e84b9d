"""The 基本支出(决算明细)表 (family basic_economic) printed without tabs.

Two layouts, told apart by the header's labels:

- final accounts: 3 or 4 side-by-side groups of (科目编码, 科目名称, 金额). A printed group is a code, its
  name and at most one amount, so nothing needs placing: each group is rebuilt on a line of its own
  (the facts do not depend on which group column printed it), and the 人员经费合计 / 公用经费合计
  subtotals each on a line of their own with their amount.
- budgets: one group (序号 | 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费). A row printing fewer
  amounts than the three columns is placed by identities: 合计 = 人员经费 + 公用经费 on every row, each
  类 = Σ its 款 per column, the 合计 row = Σ 类 per column.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from importlib.resources import files
from pathlib import Path

from loaders.layout.assign import Identity, Outcome, Row, Term
from loaders.layout.body import (
    Body,
    cut_glued,
    drop_repeated_headers,
    first_data_line,
    split_glued_codes,
    table_decimals,
)
from loaders.layout.centred import Column
from loaders.layout.function import amount_value, equation_text, words_then_amounts
from loaders.layout.header import (
    cell_mode_lines,
    completes,
    header_end,
    printed_again,
    read_labels,
    without_headers,
    words_labels,
)
from loaders.layout.identities import economic_parent, row_equations
from loaders.layout.names import Fragments, whole_cells
from loaders.layout.result import Canonical, LayoutError, Problem, tab_line
from loaders.layout.text import CELL, Cell, joined, squash, text_cell
from loaders.layout.tokenizer import Kind

FAMILY = "basic_economic"
CODE_LABELS = frozenset({"科目编码", "科目代码", "经济分类科目编码", "经济分类科目代码", "编码", "代码"})
AMOUNT_LABELS = frozenset({"金额", "决算数", "预算数", "合计", "小计", "支出数"})
PHRASES = frozenset(
    {
        *CODE_LABELS,
        *AMOUNT_LABELS,
        "科目名称",
        "序号",
        "栏次",
        "人员经费",
        "公用经费",
        "支出部门经济分类科目",
        "部门经济分类科目",
        "经济分类科目",
        "一般公共预算基本支出",
        "基本支出",
    }
)
MEASURES = ("amount", "personnel", "public")
PLAIN_TOTALS = frozenset({"合计", "总计"})
SUBTOTALS = frozenset({"人员经费合计", "公用经费合计"})
TOTAL_LABEL = re.compile(r"^(?:(?:人员经费|公用经费)(?:合计|小计|总计)|(?:基本支出)?(?:合计|总计))$")
STRONG_HEADER = re.compile(r"科目|编码|代码|名称|栏次|序号")


@dataclass(frozen=True)
class Columns:
    groups: int  # side-by-side groups (final layout); 1 in the budget layout
    serial: bool
    budget: bool  # the 合计 | 人员经费 | 公用经费 layout

    def header(self) -> list[str]:
        if self.budget:
            return [*(["序号"] if self.serial else []), "科目编码", "科目名称", "合计", "人员经费", "公用经费"]
        return ["科目编码", "科目名称", "金额"] * self.groups


@dataclass  # __init__ and __eq__ written out: compiled (loaders/native.py)
class Group:
    """A printed group: an economic code (or a total label), its name, its amounts."""

    line_no: int
    serial: str = ""
    code: str = ""
    label: str = ""  # a total label (合计, 人员经费合计 …)
    name: str = ""
    values: list[Cell] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    # the cells after its amounts (not amounts: the group is rebuilt as printed); left out of its
    # equality and repr, as before it was declared (a compiled class has only declared attributes)
    extra: list[Cell] = field(default_factory=list, compare=False, repr=False)

    def __init__(
        self,
        line_no: int,
        serial: str = "",
        code: str = "",
        label: str = "",
        name: str = "",
        values: list[Cell] | None = None,
        cells: list[Cell] | None = None,
        extra: list[Cell] | None = None,
    ) -> None:
        self.line_no = line_no
        self.serial = serial
        self.code = code
        self.label = label
        self.name = name
        self.values = [] if values is None else values
        self.cells = [] if cells is None else cells
        self.extra = [] if extra is None else extra

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Group) and (
            self.line_no,
            self.serial,
            self.code,
            self.label,
            self.name,
            self.values,
            self.cells,
        ) == (other.line_no, other.serial, other.code, other.label, other.name, other.values, other.cells)

    @property
    def key(self) -> str:
        return self.code or squash(self.label)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


# (found through the package, not `__file__`: a module compiled with mypyc has none of its own)
SUBJECTS_CSV = Path(str(files("loaders.layout") / "data" / "economic_subjects.csv"))


@cache
def subject_names() -> dict[str, frozenset[str]]:
    """The standard names of the 部门预算支出经济分类科目 by code (spaces removed, NFKC): used to tell
    which name of a row a wrapped piece belongs to."""
    names: dict[str, set[str]] = {}
    with SUBJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names.setdefault(row["code"], set()).add(squash(row["name"]))
    return {code: frozenset(found) for code, found in names.items()}


def _code_named_at(cells: Sequence[Cell], index: int) -> str | None:
    """The economic code whose name is cells[index] (`30101 基本工资`, `301 01 基本工资`), if any."""
    for start in (index - 2, index - 1):
        found = code_at(cells, start) if start >= 0 else None
        if found is not None and found[1] == index:
            return found[0]
    return None


def accept_name(cells: Sequence[Cell], slot: tuple[int, int | None], name: str) -> bool:
    """A rebuilt name for the group whose name sits in `slot`: the standard name of its code, when the
    code is a standard one."""
    code = _code_named_at(cells, slot[0])
    if code is not None:
        known = subject_names().get(code)
        return known is None or squash(name) in known
    return not any(c.is_amount for c in cells[: slot[0]]) or bool(TOTAL_LABEL.match(squash(name)))


def completes_name(cells: Sequence[Cell], slot: tuple[int, int | None], name: str) -> bool:
    """A piece joined to the name in `slot` makes a standard name of the group's code, and the name
    alone is none (used to join a wrapped piece whatever width its column cut it at); in a total's
    label cell (no code), a total label (`公用经费合` + `计`)."""
    code = _code_named_at(cells, slot[0])
    if code is None:
        return bool(TOTAL_LABEL.match(squash(name))) and not TOTAL_LABEL.match(squash(cells[slot[0]].text))
    known = subject_names().get(code, frozenset())
    return squash(name) in known and squash(cells[slot[0]].text) not in known


def is_economic_code(digits: str) -> bool:
    """A 经济分类 code: 3 or 5 digits, 类 30x–31x, 39x or 5xx."""
    return len(digits) in (3, 5) and digits.isdigit() and digits[0] in "35"


def code_at(cells: Sequence[Cell], i: int) -> tuple[str, int] | None:
    """The economic code at cells[i] (`30101` or `301` `01`) and the index of the name after it."""
    if i >= len(cells) or not cells[i].is_integer:
        return None
    digits = cells[i].squashed
    j = i + 1
    if len(digits) == 3 and j < len(cells) and cells[j].is_integer and len(cells[j].squashed) == 2:
        digits += cells[j].squashed
        j += 1
    if not is_economic_code(digits) or j >= len(cells) or not cells[j].is_text:
        return None
    return digits, j


def name_slots(decimals: bool, groups: bool) -> Callable[[Sequence[Cell]], list[Column]]:
    """The empty name slots of a main line, where a name wrapped in a cell centred on the row prints
    none of its pieces: right after an economic code not followed by its name, and — in the final
    accounts layout (side-by-side groups: one amount a group) — before an amount opening the line or
    printed right after another amount (a total label, 人员经费合计). Only in a table printing its
    amounts with decimals, where an integer is a code and never an amount."""
    return partial(_name_slots, decimals, groups)


def _name_slots(decimals: bool, groups: bool, cells: Sequence[Cell]) -> list[Column]:
    """name_slots' reader (bound with functools.partial, not a closure: loaders/native.py)."""
    if not decimals:
        return []
    slots: list[Column] = []
    for i, cell in enumerate(cells):
        if not cell.is_integer:
            continue
        digits, j = cell.squashed, i + 1
        if len(digits) == 3 and j < len(cells) and cells[j].is_integer and len(cells[j].squashed) == 2:
            digits, j = digits + cells[j].squashed, j + 1
        if is_economic_code(digits) and (j == len(cells) or not cells[j].is_text):
            slots.append(Column(j, True, required=True))
    if groups:
        slots += [Column(i, True, required=True) for i in range(len(cells)) if _unlabelled(cells, i)]
    return sorted(slots, key=Column.sort_key)


def _unlabelled(cells: Sequence[Cell], i: int) -> bool:
    """cells[i] is an amount with decimals opening the line or right after another (not after a code)."""
    if not cells[i].is_amount or cells[i].is_integer:
        return False
    return i == 0 or (cells[i - 1].is_amount and not cells[i - 1].is_integer)


def is_total_label(cell: Cell) -> bool:
    return cell.is_text and bool(TOTAL_LABEL.match(cell.squashed))


def read_columns(header_lines: list[list[Cell]], data: Sequence[Sequence[Cell]], line_no: int) -> Columns:
    labels = [label for line in read_labels(header_lines, PHRASES) for label in line]
    texts = [label.text for label in labels if label.known]
    codes = sum(1 for t in texts if t in CODE_LABELS)
    if codes == 0:
        raise LayoutError("header not understood: no 科目编码 column", line_no)
    budget = codes == 1 and "人员经费" in texts and "公用经费" in texts
    serial = budget and ("序号" in texts or all(line[0].is_integer for line in data if line))
    return Columns(1 if budget else codes, serial, budget)


def check_codes(columns: Columns, data: Sequence[Sequence[Cell]], line_no: int) -> None:
    """Each printed line (space mode) holds at most one code per code column the header names: more,
    and the header was read short (a code column missed) or the lines are not rows."""
    printed = max((sum(1 for i in range(len(line)) if code_at(line, i) is not None) for line in data), default=0)
    if printed > columns.groups:
        reason = f"header not understood: it names {columns.groups} code column(s), a data line prints {printed} codes"
        raise LayoutError(reason, line_no)


def split_header(body: Body) -> tuple[list[list[Cell]], list[list[Cell]]]:
    if body.mode == CELL:
        stream = body.stream
        start = next((i for i in range(len(stream)) if _opens_data(stream, i)), len(stream))
        return cell_mode_lines(stream[:start]), [stream[start:]]
    lines = [list(line) for line in body.lines]
    first = header_end(lines, first_data_line(lines, _starts_data, is_header_line), PHRASES)
    return lines[:first], lines[first:]


def _starts_data(cells: Sequence[Cell]) -> bool:
    """A data line, or a line opening with an economic code and an amount but no name (the name wrapped
    around it: `工资福利支` / `301 2,057.36 302 152.83 307` / `出`), which is no header line."""
    opens = bool(cells) and _nameless_code(cells, 0) and len(cells) > 1 and cells[1].is_amount
    return _is_data_line(cells) or opens


def _opens_data(stream: Sequence[Cell], i: int) -> bool:
    j = i + 1 if stream[i].is_integer and code_at(stream, i) is None else i
    if j >= len(stream):
        return False
    if code_at(stream, j) is not None:
        return True
    following = stream[j + 1] if j + 1 < len(stream) else None
    return is_total_label(stream[j]) and (following is None or following.is_amount)


def _is_data_line(cells: Sequence[Cell]) -> bool:
    return any(code_at(cells, i) is not None for i in range(len(cells))) or (
        any(is_total_label(c) for c in cells) and any(c.is_amount and not c.is_integer for c in cells)
    )


def is_header_line(cells: Sequence[Cell]) -> bool:
    if _is_data_line(cells) or _label_amount_pairs(cells):
        return False  # `人员经费 2,083.42 公用经费 152.83`: totals with their labels wrapped, no header
    texts = [c for c in cells if c.is_text]
    if any(c.squashed == "栏次" for c in texts) or any(STRONG_HEADER.search(c.squashed) for c in texts):
        return True
    pieces = [p for c in texts for p in words_labels([squash(t.text) for t in c.tokens], PHRASES)]
    return bool(pieces) and all(known for _, known in pieces)


def cut_groups(cells: Sequence[Cell], columns: Columns) -> tuple[list[Group], list[Cell]]:
    """Groups start at a code or a total label (after a 序号 in the budget layout)."""
    starts: list[int] = []
    for i in range(len(cells)):
        if code_at(cells, i) is not None or is_total_label(cells[i]) or _nameless_code(cells, i):
            # the 序号 printed before a code (budget layout) starts its group
            serial = columns.serial and i > 0 and (not starts or starts[-1] < i - 1)
            starts.append(i - 1 if serial and _is_serial(cells, i - 1) else i)
    groups: list[Group] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(cells)
        groups.append(_group(cells[start:end], columns))
    return groups, list(cells[: starts[0]] if starts else cells)


def _nameless_code(cells: Sequence[Cell], i: int) -> bool:
    """An economic code opening its printed line with no name after it (its name wrapped around it and
    not rebuilt): a group of its own, never amounts of the group before it."""
    cell = cells[i]
    return cell.first and cell.is_integer and is_economic_code(cell.squashed) and code_at(cells, i) is None


def _is_serial(cells: Sequence[Cell], i: int) -> bool:
    return cells[i].is_integer and code_at(cells, i) is None


def _group(cells: Sequence[Cell], columns: Columns) -> Group:
    group = Group(cells[0].line_no, cells=list(cells))
    i = 0
    if columns.serial and cells[0].is_integer and code_at(cells, 0) is None:
        group.serial = cells[0].text
        i = 1
    group.line_no = cells[i].line_no
    found = code_at(cells, i)
    if found is not None:
        group.code, i = found
        group.name = cells[i].text
    elif _nameless_code(cells, i):
        group.code = cells[i].squashed
    else:
        group.label = cells[i].text
    i += 1
    while i < len(cells) and cells[i].is_amount:
        group.values.append(cells[i])
        i += 1
    group.extra = list(cells[i:])
    return group


@dataclass
class Prepared:
    unit: str
    header_no: int
    columns: Columns
    groups: list[Group]
    problems: list[Problem]
    widths: set[int] = field(default_factory=set)
    unsure: dict[int, str] = field(default_factory=dict)  # lines whose names cannot be rebuilt for sure
    around: dict[int, str] = field(default_factory=dict)  # printed lines with the words-only lines next to them

    def key(self, group: Group) -> str:
        return f"{FAMILY}:{group.key}"

    def placeable(self) -> list[Group]:
        if not self.columns.budget:
            return []
        found: list[Group] = []
        seen: set[str] = set()
        for group in self.groups:
            values = [amount_value(c, self.unit) for c in group.values]
            extra = group.extra
            if extra or any(v is None for v in values) or len(values) > 3 or group.key in seen:
                continue
            if group.label and squash(group.label) not in ("合计", "总计", "基本支出合计"):
                continue
            seen.add(group.key)
            found.append(group)
        return found

    def solver_rows(self) -> list[Row]:
        return [
            Row(self.key(g), tuple(v for c in g.values if (v := amount_value(c, self.unit))), 3)
            for g in self.placeable()
        ]

    def identities(self) -> list[Identity]:
        groups = self.placeable()
        found: list[Identity] = []
        for group in groups:
            for equation in row_equations("basic_economic_budget", MEASURES):
                terms = tuple(Term(sign, self.key(group), MEASURES.index(m)) for sign, m in equation)
                found.append(Identity(f"{FAMILY} row identity {equation_text(equation)}", terms))
        keys = {g.key: g for g in groups}
        children: dict[str, list[str]] = {}
        for group in groups:
            if not group.code:
                continue
            parent = economic_parent(group.code)
            if parent is None:
                parent = next((k for k in keys if not keys[k].code), None)  # a 类 adds up into the 合计 row
            if parent is not None and parent in keys:
                children.setdefault(parent, []).append(group.key)
        for parent, kids in children.items():
            for column, measure in enumerate(MEASURES):
                terms = (
                    Term(1, self.key(keys[parent]), column),
                    *(Term(-1, self.key(keys[k]), column) for k in kids),
                )
                found.append(Identity(f"{FAMILY} {parent} = Σ its children ({measure})", terms))
        return found

    def emit(self, outcome: Outcome) -> Canonical:
        problems = list(self.problems)
        placeable = self.placeable()
        width = 3 if self.columns.budget else 1
        out = [tab_line(self.header_no, self.columns.header())]
        for group in self.groups:
            doubt = self.unsure.get(group.line_no) or self._doubt(group)
            if doubt is not None:
                problems.append(Problem(group.line_no, doubt, self.around.get(group.line_no, group.text)))
                continue
            cells = dict(enumerate(group.values))
            if group in placeable and 0 < len(group.values) < width:
                placement = outcome.placed.get(self.key(group))
                if placement is None:
                    problems.append(Problem(group.line_no, self._reason(group, outcome), group.text))
                    continue
                cells = dict(zip(placement, group.values, strict=True))
            texts = [group.serial] if self.columns.serial else []
            if group.label:
                texts += ["", group.label]
            else:
                texts += [group.code, group.name]
            texts += [cells[c].text if c in cells else "" for c in range(max(width, len(cells)))]
            texts += [c.text for c in group.extra]
            out.append(tab_line(group.line_no, texts))
        return Canonical(tuple(out), tuple(problems))

    def _doubt(self, group: Group) -> str | None:
        """Why a row cannot be rebuilt for sure: a number inside its name (cells of other columns read
        into it), or no amount of its own while the table has amounts printed apart from any code."""
        if not group.label and not group.name:
            return "an economic code printed without its name (a name wrapped around it, not rebuilt)"
        if not group.label and any(ch.isdigit() for ch in group.name):
            return f"a number inside the name {group.name!r} (cells out of their row)"
        if not group.label and _cut_standard_name(group):
            return f"the name {group.name!r} is the head of its code's standard name (the rest wrapped elsewhere)"
        if not group.label and _inner_piece(group):
            return f"the name {group.name!r} is a piece of its code's standard name (the rest wrapped elsewhere)"
        if not group.label and _words_beside(group):
            return f"words beside the name {group.name!r} that are not part of it (another cell's wrapped name?)"
        if group.label and squash(group.label) in PLAIN_TOTALS:
            if self._labels_on(group.line_no) > 1:
                return (
                    f"a bare {group.label!r} beside another total label: cut names (人员经费/公用经费 printed apart?)"
                )
            if sum(1 for g in self.groups if g.label and squash(g.label) in PLAIN_TOTALS) > 1:
                return f"a bare {group.label!r} printed more than once: subtotal labels cut?"
            subtotals = {squash(g.label) for g in self.groups if g.label} & SUBTOTALS
            if len(subtotals) == 1:
                return f"a bare {group.label!r} where only {next(iter(subtotals))} is printed: the other subtotal cut?"
        astray = any(p.reason.startswith("amounts ") for p in self.problems)
        if astray and not group.values:
            return "printed no amount in a table with amounts printed apart from any code (they may be its own)"
        return None

    def _labels_on(self, line_no: int) -> int:
        """How many total labels a printed line holds (a table has one 合计: two on a line are the tails
        of 人员经费合计 and 公用经费合计 whose heads were printed on another line)."""
        return sum(1 for g in self.groups if g.line_no == line_no and g.label)

    def _reason(self, group: Group, outcome: Outcome) -> str:
        key = self.key(group)
        head = f"cannot tell the columns of its {len(group.values)} amount(s) under 3 columns"
        if key in outcome.impossible:
            return f"{head}: {outcome.impossible[key]}"
        options = outcome.ambiguous.get(key, [])
        shown = "; ".join("/".join(MEASURES[c] for c in p) for p in options[:4])
        return f"{head}: {len(options)} placements fit the identities ({shown})"


# (`prepare`'s callbacks: module functions bound with functools.partial, not closures (loaders/native.py).)
def _name_after_code(cells: Sequence[Cell], k: int) -> bool:  # a name right after its code
    return any((found := code_at(cells, j)) is not None and found[1] == k for j in range(max(0, k - 2), k))


def _is_row(openings: Callable[[Sequence[Cell]], list[Column]], cells: Sequence[Cell]) -> bool:
    return _is_data_line(cells) or bool(openings(cells))


def prepare(family: str, body: Body, unit: str, title_line: int, widths: set[int] | None = None) -> Prepared:
    header_lines, data = split_header(body)
    header_no = next((line[0].line_no for line in reversed(header_lines) if line), title_line)
    problems: list[Problem] = []
    own: set[int] = set()
    unsure_lines: dict[int, str] = {}
    if body.mode == CELL:
        stream = split_glued_codes(data[0] if data else [], is_economic_code)
        stream = drop_repeated_headers(_labels_joined(stream), _header_cell, _opens_data, _name_after_code)
        lines = [_wrapped_names_joined(stream)]
    else:
        data = printed_again(data, header_lines)
        lines = continued_cells(without_headers(data, is_header_line, partial(completes, phrases=PHRASES)))
        decimals = any(c.kind is Kind.NUMBER and not c.is_integer for line in lines for c in line)
        openings = name_slots(decimals, not read_columns(header_lines, lines, header_no).budget)
        is_row = partial(_is_row, openings)
        fragments = Fragments(
            lines, body.raw, is_row, whole_cells, accept_name, openings=openings, completes=completes_name
        )
        own = fragments.widths()
        lines, unsure = fragments.attach(fragments.choose(widths))
        unsure_lines = {no: u.reason for u in unsure for no in u.rows}
    columns = read_columns(header_lines, lines, header_no)
    if body.mode != CELL:
        check_codes(columns, lines, header_no)
    stream = []
    for line in lines:
        totals = _labels_wrapped(body.raw, line) if body.mode != CELL else None
        if totals is not None:
            stream.extend(totals)
            continue
        if body.mode != CELL and not _is_data_line(line):
            if any(c.is_amount and not c.is_integer for c in line):
                # with the words-only lines around it: labels printed centred above and below (合计)
                text = _worded_around(body.raw, line[0].line_no) if line[0].line_no in body.raw else _text(line)
                problems.append(Problem(line[0].line_no, "amounts on a line without an economic code", text))
            elif any(c.is_integer and is_economic_code(c.squashed) for c in line):
                reason = "an economic code printed apart from its name (a name wrapped around it)"
                problems.append(Problem(line[0].line_no, reason, _text(line)))
            continue
        stream.extend(line)
    stream = cut_glued(stream, table_decimals(stream), is_economic_code)
    groups, before = cut_groups(stream, columns)
    if any(c.is_amount for c in before):
        problems.append(Problem(before[0].line_no, "amounts before the first economic code", _text(before)))
    labelled = Counter(g.line_no for g in groups if g.label)
    around = {no: _worded_around(body.raw, no) for no, count in labelled.items() if count > 1 and no in body.raw}
    return Prepared(unit, header_no, columns, groups, problems, own, unsure_lines, around)


def continued_cells(lines: list[list[Cell]]) -> list[list[Cell]]:
    """Cells a tool prints on the line under their row, in front of the rows that line opens (a tall
    row's one-line cells centred on its lines, pdftotext -layout: `30108 机关事业单位基` over
    `本养老保险缴费 45.90 30206 电费 0.10 …`; `309 资本性支出` over `（基本建设） —— 31022 …`): the words
    before the line's first code, and the amounts after them, go back to the one row of the line above
    whose name they complete into its code's standard name (the name alone being none), when that row
    prints no amount of its own or they bring none. Other lines are left as printed."""
    out: list[list[Cell]] = []
    for line in lines:
        above = out[-1] if out else []
        if above and line and line[0].line_no == above[-1].line_no + 1 and line[0].is_text:
            end = next(
                (i for i in range(len(line)) if code_at(line, i) is not None or is_total_label(line[i])), len(line)
            )
            split = words_then_amounts(line[:end])
            if split is not None and (split[1] or end < len(line)):
                joined_above = _continued(above, *split)
                if joined_above is not None:
                    out[-1] = joined_above
                    line = line[end:]
        if line:
            out.append(line)
    return out


def _continued(cells: Sequence[Cell], words: Sequence[Cell], amounts: Sequence[Cell]) -> list[Cell] | None:
    """The line with the words joined to the one name they complete, the amounts after it (continued_cells)."""
    found: list[tuple[int, str]] = []
    for i in range(len(cells)):
        named = code_at(cells, i)
        if named is None:
            continue
        code, k = named
        known = subject_names().get(code, frozenset())
        name = cells[k].text + "".join(c.text for c in words)
        if squash(name) not in known or squash(cells[k].text) in known:
            continue
        if amounts and k + 1 < len(cells) and cells[k + 1].is_amount and code_at(cells, k + 1) is None:
            continue  # the row prints amounts of its own
        found.append((k, name))
    if len(found) != 1:
        return None
    k, name = found[0]
    return [*cells[:k], text_cell(name, cells[k].line_no, cells[k].first), *amounts, *cells[k + 1 :]]


def _wrapped_names_joined(stream: Sequence[Cell]) -> list[Cell]:
    """A one-cell-per-line stream with each name wrapped over several cells joined (`机关事业单位基本养老保险缴`
    `费`): the text cells between a code's name and what follows it, when together they are a standard
    name of the code (a name the catalogue does not know for the code is left as printed)."""
    out = list(stream)
    i = 0
    while i < len(out):
        found = code_at(out, i)
        if found is None:
            i += 1
            continue
        code, at = found
        end = at + 1
        while end < len(out) and out[end].is_text and not is_total_label(out[end]) and code_at(out, end) is None:
            end += 1
        whole = joined(out[at:end])
        if end > at + 1 and squash(whole.text) in subject_names().get(code, frozenset()):
            out[at:end] = [whole]
        i = at + 1
    return out


def _labels_joined(stream: Sequence[Cell]) -> list[Cell]:
    """A one-cell-per-line stream with each total label wrapped over two cells joined (`人员经费` `合计`:
    the 人员经费合计 subtotal, not the table's 合计)."""
    out: list[Cell] = []
    for cell in stream:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.is_text
            and cell.is_text
            and not is_total_label(previous)
            and TOTAL_LABEL.match(previous.squashed + cell.squashed)
        ):
            out[-1] = joined([previous, cell])
        else:
            out.append(cell)
    return out


def _worded_around(raw: dict[int, str], line_no: int) -> str:
    """A printed line with the words-only table lines right before and after it."""
    numbers = sorted(raw)
    at = numbers.index(line_no)
    around = [line_no]
    for k in (at - 1, at + 1):
        if 0 <= k < len(numbers) and raw[numbers[k]].strip() and not any(ch.isdigit() for ch in raw[numbers[k]]):
            around.append(numbers[k])
    return " ".join(raw[no].strip() for no in sorted(around))


def _words_only_line(raw: dict[int, str], no: int, count: int) -> list[str] | None:
    """The pieces of printed line `no` when it holds words only (no digit), exactly `count` of them."""
    words = raw.get(no, "")
    pieces = words.split()
    return pieces if len(pieces) == count and not any(ch.isdigit() for ch in words) else None


def _label_amount_pairs(cells: Sequence[Cell]) -> bool:
    """A line of labels each followed by its amount, with decimals (`人员经费 2,083.42 公用经费 152.83`)."""
    slots = _label_slots(cells)
    return slots is not None and all(label is not None for label, _ in slots)


def _label_slots(cells: Sequence[Cell]) -> list[tuple[Cell | None, Cell]] | None:
    """A line of amounts with decimals, each after its label or after none (`人员经费合计 533.73 27.40`):
    (label, amount) per amount; None for any other line (a code, two texts in a row, a text last)."""
    slots: list[tuple[Cell | None, Cell]] = []
    label: Cell | None = None
    for cell in cells:
        if cell.is_text and label is None:
            label = cell
        elif cell.is_amount and not cell.is_integer:
            slots.append((label, cell))
            label = None
        else:
            return None
    return slots if slots and label is None else None


def _whole_total(label: Cell | None) -> bool:
    return label is not None and is_total_label(label) and label.squashed not in PLAIN_TOTALS


def _labels_wrapped(raw: dict[int, str], line: Sequence[Cell]) -> list[Cell] | None:
    """A totals line whose labels a narrow cell wrapped (`人员经费 2,083.42 公用经费 152.83` over `合计 合计`):
    the line rebuilt with one whole total label before each amount, or None. The labels not whole yet
    (cut, or bare 合计 / 总计) take the pieces of a words-only line, one each:

    - each printed label, the piece right under it (tails: cells aligned to the top of their row) or
      right above it (heads: aligned to the bottom), one of the two ways only;
    - each amount printed without a label (`人员经费合计 533.73 27.40`, or amounts only), the piece
      above joined to the piece below (a label centred on its amount: `公用经费` / `合计`).

    A line with labels of both kinds is left as printed."""
    no = line[0].line_no if line else 0
    slots = _label_slots(line)
    if slots is None:
        return None
    open_slots = [k for k, (label, _) in enumerate(slots) if not _whole_total(label)]
    if not open_slots:
        return None  # the line's own labels are whole
    printed = [label.squashed for k in open_slots if (label := slots[k][0]) is not None]
    found: list[list[str]] = []
    if len(printed) == len(open_slots):
        for offset in (1, -1):
            pieces = _words_only_line(raw, no + offset, len(open_slots))
            if pieces is not None:
                found.append([squash(t + p if offset == 1 else p + t) for t, p in zip(printed, pieces, strict=True)])
    elif not printed:
        above, below = _words_only_line(raw, no - 1, len(open_slots)), _words_only_line(raw, no + 1, len(open_slots))
        if above is not None and below is not None:
            found.append([squash(head + tail) for head, tail in zip(above, below, strict=True)])
    found = [joined for joined in found if all(TOTAL_LABEL.match(name) for name in joined)]
    if len(found) != 1:
        return None
    names = dict(zip(open_slots, found[0], strict=True))
    out: list[Cell] = []
    for k, (label, amount) in enumerate(slots):
        if k in names:  # (opening its printed line or not, as the label or the amount it stands for)
            out.append(text_cell(names[k], no, label.first if label is not None else amount.first))
        elif label is not None:
            out.append(label)
        out.append(amount)
    return out


def _cut_standard_name(group: Group) -> bool:
    """The name is a proper head of every standard name of its code (`其他交` for 30239 其他交通费用): a
    name cut by its cell's width whose tail was printed where it could not be joined back."""
    known = subject_names().get(group.code)
    name = squash(group.name)
    return (
        known is not None
        and bool(known)
        and bool(name)
        and all(len(k) > len(name) and k.startswith(name) for k in known)
    )


def _inner_piece(group: Group) -> bool:
    """The name is printed inside every standard name of its code but opens none (`运行维护` for 30231
    公务用车运行维护费): a name wrapped over three lines or more, of which only a middle or last piece
    was joined to the row."""
    known = subject_names().get(group.code, frozenset())
    name = squash(group.name)
    return bool(known) and bool(name) and all(name in k and not k.startswith(name) for k in known)


def _words_beside(group: Group) -> bool:
    """The name cell holds the code's standard name and more words after it (`手续费 国外债务发行`: the
    head of a wrapped name printed beside it)."""
    known = subject_names().get(group.code)
    words = group.name.split()
    if not known or len(words) < 2 or squash(group.name) in known:
        return False
    return any(squash("".join(words[:k])) in known for k in range(1, len(words)))


def _header_cell(cell: Cell) -> bool:
    if not cell.is_text or is_total_label(cell):
        return False
    pieces = words_labels([squash(t.text) for t in cell.tokens], PHRASES)
    return all(known for _, known in pieces) or bool(STRONG_HEADER.search(cell.squashed))


def _text(cells: Sequence[Cell]) -> str:
    return " ".join(c.text for c in cells)

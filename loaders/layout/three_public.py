"""The 财政拨款"三公"经费支出表 (family three_public) printed without tabs.

- column layout (final accounts): a 预算数 | 决算数 line, the item labels of each half (合计, 因公出国(境)费,
  公务用车购置及运行维护费 over 小计 / 购置费 / 运行维护费, 公务接待费), then one data line. The header is
  rebuilt as the tab header the parser reads (the vehicle label over its three sub-columns, so the
  item names come out as printed). The data line's amounts are placed by identities, per half: 合计 =
  出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行维护; and in the 决算数 half, each item is not smaller
  than the same expense in the 基本支出决算明细表 (30212 因公出国(境)费用, 30231 公务用车运行维护费,
  31013 公务用车购置, 30217 公务接待费), which is its basic-expenditure part.
- row layout (budgets): 序号 | 项目 | 合计 | fund columns; one line per item. Only the 合计 column is a
  fact (the fund columns are checked, not kept): a line whose 合计 the identity 合计 = Σ funds settles
  is rebuilt with its 合计, its fund amounts left out when their columns cannot be told.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import product

from loaders.document import name_text
from loaders.layout.assign import Identity, Outcome, Row, Term, Value
from loaders.layout.body import Body
from loaders.layout.centred import Column, spacing_known
from loaders.layout.function import amount_value
from loaders.layout.header import column_numbering, printed_again, read_labels, words_labels
from loaders.layout.identities import row_equations
from loaders.layout.names import UNSURE, Fragments, Slot, slot_text, whole_cells
from loaders.layout.result import Canonical, LayoutError, Problem, tab_line
from loaders.layout.text import CELL, Cell, joined, squash, text_cell
from loaders.parsers.three_public import STANDARD_COLUMNS, item_of, item_wording

FAMILY = "three_public"
BUDGET, ACTUAL = "budget", "actual"
_BUDGET_WORDS = re.compile(r"预算数$|^预算$")
_ACTUAL_WORDS = re.compile(r"决算数$|^决算$|^实际(支出)?数$")
_SUBTOTAL = re.compile(r"^小计$")
ROW_PHRASES = frozenset(
    {
        "序号",
        "项目",
        "合计",
        "栏次",
        "资金性质",
        "预算数",
        "决算数",
        "一般公共预算财政拨款",
        "一般公共预算拨款",
        "政府性基金预算拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
        "国有资本经营预算拨款",
    }
)
# 基本支出明细表 codes whose amount is part of a 三公 item's 决算数.
ECONOMIC_PARTS = {
    "overseas_travel": "30212",
    "vehicle_operation": "30231",
    "vehicle_purchase": "31013",
    "reception": "30217",
}


def _item_of(text: str) -> str | None:

    item = item_of(text)
    if item is None and _SUBTOTAL.match(squash(text)):
        return "vehicle_subtotal"
    return "total" if item == "three_public" else item


def _is_halves(cells: Sequence[Cell]) -> list[str] | None:
    words = [squash(t.text) for c in cells if c.is_text for t in c.tokens]
    halves = [
        BUDGET if _BUDGET_WORDS.search(w) else ACTUAL
        for w in words
        if _BUDGET_WORDS.search(w) or _ACTUAL_WORDS.search(w)
    ]
    return halves if set(halves) == {BUDGET, ACTUAL} and len(words) == len(halves) else None


# The item labels the standard table prints (spaces removed, NFKC).
LABELS = frozenset(
    {
        "合计",
        "小计",
        "因公出国(境)费",
        "因公出国(境)费用",
        "公务用车购置及运行维护费",
        "公务用车购置及运行费",
        "公务用车购置费",
        "公务用车运行维护费",
        "公务用车运行费",
        "购置费",
        "运行维护费",
        "公务接待费",
    }
)


def segment(words: Sequence[str], glue: str = " ") -> list[str] | None:
    """Cut a run of header words into item labels: consecutive words joined into the longest standard
    label; failing that, the cut into the most labels that each name a 三公 item, when there is one.
    A label's words are joined by `glue` (a space; nothing for the pieces of a cell wrapped over lines)."""
    labels: list[str] = []
    i = 0
    while i < len(words):
        end = next((j for j in range(len(words), i, -1) if squash("".join(words[i:j])) in LABELS), None)
        if end is None:
            return _segment_by_items(words, glue)
        labels.append(glue.join(words[i:end]))
        i = end
    return labels


def _segment_by_items(words: Sequence[str], glue: str) -> list[str] | None:
    """The cut into the most labels that each name a 三公 item; None unless exactly one cut does that."""
    best: dict[int, tuple[int, int, list[str]]] = {len(words): (0, 1, [])}  # i → (labels, ways, cut)
    for i in range(len(words) - 1, -1, -1):
        found: tuple[int, int, list[str]] | None = None
        for j in range(i + 1, len(words) + 1):
            label = glue.join(words[i:j])
            if _item_of(label) is None or j not in best:
                continue
            count, ways, rest = best[j]
            if found is None or count + 1 > found[0]:
                found = (count + 1, ways, [label, *rest])
            elif count + 1 == found[0]:
                found = (found[0], found[1] + ways, found[2])
        if found is not None:
            best[i] = found
    if 0 not in best or best[0][1] != 1:
        return None
    return best[0][2]


@dataclass
class ColumnLayout:
    """The column layout rebuilt: the tab header lines and each column's (half, item)."""

    header: list[list[str]]
    columns: list[tuple[str, str]]


def _split_halves(labels: list[str], count: int) -> list[list[str]] | None:
    """Labels of one header line split into the halves: each half starts at a 合计 (or 小计)."""
    starts = [i for i, label in enumerate(labels) if _item_of(label) in ("total", "vehicle_subtotal")]
    if len(starts) != count or starts[0] != 0:
        return None
    return [labels[a:b] for a, b in zip(starts, [*starts[1:], len(labels)], strict=True)]


def column_layout(halves: list[str], items: list[str], subs: list[str]) -> ColumnLayout:
    top = _split_halves(items, len(halves))
    if top is None:
        raise LayoutError("header not understood: cannot cut the item labels into the 预算数 / 决算数 halves", 0)
    below = _split_halves(subs, len(halves)) if subs else [[] for _ in halves]
    if below is None:
        raise LayoutError("header not understood: cannot cut the 公务用车 sub-labels into the halves", 0)
    line1: list[str] = []
    line2: list[str] = []
    line3: list[str] = []
    columns: list[tuple[str, str]] = []
    for half, labels, sub in zip(halves, top, below, strict=True):
        start = len(line2)
        for label in labels:
            item = _item_of(label)
            if item == "vehicle_total" and sub:
                for n, sub_label in enumerate(sub):
                    line2.append(label if n == 0 else "")
                    line3.append(sub_label)
                    sub_item = _item_of(sub_label)
                    columns.append((half, "vehicle_total" if sub_item == "vehicle_subtotal" else sub_item or ""))
                continue
            line2.append(label)
            line3.append("")
            columns.append((half, item or ""))
        line1 += ["预算数" if half == BUDGET else "决算数"] + [""] * (len(line2) - start - 1)
    return ColumnLayout([line1, line2, line3], columns)


@dataclass
class Prepared:
    unit: str
    header_no: int
    layout: ColumnLayout | None  # the column layout; None for the row layout
    row_header: list[str] = field(default_factory=list)
    lines: list[list[Cell]] = field(default_factory=list)  # data lines
    problems: list[Problem] = field(default_factory=list)
    widths: set[int] = field(default_factory=set)
    # The row layout: amounts printed on a line of no item (a tool printing the cells apart from their
    # rows): an item printing none may have lost them, and is not loaded blank.
    astray: bool = False

    @property
    def width(self) -> int:
        return len(self.layout.columns) if self.layout is not None else len(self.row_header) - 2

    def key(self, n: int) -> str:
        return f"{FAMILY}:{n}"

    def _values(self, line: Sequence[Cell]) -> list[Cell]:
        return [c for c in line if c.is_amount] if self.layout is not None else _row_values(line)

    def solver_rows(self) -> list[Row]:
        rows = []
        for n, line in enumerate(self.lines):
            values = [amount_value(c, self.unit) for c in self._values(line)]
            if any(v is None for v in values) or len(values) > self.width:
                continue
            rows.append(Row(self.key(n), tuple(v for v in values if v is not None), self.width))
        return rows

    def identities(self, economic: dict[str, Value | None]) -> list[Identity]:
        keys = {row.key for row in self.solver_rows()}
        found: list[Identity] = []
        for n in range(len(self.lines)):
            if self.key(n) not in keys:
                continue
            if self.layout is None:
                terms = (Term(1, self.key(n), 0), *(Term(-1, self.key(n), c) for c in range(1, self.width)))
                found.append(Identity("三公 合计 = Σ funds", terms))
                continue
            for half in (BUDGET, ACTUAL):
                index = {item: c for c, (h, item) in enumerate(self.layout.columns) if h == half}
                for equation in row_equations(FAMILY, index):
                    terms = tuple(Term(sign, self.key(n), index[m]) for sign, m in equation)
                    found.append(Identity(f"三公 {half} {equation[0][1]} = Σ parts", terms))
                if half != ACTUAL:
                    continue
                for item, code in ECONOMIC_PARTS.items():
                    part = economic.get(code)
                    if item in index and isinstance(part, Value):
                        found.append(
                            Identity(
                                f"三公 决算数 {item} ≥ 基本支出 {code}",
                                (Term(1, self.key(n), index[item]),),
                                Value(-part.wan, part.unit),
                                at_least=True,
                            )
                        )
        return found

    def emit(self, outcome: Outcome) -> Canonical:
        problems = list(self.problems)
        withheld: set[tuple[int, int]] = set()
        if self.layout is not None:
            out = [tab_line(self.header_no, cells) for cells in self.layout.header]
        else:
            out = [tab_line(self.header_no, self.row_header)]
        for n, line in enumerate(self.lines):
            values = self._values(line)
            text = " ".join(c.text for c in line)
            placement = outcome.placed.get(self.key(n))
            cells: dict[int, Cell] = {}
            if not values and self.astray:
                problems.append(Problem(line[0].line_no, _ASTRAY, text))
                continue
            if placement is not None:
                cells = dict(zip(placement, values, strict=True))
            elif self.layout is None and values and self.key(n) in outcome.ambiguous:
                options = outcome.ambiguous[self.key(n)]
                if options and all(0 in p and p.index(0) == 0 for p in options):
                    cells = {0: values[0]}  # 合计 settled; the fund columns are not facts
                else:
                    problems.append(Problem(line[0].line_no, self._reason(values, outcome, n), text))
                    continue
            elif self.layout is not None and values and self.key(n) in outcome.ambiguous:
                cells, undecided = settled_cells(outcome.ambiguous[self.key(n)], values, self.width)
                if not cells:
                    problems.append(Problem(line[0].line_no, self._reason(values, outcome, n), text))
                    continue
                withheld.update((line[0].line_no, c) for c in undecided)
                names = "/".join(f"{self.layout.columns[c][0]}:{self.layout.columns[c][1]}" for c in undecided)
                reason = f"{self._reason(values, outcome, n)}; loaded the columns all of them agree on, not {names}"
                problems.append(Problem(line[0].line_no, reason, text))
            elif values and len(values) != self.width:
                problems.append(Problem(line[0].line_no, self._reason(values, outcome, n), text))
                continue
            else:
                cells = dict(enumerate(values))
            amounts = [cells[c].text if c in cells else "" for c in range(max(self.width, len(cells)))]
            if self.layout is not None:
                out.append(tab_line(line[0].line_no, amounts))
            else:
                serial, label = _row_label(line)
                out.append(tab_line(line[0].line_no, [serial, label, *amounts]))
        return Canonical(tuple(out), tuple(problems), withheld=frozenset(withheld))

    def _reason(self, values: Sequence[Cell], outcome: Outcome, n: int) -> str:
        key = self.key(n)
        head = f"cannot tell the columns of its {len(values)} amount(s) under {self.width} columns"
        if key in outcome.impossible:
            return f"{head}: {outcome.impossible[key]}"
        options = outcome.ambiguous.get(key, [])
        names = [f"{h}:{i}" for h, i in self.layout.columns] if self.layout is not None else self.row_header[2:]
        shown = "; ".join("/".join(names[c] for c in p) for p in options[:3])
        return f"{head}: {len(options)} placements fit the identities ({shown})"


def settled_cells(
    placements: Sequence[Sequence[int]], values: Sequence[Cell], width: int
) -> tuple[dict[int, Cell], list[int]]:
    """The cells every placement of a line's values agrees on (column → value; a column they all leave
    empty is settled empty, so it is not in the result but not undecided either), and the columns they
    disagree on. No settled cell at all when some value's column is not settled."""
    settled: dict[int, Cell] = {}
    undecided: list[int] = []
    for column in range(width):
        held = {p.index(column) if column in p else None for p in placements}
        if len(held) > 1:
            undecided.append(column)
        elif (index := held.pop()) is not None:
            settled[column] = values[index]
    return settled, undecided


def _row_values(line: Sequence[Cell]) -> list[Cell]:
    start = 1 if line and line[0].is_integer else 0
    return [c for c in line[start:] if c.is_amount]


def _row_label(line: Sequence[Cell]) -> tuple[str, str]:
    serial = line[0].text if line and line[0].is_integer else ""
    label = " ".join(c.text for c in line if c.is_text)
    return serial, label


def _words(cells: Sequence[Cell]) -> list[str]:
    return [t.text for c in cells if c.is_text for t in c.tokens]


def prepare(family: str, body: Body, unit: str, title_line: int, widths: set[int] | None = None) -> Prepared:
    if body.mode == CELL:
        return _prepare_cells(body.stream, unit, title_line)
    lines = [list(line) for line in body.lines]
    at = next((n for n, line in enumerate(lines) if _is_halves(line)), None)
    if at is None:
        return _prepare_rows(lines, body, unit, title_line, widths)
    halves = _is_halves(lines[at]) or []
    header: list[list[Cell]] = []
    data: list[list[Cell]] = []
    width = 0
    for line in lines[at + 1 :]:
        if all(c.is_text for c in line):
            if not data:
                header.append(line)
            continue
        if _is_numbering(line):
            width = width or sum(1 for c in line if c.is_integer)
            continue
        data.append(line)
    header_no = lines[at][0].line_no
    cut = [segment(_words(line)) for line in header]
    if all(found is not None for found in cut):
        return _columns(halves, [found for found in cut if found is not None], data, unit, header_no)
    failed = next(line for line, found in zip(header, cut, strict=True) if found is None)
    try:
        layout = vocabulary_layout(halves, _tails(lines[at]), [_words(line) for line in header], width)
    except LayoutError as exc:
        reason = f"header not understood: cannot cut the item labels line by line, and {exc.reason}"
        raise LayoutError(reason, failed[0].line_no) from None
    return Prepared(unit, header_no, layout, lines=data)


def _tails(cells: Sequence[Cell]) -> int:
    """How many of the 预算 / 决算 words of the halves line lack their 数 (printed on a line below)."""
    return sum(1 for c in cells if c.is_text for t in c.tokens if squash(t.text) in ("预算", "决算"))


# Each half's labels in the standard table: (key, its first and last column in the half, printed
# wordings, spaces removed, NFKC). The columns are the standard order of the tab parser
# (loaders.parsers.three_public.STANDARD_COLUMNS); the 公务用车 label spans its three sub-columns.
_HALF_LABELS: tuple[tuple[str, tuple[str, str], tuple[str, ...]], ...] = (
    ("total", ("total", "total"), ("合计",)),
    ("overseas_travel", ("overseas_travel", "overseas_travel"), ("因公出国(境)费", "因公出国(境)费用")),
    ("vehicle", ("vehicle_total", "vehicle_operation"), ("公务用车购置及运行维护费", "公务用车购置及运行费")),
    ("vehicle_total", ("vehicle_total", "vehicle_total"), ("小计",)),
    ("vehicle_purchase", ("vehicle_purchase", "vehicle_purchase"), ("公务用车购置费", "购置费")),
    (
        "vehicle_operation",
        ("vehicle_operation", "vehicle_operation"),
        ("公务用车运行维护费", "运行维护费", "公务用车运行费"),
    ),
    ("reception", ("reception", "reception"), ("公务接待费",)),
)
# The search for the words' labels: at most this many steps, and readings compared up to two.
SEARCH_STEPS = 20_000


class _TooLarge(Exception):
    pass


@dataclass(frozen=True)
class _Label:
    half: int
    key: str
    text: str  # squashed
    lo: int  # first and last column it spans, counted over both halves
    hi: int


def vocabulary_layout(halves: list[str], tails: int, lines: list[list[str]], width: int) -> ColumnLayout:
    """The column layout read from the header words' meaning and counts, when the tool spread its cells
    over many lines (a label wrapped in its cell, cells spanning rows, lines of several cells mixed).

    The 栏次 line must number the standard six columns per half. The words, taken in reading order, must
    be exactly the standard labels of each half (the same wording in both halves, one 数 per half whose
    预算 / 决算 was printed without it), each label's pieces in order, and on each line the words must
    stand in the order of their columns: the standard order of the tab parser (STANDARD_COLUMNS), which
    alone decides what the words leave open (因公出国 and 公务接待 have the same identities). One reading
    only: the name of every label must come out the same in every way the words can be read."""
    per_half = len(STANDARD_COLUMNS)
    if width != per_half * len(halves):
        return _refuse(f"the 栏次 line numbers {width or 'no'} columns, not {per_half} per half")
    words = [(n, text, squash(text)) for n, line in enumerate(lines) for text in line if squash(text)]
    bag = Counter(ch for _, _, word in words for ch in word)
    found: list[tuple[list[_Label], set[tuple[str, ...]]]] = []
    for wording in product(*(variants for _, _, variants in _HALF_LABELS)):
        labels = [
            _Label(h, key, text, h * per_half + STANDARD_COLUMNS.index(lo), h * per_half + STANDARD_COLUMNS.index(hi))
            for h in range(len(halves))
            for (key, (lo, hi), _), text in zip(_HALF_LABELS, wording, strict=True)
        ]
        labels += [_Label(h, "数", "数", h * per_half, (h + 1) * per_half - 1) for h in range(tails)]
        if Counter(ch for label in labels for ch in label.text) != bag:
            continue
        try:
            readings = _readings(words, labels)
        except _TooLarge:
            return _refuse(f"the header words allow too many readings (over {SEARCH_STEPS} steps)")
        if readings:
            found.append((labels, readings))
    if not found:
        return _refuse("its words are not the standard labels twice in the standard column order")
    if len(found) > 1 or len(found[0][1]) > 1:
        return _refuse("its words can be read as more than one set of labels")
    labels, [texts] = found[0][0], list(found[0][1])
    printed = {(label.half, label.key): text for label, text in zip(labels, texts, strict=True)}
    line1: list[str] = []
    line2: list[str] = []
    line3: list[str] = []
    columns: list[tuple[str, str]] = []
    for h, half in enumerate(halves):
        line1 += ["预算数" if half == BUDGET else "决算数"] + [""] * (per_half - 1)
        for item in STANDARD_COLUMNS:
            if item in ("vehicle_total", "vehicle_purchase", "vehicle_operation"):
                line2.append(printed[(h, "vehicle")] if item == "vehicle_total" else "")
                line3.append(printed[(h, item)])
            else:
                line2.append(printed[(h, item)])
                line3.append("")
            columns.append((half, item))
    return ColumnLayout([line1, line2, line3], columns)


def _refuse(reason: str) -> ColumnLayout:
    raise LayoutError(reason, 0)


def _readings(words: Sequence[tuple[int, str, str]], labels: Sequence[_Label]) -> set[tuple[str, ...]]:
    """Every way to give each word (line, text, squashed) to a label so that each label's words, in
    reading order, spell it, and the words of a line stand in the order of their labels' columns: the
    name of each label as stored (its words joined by spaces, then document.name_text: readings that
    differ only in the spaces a name drops are one), one tuple per distinct reading; at most two are
    collected. A bounded depth-first search; states known to lead nowhere are not searched again.
    A label wrapped over lines where a space may or may not stand (see `_label_text`) refuses the layout
    (LayoutError)."""
    search = _LabelSearch(words, labels)
    search.search(0, -1)
    return search.readings


class _LabelSearch:
    """`_readings`' depth-first search and its state (an object, not a recursive closure:
    loaders/native.py)."""

    def __init__(self, words: Sequence[tuple[int, str, str]], labels: Sequence[_Label]) -> None:
        self.words = words
        self.labels = labels
        self.consumed = [0] * len(labels)
        self.parts: list[list[tuple[int, str]]] = [[] for _ in labels]
        self.dead: set[tuple[int, tuple[int, ...], int]] = set()
        self.readings: set[tuple[str, ...]] = set()
        self.steps = 0

    def search(self, i: int, leftmost: int) -> bool:
        words, labels, consumed, parts = self.words, self.labels, self.consumed, self.parts
        self.steps += 1
        if self.steps > SEARCH_STEPS:
            raise _TooLarge
        if i == len(words):
            if all(c == len(label.text) for c, label in zip(consumed, labels, strict=True)):
                self.readings.add(tuple(name_text(_label_text(p)) for p in parts))
                return True
            return False
        line, text, word = words[i]
        if i == 0 or words[i - 1][0] != line:
            leftmost = -1  # the furthest first column of the line's words so far
        state = (i, tuple(consumed), leftmost)
        if state in self.dead:
            return False
        fits = False
        for k, label in enumerate(labels):
            if leftmost > label.hi or not label.text.startswith(word, consumed[k]):
                continue
            consumed[k] += len(word)
            parts[k].append((line, text))
            fits = self.search(i + 1, max(leftmost, label.lo)) or fits
            consumed[k] -= len(word)
            parts[k].pop()
            if len(self.readings) > 1:
                return True
        if not fits:
            self.dead.add(state)
        return fits


def _label_text(parts: Sequence[tuple[int, str]]) -> str:
    """A label's printed text from its words (line, text): joined by spaces, which a name drops between
    Chinese characters or around an ASCII bracket among them (document.name_text). A word on the next
    line is a wrap, which hides whether a space stood there: between two Chinese characters, or one and
    a bracket, it does not matter (`因公出` / `国 (境)` / `费` is 因公出国(境)费 either way); between one and a
    Latin letter or a digit it does: then the layout is refused (LayoutError), as the cell mode refuses
    such a label (`_cell_labels`)."""
    loose = " ".join(text for _, text in parts)
    tight = "".join(text if n == 0 or parts[n - 1][0] != line else f" {text}" for n, (line, text) in enumerate(parts))
    if name_text(tight) != name_text(loose):
        printed = " / ".join(text for _, text in parts)
        _refuse(f"the label {printed!r} is wrapped where a space may or may not stand")
    return loose


def _is_numbering(line: Sequence[Cell]) -> bool:
    """The 1 2 3 … 12 column numbering (栏次)."""
    numbers = [int(c.squashed) for c in line if c.is_integer]
    words = [c for c in line if not c.is_integer]
    return (
        len(numbers) >= 2
        and numbers == list(range(1, len(numbers) + 1))
        and all(c.squashed in ("栏次", "行次") for c in words)
    )


def _columns(
    halves: list[str], label_lines: list[list[str]], data: list[list[Cell]], unit: str, header_no: int
) -> Prepared:
    if not label_lines:
        raise LayoutError("header not understood: no item labels under 预算数 / 决算数", header_no)
    items = label_lines[0]
    subs = label_lines[1] if len(label_lines) > 1 else []
    try:
        layout = column_layout(halves, items, subs)
    except LayoutError as exc:
        raise LayoutError(exc.reason, header_no) from None
    return Prepared(unit, header_no, layout, lines=data)


def _prepare_cells(stream: Sequence[Cell], unit: str, title_line: int) -> Prepared:
    """One cell per line: the column layout (预算数, 决算数, item labels, numbering, amounts) or the
    row layout (header labels, then 序号, label, amounts per item)."""
    found = next(((i, read) for i in range(len(stream) - 1) if (read := _cell_halves(stream, i)) is not None), None)
    if found is None:
        return _wrapped_names_checked(_prepare_rows(_row_cell_lines(_labels_joined(stream)), None, unit, title_line))
    at, (halves, k) = found
    labels: list[Cell] = []
    while k < len(stream) and stream[k].is_text:
        labels.append(stream[k])
        k += 1
    split = next((i for i, label in enumerate(labels) if _item_of(label.text) == "vehicle_subtotal"), len(labels))
    label_lines = (
        [_cell_labels(labels[:split]), _cell_labels(labels[split:])] if split < len(labels) else [_cell_labels(labels)]
    )
    rest = list(stream[k:])
    numbering = 0
    while numbering < len(rest) and rest[numbering].is_integer and int(rest[numbering].squashed) == numbering + 1:
        numbering += 1
    if numbering < 2:
        numbering = 0
    data = [rest[numbering:]] if rest[numbering:] else []
    return _columns(halves, label_lines, data, unit, stream[at].line_no)


def _cell_halves(stream: Sequence[Cell], i: int) -> tuple[list[str], int] | None:
    """The 预算数 / 决算数 cells from stream[i]: the halves and the index past them. Each word is one cell,
    or two when the tool wrapped it in its cell (`预算` / `数`)."""
    cells: list[Cell] = []
    k = i
    while len(cells) < 2 and k < len(stream) and stream[k].is_text:
        word = stream[k]
        if (
            k + 1 < len(stream)
            and word.squashed in ("预算", "决算")
            and stream[k + 1].is_text
            and stream[k + 1].squashed == "数"
        ):
            text = word.squashed + "数"
            word = text_cell(text, word.line_no, word.first)
            k += 1
        cells.append(word)
        k += 1
    if len(cells) != 2 or _is_halves(cells) is None:
        return None
    return _is_halves(cells) or [], k


def _cell_labels(cells: Sequence[Cell]) -> list[str]:
    """A header line's item labels in the cell mode: a label wrapped over several cells (`因公出` /
    `国 (境)费`) joined by `segment`; the cells as they are when they do not cut into labels.

    A wrap hides whether a space stood there: between two Chinese characters, or one and an ASCII
    bracket, it does not matter (a name is stored without such spaces: `国 (境)` / `费`), between one
    and a Latin letter or a digit it does: such a label is not read."""
    texts = [c.text for c in cells]
    joined, spaced = segment(texts, glue=""), segment(texts)
    if joined is None or spaced is None:
        return texts
    for tight, loose in zip(joined, spaced, strict=True):
        if name_text(tight) != name_text(loose):
            reason = f"header not understood: the label {loose!r} is wrapped where a space may or may not stand"
            raise LayoutError(reason, cells[0].line_no)
    return joined


MAX_WRAP = 3  # cells a header label of the row layout is wrapped over


def _labels_joined(stream: Sequence[Cell]) -> list[Cell]:
    """The row layout's header labels wrapped over several cells (`资金性` / `质`, `一般公共预算 财政` /
    `拨款`, `栏` / `次`) joined into one cell: a run of at most MAX_WRAP text cells, the first not
    all header phrases, whose words together are."""
    out: list[Cell] = []
    i = 0
    while i < len(stream):
        cell = stream[i]
        end = None
        if cell.is_text and not _all_known([cell]):
            end = next(
                (
                    j
                    for j in range(i + 2, min(len(stream), i + MAX_WRAP) + 1)
                    if all(c.is_text for c in stream[i:j]) and _all_known(stream[i:j])
                ),
                None,
            )
        if end is None:
            out.append(cell)
            i += 1
            continue
        out.append(joined(stream[i:end]))
        i = end
    return out


def _all_known(cells: Sequence[Cell]) -> bool:
    """The cells' words, read together, are header phrases of the row layout only."""
    words = [squash(t.text) for c in cells for t in c.tokens]
    labels = words_labels(words, ROW_PHRASES)
    return bool(labels) and all(known for _, known in labels)


def _wrapped_names_checked(prepared: Prepared) -> Prepared:
    """An item name wrapped over several cells, where a space may or may not stand at the wrap (a name is
    stored without the spaces between Chinese characters or around an ASCII bracket among them, not
    without others: a Chinese character and a Latin letter or a digit): its line is not loaded."""
    kept: list[list[Cell]] = []
    for line in prepared.lines:
        texts = [c.text for c in line if c.is_text]
        if not spacing_known(*texts):
            reason = f"the item name {' / '.join(texts)!r} is wrapped where a space may or may not stand"
            prepared.problems.append(Problem(line[0].line_no, reason, " ".join(c.text for c in line)))
            continue
        kept.append(line)
    prepared.lines = kept
    return prepared


def _row_cell_lines(stream: Sequence[Cell]) -> list[list[Cell]]:
    """The row layout's stream cut into lines: the header labels together (the 栏次 numbering left
    out), then each item from its 序号 (or its label) with the amounts after it."""
    lines: list[list[Cell]] = []
    in_header = False
    numbering = 0
    for i, cell in enumerate(stream):
        if cell.squashed == "栏次":
            numbering, in_header = 1, False
            continue
        if numbering and cell.is_integer and int(cell.squashed) == numbering:
            numbering += 1
            continue
        numbering = 0
        label = cell.is_text and all(known for _, known in _row_labels([cell]))
        if label and (in_header or cell.squashed in ("序号", "项目")):
            if not in_header:
                lines.append([])
                in_header = True
            lines[-1].append(cell)
            continue
        in_header = False
        previous = lines[-1] if lines else None
        if cell.is_integer and _next_is_label(stream, i):
            lines.append([cell])
        elif previous is not None and (
            (cell.is_text and len(previous) == 1 and previous[0].is_integer)
            or (cell.is_amount and any(c.is_text for c in previous))
            or (cell.is_text and _item_of(cell.text) is None and _name_open(previous))
        ):
            previous.append(cell)  # its 序号's label, its amounts, or the rest of its wrapped label
        else:
            lines.append([cell])
    return lines


def _name_open(line: Sequence[Cell]) -> bool:
    """An item line of 序号 and label, no amount yet: a text cell after it is the rest of its label."""
    return (
        len(line) >= 2
        and line[0].is_integer
        and all(c.is_text for c in line[1:])
        and _item_of(line[1].text) is not None
    )


def _next_is_label(stream: Sequence[Cell], i: int) -> bool:
    """A 序号: an integer followed by an item label."""
    return i + 1 < len(stream) and stream[i + 1].is_text and _item_of(stream[i + 1].text) is not None


def _prepare_rows(
    lines: list[list[Cell]], body: Body | None, unit: str, title_line: int, widths: set[int] | None = None
) -> Prepared:
    header_at = next(
        (n for n, line in enumerate(lines) if any(w in ("项目", "项目名称") for w, _ in _row_labels(line))), None
    )
    if header_at is None:
        raise LayoutError("header not understood: no 项目 column", title_line)
    labels, header_end = _header_labels(lines, header_at)
    while header_end < len(lines) and column_numbering(lines[header_end]):
        header_end += 1  # (`栏 1 2 3 4 5` over `次`: the 栏次 wrapped in its cell)
    header = ["序号" if "序号" in labels else ""]
    header.append("项目")
    header += [w for w in labels if w not in ("序号", "项目")]
    serial = bool(header[0])
    is_row = partial(_is_row, serial)
    rest = printed_again(lines[header_end:], lines[:header_end])
    data = [line for line in rest if _is_item(serial, line)]
    prepared = Prepared(unit, lines[header_at][0].line_no, None, header, data)
    prepared.astray = any(not is_row(line) and any(c.is_amount and not c.is_integer for c in line) for line in rest)
    if body is not None:
        fragments = Fragments(
            [line for line in rest if is_row(line) or all(c.is_text for c in line)],
            body.raw,
            is_row,
            whole_cells,
            _names_an_item,
            openings=partial(_name_slot, serial),
            completes=_completes_an_item,
        )
        own = fragments.widths()
        prepared.widths = own
        attached, unsure = fragments.attach(fragments.choose(widths))
        skip = {no for u in unsure for no in u.rows}
        prepared.problems.extend(Problem(no, UNSURE, body.raw.get(no, "")) for no in sorted(skip))
        unnamed = sorted(
            line[0].line_no for line in attached if _nameless(serial, line) and line[0].line_no not in skip
        )
        prepared.problems.extend(Problem(no, _UNNAMED, body.raw.get(no, "")) for no in unnamed)
        prepared.lines = [line for line in attached if _is_item(serial, line) and line[0].line_no not in skip]
    return prepared


_UNNAMED = "a 序号 printed without its item's name (wrapped around it, and not rebuilt)"
_ASTRAY = "printed no amount in a table with amounts printed apart from any item (they may be its own)"
_NO_COLUMN = ("资金性质", "栏次")


def _header_labels(lines: Sequence[Sequence[Cell]], header_at: int) -> tuple[list[str], int]:
    """The row layout's column labels, and the index of the line after them: those of its 项目 line;
    when that names no more than one amount column, the labels of the header block read over its lines,
    its cells wrapped (`序 项目 合计 一般公共预算 财政 政府性基金 预算 …` over `号 拨款 拨款 拨款`), when
    they name more (the words-only lines around it: below, up to the 栏次 or the first row; above, up to
    the year or the unit).
    Labels ending on different lines do not print their order: 合计 (the column the identity 合计 = Σ
    funds totals) is put first of the amount columns, the fund columns' order, which no fact depends
    on, as found."""
    labels = [w for w, known in _row_labels(lines[header_at]) if known and w not in _NO_COLUMN]
    if len(_amount_labels(labels)) > 1:
        return labels, header_at + 1
    top = header_at
    while top > 0 and all(c.is_text for c in lines[top - 1]):
        top -= 1  # (`序 一般公共预算 财政 …` above `项目 合计`, `号 拨款 …` below it)
    block = list(lines[top : header_at + 1])
    for line in lines[header_at + 1 :]:
        if any(not c.is_text for c in line):
            break
        block.append(line)
    wrapped = [
        label.text
        for found in read_labels(block, ROW_PHRASES)
        for label in found
        if label.known and label.text not in _NO_COLUMN
    ]
    amounts = _amount_labels(wrapped)
    if len(amounts) <= len(_amount_labels(labels)):
        return labels, header_at + 1
    ordered = [w for w in amounts if w == "合计"] + [w for w in amounts if w != "合计"]
    return [w for w in ("序号", "项目") if w in wrapped] + ordered, top + len(block)


def _amount_labels(labels: Sequence[str]) -> list[str]:
    return [w for w in labels if w not in ("序号", "项目")]


def _row_labels(line: Sequence[Cell]) -> list[tuple[str, bool]]:
    return [p for c in line if c.is_text for p in words_labels([squash(t.text) for t in c.tokens], ROW_PHRASES)]


# `_prepare_rows`' readers of a line: module functions bound with functools.partial, not closures
# (loaders/native.py).
def _is_item(serial: bool, line: Sequence[Cell]) -> bool:
    if serial:  # a 序号 and a label (perhaps the head of a wrapped one)
        return len(line) >= 2 and line[0].is_integer and line[1].is_text
    return _is_row_item(line)


def _nameless(serial: bool, line: Sequence[Cell]) -> bool:  # a 序号 printed without its label (centred around it)
    return serial and bool(line) and line[0].is_integer and (len(line) == 1 or not line[1].is_text)


def _is_row(serial: bool, line: Sequence[Cell]) -> bool:
    return _is_item(serial, line) or _nameless(serial, line)


def _name_slot(serial: bool, line: Sequence[Cell]) -> list[Column]:
    return [Column(1, True, required=True)] if _nameless(serial, line) else []


def _names_an_item(cells: Sequence[Cell], slot: Slot, name: str) -> bool:
    return _item_of(name) is not None


# The items' wordings, whole (NFKC, no spaces or quotes, numbering and 其中 stripped): the catalogue
# that attaches a wrapped name's piece whatever the cut width (names.Fragments `completes`). item_of
# reads an item from a piece of its name (`其中:教育科研人员因公出国`); a piece completes a name only
# into one of these.
ITEM_WORDINGS = frozenset(
    {
        "合计",
        "总计",
        "三公经费",
        "三公经费合计",
        "三公经费支出",
        "因公出国(境)费",
        "因公出国(境)费用",
        "教育科研人员因公出国(境)费",
        "其他因公出国(境)费",
        "公务用车购置及运行维护费",
        "公务用车购置及运行费",
        "公务用车购置及运维费",
        "公务用车购置费",
        "公务用车运行维护费",
        "公务用车运行费",
        "公务接待费",
        "小计",
    }
)


def _completes_an_item(cells: Sequence[Cell], slot: Slot, name: str) -> bool:
    """The joined name is an item's whole wording, and the piece on the row alone is none (the contract
    of names.Fragments `completes`)."""
    return item_wording(name) in ITEM_WORDINGS and item_wording(slot_text(cells, slot)) not in ITEM_WORDINGS


def _is_row_item(line: Sequence[Cell]) -> bool:
    """An item line: [序号] label [amounts], the label naming a 三公 item (a 合计 line has a number)."""
    texts = [c for c in line if c.is_text]
    if not texts or _item_of(" ".join(c.text for c in texts)) is None:
        return False
    return any(not c.is_text for c in line) or not all(known for _, known in _row_labels(line))


__all__ = ["FAMILY", "Prepared", "prepare"]

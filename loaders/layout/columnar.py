"""Function tables a tool printed column by column (plain pdftotext), rebuilt as rows.

Plain pdftotext prints a table as the runs of text it finds on the page, one run after the other: the
row labels (合计, the subject codes with their names) as one run, then each amount column as a run of
its own — its 栏次 number, then its values from the top row down, a row whose cell is empty printing
nothing — or a few adjacent columns as one run whose lines hold one row's values among them
(`2,236.25 1,374.20`). A table continued on the next page prints its columns again, for the rows of
that page, after the first page's (the labels of both pages may come as one run). The names may come
as a run of their own too, after the codes.

A continued page's few rows may instead follow the columns one cell a line (a label, its amounts,
the rest of its name).

`rebuild` gives such a table back as rows printed one a line — a code, its name (its pieces read
around its code the same way whatever the cells' alignment: `_names_around`), its amounts in column
order: the space layout, read by loaders.layout.function like any other — with, for each amount, the
columns it may sit in (those of its run's 栏次, else those the runs before and after it leave; a row
printed one cell a line: any). Which values are a row's is decided exactly, not by position:

- the runs are cut into pages: a page's first run is its total column (a value on every row: its
  length is the page's number of rows), the page's other runs follow it in column order, none longer;
  the pages' rows are the rows printed, in order; a run under the 栏次 `1` opens a page;
- a run as long as its page gives a line to every row of it; a shorter one skips rows, and which is
  decided by the row identity 合计 = Σ the other columns (in the families whose first column is the
  total of the others): every way of giving the runs' lines to the rows is tried, and exactly one cut
  with exactly one way must make every row hold.

The header is read from its words as printed, wrapped column by column (`基本支` / `出`): the family's
known column layout (two columns or more) whose every column is named. When the runs cannot be cut one
way only, or the names read more than one way, the table is not rebuilt: LayoutError with the reason
(the whole table is quarantined, nothing guessed). Whether the runs were printed in column order the
text does not always say (a tool may print a page's runs out of order): the family module quarantines
a table read here whose placed amounts break its own identities (function.Prepared.misread).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from loaders.document import Line
from loaders.layout.centred import wraps
from loaders.layout.function import PHRASES, TOTAL_WORDS, Columns, class_name_ok, is_function_code
from loaders.layout.identities import row_equations
from loaders.layout.result import LayoutError
from loaders.layout.text import LineKind, is_marked_page_number, line_kind, squash
from loaders.layout.tokenizer import Kind, Token, tokenize

# A column's name as printed wrapped in a narrow cell keeps its first characters: each column of a
# layout is named when one of its stems is in the header's words (spaces and line breaks dropped).
STEMS: dict[str, tuple[str, ...]] = {
    "fiscal_appropriation": ("财政拨款",),
    "fiscal_special_account": ("财政专户",),
    "superior_subsidy": ("上级补助",),
    "business": ("事业收",),
    "subsidiary_remittance": ("附属单位上", "附属单位"),
    "other": ("其他收",),
    "prior_year_carryover": ("上年结",),
    "current_year_total": ("小计",),
    "basic": ("基本支",),
    "project": ("项目支",),
    "remit_to_superior": ("上缴上级", "上解上级"),
    "subsidy_to_subsidiary": ("对附属",),
    "opening_balance": ("年初",),
    "closing_balance": ("年末",),
    "income": ("本年收入",),
}
OPERATING_STEM = {"income": "经营收", "expenditure": "经营支"}
_CODE = re.compile(r"^(\d{3})(?:\s?(\d{2}))?(?:\s?(\d{2}))?(?!\d)")
_HEADER_WORDS = re.compile(r"科目|编码|名称|栏次|项目")
MAX_WAYS = 2  # ways counted: one is a rebuilt table, two are a table not rebuilt


class Kinds(Enum):
    BLANK = "blank"
    LABEL = "label"  # a row label: 合计, or a subject code (with its name) and no amount
    VALUES = "values"  # amounts only
    NUMBER = "number"  # a 栏次 number alone
    TEXT = "text"  # words only: a header piece or a piece of a name
    MIXED = "mixed"  # words and amounts: a row printed as a row


@dataclass(frozen=True)
class Run:
    """A column's values (or a few adjacent columns'), one printed line a row, and the 栏次 numbers
    printed right above it."""

    values: tuple[tuple[Token, ...], ...]  # a printed line's amounts, line by line
    numbers: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.values)

    @property
    def span(self) -> int:
        return len(self.numbers) if self.numbers else max(len(v) for v in self.values)


@dataclass(frozen=True)
class Rebuilt:
    """The table as rows printed one a line, and the columns (0-based) each of a row's amounts may sit
    in, by the number of the line its row is printed on."""

    lines: tuple[Line, ...]
    allowed: dict[int, tuple[frozenset[int], ...]]


def _kind(line: Line, title: str) -> Kinds | None:
    """What a line is to this reader; None for a line of the page (title, unit, page number)."""
    text = line.text.strip()
    if not text:
        return Kinds.BLANK
    if line_kind(line.text, title) is not LineKind.TABLE:
        return None
    if is_marked_page_number(text):
        return None
    tokens = tokenize(text, line.no)
    if all(_is_value(t) for t in tokens):
        return Kinds.VALUES
    if len(tokens) == 1 and tokens[0].is_integer and len(text) <= 2:
        return Kinds.NUMBER
    if squash(text) in TOTAL_WORDS or _label_code(text) is not None:
        return Kinds.LABEL
    if all(t.kind is Kind.TEXT for t in tokens):
        return Kinds.TEXT
    return Kinds.MIXED


def _is_value(token: Token) -> bool:
    """An amount as a column prints it: with decimals or thousands commas (not a bare integer: a 栏次,
    行次 or code)."""
    return token.kind is Kind.DASH or (token.kind is Kind.NUMBER and ("." in token.text or "," in token.text))


def _label_code(text: str) -> str | None:
    """The 功能分类 code opening a row label (`2080501`, `208 05 01`) followed by words only."""
    match = _CODE.match(text)
    if match is None:
        return None
    digits = "".join(group or "" for group in match.groups())
    rest = tokenize(text[match.end() :], 0)
    if not is_function_code(digits) or any(t.kind is not Kind.TEXT for t in rest):
        return None
    return digits


def rebuild(lines: Sequence[Line], family: str, title: str) -> Rebuilt | None:
    """The table as rows, when it is printed column by column: its row labels (two codes or more, no
    amount on them) come before its first line of amounts alone, and no line prints words and amounts; a
    continued page's few rows may follow the columns printed one cell a line (a label, its amounts, the
    rest of its name). None for any other table; LayoutError when it is printed so but cannot be
    rebuilt exactly."""
    kinds: list[Kinds | None] = []
    for line in lines:  # (asked of every function table printed without tabs: most stop at a data row)
        kind = _kind(line, title)
        if kind is Kinds.MIXED:
            return None  # a line printing words and amounts: a row printed as a row
        kinds.append(kind)
    values = [n for n, kind in enumerate(kinds) if kind is Kinds.VALUES]
    labels = [n for n, kind in enumerate(kinds) if kind is Kinds.LABEL and (not values or n < values[0])]
    coded = [n for n in labels if _label_code(lines[n].text.strip()) is not None]
    if len(coded) < 2 or len(values) < len(labels):
        return None  # (a 合计 alone before the first amount: a header label)
    start = labels[0]
    end = labels[-1] + 1
    while end < len(lines) and kinds[end] is Kinds.TEXT:
        end += 1  # the name of the last row, wrapped
    later = next((n for n in range(end, len(lines)) if kinds[n] is Kinds.LABEL), len(lines))
    tail = _tail_rows(lines, kinds, later)
    if tail is None or (tail and _head_before(lines, kinds, later)):
        return None
    header = [lines[n] for n in range(later) if kinds[n] is Kinds.TEXT and not start <= n < end]
    layout = _layout(family, header, lines[labels[0]].no)
    runs = _runs(lines[:later], kinds[:later], end)
    rows = [lines[n] for n in labels]
    pages = _cut(tuple(runs), len(rows), len(layout), _sums(family, layout))
    if len(pages) != 1:
        what = "no cut" if not pages else "more than one cut"
        raise LayoutError(
            f"printed column by column: {what} of its {len(runs)} runs of amounts into columns of its "
            f"{len(rows)} rows fits the identities",
            rows[0].no,
        )
    amounts, allowed = _rows(pages[0], runs, len(rows), len(layout))
    names = _names_apart(lines, kinds, labels, start, end) if not tail else None
    everyone = [*labels, *(n for n, _, _ in tail)]
    if names is None:
        stops = [*labels[1:], end, *(stop for _, _, stop in tail)]
        names = _names_around(lines, kinds, everyone, stops, fresh={len(labels)} if tail else set())
    amounts += [printed for _, printed, _ in tail]
    out = [Line(header[0].no if header else rows[0].no, " ".join(_header_words(family, layout)))]
    for k, n in enumerate(everyone):
        row = lines[n]
        code = _label_code(row.text.strip())
        label = row.text.strip() if code is None else f"{code} {names[k]}"
        out.append(Line(row.no, " ".join([label, *amounts[k]])))
    return Rebuilt(tuple(out), {rows[k].no: cols for k, cols in enumerate(allowed) if cols})


def _head_before(lines: Sequence[Line], kinds: Sequence[Kinds | None], label: int) -> bool:
    """Words right above a row printed after the columns that are no piece of a header word: the head of
    its name, maybe (or the header's last piece): which, the text does not say."""
    above = lines[label - 1].text if label > 0 and kinds[label - 1] is Kinds.TEXT else ""
    return bool(above) and not any(squash(above) in phrase for phrase in PHRASES)


Tail = list[tuple[int, list[str], int]]  # (a label's index, its amounts, where the lines of its row stop)


def _tail_rows(lines: Sequence[Line], kinds: Sequence[Kinds | None], first: int) -> Tail | None:
    """The rows printed one cell a line from line `first` on: each label, then pieces of its name, its
    amounts, pieces of its name. None when a line of amounts stands anywhere else (more runs of
    columns: not read)."""
    found: Tail = []
    n = first
    while n < len(kinds):
        if kinds[n] is Kinds.VALUES:
            return None
        if kinds[n] is not Kinds.LABEL:
            n += 1
            continue
        label = n
        printed: list[str] = []
        n += 1
        for kind in (Kinds.TEXT, Kinds.VALUES, Kinds.TEXT):
            while n < len(kinds) and kinds[n] is kind:
                if kind is Kinds.VALUES:
                    printed += [t.text for t in tokenize(lines[n].text, lines[n].no)]
                n += 1
        found.append((label, printed, n))
    return found


# How the pieces of a wrapped name stand around its code, by how the cells are aligned in their row:
# (pieces before the code line, pieces after it) allowed, given whether the code line prints a piece.
ALIGNMENTS = ("top", "middle", "bottom")


def _fits(alignment: str, before: int, after: int, inline: bool) -> bool:
    if not inline and before + after == 0:
        return False  # a code with no name
    if alignment == "top":
        return before == 0
    if alignment == "bottom":
        return after == (0 if inline else 1)
    # centred: as many pieces above as below; an odd piece at the code's height (on its line, or
    # printed right after it)
    return after == before if inline else after - before in (0, 1)


Names = frozenset[tuple[str, ...]]


class _NameReadings:
    """`_names_around`'s reading of the rows' names under one alignment, memoised by state (an object,
    not a recursive closure: loaders/native.py)."""

    def __init__(
        self,
        alignment: str,
        count: int,
        fresh: set[int],
        gaps: list[list[str]],
        codes: list[str | None],
        inline: list[str | None],
    ) -> None:
        self.alignment = alignment
        self.count = count  # the rows
        self.fresh = fresh
        self.gaps = gaps
        self.codes = codes
        self.inline = inline
        self.memo: dict[tuple[int, int], Names] = {}

    def rest(self, k: int, before: int) -> Names:
        """The names of rows k… (at most two readings) when row k has `before` pieces above it."""
        key = (k, before)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._rest(k, before)
        return found

    def _rest(self, k: int, before: int) -> Names:
        gaps = self.gaps
        if k == self.count or (k in self.fresh and before):
            # no piece left after the last row; none above the first row of a part printed apart
            return frozenset({()}) if k == self.count and before == 0 else frozenset()
        gap = gaps[k]
        head = gaps[k - 1][len(gaps[k - 1]) - before :] if before else []
        out: set[tuple[str, ...]] = set()
        for after in range(len(gap) + 1):
            code, piece = self.codes[k], self.inline[k]
            if code is None:
                ok = before == 0 and after == 0
                name = ""
            else:
                pieces = [*head, piece or "", *gap[:after]]
                name = "".join(pieces)
                ok = _fits(self.alignment, before, after, bool(piece)) and wraps(pieces) and class_name_ok(code, name)
            if ok:
                out.update((name, *tail) for tail in self.rest(k + 1, len(gap) - after))
            if len(out) > 1:
                break
        return frozenset(out)


def _names_around(
    lines: Sequence[Line],
    kinds: Sequence[Kinds | None],
    labels: Sequence[int],
    stops: Sequence[int],
    fresh: set[int],
) -> list[str]:
    """Each row's name, from the pieces printed between the row labels: a code's line may print a piece
    of its name; the other pieces stand before and after it as the cells' alignment sets them (top:
    all after; bottom: the last at the code's height; centred: as many above as below). Every
    alignment is tried over the whole table; the names must come out the same in every one that
    reads them all (each name's pieces wrapping as a cell wraps: no line shorter than the last; a 类
    bearing a known class name). LayoutError otherwise."""
    gaps = [
        [lines[n].text.strip() for n in range(a + 1, b) if kinds[n] is Kinds.TEXT]
        for a, b in zip(labels, stops, strict=True)
    ]
    inline: list[str | None] = []
    for n in labels:
        text = lines[n].text.strip()
        code = _label_code(text)
        inline.append(None if code is None else text[_CODE.match(text).end() :].strip())  # type: ignore[union-attr]
    codes = [_label_code(lines[n].text.strip()) for n in labels]
    found = set().union(
        *(_NameReadings(alignment, len(labels), fresh, gaps, codes, inline).rest(0, 0) for alignment in ALIGNMENTS)
    )
    if len(found) != 1:
        what = "no reading" if not found else "more than one reading"
        raise LayoutError(f"printed column by column: {what} of its wrapped names", lines[labels[0]].no)
    return list(next(iter(found)))


def _layout(family: str, header: Sequence[Line], line_no: int) -> tuple[str, ...]:
    """The family's known layout with the most columns (two or more) all named in the header words."""
    from loaders.parsers.function_tables import LAYOUTS

    words = squash("".join(line.text for line in header))
    fits: list[tuple[str, ...]] = []
    for layout in LAYOUTS[family]:
        places = [_place(family, measure, words) for measure in layout if measure != "total"]
        if all(p is not None for p in places) and places == sorted(places):  # type: ignore[type-var]
            fits.append(layout)
    fits = [layout for layout in fits if len(layout) > 1]
    if not fits:
        # (a total column alone is not read: the tool may print a table's other columns after the
        # page's note, out of the table's text, and the header words with them)
        raise LayoutError("printed column by column: header not understood (no amount column but a total)", line_no)
    best = max(len(layout) for layout in fits)
    found = [layout for layout in fits if len(layout) == best]
    if len(found) != 1:
        raise LayoutError(f"printed column by column: header fits {len(found)} known layouts", line_no)
    return found[0]


def _place(family: str, measure: str, words: str) -> int | None:
    stems = (OPERATING_STEM.get(family, "经营"),) if measure == "operating" else STEMS.get(measure, ())
    found = [words.find(stem) for stem in stems if stem in words]
    return min(found) if found else None


def _header_words(family: str, layout: tuple[str, ...]) -> list[str]:
    return Columns(False, False, layout).header(family)


def _runs(lines: Sequence[Line], kinds: Sequence[Kinds | None], start: int) -> list[Run]:
    """The runs of amounts after the row labels, each with the 栏次 numbers printed right above it."""
    runs: list[Run] = []
    n = start
    while n < len(lines):
        if kinds[n] is not Kinds.VALUES:
            n += 1
            continue
        numbers: list[int] = []
        k = n - 1
        while k >= start and kinds[k] is Kinds.NUMBER:
            numbers.insert(0, int(lines[k].text.strip()))
            k -= 1
        end = n
        while end < len(lines) and kinds[end] is Kinds.VALUES:
            end += 1
        runs.append(Run(tuple(tuple(tokenize(line.text, line.no)) for line in lines[n:end]), tuple(numbers)))
        n = end
    return runs


def _sums(family: str, layout: tuple[str, ...]) -> bool:
    """Whether the layout's first column is the total of all the others (its one row identity)."""
    equations = row_equations(family, layout)
    return (
        len(equations) == 1
        and equations[0][0] == (1, layout[0])
        and sorted(m for _, m in equations[0][1:]) == sorted(layout[1:])
    )


Page = tuple[int, int, tuple[tuple[int, ...], ...]]  # (first run, end run, per part run: its rows)


def _cut(runs: tuple[Run, ...], rows: int, width: int, sums: bool) -> list[tuple[Page, ...]]:
    """Every way (up to MAX_WAYS) of cutting the runs into pages and giving their lines to rows."""
    return list(_Cut(runs, rows, width, sums).ways(0, 0))


class _Cut:
    """`_cut`'s search, memoised by state (an object, not a recursive closure)."""

    def __init__(self, runs: tuple[Run, ...], rows: int, width: int, sums: bool) -> None:
        self.runs = runs
        self.rows = rows
        self.width = width
        self.sums = sums
        self.memo: dict[tuple[int, int], tuple[tuple[Page, ...], ...]] = {}

    def ways(self, first: int, row: int) -> tuple[tuple[Page, ...], ...]:
        key = (first, row)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._ways(first, row)
        return found

    def _ways(self, first: int, row: int) -> tuple[tuple[Page, ...], ...]:
        runs, rows = self.runs, self.rows
        if first == len(runs):
            return ((),) if row == rows else ()
        head = runs[first]
        size = head.size
        if row + size > rows or (head.numbers and head.numbers[0] != 1):
            return ()
        found: list[tuple[Page, ...]] = []
        span = head.span
        for end in range(first + 1, len(runs) + 1):
            if end > first + 1:
                run = runs[end - 1]
                span += run.span
                if run.size > size or (run.numbers and run.numbers[0] == 1) or span > self.width:
                    break
            for given in _give(runs[first:end], self.sums):
                for rest in self.ways(end, row + size):
                    found.append(((first, end, given), *rest))
                    if len(found) >= MAX_WAYS:
                        return tuple(found)
        return tuple(found)


def _give(page: Sequence[Run], sums: bool) -> list[tuple[tuple[int, ...], ...]]:
    """The ways (up to MAX_WAYS, the first one spelt out) of giving each part run's lines to rows of the
    page, in order: every row holding its total = Σ its parts (when the layout sums and a run is shorter
    than the page), a run as long as the page giving a line to every row."""
    head, parts = page[0], page[1:]
    size = head.size
    check = sums and any(run.size < size for run in parts)
    giving = _Giving(head, tuple(parts), check)
    start = tuple(0 for _ in parts)
    count = giving.ways(0, start)
    if count == 0:
        return []
    taken: list[list[int]] = [[] for _ in parts]
    at = start
    for row in range(size):
        choice, at = next((c, nxt) for c, nxt in giving.steps(row, at) if giving.ways(row + 1, nxt) > 0)
        for j in range(len(parts)):
            if choice >> j & 1:
                taken[j].append(row)
    first = tuple(tuple(t) for t in taken)
    return [first] * count


class _Giving:
    """`_give`'s count of the ways, memoised by state (an object, not a recursive
    closure)."""

    def __init__(self, head: Run, parts: tuple[Run, ...], check: bool) -> None:
        self.head = head
        self.parts = parts
        self.size = head.size
        self.check = check
        self.memo: dict[tuple[int, tuple[int, ...]], int] = {}

    def steps(self, row: int, at: tuple[int, ...]) -> list[tuple[int, tuple[int, ...]]]:
        """The runs (a bit each) that give their next line to this row, and where the runs are then."""
        head, parts, size = self.head, self.parts, self.size
        out: list[tuple[int, tuple[int, ...]]] = []
        for choice in range(1 << len(parts)):
            nxt = list(at)
            picked: list[Token] = list(head.values[row][1:])
            ok = True
            for j, run in enumerate(parts):
                left = run.size - at[j]
                if choice >> j & 1:
                    if left == 0:
                        ok = False
                        break
                    picked += run.values[at[j]]
                    nxt[j] += 1
                elif left > size - row - 1:
                    ok = False  # it could not give all its lines to the rows left
                    break
            if ok and (not self.check or _holds(head.values[row][0], picked)):
                out.append((choice, tuple(nxt)))
        return out

    def ways(self, row: int, at: tuple[int, ...]) -> int:
        key = (row, at)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = (
                1 if row == self.size else min(MAX_WAYS, sum(self.ways(row + 1, nxt) for _, nxt in self.steps(row, at)))
            )
        return found


def _holds(total: Token, parts: Sequence[Token]) -> bool:
    """total = Σ parts, within half a unit of the last printed digit of each."""
    terms = [total, *parts]
    values = [v for v in (_decimal(t) for t in terms) if v is not None]
    if len(values) < len(terms):
        return False
    slack = sum((Decimal(1).scaleb(-t.decimals) / 2 for t in terms if t.kind is Kind.NUMBER), Decimal(0))
    head, *rest = values
    return abs(head - sum(rest, Decimal(0))) <= slack


def _decimal(token: Token) -> Decimal | None:
    if token.kind is Kind.DASH:
        return Decimal(0)
    try:
        return Decimal(token.digits)
    except ArithmeticError:
        return None


def _rows(
    pages: tuple[Page, ...], runs: Sequence[Run], rows: int, width: int
) -> tuple[list[list[str]], list[tuple[frozenset[int], ...]]]:
    """Each row's amounts in column order, and the columns each may sit in: a run's values in the
    columns under its 栏次 numbers, else in those the runs before and after it leave."""
    amounts: list[list[str]] = [[] for _ in range(rows)]
    allowed: list[list[frozenset[int]]] = [[] for _ in range(rows)]
    row = 0
    for first, end, given in pages:
        page = runs[first:end]
        spans = [run.span for run in page]
        lows = [sum(spans[:j]) for j in range(len(page))]
        highs = [width - sum(spans[j:]) for j in range(len(page))]
        for j, run in enumerate(page):
            if run.numbers:
                lows[j] = highs[j] = run.numbers[0] - 1
        size = page[0].size
        for j, run in enumerate(page):
            targets = range(size) if j == 0 else given[j - 1]
            columns = frozenset(range(lows[j], highs[j] + spans[j]))
            for line_values, target in zip(run.values, targets, strict=True):
                amounts[row + target] += [t.text for t in line_values]
                allowed[row + target] += [columns] * len(line_values)
        row += size
    return amounts, [tuple(a) for a in allowed]


def _names_apart(
    lines: Sequence[Line], kinds: Sequence[Kinds | None], labels: Sequence[int], start: int, end: int
) -> list[str] | None:
    """The names when the labels are codes alone and the names are printed as a run of their own (one
    line a code, after a header word): None when the labels print their names. LayoutError when no
    run or several runs of words fit."""
    if any(kinds[n] is Kinds.TEXT for n in range(start, end)):
        return None
    coded = [n for n in labels if _label_code(lines[n].text.strip()) is not None]
    if any(_label_code(lines[n].text.strip()) != squash(lines[n].text) for n in coded):
        return None
    found: list[list[str]] = []
    n = end
    while n < len(lines):
        if kinds[n] is not Kinds.TEXT:
            n += 1
            continue
        stop = n
        while stop < len(lines) and kinds[stop] is Kinds.TEXT:
            stop += 1
        texts = [lines[k].text.strip() for k in range(n, stop)]
        while texts and _HEADER_WORDS.search(squash(texts[0])):
            texts.pop(0)
        if len(texts) == len(coded):
            found.append(texts)
        n = stop
    if len(found) != 1:
        raise LayoutError("printed column by column: its names cannot be matched to its codes", lines[labels[0]].no)
    names = iter(found[0])
    return [next(names) if n in coded else "" for n in labels]

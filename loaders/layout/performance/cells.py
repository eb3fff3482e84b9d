"""The cell grammar of the performance tables: which pieces join into one cell, what a cell may hold.

A space between two pieces is a cell boundary unless the grammar joins them: an indicator value's
operator, number and unit (`≥ 5 台`, `≤45 万元`, `1701m ²`), a label and its bracketed suffix
(`成本指标 (20分)`, `全年预算数 (A)`, `执行率 %`). Free text holding a space (a wrapped description,
a goal of several sentences) is only ever joined when the row has no reading otherwise — and then
every way of joining it is tried, the row being rebuilt only when they all agree. A header's cell is one
whole column name of the forms' vocabulary (`header_name`), however its pieces were printed.

Every search of the package is bounded by a count of the work it does (`Budget`): a line may cost at
most `READINGS_PER_LINE` candidate readings (each way of cutting its cells into levels and values,
each joining of its texts), an indicator block at most `STATES_PER_BLOCK` partial placements. Past
that the search stops (`TooManyReadings`) and the line or the table is quarantined with the reason:
the count depends on the printed text only, so a pathological input costs a bounded time and is
reported the same way on every machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from loaders.document import strip_markup
from loaders.indicators import QUANTITY, parse_indicator
from loaders.parsers.performance_common import (
    LEVEL_AMBIGUOUS,
    compact,
    is_dash,
    is_number,
    is_percent,
    level_of,
)

_OPERATOR_ONLY = re.compile(r"^(?:[≥≤≧≦⩾⩽≪≫<>=＝]|>=|<=|大于|小于|等于|不低于|不少于|不高于|不超过)$")
_UNIT_ONLY = re.compile(
    r"^(?:万元|元|亿元|个|件|件次|次|人|人次|万人次|笔|分钟|小时|天|年|家|条|台|套|户|户次|项|名|处|座|所|辆|张|本"
    r"|份|册|场|批|篇|栋|间|棵|株|亩|吨|米|公里|千米|公顷|立方米|平方公里|%|％|↑|²|m²|㎡|百分比|平方米"
    r"|元/[\u4e00-\u9fff]+|万元/年|[个次件人家]/[年月日天次])$"
)
_ENDS_NUMBER = re.compile(r"\d(?:\.\d+)?[a-zA-Z]?$")
_SUFFIX = re.compile(r"^[(（][^()（）]{0,12}[)）]$|^[%％]$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")  # `2022 年工作计划`, `2023 年底前`: a year printed apart from its 年


# Budgets, as counts of work (never of time). On the samples in every layout and seed the costliest
# line tries ~1,700 readings (a wrapped text: every joining of it), the costliest table ~1,800, the
# costliest indicator block visits ~30 states; a reading costs some µs, a state some tens of µs.
READINGS_PER_LINE = 5_000
READINGS_PER_TABLE = 20_000
STATES_PER_BLOCK = 2_000
LINES_PER_BLOCK = 400  # the block's search recurses once a line
# The readings of a budget's first funding line (资金总额) that the whole table is asked to decide between,
# each at the cost of one search of the indicator block (on the samples: 2 at most).
FIRST_FUNDING_READINGS = 8


class TooManyReadings(Exception):
    """A search ran out of its budget: the line or the table is reported with `reason`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Budget:
    """A count of work left; `spend` raises TooManyReadings once it is exceeded. What a line spends is
    also spent from its table's budget (`parent`)."""

    def __init__(self, limit: int, what: str, parent: Budget | None = None) -> None:
        self.limit = limit
        self.left = limit
        self.what = what
        self.parent = parent

    def spend(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise TooManyReadings(f"too many readings: {self.what} (more than {self.limit})")
        if self.parent is not None:
            self.parent.spend(n)


class Tally(Budget):
    """A budget that records what is spent from it, to spend it again from another: a memoised search
    costs its callers' budgets what it cost when it ran, in the same steps (so past a budget it stops at
    the same step)."""

    def __init__(self, limit: int, what: str) -> None:
        super().__init__(limit, what)
        self.spent: list[int] = []

    def spend(self, n: int = 1) -> None:
        super().spend(n)
        self.spent.append(n)


def grammar_cells(pieces: Sequence[str]) -> list[str]:
    """Pieces joined where the grammar says they are one cell."""
    out: list[str] = []
    for piece in pieces:
        if out and _joins(out[-1], piece):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _joins(before: str, piece: str) -> bool:
    """Whether a piece continues the cell before it: a unit after a number, a bracketed or percent
    suffix after a text, a number after an operator, 年 after a year. Each regex runs only when the
    characters it needs at the joint are there (a line has many pieces; most join nothing)."""
    first, last = piece[:1], before[-1:]
    ends_number = last.isdecimal() or "a" <= last <= "z" or "A" <= last <= "Z"
    if ends_number and _UNIT_ONLY.match(piece) and _ENDS_NUMBER.search(before):
        return True
    if first and first in "(（%％" and _SUFFIX.match(piece) and not is_number(before):
        return True
    if first.isdecimal() and _OPERATOR_ONLY.match(before):
        return True
    return first == "年" and bool(_YEAR.match(before))


# A target value: a comparison, its number and unit (`≥ 5 台`, `≤10.03万元`, `=30 元/个`).
_COMPARISON = re.compile(r"^(?:[≥≤≧≦⩾⩽＞＜>＝=<]|>=|<=)\s*\d[\d,.]*\s*[^\s\d]{0,6}$")


def whole_cell(cell: str) -> bool:
    """A cell that is never part of a longer one: a 一级/二级指标 name (the level vocabulary names a whole
    cell) or a target value (`_COMPARISON`). On the samples' tab text: no description, 三级指标 or
    basis holds a level name or a comparison among other words; every 指标值 holding a space is an
    operator, a number and a unit."""
    return level_of(cell, 99, None) is not None or compact(cell) in LEVEL_AMBIGUOUS or bool(_COMPARISON.match(cell))


def joinings(cells: Sequence[str], apart: frozenset[int] = frozenset(), inner: bool = False) -> Iterator[list[str]]:
    """Every way of joining neighbouring text cells (numbers, level names and target values stay alone:
    `whole_cell`), fewest joins first (2^n − 1 of them for n pairs of neighbouring texts: the caller's
    budget bounds how many are tried). A cell in `apart` is never joined to the one before it (a wide
    gap between them: see `set_apart`), nor a cell to the same text beside it (`达标 达标`: a cell the
    source printed twice, which the parser drops, not one text). With `inner`, a number between two
    texts may be joined to them too (`偏差原因：预算调整 2.5 万元。改进措施…`: a number in a text)."""
    whole = [is_value(cell) or whole_cell(cell) for cell in cells]
    if inner:  # a number with a text on each side joins like a text
        text = [not w for w in whole]
        whole = [
            w and not (is_value(cell) and 0 < i < len(cells) - 1 and text[i - 1] and text[i + 1])
            for i, (cell, w) in enumerate(zip(cells, whole, strict=True))
        ]
    texts = [
        i
        for i in range(len(cells) - 1)
        if not whole[i] and not whole[i + 1] and i + 1 not in apart and cells[i] != cells[i + 1]
    ]
    for count in range(1, len(texts) + 1):
        for chosen in _combinations(texts, count):
            out: list[str] = []
            for i, cell in enumerate(cells):
                if i - 1 in chosen:
                    out[-1] = f"{out[-1]} {cell}"
                else:
                    out.append(cell)
            yield out


def _combinations(items: Sequence[int], count: int) -> Iterator[set[int]]:
    if count == 0:
        yield set()
        return
    for n, item in enumerate(items):
        for rest in _combinations(items[n + 1 :], count - 1):
            yield {item, *rest}


_PIECE = re.compile(r"\S+")


def set_apart(text: str, cells: Sequence[str]) -> frozenset[int]:
    """The cells of a printed line (its pieces joined by `grammar_cells`) that a gap of two spaces or
    more, or a tab, sets apart from the cell before. Inside a cell the text is clean (`clean_cell`: one
    space between words), so such a gap is always between cells; one space may be either."""
    printed = strip_markup(text)
    pieces = list(_PIECE.finditer(printed))
    gaps = [printed[pieces[n - 1].end() : m.start()] if n else "" for n, m in enumerate(pieces)]
    wide = [len(gap) >= 2 or "\t" in gap for gap in gaps]
    apart: set[int] = set()
    at = 0
    for k, cell in enumerate(cells):
        if at >= len(wide):
            return frozenset()
        if wide[at]:
            apart.add(k)
        at += len(cell.split())
    return frozenset(apart) if at == len(wide) else frozenset()


def is_value(cell: str) -> bool:
    """A number, a percentage or a dash (scores, weights, rates, amounts)."""
    return is_number(cell) or is_percent(cell) or is_dash(cell)


_COMPARISON_SIGNS = frozenset("=<>≥≤≧≦⩾⩽≪≫")
IN_WORDS = re.compile(r"^文字描述\s*[:：]")  # the mark of a 指标值 stated in words (`文字描述:优化`)


@lru_cache(maxsize=1 << 14)  # every cell a reading may take for a 三级指标
def is_comparison(cell: str) -> bool:
    """An indicator value printed as a comparison: an operator sign, then a number and its unit (`=100%`,
    `≥2500个`, `≤211.51万元`)."""
    text = compact(cell)
    return text[:1] in _COMPARISON_SIGNS and parse_indicator(text).kind == QUANTITY


_OPENS_VALUE = re.compile(r"^(?:[≥≤＞＜>＝=<]|文字描述)")


def opens_value(piece: str) -> bool:
    """A piece that opens an indicator value (a comparison sign, the mark `文字描述`): it starts its cell
    and never continues a wrapped one (`≤211.51万元` under `项目建设所需` is a cell of its own)."""
    return bool(_OPENS_VALUE.match(piece))


def marks_a_value(cell: str) -> bool:
    """A cell that says it is an indicator's value (指标值 or 实际完成值), never its name (三级指标): a
    comparison (`is_comparison`) or a value stated in words after its mark (`文字描述:优化`)."""
    return is_comparison(cell) or bool(IN_WORDS.match(cell.strip()))


@lru_cache(maxsize=1 << 14)  # every 分值 / 得分 of every reading of an indicator line; Decimal is immutable
def decimal(cell: str) -> Decimal | None:
    text = compact(cell).replace("%", "").replace("万元", "").replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# The column names of the forms' headers (the samples' 自评表, and their common variants), compared
# without their marks (`(A)`, `(B/A)`, `%`, `(转)`): a header label is one whole name, never a run of
# pieces that only holds one (`标值(B)分值`, `及改进措施`).
HEADER_NAMES = frozenset(
    {
        # the budget block
        "年初预算数",
        "年初预算",
        "全年预算数",
        "调整后预算数",
        "全年执行数",
        "执行数",
        "实际支出",
        "执行率",
        "资金结余",
        "结余",
        "目标申报数",
        "预算编制数",
        # the indicator block
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "指标值",
        "年初指标值",
        "调整后指标值",
        "目标值",
        "实际完成值",
        "实际完成指标值",
        "全年实际值",
        "实际值",
        "绩效指标描述",
        "指标描述",
        "指标内容",
        "指标值确定依据",
        "偏差度",
        "权重",
        # both, and the 资金管理情况 block
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        "偏差原因分析",
        "未完成原因分析",
        "原因分析及改进措施",
        "情况说明",
        "存在问题和改进措施",
    }
)
_MARKS = re.compile(r"(?:[(（][A-Za-z/万元%]*[)）]|%)+$")
_CARRIED = re.compile(r"[(（]转[)）]")


def header_name(text: str) -> bool:
    """Whether the text is one whole column name of the forms' headers (its marks aside)."""
    return _MARKS.sub("", _CARRIED.sub("", compact(text))) in HEADER_NAMES

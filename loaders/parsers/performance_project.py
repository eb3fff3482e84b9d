"""Project performance tables → one ProjectRow each, with their budget lines, indicators and texts.

Families `performance_self_evaluation` (项目支出绩效自评表, 项目单位自评表) and `performance_target`
(绩效目标表 of a budget: targets only). One walker serves every regional layout: each line is
recognised by what it says, not where it sits —

- project information (项目名称 / 主管部门(及代码) / (项目)实施单位 / 预算单位 / 联系电话);
- the budget-execution header (年初预算数 [目标申报数 | 预算编制数] | 全年预算数 | 全年执行数 |
  资金结(转)余 | 分值 | 执行率 | 得分) and its lines (资金总额 and the funding sources);
- the 资金管理情况 block (情况说明 | 分值 | 得分 | 存在问题) of the Henan layout;
- the goal block (年度总体目标 / 年初预期目标 | 目标实际完成情况, or 绩效目标 lines); a 目标表's goal
  printed above its indicator header without tabs (one cell: `绩效目标 1. 通过…`, `- 2. …`, the merged
  label printed before, after or between the texts) is read too (`plain_goal_cells`);
- the indicator header (一级 | 二级 | 三级指标 | 指标值 … | 分值 | 得分 | 偏差) and indicator lines,
  aligned by performance_common.align_indicator_row;
- the 总分 line (total score, with the total weight when two numbers are printed, and a grade);
- after it, 项目绩效分析 text blocks and 说明 lines.

A line that fits none of these is quarantined; the rest of the table still loads. Levels carry down;
lines before the first printed 一级指标 take it from below (a vertically centred merged cell).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from loaders.amounts import BLANK, Amount, looks_like_amount, parse_amount
from loaders.document import Line, clean_cell, text_spacing
from loaders.errors import LoaderError, ParseError
from loaders.indicators import parse_indicator
from loaders.layout.text import LineKind, line_kind
from loaders.parsers import register
from loaders.parsers.base import UNTABBED_ROW, ParseResult, TableContext, quarantine_line, untabbed_rows
from loaders.parsers.performance_common import (
    BLANK_NUMBER,
    FUND_MANAGEMENT_LABEL,
    SENTENCE_END,
    IndicatorColumns,
    LevelCarry,
    Number,
    align_indicator_row,
    compact,
    grade_of,
    indicator_header,
    info_label,
    is_number,
    is_number_or_blank,
    is_percent,
    level_only,
    name_key,
    non_empty,
    parse_info_line,
    parse_number,
    parse_rate,
    split_code,
)
from loaders.rows import KpiIndicatorRow, ProjectAnalysisRow, ProjectBudgetLineRow, ProjectRow
from loaders.tables import Table

SELF_EVALUATION, TARGET = "self_evaluation", "target"

# --- the budget-execution block ---------------------------------------------------------------------

BUDGET_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("declared", re.compile(r"目标申报")),
    ("initial", re.compile(r"预算编制|年初预算")),
    ("full_year", re.compile(r"全年预算|调整后预算")),
    ("rate", re.compile(r"执行率")),
    ("executed", re.compile(r"全年执行|执行数|实际支出")),
    ("balance", re.compile(r"^资金结\(?转\)?余|^结\(?转\)?余")),
    ("weight", re.compile(r"^分值")),
    ("score", re.compile(r"^得分")),
    ("deviation", re.compile(r"偏差|原因")),
)
AMOUNT_KEYS = ("declared", "initial", "full_year", "executed", "balance")
# Complete column sets of the known layouts, for a header cut short at the page edge.
BUDGET_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("initial", "full_year", "executed", "weight", "rate", "score"),
    ("declared", "initial", "full_year", "executed", "balance", "rate", "score"),
)
_TOTAL_LABEL = re.compile(r"资金总额|资金合计|^合计")
_UNIT_IN_LABEL = re.compile(r"[(（]\s*(万元|元)\s*[)）]")


@dataclass  # __init__ written out: compiled (loaders/native.py)
class BudgetColumns:
    keys: list[str]
    positions: dict[str, int]
    has_deviation: bool
    percent_rate: bool
    total_label_in_header: bool
    unit: str | None

    def __init__(
        self,
        keys: list[str],
        positions: dict[str, int],
        has_deviation: bool,
        percent_rate: bool,
        total_label_in_header: bool,
        unit: str | None,
    ) -> None:
        self.keys = keys
        self.positions = positions
        self.has_deviation = has_deviation
        self.percent_rate = percent_rate
        self.total_label_in_header = total_label_in_header
        self.unit = unit


@lru_cache(maxsize=1 << 16)  # a hot spot: tried on every cell of every line
def _budget_key(cell: str) -> str | None:
    text = compact(cell)
    return next((key for key, pattern in BUDGET_KEYWORDS if pattern.search(text)), None)


_BUDGET_HEADER_KEYS = frozenset({"initial", "full_year", "executed"})


def budget_header(cells: Sequence[str]) -> BudgetColumns | None:
    # Tried on every line: most lines name none of the columns, so rule them out first.
    if len(_BUDGET_HEADER_KEYS.intersection([_budget_key(cell) for cell in cells if cell])) < 2:
        return None
    keys: list[str] = []
    positions: dict[str, int] = {}
    percent_rate = total_label = False
    unit = None
    for i, cell in non_empty(cells):
        key = _budget_key(cell)
        if _TOTAL_LABEL.search(compact(cell)):
            total_label = True
        if (match := _UNIT_IN_LABEL.search(compact(cell))) and key is None:
            unit = match.group(1)
        if key is None or key in positions:
            continue
        positions[key] = i
        if key == "rate" and "%" in compact(cell):
            percent_rate = True
        keys.append(key)
    if sum(k in positions for k in ("initial", "full_year", "executed")) < 2:
        return None
    numeric = [k for k in keys if k != "deviation"]
    return BudgetColumns(numeric, positions, "deviation" in positions, percent_rate, total_label, unit)


def budget_subheader(cells: Sequence[str], budget: BudgetColumns) -> bool:
    """目标申报数 | 预算编制数 under 年初预算数: split that column in two."""
    found = [(i, k) for i, c in non_empty(cells) if (k := _budget_key(c)) in ("declared", "initial")]
    if len(found) < 2 or any(_budget_key(c) not in ("declared", "initial") for _, c in non_empty(cells)):
        return False
    keys = [k for _, k in found]
    if "initial" in budget.keys:
        at = budget.keys.index("initial")
        budget.keys[at : at + 1] = keys
    for i, key in found:
        budget.positions[key] = i
    return True


def _is_subsequence(keys: Sequence[str], variant: Sequence[str]) -> bool:
    it = iter(variant)
    return all(k in it for k in keys)


def _budget_values(cells: Sequence[str], budget: BudgetColumns) -> tuple[str, dict[str, str], str | None]:
    """(funding-source label, value cell by key, deviation text) of a budget line; ParseError when the
    cells cannot be matched to the columns."""
    items = [(i, c) for i, c in non_empty(cells) if compact(c) != FUND_MANAGEMENT_LABEL]
    if not items:
        raise ParseError("empty budget line")
    label_at, label = -1, ""
    first_at, first = items[0]
    if not (is_number_or_blank(first) or is_percent(first)):
        label_at, label = first_at, first
    after = list(cells[label_at + 1 :])
    after = ["" if compact(c) == FUND_MANAGEMENT_LABEL else c for c in after]
    deviation = None
    filled = [i for i, c in enumerate(after) if c]
    if budget.has_deviation and filled and not _budget_value_like(after[filled[-1]]):
        deviation = after[filled[-1]]
        after[filled[-1]] = ""
    for cell in after:
        if cell and not _budget_value_like(cell):
            raise ParseError(f"unexpected cell {cell!r} in a budget line")
    while after and not after[-1]:
        after.pop()
    keys = budget.keys
    if len(after) <= len(keys):
        return label, dict(zip(keys, after + [""] * (len(keys) - len(after)), strict=True)), deviation
    filled_values = [c for c in after if c]
    if len(filled_values) == len(keys):
        return label, dict(zip(keys, filled_values, strict=True)), deviation
    by_position = _positional(cells, label_at, budget)
    if by_position is not None:
        return label, by_position, deviation
    for variant in BUDGET_VARIANTS:
        if not _is_subsequence(keys, variant):
            continue
        for values in (filled_values, after):
            if len(values) == len(variant):
                return label, dict(zip(variant, values, strict=True)), deviation
    raise ParseError(f"{len(filled_values)} values for {len(keys)} budget columns")


def _budget_value_like(cell: str) -> bool:
    return is_number_or_blank(cell) or is_percent(cell) or _is_amount(cell)


def _is_amount(cell: str) -> bool:
    return looks_like_amount(cell)


def _positional(cells: Sequence[str], label_at: int, budget: BudgetColumns) -> dict[str, str] | None:
    by_column = {position: key for key, position in budget.positions.items() if key in budget.keys}
    values = {key: "" for key in budget.keys}
    for i, cell in non_empty(cells):
        if i <= label_at or compact(cell) == FUND_MANAGEMENT_LABEL:
            continue
        key = by_column.get(i)
        if key is None:
            return None
        values[key] = cell
    return values


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class BudgetLine:
    line_no: int
    label: str
    amounts: dict[str, Amount]
    weight: Number
    rate: Number
    score: Number
    deviation: str | None

    def __init__(
        self,
        line_no: int,
        label: str,
        amounts: dict[str, Amount],
        weight: Number,
        rate: Number,
        score: Number,
        deviation: str | None,
    ) -> None:
        self.line_no = line_no
        self.label = label
        self.amounts = amounts
        self.weight = weight
        self.rate = rate
        self.score = score
        self.deviation = deviation

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BudgetLine) and (
            self.line_no,
            self.label,
            self.amounts,
            self.weight,
            self.rate,
            self.score,
            self.deviation,
        ) == (other.line_no, other.label, other.amounts, other.weight, other.rate, other.score, other.deviation)

    def __hash__(self) -> int:
        return hash((self.line_no, self.label, self.amounts, self.weight, self.rate, self.score, self.deviation))

    @property
    def is_total_label(self) -> bool:
        return bool(_TOTAL_LABEL.search(compact(self.label)))


def parse_budget_line(line_no: int, cells: Sequence[str], budget: BudgetColumns, unit: str) -> BudgetLine:
    label, values, deviation = _budget_values(cells, budget)
    amounts = {key: parse_amount(values.get(key, ""), unit) for key in AMOUNT_KEYS}
    return BudgetLine(
        line_no=line_no,
        label=label,
        amounts=amounts,
        weight=parse_number(values.get("weight", "")),
        rate=parse_rate(values.get("rate", ""), budget.percent_rate),
        score=parse_number(values.get("score", "")),
        deviation=deviation,
    )


# --- the other blocks -------------------------------------------------------------------------------

_GOAL_NAMES = "|".join(
    sorted(
        (
            *("年度总体目标", "总体目标", "年初预期目标", "预期目标", "年度目标", "项目年度绩效目标", "年度绩效目标"),
            *("绩效目标", "目标", "目标实际完成情况", "实际完成情况", "年度总体目标完成情况"),
        ),
        key=lambda name: (-len(name), name),  # longest first: a prefix match takes the whole label
    )
)
GOAL_LABELS = re.compile(rf"^(?:{_GOAL_NAMES})[:：]?$")
# A label opening a goal printed without tabs: before a colon, a space, the goal's number, or alone.
_GOAL_PREFIX = re.compile(rf"^({_GOAL_NAMES})(?:[:：]\s*|\s+|(?=\d)|$)")
_BULLET = re.compile(r"^[-•·]\s+")  # a list mark the extraction put before a numbered goal
_GOAL_HEADER = re.compile(r"预期目标|年度目标|实际完成情况|总体目标")
_NUMBERED = re.compile(r"^\d{1,2}\s*[.．、](?!\d)")
ANALYSIS_OUTER = frozenset({"项目绩效分析", "绩效分析"})
_TOTAL = frozenset({"总分", "总计得分", "合计得分", "自评总分"})


def _is_goal_header(cells: Sequence[str]) -> bool:
    items = non_empty(cells)
    return (
        bool(items)
        and all(GOAL_LABELS.match(compact(c)) for _, c in items)
        and any(_GOAL_HEADER.search(compact(c)) for _, c in items)
    )


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class TotalLine:
    weight: Number
    score: Number
    grade: str | None
    grade_printed: str

    def __init__(self, weight: Number, score: Number, grade: str | None, grade_printed: str) -> None:
        self.weight = weight
        self.score = score
        self.grade = grade
        self.grade_printed = grade_printed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TotalLine) and (self.weight, self.score, self.grade, self.grade_printed) == (
            other.weight,
            other.score,
            other.grade,
            other.grade_printed,
        )

    def __hash__(self) -> int:
        return hash((self.weight, self.score, self.grade, self.grade_printed))


def parse_total_line(cells: Sequence[str]) -> TotalLine:
    numbers: list[Number] = []
    grade, grade_printed = None, ""
    for _, cell in non_empty(cells):
        if compact(cell) in _TOTAL:
            continue
        if is_number(cell):
            numbers.append(parse_number(cell))
        elif grade_of(cell) is not None and not grade_printed:
            grade, grade_printed = grade_of(cell), cell
        else:
            raise ParseError(f"unexpected cell {cell!r} in the 总分 line")
    if len(numbers) > 2:
        raise ParseError("more than two numbers in the 总分 line")
    weight = numbers[0] if len(numbers) == 2 else BLANK_NUMBER
    score = numbers[-1] if numbers else BLANK_NUMBER
    return TotalLine(weight, score, grade, grade_printed)


@dataclass(frozen=True)
class ManagementItem:
    name: str
    description: str | None
    weight: Number
    score: Number
    problem: str | None


def parse_management_item(cells: Sequence[str]) -> ManagementItem:
    """`安排科学性 | 科学 | 5 | 5 | 存在问题` of the 资金管理情况 block."""
    items = [c for _, c in non_empty(cells)]
    if not items or is_number(items[0]):
        raise ParseError("资金管理情况 line without an item name")
    name, rest = items[0], items[1:]
    description = []
    while rest and not is_number_or_blank(rest[0]):
        description.append(rest.pop(0))
    if len(rest) < 2 or not (is_number_or_blank(rest[0]) and is_number_or_blank(rest[1])):
        raise ParseError("资金管理情况 line without 分值 and 得分")
    weight, score = parse_number(rest[0]), parse_number(rest[1])
    problem = rest[2:]
    if any(is_number(p) for p in problem):
        raise ParseError("unexpected number after 得分 in a 资金管理情况 line")
    return ManagementItem(name, " ".join(description) or None, weight, score, " ".join(problem) or None)


# --- the walker -------------------------------------------------------------------------------------


@dataclass  # __init__ written out: compiled (loaders/native.py)
class _Indicator:
    line_no: int
    section: str
    level1: str | None
    level1_printed: str
    level2: str | None
    level2_printed: str
    level3: str | None
    values: dict[str, str]
    alignment: str
    noise: list[str]

    def __init__(
        self,
        line_no: int,
        section: str,
        level1: str | None,
        level1_printed: str,
        level2: str | None,
        level2_printed: str,
        level3: str | None,
        values: dict[str, str],
        alignment: str,
        noise: list[str],
    ) -> None:
        self.line_no = line_no
        self.section = section
        self.level1 = level1
        self.level1_printed = level1_printed
        self.level2 = level2
        self.level2_printed = level2_printed
        self.level3 = level3
        self.values = values
        self.alignment = alignment
        self.noise = noise


@dataclass  # __init__ written out: compiled (loaders/native.py)
class _State:
    table: Table
    ctx: TableContext
    kind: str
    result: ParseResult = field(default_factory=ParseResult)
    info: dict[str, tuple[str, int]] = field(default_factory=dict)
    section: str = "start"
    budget: BudgetColumns | None = None
    budget_lines: list[BudgetLine] = field(default_factory=list)
    indicator_columns: IndicatorColumns | None = None
    carry: LevelCarry = field(default_factory=LevelCarry)
    indicators: list[_Indicator] = field(default_factory=list)
    goal: list[str] = field(default_factory=list)
    goal_actual: list[str] = field(default_factory=list)
    total: TotalLine | None = None
    total_line_no: int | None = None
    analysis_section: str | None = None
    saw_management: bool = False
    goal_cut: bool = False  # a goal text runs on into lines not read: the goal is not loaded

    def __init__(
        self,
        table: Table,
        ctx: TableContext,
        kind: str,
        result: ParseResult | None = None,
        info: dict[str, tuple[str, int]] | None = None,
        section: str = "start",
        budget: BudgetColumns | None = None,
        budget_lines: list[BudgetLine] | None = None,
        indicator_columns: IndicatorColumns | None = None,
        carry: LevelCarry | None = None,
        indicators: list[_Indicator] | None = None,
        goal: list[str] | None = None,
        goal_actual: list[str] | None = None,
        total: TotalLine | None = None,
        total_line_no: int | None = None,
        analysis_section: str | None = None,
        saw_management: bool = False,
        goal_cut: bool = False,
    ) -> None:
        self.table = table
        self.ctx = ctx
        self.kind = kind
        self.result = ParseResult() if result is None else result
        self.info = {} if info is None else info
        self.section = section
        self.budget = budget
        self.budget_lines = [] if budget_lines is None else budget_lines
        self.indicator_columns = indicator_columns
        self.carry = LevelCarry() if carry is None else carry
        self.indicators = [] if indicators is None else indicators
        self.goal = [] if goal is None else goal
        self.goal_actual = [] if goal_actual is None else goal_actual
        self.total = total
        self.total_line_no = total_line_no
        self.analysis_section = analysis_section
        self.saw_management = saw_management
        self.goal_cut = goal_cut

    def quarantine(self, line_no: int, reason: str, text: str) -> None:
        self.result.quarantine.append(quarantine_line(self.ctx, self.table, line_no, reason, text))


@dataclass(frozen=True)
class _CellFacts:
    """What the walker's line tests ask of one non-empty cell, derived once per distinct cell text: a
    line is classified from its cells' facts instead of every test normalising and matching every cell
    again (each line is tried against up to seven tests)."""

    info: bool  # a project information label (项目名称 …)
    budget_key: str | None  # the budget column it names (_budget_key)
    names_level: bool  # says 一级指标 or 二级指标: the mark of an indicator header
    goal_label: bool  # GOAL_LABELS
    goal_header: bool  # _GOAL_HEADER
    total: bool  # 总分 and its variants
    management: bool  # 情况说明, the 资金管理情况 header


@lru_cache(maxsize=1 << 16)  # every cell of every line of a performance table
def _cell_facts(cell: str) -> _CellFacts:
    text = compact(cell)
    return _CellFacts(
        info=info_label(cell) is not None,
        budget_key=_budget_key(cell),
        names_level=_names_level(text),
        goal_label=bool(GOAL_LABELS.match(text)),
        goal_header=bool(_GOAL_HEADER.search(text)),
        total=text in _TOTAL,
        management=text == "情况说明",
    )


def _walk_line(state: _State, line_no: int, text: str, cells: list[str]) -> None:
    if state.section == "analysis":
        _analysis_line(state, line_no, cells)
        return
    facts = [_cell_facts(cell) for cell in cells if cell]
    # The tests in their order of precedence; each full test runs only on a line its cells' facts
    # admit (the facts decide exactly what the test's own first check decides).
    if facts and facts[0].info:
        info = parse_info_line(cells)
        if info is not None:
            for key, value in info.items():
                if value and key not in state.info:
                    state.info[key] = (value, line_no)
            return
    budget_keys = {f.budget_key for f in facts}
    if len(_BUDGET_HEADER_KEYS.intersection(budget_keys)) >= 2:
        budget = budget_header(cells)
        if budget is not None and indicator_header(cells) is None:
            state.budget, state.section = budget, "budget"
            return
    if state.section == "budget" and state.budget is not None and budget_subheader(cells, state.budget):
        return
    if any(f.management for f in facts):
        state.section, state.saw_management = "management", True
        return
    if facts and all(f.goal_label for f in facts) and any(f.goal_header for f in facts):
        state.section = "goal"
        return
    if any(f.names_level for f in facts):
        columns = indicator_header(cells)
        if columns is not None:
            state.indicator_columns, state.section = columns, "indicators"
            return
    if any(f.total for f in facts):
        state.total, state.total_line_no, state.section = parse_total_line(cells), line_no, "analysis"
        return
    if state.section == "budget" and state.budget is not None:
        unit = state.budget.unit or state.ctx.unit
        state.budget_lines.append(parse_budget_line(line_no, cells, state.budget, unit))
    elif state.section == "management":
        _management_line(state, line_no, cells)
    elif state.section == "goal" or (state.section == "start" and (state.kind == TARGET or _goal_like(cells))):
        _goal_line(state, cells)
    elif state.section == "indicators" and state.indicator_columns is not None:
        _indicator_line(state, line_no, cells, state.indicator_columns)
    else:
        where = "before the table's header" if state.section == "start" else "outside any known block"
        raise ParseError(f"unrecognised line {where} of a performance table")


def plain_goal_cells(text: str) -> list[str]:
    """The cells of a 目标表's goal line printed without tabs (a PDF tool prints the merged 绩效目标 cell
    and its texts as one line): [label, texts] when the label is printed — before the texts (`绩效目标
    1. 通过…`, `绩效目标1. …`), after them or between two (`1. …。 绩效目标 2. …`, where the tool put the
    vertically centred label) — else [texts]. A list mark before a numbered goal (`- 1. …`) is not
    text. What the line says is judged by `_goal_line` as for a tab line: a label, or one numbered text."""
    words = _BULLET.sub("", clean_cell(text))
    opening = _GOAL_PREFIX.match(words)
    label = opening.group(1) if opening else ""
    pieces = (words[opening.end() :] if opening else words).split()
    if not label:
        label = next((piece for piece in pieces if GOAL_LABELS.match(piece)), "")
    texts = " ".join(piece for piece in pieces if not GOAL_LABELS.match(piece))
    return [cell for cell in (label, texts) if cell]


GOAL_CUT = (
    "goal not loaded: a line in the 绩效目标 block not read right after a goal text that does not end (its "
    "text wrapped onto lines of their own)"
)


def _goal_like(cells: Sequence[str]) -> bool:
    items = [c for _, c in non_empty(cells)]
    if not items:
        return False
    if GOAL_LABELS.match(compact(items[0])):
        return True
    return len(items) == 1 and bool(_NUMBERED.match(items[0]))


def _goal_line(state: _State, cells: Sequence[str]) -> None:
    items = [c for _, c in non_empty(cells)]
    labelled = bool(items) and bool(GOAL_LABELS.match(compact(items[0])))
    texts = [c for c in items if not GOAL_LABELS.match(compact(c))]
    if state.kind == TARGET or state.section == "start":
        if not labelled and not (len(texts) == 1 and _NUMBERED.match(texts[0])):
            if state.goal and not state.goal_cut and not SENTENCE_END.search(state.goal[-1].rstrip()):
                state.goal_cut = True  # (`1. 通过配合全市"` / `容 e 查"工作的开` / …: a goal wrapped in a narrow cell)
                raise ParseError(GOAL_CUT)
            raise ParseError("unrecognised line in the 绩效目标 block (garbled by the extraction)")
        state.goal.extend(texts)
        return
    if len(texts) > 2:
        raise ParseError("more than two texts in a goal line")
    if texts:
        state.goal.append(texts[0])
    if len(texts) == 2:
        state.goal_actual.append(texts[1])


def _management_line(state: _State, line_no: int, cells: Sequence[str]) -> None:
    item = parse_management_item(cells)
    state.indicators.append(
        _Indicator(
            line_no=line_no,
            section="fund_management",
            level1=FUND_MANAGEMENT_LABEL,
            level1_printed="",
            level2=None,
            level2_printed="",
            level3=item.name,
            values={
                "actual": item.description or "",
                "weight": item.weight.printed,
                "score": item.score.printed,
                "deviation": item.problem or "",
            },
            alignment="sequence",
            noise=[],
        )
    )


def _indicator_line(state: _State, line_no: int, cells: Sequence[str], columns: IndicatorColumns) -> None:
    if state.kind == TARGET and _goal_like(cells) and not any(level_only(cells, columns) or []):
        items = [c for _, c in non_empty(cells)]
        if len(items) == 1 and _NUMBERED.match(items[0]):
            state.goal.append(items[0])
            return
    aligned = align_indicator_row(cells, columns)
    if aligned is None:
        levels = level_only(cells, columns)
        if levels is None:
            raise ParseError("cells do not fit the indicator columns")
        state.carry.apply(levels)
        return
    if not aligned.levels and aligned.level3 is None and _continues(state, aligned.values):
        previous = state.indicators[-1]
        for key, value in aligned.values.items():
            if value:
                previous.values[key] = f"{previous.values.get(key, '')} {value}".strip()
        return
    printed1, printed2 = state.carry.apply(aligned.levels)
    if aligned.level3 is None and not aligned.has_values:
        return  # a level heading with nothing under it
    state.indicators.append(
        _Indicator(
            line_no=line_no,
            section="indicator",
            level1=state.carry.level1,
            level1_printed=printed1,
            level2=state.carry.level2,
            level2_printed=printed2,
            level3=aligned.level3,
            values=dict(aligned.values),
            alignment=aligned.alignment,
            noise=aligned.noise,
        )
    )


def _continues(state: _State, values: dict[str, str]) -> bool:
    """A line holding only the rest of a text cut at a page break (绩效指标描述 / 三级指标)."""
    if not state.indicators or state.indicators[-1].section != "indicator":
        return False
    filled = {k for k, v in values.items() if v}
    return bool(filled) and filled <= {"description", "deviation"}


def _analysis_line(state: _State, line_no: int, cells: Sequence[str]) -> None:
    items = [c for _, c in non_empty(cells) if compact(c) not in ANALYSIS_OUTER]
    if not items:
        return
    if len(items) == 1:
        labels, text = items, ""
    else:
        labels, text = items[:-1], items[-1]
    if len(labels) > 2:
        raise ParseError("unexpected cells in a 项目绩效分析 line")
    topic = labels[-1]
    if len(labels) == 2:
        state.analysis_section = labels[0]
    elif compact(topic) == "自评结果分析":
        state.analysis_section = topic
        topic = None  # type: ignore[assignment]
    elif "情况" not in topic:
        state.analysis_section = None
    state.result.rows.append(
        ProjectAnalysisRow(
            document_id=state.ctx.document_id,
            source_file=state.ctx.source_file,
            line_no=line_no,
            project_line_no=state.table.title_line,
            section=state.analysis_section,
            topic=topic,
            text=text,
        )
    )


# --- rows -------------------------------------------------------------------------------------------

_TITLE_SUFFIX = re.compile(r"(?:项目)?(?:支出)?(?:绩效)?(?:自评|目标(?:申报)?)表$")
_TITLE_PREFIX = re.compile(r"^\s*\d+\s*[、.．]\s*|^\d{4}\s*年\s*(?:度)?(?=.*级预算)")


# What a title says before its form's name when it names no project: its year, the budget's level or
# the evaluating party (`市级预算项目支出绩效自评表`, `项目单位自评表`, `2023年度项目支出绩效自评表`).
_GENERIC_TITLE = re.compile(
    r"^(?:\d{4}\s*年度?|[省市州县区旗乡镇]?本?级|中央|部门|单位|项目单位|主管部门|财政|预算|项目|整体|[(（）)\s])*$"
)


def name_from_title(title: str) -> str:
    """The project a table's title names (`1、公共资源交易中心工作经费绩效目标表`), or "" when it names
    none (`市级预算项目支出绩效自评表`): the name of a table without a 项目名称 cell."""
    name = _TITLE_SUFFIX.sub("", title.strip())
    name = _TITLE_PREFIX.sub("", name)
    return "" if _GENERIC_TITLE.match(name) else name.strip()


def _layout(state: _State) -> str:
    if state.kind == TARGET:
        return "target"
    columns = state.indicator_columns
    if state.saw_management or (columns is not None and "deviation_rate" in columns.positions):
        return "fund_management"
    if columns is not None and "adjusted" in columns.positions:
        return "adjusted_target"
    return "basic"


def _total_budget_line(state: _State) -> BudgetLine | None:
    if not state.budget_lines:
        return None
    return next((b for b in state.budget_lines if b.is_total_label), state.budget_lines[0])


def _indicator_row(state: _State, item: _Indicator, backfill: str | None) -> KpiIndicatorRow:
    """The line's row, its texts as stored (document.text_spacing)."""
    values = {key: text_spacing(value) for key, value in item.values.items()}
    weight = parse_number(values.get("weight", ""))
    score = parse_number(values.get("score", ""))
    rate = parse_rate(values.get("deviation_rate", ""), True) if values.get("deviation_rate") else BLANK_NUMBER
    target = parse_indicator(values.get("target", ""))
    actual_text = values.get("actual") if "actual" in values or item.section == "fund_management" else None
    actual = parse_indicator(actual_text) if actual_text is not None else None
    return KpiIndicatorRow(
        document_id=state.ctx.document_id,
        source_file=state.ctx.source_file,
        line_no=item.line_no,
        project_line_no=state.table.title_line,
        section=item.section,
        level1=item.level1 or backfill,
        level1_printed=text_spacing(item.level1_printed),
        level2=item.level2,
        level2_printed=text_spacing(item.level2_printed),
        level3=text_spacing(item.level3) if item.level3 is not None else None,
        description=values.get("description") or None,
        target_text=values.get("target", ""),
        adjusted_target_text=values.get("adjusted"),
        actual_text=actual_text,
        basis_text=values.get("basis") or None,
        weight=weight.value,
        weight_printed=weight.printed,
        weight_rounding_unit=weight.rounding_unit,
        score=score.value,
        score_printed=score.printed,
        score_rounding_unit=score.rounding_unit,
        deviation_rate=rate.value,
        deviation_rate_printed=values.get("deviation_rate", ""),
        deviation_text=values.get("deviation") or None,
        target_kind=target.kind,
        target_operator=target.operator,
        target_value=target.value,
        target_unit=target.unit,
        target_value_wan=target.value_wan,
        actual_kind=actual.kind if actual is not None else None,
        actual_operator=actual.operator if actual is not None else None,
        actual_value=actual.value if actual is not None else None,
        actual_unit=actual.unit if actual is not None else None,
        actual_value_wan=actual.value_wan if actual is not None else None,
        alignment=item.alignment,
        noise_text=" ".join(item.noise) or None,
    )


def _budget_rows(state: _State, total: BudgetLine | None) -> list[ProjectBudgetLineRow]:
    rows = []
    for line in state.budget_lines:
        units = [a.rounding_unit_wan for a in line.amounts.values()]
        rows.append(
            ProjectBudgetLineRow(
                document_id=state.ctx.document_id,
                source_file=state.ctx.source_file,
                line_no=line.line_no,
                project_line_no=state.table.title_line,
                funding_source=line.label,
                is_total=line is total,
                declared_wan=line.amounts["declared"].wan,
                declared_printed=line.amounts["declared"].printed,
                initial_wan=line.amounts["initial"].wan,
                initial_printed=line.amounts["initial"].printed,
                full_year_wan=line.amounts["full_year"].wan,
                full_year_printed=line.amounts["full_year"].printed,
                executed_wan=line.amounts["executed"].wan,
                executed_printed=line.amounts["executed"].printed,
                balance_wan=line.amounts["balance"].wan,
                balance_printed=line.amounts["balance"].printed,
                rounding_unit_wan=max(units) if units else Decimal(0),
                weight_printed=line.weight.printed,
                execution_rate_printed=line.rate.printed,
                score_printed=line.score.printed,
                deviation_text=line.deviation,
            )
        )
    return rows


def _name(state: _State) -> tuple[str, int]:
    """The project's name and its line: its 项目名称 cell's, else its title's ("" when neither names it)."""
    name, line_no = state.info.get("project_name", ("", 0))
    return (name, line_no) if name else (name_from_title(state.table.title), state.table.title_line)


def _project_row(state: _State, total: BudgetLine | None) -> ProjectRow:
    ctx, table = state.ctx, state.table
    name, name_line = _name(state)
    supervising, supervising_code = split_code(state.info.get("supervising_department", ("", 0))[0] or None)
    implementing, implementing_code = split_code(state.info.get("implementing_unit", ("", 0))[0] or None)
    amounts = total.amounts if total else {key: BLANK for key in AMOUNT_KEYS}
    score, score_line = (total.score, total.line_no) if total else (BLANK_NUMBER, None)
    if total is not None and score.value is None:
        # The 资金总额 line printed no 得分: the score stands on a funding line of the merged cell.
        fallback = next((b for b in state.budget_lines if b.score.value is not None), None)
        if fallback is not None:
            score, score_line = fallback.score, fallback.line_no
    total_line = state.total or TotalLine(BLANK_NUMBER, BLANK_NUMBER, None, "")
    return ProjectRow(
        document_id=ctx.document_id,
        source_file=ctx.source_file,
        line_no=table.title_line,
        table_kind=state.kind,
        layout=_layout(state),
        title=table.title,
        project_name=name,
        project_name_key=name_key(name),
        project_name_line_no=name_line,
        supervising_department=supervising,
        supervising_department_code=supervising_code,
        implementing_unit=implementing,
        implementing_unit_code=implementing_code,
        contact_phone=state.info.get("contact_phone", (None, 0))[0],
        budget_line_no=total.line_no if total else None,
        **_amount_fields("budget_declared", amounts["declared"]),
        **_amount_fields("budget_initial", amounts["initial"]),
        **_amount_fields("budget_full_year", amounts["full_year"]),
        **_amount_fields("executed", amounts["executed"]),
        **_amount_fields("balance", amounts["balance"]),
        execution_rate=total.rate.value if total else None,
        execution_rate_printed=total.rate.printed if total else "",
        execution_rate_rounding_unit=total.rate.rounding_unit if total else Decimal(0),
        budget_weight=total.weight.value if total else None,
        budget_weight_printed=total.weight.printed if total else "",
        budget_score=score.value,
        budget_score_printed=score.printed,
        budget_score_rounding_unit=score.rounding_unit,
        budget_score_line_no=score_line if score.printed else None,
        total_line_no=state.total_line_no,
        total_weight=total_line.weight.value,
        total_weight_printed=total_line.weight.printed,
        total_score=total_line.score.value,
        total_score_printed=total_line.score.printed,
        total_score_rounding_unit=total_line.score.rounding_unit,
        grade=total_line.grade,
        grade_printed=total_line.grade_printed,
        goal_text=None if state.goal_cut else " ".join(state.goal) or None,
        goal_actual_text=" ".join(state.goal_actual) or None,
        quarantined_line_count=len(state.result.quarantine),
    )


def _amount_fields(prefix: str, amount: Amount) -> dict[str, object]:
    return {
        f"{prefix}_wan": amount.wan,
        f"{prefix}_printed": amount.printed,
        f"{prefix}_rounding_unit_wan": amount.rounding_unit_wan,
    }


def _plain_information(table: Table, state: _State) -> tuple[tuple[Line, ...], int]:
    """The lines of a table read from its tabs that print its project information as text, above its
    first tab line: a PDF reader gives a table's first row as text when no rule closes it, its wrapped
    cells on lines of their own (`2023年信息` / `项目名称 化建设及质 主管部门` / `保金项目`). They are the
    lines of the table's body (no page line: title, unit, year) right above its first tab line, when one
    of them holds an information label. Their rows are read as the layout layer reads such rows
    (wrapped.information_rows) and walked first; lines read several ways, or in none, are reported.
    Returned with the number of the run's last line (0: no such lines)."""
    from loaders.layout.performance.wrapped import information_rows

    first = next((n for n, line in enumerate(table.lines) if line.is_tabular), None)
    if table.canonical is not None or not first:
        return (), 0
    run: list[Line] = []
    for line in reversed(table.lines[:first]):
        kind = line_kind(line.text, table.title)
        if kind is LineKind.BLANK:
            continue
        if kind is not LineKind.TABLE:
            break
        run.insert(0, line)
    if not any(info_label(token) is not None for line in run for token in clean_cell(line.text).split()):
        return (), 0
    found = information_rows([(line.no, line.text) for line in run])
    if isinstance(found, str):
        for line in run:
            state.quarantine(line.no, f"{PLAIN_INFORMATION}: {found}", line.text)
        return (), run[-1].no
    return tuple(Line(row.line_no, "\t".join(row.cells)) for row in found), run[-1].no


PLAIN_INFORMATION = (
    "project information printed as text above the table read from its tabs (its cells wrapped onto lines "
    "of their own) not read"
)


def _walked(table: Table, kind: str, state: _State) -> Iterator[tuple[Line, list[str]]]:
    """The lines to walk and their cells: the table's rows; for a 目标表 read from its tabs, also its
    lines without tabs above the indicator header (its goal, printed as text: `plain_goal_cells`;
    page lines aside). One below it (a note aside) is reported, not read: an indicator row printed
    as text, as a PDF reader gives the rows of a table whose rows are not ruled. A line holding the
    indicator header's words is not a goal: the table's cells run together as text, reported with the
    table when no header follows (`parse_project_table`). A table rebuilt by the layout layer has its
    goal lines among its rows."""
    information, last = _plain_information(table, state)
    yield from ((line, list(line.cells)) for line in information)
    if kind != TARGET or table.canonical is not None:
        yield from ((line, list(line.cells)) for line in table.rows)
        _report_untabbed(table, last, state)
        return
    for line in table.lines:
        if line.no <= last:
            continue  # its project information, read (or reported) above
        if line.is_tabular:
            yield line, list(line.cells)
        elif state.indicator_columns is not None:
            if line_kind(line.text, table.title) is LineKind.TABLE:
                state.quarantine(line.no, UNTABBED_INDICATOR_LINE, line.text)
        elif (
            state.section == "start"
            and not _runs_together(line.text)
            and line_kind(line.text, table.title) not in (LineKind.BLANK, LineKind.PAGE)
        ):
            yield line, plain_goal_cells(line.text)


def _report_untabbed(table: Table, last: int, state: _State) -> None:
    """A 自评表 read from its tabs reports its lines printed as text below its project information
    (read above: `_plain_information`), page lines and notes aside (base.untabbed_rows): its walk reads
    tab lines only. A table without any tab line is reported whole by its walk (no indicator header; a
    title naming no project)."""
    for line in untabbed_rows(table, below=last):
        state.quarantine(line.no, UNTABBED_ROW, line.text)


UNTABBED_INDICATOR_LINE = (
    "a line without tabs under the indicator header of a table read from its tabs: not read (the "
    "extraction printed part of the table as text)"
)


def _runs_together(text: str) -> bool:
    """A line printing the indicator header's words: a table's cells run together as one text."""
    return _names_level(compact(text))


def _names_level(text: str) -> bool:
    """Says 一级指标 or 二级指标 (compacted text): the mark of an indicator header."""
    return "一级指标" in text or "二级指标" in text


def parse_project_table(table: Table, ctx: TableContext, kind: str) -> ParseResult:
    state = _State(table, ctx, kind)
    for line, cells in _walked(table, kind, state):
        if not any(cells):
            continue
        try:
            _walk_line(state, line.no, line.text, cells)
        except LoaderError as exc:
            state.quarantine(line.no, exc.reason, line.text)
    if state.indicator_columns is None and state.total is None:
        reason = "no indicator header in table form (the extraction ran the table's cells together as text)"
        first_text = max(table.lines, key=lambda line: len(line.text), default=None)
        line_no = first_text.no if first_text else table.title_line
        state.quarantine(line_no, f"indicators not loaded: {reason}", first_text.text if first_text else "")
    if not _name(state)[0]:
        reason = f"{UNNAMED}: no 项目名称 cell read, and its title ({table.title}) names no project"
        state.result.rows = []
        state.quarantine(table.title_line, reason, table.title)
        return state.result
    backfill = next((i.level1 for i in state.indicators if i.level1 and i.section == "indicator"), None)
    total = _total_budget_line(state)
    rows: list = [_project_row(state, total), *_budget_rows(state, total)]
    seen_level1 = False
    for item in state.indicators:
        seen_level1 = seen_level1 or bool(item.level1) or item.section != "indicator"
        rows.append(_indicator_row(state, item, None if seen_level1 else backfill))
    state.result.rows = rows + state.result.rows
    return state.result


UNNAMED = "project not loaded"


def parse_self_evaluation(table: Table, ctx: TableContext) -> ParseResult:
    return parse_project_table(table, ctx, SELF_EVALUATION)


def parse_target(table: Table, ctx: TableContext) -> ParseResult:
    return parse_project_table(table, ctx, TARGET)


register("performance_self_evaluation", parse_self_evaluation)
register("performance_target", parse_target)

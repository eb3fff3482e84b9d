"""The two-sided summary tables: 收入支出决算总表 / 部门预算收支总表 (`summary`) and
财政拨款收入支出决算总表 / 部门预算财政拨款收支总表 (`appropriation_summary`).

Each printed line holds an income half (name, 行次, amount) and an expenditure half (name,
行次, one amount, or in the appropriation summary one per fund column); budgets print one 序号
per line instead of 行次. Each half becomes SummaryLineRows keyed by a line_key read from its
name (`income_total`, `opening_balance`, the 3-digit function class code `201`...).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from loaders.amounts import Amount, parse_amount
from loaders.document import Line, name_text
from loaders.errors import AmountError, ParseError
from loaders.parsers import register
from loaders.parsers.base import ParseResult, TableContext, quarantine_line
from loaders.parsers.columns import (
    Header,
    assign_by_order,
    is_header_like,
    is_integer,
    is_number,
    is_numbering_line,
    overflow,
    pad,
    read_header,
    rules,
    squash,
)
from loaders.rows import SummaryLineRow, amount_fields
from loaders.tables import Table

FAMILIES = ("summary", "appropriation_summary")
# (found through the package, not `__file__`: a module compiled with mypyc has none of its own)
FUNCTION_CLASSES_CSV = Path(str(files("loaders") / "data" / "function_classes.csv"))

ROLE_RULES = rules(("序号", "serial"), ("行次", "row"), ("^(收入|支出)?项目$", "name"))
FUND_RULES = rules(
    ("合计|小计", "total"),
    ("一般公共", "general_budget"),
    ("政府性基金|基金", "government_fund"),
    ("国有资本", "state_capital"),
)
FUND_LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "summary": (("total",),),
    "appropriation_summary": (("total", "general_budget", "government_fund", "state_capital"), ("total",)),
}
INCOME_KEYS = rules(
    ("总计", "grand_total"),
    ("收入合计", "income_total"),
    ("非财政拨款结余|用事业基金弥补收支差额", "non_fiscal_balance_used"),
    ("(年初|上年).*(结转|结余)", "opening_balance"),
    ("一般公共预算", "general_budget_appropriation"),
    ("政府性基金", "government_fund_appropriation"),
    ("国有资本经营", "state_capital_appropriation"),
    ("财政专户", "fiscal_special_account"),
    ("上级补助", "superior_subsidy"),
    ("附属单位", "subsidiary_remittance"),
    ("经营收入", "operating"),
    ("事业收入", "business"),
    ("其他收入", "other"),
)
EXPENDITURE_KEYS = rules(
    ("总计", "grand_total"),
    ("支出合计", "expenditure_total"),
    ("(年末|年终).*(结转|结余)|^结转下年", "closing_balance"),
    ("结余分配", "balance_distribution"),
    # Lines by nature of spending, which some tables print beside or instead of the function classes.
    ("^基本支出$", "basic"),
    ("^项目支出$", "project"),
    ("^(上缴|上解)上级支出$", "remit_to_superior"),
    ("^经营支出$", "operating"),
    ("^对附属单位补助支出$", "subsidy_to_subsidiary"),
)
# The fund lines printed under 年初(财政拨款)结转和结余 are the opening balance by fund.
OPENING_BY_FUND = {
    "general_budget_appropriation": "opening_balance_general_budget",
    "government_fund_appropriation": "opening_balance_government_fund",
    "state_capital_appropriation": "opening_balance_state_capital",
}

_NUMERAL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\))")
_GLUED_NUMBER = re.compile(r"^\d+")
_CLASS_LINE = re.compile(r"^[一二三四五六七八九十]+、")


@cache
def function_classes() -> dict[str, str]:
    """类 names of the 政府收支分类科目 (current and older names) → 3-digit code."""
    with FUNCTION_CLASSES_CSV.open(encoding="utf-8", newline="") as handle:
        return {squash(row["name"]): row["code"] for row in csv.DictReader(handle)}


@dataclass(frozen=True)
class Half:
    """Where one side of the table is printed."""

    side: str
    name: int
    row: int | None
    amounts: tuple[tuple[int, str], ...]  # (column, fund)


@dataclass(frozen=True)
class Layout:
    width: int
    serial: int | None
    halves: tuple[Half, Half]


@dataclass
class State:
    """What parsing has seen so far in one table."""

    after_opening: bool = False
    seen: dict[tuple[str, str, str], int] = field(default_factory=dict)


class HalfRejected(Exception):
    """One half of a line that cannot be accounted for; it is quarantined with this reason."""


def _is_anchor(cells: list[str]) -> bool:
    return sum(bool(re.search("^(收入|支出)?项目$", squash(cell))) for cell in cells) >= 2


def _looks_like_data(cells: list[str]) -> bool:
    names = [squash(cell) for cell in cells if cell and not is_number(cell)]
    return any(_NUMERAL_PREFIX.match(name) or re.search("合计|总计", name) for name in names) and any(
        is_number(cell) for cell in cells
    )


def read_layout(header: Header, family: str) -> Layout:
    """Find the serial, name, 行次 and amount columns of both sides; ParseError when unclear."""
    roles: list[tuple[int, str | None]] = [
        (col, header.classify(col, ROLE_RULES)) for col in range(header.width) if header.exists(col)
    ]
    names = [col for col, role in roles if role == "name"]
    if len(names) != 2:
        raise ParseError(f"header not understood: {len(names)} 项目 columns (expected 2)", line_no=header.line_no)
    left = [(col, role) for col, role in roles if col < names[0]]
    if len(left) > 1 or any(role not in (None, "serial") for _, role in left):
        raise ParseError("header not understood: columns left of the income 项目", line_no=header.line_no)
    income = _read_half(header, "income", names[0], [r for r in roles if names[0] < r[0] < names[1]], (("total",),))
    expenditure = _read_half(
        header, "expenditure", names[1], [r for r in roles if r[0] > names[1]], FUND_LAYOUTS[family]
    )
    return Layout(header.width, left[0][0] if left else None, (income, expenditure))


def _read_half(
    header: Header, side: str, name: int, roles: list[tuple[int, str | None]], layouts: tuple[tuple[str, ...], ...]
) -> Half:
    rows = [col for col, role in roles if role == "row"]
    amount_cols = [col for col, role in roles if role is None]
    if len(rows) > 1 or len(rows) + len(amount_cols) != len(roles):
        raise ParseError(f"header not understood: unexpected column on the {side} side", line_no=header.line_no)
    if not amount_cols:
        raise ParseError(f"header not understood: no amount column on the {side} side", line_no=header.line_no)
    found = [header.classify(col, FUND_RULES) for col in amount_cols]
    funds = assign_by_order(header, amount_cols, found, layouts, f"{side} amount")
    return Half(side, name, rows[0] if rows else None, tuple(zip(amount_cols, funds, strict=True)))


def key_name(name: str) -> str:
    """A line name stripped for matching: no spaces, no `一、` numbering, no glued row number."""
    text = _GLUED_NUMBER.sub("", squash(name))
    return _NUMERAL_PREFIX.sub("", text)


@lru_cache(maxsize=1 << 12)  # both halves of every line; the same names in every document
def line_key(side: str, name: str, after_opening: bool) -> str | None:
    """The line_key a printed line name stands for, None when it is not known."""
    text = key_name(name)
    if side == "income":
        key = next((value for pattern, value in INCOME_KEYS if pattern.search(text)), None)
        return OPENING_BY_FUND.get(key, key) if after_opening and key else key
    key = next((value for pattern, value in EXPENDITURE_KEYS if pattern.search(text)), None)
    return key or function_classes().get(text)


def _row_number(cells: list[str], layout: Layout, half: Half) -> str:
    col = half.row if half.row is not None else layout.serial
    return squash(cells[col]) if col is not None else ""


def _amounts(cells: list[str], half: Half, unit: str) -> list[tuple[str, Amount]]:
    amounts = []
    for col, fund in half.amounts:
        try:
            amounts.append((fund, parse_amount(cells[col], unit)))
        except AmountError:
            raise HalfRejected(f"{half.side} side: not an amount: {cells[col]!r}") from None
    return amounts


def parse_half(
    line: Line, cells: list[str], layout: Layout, half: Half, table: Table, ctx: TableContext, state: State
) -> list[SummaryLineRow]:
    """The rows of one side of a line; raises HalfRejected when a cell cannot be accounted for."""
    name = cells[half.name]
    amounts = _amounts(cells, half, ctx.unit)
    printed = any(not amount.is_blank for _, amount in amounts)
    if not name:
        if printed:
            raise HalfRejected(f"{half.side} side: amount without a line name")
        return []
    key = line_key(half.side, name, state.after_opening)
    if key is None:
        if half.side == "expenditure" and _CLASS_LINE.match(squash(name)) and not printed:
            return []  # a class line this table's classification does not know, printed empty
        raise HalfRejected(f"{half.side} side: unknown line {name!r}")
    if half.side == "income" and key == "opening_balance":
        state.after_opening = True
    for fund, _ in amounts:
        first = state.seen.get((half.side, key, fund))
        if first is not None:
            raise HalfRejected(f"{half.side} side: line_key {key} printed again (first on line {first})")
    for fund, _ in amounts:
        state.seen[(half.side, key, fund)] = line.no
    return [
        SummaryLineRow(
            document_id=ctx.document_id,
            source_file=ctx.source_file,
            line_no=line.no,
            table_name=table.family,
            side=half.side,
            line_key=key,
            line_name=name_text(name),
            row_number=_row_number(cells, layout, half),
            fund=fund,
            **amount_fields(amount),
        )
        for fund, amount in amounts
    ]


def _line_problem(cells: list[str], layout: Layout) -> str | None:
    """Why a line as a whole cannot be read (cells beyond the header, a bad row number), or None."""
    extra = overflow(cells, layout.width)
    if extra:
        return f"more cells than header columns: {extra!r}"
    cells = pad(cells, layout.width)
    numbers = [layout.serial] + [half.row for half in layout.halves]
    bad = [cells[col] for col in numbers if col is not None and cells[col] and not is_integer(cells[col])]
    return f"not a row number: {bad[0]!r}" if bad else None


def parse(table: Table, ctx: TableContext) -> ParseResult:
    result = ParseResult()
    header, body = read_header(table.rows, _is_anchor, _looks_like_data)
    layout = read_layout(header, table.family)
    state = State()
    for line in body:
        cells = line.cells
        if not any(cells) or is_numbering_line(cells) or is_header_like(cells):
            continue  # blank, or the header block printed again on a continued page
        problem = _line_problem(cells, layout)
        if problem is not None:
            result.quarantine.append(quarantine_line(ctx, table, line.no, problem, line.text))
            continue
        cells = pad(cells, layout.width)
        for half in layout.halves:
            try:
                result.rows.extend(parse_half(line, cells, layout, half, table, ctx, state))
            except HalfRejected as exc:
                result.quarantine.append(quarantine_line(ctx, table, line.no, str(exc), line.text))
    return result


for _family in FAMILIES:
    register(_family, parse)

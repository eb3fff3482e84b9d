"""Placing a printed line's facts back in its cells.

The loaders keep each fact with the line it was printed on and the text it was printed as (the
amount's `amount_printed`, the subject name, the row number). To re-render a line, each fact is put
back in the cell that printed it: labels (codes, names, row numbers) are found first, from the left;
then amounts, from the right (row numbers and codes sit left of the amounts; a project's budget line
prints its 分值 and 得分 right of them, so its amounts are found from the left). Two facts printed with
the same text are written the same way, so which of two equal cells each takes does not matter. A
cell that prints no fact (a 栏次 number, a page header word) is copied as printed.

One small builder per row type says which of its fields are printed in a cell and how to write each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from loaders.amounts import WAN, YUAN, Amount, parse_amount
from loaders.codes import economic_code, function_code
from loaders.document import name_text
from loaders.errors import AmountError, LoaderError
from loaders.render.cells import ECONOMIC, FUNCTION, AmountStyle, Cell, Code, GluedCode, Money, Text
from loaders.rows import (
    EconomicAmountRow,
    FunctionAmountRow,
    ProjectBudgetLineRow,
    SeedRow,
    StatisticRow,
    SummaryLineRow,
    ThreePublicRow,
)

# Row types whose facts are written back into their printed line.
PLACED_ROW_TYPES: tuple[type[SeedRow], ...] = (
    FunctionAmountRow,
    SummaryLineRow,
    EconomicAmountRow,
    ThreePublicRow,
    StatisticRow,
    ProjectBudgetLineRow,
)


# A code and its name printed in one cell, as the function-table parser accepts it.
_GLUED_CODE = re.compile(r"^(?P<code>\d{3}(?:\s?\d{2}){0,2})\s*(?P<name>[\u4e00-\u9fff（(].*)$")


class RenderError(LoaderError):
    """A fact that cannot be put back on the line it says it was printed on."""


@dataclass(frozen=True)
class Field:
    """One fact printed in one cell: which cell holds it, and what to write there instead."""

    what: str
    holds: Callable[[str], bool]
    make: Callable[[str], Cell]
    amount: bool = False
    optional: bool = False
    from_left: bool = False  # where to look for the cell first (labels: always from the left)


def label(text: str, *, name: bool = True, optional: bool = False) -> Field:
    """A name or label printed as is (a subject name, a 合计 word, a row number)."""
    return Field(
        f"label {text!r}",
        lambda cell: cell == text or name_text(cell) == text,  # names are stored without their CJK spaces
        lambda cell: Text(cell, name=name),
        optional=optional,
    )


def printed_unit(printed: str, wan: Decimal | None) -> str:
    """The unit an amount was printed in: the one that turns its printed digits into its value."""
    try:
        as_wan = parse_amount(printed, WAN).wan
    except AmountError:
        return WAN
    return WAN if as_wan == wan or wan is None else YUAN


def money(printed: str, wan: Decimal | None, what: str, *, from_left: bool = False) -> Field:
    """An amount: found from the right by default (row numbers and codes print left of the amounts)."""
    style = AmountStyle.of(printed, printed_unit(printed, wan))
    return Field(what, lambda cell: cell == printed, lambda _cell: Money(wan, style), amount=True, from_left=from_left)


def function_code_field(code: str) -> Field:
    def glued_name(cell: str) -> str | None:
        found = _GLUED_CODE.match(cell)
        return found.group("name") if found and function_code(found.group("code")) == code else None

    def make(cell: str) -> Cell:
        name = glued_name(cell)
        return GluedCode(code, name) if name is not None and function_code(cell) != code else Code(code, FUNCTION)

    return Field(f"code {code}", lambda cell: function_code(cell) == code or glued_name(cell) is not None, make)


def economic_code_field(code: str) -> Field:
    return Field(f"code {code}", lambda cell: economic_code(cell) == code, lambda _cell: Code(code, ECONOMIC))


def function_fields(rows: Sequence[FunctionAmountRow]) -> list[Field]:
    first = rows[0]
    if first.subject_code == "total":
        fields = [label(first.subject_name)]
    else:
        fields = [function_code_field(first.subject_code)]
        if first.subject_name:
            fields.append(label(first.subject_name, optional=True))  # absent when glued to the code
    fields += [money(r.amount_printed, r.amount_wan, f"{r.measure} amount") for r in rows if r.amount_printed]
    return fields


def summary_fields(rows: Sequence[SummaryLineRow]) -> list[Field]:
    fields: list[Field] = []
    for side in dict.fromkeys(r.side for r in rows):
        half = [r for r in rows if r.side == side]
        fields.append(label(half[0].line_name))
        if half[0].row_number:
            fields.append(label(half[0].row_number, name=False))
        fields += [money(r.amount_printed, r.amount_wan, f"{side} {r.fund}") for r in half if r.amount_printed]
    return fields


def economic_fields(rows: Sequence[EconomicAmountRow]) -> list[Field]:
    fields: list[Field] = []
    for code in dict.fromkeys(r.economic_code for r in rows):
        group = [r for r in rows if r.economic_code == code]
        if code.isdigit():
            fields.append(economic_code_field(code))
            if group[0].economic_name:
                fields.append(label(group[0].economic_name))
        else:
            fields.append(label(group[0].economic_name))  # a total label (合计, 人员经费合计…)
        fields += [money(r.amount_printed, r.amount_wan, f"{code} {r.measure}") for r in group if r.amount_printed]
    return fields


def three_public_fields(rows: Sequence[ThreePublicRow]) -> list[Field]:
    # The column layout prints no item label on the data line (the items are header words).
    fields = [label(name, optional=True) for name in dict.fromkeys(r.item_name for r in rows) if name]
    fields += [money(r.amount_printed, r.amount_wan, f"{r.item} {r.measure}") for r in rows if r.amount_printed]
    return fields


def statistic_fields(rows: Sequence[StatisticRow]) -> list[Field]:
    fields: list[Field] = []
    for row in rows:
        fields.append(label(row.item_name))
        if row.row_number:
            fields.append(label(row.row_number, name=False))
        if not row.value_printed:
            continue
        if row.value_unit == WAN:
            fields.append(money(row.value_printed, row.value, row.item_key))
        else:  # a count (车辆, 台套): not an amount, printed as is in every layout
            fields.append(label(row.value_printed, name=False))
    return fields


def budget_line_fields(rows: Sequence[ProjectBudgetLineRow]) -> list[Field]:
    fields: list[Field] = []
    for row in rows:
        if row.funding_source:
            fields.append(label(row.funding_source, name=False))
        for key in ("declared", "initial", "full_year", "executed", "balance"):
            printed, wan = getattr(row, f"{key}_printed"), getattr(row, f"{key}_wan")
            if printed:  # left of the 分值 / 执行率 / 得分 numbers
                fields.append(money(printed, wan, key, from_left=True))
    return fields


FIELD_BUILDERS: dict[type[SeedRow], Callable[[Sequence], list[Field]]] = {
    FunctionAmountRow: function_fields,
    SummaryLineRow: summary_fields,
    EconomicAmountRow: economic_fields,
    ThreePublicRow: three_public_fields,
    StatisticRow: statistic_fields,
    ProjectBudgetLineRow: budget_line_fields,
}


def fields_of(rows: Sequence[SeedRow]) -> list[Field]:
    """The fields of the facts printed on one line (rows of one type, in the order they were emitted)."""
    fields: list[Field] = []
    for row_type in dict.fromkeys(type(r) for r in rows):
        builder = FIELD_BUILDERS.get(row_type)
        if builder is not None:
            fields += builder([r for r in rows if type(r) is row_type])
    return fields


def place(cells: Sequence[str], fields: Sequence[Field], line_no: int = 0) -> tuple[list[Cell], set[int]]:
    """The line's cells with each field's cell rewritten; the indexes of the cells that hold a fact.

    Raises RenderError when a (non-optional) fact is found in no cell of the line."""
    out: list[Cell] = [Text(cell) for cell in cells]
    claimed: set[int] = set()
    for field in [f for f in fields if not f.amount] + [f for f in fields if f.amount]:
        order = range(len(cells)) if field.from_left or not field.amount else range(len(cells) - 1, -1, -1)
        found = next((i for i in order if i not in claimed and cells[i] and field.holds(cells[i])), None)
        if found is None:
            # One cell may print a label for several facts (a budget's 序号 for both sides of a line).
            found = next((i for i in order if i in claimed and field.holds(cells[i]) and not field.amount), None)
        if found is None:
            if field.optional:
                continue
            raise RenderError(f"cannot put back the {field.what} on its line", line_no=line_no)
        out[found] = field.make(cells[found])
        claimed.add(found)
    return out, claimed


def unclaimed_amounts(cells: Sequence[str], claimed: set[int], unit: str) -> dict[int, Money]:
    """Amount cells right of the line's first fact that print no fact (the fund columns of a budget's
    三公 table, which the loaders check but do not keep): written as amounts all the same."""
    if not claimed:
        return {}
    found: dict[int, Money] = {}
    for i in range(min(claimed) + 1, len(cells)):
        if i in claimed or not cells[i]:
            continue
        try:
            amount: Amount = parse_amount(cells[i], unit)
        except AmountError:
            continue
        found[i] = Money(amount.wan, AmountStyle.of(cells[i], unit))
    return found

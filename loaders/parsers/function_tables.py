"""Tables keyed by 功能分类科目: 收入(决算/预算)表, 支出表, 一般公共预算财政拨款支出表, 政府性基金表, 国有资本经营表.

One FunctionAmountRow per (subject line × amount column), including cells printed empty
(amount NULL), so that NULL in the warehouse means "printed empty". The table's 合计 line is
kept with subject_code `total`.

The subject code is printed in one column (`2010301`, `201 03 01`) or in three, one per level under
`类 | 款 | 项`: there a line prints its own level's digits and, often, leaves the levels above it
empty — they are the last 类 / 款 printed above it (`| 03 |` under 类 201 is 20103).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.amounts import Amount, parse_amount
from loaders.codes import function_code
from loaders.document import Line, name_text
from loaders.errors import AmountError, ParseError
from loaders.parsers import register
from loaders.parsers.base import ParseResult, TableContext, quarantine_line
from loaders.parsers.columns import (
    Header,
    Rule,
    assign_by_order,
    is_header_like,
    is_integer,
    is_level_line,
    is_number,
    is_numbering_line,
    is_total,
    overflow,
    pad,
    read_header,
    rules,
)
from loaders.rows import FunctionAmountRow, amount_fields
from loaders.tables import Table

FAMILIES = ("income", "expenditure", "general_budget_expenditure", "government_fund", "state_capital")

# Columns that are not amounts: 序号, 行次, the subject code (or its three levels) and the subject name.
ROLE_RULES = rules(
    ("^类$", "level_1"),
    ("^款$", "level_2"),
    ("^项$", "level_3"),
    ("序号", "serial"),
    ("行次", "row"),
    ("编码|代码", "code"),
    ("名称", "name"),
)
LEVEL_ROLES = ("level_1", "level_2", "level_3")

_TOTAL_BASIC_PROJECT = rules(
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("合计|小计|^本年支出$|金额|决算数|预算数", "total"),
)
MEASURE_RULES: dict[str, tuple[Rule, ...]] = {
    "income": rules(
        ("财政专户", "fiscal_special_account"),
        ("财政拨款", "fiscal_appropriation"),
        ("上级补助", "superior_subsidy"),
        ("附属单位", "subsidiary_remittance"),
        ("经营收入", "operating"),
        ("事业收入", "business"),
        ("其他收入", "other"),
        ("上年结转|结转|结余", "prior_year_carryover"),
        ("小计", "current_year_total"),
        ("合计|金额|决算数|预算数", "total"),
    ),
    "expenditure": rules(
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("上缴上级|上解上级", "remit_to_superior"),
        ("经营支出", "operating"),
        ("附属单位", "subsidy_to_subsidiary"),
        ("合计|小计|^本年支出$|金额|决算数|预算数", "total"),
    ),
    "general_budget_expenditure": _TOTAL_BASIC_PROJECT,
    "state_capital": _TOTAL_BASIC_PROJECT,
    "government_fund": rules(
        ("年初", "opening_balance"),
        ("年末", "closing_balance"),
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("合计|小计", "total"),
        ("本年收入", "income"),
        ("本年支出|金额|决算数|预算数", "total"),
    ),
}
# Known column orders, used only to name columns whose header words are unreadable. A table
# with a single amount column (金额 / 决算数 / 预算数) prints the total.
LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "income": (
        (
            "total",
            "fiscal_appropriation",
            "superior_subsidy",
            "business",
            "operating",
            "subsidiary_remittance",
            "other",
        ),
        (
            "total",
            "current_year_total",
            "fiscal_appropriation",
            "fiscal_special_account",
            "business",
            "operating",
            "superior_subsidy",
            "subsidiary_remittance",
            "other",
            "prior_year_carryover",
        ),
        ("total",),
    ),
    "expenditure": (
        ("total", "basic", "project", "remit_to_superior", "operating", "subsidy_to_subsidiary"),
        ("total", "basic", "project", "operating", "remit_to_superior", "subsidy_to_subsidiary"),
        ("total",),
    ),
    "general_budget_expenditure": (("total", "basic", "project"), ("total",)),
    "state_capital": (("total", "basic", "project"), ("total",)),
    "government_fund": (
        ("opening_balance", "income", "total", "basic", "project", "closing_balance"),
        ("total", "basic", "project"),
        ("total",),
    ),
}

# A code and its name printed in one cell: `2120899 其他国有土地使用权出让收入安排的支出`.
_GLUED_CODE = re.compile(r"^(?P<code>\d{3}(?:\s?\d{2}){0,2})\s*(?P<name>[\u4e00-\u9fff（(].*)$")


@dataclass(frozen=True)
class Columns:
    """Where each part of a data line is printed."""

    width: int
    code: int
    name: int | None
    levels: tuple[int, int, int] | None  # the 类 | 款 | 项 columns of a code printed in three
    numbers: tuple[int, ...]  # 序号 / 行次 columns: row numbers, consumed and not kept
    amounts: tuple[tuple[int, str, str], ...]  # (column, measure, header words)


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Subject:
    code: str  # normalised code, or "total"
    name: str

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Subject) and (self.code, self.name) == (other.code, other.name)

    def __hash__(self) -> int:
        return hash((self.code, self.name))


class LineRejected(Exception):
    """A data line that breaks cell accounting; it is quarantined with this reason."""


def _looks_like_data(cells: list[str]) -> bool:
    if any(function_code(cell) or _GLUED_CODE.match(cell) for cell in cells):
        return True
    # A 合计 line: the word in one of the first columns, nothing but amounts beside it.
    return any(is_total(cell) for cell in cells[:3]) and all(not c or is_total(c) or is_number(c) for c in cells)


def _is_anchor(cells: list[str]) -> bool:
    return any(re.search("编码|代码", cell) for cell in cells) or is_level_line(cells)


def read_columns(header: Header, family: str) -> Columns:
    """Map every printed column to its role or measure; ParseError when the header is not understood."""
    roles: dict[str, list[int]] = {"serial": [], "row": [], "code": [], "name": [], **{r: [] for r in LEVEL_ROLES}}
    unroled: list[int] = []
    for col in range(header.width):
        if not header.exists(col):
            continue
        role = header.classify(col, ROLE_RULES)
        if role is None:
            unroled.append(col)
        else:
            roles[role].append(col)
    levels = _level_columns(roles, header.line_no)
    if levels is not None:
        roles["code"] = [levels[0]]
    if len(roles["code"]) != 1:
        raise ParseError(f"header not understood: {len(roles['code'])} subject code columns", line_no=header.line_no)
    if len(roles["name"]) > 1:
        raise ParseError("header not understood: more than one subject name column", line_no=header.line_no)
    code = roles["code"][0]
    amount_cols = [col for col in unroled if col > code]
    if len(amount_cols) != len(unroled):
        raise ParseError("header not understood: a column left of the subject code", line_no=header.line_no)
    if not amount_cols:
        raise ParseError("header not understood: no amount column", line_no=header.line_no)
    found = [header.classify(col, MEASURE_RULES[family]) for col in amount_cols]
    found = _lone_subtotal_is_total(found)
    measures = assign_by_order(header, amount_cols, found, LAYOUTS[family], "amount")
    return Columns(
        width=header.width,
        code=code,
        name=roles["name"][0] if roles["name"] else None,
        levels=levels,
        numbers=tuple(roles["serial"] + roles["row"]),
        amounts=tuple((col, m, header.label(col)) for col, m in zip(amount_cols, measures, strict=True)),
    )


def _level_columns(roles: dict[str, list[int]], line_no: int) -> tuple[int, int, int] | None:
    """The 类 | 款 | 项 columns, when the code is printed in three; ParseError when they are not three
    adjacent columns in that order, under (or instead of) the one 科目编码 label."""
    found = [roles[role] for role in LEVEL_ROLES]
    if not any(found):
        return None
    if any(len(cols) != 1 for cols in found):
        raise ParseError("header not understood: 类 / 款 / 项 columns incomplete", line_no=line_no)
    first, second, third = (cols[0] for cols in found)
    if (second, third) != (first + 1, first + 2):
        raise ParseError("header not understood: 类 / 款 / 项 are not adjacent columns", line_no=line_no)
    if roles["code"]:
        raise ParseError("header not understood: a subject code column beside 类 / 款 / 项", line_no=line_no)
    return first, second, third


def _lone_subtotal_is_total(found: list[str | None]) -> list[str | None]:
    """An income table's 本年收入 小计 is `current_year_total` beside a 合计 column, the total without one."""
    if "current_year_total" in found and "total" not in found and "prior_year_carryover" not in found:
        return ["total" if value == "current_year_total" else value for value in found]
    return found


# The 类 and 款 codes a line printed with its code in three columns inherits (from the lines above).
Above = tuple[str | None, str | None]
NOTHING_ABOVE: Above = (None, None)
_LEVEL_DIGITS = (re.compile(r"\d{3}"), re.compile(r"\d{2}"), re.compile(r"\d{2}"))


def above_of(code: str, above: Above) -> Above:
    """What the lines below a line with this subject code inherit."""
    if code == "total":
        return above
    return code[:3], code[:5] if len(code) >= 5 else None


def split_code(segments: list[str], above: Above) -> str | None:
    """The code printed in three columns (类 | 款 | 项), the levels left empty taken from `above`;
    None when nothing is printed there. LineRejected when the digits do not make a code."""
    parts = ["".join(segment.split()) for segment in segments]
    if not any(parts):
        return None
    if not parts[1] and not parts[2] and function_code(parts[0]):
        return function_code(parts[0])  # the whole code printed in the 类 column
    for part, pattern in zip(parts, _LEVEL_DIGITS, strict=True):
        if part and not pattern.fullmatch(part):
            raise LineRejected(f"not a subject code: {' | '.join(segments)!r}")
    lei, kuan, xiang = parts
    if xiang and not kuan:
        if lei:
            raise LineRejected(f"项 {xiang} without its 款: {' | '.join(segments)!r}")
        if above[1] is None:
            raise LineRejected(f"项 {xiang} with no 款 above it")
        return above[1] + xiang
    if kuan and not lei:
        if above[0] is None:
            raise LineRejected(f"款 {kuan} with no 类 above it")
        lei = above[0]
    return lei + kuan + xiang


def read_subject(cells: list[str], columns: Columns, above: Above = NOTHING_ABOVE) -> Subject | None:
    """The subject of a data line (code and name), None when the line names none. `above`: the 类 / 款
    the lines above printed, for a code printed in three columns."""
    name_cell = cells[columns.name] if columns.name is not None else ""
    if columns.levels is not None:
        segments = [cells[col] for col in columns.levels]
        if len([s for s in segments if s.strip()]) == 1 and is_total(next(s for s in segments if s.strip())):
            if name_cell and not is_total(name_cell):
                raise LineRejected(f"subject name {name_cell!r} on a 合计 line")
            return Subject("total", next(s for s in segments if s.strip()))
        if is_total(name_cell) and not any(s.strip() for s in segments):
            return Subject("total", name_cell)
        code = split_code(segments, above)
        if code is None:
            if name_cell:
                raise LineRejected(f"subject name {name_cell!r} without a code")
            return None
        if is_total(name_cell):
            raise LineRejected(f"subject code {code} on a 合计 line")
        return Subject(code, name_cell)
    code_cell = cells[columns.code]
    if is_total(code_cell) and not name_cell:
        return Subject("total", code_cell)
    if is_total(name_cell) and not code_cell:
        return Subject("total", name_cell)
    code = function_code(code_cell)
    if code is not None:
        if is_total(name_cell):
            raise LineRejected(f"subject code {code_cell!r} on a 合计 line")
        return Subject(code, name_cell)
    for glued, other in ((code_cell, name_cell), (name_cell, code_cell)):
        found = _GLUED_CODE.match(glued)
        glued_code = function_code(found.group("code")) if found else None
        if found and glued_code and not other:
            return Subject(glued_code, found.group("name"))
    if code_cell:
        raise LineRejected(f"not a subject code: {code_cell!r}")
    if name_cell:
        raise LineRejected(f"subject name {name_cell!r} without a code")
    return None


def read_amounts(cells: list[str], columns: Columns, unit: str) -> list[tuple[str, Amount]]:
    amounts = []
    for col, measure, label in columns.amounts:
        try:
            amounts.append((measure, parse_amount(cells[col], unit)))
        except AmountError:
            raise LineRejected(f"not an amount in column {label!r}: {cells[col]!r}") from None
    return amounts


def parse_line(
    line: Line,
    cells: list[str],
    columns: Columns,
    ctx: TableContext,
    table_name: str,
    above: Above = NOTHING_ABOVE,
) -> list[FunctionAmountRow]:
    """The rows of one data line (`cells`: its cells; `above`: see read_subject); raises LineRejected
    when a cell cannot be accounted for."""
    extra = overflow(cells, columns.width)
    if extra:
        raise LineRejected(f"more cells than header columns: {extra!r}")
    cells = pad(cells, columns.width)
    for col in columns.numbers:
        if cells[col] and not is_integer(cells[col]):
            raise LineRejected(f"not a row number: {cells[col]!r}")
    subject = read_subject(cells, columns, above)
    if subject is not None and subject.code != "total" and not subject.code.startswith("2"):
        # 301 工资福利支出 is an economic code: a table by economic classification read as by function.
        raise LineRejected(f"not a 功能分类 code (they begin with 2): {subject.code}")
    amounts = read_amounts(cells, columns, ctx.unit)
    if subject is None:
        if any(not amount.is_blank for _, amount in amounts):
            raise LineRejected("amounts on a line without a subject code")
        return []
    return [
        FunctionAmountRow(
            document_id=ctx.document_id,
            source_file=ctx.source_file,
            line_no=line.no,
            table_name=table_name,
            subject_code=subject.code,
            subject_name=name_text(subject.name),
            measure=measure,
            **amount_fields(amount),
        )
        for measure, amount in amounts
    ]


def read_table(table: Table) -> tuple[Columns, list[Line]] | None:
    """The column map and the lines below the header; None for a table declared empty with no data
    whose header cannot be read (nothing to lose). ParseError when the header is not understood."""
    try:
        header, body = read_header(table.rows, _is_anchor, _looks_like_data)
        return read_columns(header, table.family), body
    except ParseError:
        if table.declared_empty and not any(_looks_like_data(line.cells) for line in table.rows):
            return None
        raise


def parse(table: Table, ctx: TableContext) -> ParseResult:
    result = ParseResult()
    found = read_table(table)
    if found is None:
        return result
    columns, body = found
    seen: dict[str, int] = {}
    above = NOTHING_ABOVE
    for line in body:
        cells = line.cells
        if not any(cells) or is_numbering_line(cells):
            continue
        try:
            emitted = parse_line(line, cells, columns, ctx, table.family, above)
        except LineRejected as exc:
            if not _looks_like_data(cells) and is_header_like(cells):
                continue  # the header block printed again on a continued page
            result.quarantine.append(quarantine_line(ctx, table, line.no, str(exc), line.text))
            above = NOTHING_ABOVE  # the levels a quarantined line printed are unknown: inherit none
            continue
        if emitted and emitted[0].subject_code in seen:
            code = emitted[0].subject_code
            reason = f"subject {code} printed again (first on line {seen[code]})"
            result.quarantine.append(quarantine_line(ctx, table, line.no, reason, line.text))
            continue
        if emitted:
            seen[emitted[0].subject_code] = line.no
            above = above_of(emitted[0].subject_code, above)
        result.rows.extend(emitted)
    return result


for _family in FAMILIES:
    register(_family, parse)

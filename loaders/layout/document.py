"""All the tables of one document at once: amounts are placed jointly, across tables.

Some columns cannot be told apart inside one table: in a 收入表 every source column is a part of the
total, in a 支出表 every column but 基本支出 plays the same part in every identity, in a 政府性基金表
年初结转 and 本年收入 do. Other tables of the document tell them apart, so the tables printed without
tabs whose rows may need placing (the function tables and the 财政拨款收支总表) are placed in one
constraint problem, with the identities between tables:

- the 收入表's 合计 row, per source column, equals the 收支总表's income line for that source;
- a 财政拨款 table (一般公共预算 / 政府性基金 / 国有资本经营) amount of a subject's 基本支出 or 项目支出 is
  part of the 支出表's amount of that subject and column: the 支出表 amount is not smaller than their sum;
- the 一般公共预算财政拨款支出表's 合计 基本支出 equals the 基本支出表's 合计 (人员经费 + 公用经费);
- the 财政拨款收支总表's fund columns: each class line's amount = that class's 合计 in the fund's table,
  本年支出合计 = that table's 合计; its income lines by fund: the 政府性基金表's 本年收入 and 年初结转.

Tables printed with tabs, and the 收支总表 (one amount column a side, nothing to place), take part as
printed: their parser's facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING

from loaders.layout import columnar, economic, function, summary, three_public
from loaders.layout.assign import Identity, Term, Value, solve
from loaders.layout.audit import with_unplaced
from loaders.layout.body import read_body
from loaders.layout.identities import APPROPRIATION_PARTS, INCOME_FROM_SUMMARY
from loaders.layout.result import Canonical, LayoutError, Problem
from loaders.parsers.economic import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL

if TYPE_CHECKING:
    from loaders.parsers.base import DocumentParses
    from loaders.tables import Table

JOINT = (*function.FAMILIES, "appropriation_summary")
FACT_FAMILIES = (*JOINT, "summary", economic.FAMILY)  # the tables whose facts `known_facts` reads
Item = Term | Value | None | bool  # a cell: to place, known, printed blank, or False: not printed


@dataclass
class Known:
    """Facts of the tables printed as they are (tabs; or nothing to place)."""

    function: dict[tuple[str, str, str], Value | None]  # (table, code, measure) → value (None: blank)
    summary: dict[tuple[str, str, str, str], Value | None]  # (table, side, line_key, fund) → value
    tables: set[str]
    economic: dict[str, Value | None] = field(default_factory=dict)  # 基本支出表 code → amount

    def cell(self, table: str, code: str, measure: str) -> Item:
        key = (table, code, measure)
        return self.function.get(key, False)

    def line(self, table: str, side: str, line_key: str, fund: str) -> Item:
        key = (table, side, line_key, fund)
        return self.summary.get(key, False)


def _value(wan: Decimal | None, unit: Decimal) -> Value | None:
    return None if wan is None else Value(wan, unit)


def known_facts(tables: Sequence[Table], parses: DocumentParses | None = None) -> Known:
    """Run the parsers on the tables taken as printed (the document's parses: the pipeline takes them
    again for the tables' rows)."""
    from loaders.parsers import PARSERS
    from loaders.parsers.base import DocumentParses
    from loaders.rows import EconomicAmountRow, FunctionAmountRow, SummaryLineRow

    parses = parses or DocumentParses()
    known = Known({}, {}, set())
    for table in tables:
        parser = PARSERS.get(table.family)
        if parser is None or table.family not in FACT_FAMILIES:
            continue
        try:
            result = parses.parse(table, parser)
        except Exception:  # a table its parser cannot read brings no facts
            continue
        known.tables.add(table.family)
        for row in result.rows:
            if isinstance(row, FunctionAmountRow):
                value = _value(row.amount_wan, row.rounding_unit_wan)
                known.function[(row.table_name, row.subject_code, row.measure)] = value
            elif isinstance(row, SummaryLineRow):
                value = _value(row.amount_wan, row.rounding_unit_wan)
                known.summary[(row.table_name, row.side, row.line_key, row.fund)] = value
            elif isinstance(row, EconomicAmountRow) and row.measure == "amount":
                known.economic[row.economic_code] = _value(row.amount_wan, row.rounding_unit_wan)
    return known


@dataclass
class Joint:
    """The prepared tables of the joint problem, by family."""

    functions: dict[str, function.Prepared]
    appropriation: summary.Prepared | None
    known: Known

    def function_cell(self, family: str, code: str, measure: str) -> Item:
        table = self.functions.get(family)
        if table is not None:
            term = table.cell_term(code, measure)
            return term if term is not None else False
        return self.known.cell(family, code, measure)

    def printed(self, family: str) -> bool:
        return family in self.functions or family in self.known.tables


def combine(name: str, items: Sequence[tuple[int, Item]], at_least: bool = False) -> Identity | None:
    """Σ sign × item (= 0, or ≥ 0): terms stay terms, known values add into the constant, blanks count 0.
    None when an item is not printed (False), or no term is left to place."""
    terms: list[Term] = []
    constant = Decimal(0)
    unit = Decimal(0)
    for sign, item in items:
        if item is False:
            return None
        if isinstance(item, Term):
            terms.append(Term(sign * item.coefficient, item.row, item.column))
        elif isinstance(item, Value):
            constant += sign * item.wan
            unit += item.unit
    if not terms:
        return None
    return Identity(name, tuple(terms), Value(constant, unit), at_least, group=name.split(" ")[0])


def _expenditure_parts(joint: Joint) -> list[Identity]:
    """支出表 amount ≥ Σ the same subject's amount in the 财政拨款 tables (基本支出, 项目支出): whichever of
    them is printed without tabs, the others as printed."""
    codes: set[str] = set()
    for family in ("expenditure", *APPROPRIATION_PARTS):
        table = joint.functions.get(family)
        if table is not None:
            codes.update(row.key for row in table.solvable())
    if "expenditure" not in joint.functions and not any(f in joint.functions for f in APPROPRIATION_PARTS):
        return []
    found: list[Identity] = []
    for code in sorted(codes):
        for measure in ("basic", "project"):
            whole = joint.function_cell("expenditure", code, measure)
            if whole is False:
                continue  # not printed (a blank cell counts: nothing of it is in the parts either)
            parts = [(-1, joint.function_cell(f, code, measure)) for f in APPROPRIATION_PARTS]
            parts = [(sign, part) for sign, part in parts if part is not False]
            if not any(isinstance(part, Term | Value) for _, part in parts):
                continue
            identity = combine(f"支出表 {code} {measure} ≥ its 财政拨款 parts", [(1, whole), *parts], True)
            if identity is not None:
                found.append(identity)
    return found


def _income_from_summary(joint: Joint) -> list[Identity]:
    """收入表 合计 row per source = the 收支总表's income lines for that source."""
    income = joint.functions.get("income")
    if income is None:
        return []
    found: list[Identity] = []
    for measure, keys in INCOME_FROM_SUMMARY.items():
        cell = income.cell_term("total", measure)
        lines = [joint.known.line("summary", "income", key, "total") for key in keys]
        lines = [line for line in lines if line is not False]
        if cell is None or not lines:
            continue
        identity = combine(f"收入表 合计 {measure} = 收支总表", [(1, cell), *((-1, line) for line in lines)])
        if identity is not None:
            found.append(identity)
    return found


def _basic_from_economic(joint: Joint) -> list[Identity]:
    """一般公共预算财政拨款支出表 合计 基本支出 = the 基本支出表's 合计 (人员经费合计 + 公用经费合计 when its
    合计 amount is not printed): the same total, printed by subject in one table, by economic code in the
    other."""
    table = joint.functions.get(summary.FUND_TABLES["general_budget"])
    cell = table.cell_term("total", "basic") if table is not None else None
    economic = joint.known.economic
    if table is None or cell is None:
        return []
    if TOTAL in economic:
        parts = [economic[TOTAL]]
    elif PERSONNEL_TOTAL in economic and PUBLIC_TOTAL in economic:
        parts = [economic[PERSONNEL_TOTAL], economic[PUBLIC_TOTAL]]
    else:
        return []
    identity = combine(f"{table.family} 合计 basic = 基本支出表 合计", [(1, cell), *((-1, part) for part in parts)])
    return [identity] if identity is not None else []


def _before_income_total(table: summary.Prepared, key: str) -> bool:
    """The income line read as this key is the year's: numbered (二、政府性基金预算财政拨款), or standing
    before the 本年收入合计 line. The fund's part of 年初财政拨款结转和结余 prints the same name unnumbered
    (政府性基金预算财政拨款): with 本年收入合计 not read (wrapped over cells), it cannot be told apart."""
    halves = [half for line in table.lines if (half := line.halves.get(summary.INCOME)) is not None]
    keys = [half.key for half in halves]
    if key not in keys:
        return False
    name = halves[keys.index(key)].name
    numbered = name is not None and summary.numeral(name.squashed) is not None
    return numbered or "income_total" in keys[keys.index(key) :]


def _appropriation_funds(joint: Joint) -> list[Identity]:
    """财政拨款收支总表 fund columns = the fund tables' 合计 by class; fund income lines = 政府性基金表."""
    table = joint.appropriation
    found: list[Identity] = []
    if table is not None:
        keys = [h.key for h in table.placeable() if h.key and (h.key.isdigit() or h.key == "expenditure_total")]
        for fund, family in summary.FUND_TABLES.items():
            if fund not in table.columns.funds or not joint.printed(family):
                continue
            for key in keys:
                code = "total" if key == "expenditure_total" else key
                other = joint.function_cell(family, code, "total")
                if other is False and family in joint.functions and joint.functions[family].absent(code):
                    other = None  # the fund's table prints no such class: nothing of it in this fund
                term = table.cell_term(key, fund)
                identity = combine(f"财政拨款收支总表 {key} {fund} = {family} {code}", [(1, term), (-1, other)])
                if term is not None and identity is not None:
                    found.append(identity)
    fund_table = joint.functions.get("government_fund")
    if fund_table is not None:
        for measure, key in (
            ("income", "government_fund_appropriation"),
            ("opening_balance", "opening_balance_government_fund"),
        ):
            cell = fund_table.cell_term("total", measure)
            line = (
                (table.income_value(key) if measure != "income" or _before_income_total(table, key) else False)
                if table is not None
                else joint.known.line("appropriation_summary", "income", key, "total")
            )
            identity = (
                combine(f"政府性基金表 合计 {measure} = 财政拨款收支总表", [(1, cell), (-1, line)]) if cell else None
            )
            if identity is not None:
                found.append(identity)
    return found


Prepared = function.Prepared | summary.Prepared | economic.Prepared | three_public.Prepared


def _module(family: str) -> ModuleType | None:
    """The module that reads a family's tables with the whole document; None for the other families.
    (A function, not a table built on import: mypyc cannot type summary.FAMILIES there, in the cycle
    of imports between the layout modules.)"""
    if family in function.FAMILIES:
        return function
    if family in summary.FAMILIES:
        return summary
    if family == economic.FAMILY:
        return economic
    if family == three_public.FAMILY:
        return three_public
    return None


def _prepare(table: Table, widths: set[int] | None, names: dict[str, set[str]] | None = None) -> Prepared | Canonical:
    """A table read from its text, or its Canonical when there is nothing to read or it cannot be read."""
    try:
        by_columns = table.family in function.FAMILIES
        rebuilt = columnar.rebuild(table.lines, table.family, table.title) if by_columns else None
        body = read_body(rebuilt.lines if rebuilt is not None else table.lines, table.title)
        if not body.lines:
            return Canonical()
        if names is not None or rebuilt is not None:
            allowed = rebuilt.allowed if rebuilt is not None else None
            return function.prepare(table.family, body, table.unit, table.title_line, widths, names, allowed)
        module = _module(table.family)
        assert module is not None  # (only the tables of these families are prepared)
        return module.prepare(table.family, body, table.unit, table.title_line, widths)
    except LayoutError as exc:
        text = next((line.text for line in table.lines if line.no == exc.line_no), table.title)
        return Canonical(error=Problem(exc.line_no, exc.reason, text))
    except Exception as exc:  # a bug on one table must not take the others down
        return Canonical(error=Problem(table.title_line, f"layout failure ({type(exc).__name__}: {exc})", table.title))


def _document_widths(prepared: dict[int, Prepared | Canonical]) -> set[int]:
    """The width(s) the most tables' wrapped names are best explained by: a document is usually cut at
    one width (see loaders.layout.names.Fragments.choose for how a table uses it)."""
    sets = [p.widths for p in prepared.values() if not isinstance(p, Canonical) and p.widths]
    votes = Counter(w for found in sets for w in found)
    if not votes:
        return set()
    best = max(votes.values())
    return {w for w, count in votes.items() if count == best}


def prepare_all(tables: Sequence[Table]) -> dict[int, Prepared | Canonical]:
    """Every table read from its text. Wrapped names are read again with what the whole document says:
    the one width names are cut at, and the names other tables print for the same codes (for a table
    left with lines it could not read, or naming a code otherwise; in NAME_ROUNDS rounds, a table read
    again when the names the others print have changed since)."""
    prepared = {t.title_line: _prepare(t, None) for t in tables}
    widths = _document_widths(prepared)
    if widths:
        for table in tables:
            first = prepared[table.title_line]
            if not isinstance(first, Canonical) and first.widths and first.widths != widths:
                prepared[table.title_line] = _prepare(table, widths)
    used: dict[int, dict[str, set[str]]] = {}
    for _ in range(NAME_ROUNDS):
        read_names = {k: p.names() for k, p in prepared.items() if isinstance(p, function.Prepared)}
        for table in tables:
            current = prepared[table.title_line]
            if not isinstance(current, function.Prepared):
                continue
            # a table with lines it could not read (a piece, amounts without a code), or naming a code
            # otherwise than the other tables do (a wrapped name put together wrong), reads them again
            # with the names the other tables print for its codes
            names = names_elsewhere(read_names, table.title_line)
            named_otherwise = any(
                code in names and not found <= names[code] for code, found in read_names[table.title_line].items()
            )
            if (current.unsure or current.problems or named_otherwise) and used.get(table.title_line) != names:
                used[table.title_line] = names
                prepared[table.title_line] = _prepare(table, widths or None, names)
    return prepared


# Rounds of reading tables again with the names the others print: a table read again in the first round
# may name its codes right only then (a name another table's first reading put together wrong, which
# the other tables' names corrected), and vouch for them in the second.
NAME_ROUNDS = 2


def names_elsewhere(read_names: dict[int, dict[str, set[str]]], title_line: int) -> dict[str, set[str]]:
    """The names the document's other tables print for each code (tables by title line): a table's own
    first reading is what is in doubt, so it does not vouch for itself."""
    names: dict[str, set[str]] = {}
    for other, found in read_names.items():
        if other != title_line:
            for code, printed in found.items():
                names.setdefault(code, set()).update(printed)
    return names


def canonicalise_tables(tables: Sequence[Table], parses: DocumentParses | None = None) -> list[Table]:
    """Every table of a document, those printed without tabs with their canonical lines."""
    from loaders.layout import needs_layout

    pending = [t for t in tables if _module(t.family) is not None and t.canonical is None and needs_layout(t.lines)]
    alone = [t for t in tables if _module(t.family) is None and t.canonical is None and needs_layout(t.lines)]
    if not pending and not alone:
        return list(tables)
    try:
        placed = _canonicalise(tables, pending, alone, parses)
        for table in [*pending, *alone]:
            # the 三公 row layout leaves its fund columns out on purpose (not facts)
            if table.title_line in placed and table.family != three_public.FAMILY:
                placed[table.title_line] = with_unplaced(table.lines, table.title, placed[table.title_line])
    except Exception as exc:  # never let a traceback out: the tables are quarantined with the reason
        reason = f"layout failure ({type(exc).__name__}: {exc})"
        placed = {t.title_line: Canonical(error=Problem(t.title_line, reason, t.title)) for t in [*pending, *alone]}
    return [replace(t, canonical=placed[t.title_line]) if t.title_line in placed else t for t in tables]


def _canonicalise(
    tables: Sequence[Table], pending: Sequence[Table], alone: Sequence[Table], parses: DocumentParses | None
) -> dict[int, Canonical]:
    from loaders.layout import canonicalise_table

    prepared = prepare_all(pending)
    widths = _document_widths(prepared)
    out: dict[int, Canonical] = {k: p for k, p in prepared.items() if isinstance(p, Canonical)}
    for table in alone:
        canonical = canonicalise_table(table.family, table.title, table.title_line, table.unit, table.lines, widths)
        if canonical is not None:
            out[table.title_line] = canonical
    ready = {k: p for k, p in prepared.items() if not isinstance(p, Canonical)}
    # Tables solved alone: the 收支总表 (nothing to place) and the 基本支出表.
    for title_line, read in ready.items():
        if isinstance(read, economic.Prepared):
            out[title_line] = read.emit(solve(read.solver_rows(), read.identities()))
        elif isinstance(read, summary.Prepared) and read.family == "summary":
            out[title_line] = read.emit(None)
    fixed = [
        replace(t, canonical=out[t.title_line]) if t.title_line in out else t
        for t in tables
        if t.title_line not in ready or t.title_line in out
    ]
    known = known_facts(fixed, parses)
    for title_line, read in ready.items():
        if isinstance(read, three_public.Prepared):
            out[title_line] = read.emit(solve(read.solver_rows(), read.identities(known.economic)))
    # What is left: the function tables and the 财政拨款收支总表 (the other kinds were all emitted above).
    joint: dict[int, function.Prepared | summary.Prepared] = {
        k: p for k, p in ready.items() if k not in out and isinstance(p, function.Prepared | summary.Prepared)
    }
    functions = {p.family: p for p in joint.values() if isinstance(p, function.Prepared)}
    appropriation = next((p for p in joint.values() if isinstance(p, summary.Prepared)), None)
    problem = Joint(functions, appropriation, known)
    rows = [row for p in joint.values() for row in p.solver_rows()]
    identities = [identity for p in joint.values() for identity in p.identities()]
    identities += _expenditure_parts(problem) + _income_from_summary(problem) + _appropriation_funds(problem)
    identities += _basic_from_economic(problem)
    outcome = solve(rows, identities)
    for title_line, read in joint.items():
        out[title_line] = read.emit(outcome)
    return out

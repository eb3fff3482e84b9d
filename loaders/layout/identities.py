"""The accounting identities of each table family, in one place, by column meaning (measure).

Row identities hold on every line of a table: a total column equals the sum of its parts. A part the
table does not print is left out; an intermediate total it does not print (an income table without a
本年收入小计 column) is replaced by its own parts. An identity applies when its total column and at
least one part are printed.

Hierarchy (each parent = Σ its children, per column) holds in the tables keyed by subject code: see
`function_parent` / `economic_parent`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

Equation = tuple[tuple[int, str], ...]  # Σ coefficient × measure = 0

INCOME_SOURCES = (
    "fiscal_appropriation",
    "fiscal_special_account",
    "superior_subsidy",
    "business",
    "operating",
    "subsidiary_remittance",
    "other",
)
EXPENDITURE_PARTS = ("basic", "project", "remit_to_superior", "operating", "subsidy_to_subsidiary")

# total measure → its parts (sign, measure), per family.
ROW_IDENTITIES: dict[str, dict[str, tuple[tuple[int, str], ...]]] = {
    "income": {
        "total": ((1, "current_year_total"), (1, "prior_year_carryover")),
        "current_year_total": tuple((1, m) for m in INCOME_SOURCES),
    },
    "expenditure": {"total": tuple((1, m) for m in EXPENDITURE_PARTS)},
    "general_budget_expenditure": {"total": ((1, "basic"), (1, "project"))},
    "state_capital": {"total": ((1, "basic"), (1, "project"))},
    "government_fund": {
        "total": ((1, "basic"), (1, "project")),
        "closing_balance": ((1, "opening_balance"), (1, "income"), (-1, "total")),
    },
    # The expenditure side of a 财政拨款收支总表: 合计 = the three funds.
    "appropriation_expenditure": {"total": ((1, "general_budget"), (1, "government_fund"), (1, "state_capital"))},
    # A budget's 基本支出表: 合计 = 人员经费 + 公用经费.
    "basic_economic_budget": {"amount": ((1, "personnel"), (1, "public"))},
    # Each half of the 三公经费 table: 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行.
    "three_public": {
        "total": ((1, "overseas_travel"), (1, "vehicle_total"), (1, "reception")),
        "vehicle_total": ((1, "vehicle_purchase"), (1, "vehicle_operation")),
    },
}


def _expand(
    sign: int, measure: str, printed: Collection[str], definitions: Mapping[str, Sequence[tuple[int, str]]]
) -> list[tuple[int, str]]:
    if measure in printed:
        return [(sign, measure)]
    return [term for s, m in definitions.get(measure, ()) for term in _expand(sign * s, m, printed, definitions)]


def row_equations(family: str, printed: Collection[str]) -> list[Equation]:
    """The row identities of a family that apply to a table printing the given measures."""
    definitions = ROW_IDENTITIES.get(family, {})
    equations: list[Equation] = []
    for total, parts in definitions.items():
        if total not in printed:
            continue
        terms = [term for sign, measure in parts for term in _expand(sign, measure, printed, definitions)]
        if terms:
            equations.append(((1, total), *((-sign, measure) for sign, measure in terms)))
    return equations


def function_parent(code: str) -> str | None:
    """The row a 功能分类 subject adds up into: 2080501 → 20805 → 208 → the table's 合计 (`total`)."""
    if code == "total":
        return None
    return code[:-2] if len(code) > 3 else "total"


def economic_parent(code: str) -> str | None:
    """30101 → 301; a 类 adds up into nothing printed (the subtotals are by 人员/公用经费)."""
    return code[:-2] if len(code) == 5 else None


# --- between tables --------------------------------------------------------------------------------

# The 财政拨款 tables whose 基本支出 / 项目支出 amounts are parts of the 支出表's, subject by subject.
APPROPRIATION_PARTS = ("general_budget_expenditure", "government_fund", "state_capital")
# A 收入表 合计 row's source column = the 收支总表's income line(s) for that source.
INCOME_FROM_SUMMARY: dict[str, tuple[str, ...]] = {
    "fiscal_appropriation": (
        "general_budget_appropriation",
        "government_fund_appropriation",
        "state_capital_appropriation",
    ),
    "fiscal_special_account": ("fiscal_special_account",),
    "superior_subsidy": ("superior_subsidy",),
    "business": ("business",),
    "operating": ("operating",),
    "subsidiary_remittance": ("subsidiary_remittance",),
    "other": ("other",),
}

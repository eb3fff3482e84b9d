"""The two-sided summary tables printed without tabs."""

from __future__ import annotations

from decimal import Decimal

from loaders.rows import SummaryLineRow
from tests.loaders.layout.helpers import facts, fixture_text, one_cell_per_line, parse, spaced, table

LIAOCHENG = "summary_000_final.txt"
QINGLONG = "summary_003_budget.txt"
LIAOCHENG_APPROPRIATION = "appropriation_summary_000_final.txt"


def lines(result) -> dict[tuple[str, str, str], SummaryLineRow]:
    return {(r.side, r.line_key, r.fund): r for r in result.rows if isinstance(r, SummaryLineRow)}


def same_facts(name: str, layout, stage: str = "final") -> None:
    text = fixture_text(name)
    family = "appropriation_summary" if name.startswith("appropriation") else "summary"
    original = parse(table(text, family), stage)
    result = parse(table(layout(text), family), stage)
    assert facts(result.rows, SummaryLineRow) == facts(original.rows, SummaryLineRow)
    assert result.quarantine == original.quarantine == []


def test_halves_with_row_numbers_in_the_space_and_cell_layouts():
    same_facts(LIAOCHENG, spaced)
    same_facts(LIAOCHENG, one_cell_per_line)


def test_a_half_with_no_name_is_told_by_its_row_number():
    # `9  九、卫生健康支出  40  91.10`: 9 is the income side's row number, its name and amount blank
    result = parse(table(spaced(fixture_text(LIAOCHENG)), "summary"))
    health = lines(result)[("expenditure", "210", "total")]
    assert (health.row_number, health.amount_wan) == ("40", Decimal("91.10"))
    assert ("income", "", "total") not in lines(result)


def test_budget_lines_with_a_serial_and_a_number_printed_in_a_name():
    # 003: `32 本年收入合计 707. 31 31 本年支出合计` — 31 is printed in the expenditure name's cell
    same_facts(QINGLONG, spaced, "budget")
    same_facts(QINGLONG, one_cell_per_line, "budget")
    result = parse(table(spaced(fixture_text(QINGLONG)), "summary"), "budget")
    total = lines(result)[("expenditure", "expenditure_total", "total")]
    assert (total.line_name, total.amount_wan) == ("31 本年支出合计", None)


def test_the_appropriation_summarys_fund_columns_are_placed_by_its_identities():
    # per fund: income + 年初结转 = 本年支出合计 + 年末结转; 本年支出合计 = Σ class lines
    same_facts(LIAOCHENG_APPROPRIATION, spaced)
    result = parse(table(spaced(fixture_text(LIAOCHENG_APPROPRIATION)), "appropriation_summary"))
    found = lines(result)
    assert found[("expenditure", "212", "government_fund")].amount_wan == Decimal("256.92")
    assert found[("expenditure", "212", "general_budget")].amount_wan is None
    assert found[("expenditure", "expenditure_total", "state_capital")].amount_wan is None

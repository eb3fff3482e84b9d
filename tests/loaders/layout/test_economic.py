"""The 基本支出明细表 printed without tabs: side-by-side groups, and the budget layout's placement."""

from __future__ import annotations

from decimal import Decimal

from loaders.layout.economic import subject_names
from loaders.rows import EconomicAmountRow
from tests.loaders.layout.helpers import facts, fixture_text, one_cell_per_line, parse, spaced, table

LIAOCHENG = "basic_economic_000_final_3_groups.txt"
FENYANG = "basic_economic_001_final_4_groups.txt"
QINGLONG = "basic_economic_003_budget.txt"


def amounts(result) -> dict[tuple[str, str], Decimal | None]:
    return {(r.economic_code, r.measure): r.amount_wan for r in result.rows if isinstance(r, EconomicAmountRow)}


def check(name: str, layout, stage: str = "final") -> dict[tuple[str, str], Decimal | None]:
    text = fixture_text(name)
    original = parse(table(text, "basic_economic"), stage)
    result = parse(table(layout(text), "basic_economic"), stage)
    assert facts(result.rows, EconomicAmountRow) == facts(original.rows, EconomicAmountRow)
    assert result.quarantine == []
    return amounts(result)


def test_three_and_four_side_by_side_groups():
    found = check(LIAOCHENG, spaced)
    assert found[("30106", "amount")] is None  # printed empty
    assert found[("personnel_total", "amount")] == Decimal("2083.42")
    assert found[("public_total", "amount")] == Decimal("152.83")
    check(FENYANG, spaced)
    check(LIAOCHENG, one_cell_per_line)


def test_the_budget_layout_places_personnel_and_public_by_the_hierarchy():
    # `2 301 工资福利支出 453.37 453. 37`: 人员经费 or 公用经费? 合计 row and 类 = Σ 款 decide
    found = check(QINGLONG, spaced, "budget")
    assert (found[("301", "personnel")], found[("301", "public")]) == (Decimal("453.37"), None)
    assert (found[("30201", "personnel")], found[("30201", "public")]) == (None, Decimal("19.00"))
    check(QINGLONG, one_cell_per_line, "budget")


def test_standard_names_for_wrapped_names():
    assert "维修(护)费" in subject_names()["30213"]
    assert {"房屋建筑物购建", "房屋建筑物构建"} <= subject_names()["31001"]

"""The 相关信息统计表 printed without tabs."""

from __future__ import annotations

from decimal import Decimal

from loaders.document import Line
from loaders.layout.statistics import _item
from loaders.layout.text import line_cells
from loaders.rows import StatisticRow
from tests.loaders.layout.helpers import facts, fixture_text, one_cell_per_line, parse, spaced, table

FENYANG = "statistics_001_final.txt"


def test_the_table_in_the_space_and_cell_layouts():
    text = fixture_text(FENYANG)
    original = parse(table(text, "statistics"))
    for layout in (spaced, one_cell_per_line):
        result = parse(table(layout(text), "statistics"))
        assert facts(result.rows, StatisticRow) == facts(original.rows, StatisticRow)
        assert result.quarantine == []
    values = {r.item_key: (r.row_number, r.value) for r in parse(table(spaced(text), "statistics")).rows}
    assert values["procurement_works"] == ("3", None)  # `工程 3`: the 行次, value printed empty
    assert values["vehicles_total"] == ("7", Decimal("2"))


def test_a_lone_integer_is_the_row_number_when_it_runs_on_from_the_last_one():
    assert _item(line_cells(Line(1, "工程 3")), 2) == (["工程", "3", ""], 3)
    assert _item(line_cells(Line(1, "(二) 单价100万元(含)以上设备 17")), 15) == (
        ["(二) 单价100万元(含)以上设备", "17", ""],
        17,
    )
    assert _item(line_cells(Line(1, "8. 其他用车 1")), 15) == (["8. 其他用车", "", "1"], 15)

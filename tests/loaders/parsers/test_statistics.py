"""The 部门决算公开相关信息统计表 (公开10) parser, on the table cut from 汾阳市's final account."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.document import SourceDocument, name_text, parse_document
from loaders.errors import ParseError
from loaders.parsers.base import ParseResult
from loaders.parsers.statistics import item_of, parse
from loaders.rows import StatisticRow
from tests.conftest import FIXTURES, fixture_document
from tests.loaders.parsers.helpers import parse_only_table, variant

FENYANG = "statistics_001_final.txt"


def _parse_doc(doc: SourceDocument) -> ParseResult:
    return parse_only_table(doc, parse, lambda family: family == "statistics")


def _variant(old: str, new: str) -> SourceDocument:
    return variant(FENYANG, old, new)


def _by_key(result: ParseResult) -> dict[str, StatisticRow]:
    rows: dict[str, StatisticRow] = {}
    for row in result.rows:
        assert isinstance(row, StatisticRow)
        assert row.item_key not in rows
        rows[row.item_key] = row
    return rows


def test_procurement_and_operating_cost_in_wan():
    result = _parse_doc(fixture_document(FENYANG))
    assert result.quarantine == []
    rows = _by_key(result)
    assert rows["procurement_total"].value == Decimal("72.40")
    assert rows["procurement_total"].row_number == "1"
    assert rows["procurement_goods"].value == Decimal("6.60")
    assert rows["procurement_works"].value is None  # printed blank
    assert rows["procurement_works"].value_printed == ""
    assert rows["procurement_services"].value == Decimal("65.80")
    assert rows["operating_cost_administrative"].value == Decimal("21.97")
    assert rows["operating_cost_administrative"].item_name == "(一)行政单位"  # printed `(一) 行政单位`
    assert rows["operating_cost_administrative"].row_number == "5"  # 行次 column from the first header
    assert rows["operating_cost_civil_service_managed"].value == Decimal("14.44")
    assert "operating_cost_total" not in rows  # not printed
    for key in ("procurement_total", "operating_cost_administrative"):
        assert rows[key].value_unit == "万元"
        assert rows[key].rounding_unit == Decimal("0.01")
    assert {rows[k].section for k in ("procurement_goods", "operating_cost_civil_service_managed")} == {
        "procurement",
        "operating_cost",
    }


def test_vehicles_and_equipment_are_counts():
    rows = _by_key(_parse_doc(fixture_document(FENYANG)))
    assert rows["vehicles_total"].value == Decimal(2)
    assert rows["vehicles_total"].value_unit == "辆"
    assert rows["vehicles_total"].rounding_unit == Decimal(1)
    assert rows["vehicles_total"].section == "assets"
    assert rows["vehicles_confidential_communication"].value == Decimal(1)
    assert rows["vehicles_other"].value == Decimal(1)
    assert rows["vehicles_other"].item_name == "8. 其他用车"
    assert rows["vehicles_law_enforcement"].value is None
    assert rows["equipment_over_1m"].value is None
    assert rows["equipment_over_1m"].value_unit == "台(套)"
    assert rows["equipment_over_1m"].row_number == "17"
    assert len(rows) == 16


def test_rows_point_at_their_printed_line():
    doc = fixture_document(FENYANG)
    lines = {line.no: line for line in doc.lines}
    for row in _parse_doc(doc).rows:
        assert row.source_file == FENYANG
        assert name_text(lines[row.line_no].cells[0]) == row.item_name
        assert row.value_printed in lines[row.line_no].cells
    assert _by_key(_parse_doc(doc))["procurement_total"].line_no == 13


def test_unknown_item_is_quarantined_and_the_rest_loads():
    result = _parse_doc(_variant("货物\t2\t6.60", "其他采购\t2\t6.60"))
    [quarantined] = result.quarantine
    assert quarantined.line_no == 14
    assert "unknown procurement item" in quarantined.reason
    assert quarantined.family == "statistics"
    rows = _by_key(result)
    assert "procurement_goods" not in rows
    assert rows["procurement_services"].value == Decimal("65.80")
    assert len(rows) == 15


def test_bad_value_and_extra_cell_are_quarantined():
    result = _parse_doc(_variant("8. 其他用车\t15\t1", "8. 其他用车\t15\t一辆"))
    [quarantined] = result.quarantine
    assert "not a count" in quarantined.reason
    assert "vehicles_other" not in _by_key(result)

    result = _parse_doc(_variant("服务\t4\t65.80", "服务\t4\t65.80\t1.00"))
    [quarantined] = result.quarantine
    assert "unexpected cell" in quarantined.reason


def test_amounts_follow_the_table_unit_but_counts_do_not():
    rows = _by_key(_parse_doc(_variant("金额单位：万元", "金额单位：元")))
    assert rows["procurement_total"].value == Decimal("0.00724")
    assert rows["procurement_total"].rounding_unit == Decimal("0.000001")
    assert rows["vehicles_total"].value == Decimal(2)


def test_a_table_without_a_header_is_not_loaded():
    text = (FIXTURES / FENYANG).read_text(encoding="utf-8").replace("项目", "")
    with pytest.raises(ParseError):
        _parse_doc(parse_document(text.encode("utf-8"), FENYANG))


def test_item_words():
    assert item_of("assets", "(一) 车辆数合计(辆)") == ("vehicles_total", "辆")
    assert item_of("assets", "1. 副部(省)级及以上领导用车") == ("vehicles_vice_ministerial_and_above", "辆")
    assert item_of("assets", "(二) 单价100万元(含)以上设备(不含车辆)") == ("equipment_over_1m", "台(套)")
    assert item_of("operating_cost", "(二) 参照公务员法管理事业单位") == (
        "operating_cost_civil_service_managed",
        "万元",
    )
    assert item_of("operating_cost", "合计") == ("operating_cost_total", "万元")
    assert item_of("procurement", "货物") == ("procurement_goods", "万元")
    assert item_of("procurement", "其他用车") is None  # items belong to their section


def test_an_unnamed_column_between_item_and_value_is_the_row_number():
    result = _parse_doc(_variant("项目\t行次\t统计数", "项目\t\t统计数"))
    assert result.quarantine == []
    assert _by_key(result)["procurement_goods"].row_number == "2"

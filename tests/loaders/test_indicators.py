"""Printed indicator values → operator, number, unit, kind (loaders.indicators)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.indicators import DEADLINE, EMPTY, QUALITATIVE, QUANTITY, parse_indicator


@pytest.mark.parametrize(
    ("printed", "operator", "value", "unit", "value_wan"),
    [
        ("≥95%", ">=", "95", "%", None),
        ("≤0.97万元", "<=", "0.97", "万元", "0.97"),
        ("=130000元", "=", "130000", "元", "13"),
        ("=129999.8元", "=", "129999.8", "元", "12.99998"),
        ("=0元", "=", "0", "元", "0"),
        ("≪800 元/人", "<=", "800", "元/人", None),  # OCR ≪ for ≤
        ("大于90%", ">", "90", "%", None),
        ("等于2家", "=", "2", "家", None),
        ("≥ 5 台", ">=", "5", "台", None),
        ("≥95 百分比", ">=", "95", "%", None),
        ("≤28 万元/年", "<=", "28", "万元/年", "28"),
        ("=1000元/天/人", "=", "1000", "元/天/人", None),
        ("≥1700m ²", ">=", "1700", "平方米", None),
        ("12万件次", None, "12", "万件次", None),
        ("6200", None, "6200", None, None),
        ("58.39万元", None, "58.39", "万元", "58.39"),
        ("-28.57%", None, "-28.57", "%", None),
        ("<300 元/家", "<", "300", "元/家", None),
        (">5%", ">", "5", "%", None),
        ("1.5GB", None, "1.5", "GB", None),
    ],
)
def test_quantities(printed: str, operator: str | None, value: str, unit: str | None, value_wan: str | None) -> None:
    parsed = parse_indicator(printed)
    assert parsed.kind == QUANTITY
    assert parsed.operator == operator
    assert parsed.value == Decimal(value)
    assert parsed.unit == unit
    assert parsed.value_wan == (Decimal(value_wan) if value_wan is not None else None)


def test_ocr_junk_unit_is_not_a_unit() -> None:
    parsed = parse_indicator("≥1200 ↑")  # 个 misread as ↑
    assert (parsed.kind, parsed.operator, parsed.value) == (QUANTITY, ">=", Decimal(1200))
    assert parsed.unit is None
    assert parsed.unit_printed == "↑"


@pytest.mark.parametrize(
    ("printed", "text"),
    [
        ("提高", "提高"),
        ("达成预期指标", "达成预期指标"),
        ("文字描述:优化", "优化"),
        ("文字描述：减少纸张浪费", "减少纸张浪费"),
        ("按合同支付", "按合同支付"),
        ("一年一次", "一年一次"),
    ],
)
def test_qualitative(printed: str, text: str) -> None:
    parsed = parse_indicator(printed)
    assert parsed.kind == QUALITATIVE
    assert parsed.is_qualitative
    assert parsed.qualitative_text == text
    assert parsed.value is None


@pytest.mark.parametrize(
    "printed", ["12月31日前", "2023 年底前", "11月9日前", "合同签订后10个工作日内", "一小时内", "12月27日"]
)
def test_deadlines_are_not_numbers(printed: str) -> None:
    parsed = parse_indicator(printed)
    assert parsed.kind == DEADLINE
    assert parsed.value is None
    assert parsed.qualitative_text == printed


def test_a_duration_is_a_quantity() -> None:
    parsed = parse_indicator("=12月")
    assert (parsed.kind, parsed.value, parsed.unit) == (QUANTITY, Decimal(12), "月")


def test_empty() -> None:
    assert parse_indicator("").kind == EMPTY
    assert parse_indicator("  ").kind == EMPTY

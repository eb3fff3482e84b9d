"""The tidy rows the parsers produce; one dataclass per seed. Field order is CSV column order.

Every row carries its provenance: `source_file` and `line_no` (1-based line of the
document's extracted text). Amounts are exact Decimals in 万元 (None = printed empty),
with the text as printed and the unit of the last printed digit (for rounding tolerance).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import ClassVar

from loaders.amounts import Amount


@dataclass(frozen=True)
class SeedRow:
    seed: ClassVar[str] = ""
    # Columns that identify a row; seeds are sorted by them and tests assert they are unique.
    key: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def columns(cls) -> list[str]:
        return [f.name for f in fields(cls)]


@dataclass(frozen=True)
class DocumentRow(SeedRow):
    """One loaded document with the metadata detected from its text."""

    seed: ClassVar[str] = "raw_documents"
    key: ClassVar[tuple[str, ...]] = ("document_id",)
    document_id: str
    source_file: str
    sha256: str
    department_name: str | None
    region_name: str | None
    province: str | None
    fiscal_year: int | None
    stage: str
    unit: str
    line_count: int


@dataclass(frozen=True)
class TableRow(SeedRow):
    """The inventory of tables found in each document and what became of them."""

    seed: ClassVar[str] = "raw_tables"
    key: ClassVar[tuple[str, ...]] = ("document_id", "title_line")
    document_id: str
    source_file: str
    title_line: int
    last_line: int
    family: str
    table_code: str | None
    title: str
    unit: str
    declared_empty: bool
    row_count: int
    quarantined_count: int


@dataclass(frozen=True)
class QuarantineRow(SeedRow):
    seed: ClassVar[str] = "raw_quarantine"
    key: ClassVar[tuple[str, ...]] = ("source_file", "line_no", "reason")
    document_id: str | None
    source_file: str
    line_no: int
    family: str | None
    reason: str
    text: str


def amount_fields(amount: Amount) -> dict[str, object]:
    return {
        "amount_wan": amount.wan,
        "amount_printed": amount.printed,
        "rounding_unit_wan": amount.rounding_unit_wan,
    }


@dataclass(frozen=True)
class FunctionAmountRow(SeedRow):
    """One cell of a table keyed by 功能分类科目 (收入/支出/一般公共预算/基金/国资 tables)."""

    seed: ClassVar[str] = "raw_function_amounts"
    key: ClassVar[tuple[str, ...]] = ("document_id", "table_name", "subject_code", "measure")
    document_id: str
    source_file: str
    line_no: int
    table_name: str
    subject_code: str
    subject_name: str
    measure: str
    amount_wan: Decimal | None
    amount_printed: str
    rounding_unit_wan: Decimal


@dataclass(frozen=True)
class SummaryLineRow(SeedRow):
    """One amount of a two-sided 收支总表 / 财政拨款收支总表."""

    seed: ClassVar[str] = "raw_summary_lines"
    key: ClassVar[tuple[str, ...]] = ("document_id", "table_name", "side", "line_key", "fund")
    document_id: str
    source_file: str
    line_no: int
    table_name: str
    side: str
    line_key: str
    line_name: str
    row_number: str
    fund: str
    amount_wan: Decimal | None
    amount_printed: str
    rounding_unit_wan: Decimal


@dataclass(frozen=True)
class EconomicAmountRow(SeedRow):
    """One amount of the 基本支出(决算)明细表 by 经济分类科目."""

    seed: ClassVar[str] = "raw_economic_amounts"
    key: ClassVar[tuple[str, ...]] = ("document_id", "economic_code", "measure")
    document_id: str
    source_file: str
    line_no: int
    economic_code: str
    economic_name: str
    measure: str
    amount_wan: Decimal | None
    amount_printed: str
    rounding_unit_wan: Decimal


@dataclass(frozen=True)
class ThreePublicRow(SeedRow):
    """One amount of the 财政拨款"三公"经费 table."""

    seed: ClassVar[str] = "raw_three_public"
    key: ClassVar[tuple[str, ...]] = ("document_id", "item", "measure")
    document_id: str
    source_file: str
    line_no: int
    item: str
    item_name: str
    measure: str
    amount_wan: Decimal | None
    amount_printed: str
    rounding_unit_wan: Decimal


@dataclass(frozen=True)
class StatisticRow(SeedRow):
    """One line of the 部门决算公开相关信息统计表 (公开10: 采购, 机关运行经费, 车辆)."""

    seed: ClassVar[str] = "raw_statistics"
    key: ClassVar[tuple[str, ...]] = ("document_id", "item_key")
    document_id: str
    source_file: str
    line_no: int
    section: str
    item_key: str
    item_name: str
    row_number: str
    value: Decimal | None
    value_printed: str
    value_unit: str
    rounding_unit: Decimal

"""The tidy rows the parsers produce; one dataclass per seed. Field order is CSV column order.

Every row carries its provenance: `source_file` and `line_no` (1-based line of the
document's extracted text). Amounts are exact Decimals in 万元 (None = printed empty),
with the text as printed and the unit of the last printed digit (for rounding tolerance).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from decimal import Decimal
from typing import Any, ClassVar

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


@dataclass(frozen=True)
class ProjectRow(SeedRow):
    """One project performance table (项目支出绩效自评表, or 绩效目标表 in a budget): the project and its
    budget execution. line_no is the table's title line; (document_id, line_no) identifies the project
    within the corpus, so two tables of the same project (a budget's 2022 and 2023 versions) stay two
    projects. Amounts of the 资金总额 line; *_line_no say which printed line a figure comes from."""

    seed: ClassVar[str] = "raw_projects"
    key: ClassVar[tuple[str, ...]] = ("document_id", "line_no")
    document_id: str
    source_file: str
    line_no: int
    table_kind: str
    layout: str
    title: str
    project_name: str
    project_name_key: str
    project_name_line_no: int
    supervising_department: str | None
    supervising_department_code: str | None
    implementing_unit: str | None
    implementing_unit_code: str | None
    contact_phone: str | None
    budget_line_no: int | None
    budget_declared_wan: Decimal | None
    budget_declared_printed: str
    budget_declared_rounding_unit_wan: Decimal
    budget_initial_wan: Decimal | None
    budget_initial_printed: str
    budget_initial_rounding_unit_wan: Decimal
    budget_full_year_wan: Decimal | None
    budget_full_year_printed: str
    budget_full_year_rounding_unit_wan: Decimal
    executed_wan: Decimal | None
    executed_printed: str
    executed_rounding_unit_wan: Decimal
    balance_wan: Decimal | None
    balance_printed: str
    balance_rounding_unit_wan: Decimal
    execution_rate: Decimal | None
    execution_rate_printed: str
    execution_rate_rounding_unit: Decimal
    budget_weight: Decimal | None
    budget_weight_printed: str
    budget_score: Decimal | None
    budget_score_printed: str
    budget_score_rounding_unit: Decimal
    budget_score_line_no: int | None
    total_line_no: int | None
    total_weight: Decimal | None
    total_weight_printed: str
    total_score: Decimal | None
    total_score_printed: str
    total_score_rounding_unit: Decimal
    grade: str | None
    grade_printed: str
    goal_text: str | None
    goal_actual_text: str | None
    quarantined_line_count: int


@dataclass(frozen=True)
class ProjectBudgetLineRow(SeedRow):
    """One line of a project's budget-execution block (资金总额 and its sources: 当年财政拨款, 上年结转,
    其他资金, 市县区财政资金, 政府性预算资金 …), every figure as printed."""

    seed: ClassVar[str] = "raw_project_budget_lines"
    key: ClassVar[tuple[str, ...]] = ("document_id", "line_no")
    document_id: str
    source_file: str
    line_no: int
    project_line_no: int
    funding_source: str
    is_total: bool
    declared_wan: Decimal | None
    declared_printed: str
    initial_wan: Decimal | None
    initial_printed: str
    full_year_wan: Decimal | None
    full_year_printed: str
    executed_wan: Decimal | None
    executed_printed: str
    balance_wan: Decimal | None
    balance_printed: str
    rounding_unit_wan: Decimal
    weight_printed: str
    execution_rate_printed: str
    score_printed: str
    deviation_text: str | None


@dataclass(frozen=True)
class KpiIndicatorRow(SeedRow):
    """One scored or targeted line of a project performance table: a 三级指标 (section `indicator`), or
    a 资金管理情况 item (section `fund_management`). Levels carry down from the line above when the
    merged cell is not repeated (level1_printed/level2_printed keep what this line printed). Printed
    texts are kept, but for a space between a Chinese character and an ASCII bracket
    (document.text_spacing); target/actual are also parsed (loaders.indicators)."""

    seed: ClassVar[str] = "raw_kpi_indicators"
    key: ClassVar[tuple[str, ...]] = ("document_id", "line_no")
    document_id: str
    source_file: str
    line_no: int
    project_line_no: int
    section: str
    level1: str | None
    level1_printed: str
    level2: str | None
    level2_printed: str
    level3: str | None
    description: str | None
    target_text: str
    adjusted_target_text: str | None
    actual_text: str | None
    basis_text: str | None
    weight: Decimal | None
    weight_printed: str
    weight_rounding_unit: Decimal
    score: Decimal | None
    score_printed: str
    score_rounding_unit: Decimal
    deviation_rate: Decimal | None
    deviation_rate_printed: str
    deviation_text: str | None
    target_kind: str
    target_operator: str | None
    target_value: Decimal | None
    target_unit: str | None
    target_value_wan: Decimal | None
    actual_kind: str | None
    actual_operator: str | None
    actual_value: Decimal | None
    actual_unit: str | None
    actual_value_wan: Decimal | None
    alignment: str
    noise_text: str | None


@dataclass(frozen=True)
class ProjectAnalysisRow(SeedRow):
    """A text block of a project table: 项目绩效分析 (自评结果分析, 主要经验做法, 存在的问题 …) and the
    说明 lines printed under the 总分."""

    seed: ClassVar[str] = "raw_project_analysis"
    key: ClassVar[tuple[str, ...]] = ("document_id", "line_no")
    document_id: str
    source_file: str
    line_no: int
    project_line_no: int
    section: str | None
    topic: str | None
    text: str


@dataclass(frozen=True)
class ProjectSummaryRow(SeedRow):
    """One line of a 绩效自评情况汇总表: a project's self-evaluation score and grade as summarised."""

    seed: ClassVar[str] = "raw_project_summary"
    key: ClassVar[tuple[str, ...]] = ("document_id", "line_no")
    document_id: str
    source_file: str
    line_no: int
    summary_line_no: int
    section: str | None
    seq_printed: str
    project_name: str
    project_name_key: str
    using_unit: str | None
    score: Decimal | None
    score_printed: str
    score_rounding_unit: Decimal
    grade: str | None
    grade_printed: str


@dataclass(frozen=True)
class PerformanceStatementRow(SeedRow):
    """A figure the narrative states about the performance tables (e.g. `涵盖项目11个`: the number of
    self-evaluated projects), to check against the tables."""

    seed: ClassVar[str] = "raw_performance_statements"
    key: ClassVar[tuple[str, ...]] = ("document_id", "line_no", "statement", "printed")
    document_id: str
    source_file: str
    line_no: int
    statement: str
    value: int
    printed: str


# --- building rows ---------------------------------------------------------------------------------
# A document yields about 700 rows, and building them was some 13 % of its parse: the __init__ that
# dataclass(frozen=True) writes sets each field through object.__setattr__ (one call per field, to get
# past the frozen __setattr__). The rows' __init__ below stores the same values straight into the new
# instance's __dict__, in half the time; the row is the same object (fields, eq, hash, repr, pickling
# and the frozen __setattr__ are the dataclass's own), built from the same arguments.


def _direct_init(row_type: type[SeedRow]) -> Callable[..., None] | None:
    """An __init__ for row_type storing its fields into the instance __dict__; None for a row type
    it cannot stand in for (a default, a non-init field or __post_init__: keep the dataclass's)."""
    row_fields = fields(row_type)
    names = [f.name for f in row_fields]
    plain = all(f.init and f.default is MISSING and f.default_factory is MISSING for f in row_fields)
    if not plain or hasattr(row_type, "__post_init__") or {"self", "values"} & set(names):
        return None
    head = f"def __init__(self, {', '.join(names)}):\n    values = self.__dict__\n"
    body = "".join(f"    values[{name!r}] = {name}\n" for name in names)
    namespace: dict[str, Any] = {}
    exec(head + body, namespace)  # as dataclasses writes the __init__ it replaces
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{row_type.__qualname__}.__init__"
    return init


for _row_type in SeedRow.__subclasses__():
    if (_init := _direct_init(_row_type)) is not None:
        _row_type.__init__ = _init  # type: ignore[method-assign]

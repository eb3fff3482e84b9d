"""facts_of: provenance and printed forms dropped, values (NULL vs 0, exact Decimals) kept."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from loaders.pipeline import Extraction
from loaders.rows import DocumentRow, FunctionAmountRow, KpiIndicatorRow, ProjectBudgetLineRow, StatisticRow
from tests.support.facts import dropped_fields, facts_of

ROW = FunctionAmountRow(
    "abc", "a.txt", 12, "income", "total", "合 计", "total", Decimal("3610.44"), "3,610.44", Decimal("0.01")
)


def test_provenance_and_printed_forms_do_not_count():
    moved = dataclasses.replace(
        ROW,
        document_id="def",
        source_file="b.txt",
        line_no=40,
        amount_wan=Decimal("3610.4400"),
        amount_printed="36104400",
        rounding_unit_wan=Decimal("0.0001"),
    )
    assert facts_of([moved]) == facts_of([ROW])


def test_values_count():
    assert facts_of([dataclasses.replace(ROW, amount_wan=Decimal("3610.45"))]) != facts_of([ROW])
    assert facts_of([dataclasses.replace(ROW, subject_name="合计")]) != facts_of([ROW])


def test_null_is_not_zero():
    blank = dataclasses.replace(ROW, amount_wan=None, amount_printed="")
    zero = dataclasses.replace(ROW, amount_wan=Decimal("0.00"), amount_printed="0.00")
    assert facts_of([blank]) != facts_of([zero])
    assert facts_of([zero]) == facts_of([dataclasses.replace(ROW, amount_wan=Decimal(0), amount_printed="——")])


def test_rows_are_compared_as_a_multiset_in_any_order():
    other = dataclasses.replace(ROW, measure="fiscal_appropriation")
    assert facts_of([ROW, other]) == facts_of([other, ROW])
    assert facts_of([ROW, ROW]) != facts_of([ROW])


def test_an_extraction_or_its_rows_by_type():
    extraction = Extraction()
    extraction.add(ROW)
    assert (
        facts_of(extraction)
        == facts_of(extraction.rows)
        == facts_of([ROW])
        == {
            "raw_function_amounts": [
                (
                    ("table_name", "income"),
                    ("subject_code", "total"),
                    ("subject_name", "合 计"),
                    ("measure", "total"),
                    ("amount_wan", Decimal("3610.44")),
                )
            ]
        }
    )


def test_dropped_fields():
    assert dropped_fields(DocumentRow) == {"document_id", "source_file", "sha256", "unit", "line_count"}
    assert dropped_fields(StatisticRow) == {"document_id", "source_file", "line_no", "value_printed", "rounding_unit"}
    budget = dropped_fields(ProjectBudgetLineRow)
    assert {"declared_printed", "executed_printed", "project_line_no"} <= budget
    assert not {"weight_printed", "score_printed", "execution_rate_printed", "funding_source"} & budget
    kpi = dropped_fields(KpiIndicatorRow)
    assert {"weight_printed", "score_printed", "deviation_rate_printed", "alignment"} <= kpi
    assert not {"level1_printed", "target_text", "actual_text", "noise_text"} & kpi

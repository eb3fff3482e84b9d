"""The synthetic corpus generator: deterministic, every document distinct, amounts scaled exactly."""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal

import pytest

from bench.generate import SAMPLES, Generator, scale_printed
from loaders.pipeline import document_rows, extract_document
from loaders.rows import (
    DocumentRow,
    EconomicAmountRow,
    FunctionAmountRow,
    ProjectBudgetLineRow,
    QuarantineRow,
    SummaryLineRow,
    ThreePublicRow,
)


@pytest.fixture(scope="module")
def sample_text() -> Generator:
    return Generator(7, renderer="sample")


@pytest.mark.parametrize(
    ("printed", "factor", "scaled"),
    [
        ("3,610.44", 10, "36,104.4"),  # one decimal fewer for × 10 (identities kept, see scaled_decimals)
        ("30. 61", 10, "306. 1"),
        ("58.39万元", 10, "583.9万元"),
        ("0.00", 10, "0.0"),
        ("——", 10, "——"),
        ("-1.5", 10, "-15"),
        ("441.8", 1, "441.8"),
        ("12", 10, "120"),
        ("3,610.44", 3, "10,831.32"),  # another factor keeps the decimals
    ],
)
def test_a_printed_amount_is_scaled_with_its_decimals_and_separators(printed, factor, scaled):
    assert scale_printed(printed, factor) == scaled


def test_documents_are_deterministic_and_distinct(sample_text):
    again = Generator(7, renderer="sample")
    documents = [sample_text.document(i) for i in range(40)]
    assert documents[:5] == [again.document(i) for i in range(5)]
    assert len({hashlib.sha256(data).hexdigest() for _, data in documents}) == 40
    assert Generator(8, renderer="sample").document(0)[1] != documents[0][1]
    variations = [sample_text.variation(i) for i in range(2000)]
    keys = {(v.template, v.place, v.department_core, v.year_shift, v.factor) for v in variations}
    assert len(keys) == 2000
    assert {v.template for v in variations} == {p.name for p in SAMPLES.glob("*.txt")}


AMOUNTS = (
    (FunctionAmountRow, ("amount_wan",)),
    (SummaryLineRow, ("amount_wan",)),
    (EconomicAmountRow, ("amount_wan",)),
    (ThreePublicRow, ("amount_wan",)),
    (ProjectBudgetLineRow, ("initial_wan", "full_year_wan", "executed_wan")),
)


def _amounts(rows, row_type, names):
    found = [(r.line_no, name, getattr(r, name)) for r in rows if type(r) is row_type for name in names]
    return sorted(found, key=lambda item: (item[0], item[1], str(item[2])))


def test_a_sample_text_document_has_the_samples_rows_with_amounts_times_k_and_a_new_identity(sample_text):
    for index in range(10):  # two documents of every template
        variation = sample_text.variation(index)
        name, data = sample_text.document(index)
        rows = document_rows(data, name)
        original = list(extract_document(SAMPLES / variation.template, variation.template))
        assert Counter(type(r) for r in rows) == Counter(type(r) for r in original)
        for row_type, names in AMOUNTS:
            expected = [
                (line, field, None if value is None else value * variation.factor)
                for line, field, value in _amounts(original, row_type, names)
            ]
            expected.sort(key=lambda item: (item[0], item[1], str(item[2])))
            assert _amounts(rows, row_type, names) == expected, (index, row_type.__name__)
        document = next(r for r in rows if isinstance(r, DocumentRow))
        template = next(r for r in original if isinstance(r, DocumentRow))
        assert document.region_name == variation.place.name
        assert document.province == variation.place.province
        assert document.department_name.endswith(variation.department_core)
        assert document.fiscal_year == template.fiscal_year + variation.year_shift


def test_the_layout_renderer_scales_every_amount_in_its_layouts():
    pytest.importorskip("loaders.render")
    generator = Generator(7, renderer="layout", layouts="tab,yuan")
    assert generator.renderer.layouts == ("tab", "yuan")
    for index in range(4):
        variation = generator.variation(index)
        name, data = generator.document(index)
        rows = document_rows(data, name)
        original = list(extract_document(SAMPLES / variation.template, variation.template))
        assert sum(isinstance(r, QuarantineRow) for r in rows) == sum(isinstance(r, QuarantineRow) for r in original)
        total = sum((r.amount_wan or Decimal(0)) for r in rows if isinstance(r, FunctionAmountRow))
        expected = sum((r.amount_wan or Decimal(0)) for r in original if isinstance(r, FunctionAmountRow))
        assert total == expected * variation.factor, (index, variation.layout)

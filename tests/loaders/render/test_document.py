"""Rendering whole documents: text kept, unit lines in the yuan layout, determinism."""

from __future__ import annotations

import dataclasses

import pytest

from loaders.layouts import Layout
from loaders.pipeline import extract_document
from loaders.render import RenderError, render_document
from loaders.rows import FunctionAmountRow, SeedRow
from tests.conftest import LIAOCHENG, QINGLONG, SAMPLES, sample
from tests.loaders.render.helpers import fixture_extraction

INCOME = "function_income_000_final.txt"
SUMMARY_BUDGET = "summary_003_budget.txt"


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(needle in it for needle in needles)


def test_text_lines_are_kept_as_printed_in_every_layout():
    doc, rows = fixture_extraction(INCOME)
    texts = [line.text for line in doc.lines if not line.is_tabular and "单位" not in line.text]
    assert "注：本表反映部门本年度取得的各项收入情况。" in texts
    for layout in Layout:
        assert _is_subsequence(texts, render_document(doc, rows, layout).split("\n")), layout


def test_the_tab_layout_is_the_document_itself():
    doc, rows = fixture_extraction(INCOME)
    assert render_document(doc, rows, Layout.TAB) == doc.text


def test_yuan_rewrites_the_unit_line():
    doc, rows = fixture_extraction(INCOME)
    lines = render_document(doc, rows, Layout.YUAN).split("\n")
    assert lines[6] == "金额单位：元"
    assert lines[11].replace(",", "") == "合 计\t\t36104400\t36104400\t\t\t\t\t"


def test_yuan_adds_a_unit_line_under_a_title_that_has_none():
    doc, rows = fixture_extraction(SUMMARY_BUDGET)
    lines = render_document(doc, rows, Layout.YUAN).split("\n")
    assert lines[:3] == ["部门预算收支总表", "单位：元", ""]
    assert lines[10].split("\t")[2].replace(",", "") in ("5090100", "5090100.00")


def _rows(name: str) -> list[SeedRow]:
    return list(extract_document(SAMPLES / name, name))


def test_rendering_is_deterministic_for_a_seed():
    doc = sample(QINGLONG)
    rows = _rows(QINGLONG)
    for layout in Layout:
        assert render_document(doc, rows, layout, seed=5) == render_document(doc, rows, layout, seed=5)
    spaced = {render_document(doc, rows, Layout.SPACE, seed=seed) for seed in range(3)}
    assert len(spaced) == 3


def test_rows_of_another_document_are_ignored():
    doc, rows = fixture_extraction(INCOME)
    others = [
        dataclasses.replace(r, document_id="other", amount_printed="1.00") for r in rows if hasattr(r, "amount_printed")
    ]
    assert render_document(doc, rows + others, Layout.TAB) == doc.text


def test_a_fact_that_is_not_on_its_line_fails_loudly():
    doc, rows = fixture_extraction(INCOME)
    moved = [
        dataclasses.replace(r, line_no=r.line_no + 1) if isinstance(r, FunctionAmountRow) and r.line_no == 12 else r
        for r in rows
    ]
    with pytest.raises(RenderError) as error:
        render_document(doc, moved, Layout.TAB)
    assert error.value.line_no == 13


def test_every_sample_renders_in_every_layout():
    doc = sample(LIAOCHENG)
    rows = _rows(LIAOCHENG)
    for layout in Layout:
        assert render_document(doc, rows, layout, seed=1)

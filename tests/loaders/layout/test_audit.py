"""No amount lost without a reason: the audit of what a rebuilt table holds against what it printed."""

from __future__ import annotations

from loaders.document import Line
from loaders.layout.audit import unplaced_lines
from loaders.layout.result import Canonical

# pdfplumber, sample 003's 收入总表: `419. 39` wrapped after its point around the row's line, beside its name
PRINTED = [
    Line(79, "序 科目编码 科目名称 合计 小计 财政拨款收入 上年结转"),
    Line(80, "政府办公厅 (室)及 419."),
    Line(81, "3 20103 400.00 400.00 19. 40"),
    Line(82, "相关 机构事务 39"),
]
HEADER = Line(79, "序号\t科目编码\t科目名称\t合计\t小计\t财政拨款收入\t上年结转")


def rebuilt(total: str) -> Canonical:
    return Canonical((HEADER, Line(81, f"3\t20103\t政府办公厅 (室)及相关 机构事务\t{total}\t400.00\t400.00\t19. 40")))


def test_an_amount_cut_after_its_point_is_held_by_the_amount_it_heads():
    assert unplaced_lines(PRINTED, rebuilt("419.39")) == []


def test_a_head_held_by_no_amount_is_lost():
    assert [line.no for line in unplaced_lines(PRINTED, rebuilt("420.39"))] == [80]

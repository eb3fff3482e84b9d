"""Header labels found by their words, when the cells of a header are not separated."""

from __future__ import annotations

from loaders.document import Line
from loaders.layout.function import PHRASES, read_columns
from loaders.layout.header import read_labels, scan, words_labels
from loaders.layout.text import line_cells


def test_words_of_one_label_are_joined_and_glued_labels_cut():
    assert words_labels(["附属单位", "上缴收入"], PHRASES) == [("附属单位上缴收入", True)]
    assert words_labels(["项", "目"], PHRASES) == [("项目", True)]
    assert scan("合计小计", PHRASES) == [("合计", True), ("小计", True)]
    assert scan("TH H", PHRASES) == [("TH H", False)]


def header(*texts: str) -> list[list]:
    return [line_cells(Line(n, text)) for n, text in enumerate(texts, start=1)]


def test_a_label_split_over_two_header_lines_is_paired_and_stands_below():
    # 003's 部门预算支出总表: 上解上级 | 对附属单位 above 支出 | 补助支出
    lines = header(
        "功能分类科目 上解上级 对附属单位", "序号 科目编码 科目名称 合计 基本支出 项目支出 经营支出 支出 补助支出"
    )
    labels = read_labels(lines, PHRASES)
    assert [label.text for label in labels[1] if label.known][-3:] == ["经营支出", "上解上级支出", "对附属单位补助支出"]


def test_the_amount_columns_come_in_the_order_the_header_prints_them():
    lines = header(
        "功能分类科目 上解上级 对附属单位", "序号 科目编码 科目名称 合计 基本支出 项目支出 经营支出 支出 补助支出"
    )
    columns = read_columns(read_labels(lines, PHRASES), "expenditure", 2)
    assert columns.serial
    assert columns.measures == (
        "total",
        "basic",
        "project",
        "operating",
        "remit_to_superior",
        "subsidy_to_subsidiary",
    )


def test_group_labels_give_way_to_the_columns_below_them():
    # 000's 政府性基金表: 本年支出 over 小计 | 基本支出 | 项目支出
    lines = header(
        "项 目 年初结转 和结余 本年收入 本年支出 年末结转 和结余", "科目编码 科目名称 小计 基本支出 项目支出"
    )
    columns = read_columns(read_labels(lines, PHRASES), "government_fund", 2)
    assert columns.measures == ("opening_balance", "income", "total", "basic", "project", "closing_balance")

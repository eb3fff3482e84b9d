"""Header mapping, numbers and indicator-line alignment shared by the performance parsers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.errors import ParseError
from loaders.parsers.performance_common import (
    align_indicator_row,
    indicator_header,
    info_label,
    level_of,
    level_only,
    name_key,
    parse_number,
    parse_rate,
    split_code,
)

# 聊城 header: label | 一级 | 二级 | 三级 | 年度指标值 | 实际完成 | 分值 | 得分 | 偏差原因
LIAOCHENG_HEADER = [
    "年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成指标值(B)", "分值", "得分",
    "偏差原因分析及改进措施",
]  # fmt: skip
FENYANG_HEADER = [
    "绩效指标", "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "分值", "得分",
    "偏差原因分析及改进措施", "",
]  # fmt: skip


def test_header_maps_columns_by_meaning() -> None:
    columns = indicator_header(LIAOCHENG_HEADER)
    assert columns is not None
    assert columns.positions == {
        "level1": 1, "level2": 2, "level3": 3, "target": 4, "actual": 5, "weight": 6, "score": 7, "deviation": 8,
    }  # fmt: skip
    assert columns.value_keys == ["target", "actual", "weight", "score", "deviation"]
    assert "年度绩效指标" in columns.labels


def test_header_cell_naming_two_levels_spills_into_the_next_empty_cell() -> None:
    # 003 line 702: `一级指标 | 标 二级指标 三级指标 | | 绩效指标描述 | 指标值 | 指标值确定依据`
    columns = indicator_header(["一级指标", "标 二级指标 三级指标", "", "绩效指标描述", "指标值", "指标值确定依据", ""])
    assert columns is not None
    assert columns.positions == {
        "level1": 0, "level2": 1, "level3": 2, "description": 3, "target": 4, "basis": 5,
    }  # fmt: skip


def test_not_a_header() -> None:
    assert indicator_header(["总分", "", "100"]) is None


def test_a_line_as_printed() -> None:
    columns = indicator_header(LIAOCHENG_HEADER)
    assert columns is not None
    row = align_indicator_row(
        ["", "产出指标(30分)", "数量指标", "考试机构数量", "等于2家", "2家", "10", "10", ""], columns
    )
    assert row is not None
    assert row.alignment == "header"
    assert row.levels == [(1, "产出指标(30分)"), (2, "数量指标")]
    assert row.level3 == "考试机构数量"
    assert row.values == {"target": "等于2家", "actual": "2家", "weight": "10", "score": "10", "deviation": ""}


def test_a_line_that_lost_its_level1_cell_is_shifted_back() -> None:
    columns = indicator_header(LIAOCHENG_HEADER)
    assert columns is not None
    # 000 line 789: the 时效指标 cell sits in the 一级 column and everything after it moved left.
    row = align_indicator_row(["", "时效指标", "资金按期支付率", "=100%", "90%", "2", "2", "", ""], columns)
    assert row is not None
    assert row.alignment == "shift -1"
    assert row.levels == [(2, "时效指标")]
    assert (row.level3, row.values["target"], row.values["actual"], row.values["weight"]) == (
        "资金按期支付率", "=100%", "90%", "2",
    )  # fmt: skip


def test_a_level_written_one_column_too_far_right() -> None:
    columns = indicator_header(FENYANG_HEADER)
    assert columns is not None
    # 001 line 586: 质量指标 printed under 三级指标, its indicator under 年初指标值.
    cells = ["", "", "", "质量指标", "工作人员素质", "合格", "合格", "达成预期指标", "10", "10"]
    row = align_indicator_row(cells, columns)
    assert row is not None
    assert row.alignment == "shift +1"
    assert row.levels == [(2, "质量指标")]
    assert row.level3 == "工作人员素质"
    assert row.values["actual"] == "达成预期指标"
    assert row.values["score"] == "10"


def test_a_score_pushed_past_an_empty_cell() -> None:
    columns = indicator_header(FENYANG_HEADER)
    assert columns is not None
    # 001 line 734: `… | 达成预期指标 | 10 | | 10`: the empty cell is spurious, 10 is the 得分.
    cells = ["", "", "", "社会效益指标", "保障单位正常运行", "有效保障", "有效保障", "达成预期指标", "10", "", "10"]
    row = align_indicator_row(cells, columns)
    assert row is not None
    assert row.values["weight"] == "10"
    assert row.values["score"] == "10"
    assert row.values["deviation"] == ""
    assert "empty cell 9 dropped" in row.alignment


def test_ocr_noise_in_the_level1_column_is_kept_aside() -> None:
    columns = indicator_header(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"])
    assert columns is not None
    cells = [", 143473", "质量指标", "合格率", "评审报告的合格率", "100%", "2022 年工作计划"]
    row = align_indicator_row(cells, columns)
    assert row is not None
    assert row.noise == [", 143473"]
    assert row.level3 == "合格率"


def test_cells_that_fit_nowhere() -> None:
    columns = indicator_header(LIAOCHENG_HEADER)
    assert columns is not None
    assert align_indicator_row(["", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], columns) is None


def test_level_only_line() -> None:
    columns = indicator_header(LIAOCHENG_HEADER)
    assert columns is not None
    assert level_only(["", "", "生态效益指标", "", "", "", "", "", ""], columns) == [(2, "生态效益指标")]
    assert level_only(["", "", "满意度", "", ""], columns) is None


def test_level_vocabulary() -> None:
    assert level_of("产出指标", 1, 1) == 1
    assert level_of("成本指标 (20分)", 1, 1) == 1
    assert level_of("绩效指标 (30分)", 1, 1) == 1  # a misprinted 一级 name with its weight
    assert level_of("服务对象满意度", 2, 1) == 2
    assert level_of("可持续发展影响指标", 2, 1) == 2
    assert level_of("成本指标", 1, 1) == 1  # 一级 in the 一级 column …
    assert level_of("成本指标", 2, 1) == 2  # … 二级 under 产出指标 elsewhere
    assert level_of("满意度", 3, 1) is None
    assert level_of("群众满意度", 3, 1) is None


def test_numbers_and_rates() -> None:
    assert parse_number("9.73") == parse_number(" 9.73 ")
    assert parse_number("9.73").value == Decimal("9.73")
    assert parse_number("9.73").rounding_unit == Decimal("0.01")
    assert parse_number("0").value == Decimal(0)
    assert parse_number("").value is None
    assert parse_number("-").value is None and parse_number("-").printed == "-"
    with pytest.raises(ParseError):
        parse_number("58.39万元")
    assert parse_rate("97.32%").value == Decimal("0.9732")
    assert parse_rate("97.32%").rounding_unit == Decimal("0.0001")
    assert parse_rate("0.951").value == Decimal("0.951")
    assert parse_rate("100").value == Decimal(1)  # a bare percentage
    assert parse_rate("1", percent_header=True).value == Decimal("0.01")
    assert parse_rate("0.00%").value == Decimal(0)


def test_names_and_codes() -> None:
    assert name_key("聊城市政务服务平台 2023 年度质保金项目") == "聊城市政务服务平台2023年度质保金项目"
    assert name_key("电子证书（CA）供应商采购项目") == "电子证书(CA)供应商采购项目"
    assert split_code("019001-汾阳市行政审批服务管理局") == ("汾阳市行政审批服务管理局", "019001")
    assert split_code("聊城市行政审批服务局") == ("聊城市行政审批服务局", None)
    assert split_code(None) == (None, None)


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ("项目名称", "project_name"),
        ("项目名称：", "project_name"),
        ("项 目 名 称", "project_name"),  # justified
        ("主管部门及代码", "supervising_department"),
        ("主管部门:", "supervising_department"),
        ("项目实施单位", "implementing_unit"),
        ("预算单位", "implementing_unit"),
        ("项目单位", "implementing_unit"),
        ("联系电话", "contact_phone"),
        ("项目名称及代码", None),  # not a label of the form
        ("实施单位名称", None),
        ("项目", None),
    ],
)
def test_info_label_names_the_field_of_a_label_as_printed(cell, label):
    assert info_label(cell) == label

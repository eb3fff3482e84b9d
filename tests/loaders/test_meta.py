import pytest

from loaders.document import parse_document
from loaders.errors import DocumentError
from loaders.meta import detect_meta, detect_stage
from tests.conftest import FENYANG, JIYUAN, LIAOCHENG, QINGLONG, ZHANGDIAN, sample


@pytest.mark.parametrize(
    ("name", "department", "region", "province", "year", "stage"),
    [
        (LIAOCHENG, "聊城市行政审批服务局", "聊城市", "山东省", 2023, "final"),
        (FENYANG, "汾阳市行政审批服务管理局", "汾阳市", "山西省", 2023, "final"),
        (ZHANGDIAN, "淄博市张店区行政审批服务局", "张店区", "山东省", 2024, "performance"),
        (QINGLONG, "青龙满族自治县行政审批局", "青龙满族自治县", "河北省", 2023, "budget"),
        (JIYUAN, "济源市行政服务中心", "济源市", "河南省", 2022, "final"),
    ],
)
def test_sample_metadata(name, department, region, province, year, stage):
    meta = detect_meta(sample(name))
    assert (meta.department_name, meta.region_name, meta.province) == (department, region, province)
    assert (meta.fiscal_year, meta.stage, meta.unit) == (year, stage, "万元")


def test_unit_in_yuan_is_detected():
    text = "2024年部门预算\n部门：某某县教育局\n部门预算收支总表\n单位：元\n"
    assert detect_meta(parse_document(text.encode(), "x.txt")).unit == "元"


def test_a_text_that_is_no_disclosure_is_rejected():
    doc = parse_document("会议纪要\n今天天气很好。\n".encode(), "notes.txt")
    with pytest.raises(DocumentError, match="not a budget disclosure"):
        detect_stage(doc)


def _meta(text: str):
    return detect_meta(parse_document(text.encode(), "x.txt"))


def test_a_department_labelled_in_the_first_cell_of_a_tab_line():
    text = "2024年部门预算\n部门预算收支总表\n编制单位：宜阳县教育体育局\t\t\t单位：万元\n"
    assert _meta(text).department_name == "宜阳县教育体育局"
    assert _meta(text).region_name == "宜阳县"


@pytest.mark.parametrize(
    "title",
    ["宜阳县教育体育局2024年度部门决算", "宜阳县教育体育局 2024 年部门预算", "宜阳县教育体育局部门决算公开"],
)
def test_a_department_named_by_the_document_title(title):
    assert _meta(f"{title}\n目 录\n收入支出决算总表\n").department_name == "宜阳县教育体育局"


def test_a_title_without_a_department_names_none():
    assert _meta("2024年度部门决算\n收入支出决算总表\n").department_name is None

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

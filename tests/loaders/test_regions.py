from loaders.regions import region_of


def test_most_specific_division_and_its_province():
    assert region_of("淄博市张店区行政审批服务局").region_name == "张店区"
    assert region_of("淄博市张店区行政审批服务局").province == "山东省"
    assert region_of("汾阳市行政审批服务管理局").province == "山西省"


def test_ambiguous_name_resolved_by_parent_or_text_else_unknown():
    # 朝阳区 exists in Beijing and in Changchun (吉林省).
    assert region_of("朝阳区教育局").province is None
    assert region_of("长春市朝阳区教育局").province == "吉林省"
    assert region_of("朝阳区教育局", "北京市朝阳区教育局2023年部门决算 北京市").province == "北京市"


def test_no_place_in_the_name():
    region = region_of("行政审批服务局")
    assert region.region_name is None and region.province is None

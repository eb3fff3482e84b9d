from loaders.document import parse_document
from loaders.tables import classify_title, find_tables
from tests.conftest import FENYANG, FIXTURES, JIYUAN, LIAOCHENG, QINGLONG, ZHANGDIAN, sample


def test_titles_of_final_budget_and_performance_tables():
    assert classify_title("收入支出决算总表") == "summary"
    assert classify_title("部门预算收支总表") == "summary"
    assert classify_title("财政拨款收入支出决算总表") == "appropriation_summary"
    assert classify_title("部门预算财政拨款收支总表") == "appropriation_summary"
    assert classify_title("收入决算表") == "income"
    assert classify_title("部门预算收入总表") == "income"
    assert classify_title("支出决算表") == "expenditure"
    assert classify_title("一般公共预算财政拨款支出决算表") == "general_budget_expenditure"
    assert classify_title("一般公共预算财政拨款基本支出决算明细表") == "basic_economic"
    assert classify_title("部门预算政府基金预算财政拨款支出表") == "government_fund"
    assert classify_title("国有资本经营预算财政拨款支出决算表") == "state_capital"
    assert classify_title('部门预算财政拨款"三公"经费支出表') == "three_public"
    assert classify_title("部门决算公开相关信息统计表") == "statistics"
    assert classify_title("8、咨询机构及专家评审费绩效目标表") == "performance_target"
    assert classify_title("项目单位自评表") == "performance_self_evaluation"
    assert classify_title("2024 年度区级预算项目绩效自评情况汇总表") == "performance_summary"


def test_titles_of_other_regions():
    # A bracketed note after the title.
    assert classify_title("一般公共预算支出表（按功能科目）") == "general_budget_expenditure"
    assert classify_title("一般公共预算基本支出表(按经济分类)") == "basic_economic"
    assert classify_title("收入支出决算总表（公开01表）") == "summary"
    assert classify_title("2024年度一般公共预算财政拨款基本支出决算表（公开06表）") == "basic_economic"
    # The same spending by economic classification is not a 功能分类 table.
    assert classify_title("一般公共预算支出表（按经济分类）") == "other"
    assert classify_title("部门预算基本支出经济分类表") == "basic_economic"
    assert classify_title("一般公共预算基本支出经济分类预算表") == "basic_economic"
    # Tables the warehouse does not load, whose titles end like standard ones.
    assert classify_title("机关运行经费支出表") == "other"
    assert classify_title("部门整体支出绩效目标表") == "other"
    assert classify_title("（按功能科目）") is None  # a note alone is no title


def test_a_table_code_in_the_title_note():
    text = "一般公共预算财政拨款支出决算表（公开05表）\n单位：万元\n科目编码\t科目名称\t合计\n"
    [table] = find_tables(parse_document(text.encode("utf-8"), "t.txt"))
    assert (table.family, table.table_code) == ("general_budget_expenditure", "05")


def test_lines_that_are_not_titles():
    assert classify_title("公开 01 表") is None
    assert classify_title("- 一、收入支出决算总表") is None
    assert classify_title("一、收入支出决算总表") is None  # a table of contents entry
    assert classify_title("\t部门预算收支总表\t4") is None
    assert classify_title("第二部分 2023 年度部门决算表") is None
    assert classify_title("注：本表反映部门本年度取得的各项收入情况。") is None


def test_every_standard_table_of_a_final_account_is_found_with_its_code():
    tables = find_tables(sample(LIAOCHENG))
    finance = [(t.family, t.table_code) for t in tables if not t.family.startswith("performance")]
    assert finance == [
        ("summary", "01"),
        ("income", "02"),
        ("expenditure", "03"),
        ("appropriation_summary", "04"),
        ("general_budget_expenditure", "05"),
        ("basic_economic", "06"),
        ("government_fund", "07"),
        ("state_capital", "08"),
        ("three_public", "09"),
    ]
    assert len([t for t in tables if t.family == "performance_self_evaluation"]) == 11


def test_statistics_table_and_empty_tables():
    tables = {t.family: t for t in find_tables(sample(FENYANG))}
    assert tables["statistics"].table_code == "10"
    assert tables["government_fund"].declared_empty  # 说明：本表无数据
    assert not tables["income"].declared_empty


def test_page_split_table_keeps_both_pages():
    income = next(t for t in find_tables(sample(LIAOCHENG)) if t.family == "income")
    numbers = [line.no for line in income.rows]
    assert numbers[0] == 178 and 205 in numbers  # 2210201 住房公积金, after the repeated header


def test_budget_tables_and_performance_counts():
    families = [t.family for t in find_tables(sample(QINGLONG))]
    assert families.count("performance_target") == 14
    assert "basic_economic" in families and "three_public" in families
    assert [t.family for t in find_tables(sample(ZHANGDIAN))].count("performance_self_evaluation") == 7
    assert [t.family for t in find_tables(sample(JIYUAN))].count("performance_self_evaluation") == 17


def test_repeated_title_on_a_continuation_page_is_merged():
    text = "收入决算表\n公开02表\n金额单位：元\n项目\t合计\n201\t一般\t1\n收入决算表\n项目\t合计\n208\t社保\t2\n"
    tables = find_tables(parse_document(text.encode(), "x.txt"))
    assert len(tables) == 1
    assert tables[0].unit == "元" and tables[0].table_code == "02"
    assert [line.cells[0] for line in tables[0].rows] == ["项目", "201", "项目", "208"]


def test_a_contents_page_printing_its_titles_one_a_line_is_no_table():
    # plain pdftotext's contents page of sample 003: nine titles one under another, then their pages
    path = next((FIXTURES / "extracted" / "pdftotext").glob("003_*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all(classify_title(line) is not None for line in lines[13:22])  # lines 14-22
    tables = find_tables(parse_document(path.read_bytes(), path.name))
    assert (tables[0].title_line, tables[0].family) == (56, "summary")  # the table itself, after the list


def test_a_title_right_above_another_is_no_table_but_a_lone_one_is():
    listed = "部门预算收支总表\n部门预算收入总表\n\n4\n6\n一、部门职责\n"
    assert find_tables(parse_document(listed.encode(), "x.txt")) == []
    lone = "说明\n部门预算收支总表\n单位：万元\n"  # a title with nothing but its page lines: reported
    assert [t.family for t in find_tables(parse_document(lone.encode(), "x.txt"))] == ["summary"]

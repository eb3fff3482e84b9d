"""Placing across tables, the hook in find_tables, and what reaches raw_quarantine."""

from __future__ import annotations

from decimal import Decimal

from loaders.rows import FunctionAmountRow
from loaders.tables import find_tables
from tests.conftest import FENYANG, JIYUAN, LIAOCHENG, QINGLONG, SAMPLES, ZHANGDIAN, sample
from tests.loaders.layout.helpers import extract, fixture_text, parse, quarantined, spaced, table

LIAOCHENG_FUND = "function_government_fund_000_final.txt"
LIAOCHENG_APPROPRIATION = "appropriation_summary_000_final.txt"
LIAOCHENG_EXPENDITURE = "function_expenditure_000_final.txt"


def fund_amounts(text: str) -> dict[tuple[str, str], Decimal | None]:
    rows = parse(table(text, "government_fund")).rows
    return {(r.subject_code, r.measure): r.amount_wan for r in rows if isinstance(r, FunctionAmountRow)}


def test_tab_documents_are_read_as_printed():
    for name in (LIAOCHENG, FENYANG, ZHANGDIAN, QINGLONG, JIYUAN):
        assert all(t.canonical is None for t in find_tables(sample(name))), name


def test_alone_the_fund_tables_balance_and_income_columns_cannot_be_told_apart():
    # 000's 政府性基金表: 合计 | 256.92 256.92 256.92 under 年初结转 | 本年收入 | 小计 | 基本 | 项目 | 年末结转
    result = parse(table(spaced(fixture_text(LIAOCHENG_FUND)), "government_fund"))
    assert result.rows == []
    assert "4 placements fit the identities (opening_balance/total/basic; opening_balance/total/project; " in (
        result.quarantine[0].reason
    )


def test_other_tables_of_the_document_tell_the_columns_apart():
    # the 财政拨款收支总表's income side: 二、政府性基金预算财政拨款 256.92, its 年初结转 empty → 本年收入;
    # the 支出表: 212's 256.92 is 项目支出, and a 财政拨款 amount is part of it → 项目支出
    text = spaced(fixture_text(LIAOCHENG_APPROPRIATION, LIAOCHENG_EXPENDITURE, LIAOCHENG_FUND))
    found = fund_amounts(text)
    assert found[("total", "income")] == Decimal("256.92")
    assert found[("total", "opening_balance")] is None
    assert found[("2120899", "project")] == Decimal("256.92")
    assert found[("2120899", "basic")] is None


def test_a_table_printed_with_tabs_takes_part_as_printed():
    # the appropriation summary and the 支出表 with tabs, the fund table without
    text = fixture_text(LIAOCHENG_APPROPRIATION, LIAOCHENG_EXPENDITURE) + "\n" + spaced(fixture_text(LIAOCHENG_FUND))
    assert fund_amounts(text)[("total", "income")] == Decimal("256.92")


def test_quarantined_rows_name_the_file_the_line_and_the_reason():
    rows = extract(spaced(fixture_text(LIAOCHENG_FUND)), "fund.txt")
    problems = [q for q in quarantined(rows) if q.family == "government_fund"]
    assert [(q.source_file, q.line_no) for q in problems] == [("fund.txt", n) for n in (11, 12, 13, 14)]
    assert all(
        q.reason.startswith("layout: cannot tell the columns of its 3 amount(s) under 6 columns") for q in problems
    )
    assert problems[0].text.split() == ["合", "计", "256.92", "256.92", "256.92"]


def test_a_fund_line_of_the_appropriation_summary_is_the_years_only_when_its_place_says_so():
    # 000's 财政拨款收入支出决算总表 prints 政府性基金预算财政拨款 twice: 二、… (行次 2, 256.92) and, unnumbered,
    # under 年初财政拨款结转和结余 (行次 30, blank). Were the numbered line and 本年收入合计 not read (PyMuPDF,
    # narrow printing, wraps both: `二、政府性基金` / `预算财政拨款`, `本年收入合` / `计`), the line read as the
    # year's would be the blank 行次 30, and placing the 政府性基金表 by it would put its 256.92 under
    # 年初结转和结余. Numbered, or before 本年收入合计, the line is the year's.
    from loaders.layout.document import _before_income_total, prepare_all
    from loaders.layout.summary import Prepared
    from tests.loaders.layout.helpers import tables

    def fund_line(text: str) -> tuple[object, bool]:
        [found] = [t for t in tables(text) if t.family == "appropriation_summary"]
        read = prepare_all([found])[found.title_line]
        assert isinstance(read, Prepared)
        key = "government_fund_appropriation"
        return read.income_value(key), _before_income_total(read, key)

    def years(found: tuple[object, bool]) -> Decimal | None:
        value, ok = found
        return value.wan if ok and value is not None and not isinstance(value, bool) else None  # type: ignore[attr-defined]

    pymupdf = fixture_text("extracted/printings/narrow/pymupdf/000_db1be295244703ad.txt")
    assert years(fund_line(pymupdf)) == Decimal("256.92")
    assert years(fund_line(fixture_text("extracted/printings/narrow/pdftotext-layout/000_db1be295244703ad.txt"))) == (
        Decimal("256.92")
    )
    numbered = "\n二、政府性基金\n预算财政拨款\n2\n256.92\n"
    assert numbered in pymupdf and "\n本年收入合\n计\n" in pymupdf
    unread = pymupdf.replace(numbered, "\n2\n256.92\n").replace("\n本年收入合\n计\n", "\n本年收入合\n")
    assert fund_line(unread)[1] is False  # 行次 30's line: not to be used as the year's


def test_the_basic_expenditure_table_tells_the_general_budgets_basic_column():
    # pdfplumber, narrow printing of 003: every row of the 一般公共预算财政拨款支出表 prints two equal amounts
    # under 合计 | 基本支出 | 项目支出 (`2 201 一般公共服务支出 419.39 419.39`): basic or project, the table's
    # own identities hold either way. The 基本支出表 prints 合计 528.41 (453.37 + 75.04): the 合计 row's
    # second amount is its 基本支出, and Σ children then puts every row's there.
    rows = extract(fixture_text("extracted/printings/narrow/pdfplumber/003_ff2ed464ea78daa4.txt"))
    found = {
        (r.subject_code, r.measure): r.amount_wan
        for r in rows
        if isinstance(r, FunctionAmountRow) and r.table_name == "general_budget_expenditure"
    }
    assert found[("total", "basic")] == Decimal("528.41")
    assert found[("201", "basic")] == found[("201", "total")] == Decimal("419.39")
    assert found[("2210201", "basic")] == Decimal("26.14")
    assert {found[(code, "project")] for code, measure in found if measure == "project"} == {None}
    assert not [q for q in quarantined(rows) if q.family == "general_budget_expenditure"]


def test_a_table_read_again_goes_by_the_names_other_tables_print_not_its_own():
    from loaders.layout.document import names_elsewhere

    # the 收入总表's first reading joined a piece to the wrong row (`国有土地使用入安排的支出`)
    read = {
        10: {"21208": {"国有土地使用入安排的支出"}, "201": {"一般公共服务支出"}},
        50: {"21208": {"国有土地使用权出让收入安排的支出"}},
        90: {"21208": {"国有土地使用权出让收入安排的支出"}, "221": {"住房保障支出"}},
    }
    assert names_elsewhere(read, 10) == {"21208": {"国有土地使用权出让收入安排的支出"}, "221": {"住房保障支出"}}
    assert names_elsewhere(read, 50)["21208"] == {"国有土地使用入安排的支出", "国有土地使用权出让收入安排的支出"}


def test_a_table_reads_again_with_the_names_the_others_corrected_in_the_first_round():
    # pdftotext -layout, narrow printing of 003: the 支出总表 prints `13 21208 国有土地使用权出让收入安排的` /
    # `支出` / `209.` / `65 209. 65`. The 政府性基金支出表's first reading put its 21208 name together wrong
    # (`国有土地使用权出让`), so the 支出总表 read again with the names the others print still could not tell
    # `支出`'s row; the fund table, read again, names it right, and in the second round the 支出总表 reads
    # its rows 13 and 14 whole (their amounts under their names' tails)
    rows = extract(fixture_text(f"extracted/printings/narrow/pdftotext-layout/{QINGLONG}"))
    tab = extract((SAMPLES / QINGLONG).read_text(encoding="utf-8"))

    def spent(found):  # type: ignore[no-untyped-def]
        return {
            (r.subject_code, r.subject_name, r.measure, r.amount_wan)
            for r in found
            if isinstance(r, FunctionAmountRow) and r.table_name == "expenditure"
        }

    assert spent(rows) == spent(tab)
    assert ("21208", "国有土地使用权出让收入安排的支出", "total", Decimal("209.65")) in spent(rows)
    assert not [q for q in quarantined(rows) if q.family == "expenditure"]

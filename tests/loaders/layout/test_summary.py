"""The two-sided summary tables printed without tabs."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from types import SimpleNamespace

import pytest

from loaders.document import Line
from loaders.layout import summary
from loaders.layout.body import all_heads_apart, join_split_amounts, read_body
from loaders.layout.header import column_numbering
from loaders.layout.text import Cell, line_cells, text_cell
from loaders.layout.tokenizer import Kind
from loaders.rows import FunctionAmountRow, QuarantineRow, SummaryLineRow
from tests.conftest import FIXTURES, SAMPLES
from tests.loaders.layout.helpers import (
    centred,
    extract,
    facts,
    fixture_text,
    one_cell_per_line,
    parse,
    quarantined,
    spaced,
    table,
)

LIAOCHENG = "summary_000_final.txt"
QINGLONG = "summary_003_budget.txt"
LIAOCHENG_APPROPRIATION = "appropriation_summary_000_final.txt"
FUNDS = ("general_budget", "government_fund", "state_capital")


def lines(result) -> dict[tuple[str, str, str], SummaryLineRow]:
    return {(r.side, r.line_key, r.fund): r for r in result.rows if isinstance(r, SummaryLineRow)}


def same_facts(name: str, layout, stage: str = "final") -> None:
    text = fixture_text(name)
    family = "appropriation_summary" if name.startswith("appropriation") else "summary"
    original = parse(table(text, family), stage)
    result = parse(table(layout(text), family), stage)
    assert facts(result.rows, SummaryLineRow) == facts(original.rows, SummaryLineRow)
    assert result.quarantine == original.quarantine == []


def test_halves_with_row_numbers_in_the_space_and_cell_layouts():
    same_facts(LIAOCHENG, spaced)
    same_facts(LIAOCHENG, one_cell_per_line)


def test_a_half_with_no_name_is_told_by_its_row_number():
    # `9  九、卫生健康支出  40  91.10`: 9 is the income side's row number, its name and amount blank
    result = parse(table(spaced(fixture_text(LIAOCHENG)), "summary"))
    health = lines(result)[("expenditure", "210", "total")]
    assert (health.row_number, health.amount_wan) == ("40", Decimal("91.10"))
    assert ("income", "", "total") not in lines(result)


def test_budget_lines_with_a_serial_and_a_number_printed_in_a_name():
    # 003: `32 本年收入合计 707. 31 31 本年支出合计` — 31 is printed in the expenditure name's cell
    same_facts(QINGLONG, spaced, "budget")
    same_facts(QINGLONG, one_cell_per_line, "budget")
    result = parse(table(spaced(fixture_text(QINGLONG)), "summary"), "budget")
    total = lines(result)[("expenditure", "expenditure_total", "total")]
    assert (total.line_name, total.amount_wan) == ("31 本年支出合计", None)


def test_serial_lines_with_their_names_centred_around_them():
    # 003 as a PDF tool prints tall cells: `一、一般公共预算 一、一般公共服务` / `1  509.01  419.39` /
    # `拨款收入 支出`; each line's pieces are its own (their counts chain) and only one placement of
    # them gives names in their places (an income half opens with an income name and prints one amount)
    printed = parse(table(fixture_text(QINGLONG), "summary"), "budget")
    original = lines(printed)
    result = parse(table(centred(fixture_text(QINGLONG)), "summary"), "budget")
    found = lines(result)
    for key in (("income", "general_budget_appropriation", "total"), ("expenditure", "201", "total")):
        assert (found[key].line_name, found[key].amount_wan) == (original[key].line_name, original[key].amount_wan)
    # `十九、自然资源海` / `19` / `洋气象等支出` ends its page: 19 is a 序号, not a page number
    assert found[("expenditure", "220", "total")].row_number == "19"
    assert found[("expenditure", "212", "total")].amount_wan == Decimal("209.65")
    # `31 本年支出合` (the head of the name cell `31 本年支出合计`, centred on row 32 with `计` below it) is
    # no 序号 line but a name piece: row 32's expenditure name
    assert found[("expenditure", "expenditure_total", "total")].line_name == "31 本年支出合计"
    # `八、附属单位上缴 八、社会保障和就` / `8  52. 27` / `收入 业支出` and `32  本年收入合计  707. 31` (the
    # expenditure name centred around it) each read two ways: the amount on either side. Only one of the
    # four combinations keeps Σ income lines = 本年收入合计 (707.31 = 509.01 + 198.30).
    assert found[("expenditure", "208", "total")].amount_wan == Decimal("52.27")
    assert found[("income", "subsidiary_remittance", "total")].amount_wan is None
    assert found[("income", "income_total", "total")].amount_wan == Decimal("707.31")
    assert facts(result.rows, SummaryLineRow) == facts(printed.rows, SummaryLineRow)
    assert result.quarantine == []


def test_lines_read_two_ways_that_the_tables_sums_do_not_settle_are_reported():
    # the same table with 本年收入合计 printed 700.00: no combination of the readings of rows 8 and 32
    # makes Σ income lines = 本年收入合计 (the expenditure side prints no 本年支出合计 amount either), so
    # neither side is chosen: both rows are reported, the rest loads
    text = fixture_text(QINGLONG).replace("本年收入合计\t707. 31", "本年收入合计\t700. 00")
    result = parse(table(centred(text), "summary"), "budget")
    found = lines(result)
    assert ("expenditure", "208", "total") not in found
    assert ("income", "income_total", "total") not in found
    assert any("700. 00" in q.text and "the table's sums hold under none" in q.reason for q in result.quarantine)
    assert any("52. 27" in q.text for q in result.quarantine)
    assert len(result.quarantine) == 2
    assert found[("expenditure", "212", "total")].amount_wan == Decimal("209.65")


def test_a_centred_line_read_two_ways_is_settled_by_its_own_fund_identity():
    # 003's 财政拨款收支总表 centred: `一、一般公共预算 一、一般公共服务` / `1  509.01  419. 39  419.39` /
    # `拨款 支出` reads as income 509.01 and spending 419.39 | 419.39, or income blank and spending
    # 509.01 | 419.39 | 419.39; only the first has 合计 = Σ funds. `33  30. 74` between 年初 and 年末
    # 财政拨款结转和结余: alone under 合计 on the spending side, its funds would be blank; it is 年初's.
    text = fixture_text("appropriation_summary_003_budget.txt")
    original = parse(table(text, "appropriation_summary"), "budget")
    result = parse(table(centred(text), "appropriation_summary"), "budget")
    assert facts(result.rows, SummaryLineRow) == facts(original.rows, SummaryLineRow)
    assert result.quarantine == []
    found = lines(result)
    assert found[("income", "general_budget_appropriation", "total")].amount_wan == Decimal("509.01")
    assert found[("income", "opening_balance", "total")].amount_wan == Decimal("30.74")


def test_the_appropriation_summarys_fund_columns_are_placed_by_its_identities():
    # per fund: income + 年初结转 = 本年支出合计 + 年末结转; 本年支出合计 = Σ class lines
    same_facts(LIAOCHENG_APPROPRIATION, spaced)
    result = parse(table(spaced(fixture_text(LIAOCHENG_APPROPRIATION)), "appropriation_summary"))
    found = lines(result)
    assert found[("expenditure", "212", "government_fund")].amount_wan == Decimal("256.92")
    assert found[("expenditure", "212", "general_budget")].amount_wan is None
    assert found[("expenditure", "expenditure_total", "state_capital")].amount_wan is None


def test_a_fund_table_total_is_not_placed_by_an_income_line_read_unsure():
    # pdfplumber, narrow printing of 000: the 财政拨款收支总表's names are centred around their rows and
    # mostly cut; `政府性基金预算财政拨` (the 年初 balance's fund line, its `款` and the 年初 line itself not
    # rebuilt) must not stand for the year's 政府性基金预算财政拨款 income, printed blank: read so, it
    # would place the 政府性基金表's 合计 256.92 under 年初结转和结余 instead of 本年收入.
    rows = extract(fixture_text("extracted/printings/narrow/pdfplumber/000_db1be295244703ad.txt"))
    fund = {
        (r.subject_code, r.measure): r.amount_wan for r in rows if getattr(r, "table_name", "") == "government_fund"
    }
    assert fund.get(("total", "opening_balance")) is None
    assert ("total", "income") not in fund or fund[("total", "income")] == Decimal("256.92")
    # loaded under 本年收入 (the names rebuilt around their rows), or set aside: never lost silently
    assert ("total", "income") in fund or any(
        q.line_no and "256.92" in q.text for q in quarantined(rows) if q.family == "government_fund"
    )


def test_a_fund_line_after_the_income_total_is_not_read_as_the_years_appropriation():
    # the 年初 line's name printed cut: the three fund lines after 本年收入合计 are its parts, not the
    # year's income lines 一/二/三 again
    text = spaced(fixture_text(LIAOCHENG_APPROPRIATION)).replace("年初财政拨款结转和结余", "年初财政拨", 1)
    result = parse(table(text, "appropriation_summary"))
    incomes = [r for r in result.rows if isinstance(r, SummaryLineRow) and r.side == "income"]
    assert [r.row_number for r in incomes if r.line_key == "government_fund_appropriation"] == ["2"]
    assert any("after 本年收入合计" in q.reason and "政府性基金" in q.text for q in result.quarantine)


QINGLONG_PDF = "003_ff2ed464ea78daa4.txt"  # sample 003 printed to PDF and extracted (tests/fixtures/extracted)


def appropriation_rows(path: str) -> tuple[dict[tuple[str, str, str], SummaryLineRow], list[object]]:
    rows = extract((FIXTURES / "extracted" / path).read_text(encoding="utf-8"), QINGLONG_PDF)
    found = {
        (r.side, r.line_key, r.fund): r
        for r in rows
        if isinstance(r, SummaryLineRow) and r.table_name == "appropriation_summary"
    }
    return found, [r for r in rows if isinstance(r, QuarantineRow) and r.family == "appropriation_summary"]


def loads_whole(path: str) -> dict[tuple[str, str, str], SummaryLineRow]:
    """003's 财政拨款收支总表 as a tool printed it: every line loaded, as the tab text gives it."""
    found, quarantined = appropriation_rows(path)
    assert quarantined == []
    tab = parse(table(fixture_text("appropriation_summary_003_budget.txt"), "appropriation_summary"), "budget")
    assert facts(list(found.values()), SummaryLineRow) == facts(tab.rows, SummaryLineRow)
    return found


def test_amounts_cut_at_their_point_in_a_two_sided_table_are_joined():
    # pdfplumber, cells set at the top of their row: `32 本年收入合计 707. 本年支出合计 738. 528. 41 209. 65`
    # over `31 05` (31 is no 序号: it ends 707.), `2 二、政府性基金预 198. 二、外交支出` over `算拨款 30`; its
    # 栏次 printed `栏 1 2 3 4 5 6 7` over `次`. Every line loads, as the tab text gives it.
    found = loads_whole(f"printings/top/pdfplumber/{QINGLONG_PDF}")
    assert found[("income", "income_total", "total")].amount_wan == Decimal("707.31")
    assert found[("income", "government_fund_appropriation", "total")].amount_wan == Decimal("198.30")
    spent = {fund: found[("expenditure", "expenditure_total", fund)].amount_wan for fund in ("total", *FUNDS)}
    assert spent == {
        "total": Decimal("738.05"),
        "general_budget": Decimal("528.41"),
        "government_fund": Decimal("209.65"),
        "state_capital": None,
    }


def test_one_cell_per_line_a_name_glued_to_its_amounts_head_loads():
    # PyMuPDF, narrow printing: `二十、住房保障支出26.` / `14` / `26. 14`; the table loads whole
    found = loads_whole(f"printings/narrow/pymupdf/{QINGLONG_PDF}")
    assert found[("expenditure", "221", "total")].amount_wan == Decimal("26.14")


@pytest.mark.parametrize("printing", ["middle", "narrow"])
def test_an_amount_floating_on_a_line_of_two_halves_goes_to_the_income_half_its_identity_leaves(printing):
    # pdfplumber, cells centred in their row: `二、政府性基金预 198.` / `2 二、外交支出` / `算拨款 30` (198.30 cut
    # around row 2's 序号 line, which prints no amount); `707. 738.` / `32 本年收入合计 本年支出合计 528. 41
    # 209. 65` / `31 05`; narrow, under a header printed again: `收入总 738. 支出总 738.` / `37 528. 41 209. 65` /
    # `计 05 计 05`. An income half printing no amount takes the one floating amount that leaves the
    # expenditure half 合计 = Σ funds; the table loads as the tab text gives it.
    prefix = "" if printing == "middle" else f"printings/{printing}/"
    found = loads_whole(f"{prefix}pdfplumber/{QINGLONG_PDF}")
    assert found[("income", "government_fund_appropriation", "total")].amount_wan == Decimal("198.30")
    assert found[("expenditure", "202", "total")].amount_wan is None
    assert found[("income", "income_total", "total")].amount_wan == Decimal("707.31")
    assert found[("income", "grand_total", "total")].amount_wan == Decimal("738.05")
    assert found[("expenditure", "grand_total", "total")].amount_wan == Decimal("738.05")


def test_a_floating_amount_stays_on_the_expenditure_half_unless_one_choice_fits():
    def line(income: list[str], spent: list[str], floating: int) -> tuple[summary.PrintedLine, list[Cell]]:
        cells = [Cell(Kind.NUMBER, text, 1) for text in spent]
        halves = {
            "income": summary.Half(
                name=text_cell("二、政府性基金预算拨款", 1), values=[Cell(Kind.NUMBER, t, 1) for t in income]
            ),
            "expenditure": summary.Half(name=text_cell("二、外交支出", 1), values=cells),
        }
        return summary.PrintedLine(1, "2", halves, []), cells[len(cells) - floating :]

    def after(printed: summary.PrintedLine, floating: list[Cell]) -> tuple[list[str], list[str]]:
        summary.floating_income([printed], floating, 4, "万元")
        return [c.text for c in printed.halves["income"].values], [c.text for c in printed.halves["expenditure"].values]

    assert after(*line([], ["198.30"], 1)) == (["198.30"], [])
    assert after(*line([], ["528.41", "209.65", "707.31", "738.05"], 2)) == (["707.31"], ["528.41", "209.65", "738.05"])
    # the half's own amounts add up with it: it stays (合计 = the one fund)
    assert after(*line([], ["52.27", "52.27"], 1)) == ([], ["52.27", "52.27"])
    # either choice fits (blank funds, or 0.00 the income's): left to the identities
    assert after(*line([], ["0.00"], 1)) == ([], ["0.00"])
    # an income half printing its amount takes none
    assert after(*line(["509.01"], ["419.39", "419.39"], 1)) == (["509.01"], ["419.39", "419.39"])


def test_a_rows_cells_set_on_a_line_under_its_serial_line_join_its_row():
    # pdftotext -layout, middle printing: `2 二、政府性基金预` / `算拨款` / `198. 二、外交支出` / `30`: row 2's
    # income amount, cut at its point, shares a line with row 2's expenditure name (二: the row's number;
    # one line is one band of the page, and rows do not overlap), left of it: the income side's amount.
    # Its tail is no page number (a head followed by a numbered line name holds one).
    # Row 3 likewise: `3 三、国有资本经营` / `预算拨款 三、国防支出` is the row and its income name's tail (the
    # form's line name 三、国有资本经营预算拨款), not a head of row 4. The whole table loads as the tab text.
    found = loads_whole(f"pdftotext-layout/{QINGLONG_PDF}")
    assert found[("income", "government_fund_appropriation", "total")].amount_wan == Decimal("198.30")
    assert found[("expenditure", "202", "total")].amount_wan is None  # 二、外交支出: blank, as printed
    assert found[("income", "state_capital_appropriation", "total")].line_name == "三、国有资本经营预算拨款"
    assert found[("expenditure", "grand_total", "general_budget")].amount_wan == Decimal("528.41")


def test_a_column_numbering_with_its_label_wrapped_is_part_of_the_header():
    # pdfplumber, middle printing: `栏` / `1 2 3 4 5 6 7` / `次`; top printing: `栏 1 2 3 4 5 6 7` / `次`
    def cells(text: str) -> list[Cell]:
        return line_cells(Line(1, text))

    for printed in ("栏", "次", "1 2 3 4 5 6 7", "栏 1 2 3 4 5 6 7"):
        assert column_numbering(cells(printed)), printed
    for printed in ("1 509.01 419.39", "2 3", "1 2 4", "8 52. 27 52. 27", "栏 2 3 4"):
        assert not column_numbering(cells(printed)), printed


def test_an_amount_whose_place_among_its_lines_amounts_is_not_printed_floats():
    # pdfplumber, middle printing: `一、一般公共预算 一、一般公共服务支 419.` / `1 509.01 419.39` / `拨款 出 39`:
    # 419.39 joined from the pieces above and below row 1's line; which fund column it is is not printed
    body = read_body(
        [Line(1, "一、一般公共预算 一、一般公共服务支 419."), Line(2, "1 509.01 419.39"), Line(3, "拨款 出 39")],
        "部门预算财政拨款收支总表",
    )
    lines = [all_heads_apart(line) for line in body.lines]
    split = join_split_amounts(lines, body.raw, 2, partial(summary._opening, {2}))
    [joined] = split.floating
    main = next(line for line in split.lines if line[0].text == "1")
    income = summary.Half(name=text_cell("一、一般公共预算拨款", 2), values=[main[1]], key="x")
    spent = summary.Half(name=text_cell("一、一般公共服务支出", 2), values=[main[2], joined], key="201")
    line = summary.PrintedLine(2, "1", {"income": income, "expenditure": spent}, main)
    columns = summary.Columns(True, False, ("total", *FUNDS))
    table = summary.Prepared("appropriation_summary", "万元", 0, columns, [line], [], floating=split.floating)
    table.keyed()
    [row] = table.solver_rows()
    assert (row.key, row.floating, [v.wan for v in row.values]) == (
        "appropriation_summary:201",
        1,
        [Decimal("419.39"), Decimal("419.39")],
    )


def pymupdf_like(text: str) -> str:
    """The table one cell per line as PyMuPDF prints 000's 财政拨款收支总表: names wrapped in their cells
    as pieces on lines of their own, an amount and the next cell's head set on one line."""
    printed = one_cell_per_line(text)
    for whole, wrapped in (
        ("一、一般公共预算财政拨款", "一、一般公共预算财\n政拨款"),
        ("二、政府性基金预算财政拨款", "二、政府性基金\n预算财政拨款"),
        ("七、文化旅游体育与传媒支出", "七、文化旅游体育与\n传媒支出"),
    ):
        assert f"\n{whole}\n" in printed
        printed = printed.replace(f"\n{whole}\n", f"\n{wrapped}\n", 1)
    assert "\n3,353.52\n一、一般公共服务支出\n" in printed
    return printed.replace("\n3,353.52\n一、一般公共服务支出\n", "\n3,353.52 一、一般公共服务支\n出\n")


def test_one_cell_per_line_names_wrapped_over_cells_and_a_glued_line():
    text = fixture_text(LIAOCHENG_APPROPRIATION)
    original = parse(table(text, "appropriation_summary"))
    result = parse(table(pymupdf_like(text), "appropriation_summary"))
    assert facts(result.rows, SummaryLineRow) == facts(original.rows, SummaryLineRow)
    assert result.quarantine == []


def test_one_cell_per_line_pieces_join_only_as_a_cell_wraps():
    from loaders.document import Line
    from loaders.layout.summary import _wrapped_names_joined
    from loaders.layout.text import whole_line_cell

    def joined(*texts: str) -> list[str]:
        cells = [whole_line_cell(Line(n, text)) for n, text in enumerate(texts, start=1)]
        return [cell.text for cell in _wrapped_names_joined(cells)]

    assert joined("二、政府性基金", "预算财政拨款", "2") == ["二、政府性基金预算财政拨款", "2"]
    # page debris after a whole name (`万元`, `基金` of a header printed again) is no piece of it
    assert joined("三、国有资本经营预算拨款", "万元", "基金") == ["三、国有资本经营预算拨款", "万元", "基金"]
    # a `一、` numbering opens a name of its own
    assert joined("一、一般公共预算财政拨款", "二、外交支出") == ["一、一般公共预算财政拨款", "二、外交支出"]


def test_one_cell_per_line_a_header_that_reads_on_into_the_data_quarantines_the_table():
    # the first line name garbled: the header block runs on into the rows, whose amounts it would eat
    text = pymupdf_like(fixture_text(LIAOCHENG_APPROPRIATION)).replace("\n政拨款\n", "\n政拨x\n", 1)
    result = quarantined(extract(text))
    assert any("an amount in the header block (3,353.52)" in q.reason for q in result)


def test_two_tails_on_one_line_apart_by_a_run_of_spaces():
    # cut from tests/fixtures/extracted/pdftotext-layout/001_*: `政拨款                  出`, the tails of
    # 一、一般公共预算财 (income) and 一、一般公共服务支 (expenditure) on one line
    result = parse(table(fixture_text("appropriation_summary_001_final_pdftotext_layout.txt"), "appropriation_summary"))
    income = lines(result)[("income", "general_budget_appropriation", "total")]
    assert (income.line_name, income.amount_wan) == ("一、一般公共预算财政拨款", Decimal("1214.68"))
    assert not any("cannot be told to belong" in q.reason for q in result.quarantine)


def test_two_heads_on_one_line_apart_by_a_run_of_spaces():
    # cut from tests/fixtures/extracted/printings/bottom/pdftotext-layout/001_*: cells aligned to the
    # bottom of their row, so the heads `一、一般公共预算财            一、一般公共服务支` print above
    result = parse(
        table(fixture_text("appropriation_summary_001_final_pdftotext_layout_bottom.txt"), "appropriation_summary")
    )
    income = lines(result)[("income", "general_budget_appropriation", "total")]
    assert (income.line_name, income.amount_wan) == ("一、一般公共预算财政拨款", Decimal("1214.68"))
    assert not any("cannot be told to belong" in q.reason for q in result.quarantine)


def test_pieces_that_complete_the_tables_own_line_names_whatever_each_sides_cut():
    # pdftotext -layout of sample 000, its 财政拨款收支总表: the income names are cut at 7 characters, the
    # expenditure names at 10 (`年初财政拨款结 28 年末财政拨款结转和结 60` / `转和结余  余`). No one width
    # explains both, but each piece completes a line name the table knows on the row above it, and neither
    # the piece alone nor the row below's name with it is one. (Its fund columns are placed by the
    # document's other tables: the whole document is read.)
    [path] = (FIXTURES / "extracted" / "pdftotext-layout").glob("000_*.txt")
    extracted = extract(path.read_text(encoding="utf-8"))
    rows = [r for r in extracted if getattr(r, "table_name", "") == "appropriation_summary"]
    reported = [q for q in quarantined(extracted) if q.family == "appropriation_summary"]
    found = lines(SimpleNamespace(rows=rows))
    assert found[("income", "opening_balance", "total")].line_name == "年初财政拨款结转和结余"
    assert found[("expenditure", "closing_balance", "total")].line_name == "年末财政拨款结转和结余"
    names = [found[("income", f"opening_balance_{fund}", "total")].line_name for fund in FUNDS]
    assert names == ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    grand = found[("income", "grand_total", "total")]
    assert (grand.line_name, grand.row_number, grand.amount_wan) == ("总计", "32", Decimal("3610.44"))
    closing = [found[("expenditure", "closing_balance", fund)].line_no for fund in ("total", *FUNDS)]
    assert closing == [222] * 4  # the expenditure half of the same printed line
    assert reported == []  # the continued page's header, wrapped otherwise, is no name piece either


@pytest.mark.parametrize(
    "printing",
    [
        # top: the continued page's header wraps its labels otherwise than the first page's (`项目 行 合 计
        # 一般公共预 算财 政府性基金预 算 …` over `次 次 政拨款 财政拨款 算财政拨款`). The second line is no
        # name piece of row 18: the page loads whole, and with no line left unread the 总计 line's funds
        # are placed by 总计 = 本年支出合计 + 年末结转.
        "top",
        # narrow: the continued page's header wraps `国有资本经营预算财政拨款` over three lines (`国有资本经`
        # / `营 预算财政` / `拨款`); its last line is no name piece of row 18 either
        "narrow",
    ],
)
def test_a_header_printed_again_drops_with_its_labels_wrapped_otherwise(printing):
    # pdftotext -layout of sample 000, its 财政拨款收支总表
    rows = extract(fixture_text(f"extracted/printings/{printing}/pdftotext-layout/000_db1be295244703ad.txt"))
    tab = extract(fixture_text("appropriation_summary_000_final.txt"))
    mine = [r for r in rows if getattr(r, "table_name", None) == "appropriation_summary"]
    assert facts(mine, SummaryLineRow) == facts(tab, SummaryLineRow)
    assert not [q for q in quarantined(rows) if q.family == "appropriation_summary"]


def test_a_row_between_two_pieces_of_its_name_takes_both_when_they_make_a_line_name():
    # pdftotext -layout, narrow printing of 004's 财政拨款收支总表: a name wrapped over three lines sets its
    # row's line in the middle (`二、政府性基` / `金预算财政拨  2  536.17  二、外交支出  34 …` / `款`;
    # `七、文化旅游` / `7  体育与传媒支  39 …` / `出`). Neither piece completes a line name with the middle
    # alone, nor the name of the row on its other side; with both it is `二、政府性基金预算财政拨款`
    def by_row(rows) -> dict[tuple[str, str], set[tuple[str, str, Decimal | None]]]:
        found: dict[tuple[str, str], set[tuple[str, str, Decimal | None]]] = {}
        for r in rows:
            if isinstance(r, SummaryLineRow) and r.table_name == "appropriation_summary":
                found.setdefault((r.side, r.row_number), set()).add((r.line_name, r.fund, r.amount_wan))
        return found

    name = "004_4299fd0997e27daa.txt"
    want = by_row(extract((SAMPLES / name).read_text(encoding="utf-8")))
    got = by_row(extract(fixture_text(f"extracted/printings/narrow/pdftotext-layout/{name}")))
    three_lines = [
        ("income", "2"),
        ("income", "3"),
        *(("expenditure", n) for n in ("39", "46", "50", "53", "54", "58")),
    ]
    assert {key: got.get(key) for key in three_lines} == {key: want[key] for key in three_lines}
    assert {line_name for line_name, _, _ in want[("income", "2")]} == {"二、政府性基金预算财政拨款"}


def test_a_half_not_loaded_takes_the_identities_between_lines_with_it():
    # PyMuPDF, narrow printing of 003's 财政拨款收支总表, row 20 printed `二十、住房保障支出` / `26` / `26. 14`
    # (an amount's head `26.` read without its point): the half is not loaded, so 本年支出合计 = Σ class
    # lines misses a term. Before, the solver still held the table to it: broken, it set aside every
    # identity linked to it, and the 支出表 and 一般公共预算支出表 rows, placed by those, were all quarantined
    def of(rows, table_name):  # type: ignore[no-untyped-def]
        return facts([r for r in rows if getattr(r, "table_name", None) == table_name], FunctionAmountRow)

    printed = fixture_text(f"extracted/printings/narrow/pymupdf/{QINGLONG_PDF}")
    assert printed.count("二十、住房保障支出26.\n14\n") == 1
    rows = extract(printed.replace("二十、住房保障支出26.\n14\n", "二十、住房保障支出\n26\n"))
    reported = [q for q in quarantined(rows) if q.family == "appropriation_summary"]
    assert any("二十、住房保障支出" in q.text and "an integer among amounts" in q.reason for q in reported)
    tab = extract((SAMPLES / QINGLONG_PDF).read_text(encoding="utf-8"))
    for table_name in ("expenditure", "general_budget_expenditure"):
        assert of(rows, table_name) == of(tab, table_name), table_name

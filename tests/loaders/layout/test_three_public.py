"""The 三公经费表 printed without tabs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.layout.centred import spacing_known
from loaders.layout.result import LayoutError
from loaders.layout.three_public import segment, vocabulary_layout
from loaders.parsers.three_public import STANDARD_COLUMNS
from loaders.rows import ThreePublicRow
from tests.conftest import SAMPLES
from tests.loaders.layout.helpers import centred, extract, facts, fixture_text, parse, quarantined, spaced, table

LIAOCHENG = "three_public_000_final.txt"
JIYUAN = "three_public_004_final_zeros.txt"
QINGLONG = "three_public_003_budget.txt"
QINGLONG_PAGE_BREAK = "three_public_003_pdf_page_break.txt"


def test_header_words_are_cut_into_item_labels():
    words = ["合计", "因公出国", "(境)费", "公务用车购置及运行维护费", "公务", "接待费"]
    assert segment(words) == ["合计", "因公出国 (境)费", "公务用车购置及运行维护费", "公务 接待费"]
    assert segment(["小计", "公务用车", "运行维护", "费"]) == ["小计", "公务用车 运行维护 费"]


def test_the_column_layout_printed_in_full_keeps_its_item_names():
    text = fixture_text(JIYUAN)
    original = parse(table(text, "three_public"))
    result = parse(table(spaced(text), "three_public"))
    assert facts(result.rows, ThreePublicRow) == facts(original.rows, ThreePublicRow)
    names = {r.item: r.item_name for r in result.rows}
    assert names["vehicle_total"] == "公务用车购置及运行维护费小计"  # stored without its CJK spaces


OPEN_CELLS = {(m, i) for m in ("budget", "actual") for i in ("vehicle_purchase", "vehicle_operation")}


def assert_purchase_and_operation_left_open(rows: list[object]) -> None:
    """000's 三公 table read from rows: every cell as the tab text gives it but the four of 购置费 and
    运行维护费, which are reported, not guessed."""
    original = {(r.measure, r.item): r.amount_wan for r in parse(table(fixture_text(LIAOCHENG), "three_public")).rows}
    loaded = {(r.measure, r.item): r.amount_wan for r in rows if isinstance(r, ThreePublicRow)}
    assert loaded == {key: value for key, value in original.items() if key not in OPEN_CELLS}
    assert loaded[("budget", "total")] == Decimal("1.65") and loaded[("actual", "overseas_travel")] is None
    [problem] = [q for q in quarantined(rows) if q.family == "three_public"]
    assert "cannot tell the columns of its 8 amount(s) under 12 columns" in problem.reason
    assert problem.reason.endswith(
        "not budget:vehicle_purchase/budget:vehicle_operation/actual:vehicle_purchase/actual:vehicle_operation"
    )


def test_purchase_and_operation_cannot_be_told_apart_in_the_budget_half():
    # 000 prints 1.65 | | 1.28 | | 1.28 | 0.36 per half: the 1.28 under 公务用车 is 购置费 or 运行维护费 —
    # nothing in the table alone tells (in the document, the 基本支出 table settles the 决算数 half). The
    # line is quarantined with the reason; the cells every placement agrees on are loaded, the two
    # open ones of each half are not, and no amount is guessed.
    assert_purchase_and_operation_left_open(extract(spaced(fixture_text(LIAOCHENG))))


def test_the_row_layout_keeps_the_total_column():
    text = fixture_text(QINGLONG)
    original = parse(table(text, "three_public"), "budget")
    result = parse(table(spaced(text), "three_public"), "budget")
    assert facts(result.rows, ThreePublicRow) == facts(original.rows, ThreePublicRow)
    assert {r.item: r.amount_wan for r in result.rows}["total"] == Decimal("4.40")


def test_item_names_centred_around_a_line_printing_only_their_serial():
    # `一、因公出国(境` / `3` / `)费`: the name wrapped in a tall cell, its 序号 alone on the middle line
    text = fixture_text(QINGLONG)
    printed = centred(text)
    assert "\n3\n" in printed and "\n6  3. 20  3. 20\n" in printed
    original = parse(table(text, "three_public"), "budget")
    result = parse(table(printed, "three_public"), "budget")
    assert facts(result.rows, ThreePublicRow) == facts(original.rows, ThreePublicRow)
    assert result.quarantine == []


def test_item_names_centred_around_their_serials_up_to_a_header_printed_again():
    # 003's table read from a PDF with column rules only (tests/support/pdf.py): names centred on their
    # 序号 lines, then the header printed again on the next page. The header's words-only lines are no
    # name pieces: before, they broke the run's count of pieces and five rows were reported.
    text = fixture_text(QINGLONG_PAGE_BREAK)
    assert text.count("资金性质") == 2
    result = parse(table(text, "three_public"), "budget")
    assert result.quarantine == []
    original = parse(table(fixture_text(QINGLONG), "three_public"), "budget")
    assert facts(result.rows, ThreePublicRow) == facts(original.rows, ThreePublicRow)
    names = {r.item: r.item_name for r in result.rows}
    assert names["vehicle_purchase"] == "其中:公务用车购置费"


def test_a_serial_printed_without_any_name_is_reported():
    # `3` with no name pieces around it: the line is reported, not dropped
    printed = centred(fixture_text(QINGLONG)).replace("一、因公出国(境\n3\n)费\n", "3\n", 1)
    result = parse(table(printed, "three_public"), "budget")
    assert [q.text.strip() for q in result.quarantine if "without its item's name" in q.reason] == ["3"]
    assert "overseas_travel" not in {r.item for r in result.rows}


# pdfplumber's 三公 header (000): labels wrapped in their cells, cells spanning rows, lines mixed.
PLUMBER_HEADER = [
    "数 数",
    "因公出 公务用车购置 公务 接 因公出 公务用车购置 公务 接",
    "合计 合计",
    "国 (境)费 及运行维护费 待费 国 (境)费 及运行维护费 待费",
    "公务用 公务用",
    "公务用车 运 公务用车 运",
    "小计 车 购置 小计 车 购置",
    "行维护 费 行维护 费",
    "费 费",
]


def _words(lines: list[str]) -> list[list[str]]:
    return [line.split() for line in lines]


def test_a_header_spread_over_many_lines_is_read_by_its_labels():
    layout = vocabulary_layout(["budget", "actual"], 2, _words(PLUMBER_HEADER), 12)
    assert layout.columns == [(h, item) for h in ("budget", "actual") for item in STANDARD_COLUMNS]
    # the labels' names as stored (document.name_text)
    assert layout.header[1][:6] == ["合计", "因公出国(境)费", "公务用车购置及运行维护费", "", "", "公务接待费"]
    assert layout.header[2][:6] == ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""]


def test_a_header_whose_words_contradict_the_standard_order_is_not_read():
    swapped = [
        line.replace("因公出", "@").replace("公务 接", "因公出").replace("@", "公务 接") for line in PLUMBER_HEADER
    ]
    swapped = [line.replace("国 (境)费", "@").replace("待费", "国 (境)费").replace("@", "待费") for line in swapped]
    with pytest.raises(LayoutError, match="not the standard labels twice in the standard column order"):
        vocabulary_layout(["budget", "actual"], 2, _words(swapped), 12)


def test_a_header_without_six_columns_a_half_is_not_read():
    with pytest.raises(LayoutError, match="numbers 10 columns, not 6 per half"):
        vocabulary_layout(["budget", "actual"], 2, _words(PLUMBER_HEADER), 10)
    with pytest.raises(LayoutError, match="not the standard labels"):  # a label missing
        vocabulary_layout(["budget", "actual"], 2, _words(PLUMBER_HEADER[:-1]), 12)


def _pymupdf(name: str, first: int, last: int, printing: str = "") -> str:
    """Lines first..last (1-based) of a PyMuPDF fixture: one cell per line."""
    folder = f"extracted/printings/{printing}/pymupdf" if printing else "extracted/pymupdf"
    return "\n".join(fixture_text(f"{folder}/{name}").split("\n")[first - 1 : last])


def test_one_cell_per_line_halves_and_item_labels_wrapped_over_cells():
    # PyMuPDF, 004: `预算` / `数` / `决算` / `数`, then the labels wrapped in their cells (`公务用车购` / `置及运行维`
    # / `护费`), the 栏次 numbers and the twelve amounts
    text = _pymupdf("004_4299fd0997e27daa.txt", 1332, 1394)
    assert "\n预算\n数\n决算\n数\n合计\n因公出国\n（境）费\n公务用车购\n置及运行维\n护费\n" in text
    original = parse(table(fixture_text(JIYUAN), "three_public"))
    result = parse(table(text, "three_public"))
    assert facts(result.rows, ThreePublicRow) == facts(original.rows, ThreePublicRow)
    assert result.quarantine == []


def test_one_cell_per_line_a_label_wrapped_at_its_space_is_read():
    # PyMuPDF, 000 narrow printing: `因公出` / `国 (境)` / `费`. The document prints `因公出国 (境)费`; a
    # wrap may as well have eaten the space (003 prints `…因公出国 (境)费` wrapped as `…因公出国` / `(境)费`),
    # and it does not matter: a space between a Chinese character and an ASCII bracket is typesetting
    # (document.name_text), so the label is 因公出国(境)费 either way
    text = _pymupdf("000_db1be295244703ad.txt", 1115, 1183, "narrow")
    assert "\n因公出\n国 (境)\n费\n" in text
    rows = extract(text)
    assert {r.item_name for r in rows if isinstance(r, ThreePublicRow) and r.item == "overseas_travel"} == {
        "因公出国(境)费"
    }
    assert_purchase_and_operation_left_open(rows)


def test_a_header_over_many_lines_with_a_label_wrapped_at_its_space_is_read():
    # pdftotext -layout, 000 narrow printing: `因公出` / `国 (境)` / `费` on three lines of the header, read
    # as the label 因公出国(境)费 (joined by spaces `因公出国 (境) 费`: the same name, as stored)
    lines = fixture_text("extracted/printings/narrow/pdftotext-layout/000_db1be295244703ad.txt").split("\n")
    text = "\n".join(lines[387:403])
    assert "   因公出 公务用车购" in text and "\n合计 国 (境) 置及运行维" in text and "\n   费     护费" in text
    assert_purchase_and_operation_left_open(extract(text))


def test_header_words_whose_readings_differ_only_in_spaces_are_read():
    # pdfplumber, 000 narrow printing: the sub-labels stacked a word a line (`公务` / `公务用车` / `用车` /
    # `小计 运行维护` / `购置` / `费` / `费`, each line holding both halves'). The words make the standard labels
    # two ways, `公务 用车 运行维护 费` or `公务用车 运行维护 费`: the same name as stored, so one reading
    lines = fixture_text("extracted/printings/narrow/pdfplumber/000_db1be295244703ad.txt").split("\n")
    text = "\n".join(lines[451:469])
    assert "\n公务⽤⻋ 公务⽤⻋\n⽤⻋ ⽤⻋\n⼩计 运⾏维护 ⼩计 运⾏维护\n" in text
    assert_purchase_and_operation_left_open(extract(text))


def test_one_cell_per_line_the_row_layout_with_labels_wrapped_over_cells():
    # PyMuPDF, 003 narrow printing: header labels wrapped (`资金性` / `质`, `序` / `号`, `一般公共预算 财政` /
    # `拨款`, `栏` / `次`) and an item name wrapped at its space (`其中:教育科研人员因公出国` / `(境)费`)
    text = _pymupdf("003_ff2ed464ea78daa4.txt", 1072, 1122, "narrow")
    assert "\n其中:教育科研人员因公出国\n(境)费\n" in text
    original = parse(table(fixture_text(QINGLONG), "three_public"), "budget")
    rows = extract(text)
    assert facts([r for r in rows if isinstance(r, ThreePublicRow)], ThreePublicRow) == facts(
        original.rows, ThreePublicRow
    )
    assert not [q for q in quarantined(rows) if q.family == "three_public"]


QINGLONG_PDF = "003_ff2ed464ea78daa4.txt"  # sample 003 printed to PDF and extracted (tests/fixtures/extracted)


def budget_rows(path: str) -> tuple[dict[str, ThreePublicRow], list[object]]:
    rows = extract(fixture_text(f"extracted/printings/narrow/{path}/{QINGLONG_PDF}"))
    found = {r.item: r for r in rows if isinstance(r, ThreePublicRow)}
    return found, [q for q in quarantined(rows) if q.family == "three_public"]


@pytest.mark.parametrize("tool", ["pdftotext-layout", "pdfplumber"])
def test_the_row_layouts_header_wrapped_over_its_lines_is_read_by_its_labels(tool):
    # narrow printing of 003's 三公 table: `序 项目 合计 一般公共预算 财政 政府性基金 预算 国有资本经营 预算财政`
    # over `号 拨款 拨款 拨款` (pdfplumber: `序 一般公共预算 …` above `项目 合计`, `号 拨款 …` below it). The
    # 项目 line names one amount column; read over its lines the header names four, and the items' 合计
    # are placed by 合计 = Σ funds.
    found, _ = budget_rows(tool)
    tab = {
        r.item: r
        for r in extract((SAMPLES / QINGLONG_PDF).read_text(encoding="utf-8"))
        if isinstance(r, ThreePublicRow)
    }
    for item in ("total", "three_public_subtotal", "vehicle_total", "vehicle_operation", "reception"):
        assert found[item].amount_wan == tab[item].amount_wan, item
    assert found["reception"].amount_wan == Decimal("1.20")


def test_a_name_the_catalogue_completes_across_a_wrap_at_its_space_is_joined():
    # pdftotext -layout, narrow: `4 其中:教育科研人员因公出国` over `(境)费`. The document prints
    # `其中:教育科研人员因公出国 (境)费`; the space at the wrap is typesetting (stored without it either way),
    # so the item catalogue's `教育科研人员因公出国(境)费` completes the name
    found, reported = budget_rows("pdftotext-layout")
    assert found["overseas_travel_education_research"].item_name == "其中:教育科研人员因公出国(境)费"
    assert found["overseas_travel_other"].item_name == "其他因公出国(境)费"
    assert found["overseas_travel"].item_name == "一、因公出国(境)费"
    assert reported == []


def test_a_wrap_where_a_space_may_stand_is_known_but_between_chinese_and_latin_letters():
    # the spacing check of the catalogue joins (loaders.layout.names): a wrap between Chinese characters,
    # or between one and an ASCII bracket, joins the same with a space or without; between a Chinese
    # character and a Latin letter it does not (`PPP 项目` keeps its space as stored)
    assert spacing_known("其中:公务用车", "购置费") and spacing_known("因公出国", "(境)费")
    assert spacing_known("退职(役)", "费") and spacing_known("因公出国", "（境）费")
    assert not spacing_known("PPP", "项目") and not spacing_known("项目", "PPP")


def test_items_printing_no_amount_in_a_table_whose_amounts_stand_apart_are_not_loaded_blank():
    # plain pdftotext, narrow: the amounts `4. 40 4. 40` (合计, "三公"经费) print under the header words, far
    # from the items; the items read print none, and are reported rather than loaded blank
    found, reported = budget_rows("pdftotext")
    assert "three_public_subtotal" not in found and "total" not in found
    assert any("apart from any item" in q.reason and "合计" in q.text for q in reported)


def test_the_item_catalogue_completes_a_cut_name_only():
    from loaders.layout.text import text_cell
    from loaders.layout.three_public import _completes_an_item

    cut = [text_cell("4", 1), text_cell("其中:教育科研人员因公出国", 1)]
    assert _completes_an_item(cut, (1, None), "其中:教育科研人员因公出国(境)费")
    assert not _completes_an_item(cut, (1, None), "其中:教育科研人员因公出国费")  # no wording
    # a name already whole takes no piece, though the name it would make is a wording too (费 → 费用)
    whole = [text_cell("3", 1), text_cell("一、因公出国(境)费", 1)]
    assert not _completes_an_item(whole, (1, None), "一、因公出国(境)费用")

"""Cutting a line of table text into tokens."""

from __future__ import annotations

from loaders.layout.tokenizer import Kind, Token, split_glued_integer, split_glued_number, tokenize


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind.value) for t in tokenize(text, 1)]


def test_a_data_row_printed_with_spaces():
    assert kinds("2080501  行政单位离退休   26.54 26.54") == [
        ("2080501", "number"),
        ("行政单位离退休", "text"),
        ("26.54", "number"),
        ("26.54", "number"),
    ]


def test_an_ocr_space_after_the_decimal_point_stays_inside_the_number():
    assert kinds("1 合计 738. 05 707. 31") == [
        ("1", "number"),
        ("合计", "text"),
        ("738. 05", "number"),
        ("707. 31", "number"),
    ]


def test_amounts_cut_at_their_point_are_not_run_together():
    # pdftotext -layout, sample 003's 收入总表 in narrow cells: `738. 05` and `707. 31` wrapped after the point
    assert kinds("1 合计 738. 707. 707. 31 30. 74") == [
        ("1", "number"),
        ("合计", "text"),
        ("738.", "text"),
        ("707.", "text"),
        ("707. 31", "number"),
        ("30. 74", "number"),
    ]


def test_thousands_separators_and_yuan_without_decimals():
    assert kinds("208 05 行政事业单位养老支出 6,103,096 6,103,096") == [
        ("208", "number"),
        ("05", "number"),
        ("行政事业单位养老支出", "text"),
        ("6,103,096", "number"),
        ("6,103,096", "number"),
    ]


def test_a_dash_printed_for_zero():
    assert kinds("2010301 行政运行 —— 0.00") == [
        ("2010301", "number"),
        ("行政运行", "text"),
        ("——", "dash"),
        ("0.00", "number"),
    ]


def test_a_number_glued_to_the_next_rows_name_is_cut():
    assert kinds("47,483,458一、社会保障和就业支出") == [("47,483,458", "number"), ("一、社会保障和就业支出", "text")]


def test_an_amount_glued_to_the_name_before_it_is_cut():
    # PyMuPDF and pdfplumber print a name and its amount without a space (`二十、住房保障支出26. 14`,
    # `因公出国（境）0.00`), or the amount's head before its decimals wrap (`二十、住房保障支出26.`)
    assert kinds("二十、住房保障支出26. 14 26. 14") == [
        ("二十、住房保障支出", "text"),
        ("26. 14", "number"),
        ("26. 14", "number"),
    ]
    assert kinds("因公出国（境）0.00") == [("因公出国（境）", "text"), ("0.00", "number")]
    assert kinds("二十、住房保障支出26.") == [("二十、住房保障支出", "text"), ("26.", "text")]
    # digits a name ends with are no amount without decimals; a Latin word keeps its digits
    assert kinds("项目2023 abc12.50") == [("项目2023", "text"), ("abc12.50", "text")]


def test_units_and_years_stay_with_their_number():
    assert kinds("58.39万元 2023年度 (二) 单价100万元(含)以上设备") == [
        ("58.39万元", "number"),
        ("2023年度", "text"),
        ("(二)", "text"),
        ("单价100万元(含)以上设备", "text"),
    ]


def test_a_numbered_item_label_is_words_not_a_number():
    assert kinds("1. 副部(省)级及以上领导用车 8") == [
        ("1.", "text"),
        ("副部(省)级及以上领导用车", "text"),
        ("8", "number"),
    ]


def test_an_amount_glued_to_the_next_code_is_cut_by_the_tables_decimals():
    token = Token(Kind.NUMBER, "14.962070114", 1)
    assert split_glued_number(token, 2) == ("14.96", "2070114")
    assert split_glued_number(Token(Kind.NUMBER, "14.96", 1), 2) is None
    assert split_glued_number(token, 0) is None


def test_a_grouped_integer_glued_to_the_next_code_is_cut_after_its_last_group():
    assert split_glued_integer(Token(Kind.NUMBER, "6,103,0962080501", 1)) == ("6,103,096", "2080501")
    assert split_glued_integer(Token(Kind.NUMBER, "6,103,096", 1)) is None
    assert split_glued_integer(Token(Kind.NUMBER, "6103096", 1)) is None


def test_a_two_em_dash_is_a_dash():
    # pdfplumber's text of sample 001's 基本支出 table: `——` printed as one character, U+2E3A
    assert kinds("30902 办公设备购置 ⸺ 311 ⸺") == [
        ("30902", "number"),
        ("办公设备购置", "text"),
        ("⸺", "dash"),
        ("311", "number"),
        ("⸺", "dash"),
    ]

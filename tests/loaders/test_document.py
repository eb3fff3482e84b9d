import pytest

from loaders.document import clean_cell, document_id_for, name_text, parse_document, text_spacing
from loaders.errors import DocumentError

TEXT = "收入决算表\n\n项目\t合计\n201\t一般公共服务支出\t1.00\n"


def test_utf8_and_gb18030_decode_to_the_same_lines():
    utf8 = parse_document(TEXT.encode("utf-8"), "a.txt")
    gbk = parse_document(TEXT.encode("gb18030"), "b.txt")
    assert [line.text for line in utf8.lines] == [line.text for line in gbk.lines]
    assert utf8.document_id != gbk.document_id  # different bytes, different id


def test_document_id_is_the_content_hash():
    doc = parse_document(TEXT.encode("utf-8"), "a.txt")
    assert doc.document_id == document_id_for(TEXT.encode("utf-8"))
    assert parse_document(TEXT.encode("utf-8"), "renamed.txt").document_id == doc.document_id


def test_lines_are_numbered_from_one_and_split_into_cells():
    doc = parse_document(TEXT.encode("utf-8"), "a.txt")
    line = doc.lines[3]
    assert line.no == 4
    assert line.cells == ["201", "一般公共服务支出", "1.00"]


def test_undecodable_bytes_name_the_line():
    data = "第一行\n第二行\n".encode() + b"\xff\xfe\xfa bad\n"
    data = data.replace(b"\xff\xfe", b"\x81\x30\xff")  # invalid in UTF-8 and in GB18030
    with pytest.raises(DocumentError) as error:
        parse_document(data, "bad.txt")
    assert error.value.line_no == 3
    assert "bad.txt:3" in str(error.value)


def test_empty_and_binary_documents_are_rejected():
    with pytest.raises(DocumentError, match="empty"):
        parse_document(b"\n\n  \n", "empty.txt")
    with pytest.raises(DocumentError, match="binary"):
        parse_document(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.txt")
    with pytest.raises(DocumentError, match="cannot read the PDF"):  # a PDF is read (loaders/pdf.py), if it can be
        parse_document(b"%PDF-1.7\x00\x01", "x.txt")


def test_clean_cell_strips_markup_and_whitespace():
    assert clean_cell(" <p>行政运行</p> ") == "行政运行"
    assert clean_cell("$\\geq*$95%") == "95%"
    assert clean_cell("附属单位  上缴收入") == "附属单位 上缴收入"


def test_radicals_read_as_the_ideographs_the_font_draws():
    # pdfplumber on sample 003's 收入总表 header (⾏, ⼊ Kangxi radicals; ⼾ drawn as 户, not NFKC's 戶)
    doc = parse_document("号 码 收⼊ ⼾ 收⼊ ⾏政事业单位\n⻘⻰满族⾃治县".encode(), "a.txt")
    assert [line.text for line in doc.lines] == ["号 码 收入 户 收入 行政事业单位", "青龙满族自治县"]
    assert parse_document("⾭ ⿈ 戶".encode(), "b.txt").lines[0].text == "青 黄 戶"  # 戶 as printed stays


@pytest.mark.parametrize(
    ("printed", "stored"),
    [
        ("合 计", "合计"),  # a justified label
        ("文化旅游体育与 传媒支出", "文化旅游体育与传媒支出"),  # a name wrapped in its cell
        # sample 003 prints `政府办公厅 (室)及相关 机构事务` in its 收入总表, `政府办公厅(室)…` elsewhere
        ("政府办公厅 (室)及相关 机构事务", "政府办公厅(室)及相关机构事务"),
        ("因公出国 (境)费", "因公出国(境)费"),
        ("(一) 行政单位", "(一)行政单位"),
        ("因公出国（境） 费", "因公出国（境）费"),
        ("PPP 项目", "PPP 项目"),  # a Latin word keeps its space
        ("PPP (试点) 项目", "PPP (试点)项目"),
        ("2023 年", "2023 年"),
    ],
)
def test_names_are_stored_without_the_spaces_typesetting_puts_among_chinese_characters(printed, stored):
    assert name_text(printed) == stored


@pytest.mark.parametrize(
    ("printed", "stored"),
    [
        ("产出指标 (30分)", "产出指标(30分)"),  # sample 000 prints it so in one table, without the space in others
        ("反映电子政务外网部署到村 (社区) 的数量", "反映电子政务外网部署到村(社区)的数量"),
        ("指导、督导的乡镇数 反映进行指导", "指导、督导的乡镇数 反映进行指导"),  # a text's own spaces stay
        ("2023 年工作计划", "2023 年工作计划"),
        ("≥ 5 台 (套)", "≥ 5 台(套)"),
    ],
)
def test_printed_texts_are_stored_without_the_space_before_an_ascii_bracket(printed, stored):
    assert text_spacing(printed) == stored

"""Names wrapped over lines: pieces attached to the row they belong to, or left unattached."""

from __future__ import annotations

from loaders.document import Line
from loaders.layout.names import Fragments, always, slot_text, whole_cells
from loaders.layout.text import line_cells


def lines(*texts: str) -> tuple[list[list], dict[int, str]]:
    found = [(n, text) for n, text in enumerate(texts, start=1) if text]
    return [line_cells(Line(n, text)) for n, text in found], dict(found)


def is_row(cells) -> bool:
    return any(not c.is_text for c in cells)


def names_after(texts: tuple[str, ...], widths=None) -> tuple[list[str], list]:
    cells, raw = lines(*texts)
    fragments = Fragments(cells, raw, is_row, whole_cells, always)
    attached, unsure = fragments.attach(widths if widths is not None else fragments.widths())
    return [next(c.text for c in line if c.is_text) for line in attached], unsure


# A tail on the next line and a head on the line before.
TAIL_AND_HEAD = (
    "20103   政府办公厅（室）及 2,784.86   2,784.86",
    "相关机构事务",
    "2010301  行政运行  789.65  789.65",
    "其他政府办公厅（室",
    "2010399  ）及相关机构事 务支出   213.87   213.87",
)


def test_a_tail_on_the_next_line_and_a_head_on_the_line_before():
    names, unsure = names_after(TAIL_AND_HEAD)
    assert names == ["政府办公厅（室）及相关机构事务", "行政运行", "其他政府办公厅（室）及相关机构事 务支出"]
    assert unsure == []


def test_words_not_next_to_a_row_are_page_debris():
    names, unsure = names_after(("30213 维修(护)费 11.98 11.98", "", "刀兀", "", "30217 公务接待费 1.20 1.20"))
    assert names == ["维修(护)费", "公务接待费"]
    assert unsure == []


def test_a_piece_that_fits_both_rows_is_not_attached():
    # width 8: `让收入安排的支出` (8) may be the tail of the row above or the head of the row below
    texts = ("21208 国有土地使用权出 536.17 536.17", "让收入安排的支出", "2120899 其他国有土 536.17 536.17")
    names, unsure = names_after(texts, widths={8})
    assert [u.rows for u in unsure] == [(1, 3)]
    assert names == ["国有土地使用权出", "其他国有土"]


def test_a_name_piece_takes_at_most_one_attachment():
    # the second piece can only be 2120899's tail, so 2120899 is a head: the first piece is 21208's tail
    texts = (
        "21208  国有土地使用权出  536.17 536.17",
        "让收入安排的支出",
        "2120899  其他国有土地使用 536.17 536.17",
        "权出让收入安排的支出",
        "221  住房保障支出   27.81   27.81",
    )
    names, unsure = names_after(texts, widths={8})
    assert names == ["国有土地使用权出让收入安排的支出", "其他国有土地使用权出让收入安排的支出", "住房保障支出"]
    assert unsure == []


def test_a_cut_right_after_a_space_gives_the_space_back():
    # width 13: the head `政府办公厅 (室)及相关 ` shows 12 characters on its line
    texts = ("3 20103 政府办公厅 (室)及相关 419.39 400.00", "机构事务", "4 2010306 政务公开审批 419.39 400.00")
    names, _ = names_after(texts, widths={13})
    assert names[0] == "政府办公厅 (室)及相关 机构事务"


def test_where_pieces_may_go_is_read_once_per_width():
    # The best widths weigh every candidate width, then the table's choice and the attachment ask again:
    # each (piece, width) is read once, and the widths handed out are the caller's to change.
    cells, raw = lines(*TAIL_AND_HEAD)
    asked: list[str] = []

    def counting(cells, slot, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return always(cells, slot, text)

    fragments = Fragments(cells, raw, is_row, whole_cells, counting)
    own = fragments.widths()
    first = len(asked)
    assert first > 0
    own.add(99)
    assert 99 not in fragments.widths() and fragments.choose(None) == fragments.widths()
    assert len(asked) == first  # nothing read again
    names = [next(c.text for c in line if c.is_text) for line in fragments.attach(fragments.widths())[0]]
    assert names == ["政府办公厅（室）及相关机构事务", "行政运行", "其他政府办公厅（室）及相关机构事 务支出"]


# Cut from pdftotext -layout of sample 004 (tests/fixtures/extracted/pdftotext-layout/004_*.txt, lines
# 146-154): the name column cuts at 15 characters. Another table of the document explains its pieces at
# 16 as well, where these heads read as cut right after a space (15 characters shown).
WRAPPED_AT_15 = (
    "20805   行政事业单位养老支出            35.79          35.79       0.00 0.00              0.00   0.00",
    "2080505 机关事业单位基本养老保险缴费支       35.79          35.79       0.00 0.00              0.00   0.00",
    "        出",
    "212     城乡社区支出                536.17         0.00        536.17 0.00            0.00   0.00",
    "21208   国有土地使用权出让收入安排的支       536.17         0.00        536.17 0.00            0.00   0.00",
    "        出",
    "2120899 其他国有土地使用权出让收入安排       536.17         0.00        536.17   0.00          0.00   0.00",
    "        的支出",
    "221     住房保障支出                27.81          27.81       0.00     0.00          0.00   0.00",
)


def test_widths_that_put_a_piece_in_the_same_place_agree_whatever_they_say_of_the_cut():
    # At 15 the heads are cut at the width, at 16 right after a space: both attach each piece as the
    # tail of the row above it, with the same text. The line is attached (it was reported as unsure).
    names, unsure = names_after(WRAPPED_AT_15, widths={15, 16})
    assert unsure == []
    assert [name.replace(" ", "") for name in names] == [
        "行政事业单位养老支出",
        "机关事业单位基本养老保险缴费支出",
        "城乡社区支出",
        "国有土地使用权出让收入安排的支出",
        "其他国有土地使用权出让收入安排的支出",
        "住房保障支出",
    ]


def test_widths_that_put_a_piece_in_different_places_leave_it_unattached():
    # width 8: `让收入安排的支出` is a tail of the row above; width 5 cuts no name here, so the piece
    # fits no row: the widths disagree, the piece is reported
    texts = ("21208 国有土地使用权出 536.17 536.17", "让收入安排的支出", "221 住房保障支出 27.81 27.81")
    names, unsure = names_after(texts, widths={8, 5})
    assert [u.rows for u in unsure] == [(1, 3)]
    assert names == ["国有土地使用权出", "住房保障支出"]


def catalogue(*names: str):  # type: ignore[no-untyped-def]
    """A name catalogue as a family gives one (`completes`): the joined name is known, the piece on the
    row alone is not."""

    def completes(cells, slot, name):  # type: ignore[no-untyped-def]
        return name.replace(" ", "") in names and slot_text(cells, slot).replace(" ", "") not in names

    return completes


def stacked_names(texts: tuple[str, ...], completes) -> tuple[list[list[str]], list]:  # type: ignore[no-untyped-def]
    cells, raw = lines(*texts)
    fragments = Fragments(cells, raw, is_row, whole_cells, always, completes=completes)
    attached, unsure = fragments.attach(fragments.widths())
    return [[c.text for c in line if c.is_text] for line in attached], unsure


# Cut from pdftotext -layout of sample 001, cells aligned to the top of their row
# (tests/fixtures/extracted/printings/top/pdftotext-layout/001_*, lines 265-270): three names wrapped over
# three lines, their pieces stacked two lines deep under the row.
STACKED = (
    "30309   奖励金    4.02 30229      福利费      9.08 31006 大型修缮      39909 经常性赠与",
    "30310   个人农业生产      30231      公务用车     4.09 31007 信息网络及     39910 资本性赠与",
    "        补贴                     运行维护                 软件购置更",
    "                               费                    新",
    "30311   代缴社会保险        30239    其他交通     14.55 31008 物资储备     39999 其他支出",
)
STANDARD = ("个人农业生产补贴", "公务用车运行维护费", "信息网络及软件购置更新", "代缴社会保险费", "其他交通费用")


def test_pieces_stacked_under_a_row_complete_its_names_the_one_way_the_catalogue_allows():
    names, unsure = stacked_names(STACKED, catalogue(*STANDARD))
    assert unsure == []
    assert names[1] == ["个人农业生产补贴", "公务用车运行维护费", "信息网络及软件购置更新", "资本性赠与"]
    assert names[2] == ["代缴社会保险", "其他交通", "物资储备", "其他支出"]  # nothing stacked above it is its


def test_stacked_pieces_that_complete_names_two_ways_are_not_attached():
    # were 资本性赠与软件购置更新 a known name too, `软件购置更` / `新` could end it instead of 信息网络及…:
    # two ways, so the stack is left unsure and its rows reported
    names, unsure = stacked_names(STACKED, catalogue(*STANDARD, "资本性赠与软件购置更新"))
    assert {u.line_no for u in unsure} == {3, 4}
    assert names[1] == ["个人农业生产", "公务用车", "信息网络及", "资本性赠与"]


# Cut from pdftotext -layout, narrow printing of sample 004's 财政拨款收支总表 (lines 176-184): names
# wrapped over three lines set their row's line in the middle.
SANDWICHED = (
    "一、一般公共   1 3,305.34 一、一般公共 33 3,241.73 3,241.73 0.00  0.00",
    "预算财政拨款              服务支出",
    "二、政府性基",
    "金预算财政拨   2 536.17 二、外交支出 34 0.00        0.00    0.00     0.00",
    "款",
    "三、国有资本",
    "经营预算财政   3 0.00    三、国防支出 35 0.00       0.00    0.00     0.00",
    "拨款",
)
LINE_NAMES = (
    "一、一般公共预算财政拨款",
    "二、政府性基金预算财政拨款",
    "三、国有资本经营预算财政拨款",
    "一、一般公共服务支出",
    "二、外交支出",
    "三、国防支出",
)


def test_a_row_between_two_pieces_takes_both_when_they_complete_its_name_one_way():
    names, unsure = stacked_names(SANDWICHED, catalogue(*LINE_NAMES))
    assert unsure == []
    assert names[1] == ["二、政府性基金预算财政拨款", "二、外交支出"]
    assert names[2] == ["三、国有资本经营预算财政拨款", "三、国防支出"]


def test_a_piece_that_may_complete_the_row_on_its_other_side_leaves_both_unattached():
    # `款` under row 2 is also next to row 3: were `款预算财政拨款` and `款国防支出` known names, it might be
    # row 3's head (of either name): row 2's pieces are left unattached and reported
    texts = (*SANDWICHED[2:5], "预算财政拨款   3 0.00    国防支出 35 0.00  0.00  0.00  0.00")
    names, unsure = stacked_names(texts, catalogue(*LINE_NAMES))
    assert names[0] == ["二、政府性基金预算财政拨款", "二、外交支出"]
    names, unsure = stacked_names(texts, catalogue(*LINE_NAMES, "款预算财政拨款", "款国防支出"))
    assert names[0] == ["金预算财政拨", "二、外交支出"]
    assert {u.line_no for u in unsure} == {1, 3}


def test_widths_that_make_the_same_stored_name_agree():
    # pdftotext -layout, narrow printing of 001's 财政拨款收支总表, read with the widths the document's tables
    # cut at (7 and 8): at 7 the tail joins `二、政府性基金` as printed, at 8 the head was cut after a space
    # (`二、政府性基金 预算财政拨款`). Stored names drop a space between Chinese characters: the two agree
    texts = (
        "二、政府性基金 2          二、外交支出    34",
        "预算财政拨款",
        "三、国有资本经 3          三、国防支出    35",
    )
    names, unsure = names_after(texts, widths={7, 8})
    assert unsure == []
    assert names[0].replace(" ", "") == "二、政府性基金预算财政拨款"

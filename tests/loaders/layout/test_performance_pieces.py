"""A 自评表 printed one piece of a wrapped cell per line (PyMuPDF's text of the printed samples):
which pieces make one cell (loaders/layout/performance/wrapcells), the form's cells joined
(piececells), and the facts that come back."""

from __future__ import annotations

from loaders.document import clean_cell
from loaders.layout.performance import project
from loaders.layout.performance.piececells import whole_cells
from loaders.layout.performance.stream import _joined_runs, _level_end, _may_open
from loaders.layout.performance.wrapcells import join, one_cell
from loaders.render import extract_text
from loaders.rows import KpiIndicatorRow, ProjectAnalysisRow, ProjectRow
from tests.conftest import FIXTURES, SAMPLES
from tests.support.facts import facts_of
from tests.support.make_extracted import shortened

PYMUPDF = FIXTURES / "extracted" / "pymupdf"
SAMPLE_000 = "000_db1be295244703ad.txt"


def _lines(name: str, first: int, last: int) -> list[tuple[int, str]]:
    """Lines first..last (1-based) of a PyMuPDF fixture, as (line number, text)."""
    text = (PYMUPDF / name).read_text(encoding="utf-8").split("\n")  # as the loaders number lines
    return [(no, clean_cell(text[no - 1])) for no in range(first, last + 1) if text[no - 1].strip()]


def _tab_cells(name: str, opening: str) -> list[str]:
    """The non-empty cells of the sample's tab line that opens with `opening`."""
    for line in (SAMPLES / name).read_text(encoding="utf-8").splitlines():
        if line.startswith(opening):
            return [cell for cell in line.split("\t") if cell]
    raise AssertionError(opening)


def test_a_wrapped_text_is_one_cell():
    pieces = ("质保金项目资金按", "时支付到位,涉及的", "各系统充分发挥效", "能,方便群众办事")
    assert one_cell(pieces)
    assert join(pieces) == "质保金项目资金按时支付到位,涉及的各系统充分发挥效能,方便群众办事"
    assert one_cell(("419268件", "次"))  # a value wrapped before its unit's last character


def test_cells_side_by_side_are_not_one():
    assert not one_cell(("年初预算数", "全年预算数(A)"))  # `全` would have fitted on the first line
    assert not one_cell(("能,方便群众办事", "质保金项目资金已按时"))  # the second line is wider
    assert not one_cell(("4", "4"))  # a number never continues a cell
    assert not one_cell(("49.", "834"))  # no break inside a number


def test_the_form_cells_of_a_project_table():
    """Sample 000's first 自评表 up to its indicator header: labels wrapped over pieces (`得` / `分`,
    `执行率` / `(B/A)`) and values joined, the goal's two texts cut apart where only one cut fits."""
    cells = whole_cells(_lines(SAMPLE_000, 1196, 1247), project._kind, project.ANALYSIS_TOPICS)
    assert not isinstance(cells, str), cells
    texts = [text for _, text in cells]
    assert texts[:8] == [
        *_tab_cells(SAMPLE_000, "项目名称\t聊城市政务服务平台2023年度质保金项目")[:2],
        "主管部门",
        "聊城市行政审批服务局",
        *_tab_cells(SAMPLE_000, "项目实施单位\t聊城市行政审批服务局")[:4],
    ]
    assert texts[8:15] == _tab_cells(SAMPLE_000, "项目预算执行情况(10分)\t\t年初预算数")
    goal = _tab_cells(SAMPLE_000, "\t质保金项目资金按时")
    assert texts[texts.index("目标实际完成情况") + 1 : texts.index("目标实际完成情况") + 3] == goal


def test_labels_cut_two_ways_are_not_read():
    """Two pieces that make a label alone and, joined, another: the cut with most labels is taken only
    when it is the one reaching farthest; a run that is no cell in one way fails the table's cut."""
    pieces = [(1, "项目名称"), (2, "一个项目"), (3, "主管部门"), (4, "某局"), (5, "某"), (6, "局")]
    found = whole_cells(pieces, project._kind, project.ANALYSIS_TOPICS)
    assert isinstance(found, str) and "info block" in found  # `某局` / `某` / `局` is no one cell


def test_indicator_lines_come_back_and_none_wrong():
    """The indicator lines every placement of the wrapped pieces agrees on load, the rest are reported:
    across the five samples' PyMuPDF text, some lines come back, and every one is the tab text's."""
    got_lines = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        want = set(facts_of(extract_text(path.read_text(encoding="utf-8"), path.name)).get("raw_kpi_indicators", []))
        text = (PYMUPDF / path.name).read_text(encoding="utf-8")
        got = set(facts_of(extract_text(text, path.name)).get("raw_kpi_indicators", []))
        assert got <= want, sorted(got - want, key=repr)[:1]
        got_lines += len(got)
    # 23 when set (13 before a level name's pieces were one cell and `文字描述:` was read as the mark of a
    # 指标值 stated in words only)
    assert got_lines >= 23


def _pymupdf_000() -> list:  # type: ignore[type-arg]
    return extract_text((PYMUPDF / SAMPLE_000).read_text(encoding="utf-8"), SAMPLE_000)


def test_a_level_name_wrapped_into_pieces_is_one_cell():
    """`社会效益指` / `标` is the 二级指标 社会效益指标, never a 三级指标 `社会效益指` with a value `标`;
    `成本指标(20分)` / `经济成本` is a 一级指标 (its weight printed) and the 二级指标 beside it, never one
    三级指标 `成本指标(20分)经济成本`. With those two readings gone, the lines around them load."""
    rows = {r.line_no: r for r in _pymupdf_000() if isinstance(r, KpiIndicatorRow)}
    assert (rows[1360].level2, rows[1360].level3) == ("社会效益指标", "满足群众网上办事需求")
    assert (rows[1261].level1_printed, rows[1261].level2) == ("成本指标(20分)", "经济成本")
    assert rows[1261].level3 == "优化项目资金利用,减少资金浪费"


def test_a_level_name_ending_in_its_rank_word_is_a_whole_cell():
    """`时效指标` / `支付及时` / `率`: the 二级指标 时效指标 and the 三级指标 支付及时率, never one 三级指标
    `时效指标支付及时率` under the 二级指标 carried down (no 三级指标, 指标值 or reason of the samples' tab
    text holds a level's name ending in 指标). A weight after a level's pieces still ends its cell
    (`成本` / `指标` / `(20分)`), and a level named without 指标 may open a longer text."""
    assert _level_end(("时效指标", "支付及时", "率"), 0) == (1, True)
    assert _level_end(("社会效益指", "标", "满足群众"), 0) == (2, True)
    assert _level_end(("成本", "指标", "(20分)", "经济成本"), 0) == (3, True)
    assert _level_end(("社会效益", "满足群众"), 0) == (0, False)
    rows = {r.line_no: r for r in _pymupdf_000() if isinstance(r, KpiIndicatorRow)}
    assert (rows[1681].level2, rows[1681].level3) == ("时效指标", "支付及时率")
    tab = facts_of(extract_text((SAMPLES / SAMPLE_000).read_text(encoding="utf-8"), SAMPLE_000))
    assert set(facts_of([rows[1681]])["raw_kpi_indicators"]) <= set(tab["raw_kpi_indicators"])


def test_words_of_a_target_stated_in_words_follow_its_mark():
    """`文字描述:提高` / `提高`: the 指标值 stated in words and its 实际完成值, never one 实际完成值
    `文字描述:提高提高` (the mark opens a 指标值 only: 11 of the samples, no 实际完成值); `文字描述:` /
    `减少` / `减少`: the mark is followed by its words, never a 指标值 of the mark alone."""
    rows = {r.line_no: r for r in _pymupdf_000() if isinstance(r, KpiIndicatorRow)}
    assert (rows[1284].target_text, rows[1284].actual_text) == ("文字描述:提高", "提高")
    assert (rows[1373].target_text, rows[1373].actual_text) == ("文字描述:减少", "减少")


def test_a_cell_broken_before_an_ascii_bracket_loads_as_stored():
    """`产出指标` / `(30分)`: sample 000 prints `产出指标 (30分)` in one table and `产出指标(30分)` in
    others; the break took the space or there was none, and it does not matter: a printed text is
    stored without a space between a Chinese character and an ASCII bracket (document.text_spacing).
    The line and the lines carrying that 一级指标 load, as the tab text's do."""
    rows = {r.line_no: r for r in _pymupdf_000() if isinstance(r, KpiIndicatorRow)}
    assert (rows[1643].level1_printed, rows[1643].level2, rows[1643].level3) == (
        "产出指标(30分)",
        "数量指标",
        "档案数量页数",
    )
    assert (rows[1652].level1, rows[1652].level3, rows[1652].score) == ("产出指标", "涉及科室数量", 7)
    tab = {
        (r.level1_printed, r.level3, r.target_text, r.actual_text)
        for r in extract_text((SAMPLES / SAMPLE_000).read_text(encoding="utf-8"), SAMPLE_000)
        if isinstance(r, KpiIndicatorRow)
    }
    assert ("产出指标(30分)", "档案数量页数", "=73000", "588618") in tab  # printed `产出指标 (30分)` there


def test_a_line_is_not_broken_after_an_opening_bracket():
    """`全年执` / `行数` / `（B）` (PyMuPDF, sample 002): `（` cannot end a line, so the unit that did not
    fit on the line `行数` is `（B）`, not `（` alone — the line is short of the column by less than that
    unit, and the three pieces are the one header cell 全年执行数（B）. A line shorter than that (`数`
    under `全年执行`) still ends the cell."""
    assert one_cell(("全年执", "行数", "（B）"))
    assert join(("全年执", "行数", "（B）")) == "全年执行数（B）"
    assert not one_cell(("全年执行", "数", "（B）"))


def test_a_budget_header_label_wrapped_before_its_bracket_loads_the_table():
    """Sample 002's PyMuPDF text prints its 自评表s one piece a line with the budget header's
    `全年执` / `行数` / `（B）`: read as two cells, the header lost its 全年执行数 column and the tables
    were not loaded. Now their project rows and funding lines come back exactly as the tab text's."""
    name = "002_c9f88a5f83ff11a3.txt"
    want = facts_of(extract_text(shortened((SAMPLES / name).read_text(encoding="utf-8")), name))
    got = facts_of(extract_text((PYMUPDF / name).read_text(encoding="utf-8"), name))
    projects = set(got["raw_projects"]) & set(want["raw_projects"])
    names = {dict(fact)["project_name"] for fact in projects}
    assert {"行政审批服务工作经费", "服装经费"} <= names
    budget_lines = set(got["raw_project_budget_lines"]) & set(want["raw_project_budget_lines"])
    assert len(budget_lines) >= 6


def test_a_line_breaks_before_a_percent_sign_only_at_a_space():
    """`执行率` / `%` (PyMuPDF, sample 004, whose tab text prints `执行率 %`): no line breaks between a
    character and the `%` after it (UAX #14: ID × PO) unless a space stood there, so the two pieces are
    the one header cell 执行率 %. A `%` never opens a line after a number."""
    assert one_cell(("执行率", "%"))
    assert not one_cell(("100", "%"))
    assert not one_cell(("增长率12", "%"))


SAMPLE_004 = "004_4299fd0997e27daa.txt"


def _goal_pieces(order: list[int]) -> list[tuple[int, str]]:
    """Sample 000's goal block (PyMuPDF text, lines 1236–1247) printed in the given order of its lines,
    numbered from 100."""
    text = (PYMUPDF / SAMPLE_000).read_text(encoding="utf-8").split("\n")
    return [(100 + k, clean_cell(text[no - 1])) for k, no in enumerate(order)]


def test_a_goal_broken_over_a_page_reads_its_two_texts():
    """A row broken over a page prints, on each page, its first text's part and then its second's:
    sample 000's goal printed so (`质保金项目资金按` / `时支付到位,涉及的` beside `质保金项目资金已按时` /
    `支付到位,涉及的各系统`, then the page, then the rest of each) reads back the two texts the tab text
    gives, the one reading whose texts are each one cell. Without the page known, no cut fits."""
    pieces = _goal_pieces([1236, 1237, 1238, 1239, 1240, 1243, 1244, 1241, 1242, 1245, 1246, 1247])
    cells = whole_cells(pieces, project._kind, project.ANALYSIS_TOPICS, frozenset({107}))
    assert not isinstance(cells, str), cells
    assert [text for _, text in cells[3:5]] == _tab_cells(SAMPLE_000, "\t质保金项目资金按时")
    assert isinstance(whole_cells(pieces, project._kind, project.ANALYSIS_TOPICS), str)


def test_a_goal_broken_over_a_page_read_several_ways_is_reported():
    """Sample 004's first 自评表 (PyMuPDF) prints its goal's two texts over a page: five lines of the
    first, six of the second, the page number, then two lines of each. Lines of equal width fit several
    cuts (its two texts are the same words), so the table is not read — before the page was known, the
    run's one cut made the first text run into the second."""
    text = (PYMUPDF / SAMPLE_004).read_text(encoding="utf-8")
    rows = extract_text(text, SAMPLE_004)
    names = {r.project_name for r in rows if isinstance(r, ProjectRow)}
    assert "济源产城融合示范区智慧城市建设项目（济源信息化政务平台运维项目）" not in names
    tab = {
        r.project_name: r
        for r in extract_text(shortened((SAMPLES / SAMPLE_004).read_text(encoding="utf-8")), SAMPLE_004)
        if isinstance(r, ProjectRow)
    }
    loaded = [r for r in rows if isinstance(r, ProjectRow)]
    assert loaded and all(facts_of([r]) == facts_of([tab[r.project_name]]) for r in loaded)


def test_a_telephone_number_broken_at_its_hyphen_is_one_cell():
    """`0635-` / `8902712` (PyMuPDF, sample 000's 联系电话): a number on a line of its own continues a
    cell after a hyphen, so the table's information block reads and its project loads exactly as the
    tab text's. A number after a number still starts a cell of its own."""
    assert one_cell(("0635-", "8902712"))
    assert join(("0635-", "8902712")) == "0635-8902712"
    assert not one_cell(("0635", "8902712"))
    name = "特种设备作业人员考试机构委托服务费"
    got = [r for r in _pymupdf_000() if isinstance(r, ProjectRow) and r.project_name == name]
    tab = [
        r
        for r in extract_text((SAMPLES / SAMPLE_000).read_text(encoding="utf-8"), SAMPLE_000)
        if isinstance(r, ProjectRow) and r.project_name == name
    ]
    assert len(got) == 1 and got[0].contact_phone == "0635-8902712"
    assert facts_of(got) == facts_of(tab)


def test_a_goal_broken_over_many_pages_is_not_searched_without_bound():
    """Each page multiplies the cuts of a goal's run (one split point a page): past GOAL_READINGS the
    run is reported, not tried (a run of 40 pieces over 8 pages: 6^8 cuts)."""
    labels = _goal_pieces([1236, 1237, 1238])
    run = [(200 + k, "质保金项目资金按") for k in range(40)]
    pieces = [*labels, *run, (300, "年度绩效指标")]
    found = whole_cells(pieces, project._kind, project.ANALYSIS_TOPICS, frozenset(range(200, 240, 5)))
    assert isinstance(found, str) and "too many ways" in found
    assert not one_cell(("（", "%"))  # an opening bracket never ends a line, `%` or not


def test_an_analysis_row_broken_over_a_page_reads_its_topic_whole():
    """Sample 001's last 自评表 (PyMuPDF): the row 下一步改进措施及管理建议 is broken over a page, its topic's
    first pieces and its whole text on the first (`…有待提高。` / `下一步` / `改进措` / `加强制度化建设，` /
    `提升项目管理水` / `平。`), the topic's rest on the next (`施及管` / `理建议`). Read as each cell's part
    on each page, the one reading whose topic is of the vocabulary and whose texts are each one cell: the
    table is read, and its project and analysis come back exactly as the tab text's."""
    name = "001_3b0a4ec0e1089ac8.txt"
    got = extract_text((PYMUPDF / name).read_text(encoding="utf-8"), name)
    tab = extract_text((SAMPLES / name).read_text(encoding="utf-8"), name)
    project = "2023年保运转经费"
    [row] = [r for r in got if isinstance(r, ProjectRow) and r.project_name == project]
    assert facts_of([row]) == facts_of([r for r in tab if isinstance(r, ProjectRow) and r.project_name == project])
    analysis = [r for r in got if isinstance(r, ProjectAnalysisRow) and r.project_line_no == row.line_no]
    assert (analysis[-1].topic, analysis[-1].text) == ("下一步改进措施及管理建议", "加强制度化建设，提升项目管理水平。")
    want = facts_of([r for r in tab if isinstance(r, ProjectAnalysisRow)])["raw_project_analysis"]
    assert set(facts_of([r for r in got if isinstance(r, ProjectAnalysisRow)])["raw_project_analysis"]) <= set(want)


def _kpi_lines(text: str, name: str) -> dict[str, KpiIndicatorRow]:
    """The indicator lines read from a text, by 三级指标."""
    return {r.level3: r for r in extract_text(text, name) if isinstance(r, KpiIndicatorRow)}


def _from_tab_text(rows: list[KpiIndicatorRow], name: str) -> bool:
    tab = facts_of(extract_text((SAMPLES / name).read_text(encoding="utf-8"), name))
    return set(facts_of(rows)["raw_kpi_indicators"]) <= set(tab["raw_kpi_indicators"])


def test_a_piece_of_one_character_opens_no_line():
    """Sample 001's 偏差原因 column is one character wide: its reasons print one character a line (`根` /
    `据` / … / `计`). No level or 三级指标 of the samples is one character, so no line opens with such a
    piece; the search no longer cuts those runs into lines in over 4096 ways, and the block's lines load."""
    assert not _may_open("根", pieces=True)
    assert _may_open("根", pieces=False)  # a whole cell: the cut is not this rule's
    assert _may_open("审计报告", pieces=True)
    assert not _may_open("≥95%", pieces=True)
    name = "001_3b0a4ec0e1089ac8.txt"
    rows = _kpi_lines((PYMUPDF / name).read_text(encoding="utf-8"), name)
    assert rows["审计报告"].deviation_text == "根据当年实际审计需求审计"
    assert rows["合计成本"].deviation_text == "根据当年实际审计情况支付"
    assert _from_tab_text([rows["审计报告"], rows["合计成本"], rows["开办企业满意度"]], name)


def test_a_level_cell_heads_its_line():
    """A level's own cell (its name ending in 指标, or printed with its weight) opens its line: the runs
    of pieces never hold one after a 三级指标 or a value (`行业标准` / `准确` / `时效指标` is no line).
    Sample 004's `培训费、起诉费、资料费等` line and, narrower columns printed, sample 001's 成本指标 lines
    load."""
    runs = [cells for _, cells in _joined_runs(("行业标准", "准确", "时效指标", "经费拨付"), 0, 9, 1)]
    assert ("行业标准", "准确") in runs
    assert not any("时效指标" in cells for cells in runs)
    assert ("时效指标", "经费拨付") in [cells for _, cells in _joined_runs(("时效指标", "经费拨付"), 0, 9, 1)]
    name = "004_4299fd0997e27daa.txt"
    rows = _kpi_lines((PYMUPDF / name).read_text(encoding="utf-8"), name)
    assert _from_tab_text([rows["培训费、起诉费、资料费等"]], name)
    name = "001_3b0a4ec0e1089ac8.txt"
    narrow = FIXTURES / "extracted" / "printings" / "narrow" / "pymupdf" / name
    rows = _kpi_lines(narrow.read_text(encoding="utf-8"), name)
    assert _from_tab_text([rows[k] for k in ("印刷费", "办公费", "差旅费", "维修维护费", "劳务费")], name)

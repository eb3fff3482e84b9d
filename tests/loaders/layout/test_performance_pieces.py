"""A 自评表 printed one piece of a wrapped cell per line (PyMuPDF's text of the printed samples):
which pieces make one cell (loaders/layout/performance/wrapcells), the form's cells joined
(piececells), and the facts that come back."""

from __future__ import annotations

from loaders.document import clean_cell
from loaders.layout.performance import project
from loaders.layout.performance.piececells import whole_cells
from loaders.layout.performance.wrapcells import join, one_cell
from loaders.render import extract_text
from tests.conftest import FIXTURES, SAMPLES
from tests.support.facts import facts_of

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
    assert got_lines >= 13

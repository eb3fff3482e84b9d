"""A 自评表 printed one whole cell per line, empty cells dropped (loaders/layout/performance/cellrows.py and
project._cell_stream): its rows are found from what its cells are and from the table's identities."""

from __future__ import annotations

from decimal import Decimal

from loaders.rows import KpiIndicatorRow, ProjectAnalysisRow, ProjectBudgetLineRow, ProjectRow
from tests.loaders.layout.helpers import extract, fixture_text, one_cell_per_line
from tests.loaders.layout.test_performance import _facts, _layout_problems

# Sample 000's first two 自评表 (tab text): the second prints 分值 once for a group of lines (考试人次 …),
# and a 偏差原因 beside a line whose 得分 is below its 分值.
LIAOCHENG = "performance_self_evaluation_000_final_shifted.txt"


def _second_table(text: str) -> str:
    return text[text.index("附件1") :]


def test_both_tables_one_cell_per_line_give_back_their_facts():
    text = fixture_text(LIAOCHENG)
    want, rows = _facts(extract(text)), extract(one_cell_per_line(text))
    got = _facts(rows)
    # `其中:当年财政拨款 60 - -`: three values under six columns fit three ways: reported, not guessed.
    [(kind, lost)] = want - got
    assert kind == "ProjectBudgetLineRow" and dict(lost)["funding_source"] == "其中:当年财政拨款"
    assert got < want
    [problem] = _layout_problems(rows)
    assert "fit its 6 columns in 3 ways" in problem.reason
    lines = {r.level3: r for r in rows if isinstance(r, KpiIndicatorRow)}
    assert (lines["考试人次"].weight, lines["考试人次"].level2) == (None, "数量指标")  # under its group's weight
    assert lines["委托服务总费用"].deviation_text == "按时间节点,依据考核结果支付剩余金额。"
    assert lines["年度资金按期支付到位"].target_text == "按合同支付"


def test_a_deviation_or_the_next_lines_name_undecided_is_reported():
    # Without `(20分)` on 成本指标, nothing tells whether `按时间节点,…` is the 偏差原因 of 委托服务总费用
    # (9.73 of 10) and 年度资金按期支付到位 the next line's name, or a line of its own (its 指标值
    # 年度资金按期支付到位, a weight printed for its group) followed by a line named 按合同支付: no number
    # moves. Those cells are reported; the lines every reading agrees on are loaded.
    text = _second_table(fixture_text(LIAOCHENG)).replace("成本指标(20分)", "成本指标")
    rows = extract(one_cell_per_line(text))
    names = {r.level3 for r in rows if isinstance(r, KpiIndicatorRow)}
    assert "委托服务费用" in names and "考试机构数量" in names
    assert not names & {"委托服务总费用", "年度资金按期支付到位", "按时间节点,依据考核结果支付剩余金额。", "按合同支付"}
    reported = [p.text for p in _layout_problems(rows) if "told apart in several ways" in p.reason]
    assert reported[:2] == ["委托服务总费用", "60万元"] and "按时间节点,依据考核结果支付剩余金额。" in reported
    with_levels = extract(one_cell_per_line(_second_table(fixture_text(LIAOCHENG))))
    assert "委托服务总费用" in {r.level3 for r in with_levels if isinstance(r, KpiIndicatorRow)}


def test_a_level_with_no_line_under_it():
    # Sample 000 prints 经济效益指标, 生态效益指标 and 可持续影响指标 with no 三级指标 under them: a line of
    # levels only, told by the next cell being a level of the same rank.
    text = _second_table(fixture_text(LIAOCHENG)).replace(
        "效益指标(30分)\t社会效益指标\t服务质量\t提升\t提升\t30\t30\t\t",
        "\t效益指标(30分)\t经济效益指标\t\t\t\t\t\t\n\t\t社会效益指标\t服务质量\t提升\t提升\t30\t30\t\n"
        "\t\t生态效益指标\t\t\t\t\t\t",
    )
    want, rows = _facts(extract(text)), extract(one_cell_per_line(text))
    funding = {f for f in want if dict(f[1]).get("funding_source") == "其中:当年财政拨款"}
    assert _facts(rows) == want - funding and len(funding) == 1
    assert [p.text for p in _layout_problems(rows)] == ["其中:当年财政拨款 / 60 / - / -"]
    [line] = [r for r in rows if isinstance(r, KpiIndicatorRow) and r.level3 == "服务质量"]
    assert (line.level1, line.level2) == ("效益指标", "社会效益指标")


def test_an_analysis_topic_outside_the_vocabulary_is_reported():
    # A topic outside the vocabulary (`绩效情况`), one cell a line, looks like a topic whose text is empty:
    # from there the cells are reported. The shorter topic forms sample 001 prints (`产出情况` for
    # `产出情况及分析`) are in the vocabulary.
    analysis = (
        "项目绩效分析\t自评结果分析\t项目实施和预算执行情况\t按单位实际开支及时支付。\n"
        "\t\t产出情况\t确保单位日常工作顺利开展。\n"
        "\t\t绩效情况\t保证单位日常工作顺利开展。\n"
    )
    text = fixture_text(LIAOCHENG)
    end = text.index("\n", text.index("总分\t")) + 1
    rows = extract(one_cell_per_line(text[:end] + analysis + text[end:]))
    topics = [(r.topic, r.text) for r in rows if isinstance(r, ProjectAnalysisRow)]
    assert ("项目实施和预算执行情况", "按单位实际开支及时支付。") in topics
    assert ("产出情况", "确保单位日常工作顺利开展。") in topics
    assert not [t for t in topics if "绩效情况" in (t[0] or "")]
    reported = {p.text: p.reason for p in _layout_problems(rows)}
    assert "a topic outside the vocabulary" in reported["绩效情况"]
    assert reported["保证单位日常工作顺利开展。"] == reported["绩效情况"]
    project = next(r for r in rows if isinstance(r, ProjectRow))
    assert project.total_score == Decimal(100)
    assert [r for r in rows if isinstance(r, ProjectBudgetLineRow)]


def test_a_fund_management_block_and_the_labels_centred_across_blocks():
    # Sample 004: `资金管理情况` printed at the head of the budget's last funding line (单位资金), the
    # 资金管理情况 lines opened by the form's items, and `绩效指标` centred among the indicator cells.
    text = fixture_text("performance_self_evaluation_004_final_fund_management.txt")
    rows = extract(one_cell_per_line(text))
    assert _facts(rows) == _facts(extract(text)) and not _layout_problems(rows)
    funds = [r.funding_source for r in rows if isinstance(r, ProjectBudgetLineRow)]
    assert funds[-1] == "单位资金"
    managed = [r.level3 for r in rows if isinstance(r, KpiIndicatorRow) and r.section == "fund_management"]
    assert managed == ["安排科学性", "拨付合规性"]  # the two this table prints


def test_a_goal_line_with_its_own_label():
    # Sample 000's 政府采购网上商城 table prints `目标` at the head of its goal line, then the two texts.
    text = fixture_text(LIAOCHENG).replace("\n\t质保金项目资金按时支付到位", "\n目标\t质保金项目资金按时支付到位", 1)
    want, rows = _facts(extract(text)), extract(one_cell_per_line(text))
    [(kind, lost)] = want - _facts(rows)  # the second table's funding line read three ways, as above
    assert kind == "ProjectBudgetLineRow" and dict(lost)["funding_source"] == "其中:当年财政拨款"
    project = next(r for r in rows if isinstance(r, ProjectRow))
    assert project.goal_text == "质保金项目资金按时支付到位,涉及的各系统充分发挥效能,方便群众办事"


def _wrapped(text: str, width: int) -> str:
    """Every cell line longer than `width` cut into pieces of `width` (a PDF tool's wrapped cells)."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(line[at : at + width] for at in range(0, len(line), width)) if line else out.append(line)
    return "\n".join(out)


def test_wrapped_pieces_are_not_read_as_whole_cells():
    # The reader takes each line for a whole cell. A tool that wraps a cell wraps every cell wider than its
    # column (PyMuPDF: pieces of at most 16 characters before the 总分 row): the header labels, the
    # project name or the goal texts then no longer make the form's blocks, and nothing is loaded — never
    # a piece as a cell (`上级主管部` as the line above's 偏差原因, `门满意度` as a name).
    # 办事群众满意度 scored 4.5 of 5 (总分 99.5), so a 偏差原因 may follow it.
    text = fixture_text(LIAOCHENG)
    short = "\t5\t4.5\t\t\n\t\t上级主管部门满意度"
    text = text[: text.index("附件1")].replace("\t5\t5\t\t\n\t\t上级主管部门满意度", short)
    cells = one_cell_per_line(text.replace("总分\t\t100", "总分\t\t99.5"))
    lines = {r.level3: r.score for r in extract(cells) if isinstance(r, KpiIndicatorRow)}
    assert lines["办事群众满意度"] == Decimal("4.5") and "上级主管部门满意度" in lines
    for width in (8, 12, 16):
        title, body = cells.split("\n", 1)  # the title is no cell
        rows = extract(title + "\n" + _wrapped(body, width).replace("上级主管部门满意度", "上级主管部\n门满意度"))
        assert not [r for r in rows if isinstance(r, (KpiIndicatorRow, ProjectBudgetLineRow))]
        assert any("one cell per line" in p.reason for p in _layout_problems(rows))


def test_a_deviation_only_beside_a_score_below_its_weight():
    # Sample 001: `外网数量 … 20 20` then `网络质量 国家标准 国家标准 达成预期指标 10 10`. Were a 偏差原因
    # allowed beside a full score, `网络质量` could be 外网数量's 偏差原因 and the next line be named
    # 国家标准 (指标值 国家标准, 实际完成值 达成预期指标): no number moves. The form asks a 偏差原因 only
    # for a target not met (of the samples' 87, 86 stand beside a 得分 below its 分值, 1 beside none).
    text = fixture_text("performance_self_evaluation_001_final_network.txt")
    rows = extract(one_cell_per_line(text))
    assert _facts(rows) == _facts(extract(text)) and not _layout_problems(rows)
    lines = {r.level3: r for r in rows if isinstance(r, KpiIndicatorRow)}
    assert lines["外网数量"].deviation_text is None and lines["网络质量"].target_text == "国家标准"


def test_a_line_printing_a_cell_twice_is_read_as_the_parser_reads_it_when_no_placement_fits():
    # Sample 004: `时效指标 普查抽查的及时性 及时 100% 100% 7 7 0.00%`, one cell more than its columns
    # (the source's row shifted): the parser drops the repeated 100%. One cell a line, no placement of the
    # block fits as printed; read so, one does.
    text = fixture_text("performance_self_evaluation_004_final_cell_twice.txt")
    rows = extract(one_cell_per_line(text))
    assert _facts(rows) == _facts(extract(text)) and not _layout_problems(rows)
    line = next(r for r in rows if isinstance(r, KpiIndicatorRow) and r.level3 == "普查抽查的及时性")
    assert (line.target_text, line.actual_text, line.weight, line.score) == ("及时", "100%", Decimal(7), Decimal(7))


def test_a_weight_without_its_score_beside_the_reason():
    # Sample 001: `劳务费 =5000元 =5000元 =0元 1` then its 偏差原因 `本年度未发生劳务活动`: no 得分 printed
    # (the only such line of the samples). Σ 得分 = 总分 97.91 less the budget's 8.91 holds with it as 0.
    text = fixture_text("performance_self_evaluation_001_final_adjusted.txt")
    first = text[: text.index("总分")]
    first += text[len(first) :].split("\n", 1)[0] + "\n"
    rows = extract(one_cell_per_line(first))
    assert _facts(rows) == _facts(extract(first)) and not _layout_problems(rows)
    line = next(r for r in rows if isinstance(r, KpiIndicatorRow) and r.level3 == "劳务费")
    assert (line.weight, line.score, line.deviation_text) == (Decimal(1), None, "本年度未发生劳务活动")


def test_a_funding_label_printed_in_the_budget_header():
    # Sample 004: `项目资金（万元） 年度资金总额（万元）： 年初预算数 全年预算数 …` (the label of no line: its
    # values are printed on 政府性预算资金's), read by the parser as part of the header; one cell a line,
    # the label after the block's and before the column names is the header's too, not a funding line.
    text = fixture_text("performance_self_evaluation_004_final_label_in_header.txt")
    rows = extract(one_cell_per_line(text))
    assert _facts(rows) == _facts(extract(text)) and not _layout_problems(rows)
    lines = [r.funding_source for r in rows if isinstance(r, ProjectBudgetLineRow)]
    assert lines == ["政府性预算资金", "财政专户管理资金", "单位资金"]
    assert len([r for r in rows if isinstance(r, KpiIndicatorRow)]) > 10

"""A 自评表 printed one whole cell per line (a converter writing each cell of the table on a line of its
own, empty cells dropped, none wrapped) → its rows, block by block.

The blocks follow in their form's order (project information, budget, 资金管理情况, goal, indicators,
总分, analysis), each opened by its vocabulary (`kind_of`: the first cell of a block). Inside a block
the rows are told apart by what their cells are:

- information: each label (项目名称, 主管部门 …) opens a row, its value follows;
- budget: the block label and the column names are the header (then 目标申报数 | 预算编制数 where
  printed; a funding label printed between them is the header's, as the parser reads it: 004's
  `年度资金总额（万元）：`, 001's `资金总额:`); each funding label (…资金, …拨款, …总额) opens a
  funding line, its values follow;
- 资金管理情况: its header, then each item of the form's (安排科学性 …) opens a line;
- goal: the goal labels are the header, the one or two texts after them its line;
- indicators: the labels (年度绩效指标, 一级指标 …) are the header; the cells under it are returned one
  a row (`STREAM`): which of them make one indicator line is the indicator search's question (the
  grammar and the block's sums, stream.stream_prepare), not this cut's. The block's label printed
  among them (绩效指标: sample 004 centres it across its rows) is no cell of a row (the parser drops it);
- 总分: its label and the values after it; analysis: labels, then a text, make a row.

A table whose first cell opens no block of the form is not read this way."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from loaders.layout.performance.cells import is_value
from loaders.layout.performance.wrapped import _FUNDING_LABEL
from loaders.parsers.performance_common import (
    INDICATOR_LABELS,
    _keywords_in,
    compact,
    grade_of,
    indicator_header,
    info_label,
)
from loaders.parsers.performance_project import ANALYSIS_OUTER, GOAL_LABELS, _budget_key, _is_goal_header

Row = tuple[int, tuple[str, ...], str]  # (line number of its first cell, cells, the printed lines)
STREAM = "indicator cell"  # the text of a row holding one cell of the indicator block
ORDER = ("info", "budget", "management", "goal", "indicators", "total", "analysis")
_BUDGET_SUBHEADER = ("declared", "initial")


def cell_rows(
    cells: Sequence[tuple[int, str]], kind_of: Callable[[str], str | None], topics: frozenset[str]
) -> list[Row] | str:
    """The rows of the table's blocks (indicator cells one a row, see STREAM; a cell reported: a row of
    no cells whose text is the reason), or why the cells cannot be cut this way."""
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    for no, text in cells:
        kind = kind_of(text)
        current = blocks[-1][0] if blocks else None
        opens = kind is not None and kind != current and current != "analysis"
        if opens and kind not in ORDER:
            return f"a {kind} block printed one cell per line: not rebuilt"
        if opens and current is not None and ORDER.index(kind) <= ORDER.index(current):  # type: ignore[arg-type]
            return f"a {kind} block out of the form's order"
        if opens:
            blocks.append((kind, [(no, text)]))  # type: ignore[arg-type]
        elif not blocks:
            return "a cell before the table's first block"
        else:
            blocks[-1][1].append((no, text))
    rows: list[Row] = []
    for kind, block in blocks:
        found = _CUTS[kind](block, topics)
        if isinstance(found, str):
            return found
        rows.extend(found)
    return rows


def _row(cells: Sequence[tuple[int, str]]) -> Row:
    return cells[0][0], tuple(text for _, text in cells), " / ".join(text for _, text in cells)


def _opened_by(block: Sequence[tuple[int, str]], opens: Callable[[str], bool]) -> list[Row]:
    """The block cut before each cell that opens a row (its first cell always does)."""
    groups: list[list[tuple[int, str]]] = []
    for cell in block:
        if not groups or opens(cell[1]):
            groups.append([cell])
        else:
            groups[-1].append(cell)
    return [_row(group) for group in groups]


def _info(block: Sequence[tuple[int, str]], _topics: frozenset[str]) -> list[Row] | str:
    rows = _opened_by(block, lambda text: info_label(text) is not None)
    if any(len(cells) > 2 for _, cells, _ in rows):
        return "a project information label followed by more than one cell"
    return rows


def _budget(block: Sequence[tuple[int, str]], _topics: frozenset[str]) -> list[Row] | str:
    end = 1
    if len(block) > 2 and _FUNDING_LABEL.search(compact(block[1][1])) and _budget_key(block[2][1]) is not None:
        end = 2  # a funding label printed in the header row, before its column names
    while end < len(block) and _budget_key(block[end][1]) is not None:
        end += 1
    keys = [_budget_key(text) for _, text in block[1:end]]
    if tuple(keys[-2:]) == _BUDGET_SUBHEADER and len(keys) > 2:  # 目标申报数 | 预算编制数 under 年初预算数
        rows = [_row(block[: end - 2]), _row(block[end - 2 : end])]
    else:
        rows = [_row(block[:end])]
    rest = block[end:]
    if rest and not _FUNDING_LABEL.search(compact(rest[0][1])):
        return "a budget block whose first line opens with no funding label"
    return rows + _opened_by(rest, lambda text: bool(_FUNDING_LABEL.search(compact(text))))


_MANAGEMENT_HEADER = frozenset({"资金管理情况", "情况说明", "分值", "得分", "存在问题和改进措施"})
# The 资金管理情况 items of the form (sample 004's 项目单位自评表: all 64 of its lines).
FUND_ITEMS = frozenset({"安排科学性", "拨付合规性", "使用规范性", "预算绩效管理情况"})


def _management(block: Sequence[tuple[int, str]], _topics: frozenset[str]) -> list[Row] | str:
    """The header (资金管理情况 | 情况说明 | 分值 | 得分 | 存在问题和改进措施), then lines of an item of the
    form (FUND_ITEMS), its 情况说明, 分值 and 得分 (numbers), and a 存在问题 where printed: a line opens at
    its item, so the text before an item is the line above's 存在问题. A funding label and its values
    right after 资金管理情况 are the budget's last line, the block's label printed at its head (sample
    004: the PDF centred it across both blocks)."""
    rows: list[Row] = []
    if len(block) > 1 and _FUNDING_LABEL.search(compact(block[1][1])):
        end = 2
        while end < len(block) and compact(block[end][1]) not in _MANAGEMENT_HEADER:
            end += 1
        rows, block = [_row(block[:end])], block[end:]
    end = 1
    while end < len(block) and compact(block[end][1]) in _MANAGEMENT_HEADER:
        end += 1
    rows.append(_row(block[:end]))
    for line in _opened_by(block[end:], lambda text: compact(text) in FUND_ITEMS):
        numbers = [n for n, cell in enumerate(line[1]) if is_value(cell)]
        if compact(line[1][0]) not in FUND_ITEMS or len(numbers) != 2 or numbers[1] != numbers[0] + 1:
            return "a 资金管理情况 line without its item, or its 分值 and 得分"
        rows.append(line)
    return rows


def _goal(block: Sequence[tuple[int, str]], _topics: frozenset[str]) -> list[Row] | str:
    """The goal labels, then the line: a label of its own where printed (`目标`), and one or two texts."""
    end = 1
    while end < len(block) and _is_goal_header([block[end][1]]):
        end += 1
    rows = [_row(block[:end])]
    label = 1 if end < len(block) and GOAL_LABELS.match(compact(block[end][1])) else 0
    if len(block) - end - label > 2:
        return "a goal block of more than two texts"
    return rows + ([_row(block[end:])] if end < len(block) else [])


def _indicators(block: Sequence[tuple[int, str]], _topics: frozenset[str]) -> list[Row] | str:
    end = 0
    while end < len(block) and (compact(block[end][1]) in INDICATOR_LABELS or is_column(block[end][1])):
        end += 1
    if indicator_header([text for _, text in block[:end]]) is None:
        return "indicator header not understood"
    cells = [(no, (text,), STREAM) for no, text in block[end:] if compact(text) not in INDICATOR_LABELS]
    return [_row(block[:end]), *cells]


def is_column(text: str) -> bool:
    """A name of the indicator header's columns (levels, 指标值, 实际完成值, 分值, 得分, 偏差原因 …)."""
    return bool(_keywords_in(text))


def _total(block: Sequence[tuple[int, str]], topics: frozenset[str]) -> list[Row] | str:
    """The 总分 row, then the analysis lines printed under it (their block opened by no label)."""
    end = 1
    while end < len(block) and (is_value(block[end][1]) or grade_of(block[end][1]) is not None):
        end += 1
    rest = _analysis(block[end:], topics)
    return rest if isinstance(rest, str) else [_row(block[:end]), *rest]


def _analysis(block: Sequence[tuple[int, str]], topics: frozenset[str]) -> list[Row] | str:
    """Analysis rows: outer labels (项目绩效分析, 自评结果分析), at most one topic of the vocabulary, then
    one text. A text where a label is due (a topic outside the vocabulary, or two texts in a row) is not
    told from a topic whose text is empty: from there on the cells are reported (`_reported`). Before
    the first label, one cell is a row of its own (`总分在80分以下…说明:`); more are reported."""
    outer = ANALYSIS_OUTER | {"自评结果分析"}
    rows: list[Row] = []
    group: list[tuple[int, str]] = []
    texted = topic = False
    labelled = False
    for at, (no, text) in enumerate(block):
        kind = "outer" if compact(text) in outer else "topic" if compact(text) in topics else "text"
        if kind != "text":
            if group and (texted or topic or not labelled):
                rows.append(_row(group))
                group, texted, topic = [], False, False
            group.append((no, text))
            labelled, topic = True, topic or kind == "topic"
        elif group and labelled and not texted:
            group.append((no, text))
            texted = True
        elif not labelled and at == 0 and (len(block) == 1 or compact(block[1][1]) in outer | topics):
            group, texted = [(no, text)], True
        else:
            if group:
                rows.append(_row(group))
            return [*rows, *(_reported(cell, _UNTOLD) for cell in block[at:])]
    return [*rows, _row(group)] if group else rows


_UNTOLD = "an analysis text printed where a topic is due (a topic outside the vocabulary, or an empty text)"


def _reported(cell: tuple[int, str], reason: str) -> Row:
    """A cell not rebuilt: a row of no cells, its text the reason."""
    return cell[0], (), reason


_CUTS: dict[str, Callable[[Sequence[tuple[int, str]], frozenset[str]], list[Row] | str]] = {
    "info": _info,
    "budget": _budget,
    "management": _management,
    "goal": _goal,
    "indicators": _indicators,
    "total": _total,
    "analysis": _analysis,
}

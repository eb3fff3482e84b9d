"""A 自评表 printed one piece of a wrapped cell per line, in reading order, empty cells dropped
(PyMuPDF's text of a bordered table) → its whole cells, for `cellrows`.

The form's labels are found wherever the pieces joined make one (the longest run that may be one cell,
`wrapcells.one_cell`, whose text is a label of the block being read or opens the next block). Between
labels, what a block holds:

- information: one value after each label, all its pieces one cell;
- budget and 资金管理情况: values (numbers, rates, dashes) each a piece of its own; the text between
  them (a funding label, an item, a 情况说明) one cell — a funding label is no label of the header's
  vocabulary, but the words between values (`年度资金` / `总额` is one label, not two);
- goal: after its labels, one text or two side by side, cut where exactly one cut makes two cells
  (broken over a page: each text's part on each page, `_goal_cells`);
- indicators: after the header, the pieces as printed — which make a cell, and which cells a line, is
  the indicator search's question (stream.piece_prepare), not this cut's;
- 总分: its values; analysis: labels, then a text of one cell (a row broken over a page: its topic's
  and its text's part on each page, `_analysis_over_page`).

Anything else (a run of pieces that is no cell, two goal cuts that fit) is the reason the table is not
read this way."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from loaders.layout.performance.cellrows import FUND_ITEMS
from loaders.layout.performance.cells import header_name, is_value
from loaders.layout.performance.wrapcells import join, one_cell
from loaders.parsers.performance_common import INDICATOR_LABELS, compact, grade_of, info_label
from loaders.parsers.performance_project import GOAL_LABELS

Cell = tuple[int, str]  # (line number of its first piece, text)
LONGEST_LABEL = 12  # pieces: a header label in a column one character wide (`偏` / `差` / … / `施`)
_LABELS: dict[str, Callable[[str], bool]] = {
    "info": lambda text: info_label(text) is not None,
    "budget": header_name,
    "management": lambda text: compact(text) in FUND_ITEMS or header_name(text),
    "goal": lambda text: bool(GOAL_LABELS.match(compact(text))),
    "indicators": lambda text: compact(text) in INDICATOR_LABELS or header_name(text),
    "total": lambda text: grade_of(text) is not None,
    "analysis": lambda text: False,
}


def whole_cells(
    pieces: Sequence[Cell],
    kind_of: Callable[[str], str | None],
    topics: frozenset[str],
    page_starts: frozenset[int] = frozenset(),
) -> list[Cell] | str:
    """The table's cells (the indicator block's data as its pieces), or why they cannot be told.
    `page_starts`: the line numbers of the pieces that open a page (after a page number)."""
    cells: list[Cell] = []
    block: str | None = None
    header = True  # the indicator block's header still being read
    run: list[Cell] = []

    def close() -> str | None:
        if not run:
            return None
        found = _run_cells(run, block, page_starts, topics)
        run.clear()
        if isinstance(found, str):
            return found
        cells.extend(found)
        return None

    i = 0
    while i < len(pieces):
        labels = _labels_at(pieces, i, block, block == "indicators" and not header, kind_of, topics)
        if isinstance(labels, str):
            return labels
        if labels:
            failed = close()
            if failed:
                return failed
            for end, text, kind in labels:
                if kind is not None and kind != block:
                    block, header = kind, True
                cells.append((pieces[i][0], text))
                i = end
            continue
        if block == "indicators":
            header = False
            cells.append(pieces[i])
        elif block is None:
            return "a piece before the table's first block"
        elif is_value(pieces[i][1]) and block in ("budget", "management", "total"):
            failed = close()
            if failed:
                return failed
            cells.append(pieces[i])
        else:
            run.append(pieces[i])
        i += 1
    return close() or cells


Labels = list[tuple[int, str, str | None]]  # (end, text, the block it opens) of each label


def _labels_at(
    pieces: Sequence[Cell],
    i: int,
    block: str | None,
    data: bool,
    kind_of: Callable[[str], str | None],
    topics: frozenset[str],
) -> Labels | str:
    """The labels printed from piece i on, one after another (a header: `年初预算数` / `全年预算数(A)` /
    … / `得` / `分`): the cut of the pieces into labels that reaches farthest, and of those the one of
    most labels (a label never holds two: `执行率(B/A)` | `得分`, not `执行率(B/A)得` | `分`). A label
    opens a block (its kind) or is one of the block's own; among the indicator block's data (`data`)
    only the 总分 opening the next block is one. Several such cuts: the reason."""
    memo: dict[tuple[int, str | None], list[Labels]] = {}

    def cuts(at: int, current: str | None) -> list[Labels]:
        key = (at, current)
        if key not in memo:
            found: list[Labels] = [[]]
            texts = [text for _, text in pieces[at : at + LONGEST_LABEL]]
            if texts and is_value(texts[0]):
                texts = []  # a label is words, never opened by a number (`5.79` / `市、` / … / `金`)
            for stop in range(1, len(texts) + 1):
                if not one_cell(tuple(texts[:stop])):
                    break
                text = join(texts[:stop])
                kind = kind_of(text)
                if data and at == i and kind != "total":
                    continue
                own = current is not None and (_LABELS[current](text) or compact(text) in topics)
                if kind is None and not own:
                    continue
                opened = kind if kind is not None else current
                found += [[(at + stop, text, kind), *rest] for rest in cuts(at + stop, opened)]
            memo[key] = found
        return memo[key]

    every = cuts(i, block)
    best = max((labels[-1][0], len(labels)) for labels in every if labels) if any(every) else None
    if best is None:
        return []
    chosen = [labels for labels in every if labels and (labels[-1][0], len(labels)) == best]
    if len(chosen) > 1:
        return f"labels printed from line {pieces[i][0]} cut in several ways"
    return chosen[0]


def _run_cells(
    run: Sequence[Cell],
    block: str | None,
    page_starts: frozenset[int] = frozenset(),
    topics: frozenset[str] = frozenset(),
) -> list[Cell] | str:
    """A run of text pieces between labels or values: one cell, or a goal's two side by side
    (`_goal_cells`), or an analysis text and the next row broken over a page (`_analysis_over_page`)."""
    if block == "goal":
        return _goal_cells(run, page_starts)
    texts = tuple(text for _, text in run)
    if one_cell(texts):
        return [(run[0][0], join(texts))]
    if block == "analysis":
        found = _analysis_over_page(run, page_starts, topics)
        if found is not None:
            return found
    return f"pieces of the {block} block that make its cells in no way (line {run[0][0]})"


def _analysis_over_page(run: Sequence[Cell], page_starts: frozenset[int], topics: frozenset[str]) -> list[Cell] | None:
    """An analysis text, then the next row broken over a page: on the first page the text, the topic's
    first pieces and the row's text (or its first part); on the next, the topic's last pieces and the
    rest of the row's text, if any (sample 001: `…有待提高。` / `下一步` / `改进措` / `加强制度化建设，` /
    … / page / `施及管` / `理建议`). The one such reading whose topic is one of the vocabulary and whose
    texts are each one cell; None when there is not exactly one."""
    breaks = [n for n, (no, _) in enumerate(run) if n and no in page_starts]
    if len(breaks) != 1:
        return None
    page = breaks[0]
    texts = [text for _, text in run]
    found: list[list[Cell]] = []
    rests = range(page + 1, min(len(run), page + LONGEST_LABEL) + 1)  # the topic's pieces on the next page
    for text_at in range(2, page + 1):
        for label_at, rest_at in itertools.product(range(max(1, text_at - LONGEST_LABEL), text_at), rests):
            label = (*texts[label_at:text_at], *texts[page:rest_at])
            text = (*texts[text_at:page], *texts[rest_at:])
            if not (text and compact(join(label)) in topics and one_cell(label) and one_cell(text)):
                continue
            if not one_cell(tuple(texts[:label_at])):
                continue
            label_no = run[label_at][0]
            text_no = run[text_at][0] if text_at < page else run[rest_at][0]
            found.append([(run[0][0], join(texts[:label_at])), (label_no, join(label)), (text_no, join(text))])
    return found[0] if len(found) == 1 else None


GOAL_READINGS = 10_000  # the cuts of a goal's pages tried at most (each page's split point)


def _goal_cells(run: Sequence[Cell], page_starts: frozenset[int]) -> list[Cell] | str:
    """A goal's text, or its two texts side by side (目标, 实际完成情况), printed one after the other:
    the one reading whose texts are each one cell. Broken over a page, each text may go on over it,
    printed after the other's part on the page before (sample 004): on each page the run holds a part
    of the first text, then a part of the second, either part empty once its text has ended; the first
    text opens the run, and the second, if there is one, starts on the run's first page."""
    segments: list[list[Cell]] = []
    for piece in run:
        if not segments or piece[0] in page_starts:
            segments.append([])
        segments[-1].append(piece)
    if math.prod(len(segment) + 1 for segment in segments) > GOAL_READINGS:
        return f"pieces of the goal block broken over pages in too many ways to try (line {run[0][0]})"
    found: list[tuple[list[Cell], list[Cell]]] = []
    for splits in itertools.product(*(range(len(segment) + 1) for segment in segments)):
        if not _goal_split(segments, splits):
            continue
        first = [p for segment, n in zip(segments, splits, strict=True) for p in segment[:n]]
        second = [p for segment, n in zip(segments, splits, strict=True) for p in segment[n:]]
        if one_cell(tuple(t for _, t in first)) and (not second or one_cell(tuple(t for _, t in second))):
            found.append((first, second))
    if len(found) != 1:
        reason = "several ways" if found else "no way"
        return f"pieces of the goal block that make its cells in {reason} (line {run[0][0]})"
    return [(texts[0][0], join([t for _, t in texts])) for texts in found[0] if texts]


def _goal_split(segments: Sequence[Sequence[Cell]], splits: Sequence[int]) -> bool:
    """Where each page's part of a goal's first text ends (`splits`) is a reading: the first text opens
    the run; a text that has ended has no part on a later page; the second starts on the first page."""
    if splits[0] == 0:
        return False
    first_ended = second_ended = False
    for k, (segment, n) in enumerate(zip(segments, splits, strict=True)):
        if (first_ended and n > 0) or (second_ended and n < len(segment)):
            return False
        first_ended = first_ended or (k > 0 and n == 0)
        second_ended = second_ended or n == len(segment)
    return True

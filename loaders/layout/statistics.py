"""The 部门决算公开相关信息统计表 (family statistics) printed without tabs.

Lines are section headings (`一、政府采购情况`), header lines (项目 | 行次 | 统计数) and item lines: the
item's label, its 行次 and its value. With empty cells dropped, an item line holding one integer
holds its 行次 or its value: row numbers only increase down the table, so the integer is the 行次 when
it is larger than the last row number seen, and the value otherwise (a count printed without its 行次).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.layout.body import Body
from loaders.layout.centred import Column
from loaders.layout.header import words_labels
from loaders.layout.names import Fragments, whole_cells
from loaders.layout.result import Canonical, LayoutError, Problem, tab_line
from loaders.layout.text import CELL, Cell, squash
from loaders.parsers.statistics import _ITEMS, item_of

FAMILY = "statistics"
PHRASES = frozenset(
    {"项目", "指标", "项目名称", "统计项目", "行次", "序号", "栏次", "统计数", "数量", "金额", "决算数", "数值"}
)
LABELS = frozenset({"项目", "指标", "项目名称", "统计项目"})
ROW_WORDS = frozenset({"行次", "序号", "栏次"})
_SECTION = re.compile(r"^[一二三四五六七八九十]+[、.]")


_ITEM_NUMBERING = re.compile(r"[(（][一二三四五六七八九十\d]+[)）]|(?<![\d.])\d+[.、](?!\d)")


def accept_label(cells: Sequence[Cell], slot: tuple[int, int | None], name: str) -> bool:
    """A rebuilt item label: one numbering at most (`(一)`, `1.`) at its start, naming a known item."""
    numbering = _ITEM_NUMBERING.findall(name)
    if len(numbering) > 1 or (numbering and not name.strip().startswith(numbering[0])):
        return False
    return any(item_of(section, name) is not None for section in _ITEMS)


def _labels(cells: Sequence[Cell]) -> list[tuple[str, bool]]:
    return [p for c in cells if c.is_text for p in words_labels([squash(t.text) for t in c.tokens], PHRASES)]


def is_header_line(cells: Sequence[Cell]) -> bool:
    pieces = _labels(cells)
    return bool(pieces) and all(known for _, known in pieces) and all(c.is_text for c in cells)


def is_section(cells: Sequence[Cell]) -> bool:
    return len(cells) == 1 and cells[0].is_text and bool(_SECTION.match(cells[0].squashed))


def is_item(cells: Sequence[Cell]) -> bool:
    return bool(cells) and cells[0].is_text and any(not c.is_text for c in cells) and not is_header_line(cells)


def _header(cells: Sequence[Cell]) -> list[str]:
    words = [text for text, _ in _labels(cells)]
    label = next((w for w in words if w in LABELS), "项目")
    row = next((w for w in words if w in ROW_WORDS), "")
    value = next((w for w in words if w not in LABELS and w not in ROW_WORDS), "统计数")
    return [label, row, value]


def _item(cells: Sequence[Cell], last_row: int) -> tuple[list[str], int] | str:
    """The canonical cells of an item line and its row number; a reason when it cannot be read."""
    texts = [c for c in cells if c.is_text]
    numbers = [c for c in cells if not c.is_text]
    if cells[len(texts) :] != numbers or not texts:
        return "words after the numbers of an item line"
    label = " ".join(c.text for c in texts)
    if len(numbers) > 2:
        return f"{len(numbers)} numbers for an item's 行次 and value"
    if len(numbers) == 2:
        if not numbers[0].is_integer:
            return f"not a row number: {numbers[0].text!r}"
        return [label, numbers[0].text, numbers[1].text], int(numbers[0].squashed)
    if not numbers:
        return [label, "", ""], last_row
    number = numbers[0]
    if number.is_integer and int(number.squashed) > last_row:
        return [label, number.text, ""], int(number.squashed)
    return [label, "", number.text], last_row


def _is_nameless(cells: Sequence[Cell]) -> bool:
    """An item printed as its 行次 and value only (`6 14.44`, `8`): its label set around it, centred."""
    return 0 < len(cells) <= 2 and cells[0].is_integer and all(c.is_amount for c in cells)


def _is_row(cells: Sequence[Cell]) -> bool:
    return is_item(cells) or _is_nameless(cells)


def _label_slot(cells: Sequence[Cell]) -> list[Column]:
    """The empty label slot of an item printed without its label (loaders.layout.centred)."""
    return [Column(0, True, required=True)] if _is_nameless(cells) else []


def _attached(body: Body, widths: set[int] | None) -> tuple[list[list[Cell]], dict[int, str]]:
    """The lines with wrapped item labels joined; the item lines whose label cannot be rebuilt."""
    lines = [list(line) for line in body.lines]
    if body.mode == CELL:
        return _cell_lines(body.stream), {}
    plain = [line for line in lines if not is_section(line) and not is_header_line(line)]
    fragments = Fragments(plain, body.raw, _is_row, whole_cells, accept_label, openings=_label_slot)
    attached, unsure = fragments.attach(fragments.choose(widths))
    by_line = {line[0].line_no: line for line in attached}
    kept = [
        by_line.get(line[0].line_no, line)
        for line in lines
        if is_section(line) or is_header_line(line) or line[0].line_no in by_line
    ]
    return kept, {no: u.reason for u in unsure for no in u.rows}


def canonicalise(family: str, body: Body, unit: str, title_line: int, widths: set[int] | None = None) -> Canonical:
    lines, unsure = _attached(body, widths)
    out = []
    problems: list[Problem] = []
    last_row = 0
    for line in lines:
        no = line[0].line_no
        text = " ".join(c.text for c in line)
        if is_section(line):
            out.append(tab_line(no, [line[0].text, "", ""]))
        elif is_header_line(line):
            out.append(tab_line(no, _header(line)))
        elif is_item(line):
            if _labels(line) and all(known for _, known in _labels(line)):
                # a header word with numbers after it: the cells were not read in rows (a tool printing
                # the table column by column), no item line can be trusted
                raise LayoutError(f"a header word read as an item ({text!r}): the cells are not in rows", no)
            found = _item(line, last_row)
            if isinstance(found, str):
                problems.append(Problem(no, found, text))
                continue
            cells, last_row = found
            if no in unsure:
                problems.append(Problem(no, unsure[no], text))
            else:
                out.append(tab_line(no, cells))
        elif any(not c.is_text for c in line):
            problems.append(Problem(no, "numbers without an item label", text))
    return Canonical(tuple(out), tuple(problems))


def _cell_lines(stream: Sequence[Cell]) -> list[list[Cell]]:
    """A one-cell-per-line stream cut into lines: a header word run, a section heading, or an item
    (a label and the numbers after it)."""
    lines: list[list[Cell]] = []
    for cell in stream:
        header_word = cell.is_text and all(known for _, known in _labels([cell]))
        if cell.is_text:
            previous = lines[-1] if lines else None
            if header_word and previous is not None and is_header_line(previous):
                previous.append(cell)
            else:
                lines.append([cell])
        elif lines:
            lines[-1].append(cell)
        else:
            lines.append([cell])
    return lines

"""Reading a header block whose cells are not separated: the column labels, found by their words.

Without tabs, a header line is a run of words: `项 目 本年收入合计 财政拨款收入 … 附属单位 上缴收入`. Its
labels are found by joining consecutive words into the longest phrase a family's headers print
(`附属单位` + `上缴收入`, `项` + `目`), or by cutting a word into phrases (`合计小计`). What no phrase
covers is a fragment: a label split over two header lines (`上解上级` above `支出`) is rebuilt by
pairing a fragment of an upper line with one of a lower line when together they make a phrase; the
label then stands where the lower fragment stands. Fragments that pair with nothing are kept (unknown
words, OCR debris); numbers are never part of a label.

In the one-cell-per-line layout the header's lines are not visible; they are cut where a label that
opens a header line (序号, 项目, 科目编码, 栏次 …) follows a label that does not.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from loaders.layout.text import Cell, squash

# Labels printed in the first columns of a header line: in the cell mode a header line starts at one.
LINE_OPENERS = frozenset(
    {"序号", "项目", "科目编码", "科目代码", "功能分类科目编码", "经济分类科目编码", "功能分类科目", "栏次", "档次"}
)


@dataclass(frozen=True)
class Label:
    """A label found in a header block: its words (spaces removed), the header line it was found on
    (0 = top) and its order among the labels of that line."""

    text: str
    line: int
    position: int
    known: bool  # a phrase of the family's headers (False: a fragment)


def scan(text: str, phrases: Collection[str]) -> list[tuple[str, bool]]:
    """Cut a word into phrases (longest match first) and the fragments between them."""
    longest = max((len(p) for p in phrases), default=0)
    pieces: list[tuple[str, bool]] = []
    fragment = ""
    i = 0
    while i < len(text):
        sizes = range(min(longest, len(text) - i), 0, -1)
        found = next((text[i : i + n] for n in sizes if text[i : i + n] in phrases), None)
        if found is None:
            fragment += text[i]
            i += 1
            continue
        if fragment:
            pieces.append((fragment, False))
            fragment = ""
        pieces.append((found, True))
        i += len(found)
    if fragment:
        pieces.append((fragment, False))
    return pieces


def words_labels(words: Sequence[str], phrases: Collection[str]) -> list[tuple[str, bool]]:
    """Labels of a run of words: consecutive words joined into the longest phrase, else each word scanned."""
    pieces: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        end = next((j for j in range(len(words), i + 1, -1) if "".join(words[i:j]) in phrases), None)
        if end is not None:
            pieces.append(("".join(words[i:end]), True))
            i = end
            continue
        pieces.extend(scan(words[i], phrases))
        i += 1
    return pieces


def line_labels(cells: Sequence[Cell], line: int, phrases: Collection[str]) -> list[Label]:
    """The labels of one header line, from its text cells (a number separates two runs of words)."""
    labels: list[Label] = []
    for cell in cells:
        if not cell.is_text:
            continue
        words = [squash(token.text) for token in cell.tokens] or [cell.squashed]
        for text, known in words_labels(words, phrases):
            labels.append(Label(text, line, len(labels), known))
    return labels


def read_labels(lines: Sequence[Sequence[Cell]], phrases: Collection[str]) -> list[list[Label]]:
    """The labels of each header line, fragments split over two lines paired into their phrase."""
    found = [line_labels(cells, n, phrases) for n, cells in enumerate(lines)]
    for upper in range(len(found)):
        for lower in range(upper + 1, len(found)):
            _pair(found, upper, lower, phrases)
    return found


def _pair(found: list[list[Label]], upper: int, lower: int, phrases: Collection[str]) -> None:
    start = 0
    for top in [label for label in found[upper] if not label.known]:
        candidates = [label for label in found[lower] if not label.known and label.position >= start]
        match = next((label for label in candidates if top.text + label.text in phrases), None)
        if match is None:
            continue
        found[upper] = [label for label in found[upper] if label is not top]
        joined = Label(top.text + match.text, lower, match.position, True)
        found[lower] = [joined if label is match else label for label in found[lower]]
        start = match.position + 1


def cell_mode_lines(cells: Sequence[Cell]) -> list[list[Cell]]:
    """A header printed one cell per line, cut into its header lines (see the module docstring)."""
    lines: list[list[Cell]] = []
    previous_opens = False
    for cell in cells:
        opens = cell.squashed in LINE_OPENERS
        if not lines or (opens and not previous_opens):
            lines.append([])
        lines[-1].append(cell)
        previous_opens = opens
    return lines

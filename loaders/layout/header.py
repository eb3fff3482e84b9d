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

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from loaders.layout.text import Cell, joined, squash

# Labels printed in the first columns of a header line: in the cell mode a header line starts at one.
LINE_OPENERS = frozenset(
    {"序号", "项目", "科目编码", "科目代码", "功能分类科目编码", "经济分类科目编码", "功能分类科目", "栏次", "档次"}
)


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Label:
    """A label found in a header block: its words (spaces removed), the header line it was found on
    (0 = top) and its order among the labels of that line."""

    text: str
    line: int
    position: int
    known: bool  # a phrase of the family's headers (False: a fragment)

    def __init__(self, text: str, line: int, position: int, known: bool) -> None:
        self.text = text
        self.line = line
        self.position = position
        self.known = known

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Label) and (self.text, self.line, self.position, self.known) == (
            other.text,
            other.line,
            other.position,
            other.known,
        )

    def __hash__(self) -> int:
        return hash((self.text, self.line, self.position, self.known))


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
    """Labels of a run of words: consecutive words joined into the longest phrase, else each word scanned.
    Two fragments side by side that make a phrase are that phrase (`其他` `收入上年结转`: 其他收入, 上年结转)."""
    pieces: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        end = next((j for j in range(len(words), i + 1, -1) if "".join(words[i:j]) in phrases), None)
        if end is not None:
            pieces.append(("".join(words[i:end]), True))
            i = end
            continue
        for text, known in scan(words[i], phrases):
            if not known and pieces and not pieces[-1][1] and pieces[-1][0] + text in phrases:
                pieces[-1] = (pieces[-1][0] + text, True)
            else:
                pieces.append((text, known))
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
    """The labels of each header line, cells wrapped over several lines joined into their phrase.

    A tool prints a wrapped header cell as pieces on consecutive lines, each line in the columns'
    order, interleaved with the other cells' pieces (`本年支出合 基本支 项目支 …` above `计 出 出 …`).
    The pieces a line leaves open (a fragment, or a phrase and a fragment that together begin a phrase:
    `项目支`, `本年支出合`; or a phrase a longer one begins with: `财政拨款` over `收入`) are matched in
    order with the fragments of a lower line: the reading joining the most pieces into phrases wins, then
    into beginnings of phrases, then the one taking the most pieces (`附属单` over `位 上缴`: both pieces);
    when two readings tie, the lines are left unjoined (the family then finds no column where it is
    ambiguous). Each pair of lines is matched in turn, top down, so a label wrapped a character a line
    (`事` / `业` / `收` / `入`, other cells' pieces on the lines between) grows a line at a time. What
    stays open is cut into phrases again."""
    prefixes = _prefixes(phrases)
    found = [_opened(line_labels(cells, n, phrases), phrases, prefixes) for n, cells in enumerate(lines)]
    for upper in range(len(found)):
        for lower in range(upper + 1, len(found)):
            _pair(found, upper, lower, phrases, prefixes)
    return [_closed(labels, phrases) for labels in found]


def _prefixes(phrases: Collection[str]) -> frozenset[str]:
    return frozenset(p[:k] for p in phrases for k in range(1, len(p)))


def _opened(labels: list[Label], phrases: Collection[str], prefixes: Collection[str]) -> list[Label]:
    """A phrase followed by a fragment that together begin a longer phrase (`项目` `支` → `项目支`):
    one open fragment."""
    out: list[Label] = []
    for label in labels:
        previous = out[-1] if out else None
        if previous is not None and previous.known and not label.known and previous.text + label.text in prefixes:
            out[-1] = Label(previous.text + label.text, label.line, 0, False)
            continue
        out.append(label)
    return _numbered(out)


def _numbered(labels: Sequence[Label]) -> list[Label]:
    return [Label(label.text, label.line, n, label.known) for n, label in enumerate(labels)]


def _closed(labels: list[Label], phrases: Collection[str]) -> list[Label]:
    """Open fragments left unjoined, cut into phrases again."""
    out: list[Label] = []
    for label in labels:
        if label.known:
            out.append(label)
        else:
            out.extend(Label(text, label.line, 0, known) for text, known in scan(label.text, phrases))
    return _numbered(out)


MAX_RUN = 3  # fragments of one line joined into one label
MAX_PAIRING = 4000  # bound on the pairing search (upper × lower fragments)


def _runs(labels: Sequence[Label], size: int) -> list[tuple[int, int, str]]:
    """Runs of consecutive fragments (no phrase between): (first index, end index, joined text)."""
    runs: list[tuple[int, int, str]] = []
    for start in range(len(labels)):
        text = ""
        for end in range(start, min(len(labels), start + size)):
            if labels[end].known:
                break
            text += labels[end].text
            runs.append((start, end + 1, text))
    return runs


def _pair(
    found: list[list[Label]], upper: int, lower: int, phrases: Collection[str], prefixes: Collection[str]
) -> None:
    top, bottom = found[upper], found[lower]
    if not any(not label.known or label.text in prefixes for label in top):
        return
    if not any(not label.known for label in bottom) or len(top) * len(bottom) > MAX_PAIRING:
        return
    tops: dict[int, list[tuple[int, str]]] = {}
    for start, end, text in _runs(top, MAX_RUN):
        tops.setdefault(start, []).append((end, text))
    for start, label in enumerate(top):
        if label.known and label.text in prefixes:  # a phrase a longer one begins with (财政拨款 | 收入)
            tops.setdefault(start, []).append((start + 1, label.text))
    bottoms: dict[int, list[tuple[int, str]]] = {}
    for start, end, text in _runs(bottom, 2):
        bottoms.setdefault(start, []).append((end, text))
    # best[(i, j)]: the best reading of top[i:] with bottom[j:]: (score, matches, ambiguous)
    Best = tuple[tuple[int, int, int], tuple[tuple[int, int, int, int, str], ...], bool]
    best: dict[tuple[int, int], Best] = {}
    for i in range(len(top), -1, -1):
        for j in range(len(bottom), -1, -1):
            options: list[Best] = []
            if i < len(top):
                options.append(best[(i + 1, j)])
            if j < len(bottom):
                options.append(best[(i, j + 1)])
            for end_i, upper_text in tops.get(i, []):
                for end_j, lower_text in bottoms.get(j, []):
                    joined = upper_text + lower_text
                    if joined in phrases:
                        gain = (1, 0)
                    elif joined in prefixes:
                        gain = (0, 1)
                    else:
                        continue
                    (a, b, c), matches, ambiguous = best[(end_i, end_j)]
                    score = (a + gain[0], b + gain[1], c + end_i - i + end_j - j)
                    options.append((score, ((i, end_i, j, end_j, joined), *matches), ambiguous))
            if not options:
                best[(i, j)] = ((0, 0, 0), (), False)
                continue
            score = max(option[0] for option in options)
            winners = [option for option in options if option[0] == score]
            readings = {option[1] for option in winners}
            best[(i, j)] = (score, winners[0][1], len(readings) > 1 or any(option[2] for option in winners))
    score, matches, ambiguous = best[(0, 0)]
    if not matches or ambiguous:
        return
    gone = {k for i, end_i, _, _, _ in matches for k in range(i, end_i)}
    joined_at = {j: (end_j, text) for _, _, j, end_j, text in matches}
    out: list[Label] = []
    j = 0
    while j < len(bottom):
        if j in joined_at:
            end_j, text = joined_at[j]
            out.append(Label(text, lower, 0, text in phrases))
            j = end_j
            continue
        out.append(bottom[j])
        j += 1
    found[upper] = _numbered([label for k, label in enumerate(top) if k not in gone])
    found[lower] = _numbered(out)


def cell_mode_lines(cells: Sequence[Cell]) -> list[list[Cell]]:
    """A header printed one cell per line, cut into its header lines (see the module docstring)."""
    lines: list[list[Cell]] = []
    openers = opener_cells(cells)
    previous_opens = False
    for i, cell in enumerate(cells):
        opens = i in openers
        if not lines or (opens and not previous_opens):
            lines.append([])
        lines[-1].append(cell)
        previous_opens = opens
    return [_runs_joined(line) for line in lines]


def opener_cells(cells: Sequence[Cell]) -> set[int]:
    """The indices of the cells that print a line-opening label (序号, 科目编码 …), whole or wrapped
    over up to MAX_RUN cells (`序` `号`, `功能分类科目编` `码`): every piece of it opens the line."""
    return {k for i in range(len(cells)) for end in phrase_ends(cells, i, LINE_OPENERS) for k in range(i, end)}


def phrase_ends(cells: Sequence[Cell], i: int, phrases: Collection[str]) -> list[int]:
    """Where the phrases starting at cells[i] end (exclusive), each printed whole or wrapped over up to
    MAX_RUN text cells (`基本支` `出`)."""
    ends: list[int] = []
    text = ""
    for j in range(i, min(len(cells), i + MAX_RUN)):
        if not cells[j].is_text:
            break
        text += cells[j].squashed
        if text in phrases:
            ends.append(j + 1)
    return ends


def _runs_joined(cells: Sequence[Cell]) -> list[Cell]:
    """A cell-mode header line with each run of text cells made one run of words, as a line of the space
    mode prints it: a label wrapped over several cells (`本年收入合` `计`, `科目编` `码`) is then joined
    into its phrase by `words_labels`."""
    out: list[Cell] = []
    for cell in cells:
        previous = out[-1] if out else None
        if cell.is_text and previous is not None and previous.is_text:
            out[-1] = joined([previous, cell], " ")
        else:
            out.append(cell)
    return out


def completes(header: Sequence[Sequence[Cell]], line: Sequence[Cell], phrases: Collection[str]) -> bool:
    """A words-only line that ends the header's wrapped cells: each of its words joins the open piece of a
    cell above into a phrase (`科目编 … 金` above `码 码 码 额`), none being a phrase alone."""
    if not header or not line or not all(cell.is_text for cell in line):
        return False
    alone = line_labels(line, 0, phrases)
    if not alone or any(label.known for label in alone):
        return False
    read = read_labels([*header, line], phrases)
    return bool(read[-1]) and all(label.known for label in read[-1])


def header_end(lines: Sequence[Sequence[Cell]], first: int, phrases: Collection[str]) -> int:
    """The first data line, past the lines right after the header that end its wrapped cells."""
    while 0 < first < len(lines) and completes(lines[:first], lines[first], phrases):
        first += 1
    return first


def squashed_line(cells: Sequence[Cell]) -> str:
    """A line's text without spaces (a header line printed again on a continued page reads the same,
    however its words are spaced: `经济分类科` / `经济分类 科`)."""
    return "".join(cell.squashed for cell in cells)


def printed_again(lines: Sequence[Sequence[Cell]], header: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """The lines without the table's header printed again on a continued page, whose words-only lines
    would otherwise be taken for pieces of wrapped names: each line that reads as a line of the header
    (spaces aside) printed next to another that does. (A header of one line is printed again alone; a
    line of a longer header alone is a name's piece that reads the same: 001's `人员经 公用经` over its
    totals, as over its header's columns.)"""
    printed = {squashed_line(line) for line in header if line}
    again = [bool(line) and squashed_line(line) in printed for line in lines]
    kept: list[list[Cell]] = []
    for n, line in enumerate(lines):
        if again[n] and (
            len(printed) == 1
            or any(
                0 <= m < len(lines) and again[m] and abs(lines[m][0].line_no - line[0].line_no) == 1
                for m in (n - 1, n + 1)
            )
        ):
            continue
        kept.append(list(line))
    return kept


def without_headers(
    lines: Sequence[Sequence[Cell]],
    is_header: Callable[[Sequence[Cell]], bool],
    continues: Callable[[Sequence[Sequence[Cell]], Sequence[Cell]], bool],
) -> list[list[Cell]]:
    """The lines with the header printed again on a continued page dropped: each header line, and the
    lines printed right after one that the family reads as the rest of it (`continues`, given the header
    lines above: the tails of its wrapped cells, `… 金` above `额`, as at the table's head: `completes`;
    or its labels wrapped otherwise than on the first page: `label_pieces`)."""
    kept: list[list[Cell]] = []
    header: list[Sequence[Cell]] = []  # the header lines printed right above the line
    for line in lines:
        after = bool(header) and bool(line) and line[0].line_no - header[-1][0].line_no == 1
        if is_header(line) or (after and continues(header, line)):
            header = [*header, line] if after else [line]
            continue
        header = []
        kept.append(list(line))
    return kept


def label_pieces(cells: Sequence[Cell], phrases: Collection[str]) -> bool:
    """A header line printed again with its labels wrapped differently (a continued page): three words or
    more, every one a piece of a header label (`本年收入合 财政拨款收 上级补助收 事业收 …`). A wrapped
    name prints one word a line, or two."""
    words = [squash(token.text) for cell in cells for token in cell.tokens]
    if len(words) < 3 or not all(cell.is_text for cell in cells):
        return False
    return all(any(word in phrase for phrase in phrases) for word in words)


_NUMBERING_LABEL = frozenset({"栏", "档", "次"})  # the characters of 栏次 / 档次, wrapped in its cell


def column_numbering(cells: Sequence[Cell]) -> bool:
    """A 栏次 numbering with its label wrapped in its cell (`栏` above or before `1 2 3 …`, `次` below):
    the label's characters alone on a line, or three integers or more counting from 1 (after `栏`). (No
    row of a two-sided table prints that: a line holds at most two halves' numbers; nor a 三公 row.)"""
    if len(cells) == 1 and cells[0].squashed in _NUMBERING_LABEL:
        return True
    numbers = cells[1:] if cells and cells[0].squashed in _NUMBERING_LABEL else cells
    if len(numbers) < 3 or not all(c.is_integer for c in numbers):
        return False
    return [int(c.squashed) for c in numbers] == list(range(1, len(numbers) + 1))

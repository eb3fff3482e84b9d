"""A 汇总表 printed without tabs whose cells wrap: its header over two or three lines (`序号 项目名称 资金
使用单位 自评得 自评等` / `分 级`), a project's name and unit over lines of their own above or below its
序号 line (pdfplumber centres them on it, pdftotext -layout runs them on below it, the score maybe with
them).

A project line is the line that opens with its 序号 (1, or the number after the one before). The lines
before the first are group headings (one text a line), then the first project's; the lines between two
project lines end the one above and open the one below. How a project's wrapped cells sit against its
序号 line — from it down, centred on it, up to it — is the header's: its wrapped names sit so against its
line of whole names. A project holds one score (a number ending a line, before its grade) and its name
and unit, each of k pieces on the lines the alignment puts k pieces, a line holding both cut between them
(name on the left), the name's pieces one wrapped cell and the unit's too (`wrapcells.one_cell`). The
cut of the lines into projects must be the only one that gives every project a score and a reading; a
project read several ways is decided as a line printed whole is (`summary.decide`), else reported.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.layout.performance.pieces import Row
from loaders.layout.performance.wrapcells import join, one_cell
from loaders.layout.result import LayoutError
from loaders.parsers.performance_common import grade_of, is_number
from loaders.parsers.performance_summary import SUMMARY_KEYWORDS, header_key, summary_header

HEADER_LINES = 3
CUTS_PER_PROJECT = 4096  # each line's texts cut in two, every combination: at most this many per project
ORDER = tuple(key for key, _ in SUMMARY_KEYWORDS)


def wrapped_header(rows: Sequence[Row]) -> tuple[int, list[str], tuple[str, ...]] | None:
    """(the lines it takes, its cells in the form's column order, the alignments its lines allow) of a
    header wrapped over the table's first lines: the pieces naming a column alone, all on one line, and
    the others joined line to line in order (the first such piece of one line with the first of the next:
    `自评得` / `分`), each joined text naming a column. Where the joined pieces sit against the line of
    whole names says how the tool aligns every wrapped cell (from it down, around it, up to it). None when
    no such header names the 项目名称 and 自评得分 columns, the name before the unit."""
    for count in range(2, min(HEADER_LINES, len(rows)) + 1):
        lines = [row.pieces for row in rows[:count]]
        if any(is_number(line[0]) for line in lines):
            return None
        whole_lines = [k for k, line in enumerate(lines) if any(header_key(piece) is not None for piece in line)]
        loose_lines = [k for k, line in enumerate(lines) if any(header_key(piece) is None for piece in line)]
        whole = [piece for line in lines for piece in line if header_key(piece) is not None]
        loose = [[piece for piece in lines[k] if header_key(piece) is None] for k in loose_lines]
        if len(whole_lines) != 1 or len(loose) != 2 or len(loose[0]) != len(loose[1]):
            continue
        joined = [a + b for a, b in zip(loose[0], loose[1], strict=True)]
        named: dict[str, str] = {}
        for text in [*whole, *joined]:
            key = header_key(text)
            if key is None or key in named:
                break
            named[key] = text
        else:
            cells = [named[key] for key in ORDER if key in named]
            printed = [header_key(piece) for piece in whole]
            if summary_header(cells) is None or ("unit" in printed and printed.index("unit") < printed.index("name")):
                continue
            at = tuple(k - whole_lines[0] for k in loose_lines)
            return count, cells, tuple(a for a in ALIGNMENTS if offsets(2, a) == at)
    return None


@dataclass(frozen=True)
class Project:
    """A project's lines (their texts: the 序号, score and grade taken out) and its values."""

    line_no: int
    seq: str
    score: str
    grade: str
    texts: tuple[tuple[str, ...], ...]  # each line's texts, in order
    main: int  # the line opening with the 序号
    printed: str


def _project(lines: Sequence[Row], main: int, has_grade: bool) -> Project | None:
    """The project of these lines (`main`: the one opening with its 序号), None without exactly one score."""
    found = []
    for k, row in enumerate(lines):
        pieces = row.pieces[1:] if k == main else row.pieces
        if has_grade and len(pieces) >= 2 and is_number(pieces[-2]) and grade_of(pieces[-1]) is not None:
            found.append((k, len(pieces) - 2))
        elif not has_grade and pieces and is_number(pieces[-1]):
            found.append((k, len(pieces) - 1))
    if len(found) != 1:
        return None
    at, index = found[0]
    texts = []
    for k, row in enumerate(lines):
        pieces = row.pieces[1:] if k == main else row.pieces
        texts.append(tuple(pieces[:index] if k == at else pieces))
    score_line = lines[at].pieces[1:] if at == main else lines[at].pieces
    return Project(
        lines[main].line_no,
        lines[main].pieces[0],
        score_line[index],
        score_line[index + 1] if has_grade else "",
        tuple(texts),
        main,
        "\n".join(row.text for row in lines),
    )


# How a tool sets a wrapped cell's k pieces against its row's 序号 line (offsets of the lines they are on):
# from it down (pdftotext -layout), or centred on it (pdfplumber: an even count straddles it, the 序号 line
# between its halves), or up to it.
TOP, CENTRED, BOTTOM = "top", "centred", "bottom"
ALIGNMENTS = (TOP, CENTRED, BOTTOM)


def offsets(count: int, alignment: str) -> tuple[int, ...]:
    if alignment == TOP:
        return tuple(range(count))
    if alignment == BOTTOM:
        return tuple(range(1 - count, 1))
    half = count // 2
    if count % 2:
        return tuple(range(-half, half + 1))
    return (*range(-half, 0), *range(1, half + 1))


def splits(project: Project, has_unit: bool, alignment: str) -> list[tuple[str, str]] | str:
    """The (name, unit) readings of a project's lines under an alignment: the name's and the unit's pieces
    counted, each on the lines the alignment puts them (every line with texts holding a piece of one or
    both, no other), a line holding both cut between them (the name on the left), the name's pieces one
    wrapped cell and the unit's too. A reason when there are too many."""
    lines = project.texts
    at = [k - project.main for k in range(len(lines))]
    printed = {offset for offset, line in zip(at, lines, strict=True) if line}
    found: list[tuple[str, str]] = []
    tried = 0
    counts = range(1, len(lines) + 1)
    for name_count, unit_count in itertools.product(counts, counts if has_unit else (0,)):
        names, units = set(offsets(name_count, alignment)), set(offsets(unit_count, alignment)) if has_unit else set()
        if names | units != printed:
            continue
        shared = [k for k, offset in enumerate(at) if offset in names and offset in units]
        for cuts in itertools.product(*(range(1, len(lines[k])) for k in shared)):
            tried += 1
            if tried > CUTS_PER_PROJECT:
                return (
                    f"too many readings: a project's texts cut into a name and a unit in over {CUTS_PER_PROJECT} ways"
                )
            cut = dict(zip(shared, cuts, strict=True))
            name = tuple(" ".join(line[: cut.get(k, len(line))]) for k, line in enumerate(lines) if at[k] in names)
            unit = tuple(" ".join(line[cut.get(k, 0) :]) for k, line in enumerate(lines) if at[k] in units)
            if one_cell(name) and (not has_unit or one_cell(unit)):
                reading = (join(name), join(unit) if unit else "")
                if reading not in found:
                    found.append(reading)
    return found


Heading = tuple[int, str, str]  # (line number, text, printed)
Cut = tuple[list[list[Heading]], list[Project]]


def wrapped_lines(
    rows: Sequence[Row], has_grade: bool, has_unit: bool, alignments: Sequence[str]
) -> tuple[list[Heading], list[Project], str]:
    """The table's headings, its projects and how its cells align (LayoutError when its lines do not cut
    one way only, in one of the `alignments`)."""
    mains: list[int] = []
    for k, row in enumerate(rows):
        first = row.pieces[0]
        if first.isdigit() and (first == "1" or (mains and int(first) == int(rows[mains[-1]].pieces[0]) + 1)):
            mains.append(k)
    if not mains:
        raise LayoutError("a wrapped 汇总表 with no project line (a 序号 opening a line)", rows[0].line_no)
    gaps = [(0, mains[0])] + [(mains[i] + 1, mains[i + 1]) for i in range(len(mains) - 1)]
    gaps.append((mains[-1] + 1, len(rows)))
    # a gap's lines cut as (ends the project above | headings | open the project below): group headings
    # (one text a line, no number) above the first project only — between two projects, a line of one
    # text may as well be a wrapped piece of the project above or below, which the text does not say
    options: list[list[tuple[int, int]]] = [[(0, b) for b in range(mains[0] + 1) if _headings(rows[:b])]]
    options += [[(a, a) for a in range(start, stop + 1)] for start, stop in gaps[1:-1]]
    options.append([(len(rows), len(rows))])
    counted: list[tuple[str, int, Cut]] = []
    for alignment in alignments:
        total, cut = _cut(rows, mains, options, alignment, has_grade, has_unit)
        if total:
            counted.append((alignment, total, cut))
    if len(counted) != 1 or counted[0][1] != 1:
        ways = ", ".join(f"{total} {alignment}" for alignment, total, _ in counted) or "none"
        raise LayoutError(
            f"a wrapped 汇总表 whose lines cut into projects in several ways or none ({ways})", rows[mains[0]].line_no
        )
    alignment, _, (cut_headings, projects) = counted[0]
    return [heading for part in cut_headings for heading in part], projects, alignment


def _headings(rows: Sequence[Row]) -> bool:
    """Lines that may be group headings: one text each, no number."""
    return all(len(row.pieces) == 1 and not is_number(row.pieces[0]) for row in rows)


def _cut(
    rows: Sequence[Row],
    mains: Sequence[int],
    options: Sequence[Sequence[tuple[int, int]]],
    alignment: str,
    has_grade: bool,
    has_unit: bool,
) -> tuple[int, Cut]:
    """The number of ways to cut the lines into headings and projects under an alignment, and the cut
    when it is one. The ways so far are kept by where the next project's lines start."""
    ways: dict[int, tuple[int, Cut]] = {b: (1, ([rows_cut(rows, a, b)], [])) for a, b in options[0]}
    for g in range(1, len(options)):
        grown: dict[int, tuple[int, Cut]] = {}
        for opened, (count, (headings, projects)) in sorted(ways.items()):
            for a, b in options[g]:
                project = _project(rows[opened:a], mains[g - 1] - opened, has_grade)
                if project is None:
                    continue
                found = splits(project, has_unit, alignment)
                if isinstance(found, str):
                    raise LayoutError(found, rows[mains[g - 1]].line_no)
                if not found:
                    continue
                before = grown.get(b, (0, ([], [])))[0]
                grown[b] = (before + count, ([*headings, rows_cut(rows, a, b)], [*projects, project]))
        ways = grown
    total = sum(count for count, _ in ways.values())
    return total, next(iter(ways.values()))[1] if total == 1 else ([], [])


def rows_cut(rows: Sequence[Row], a: int, b: int) -> list[Heading]:
    return [(row.line_no, " ".join(row.pieces), row.text) for row in rows[a:b]]

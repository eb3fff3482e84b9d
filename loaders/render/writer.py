"""Writing rendered lines in a layout (see loaders.layouts.Layout).

Input: the document as blocks — a text line kept as printed, or a table line as typed cells. Output:
the document's text lines in the layout. Random choices (spaces between cells, where names wrap)
come from the caller's seeded `random.Random`, so a seed always gives the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

from loaders.layouts import Layout
from loaders.render.cells import Cell, Code, GluedCode, Money, MoneyFormat, Text, format_code, format_money

SPACED = frozenset({Layout.SPACE, Layout.SPLIT_CODES, Layout.WRAPPED_NAMES, Layout.CENTRED_NAMES})
WRAP_WIDTHS = (8, 12)  # names longer than a width drawn from this range are wrapped
HEAD_BEFORE_SHARE = 0.25  # how often the head of a wrapped name goes on the line before


@dataclass(frozen=True)
class CellLine:
    """A table line as cells (empty cells included, at their printed positions)."""

    cells: tuple[Cell, ...]


Block = str | CellLine


def cell_text(cell: Cell, money: MoneyFormat, split_codes: bool = False) -> str:
    if isinstance(cell, Money):
        return format_money(cell, money)
    if isinstance(cell, Code | GluedCode):
        return format_code(cell, split_codes)
    return cell.text


def _spaced(texts: Sequence[str], rng: Random) -> str:
    out = ""
    for n, text in enumerate(t for t in texts if t):
        out += (" " * rng.randint(1, 3) if n else "") + text
    return out


def _wrapped(cells: Sequence[Cell], texts: list[str], width: int, rng: Random) -> list[str]:
    """A spaced line whose long names are cut: the tails go on a line after it (or the heads on a
    line before it), the codes and amounts stay on the main line."""
    before: list[str] = []
    after: list[str] = []
    main = list(texts)
    for i, cell in enumerate(cells):
        if not (isinstance(cell, Text) and cell.name and len(cell.text) > width):
            continue
        head, tail = cell.text[:width], cell.text[width:]
        if rng.random() < HEAD_BEFORE_SHARE:
            before.append(head)
            main[i] = tail
        else:
            main[i] = head
            after.append(tail)
    lines = [" ".join(before)] if before else []
    lines.append(_spaced(main, rng))
    return lines + ([" ".join(after)] if after else [])


def _centred(cells: Sequence[Cell], texts: list[str], width: int, rng: Random) -> list[str]:
    """A spaced line whose long names are cut in pieces of the width and centred on it (`centre`)."""
    names = [i for i, cell in enumerate(cells) if isinstance(cell, Text) and cell.name]
    above, main, below = centre(texts, names, width)
    return [*above, _spaced(main, rng), *below]


def centre(texts: Sequence[str], names: Sequence[int], width: int) -> tuple[list[str], list[str], list[str]]:
    """The lines above a line, its cells, and the lines below it, with each name (the cells at
    `names`) longer than the width cut in pieces of the width and centred on the line: a name of n
    pieces has floor(n/2) of them on the lines above and as many on the lines below (one a line,
    nearest the main line last above and first below), its middle piece on the main line when n is odd;
    each line holds the pieces of every name reaching it, in column order."""
    main = list(texts)
    reach: list[tuple[list[str], list[str]]] = []  # each cut name's pieces above and below, nearest first
    for i in names:
        if len(texts[i]) <= width:
            continue
        pieces = [texts[i][k : k + width] for k in range(0, len(texts[i]), width)]
        half = len(pieces) // 2
        main[i] = pieces[half] if len(pieces) % 2 else ""
        reach.append((pieces[:half][::-1], pieces[len(pieces) - half :]))
    height = max((len(up) for up, _ in reach), default=0)
    above = [" ".join(up[t] for up, _ in reach if t < len(up)) for t in range(height)]
    below = [" ".join(down[t] for _, down in reach if t < len(down)) for t in range(height)]
    return above[::-1], main, below


def write(blocks: Sequence[Block], layout: Layout, rng: Random, money: MoneyFormat) -> list[str]:
    """The text lines of the blocks in the layout."""
    width = rng.randint(*WRAP_WIDTHS)
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
            continue
        texts = [cell_text(cell, money, layout == Layout.SPLIT_CODES) for cell in block.cells]
        if layout in (Layout.TAB, Layout.YUAN):
            lines.append("\t".join(texts))
        elif layout == Layout.CELL_PER_LINE:
            lines.extend(text for text in texts if text)
        elif layout == Layout.WRAPPED_NAMES:
            lines.extend(_wrapped(block.cells, texts, width, rng))
        elif layout == Layout.CENTRED_NAMES:
            lines.extend(_centred(block.cells, texts, width, rng))
        else:
            lines.append(_spaced(texts, rng))
    return lines

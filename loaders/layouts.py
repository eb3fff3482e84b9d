"""The text layouts a disclosure table can be printed in (shared by the renderer and the layout layer)."""

from __future__ import annotations

from enum import StrEnum


class Layout(StrEnum):
    """How a table's cells are laid out in a document's extracted text."""

    TAB = "tab"
    """Cells separated by one tab, empty cells kept (the samples' form)."""

    SPACE = "space"
    """Cells separated by one or more spaces, empty cells dropped."""

    SPLIT_CODES = "split_codes"
    """As `space`, with function codes printed `208 05 01` and economic codes `301 01`."""

    WRAPPED_NAMES = "wrapped_names"
    """As `space`, with long names wrapped: the tail on the next line on its own (sometimes the head on
    the line before), the code and amounts on the main line."""

    CENTRED_NAMES = "centred_names"
    """As `space`, with long names wrapped in cells printed centred on their row (as real PDF text tools
    print them): a name of n pieces has floor(n/2) pieces on the lines above the main line and as many
    below, its middle piece on the main line when n is odd, nothing of it there when n is even; the
    pieces of a row's names share those lines, in column order."""

    CELL_PER_LINE = "cell_per_line"
    """Every non-empty cell on its own line (empty cells dropped); rows simply follow each other."""

    YUAN = "yuan"
    """As `tab`, with every amount printed in 元 (×10000, two decimals or none when whole) and the
    unit lines saying `单位：元`."""

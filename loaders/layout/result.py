"""What the layout layer makes of a table: canonical tab lines, and the lines it could not place."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.document import Line


@dataclass(frozen=True)
class Problem:
    """A printed line the layout layer could not rebuild, and why (it goes to raw_quarantine)."""

    line_no: int
    reason: str
    text: str


@dataclass(eq=False)  # methods written out: compiled (loaders/native.py)
class Canonical:
    """A table rebuilt as the tab lines its parser reads (each with the number of the document line
    it was printed on), the lines that could not be rebuilt, and — when the table as a whole cannot be
    read — the reason (`error`), for which the whole table is quarantined."""

    lines: tuple[Line, ...] = ()
    problems: tuple[Problem, ...] = ()
    error: Problem | None = None
    # Cells of a rebuilt line whose column the identities leave open, as (printed line number, column of
    # the canonical line): the parser loads no fact for them (their line is among the problems).
    withheld: frozenset[tuple[int, int]] = frozenset()

    def __init__(
        self,
        lines: tuple[Line, ...] = (),
        problems: tuple[Problem, ...] = (),
        error: Problem | None = None,
        withheld: frozenset[tuple[int, int]] = frozenset(),
    ) -> None:
        self.lines = lines
        self.problems = problems
        self.error = error
        self.withheld = withheld

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Canonical) and (self.lines, self.problems, self.error, self.withheld) == (
            other.lines,
            other.problems,
            other.error,
            other.withheld,
        )

    def __hash__(self) -> int:
        return hash((self.lines, self.problems, self.error, self.withheld))


class LayoutError(Exception):
    """The table as a whole cannot be rebuilt (its header is not understood)."""

    def __init__(self, reason: str, line_no: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line_no = line_no


def tab_line(line_no: int, cells: list[str]) -> Line:
    return Line(line_no, "\t".join(cells))

"""Errors that name the file and line they are about.

Nothing the loaders raise on bad input reaches the user as a traceback: the pipeline
catches these, quarantines the document, table or line, and reports them.
"""

from __future__ import annotations


class LoaderError(Exception):
    """A problem with the input, located by file and line (line 0 = whole file)."""

    def __init__(self, reason: str, *, source_file: str = "", line_no: int = 0) -> None:
        # Keyword-only: a line number passed positionally once landed in source_file.
        super().__init__(reason)
        self.reason = reason
        self.source_file = source_file
        self.line_no = line_no

    def located(self, source_file: str, line_no: int | None = None) -> LoaderError:
        """Return a copy of this error that carries the given location."""
        return type(self)(self.reason, source_file=source_file, line_no=self.line_no if line_no is None else line_no)

    def __str__(self) -> str:
        where = self.source_file or "<input>"
        if self.line_no:
            where = f"{where}:{self.line_no}"
        return f"{where}: {self.reason}"


class DocumentError(LoaderError):
    """The document as a whole cannot be read (encoding, not a disclosure, empty)."""


class ParseError(LoaderError):
    """A table or a line of a table cannot be parsed."""


class AmountError(ParseError):
    """A cell that should hold an amount does not."""

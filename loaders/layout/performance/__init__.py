"""The project performance tables (绩效自评情况汇总表, 项目支出绩效自评表, 绩效目标表) printed without tabs.

These tables hold free text in their cells (project names, goals, 三级指标 names, indicator values,
reasons), so their cells cannot be told apart by spaces alone. A table is read as a stream of
pieces (`pieces`): in the space mode each printed line is one row and its whitespace-separated tokens
are pieces to group into cells. The cells of each row are decided by the table's grammar — header
vocabularies, the 一级/二级指标 vocabularies, the indicator value grammar (operator + number + unit),
scores and weights as numbers, a dash only where a line is not scored (分值 / 得分) — and by its
identities: Σ 得分 = the printed 总分, Σ 分值 = the total weight, 得分 ≤ 分值, the budget line's 执行率 =
执行数 / 全年预算数, the 汇总表's project names and scores = each project table's name and 总分. Every
candidate reading is enumerated and a line is rebuilt only when all readings that fit give the same
cells; otherwise it is reported (`Problem`): a line whose facts stand alone (a funding line, an
indicator whose levels are not in doubt) alone, any other (the project's own figures, the levels
carried down) with its whole table.

Every search is bounded by a count of work (cells.READINGS_PER_LINE, READINGS_PER_TABLE,
STATES_PER_BLOCK, LINES_PER_BLOCK; summary.HEADER_CELLS, TEXTS_PER_LINE): past it the line or the
table is reported as `too many readings`, so no input makes the loader search for long.

What is rebuilt:
- space mode (one printed line a row, cells separated by spaces, blank cells dropped): the 汇总表, the
  自评表 and the 目标表 whose blocks start with their vocabulary (a 目标表 whose goal lines come before
  any header is quarantined whole);
- cell mode (one cell a printed line): the 汇总表 only (a row starts at each 序号). A 自评表 or 目标表
  printed so is quarantined whole at once: rows as well as columns would have to be found with blank
  cells unprinted, and on the samples that search never had a unique answer;
- a 自评表 whose wrapped cells are printed vertically centred on lines of their own (a PDF tool's
  text, e.g. pdfplumber's), in either mode, when the space mode cannot read it: its rows and cells
  by their centring and the form (`centred`, `wrapped`), its indicator block quarantined line by line
  when undecided.

Modules: pieces (lines → pieces, the page and note lines set aside), cells (the cell grammar, the work
budgets), project (绩效自评表 and 绩效目标表), summary (汇总表), centred (a row's wrapped cells printed
centred: its readings), wrapped (a 自评表 so printed cut into rows by its form).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from loaders.errors import ParseError
from loaders.layout.result import Canonical, LayoutError, Problem

if TYPE_CHECKING:
    from loaders.parsers.base import DocumentParses
    from loaders.tables import Table

SUMMARY = "performance_summary"
SELF_EVALUATION = "performance_self_evaluation"
TARGET = "performance_target"
FAMILIES = frozenset({SUMMARY, SELF_EVALUATION, TARGET})


def _guarded(table: Table, rebuild) -> Canonical:  # type: ignore[no-untyped-def]
    try:
        return rebuild()
    except LayoutError as exc:
        text = next((line.text for line in table.lines if line.no == exc.line_no), table.title)
        return Canonical(error=Problem(exc.line_no, exc.reason, text))
    except Exception as exc:  # never let a traceback out: the table is quarantined with the reason
        reason = f"layout failure ({type(exc).__name__}: {exc})"
        return Canonical(error=Problem(table.title_line, reason, table.title))


def rebuild_tables(
    tables: Sequence[Table], parses: DocumentParses | None = None, select: Callable[[Table], bool] | None = None
) -> list[Table]:
    """The performance tables of a document printed without tabs, with their canonical tab lines: the
    project tables first, then the 汇总表 (whose names and scores are those of the project tables).
    `select`: the tables to rebuild (default: every one not rebuilt yet; in a document whose other
    tables have tabs, those printed without them). A project table with lines it could not rebuild is
    read once more with the texts the document's project tables print on the lines they did rebuild
    (indicator._known_reading): the same indicator printed in several projects' tables says where its
    cells end."""
    from loaders.layout.performance import indicator, project, summary

    out = list(tables)
    chosen = [t.canonical is None and (select is None or select(t)) for t in out]
    read = [n for n, t in enumerate(out) if t.family in (SELF_EVALUATION, TARGET) and chosen[n]]
    known: indicator.Texts = {}
    names = _summary_names(tables)
    for n in read:
        found: indicator.Texts = {}
        canonical = _guarded(out[n], lambda t=out[n], f=found: project.canonicalise(t, texts=f, names=names))
        out[n] = replace(out[n], canonical=canonical)
        if canonical.error is None:
            for key, cells in found.items():
                known.setdefault(key, set()).update(cells)
    for n in read if known else ():
        first = out[n].canonical
        if first is not None and indicator.undecided(first):
            again = _guarded(tables[n], lambda t=tables[n]: project.canonicalise(t, known))
            if again.error is None:
                out[n] = replace(out[n], canonical=again)
    summaries = [n for n, table in enumerate(out) if table.family == SUMMARY and chosen[n]]
    # The project tables' names and 总分 (a parse of each) only for a document with a 汇总表 to read.
    totals = [
        project.totals_of(out[n], parses)
        for n in read
        if summaries and (c := out[n].canonical) is not None and c.error is None
    ]
    projects = [found for found in totals if found is not None]
    for n in summaries:
        table = out[n]
        out[n] = replace(table, canonical=_guarded(table, lambda t=table: summary.canonicalise(t, projects)))
    return out


def _summary_names(tables: Sequence[Table]) -> Callable[[], frozenset[str]]:
    """The project names (name_key) the document's 汇总表 prints on the lines read without the project
    tables, worked out when first asked (rarely: an information row read several ways)."""

    @functools.cache
    def names() -> frozenset[str]:
        return frozenset(key for table in tables if table.family == SUMMARY for key in _names_of(table))

    return names


def _names_of(table: Table) -> list[str]:
    """A 汇总表's project names, parsed for them alone (not kept among the document's parses: the pipeline
    parses the table rebuilt with the project tables)."""
    from loaders.layout import needs_layout
    from loaders.layout.performance import summary
    from loaders.parsers import PARSERS
    from loaders.parsers.base import DocumentParses
    from loaders.rows import ProjectSummaryRow

    if needs_layout(table.lines):
        canonical = _guarded(table, lambda: summary.canonicalise(table, ()))
        if canonical.error is not None:
            return []
        table = replace(table, canonical=canonical)
    try:
        result = DocumentParses().parse(table, PARSERS[SUMMARY])
    except (LayoutError, ParseError):
        return []
    return [row.project_name_key for row in result.rows if isinstance(row, ProjectSummaryRow)]


__all__ = ["FAMILIES", "rebuild_tables"]

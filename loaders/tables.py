"""Finding tables in a document: titles, 公开NN codes, units, page-split continuations.

A table is the run of lines from its title to the next title or section heading. Tables
split over pages stay one table: the parsers skip the repeated header rows; a title
printed again on the continuation page is merged into the table it continues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from loaders.amounts import WAN
from loaders.document import Line, SourceDocument

if TYPE_CHECKING:
    from loaders.layout.result import Canonical
    from loaders.parsers.base import DocumentParses

# Families of the standard tables, tried in order (the first match wins).
FAMILY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (family, re.compile(pattern))
    for family, pattern in (
        (
            "other",
            r"项目支出(预算)?表$|政府采购.*表$|资产.*情况表$|机构设置.*表$|机关运行经费.*表$|整体(支出)?绩效.*表$",
        ),
        ("three_public", r"三公.{0,3}经费.*表$"),
        ("statistics", r"相关信息统计表$"),
        ("performance_summary", r"(绩效)?自评(情况|结果)?汇总表$"),
        ("performance_self_evaluation", r"自评表$"),
        ("performance_target", r"绩效目标(申报)?表$"),
        ("appropriation_summary", r"财政拨款收(入)?支(出)?(决算|预算)?总表$"),
        ("basic_economic", r"基本支出(经济分类)?(决算|预算)?(明细)?表$"),
        ("government_fund", r"政府(性)?基金.*表$"),
        ("state_capital", r"国有资本经营.*表$"),
        ("general_budget_expenditure", r"一般公共预算.*支出.*表$"),
        ("summary", r"收(入)?支(出)?(决算|预算)?总表$"),
        ("income", r"收入(决算|预算)?(总)?表$"),
        ("expenditure", r"支出(决算|预算)?(总)?表$"),
    )
)
# Families that appear once per document: a repeated title continues the table.
SINGLE_TABLE_FAMILIES = frozenset(
    {
        "summary",
        "income",
        "expenditure",
        "appropriation_summary",
        "general_budget_expenditure",
        "basic_economic",
        "government_fund",
        "state_capital",
        "three_public",
        "statistics",
    }
)

_TABLE_CODE = re.compile(r"公开\s*0?(?P<code>\d{1,2})\s*表")
_UNIT = re.compile(r"单位\s*[:：]?\s*(?P<unit>万元|元)(?![\u4e00-\u9fff])")
_LIST_MARKER = re.compile(r"^(?:[-•·]\s|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_SECTION_END = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、\S)|情况说明$")
_EMPTY_NOTE = re.compile(r"本表无数据|空表列示|无此项(收入|支出)|本表为空|没有.{0,20}故本表")
# Every _EMPTY_NOTE alternative holds one of these words: a line without them needs no regex search.
_EMPTY_NOTE_WORDS = ("表", "无此项")
_MAX_TITLE = 60
# A bracketed note after a title: `（按功能科目）`, `(按经济分类)`, `（公开06表）`.
_TITLE_NOTE = re.compile(r"\s*[（(](?P<note>[^（）()]{1,16})[）)]\s*$")
# Families keyed by 功能分类科目: the same title with a note `按经济分类` is another table.
_FUNCTION_FAMILIES = frozenset(
    {"income", "expenditure", "general_budget_expenditure", "government_fund", "state_capital"}
)
PERFORMANCE_FAMILIES = frozenset({"performance_summary", "performance_self_evaluation", "performance_target"})


def _says_empty(text: str) -> bool:
    """The line says its table has no data (_EMPTY_NOTE); every line of every table is asked."""
    return any(word in text for word in _EMPTY_NOTE_WORDS) and _EMPTY_NOTE.search(text) is not None


@dataclass(frozen=True)
class Table:
    family: str
    title: str
    title_line: int
    table_code: str | None
    unit: str
    lines: tuple[Line, ...]
    # A table printed without tabs, rebuilt by the layout layer (loaders.layout); None for a tab table.
    canonical: Canonical | None = None

    @property
    def rows(self) -> list[Line]:
        """The tab-separated lines of the table (header and data rows); for a table printed in another
        layout, its canonical tab lines (each with the number of the line it was printed on)."""
        if self.canonical is not None:
            return list(self.canonical.lines)
        return [line for line in self.lines if line.is_tabular]

    @property
    def last_line(self) -> int:
        return self.lines[-1].no if self.lines else self.title_line

    @property
    def declared_empty(self) -> bool:
        """The document says the table has no data (本表无数据, 空表列示)."""
        return any(_says_empty(line.text) for line in self.lines)


def classify_title(text: str) -> str | None:
    """The family of a table title line, or None when the line is not a table title."""
    title = text.strip()
    # Every family's pattern, and the `other` fallback, ends in 表: a line without it (most lines) is
    # no title, whatever the tests below would say.
    if "表" not in title or "\t" in text or len(title) > _MAX_TITLE or _LIST_MARKER.match(title):
        return None
    if _TABLE_CODE.fullmatch(title) or "目录" in title or "....." in title:
        return None
    if title.startswith(("注", "说明")):
        return None
    notes = []
    while (note := _TITLE_NOTE.search(title)) is not None and len(title) > note.end() - note.start():
        notes.append(note.group("note"))
        title = title[: note.start()]
    for family, pattern in FAMILY_PATTERNS:
        if pattern.search(title):
            if family in _FUNCTION_FAMILIES and any("经济分类" in note for note in notes):
                return "other"  # the same spending by economic classification: not a 功能分类 table
            return family
    return "other" if title.endswith("表") and len(title) <= 30 else None


def _ends_section(line: Line) -> bool:
    return not line.is_tabular and bool(_SECTION_END.search(line.text.strip()))


def _is_performance_cell(line: Line) -> bool:
    """A header cell of a performance table printed alone on its line (one cell per line) that reads
    like a section end: the 资金管理情况 block's `情况说明`."""
    return line.text.strip() == "情况说明"


def _contents_entry(body: list[Line], listed: bool = False) -> bool:
    """A title with no table under it: at most its page number (a table of contents printed one cell per
    line), or — `listed`, a title printed right under another — page numbers alone, however many, up to
    the next section (a contents page printing its column of pages after its titles: plain pdftotext)."""
    texts = [line.text.strip() for line in body if line.text.strip()]
    if listed:
        ends = [n for n, text in enumerate(texts) if _SECTION_END.search(text)]
        texts = texts[: ends[0]] if ends else texts
    return (listed or len(texts) <= 1) and all(text.isdigit() and len(text) <= 4 for text in texts)


def _nothing_between(lines: Sequence[Line], start: int, stop: int) -> bool:
    return all(not line.text.strip() for line in lines[start:stop])


def find_tables(doc: SourceDocument, default_unit: str = WAN, parses: DocumentParses | None = None) -> list[Table]:
    """Every table of the document, in order, with 'other' tables dropped. `parses`: the document's
    table parses, shared with the layout layer (see DocumentParses)."""
    # (imported here: the layout layer's modules import the parsers', which import this one)
    from loaders.layout import canonicalise_tables, handles, needs_layout, rebuild_performance, rebuild_untabbed
    from loaders.layout.text import continues_table

    tabless = not any(line.is_tabular for line in doc.lines)
    starts = [(i, classify_title(line.text)) for i, line in enumerate(doc.lines)]
    starts = [(i, family) for i, family in starts if family is not None]
    tables: list[Table] = []
    for n, (index, family) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(doc.lines)
        untabbed = handles(family) and needs_layout(doc.lines[index + 1 : stop])
        body: list[Line] = []
        for k in range(index + 1, stop):
            # in a table printed without tabs, a section heading (`一、…`) that is not one of its rows
            ends = _ends_section(doc.lines[k]) and not (untabbed and continues_table(doc.lines, k))
            if ends and not (tabless and family in PERFORMANCE_FAMILIES and _is_performance_cell(doc.lines[k])):
                break
            body.append(doc.lines[k])
        title_line = doc.lines[index]
        # a title printed right under another (blank lines alone between them) is an entry of a list of
        # the tables, as is one right above another: no table prints nothing at all, not even its unit
        listed = n > 0 and _nothing_between(doc.lines, starts[n - 1][0] + 1, index)
        if n + 1 < len(starts) and _nothing_between(doc.lines, index + 1, stop):
            family = "other"
        elif (untabbed or listed) and _contents_entry(body, listed):
            family = "other"  # a table of contents printed one cell per line: a title and its page
        tables.append(_make_table(family, title_line, body, default_unit))
    found = [t for t in _merge_continuations(tables) if t.family != "other"]
    found = rebuild_untabbed(found, parses) if tabless else rebuild_performance(found, parses)
    # Tables printed without tabs get their canonical tab lines (loaders.layout).
    if any(t.canonical is None and needs_layout(t.lines) for t in found):
        return canonicalise_tables(found, parses)
    return found


def _make_table(family: str, title: Line, body: list[Line], default_unit: str) -> Table:
    text_lines = [title.text, *[line.text for line in body if not line.is_tabular][:12]]
    code = next((m.group("code") for t in text_lines if (m := _TABLE_CODE.search(t))), None)
    unit = next((m.group("unit") for t in text_lines if (m := _UNIT.search(t))), default_unit)
    return Table(
        family=family,
        title=title.text.strip(),
        title_line=title.no,
        table_code=code.zfill(2) if code else None,
        unit=unit,
        lines=tuple(body),
    )


def _merge_continuations(tables: list[Table]) -> list[Table]:
    merged: list[Table] = []
    for table in tables:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and table.family == previous.family
            and table.family in SINGLE_TABLE_FAMILIES
            and table.table_code in (None, previous.table_code)
        ):
            merged[-1] = Table(
                family=previous.family,
                title=previous.title,
                title_line=previous.title_line,
                table_code=previous.table_code,
                unit=previous.unit,
                lines=(*previous.lines, Line(table.title_line, table.title), *table.lines),
            )
        else:
            merged.append(table)
    return merged

"""New documents made from a sample, for synthetic corpora (the scale benchmark).

`render_corpus_document(doc, rows, layout, seed, department=…, region=…, year=…, scale=k)` renders a
sample document whose facts are the sample's facts with the department, region and fiscal year
replaced and every table amount multiplied by the integer k (k × a sum is the sum of k × its terms, so
every accounting identity of the sample still holds exactly). `corpus_rows` gives those facts, i.e.
what the loaders should extract from the new document.

What is replaced in the text: every mention of the sample's department and region names, and the
fiscal year where it is printed as one (`2023 年度`, `2023年部门决算`, `2023 年市级…`, `预算年度: 2023`);
a year inside other text (`2023 年工作计划`) is left. What is scaled: the amounts of the parsed tables
(including a project's budget lines). Not scaled: figures inside narrative or indicator text
(`≤211.51万元` is a target, not a table amount), counts (车辆), scores, weights and rates.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random

from loaders.amounts import WAN
from loaders.document import SourceDocument
from loaders.layouts import Layout
from loaders.meta import DocumentMeta, detect_meta
from loaders.regions import region_of
from loaders.render.document import Rewrite, document_blocks, render_blocks
from loaders.render.writer import Block
from loaders.rows import (
    DocumentRow,
    EconomicAmountRow,
    FunctionAmountRow,
    ProjectBudgetLineRow,
    ProjectRow,
    SeedRow,
    StatisticRow,
    SummaryLineRow,
    ThreePublicRow,
)

# The amount fields of each row type that a scaled document multiplies.
SCALED_FIELDS: dict[type[SeedRow], tuple[str, ...]] = {
    FunctionAmountRow: ("amount_wan",),
    SummaryLineRow: ("amount_wan",),
    EconomicAmountRow: ("amount_wan",),
    ThreePublicRow: ("amount_wan",),
    StatisticRow: ("value",),  # only for items counted in 万元 (not 车辆 / 台套)
    ProjectRow: ("budget_declared_wan", "budget_initial_wan", "budget_full_year_wan", "executed_wan", "balance_wan"),
    ProjectBudgetLineRow: ("declared_wan", "initial_wan", "full_year_wan", "executed_wan", "balance_wan"),
}


@dataclass(frozen=True)
class CorpusIdentity:
    """Who a generated document is about. `region` defaults to the place the department's name
    starts with (聊城市行政审批服务局 → 聊城市); `year` to the sample's fiscal year."""

    department: str
    region: str | None = None
    year: int | None = None


def _year_pattern(year: int) -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\d){year}(?=\s*年\s*(?:度|部门|市级|区级|县级|省级))|(?<=预算年度)(\s*[:：]\s*){year}(?!\d)"
    )


def identity_rewrite(meta: DocumentMeta, identity: CorpusIdentity) -> Rewrite:
    """The text replacement that turns a sample's department, region and fiscal year (its `meta`)
    into the identity's."""
    region = identity.region or region_of(identity.department).region_name
    names = {old: new for old, new in ((meta.department_name, identity.department), (meta.region_name, region)) if old}
    names = {old: new for old, new in names.items() if new and new != old}
    name_pattern = re.compile("|".join(re.escape(old) for old in sorted(names, key=len, reverse=True)))
    old_year, new_year = meta.fiscal_year, identity.year
    years = _year_pattern(old_year) if old_year and new_year and new_year != old_year else None

    def rewrite(text: str) -> str:
        if names:
            text = name_pattern.sub(lambda m: names[m.group(0)], text)
        if years is not None:
            text = years.sub(lambda m: f"{m.group(1) or ''}{new_year}", text)
        return text

    return rewrite


def _check_scale(scale: int) -> None:
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a positive integer, not {scale!r}")


def _scaled(row: SeedRow, scale: int) -> dict[str, object]:
    if isinstance(row, StatisticRow) and row.value_unit != WAN:
        return {}
    changes: dict[str, object] = {}
    for name in SCALED_FIELDS.get(type(row), ()):
        value = getattr(row, name)
        if isinstance(value, Decimal):
            changes[name] = value * scale
    return changes


@dataclass
class CorpusTemplate:
    """A sample document and its rows, prepared once to generate many documents from (the table
    lines are placed once per unit; each generated document only lays them out)."""

    doc: SourceDocument
    rows: tuple[SeedRow, ...]
    meta: DocumentMeta
    _blocks: dict[bool, list[Block]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, doc: SourceDocument, rows: Iterable[SeedRow]) -> CorpusTemplate:
        return cls(doc, tuple(rows), detect_meta(doc))

    def blocks(self, yuan: bool) -> list[Block]:
        if yuan not in self._blocks:
            self._blocks[yuan] = document_blocks(self.doc, self.rows, yuan)
        return self._blocks[yuan]

    def render(self, layout: Layout | str, seed: int = 0, *, identity: CorpusIdentity, scale: int = 1) -> str:
        """The generated document's text (see render_corpus_document)."""
        _check_scale(scale)
        layout = Layout(layout)
        rng = Random(f"{seed}:{layout.value}:{self.doc.document_id}:{identity}:{scale}")
        rewrite = identity_rewrite(self.meta, identity)
        return render_blocks(self.blocks(layout == Layout.YUAN), layout, rng, scale=scale, rewrite=rewrite)

    def facts(self, *, identity: CorpusIdentity, scale: int = 1) -> list[SeedRow]:
        """The rows the loaders extract from a generated document (see corpus_rows)."""
        _check_scale(scale)
        rewrite = identity_rewrite(self.meta, identity)
        place = region_of(identity.department, self.doc.text)
        out: list[SeedRow] = []
        for row in self.rows:
            changes: dict[str, object] = {
                f.name: rewrite(value)
                for f in dataclasses.fields(row)
                if isinstance(value := getattr(row, f.name), str)
            }
            changes.update(_scaled(row, scale))
            if isinstance(row, DocumentRow):
                changes["province"] = place.province
                changes["fiscal_year"] = identity.year or row.fiscal_year
            out.append(dataclasses.replace(row, **changes))
        return out


def render_corpus_document(
    doc: SourceDocument,
    rows: Iterable[SeedRow],
    layout: Layout | str,
    seed: int = 0,
    *,
    department: str,
    region: str | None = None,
    year: int | None = None,
    scale: int = 1,
) -> str:
    """A new document from the sample `doc` and its extracted `rows`: same tables and text, about
    `department` of `region` in fiscal `year`, every table amount × `scale` (a positive integer), in
    `layout`; deterministic for a seed. Its facts are `corpus_rows(doc, rows, …)` with the same
    arguments. To generate many documents from one sample, use a CorpusTemplate."""
    template = CorpusTemplate.of(doc, rows)
    return template.render(layout, seed, identity=CorpusIdentity(department, region, year), scale=scale)


def corpus_rows(
    doc: SourceDocument,
    rows: Iterable[SeedRow],
    *,
    department: str,
    region: str | None = None,
    year: int | None = None,
    scale: int = 1,
) -> list[SeedRow]:
    """The facts of `render_corpus_document(doc, rows, …)`: the sample's rows with the department,
    region and year replaced in every text and the table amounts multiplied by `scale` (provenance
    fields — files, line numbers, printed texts — are left as they were)."""
    return CorpusTemplate.of(doc, rows).facts(identity=CorpusIdentity(department, region, year), scale=scale)

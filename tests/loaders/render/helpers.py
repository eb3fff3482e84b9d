"""Rendering a cut fixture's lines with every random choice fixed, for exact-text assertions."""

from __future__ import annotations

from random import Random

from loaders.document import SourceDocument
from loaders.layouts import Layout
from loaders.pipeline import extract_document
from loaders.render.cells import MoneyFormat
from loaders.render.document import render_tables
from loaders.render.writer import write
from loaders.rows import SeedRow
from tests.conftest import FIXTURES, fixture_document

GROUPED = MoneyFormat(grouped=True, whole_decimals=False)


class FirstChoice(Random):
    """Every random choice at its first option: one space between cells, names wrapped at the
    narrowest width (8), the tail of a wrapped name on the line after it."""

    def randint(self, a: int, b: int) -> int:
        return a

    def random(self) -> float:
        return 0.99


class HeadBefore(FirstChoice):
    """As FirstChoice, but the head of a wrapped name goes on the line before."""

    def random(self) -> float:
        return 0.0


def fixture_extraction(name: str) -> tuple[SourceDocument, list[SeedRow]]:
    """The fixture as a document and the rows the pipeline extracts from it."""
    return fixture_document(name), list(extract_document(FIXTURES / name, name))


def rendered_line(
    name: str, line_no: int, layout: Layout, money: MoneyFormat = GROUPED, rng: Random | None = None
) -> list[str]:
    """The text lines one table line of the fixture becomes in the layout."""
    doc, rows = fixture_extraction(name)
    yuan = layout == Layout.YUAN
    cells = render_tables(doc, rows, yuan).cells[line_no]
    money = MoneyFormat("元", money.scale, money.grouped, money.whole_decimals) if yuan else money
    return write([cells], layout, rng or FirstChoice(), money)

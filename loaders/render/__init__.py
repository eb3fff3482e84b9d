"""Rendering parsed rows back out as document text, in several layouts (loaders.layouts.Layout).

- `render_document(doc, rows, layout, seed)`: a sample document re-rendered from its rows, for the
  round-trip property `facts(extract(render(doc, layout))) == facts(extract(doc))`;
- `render_corpus_document(...)`: a new document made from a sample — its department, region and
  year replaced and every amount multiplied by an integer — for synthetic corpora (a
  `CorpusTemplate` prepares a sample once for many such documents);
- `extract_text(text, source_file)`: the loaders run on a text in memory.
"""

from loaders.render.corpus import CorpusIdentity, CorpusTemplate, corpus_rows, render_corpus_document
from loaders.render.document import render_document
from loaders.render.extract import extract_text
from loaders.render.facts import RenderError

__all__ = [
    "CorpusIdentity",
    "CorpusTemplate",
    "RenderError",
    "corpus_rows",
    "extract_text",
    "render_corpus_document",
    "render_document",
]

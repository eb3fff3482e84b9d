"""Running the loaders on a text held in memory (a rendered document)."""

from __future__ import annotations

from loaders.pipeline import extract_bytes
from loaders.rows import SeedRow


def extract_text(text: str, source_file: str) -> list[SeedRow]:
    """Every row the pipeline extracts from a document whose text is `text` (UTF-8), named
    `source_file` — exactly what `loaders.pipeline.extract_document` gives for that file, without
    writing it anywhere."""
    return list(extract_bytes(text.encode("utf-8"), source_file))

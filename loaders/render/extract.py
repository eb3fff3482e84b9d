"""Running the loaders on a text held in memory (a rendered document)."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.pipeline import extract_document
from loaders.rows import SeedRow


@dataclass(frozen=True)
class _InMemory:
    """Stands in for the document's path: the pipeline only reads its bytes."""

    data: bytes

    def read_bytes(self) -> bytes:
        return self.data


def extract_text(text: str, source_file: str) -> list[SeedRow]:
    """Every row the pipeline extracts from a document whose text is `text` (UTF-8), named
    `source_file` — exactly what `loaders.pipeline.extract_document` gives for that file, without
    writing it anywhere."""
    return list(extract_document(_InMemory(text.encode("utf-8")), source_file))  # type: ignore[arg-type]

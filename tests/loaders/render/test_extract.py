"""The loaders run on a text held in memory give what they give for the file."""

from __future__ import annotations

from loaders.pipeline import extract_document
from loaders.render import extract_text
from tests.conftest import FENYANG, SAMPLES


def test_extract_text_is_extract_document_without_a_file():
    path = SAMPLES / FENYANG
    assert extract_text(path.read_text(encoding="utf-8"), FENYANG) == list(extract_document(path, FENYANG))


def test_extract_text_reports_an_unreadable_text_as_the_pipeline_does():
    (row,) = extract_text("   \n", "empty.txt")
    assert row.reason == "document not loaded: empty document"

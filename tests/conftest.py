"""Shared fixtures: paths to the bundled sample corpus and to cut fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.document import SourceDocument, parse_document, read_document

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_DIR / "documents"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

LIAOCHENG = "000_db1be295244703ad.txt"
FENYANG = "001_3b0a4ec0e1089ac8.txt"
ZHANGDIAN = "002_c9f88a5f83ff11a3.txt"
QINGLONG = "003_ff2ed464ea78daa4.txt"
JIYUAN = "004_4299fd0997e27daa.txt"


def sample(name: str) -> SourceDocument:
    return read_document(SAMPLES / name)


def fixture_document(name: str) -> SourceDocument:
    return parse_document((FIXTURES / name).read_bytes(), name)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES

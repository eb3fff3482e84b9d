"""Figures the narrative (情况说明) states about the project self-evaluations, to check against the
tables: how many projects were self-evaluated (`涵盖项目11个`, `自评的11个项目中`, `涉及二级项目13个`,
`等11个项目的绩效自评表`).

A document-level extractor (it reads prose, not a table): registered with register_document.
"""

from __future__ import annotations

import re

from loaders.document import SourceDocument
from loaders.parsers import register_document
from loaders.rows import PerformanceStatementRow

PROJECT_COUNT = "project_count"
_COUNT = r"[“\"]?\s*(?P<count>\d{1,4})\s*[”\"]?"
PROJECT_COUNT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?:涵盖|涉及|覆盖|包括|共有?)(?:[一二]级)?项目\s*" + _COUNT + r"\s*个"),
    re.compile(r"(?:自评|评价)的\s*" + _COUNT + r"\s*个项目"),
    re.compile(r"等\s*" + _COUNT + r"\s*个项目的(?:绩效)?自评表"),
)
_ABOUT_SELF_EVALUATION = re.compile(r"自评")


def narrative_statements(doc: SourceDocument) -> list[PerformanceStatementRow]:
    rows = []
    for line in doc.lines:
        if line.is_tabular or not _ABOUT_SELF_EVALUATION.search(line.text):
            continue
        for pattern in PROJECT_COUNT_PATTERNS:
            for match in pattern.finditer(line.text):
                rows.append(
                    PerformanceStatementRow(
                        document_id=doc.document_id,
                        source_file=doc.source_file,
                        line_no=line.no,
                        statement=PROJECT_COUNT,
                        value=int(match.group("count")),
                        printed=match.group(0),
                    )
                )
    return rows


register_document(narrative_statements)

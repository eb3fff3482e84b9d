"""Project counts stated in the narrative (情况说明)."""

from __future__ import annotations

from loaders.parsers.performance_narrative import PROJECT_COUNT, narrative_statements
from tests.conftest import fixture_document


def test_liaocheng_states_eleven_projects_three_times() -> None:
    rows = narrative_statements(fixture_document("performance_narrative_000_final.txt"))
    assert [(r.line_no, r.statement, r.value, r.printed) for r in rows] == [
        (1, PROJECT_COUNT, 11, "涵盖项目11个"),
        (5, PROJECT_COUNT, 11, "自评的11个项目"),
        (7, PROJECT_COUNT, 11, "等11个项目的绩效自评表"),
    ]


def test_fenyang_states_thirteen_projects() -> None:
    # 汾阳 prints 12 自评表 but says 13: the identity check narrative_project_count reports it.
    rows = narrative_statements(fixture_document("performance_narrative_001_final.txt"))
    assert [(r.line_no, r.value, r.printed) for r in rows] == [(1, 13, "涉及二级项目13个")]

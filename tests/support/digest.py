"""Print a digest of everything the loaders extract from a set of texts (every row, provenance and
quarantine reasons included): the sample documents re-rendered in the layouts the layout layer
searches most (space, one cell per line), the texts of real extraction tools (tests/fixtures/extracted)
and a table whose search runs into its work budget. Run in processes with different PYTHONHASHSEED
by tests/loaders/test_determinism.py: the loaders' output must not depend on the hash seed.

    python -m tests.support.digest
"""

from __future__ import annotations

import hashlib

from loaders.layouts import Layout
from loaders.pipeline import extract_document
from loaders.render import extract_text, render_document
from tests.conftest import FIXTURES, SAMPLES, sample

SEARCHED = (Layout.SPACE, Layout.CELL_PER_LINE)
# A project table whose indicator lines each fit several placements, so that the block's joint search
# runs until its work budget: what it visits depends on the order it tries the readings in.
AMBIGUOUS_BLOCK = (
    "项目支出绩效自评表\n项目名称 甲项目\n"
    "年度绩效指标 一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
    + "\n".join("工作完成率 100% 10" for _ in range(300))
    + "\n总分 100 90\n"
)


def texts() -> list[tuple[str, str]]:
    """(name, text) of every sample in the searched layouts, of every real-tool fixture, and of a table
    whose search is cut short by its budget."""
    found = [("ambiguous-block.txt", AMBIGUOUS_BLOCK)]
    for path in sorted(SAMPLES.glob("*.txt")):
        rows = tuple(extract_document(path, path.name))
        found += [(path.name, render_document(sample(path.name), rows, layout, 0)) for layout in SEARCHED]
    for path in sorted((FIXTURES / "extracted").glob("*/*.txt")):
        found.append((path.name, path.read_text(encoding="utf-8")))
    return found


def digest() -> str:
    hashed = hashlib.sha256()
    for name, text in texts():
        for row in extract_text(text, name):
            hashed.update(repr(row).encode("utf-8"))
    return hashed.hexdigest()


if __name__ == "__main__":
    print(digest())

"""The loaders' modules import one another at module level where they can (a compiled function-level
import looks its module up on every call); the layout layer's modules import the parsers', which
import loaders.tables, which imports the layout layer only when it finds tables. Whichever module a
program imports first, the cycle must not bite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
FIRST = (
    "loaders.tables",
    "loaders.layout",
    "loaders.layout.text",
    "loaders.layout.summary",
    "loaders.layout.performance.project",
    "loaders.parsers",
    "loaders.parsers.base",
    "loaders.parsers.summary",
    "loaders.parsers.performance_project",
    "loaders.pipeline",
)


@pytest.mark.parametrize("module", FIRST)
def test_a_module_imported_first_imports(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}; import loaders.pipeline"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr

"""The same texts give the same rows whatever Python's hash seed: no result may hang on the iteration
order of a set or a dict of strings (a search that stops at its second solution or at its work budget
visits what it tries first)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def _digest(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.digest"], cwd=PROJECT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_extraction_does_not_depend_on_the_hash_seed() -> None:
    first = _digest("0")  # 0: no randomisation
    assert len(first) == 64
    assert _digest("1") == first
    assert _digest("2") == first

"""The parsers compiled with mypyc (loaders/native.py) give the rows the sources give, and are used only
when they were compiled from exactly the sources present.

`make` builds the extensions, so the rest of the suite runs on the compiled parsers: under CI
(CI set) the build must be there and in use. Here the pure path is compared with it."""

from __future__ import annotations

import ast
import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import native

PROJECT = Path(__file__).resolve().parents[2]

# Every row of the sample documents as they are, then tests.support.digest's texts (layouts, real
# extraction tools, a search that runs into its work budget); and whether the compiled modules were used.
# (Some compiled modules, the layout layer's, are imported only when a document needs them: the count
# is taken once the rows are read and every compiled module is imported.)
_SCRIPT = """
import hashlib
import importlib
from pathlib import Path
from loaders import native
from loaders.pipeline import extract_document
from tests.conftest import SAMPLES
from tests.support.digest import digest
h = hashlib.sha256()
for path in sorted(SAMPLES.glob("*.txt")):
    for row in extract_document(path, path.name):
        h.update(repr(row).encode())
texts = digest()
for name in native.COMPILED:
    importlib.import_module(name)
print(native.ACTIVE, len(native.compiled_modules()), h.hexdigest(), texts)
"""


def _run(pure: bool, cwd: Path = PROJECT, pythonpath: Path | None = None) -> tuple[bool, int, str]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_VARIABLE}
    if pure:
        env[native.PURE_VARIABLE] = "1"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run([sys.executable, "-c", _SCRIPT], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    active, count, *digests = done.stdout.split()
    return active == "True", int(count), " ".join(digests)


def _built() -> bool:
    return native._build_digest() == native.sources_digest()


def test_compiled_and_pure_parsers_give_the_same_rows() -> None:
    compiled_active, compiled_count, compiled = _run(pure=False)
    pure_active, pure_count, pure = _run(pure=True)
    assert (pure_active, pure_count) == (False, 0)
    assert compiled == pure
    if _built():
        assert (compiled_active, compiled_count) == (True, len(native.COMPILED))


def test_ci_runs_the_suite_on_the_compiled_parsers() -> None:
    if not os.environ.get("CI"):
        pytest.skip("outside CI the extensions are optional (make native builds them)")
    assert _built(), "make's install step did not build the compiled parsers (loaders.native build)"
    assert native.ACTIVE
    for name in native.COMPILED:
        importlib.import_module(name)
    assert set(native.compiled_modules()) == set(native.COMPILED)


def test_an_edited_source_is_never_run_as_stale_compiled_code(tmp_path: Path) -> None:
    if not _built():
        pytest.skip("the compiled parsers are not built")
    copy = tmp_path / "code"
    shutil.copytree(PROJECT / "loaders", copy / "loaders", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT / "tests", copy / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT / "documents", copy / "documents")
    assert _run(pure=False, cwd=copy, pythonpath=copy)[:2] == (True, len(native.COMPILED))
    edited = copy / "loaders" / "layout" / "text.py"  # a module that is not compiled: still all or nothing
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _run(pure=False, cwd=copy, pythonpath=copy)[:2] == (False, 0)


# Classes built on every line, token, cell, reading or placement: `dataclasses` writes their
# __init__ (and a frozen class's __eq__ / __hash__) as Python code at import time, which mypyc
# cannot compile: 5–8× slower to build than a compiled one (about a tenth of a document's time in
# all). Their methods are written out in the source, so they are compiled with their class.
WRITTEN_OUT = {
    "loaders.document": ("Line",),
    "loaders.layout.assign": ("Value", "Row", "Term", "Identity", "_Compiled"),
    "loaders.layout.economic": ("Group",),
    "loaders.layout.function": ("RawRow",),
    "loaders.layout.header": ("Label",),
    "loaders.layout.names": ("Attachment", "Fragments"),
    "loaders.layout.result": ("Canonical",),
    "loaders.layout.summary": ("Half",),
    "loaders.layout.text": ("Cell",),
    "loaders.layout.tokenizer": ("Token",),
    "loaders.layout.performance.funding": ("FundingReadings",),
    "loaders.layout.performance.indicator": ("Reading", "Unit"),
    "loaders.layout.performance.pieces": ("Row",),
    "loaders.parsers.function_tables": ("Subject",),
    "loaders.parsers.performance_common": ("IndicatorColumns", "Number", "AlignedRow"),
    "loaders.parsers.performance_project": ("BudgetColumns", "BudgetLine", "TotalLine", "_Indicator", "_State"),
}
_WRITTEN = [(module, name) for module, names in WRITTEN_OUT.items() for name in names]


@pytest.mark.parametrize(("module", "name"), _WRITTEN, ids=[f"{m}.{n}" for m, n in _WRITTEN])
def test_the_classes_built_per_line_have_their_methods_written_out(module: str, name: str) -> None:
    cls = getattr(importlib.import_module(module), name)
    # (a class written as @dataclass(eq=False) was frozen: its equality and hash are written out too)
    methods = ["__init__"] + ([] if cls.__dataclass_params__.eq else ["__eq__", "__hash__"])
    for method in methods:
        function = cls.__dict__[method]
        code = getattr(function, "__code__", None)  # none when compiled
        assert code is None or code.co_filename != "<string>", f"{name}.{method} is written by dataclasses"
        if native.ACTIVE:
            assert code is None, f"{name}.{method} is not compiled"


# Nested functions a compiled module may define: called once, not per table or line.
NESTED_ALLOWED = {("loaders.parsers.base", "with_layout_problems")}  # the parsers' wrapper, made at import


def _nested_functions(module: str) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(node: ast.AST, outer: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if outer is not None and (module, outer) not in NESTED_ALLOWED:
                    found.append((f"{outer}.{child.name}", child.lineno))
                walk(child, child.name)
            else:
                walk(child, outer)

    walk(ast.parse(native.source_path(module).read_text(encoding="utf-8")), None)
    return found


@pytest.mark.parametrize("module", native.COMPILED)
def test_compiled_modules_define_no_closures(module: str) -> None:
    # A compiled function that defines nested functions keeps its locals in an environment object, which
    # each closure points back to: a reference cycle every call, left to the cyclic collector (about a
    # thousand objects a document, 1 ms to collect, when the readers' callbacks were closures). Module
    # functions bound with functools.partial, or small classes, hold the same values without the cycle.
    # (Lambdas are not kept in the environment: no cycle.)
    assert _nested_functions(module) == []

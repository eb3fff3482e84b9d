"""The parsers compiled with mypyc: the same code, about 1.5× less CPU per document.

`python -m loaders.native build` (run by `make`'s install step) compiles the modules in COMPILED to C
extensions beside their sources (`loaders/…/*.cpython-*.so`, plus the shared `loaders/_native__mypyc`
library) and writes BUILD_INFO with a digest of every source file of the loaders. Python prefers an
extension to the source of the same module, so `install()` (called by `loaders/__init__.py`) decides
which one is used, all or nothing:

- the extensions, when BUILD_INFO's digest is that of the sources as they are now;
- the sources, when there is no build, when any file of the loaders changed since it (an edit is never
  run as stale compiled code: run `make native` to compile it again), or with LOADERS_PURE=1 set.

Compiled and pure code give the same rows (tests/loaders/test_native.py); the sources stay the
reference, and nothing depends on the extensions being there. Modules left out of COMPILED: rows
(mypyc mishandles ClassVar fields in inherited dataclasses), regions (it reads `__file__`, which
compiled modules lack: a compiled module finds its data through `importlib.resources`), the packages'
`__init__` modules, and the renderer. A compiled module checks its annotations at run time: a value of
another type than annotated (which pure Python lets through) raises TypeError there, so a module is
added only with the rows and quarantine reasons unchanged. A compiled class has only its declared
attributes, and its `__init__` does not set a field left out of it (`field(init=False)`), whatever its
default: set such a field in `__post_init__`.

A compiled function that defines nested functions keeps its locals in an environment object that
each closure points back to: a reference cycle every call, left to the cyclic collector. The compiled
modules define none (tests/loaders/test_native.py): callbacks are module functions bound with
`functools.partial`, recursive searches small classes.

`dataclasses` writes a class's `__init__` (and a frozen class's `__eq__` and `__hash__`) as Python
source at import time, which stays interpreted in a compiled module: 5–8× slower to build an object
(a frozen one sets each field through `object.__setattr__`). The classes built on every line, token,
cell, reading or placement therefore write those methods out (`@dataclass(eq=False)` with `__eq__`
and `__hash__` for a class that was frozen: the same equality and hash, without the run-time
immutability), so that they are compiled; tests/loaders/test_native.py lists them.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_INFO = PACKAGE_DIR / "_native.json"
GROUP = "loaders._native"  # the shared library: loaders/_native__mypyc.*.so
COMPILED = (
    "loaders.amounts",
    "loaders.codes",
    "loaders.document",
    "loaders.indicators",
    "loaders.meta",
    "loaders.tables",
    "loaders.parsers.base",
    "loaders.parsers.columns",
    "loaders.parsers.economic",
    "loaders.parsers.function_tables",
    "loaders.parsers.performance_common",
    "loaders.parsers.performance_narrative",
    "loaders.parsers.performance_project",
    "loaders.parsers.performance_summary",
    "loaders.parsers.statistics",
    "loaders.parsers.summary",
    "loaders.parsers.three_public",
    "loaders.layout.assign",
    "loaders.layout.audit",
    "loaders.layout.body",
    "loaders.layout.centred",
    "loaders.layout.columnar",
    "loaders.layout.document",
    "loaders.layout.economic",
    "loaders.layout.function",
    "loaders.layout.header",
    "loaders.layout.identities",
    "loaders.layout.names",
    "loaders.layout.result",
    "loaders.layout.statistics",
    "loaders.layout.summary",
    "loaders.layout.text",
    "loaders.layout.three_public",
    "loaders.layout.tokenizer",
    "loaders.layout.performance.cells",
    "loaders.layout.performance.cellrows",
    "loaders.layout.performance.centred",
    "loaders.layout.performance.funding",
    "loaders.layout.performance.indicator",
    "loaders.layout.performance.pieces",
    "loaders.layout.performance.project",
    "loaders.layout.performance.stream",
    "loaders.layout.performance.target",
    "loaders.layout.performance.summary",
    "loaders.layout.performance.wrapped",
)
PURE_VARIABLE = "LOADERS_PURE"


def source_path(module: str) -> Path:
    return PACKAGE_DIR.parent.joinpath(*module.split(".")).with_suffix(".py")


def sources_digest() -> str:
    """SHA-256 over every .py file of the loaders (name and content): compiled code is used only for
    exactly the sources it was compiled from, whichever module changed (a compiled module calls the
    others compiled directly, and relies on the types of those it does not compile)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _build_digest() -> str | None:
    try:
        info = json.loads(BUILD_INFO.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    digest = info.get("sources") if isinstance(info, dict) else None
    return digest if isinstance(digest, str) else None


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Loads the compiled modules from their .py sources even where an extension sits beside them."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, source_path(fullname))


ACTIVE = False  # set by install(): True when the compiled modules are the ones imported


def install() -> bool:
    """Choose compiled or pure modules (see the module docstring); True when compiled. Must run
    before any of COMPILED is imported (loaders/__init__.py calls it)."""
    global ACTIVE
    if any(isinstance(finder, _SourceFinder) for finder in sys.meta_path):
        return ACTIVE
    build = _build_digest()
    ACTIVE = (
        build is not None
        and not os.environ.get(PURE_VARIABLE)
        and importlib.util.find_spec(f"{GROUP}__mypyc") is not None
        and build == sources_digest()
    )
    if not ACTIVE:
        sys.meta_path.insert(0, _SourceFinder())
    return ACTIVE


def compiled_modules() -> list[str]:
    """The modules of COMPILED imported as extensions (for tests and reports)."""
    return [
        name
        for name in COMPILED
        if (module := sys.modules.get(name)) is not None
        and isinstance(getattr(module, "__spec__", None), importlib.machinery.ModuleSpec)
        and isinstance(module.__spec__.loader, importlib.machinery.ExtensionFileLoader)  # type: ignore[union-attr]
    ]


def clean() -> None:
    """Remove the extensions and BUILD_INFO (the sources are used again)."""
    BUILD_INFO.unlink(missing_ok=True)
    for path in PACKAGE_DIR.rglob("*.so"):
        path.unlink()


def build() -> int:
    """Compile COMPILED in place with mypyc and record the sources' digest. Deterministic: the same
    sources give the same C code. About a minute on 2 cores."""
    from mypyc.build import mypycify
    from setuptools import setup

    clean()
    root = PACKAGE_DIR.parent
    digest = sources_digest()
    previous = Path.cwd()
    os.chdir(root)  # mypyc and setuptools work with paths relative to the project
    try:
        files = [source_path(m).relative_to(root).as_posix() for m in COMPILED]
        extensions = mypycify(
            ["--config-file", "pyproject.toml", *files],
            group_name=GROUP,
            target_dir="build/mypyc",
            multi_file=True,  # several C files: compiled in parallel, and less memory
        )
        for extension in extensions:  # mypyc writes the group's headers under its package path
            extension.include_dirs.append("build/mypyc/loaders")
        setup(
            name="loaders-native",
            ext_modules=extensions,
            script_args=["--quiet", "build_ext", "--inplace", "--build-temp", "build/mypyc/temp", "--parallel", "2"],
        )
    finally:
        os.chdir(previous)
    BUILD_INFO.write_text(json.dumps({"sources": digest, "modules": list(COMPILED)}, indent=1) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "status"
    if command == "build":
        return build()
    if command == "clean":
        clean()
        return 0
    from loaders import native  # this module as imported by the package (this file runs as __main__)

    recorded = _build_digest()
    state = "stale (sources changed since the build)" if recorded else "not built"
    if recorded == sources_digest():
        state = "built, up to date"
    print(f"loaders.native: {state}; in use in this process: {'compiled' if native.ACTIVE else 'pure Python'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

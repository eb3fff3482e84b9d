"""`make bench`: the loaders and the warehouse over a generated corpus, measured, in one table.

    python -m bench.run [--documents 10000] [--added 100] [--seed 7] [--out build/bench]

Steps (each in a fresh process, on the same files, page cache warm), running a snapshot of the
code taken at the start (OUT/code: loaders/, models/, macros/, the dbt project files), so that
edits made to the working tree while the benchmark runs do not change what it measures:
1. generate the corpus (bench/generate.py) into OUT/docs: exactly --documents files;
2. the floor: Python reading every file and splitting it into lines (decoded, one process); the
   loaders' CPU time per document in each layout (40 documents of each, one process);
3. the loader alone, one process (`python -m loaders extract --jobs 1`, Parquet landing);
4. loader + `dbt build`, all processes, from scratch (`python -m loaders build --full-refresh`): the
   loader's and dbt's seconds as the CLI reports them, wall time, peak memory of the process tree;
   then the identity tests' outcome from dbt's run_results.json;
5. --added more generated documents, and the same `build` again (incremental);
6. the three cross-region analyst queries of README.md, against the built warehouse.

The table is printed and written to OUT/results.md; docs/scaling.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import document_index, generate, layout_of

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SNAPSHOT = ("loaders", "models", "macros", "dbt_project.yml", "profiles.yml")
GIB = 1024**3
# The done-when targets of the scaling issue.
TARGETS = {
    "end_to_end_s": 300.0,
    "peak_rss_bytes": 4 * GIB,
    "floor_ratio": 15.0,
    "speedup": 1.7,
    "incremental_s": 60.0,
    "query_s": 1.0,
}


# --- measuring -------------------------------------------------------------------------------


def _tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc), in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read().decode(errors="replace")
            with open(f"/proc/{entry.name}/statm", "rb") as handle:
                resident = int(handle.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            continue
        pid, ppid = int(entry.name), int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = resident
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


@dataclass
class Run:
    seconds: float
    peak_rss: int
    stdout: str
    stderr: str
    returncode: int


def snapshot(out: Path) -> Path:
    """A copy of the code the benchmark runs (the loaders and the dbt project)."""
    code = out / "code"
    shutil.rmtree(code, ignore_errors=True)
    code.mkdir(parents=True)
    for item in SNAPSHOT:
        source = PROJECT_DIR / item
        if source.is_dir():
            shutil.copytree(source, code / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, code / item)
    return code


def run(args: list[str], cwd: Path = PROJECT_DIR) -> Run:
    """Run a command, sampling the resident memory of its process tree every 0.1 s."""
    began = time.perf_counter()
    process = subprocess.Popen(
        args,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(cwd)},
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    return Run(seconds, peak, stdout, stderr, process.returncode)


def _check(result: Run, what: str) -> Run:
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"bench: {what} failed (exit {result.returncode})")
    return result


def _reported(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    if match is None:
        raise SystemExit(f"bench: the CLI did not report /{pattern}/")
    return float(match.group(1))


def read_and_split(files: list[Path]) -> float:
    """The floor: seconds Python takes to read every file and split it into lines."""
    began = time.perf_counter()
    lines = 0
    for path in files:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        lines += len(text.split("\n"))
    return time.perf_counter() - began


# Run in a fresh process on the code snapshot: CPU milliseconds per document of the loaders' parse
# (loaders.pipeline.document_rows, one process, no landing) over each layout's files (JSON argument).
_LAYOUT_COST = """
import json, sys, time
from pathlib import Path
from loaders.pipeline import document_rows
cost = {}
for layout, paths in json.loads(sys.argv[1]).items():
    seconds = 0.0
    for path in map(Path, paths):
        data = path.read_bytes()
        began = time.process_time()
        document_rows(data, path.name)
        seconds += time.process_time() - began
    cost[layout] = 1000 * seconds / len(paths) if paths else 0.0
print(json.dumps(cost))
"""


def layout_cost(code: Path, docs: Path, layouts: tuple[str, ...], per: int = 40) -> dict[str, float]:
    """Loader CPU ms per document by layout (the first `per` documents of each, one process)."""
    chosen: dict[str, list[str]] = {name: [] for name in layouts}
    for path in sorted(docs.glob("gen_*.txt")):
        files = chosen[layout_of(document_index(path.name), layouts)]
        if len(files) < per:
            files.append(str(path))
    result = _check(run([PYTHON, "-c", _LAYOUT_COST, json.dumps(chosen)], code), "layout cost")
    return {name: float(ms) for name, ms in json.loads(result.stdout.strip().splitlines()[-1]).items()}


def readme_queries() -> list[str]:
    """The README's three cross-region questions (its first block of SQL)."""
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    block = re.findall(r"```sql\n(.*?)```", readme, flags=re.S)[0]
    return [q.strip() for q in block.split(";") if re.sub(r"--[^\n]*", "", q).strip()][:3]


def query_latency(db: Path, queries: list[str], repeat: int = 3) -> list[tuple[float, float, int]]:
    """(first run, best of `repeat`, rows) seconds per query, on a fresh read-only connection."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    timings = []
    try:
        for query in queries:
            runs, rows = [], 0
            for _ in range(repeat):
                began = time.perf_counter()
                rows = len(con.execute(query).fetchall())
                runs.append(time.perf_counter() - began)
            timings.append((runs[0], min(runs), rows))
    finally:
        con.close()
    return timings


def quarantine_by_layout(db: Path, layouts: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Layout → (documents, lines quarantined in them) of the generated corpus in the warehouse."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = con.execute("select source_file from dim_document").fetchall()
        lines = con.execute("select source_file, count(*) from audit_quarantine group by source_file").fetchall()
    finally:
        con.close()

    def layout(source_file: str) -> str:
        return layout_of(document_index(source_file), layouts)

    counts = {name: [0, 0] for name in layouts}
    for (source_file,) in documents:
        counts[layout(source_file)][0] += 1
    for source_file, count in lines:
        counts[layout(source_file)][1] += count
    return {name: (d, q) for name, (d, q) in counts.items()}


def identity_outcome(run_results: Path) -> dict[str, int]:
    """Statuses of dbt's data tests (all, and those on identity checks) from run_results.json."""
    data = json.loads(run_results.read_text(encoding="utf-8"))
    outcome: dict[str, int] = {}
    for result in data["results"]:
        uid = result["unique_id"]
        if not uid.startswith("test."):
            continue
        identity = "identit" in uid or "within_tolerance" in uid
        key = ("identity_" if identity else "other_") + result["status"]
        outcome[key] = outcome.get(key, 0) + 1
    return outcome


# --- the benchmark ---------------------------------------------------------------------------


@dataclass
class Results:
    documents: int = 0
    megabytes: float = 0.0
    floor_s: float = 0.0
    loader1_s: float = 0.0
    loader1_busy: float = 0.0  # CPU seconds / wall seconds: how many cores the loader got
    loader_all_s: float = 0.0
    loader_all_busy: float = 0.0
    jobs: int = 0
    dbt_s: float = 0.0
    end_to_end_s: float = 0.0
    peak_rss: int = 0
    tests: dict[str, int] = field(default_factory=dict)
    added: int = 0
    incremental_s: float = 0.0
    incremental_loader_s: float = 0.0
    incremental_dbt_s: float = 0.0
    incremental_peak_rss: int = 0
    queries: list[tuple[float, float, int]] = field(default_factory=list)
    load_average: tuple[float, float, float] = (0.0, 0.0, 0.0)
    rendering: str = ""
    quarantine: dict[str, tuple[int, int]] = field(default_factory=dict)
    layout_ms: dict[str, float] = field(default_factory=dict)
    incremental_ok: bool = True

    def table(self) -> str:
        n = self.documents
        speedup = self.loader1_s / self.loader_all_s if self.loader_all_s else 0.0
        ratio_all = self.loader_all_s / self.floor_s if self.floor_s else 0.0
        ratio_one = self.loader1_s / self.floor_s if self.floor_s else 0.0
        cpu_one = self.loader1_s * self.loader1_busy / n if n else 0.0
        cpu_all = self.loader_all_s * self.loader_all_busy / n if n else 0.0
        failed = sum(v for k, v in self.tests.items() if k.endswith(("_fail", "_error")))
        identity = ", ".join(
            f"{v} {k.split('_', 1)[1]}" for k, v in sorted(self.tests.items()) if k.startswith("identity")
        )
        others = ", ".join(f"{v} {k.split('_', 1)[1]}" for k, v in sorted(self.tests.items()) if k.startswith("other"))
        rows = [
            ("documents", f"{n:,}", ""),
            ("total size", f"{self.megabytes:,.1f} MB", ""),
            ("read-and-split floor (1 process)", f"{self.floor_s:.1f} s", ""),
            (
                "loader, 1 process",
                f"{self.loader1_s:.1f} s = {n / self.loader1_s:.1f} documents/s ({self.loader1_busy:.2f} cores busy)",
                "",
            ),
            (
                f"loader, {self.jobs} processes",
                f"{self.loader_all_s:.1f} s = {n / self.loader_all_s:.1f} documents/s "
                f"({self.loader_all_busy:.2f} cores busy)",
                "",
            ),
            (f"speed-up {self.jobs} processes / 1", f"{speedup:.2f}×", _mark(speedup >= TARGETS["speedup"], "≥ 1.7×")),
            (
                "loader CPU time per document",
                f"{cpu_one * 1000:.1f} ms (1 process), {cpu_all * 1000:.1f} ms ({self.jobs} processes): "
                f"{self.jobs} free cores would give {self.jobs * cpu_one / cpu_all if cpu_all else 0:.2f}×",
                "",
            ),
            (
                "loader CPU per document, by layout (40 each)",
                ", ".join(f"{name} {ms:.0f} ms" for name, ms in self.layout_ms.items()) or "not measured",
                "",
            ),
            (
                "loader / floor",
                f"{ratio_all:.0f}× ({self.jobs} processes), {ratio_one:.0f}× (1 process)",
                _mark(ratio_all <= TARGETS["floor_ratio"], "≤ 15×"),
            ),
            ("dbt build (full)", f"{self.dbt_s:.1f} s", ""),
            (
                "loader + dbt build, end to end",
                f"{self.end_to_end_s:.1f} s",
                _mark(self.end_to_end_s < TARGETS["end_to_end_s"], "< 300 s"),
            ),
            (
                "peak RSS (sum over the process tree)",
                f"{self.peak_rss / GIB:.2f} GiB",
                _mark(self.peak_rss < TARGETS["peak_rss_bytes"], "< 4 GiB"),
            ),
            ("identity tests", identity or "none found", _mark(failed == 0, "none failing")),
            ("other data tests", others, ""),
            (
                "lines quarantined per document, by layout",
                ", ".join(f"{name} {q / d:.1f}" for name, (d, q) in self.quarantine.items() if d) or "none",
                "",
            ),
            (
                f"add {self.added} documents (incremental, end to end)",
                f"{self.incremental_s:.1f} s (loader {self.incremental_loader_s:.1f} s, "
                f"dbt {self.incremental_dbt_s:.1f} s; peak {self.incremental_peak_rss / GIB:.2f} GiB)",
                _mark(self.incremental_ok and self.incremental_s < TARGETS["incremental_s"], "< 60 s")
                + ("" if self.incremental_ok else ", but NOT incremental: everything was re-parsed"),
            ),
        ]
        for i, (first, best, count) in enumerate(self.queries, start=1):
            rows.append(
                (
                    f"README query {i} ({count} rows)",
                    f"{first * 1000:.0f} ms first, {best * 1000:.0f} ms best of 3",
                    _mark(first < TARGETS["query_s"], "< 1 s"),
                )
            )
        width = max(len(r[0]) for r in rows)
        lines = [f"| {'measure':<{width}} | value | target |", f"|{'-' * (width + 2)}|-------|--------|"]
        lines += [f"| {a:<{width}} | {b} | {c} |" for a, b, c in rows]
        load = ", ".join(f"{x:.2f}" for x in self.load_average)
        lines += [
            "",
            f"Corpus rendered by the {self.rendering}.",
            f"{os.cpu_count()} cores; load average before the run: {load}.",
        ]
        return "\n".join(lines)


def _mark(ok: bool, target: str) -> str:
    return f"{'met' if ok else 'NOT met'} ({target})"


def _say(text: str) -> None:
    print(f"bench: {text}", flush=True)


def benchmark(documents: int, added: int, seed: int, out: Path) -> Results:
    results = Results(documents=documents, added=added, load_average=os.getloadavg())
    docs, landing1, landing, db = out / "docs", out / "landing-1", out / "landing", out / "warehouse.duckdb"
    code = snapshot(out)
    _say(f"generating {documents} documents into {docs}")
    for extra in docs.glob("gen_*.txt") if docs.exists() else []:
        if document_index(extra.name) >= documents:
            extra.unlink()
    _, results.rendering, layouts = generate(docs, documents, start=0, seed=seed)
    _say(f"  rendered by the {results.rendering}")
    files = sorted(docs.glob("*.txt"))
    results.megabytes = sum(p.stat().st_size for p in files) / 1e6

    read_and_split(files)  # page cache warm, as for every later step
    results.floor_s = min(read_and_split(files) for _ in range(2))
    _say(f"read-and-split floor: {results.floor_s:.2f} s for {results.megabytes:.1f} MB")
    results.layout_ms = layout_cost(code, docs, layouts)
    _say("loader CPU per document: " + ", ".join(f"{k} {v:.0f} ms" for k, v in results.layout_ms.items()))

    loader = [PYTHON, "-m", "loaders"]
    common = ["--docs", str(docs), "--landing", "parquet"]
    one = run([*loader, "extract", *common, "--landing-dir", str(landing1), "--jobs", "1", "--full-refresh"], code)
    results.loader1_s = _reported(r"parsed \d+ document\(s\) in ([\d.]+) s", _check(one, "loader").stdout)
    results.loader1_busy = _reported(r"([\d.]+) cores busy", one.stdout)
    _say(f"loader, 1 process: {results.loader1_s:.1f} s")

    db.unlink(missing_ok=True)
    full = run([*loader, "build", *common, "--landing-dir", str(landing), "--db", str(db), "--full-refresh"], code)
    _check(full, "build")
    results.end_to_end_s, results.peak_rss = full.seconds, full.peak_rss
    results.loader_all_s = _reported(r"parsed \d+ document\(s\) in ([\d.]+) s", full.stdout)
    results.jobs = int(_reported(r"documents/s, (\d+) process", full.stdout))
    results.loader_all_busy = _reported(r"([\d.]+) cores busy", full.stdout)
    results.dbt_s = _reported(r"dbt build ([\d.]+) s", full.stdout)
    results.tests = identity_outcome(code / "target" / "run_results.json")
    results.quarantine = quarantine_by_layout(db, layouts)
    _say(
        f"loader, {results.jobs} processes: {results.loader_all_s:.1f} s; dbt build {results.dbt_s:.1f} s; "
        f"end to end {results.end_to_end_s:.1f} s; peak {results.peak_rss / GIB:.2f} GiB; tests {results.tests}"
    )

    generate(docs, added, start=documents, seed=seed)
    more = run([*loader, "build", *common, "--landing-dir", str(landing), "--db", str(db)], code)
    _check(more, "incremental build")
    results.incremental_s, results.incremental_peak_rss = more.seconds, more.peak_rss
    results.incremental_loader_s = _reported(r"parsed \d+ document\(s\) in ([\d.]+) s", more.stdout)
    results.incremental_dbt_s = _reported(r"dbt build ([\d.]+) s", more.stdout)
    results.incremental_ok = f"{added} new, 0 changed" in more.stdout and "built incrementally" in more.stdout
    _say(f"added {added} documents: {results.incremental_s:.1f} s (incremental: {results.incremental_ok})")

    results.queries = query_latency(db, readme_queries())
    _say("README queries: " + ", ".join(f"{first * 1000:.0f} ms" for first, _, _ in results.queries))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--added", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "build" / "bench")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results = benchmark(args.documents, args.added, args.seed, args.out.resolve())
    table = results.table()
    (args.out / "results.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

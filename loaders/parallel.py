"""Documents are independent: run a function over work items in worker processes, results in input
order, with a bounded number of items in flight (results stream; nothing waits in memory for the
whole corpus), and a progress bar on a terminal."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TextIO, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int | None) -> int:
    """`--jobs`: 0 or None means every available core."""
    return available_cores() if not jobs or jobs < 1 else jobs


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the imported parsers with the workers at no cost; elsewhere spawn re-imports them.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int | None = 1, window: int = 0) -> Iterator[R]:
    """func(item) for every item, yielded in item order. jobs=1 runs in this process; otherwise in
    `jobs` worker processes with at most `window` (default 2 × jobs) items submitted ahead of the
    one being yielded. `func` must be a module-level function; exceptions propagate."""
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        yield from map(func, items)
        return
    window = window or 2 * jobs
    pending: deque[Future[R]] = deque()
    iterator = iter(items)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        for item in iterator:
            pending.append(pool.submit(func, item))
            if len(pending) >= window:
                break
        while pending:
            result = pending.popleft().result()
            for item in iterator:
                pending.append(pool.submit(func, item))
                break
            yield result


class Progress:
    """Documents done and documents per second, redrawn in place on a terminal (stderr); silent when
    stderr is not a terminal, so logs and CI output stay clean."""

    def __init__(self, total: int, label: str = "documents", stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.enabled = total > 0 and hasattr(self.stream, "isatty") and self.stream.isatty()
        self._bar = None
        if self.enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread next to forked workers
            self._bar = tqdm(total=total, unit="doc", desc=label, file=self.stream, dynamic_ncols=True, smoothing=0.1)

    def update(self, count: int) -> None:
        self.done += count
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Many files at once: a process pool once there are enough of them, the results in order, few waiting."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

PARALLEL_FROM = 64  # items; below this a process pool costs more than it saves
WINDOW = 2048  # items handed to the pool at a time, so that results waiting for the caller stay few

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(function: Callable[[Item], Result], items: Sequence[Item], *, setup: Callable[..., None],
             setup_args: tuple[Any, ...] = (), workers: int | None = None) -> Iterator[Result]:
    """`function` of each item, in order: in this process for a few items (or `workers` = 1), else in a pool of
    `workers` processes (one per core by default), each prepared once by `setup(*setup_args)`. `function` and
    `setup` must be module-level functions, the items and results picklable."""
    if len(items) < PARALLEL_FROM or workers == 1:
        setup(*setup_args)
        for item in items:
            yield function(item)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=_started, initargs=(setup, *setup_args))
    finished = False
    try:
        chunk = max(1, min(WINDOW, len(items)) // (16 * (workers or os.cpu_count() or 1)))
        for start in range(0, len(items), WINDOW):
            yield from pool.map(function, items[start:start + WINDOW], chunksize=chunk)
        finished = True
    finally:  # Ctrl+C, or the caller stopped: the work not begun is dropped, not done first
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _started(setup: Callable[..., None], *args: Any) -> None:
    """A worker's start: Ctrl+C is the main process's to handle (it stops the batch and says so), then `setup`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    setup(*args)

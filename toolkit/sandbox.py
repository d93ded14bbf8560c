"""Run a reader on untrusted bytes in a child process, within limits, so that no file can end the batch.

python-calamine is Rust: a file that makes it ask for a huge allocation aborts the whole process (Rust
does not raise on a failed allocation), and some shapes keep it busy for minutes. So the call runs in a
child process that serves one call at a time: with a memory limit where the system has one (RLIMIT_AS,
Linux and most POSIX systems) and a time limit everywhere. A child that dies or overruns is replaced,
and the call fails with `XlsxError`, which the reader turns into a FILE-* finding like any other.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .errors import XlsxError

TIMEOUT = 5.0  # seconds one call may take (a return takes well under a second)
MEMORY = 256 << 20  # bytes of address space one call may add to the child


class _Child:
    def __init__(self) -> None:
        # fork is fast and safe on Linux; elsewhere (macOS, Windows) a fresh interpreter is started once
        linux = sys.platform.startswith("linux")
        context = multiprocessing.get_context("fork") if linux else multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True, name="nianbao-sandbox")
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


_child: _Child | None = None


def call(function: Callable[..., Any], *args: Any, timeout: float = TIMEOUT) -> Any:
    """`function(*args)` in the child; its exception is raised here; XlsxError when the child dies or overruns.

    `function` must be importable (a module-level function) and its arguments and result picklable."""
    global _child  # noqa: PLW0603 — one child per process, started when first needed
    if _child is None or not _child.process.is_alive():
        _child = _Child()
    try:
        _child.conn.send((function, args))
        if not _child.conn.poll(timeout):
            raise TimeoutError
        ok, value = _child.conn.recv()
    except (EOFError, OSError, TimeoutError) as exc:  # it died (an abort, a crash) or took too long
        _child.stop()
        _child = None
        raise XlsxError("too_slow" if isinstance(exc, TimeoutError) else "reader_failed") from None
    if not ok:
        raise value
    return value


def stop() -> None:
    """End the child (a new one starts at the next call): before measuring what it used, or at shutdown."""
    global _child  # noqa: PLW0603
    if _child is not None:
        _child.stop()
        _child = None


def _serve(conn: Connection) -> None:
    _quiet()
    _limit_memory()
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        try:
            reply = (True, function(*args))
        except BaseException as exc:  # noqa: BLE001 — a panic of the Rust code derives from BaseException
            reply = (False, exc if isinstance(exc, XlsxError) else XlsxError("bad_xml", f"{type(exc).__name__}"))
        conn.send(reply)


def _quiet() -> None:
    """A reader that dies says so on stderr ("memory allocation of … bytes failed", a fault handler's trace):
    the user sees a finding instead, so the child writes nowhere."""
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _limit_memory() -> None:
    """The child's address space: what it has now and MEMORY more (a no-op where the system has no limit)."""
    try:
        import resource

        used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + MEMORY if hard == resource.RLIM_INFINITY else min(hard, used + MEMORY)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):  # Windows, macOS (no /proc): the time limit alone applies
        pass

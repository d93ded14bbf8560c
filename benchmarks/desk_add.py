"""Benchmark: `nianbao desk add` of N returns into a fresh desk, then `nianbao desk status` over them.

    python benchmarks/desk_add.py [--units 10000] [--repeat 2]

Builds N returned workbooks as benchmarks/validate_1000.py does (ten kinds of return, the unit's code and
name put in) and a roster of their N units, then for each run: `nianbao desk init` a new desk, time
`nianbao desk add DIR` (a subprocess, wall clock: start-up, hashing and storing every file, reading and
checking them in a pool of one process per core, entering them in the ledger 200 rows a transaction),
check that the ledger holds every file once as its unit's first return, and time `nianbao desk status
--json OUT` over the full desk and `Desk.status()` in process. Each run also times `nianbao validate DIR
--json OUT` on the same files, so the cost of keeping a ledger reads as a ratio that this shared machine's
drift does not blur. Figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from validate_1000 import YEAR, build, nianbao  # noqa: E402


def roster(path: Path, codes: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "name", "parent"])
        writer.writerows([code, f"测试单位{int(code) - 140900}", "1409"] for code in codes)


def one_run(work: Path, returned: Path, roster_path: Path, units: int) -> tuple[float, float, float, float]:
    start = time.perf_counter()
    subprocess.run([*nianbao(), "validate", str(returned), "--json", str(work / "validate.json")],
                   stdout=subprocess.DEVNULL)
    validate = time.perf_counter() - start
    desk = work / "desk"
    shutil.rmtree(desk, ignore_errors=True)
    subprocess.run([*nianbao(), "desk", "init", str(desk), "--year", str(YEAR), "--roster", str(roster_path)],
                   check=True, stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    done = subprocess.run([*nianbao(), "desk", "add", str(returned), "--desk", str(desk)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    add = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"desk add failed: {done.stderr.decode()[-2000:]}")
    db = sqlite3.connect(desk / "desk.db")
    entered = db.execute("SELECT count(*), count(DISTINCT unit), max(version) FROM submissions "
                         "WHERE kind = 'return'").fetchone()
    if entered != (units, units, 1):
        raise SystemExit(f"the ledger holds {entered}, not {units} first returns of {units} units")
    start = time.perf_counter()
    subprocess.run([*nianbao(), "desk", "status", "--desk", str(desk), "--json", str(work / "status.json")],
                   stdout=subprocess.DEVNULL)
    status_cli = time.perf_counter() - start
    from toolkit.desk import Desk

    opened = Desk(desk)
    start = time.perf_counter()
    opened.status()
    status_lib = time.perf_counter() - start
    opened.close()
    return validate, add, status_cli, status_lib


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        returned, expected, _ = build(work, args.units)
        roster(work / "roster.csv", list(expected))
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; built "
              f"{args.units} returns in {time.perf_counter() - start:.1f}s")
        runs = [one_run(work, returned, work / "roster.csv", args.units) for _ in range(args.repeat)]
        for validate, add, status_cli, status_lib in runs:
            print(f"validate: {validate:.1f}s; desk add: {add:.1f}s = {args.units / add:.0f} files/s "
                  f"({add / validate:.2f}x validate); desk status --json: {status_cli:.2f}s "
                  f"(Desk.status() in process: {status_lib:.2f}s)")
        size = sum(p.stat().st_size for p in (work / "desk").rglob("*") if p.is_file())
        db = (work / "desk" / "desk.db").stat().st_size
        print(f"the desk: {size / 2**20:.0f} MiB, of which desk.db {db / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()

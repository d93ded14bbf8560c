"""Benchmark: `nianbao validate` against the floor, a bare python-calamine read of the same files.

    python benchmarks/read_floor.py [--units 2000] [--repeat 3]

Builds N distinct returns as benchmarks/validate_1000.py does. The floor is a script that opens each file
with python-calamine in a pool of two processes and sums the same input cells (every field's cell of the
template), checking nothing. Both run as subprocesses, wall clock, alternated, best of REPEAT each; the
ratio is what counts (absolute figures drift on a shared machine). Figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from validate_1000 import build, nianbao  # noqa: E402

FLOOR = r"""
import json, sys
from concurrent.futures import ProcessPoolExecutor
from python_calamine import CalamineWorkbook

CELLS = json.load(open(sys.argv[1], encoding="utf-8"))


def one(path):
    book = CalamineWorkbook.from_path(path)
    total = 0
    for sheet, cells in CELLS.items():
        rows = book.get_sheet_by_name(sheet).to_python()
        for r, c in cells:
            v = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
            if isinstance(v, (int, float)):
                total += v
    return total


if __name__ == "__main__":
    files = open(sys.argv[2], encoding="utf-8").read().splitlines()
    with ProcessPoolExecutor(2) as pool:
        print(sum(pool.map(one, files, chunksize=16)))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from toolkit.spec import load

    spec = load()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        returned, _, _ = build(work, args.units)
        files = sorted(returned.glob("*.xlsx"))
        cells: dict[str, list[tuple[int, int]]] = {}
        for f in spec.inputs:
            cells.setdefault(f.sheet, []).append((f.r, f.c))
        (work / "cells.json").write_text(json.dumps(cells, ensure_ascii=False), encoding="utf-8")
        (work / "files.txt").write_text("\n".join(map(str, files)), encoding="utf-8")
        (work / "floor.py").write_text(FLOOR, encoding="utf-8")
        floor_cmd = [sys.executable, str(work / "floor.py"), str(work / "cells.json"), str(work / "files.txt")]
        ours_cmd = [*nianbao(), "validate", str(returned), "--json", str(work / "out.json")]
        floor, ours = [], []
        for _ in range(args.repeat):
            for cmd, times in ((floor_cmd, floor), (ours_cmd, ours)):
                start = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                times.append(time.perf_counter() - start)
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
              f"{len(files)} returns")
        print(f"floor (python-calamine, 2 processes, sums the input cells): best {min(floor):.2f}s "
              f"= {len(files) / min(floor):.0f} files/s")
        print(f"nianbao validate --json (2 processes): best {min(ours):.2f}s = {len(files) / min(ours):.0f} files/s")
        print(f"ratio: {min(ours) / min(floor):.2f}x the floor")


if __name__ == "__main__":
    main()

"""Benchmark: `nianbao generate` for a roster of N units, end to end through the command line.

    python benchmarks/generate_1000.py [--units 1000] [--repeat 3]

Prints the best wall time of the runs and workbooks per second. Figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def direct_ms(count: int = 50) -> float:
    """What one workbook costs when xlsxwriter writes it whole, the way a naive generator would."""
    from toolkit import generate, spec

    the_spec = spec.load()
    start = time.perf_counter()
    for _ in range(count):
        generate.Blank(the_spec, 2024, personalised=True)
    return (time.perf_counter() - start) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    try:
        roster = work / "roster.csv"
        with roster.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["code", "name", "parent"])
            for i in range(args.units):
                writer.writerow([f"14{i:06d}", f"测试单位{i:04d}（某某县某某局）", "1409"])
        times = []
        for run in range(args.repeat):
            out = work / f"out{run}"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "toolkit", "generate", "--year", "2024", "--roster", str(roster),
                            "--out", str(out)], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
            assert len(list(out.glob("*.xlsx"))) == args.units
        best = min(times)
        size = sum(p.stat().st_size for p in (work / "out0").glob("*.xlsx")) / args.units
        print(f"python {platform.python_version()} on {platform.machine()}, {args.units} units, runs: "
              + ", ".join(f"{t:.2f}s" for t in times))
        print(f"best {best:.2f}s = {args.units / best:.0f} workbooks/s, {best / args.units * 1000:.2f} ms each, "
              f"{size / 1024:.1f} KiB each")
        print(f"for comparison, writing each workbook whole with xlsxwriter: {direct_ms():.1f} ms each")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

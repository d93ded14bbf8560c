"""Benchmark: `nianbao merge` on N returned workbooks, end to end through the command line.

    python benchmarks/merge.py [--units 1000 10000] [--repeat 1]

Builds the returns as `validate_1000.py` does (ten kinds: five clean, two with warnings, three
with errors), times `nianbao merge DIR -o OUT.xlsx --json OUT.json` as a subprocess (reading,
checking, summing, writing the workbook with its 明细 and 校验 sheets) and reads the peak memory
of that process. The run fails unless the JSON total equals the sum, computed here, of the files
without errors, and every file is a member with the status its data calls for.
Figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate_1000 import build, nianbao

from toolkit import document, spec


def expected_total(expected: dict) -> dict[str, object]:
    """Field path → the exact sum over the units whose kind has no error."""
    the_spec = spec.load()
    total: dict[str, object] = {}
    for variant in expected.values():
        if variant.status == "error":
            continue
        values = document.with_totals(the_spec, variant.values)
        for path, f in the_spec.fields.items():
            v = values.get(path)
            if isinstance(v, int | float):
                add = Decimal(repr(v)) if f.type == "amount" else v
                total[path] = total.get(path, Decimal(0) if f.type == "amount" else 0) + add
    return {p: float(v) if isinstance(v, Decimal) else v for p, v in total.items()}


def run(folder: Path, work: Path) -> tuple[float, int, dict]:
    out, js = work / "total.xlsx", work / "total.json"
    for p in (out, js):
        p.unlink(missing_ok=True)
    command = [*nianbao(), "merge", str(folder), "-o", str(out), "--json", str(js), "--name", "测试市"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB, the largest child so far
    assert done.returncode == 1, done.stdout.decode(errors="replace")[-2000:] + done.stderr.decode(errors="replace")
    return elapsed, max(peak, before), json.loads(js.read_text(encoding="utf-8"))


def check(merged: dict, expected: dict) -> list[str]:
    problems = []
    flat = document.flat(merged, spec.load())
    for path, v in expected_total(expected).items():
        if flat[path] != v:
            problems.append(f"{path}: merged {flat[path]}, expected {v}")
    statuses = {m["code"]: m["status"] for m in merged["members"]}
    for code, variant in expected.items():
        if statuses.get(code) != variant.status:
            problems.append(f"{code}: status {statuses.get(code)}, expected {variant.status}")
    wrong = [m["code"] for m in merged["members"] if m["included"] != (m["status"] != "error")]
    return problems + [f"{code}: included wrongly" for code in wrong]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    for units in args.units:
        work = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
        try:
            start = time.perf_counter()
            folder, expected, _ = build(work, units)
            print(f"{units} returned workbooks built in {time.perf_counter() - start:.1f}s")
            runs = [run(folder, work) for _ in range(args.repeat)]
            best = min(t for t, _, _ in runs)
            peak = max(m for _, m, _ in runs)
            merged = runs[-1][2]
            size = (work / "total.xlsx").stat().st_size
            print("  nianbao merge: " + ", ".join(f"{t:.1f}s" for t, _, _ in runs)
                  + f"; best {best:.1f}s = {units / best:.0f} files/s; peak memory {peak / 1024:.0f} MiB; "
                  f"workbook {size / 1024 / 1024:.1f} MiB")
            print("  members: " + ", ".join(f"{s} {n}" for s, n in sorted(Counter(
                m["status"] for m in merged["members"]).items()))
                  + f"; summed {sum(m['included'] for m in merged['members'])}")
            problems = check(merged, expected)
            if problems:
                print(f"  {len(problems)} problems:")
                for p in problems[:20]:
                    print("    " + p)
                sys.exit(1)
            print("  total equals the exact sum of the files without errors")
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

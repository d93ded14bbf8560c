"""Time and peak memory of reading each hostile file (tests/corpus/hostile), one fresh process per file.

    python benchmarks/hostile.py [--also FILE...]

Every file of any kind must be read, or refused with a FILE-* finding, within about 10 s and 300 MB on
this machine; the test suite asserts the memory bound, this prints both. `--also` measures more files
(for instance the bombs of an adversarial campaign that are too big to commit).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "corpus" / "hostile"
READ = """
import json, resource, sys, time
start = time.perf_counter()
from toolkit import checker, read, sandbox
got = read.extract(sys.argv[1])
found = list(got.findings) + (checker.check(got.document) if got.document is not None else [])
sandbox.stop()  # the reader's child process for .xls/.ods, counted below once it has ended
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": peak / 1024,
                  "codes": sorted({f.code for f in found if f.severity == "error"})}))
"""


def measure(path: Path) -> dict[str, object]:
    wall = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return {**json.loads(run.stdout), "process_s": time.perf_counter() - wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--also", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    files = sorted(p for p in HOSTILE.iterdir() if p.suffix in (".xlsx", ".xls", ".ods")) + args.also
    print(f"{'file':36} {'size':>10} {'read s':>7} {'process s':>9} {'peak MB':>8}  errors")
    for path in files:
        m = measure(path)
        print(f"{path.name:36} {path.stat().st_size:>10,} {m['seconds']:>7.2f} {m['process_s']:>9.2f} "
              f"{m['peak_mb']:>8.0f}  {' '.join(m['codes'])}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

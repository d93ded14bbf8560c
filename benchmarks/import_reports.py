"""Benchmark: `nianbao import` of published reports, by shape: files a second.

    python benchmarks/import_reports.py [--files 200] [--repeat 3]

Makes FILES consistent reports (the property tests' generator, `tests/test_published.py`) and prints each as
text with tabs, as text with every row's digits run together, as a GBK web page with merged cells, and (when
Chromium is there) as a PDF printed from that page. Times `nianbao import DIR/* --json OUT` on each folder (a
subprocess, wall clock, best of REPEAT), and the same reading in process (`published.assess`, per file).
Figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from validate_1000 import nianbao  # noqa: E402

from tests.test_published import CHROMIUM, consistent_reports, html_of, printed  # noqa: E402
from toolkit import published  # noqa: E402


def make(work: Path, files: int) -> dict[str, list[Path]]:
    shapes: dict[str, list[Path]] = {shape: [] for shape in ("tabs", "run", "html", "pdf")}
    reports = [consistent_reports().example() for _ in range(files)]
    for shape in ("tabs", "run", "html"):
        folder = work / shape
        folder.mkdir()
        for i, values in enumerate(reports):
            path = folder / f"{i:04d}.{'html' if shape == 'html' else 'txt'}"
            path.write_bytes(html_of(values) if shape == "html" else printed(values, shape).encode())
            shapes[shape].append(path)
    if CHROMIUM:
        folder = work / "pdf"
        folder.mkdir()
        for i, page in enumerate(shapes["html"][:min(files, 20)]):  # printing is slow: 20 distinct, then copies
            subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={work / 'profile'}", "--no-pdf-header-footer",
                            f"--print-to-pdf={folder / f'{i:04d}.pdf'}", page.as_uri()],
                           check=True, capture_output=True, timeout=120)
        printed_pdfs = sorted(folder.glob("*.pdf"))
        for i in range(len(printed_pdfs), files):
            shutil.copy(printed_pdfs[i % len(printed_pdfs)], folder / f"{i:04d}.pdf")
        shapes["pdf"] = sorted(folder.glob("*.pdf"))
    return {shape: paths for shape, paths in shapes.items() if paths}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shapes = make(work, args.files)
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
              f"{args.files} reports a shape")
        for shape, paths in shapes.items():
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                subprocess.run([*nianbao(), "import", *map(str, paths), "--json", str(work / f"{shape}.json")],
                               stdout=subprocess.DEVNULL, check=False)
                times.append(time.perf_counter() - start)
            start = time.perf_counter()
            for path in paths:
                published.assess(path)
            each = (time.perf_counter() - start) / len(paths)
            best = min(times)
            print(f"{shape:5}: nianbao import {best:.2f}s = {len(paths) / best:.0f} files/s (best of "
                  f"{args.repeat}); in process {each * 1000:.1f} ms a file")


if __name__ == "__main__":
    main()

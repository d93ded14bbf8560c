"""Benchmark: `nianbao validate` on N filled, personalised workbooks, end to end through the command line.

    python benchmarks/validate_1000.py [--units 1000] [--repeat 3] [--openpyxl-files 1000]

Builds N returned workbooks the way units send them back (the generated workbook, filled and
re-saved by another spreadsheet program: openpyxl here), times `nianbao validate DIR --json OUT`
as a subprocess, checks every file got the status its data calls for, then times a plain openpyxl
script reading the same cells, and the in-process cost of `read.extract` and `validate.check`.
Figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.fill

YEAR = 2024
COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
NOT_OUTCOMES = ("new_received", "carried_over", "results_total", "carried_forward")


@dataclass(frozen=True)
class Variant:
    name: str
    values: dict[str, Any]  # what the unit typed, by field path (inputs, and any total typed over)
    status: str  # what `nianbao validate` should say
    codes: frozenset[str]  # the finding codes it should report


# ------------------------------------------------------------------ the data units fill in


def consistent(spec: Any, rng: random.Random, scale: int) -> dict[str, Any]:
    """Every input of a unit whose tables add up: 表三 balanced per column, 表四 anything, 表二 plausible."""
    outcomes = sorted({f.keys[1] for f in spec.inputs if f.table == "table3"} - set(NOT_OUTCOMES))
    v: dict[str, Any] = {}
    for col in COLUMNS:
        # natural persons file most requests; other organisations few
        weight = {"natural_person": 1.0, "commercial": 0.3, "research": 0.05, "social_welfare": 0.05,
                  "legal_service": 0.1, "other_org": 0.1}[col]
        results = 0
        for row in outcomes:
            common = row in ("disclosed", "partially_disclosed", "unavailable_not_held", "not_processed_repeated",
                             "other_other", "withheld_process_info")
            n = rng.randint(0, max(0, int(scale * weight * (1.0 if row == "disclosed" else 0.3 if common else 0.03))))
            v[f"table3.{row}.{col}"] = n
            results += n
        carried_forward = rng.randint(0, results // 10) if results else 0
        carried_over = rng.randint(0, (results + carried_forward) // 10)
        v[f"table3.carried_forward.{col}"] = carried_forward
        v[f"table3.carried_over.{col}"] = carried_over
        v[f"table3.new_received.{col}"] = results + carried_forward - carried_over
    for group in ("review", "litigation_direct", "litigation_after_review"):
        for col in ("upheld", "corrected", "other", "pending"):
            v[f"table4.{group}.{col}"] = rng.randint(0, max(0, scale // 20))
    issued = rng.randint(0, max(0, scale // 10))
    v.update({
        "table2.regulations.issued": 0, "table2.regulations.repealed": 0, "table2.regulations.in_force": 0,
        "table2.normative_documents.issued": issued,
        "table2.normative_documents.repealed": rng.randint(0, issued),
        "table2.normative_documents.in_force": issued + rng.randint(0, 40),
        "table2.licensing.decisions": rng.randint(0, scale * 20),
        "table2.penalty.decisions": rng.randint(0, scale * 5),
        "table2.enforcement.decisions": rng.randint(0, scale),
        "table2.fees.amount": 0,
    })
    assert set(v) == {f.path for f in spec.inputs}, set(v) ^ {f.path for f in spec.inputs}
    return v


def assert_balanced(spec: Any, inputs: dict[str, Any]) -> None:
    """What the template's formulas compute from these inputs passes 表三's and 表四's checks."""
    from toolkit.document import with_totals

    t = with_totals(spec, inputs)
    for col in (*COLUMNS, "total"):
        received, over, results, forward = (t[f"table3.{row}.{col}"] for row in NOT_OUTCOMES)
        assert received + over == results + forward, col
    assert 4 * t["table3.carried_forward.total"] <= t["table3.new_received.total"] + t["table3.carried_over.total"]
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = sum(t[f"table4.{group}.{c}"] for c in ("upheld", "corrected", "other", "pending"))
        assert t[f"table4.{group}.total"] == parts


def variants(spec: Any) -> list[Variant]:
    rng = random.Random(2024)
    ok = frozenset()
    out = []
    for name, scale in (("县级部门，申请不多", 3), ("市级部门，申请较多", 40), ("乡镇，申请很少", 1)):
        values = consistent(spec, rng, scale)
        assert_balanced(spec, values)
        out.append(Variant(name, values, "ok", ok))
    zeros = {f.path: 0 for f in spec.inputs}
    assert_balanced(spec, zeros)
    out.append(Variant("全年无申请（全部填 0）", zeros, "ok", ok))
    values = consistent(spec, rng, 10)
    values["table2.fees.amount"] = 0.12345  # 1234.5 yuan, written in 万元 as the guide says
    assert_balanced(spec, values)
    out.append(Variant("有收费（0.12345 万元）", values, "ok", ok))

    # typical mistakes
    values = consistent(spec, rng, 10)
    values["table2.fees.amount"] = 1234.5  # in yuan, not 万元
    out.append(Variant("收费按元填写（T2-5）", values, "warning", frozenset({"T2-5"})))
    values = consistent(spec, rng, 5)
    blanks = [p for p, x in values.items() if x == 0 and p.startswith("table3.withheld")][:3]
    assert blanks
    for p in blanks:
        values[p] = None  # left empty instead of 0
    out.append(Variant("几个 0 留空", values, "warning", frozenset({"CELL-BLANK"})))
    values = consistent(spec, rng, 10)
    values["table3.carried_forward.natural_person"] += 1  # off by one: 表三 does not balance
    out.append(Variant("表三结转差 1（T3-1）", values, "error", frozenset({"T3-1"})))
    values = consistent(spec, rng, 10)
    values["table3.new_received.total"] = sum(values[f"table3.new_received.{c}"] for c in COLUMNS) + 5
    out.append(Variant("总计被改写为数字（T3-3）", values, "error", frozenset({"CELL-TYPED-TOTAL", "T3-3", "T3-1"})))
    values = consistent(spec, rng, 10)
    values["table4.review.other"] = -1
    out.append(Variant("填了负数", values, "error", frozenset({"CELL-NEGATIVE"})))
    return out


# ------------------------------------------------------------------ the files


def build(work: Path, units: int) -> tuple[Path, dict[str, Variant], list[Variant]]:
    """`units` returned workbooks in work/returned; by unit code, the variant each one carries."""
    from tests.fill import fill
    from toolkit import generate, spec
    from toolkit.roster import Unit

    the_spec = spec.load()
    blank = generate.Blank(the_spec, YEAR, personalised=True)
    tokens = generate.TOKENS
    template = blank.render(Unit(tokens["code"], tokens["name"], tokens["parent"]))
    all_variants = variants(the_spec)
    filled = [generate._parts(fill(template, the_spec, v.values)) for v in all_variants]
    out = work / "returned"
    out.mkdir()
    expected = {}
    for i in range(units):
        unit = Unit(f"{140900 + i}", f"测试单位{i}", "1409")
        k = i % len(all_variants)
        (out / generate.file_name(YEAR, unit)).write_bytes(generate._personalise(filled[k], unit))
        expected[unit.code] = all_variants[k]
    return out, expected, all_variants


# ------------------------------------------------------------------ the timings


def nianbao() -> list[str]:
    script = Path(sys.executable).parent / "nianbao"
    return [str(script)] if script.exists() else [sys.executable, "-m", "toolkit"]


def cli_runs(folder: Path, work: Path, repeat: int) -> tuple[list[float], dict[str, Any]]:
    times, report = [], {}
    for run in range(repeat):
        out = work / f"report{run}.json"
        start = time.perf_counter()
        done = subprocess.run([*nianbao(), "validate", str(folder), "--json", str(out)], capture_output=True)
        times.append(time.perf_counter() - start)
        assert done.returncode in (0, 1), done.stderr.decode(errors="replace")[-2000:]
        report = json.loads(out.read_text(encoding="utf-8"))
        assert done.returncode == (1 if report["summary"]["error"] else 0), done.returncode
    return times, report


def startup() -> float:
    """`nianbao --version`: interpreter start-up and importing the command, best of 3."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([*nianbao(), "--version"], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def check_report(report: dict[str, Any], expected: dict[str, Variant], units: int) -> list[str]:
    """What differs from what each file's data calls for (empty when all is as expected)."""
    problems = []
    if len(report["files"]) != units:
        problems.append(f"{len(report['files'])} files in the JSON, not {units}")
    for r in report["files"]:
        code = (r.get("unit") or {}).get("code")
        v = expected.get(code)
        if v is None:
            problems.append(f"{Path(r['path']).name}: unit code {code!r} not one of the roster's")
            continue
        codes = {f["code"] for f in r["findings"]}
        if r["status"] != v.status or codes != v.codes:
            problems.append(f"{Path(r['path']).name} ({v.name}): status {r['status']} {sorted(codes)}, "
                            f"expected {v.status} {sorted(v.codes)}")
        if not Path(r["path"]).name.startswith(f"{YEAR}_{code}_"):
            problems.append(f"{Path(r['path']).name}: read as unit {code}")
    return problems


def openpyxl_script(files: list[Path], *, fast: bool) -> float:
    """Seconds per file for a plain openpyxl script reading every field's cell at its template position."""
    import openpyxl

    from toolkit import spec

    fields = list(spec.load().fields.values())
    by_sheet: dict[str, list[tuple[int, int]]] = {}
    for f in fields:
        by_sheet.setdefault(f.sheet, []).append((f.r, f.c))
    start = time.perf_counter()
    for path in files:
        if fast:
            # read-only mode: a worksheet is a stream, so walk each sheet once and pick the cells
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            got = {}
            for sheet, wanted in by_sheet.items():
                rows = list(book[sheet].iter_rows(max_row=max(r for r, _ in wanted) + 1, values_only=True))
                got.update({(sheet, r, c): rows[r][c] if r < len(rows) and c < len(rows[r]) else None
                            for r, c in wanted})
            book.close()
        else:
            book = openpyxl.load_workbook(path)
            got = {(f.sheet, f.r, f.c): book[f.sheet][f.cell].value for f in fields}
        assert len(got) == len(fields)
    return (time.perf_counter() - start) / len(files)


def in_process(files: list[Path]) -> dict[str, float]:
    """Seconds per file of `read.extract` and of `validate.check`, one process, after a warm-up file."""
    from toolkit import checker, read

    start = time.perf_counter()
    checker.check(read.extract(files[0]).document)  # type: ignore[arg-type]
    first = time.perf_counter() - start
    start = time.perf_counter()
    docs = [read.extract(path).document for path in files]
    extract = (time.perf_counter() - start) / len(files)
    start = time.perf_counter()
    for doc in docs:
        checker.check(doc)  # type: ignore[arg-type]
    check = (time.perf_counter() - start) / len(files)
    return {"first": first, "extract": extract, "check": check}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--openpyxl-files", type=int, default=None,
                        help="time the openpyxl script on only the first N files (default: all)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    try:
        start = time.perf_counter()
        folder, expected, all_variants = build(work, args.units)
        files = sorted(folder.glob("*.xlsx"))
        size = sum(p.stat().st_size for p in files) / len(files)
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
              f"built {len(files)} returned workbooks ({len(all_variants)} kinds, {size / 1024:.1f} KiB each) "
              f"in {time.perf_counter() - start:.1f}s")

        times, report = cli_runs(folder, work, args.repeat)
        problems = check_report(report, expected, args.units)
        best, median = min(times), statistics.median(times)
        print("nianbao validate, runs: " + ", ".join(f"{t:.2f}s" for t in times))
        print(f"  min {best:.2f}s = {args.units / best:.0f} files/s; median {median:.2f}s = "
              f"{args.units / median:.0f} files/s; {median / args.units * 1000:.2f} ms each")
        print(f"  of which start-up (`nianbao --version`): {startup():.2f}s")
        print("  statuses: " + ", ".join(f"{s} {n}" for s, n in sorted(Counter(
            r["status"] for r in report["files"]).items())) + "  (expected: " + ", ".join(
            f"{s} {n}" for s, n in sorted(Counter(v.status for v in expected.values()).items())) + ")")

        cost = in_process(files)
        print(f"in process, per file: read.extract {cost['extract'] * 1000:.2f} ms, validate.check "
              f"{cost['check'] * 1000:.2f} ms (first file, with compiling the schema: {cost['first'] * 1000:.0f} ms)")

        sample = files[: args.openpyxl_files] if args.openpyxl_files else files
        for label, fast in (("openpyxl.load_workbook(path)", False),
                            ("openpyxl.load_workbook(path, read_only=True, data_only=True)", True)):
            each = openpyxl_script(sample, fast=fast)
            print(f"{label}, {len(sample)} files: {1 / each:.0f} files/s, {each * 1000:.1f} ms each; "
                  f"nianbao (median) is {each * args.units / median:.1f}x as fast; one core against one, "
                  f"extract + check is {each / (cost['extract'] + cost['check']):.1f}x as fast")

        if problems:
            print(f"\n{len(problems)} files not as expected:")
            for p in problems[:20]:
                print("  " + p)
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The hostile corpus (tests/corpus/hostile, made by make.py): every file reads to exactly its findings,
and within the memory bound whatever it declares (its time is measured by benchmarks/hostile.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import checker, inputs, read

HOSTILE = Path(__file__).parent / "corpus" / "hostile"
CASES = json.loads((HOSTILE / "cases.json").read_text(encoding="utf-8"))["cases"]
PEAK_MB = 300  # of a process that reads one file, the interpreter and the toolkit included
PEAK = """
import re, resource, sys
from pathlib import Path
from toolkit import checker, read, sandbox
got = read.extract(sys.argv[1])
if got.document is not None:
    checker.check(got.document)
sandbox.stop()  # the reader's child process for .xls/.ods, counted once it has ended
# this process's own peak: on Linux VmHWM, since ru_maxrss keeps the peak of the process it was forked from
# (a test run of some hundreds of MB) across exec
status = Path("/proc/self/status")
own = int(re.search(r"VmHWM:\\s+(\\d+)", status.read_text()).group(1)) if status.exists() \\
    else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
"""


def test_every_hostile_file_has_a_case():
    assert {p.name for p in HOSTILE.iterdir() if p.suffix in inputs.WORKBOOK_SUFFIXES} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_reads_to_its_findings(name):
    case = CASES[name]
    got = read.extract(HOSTILE / name)
    assert (got.document is not None) == case["document"], got.findings
    found = list(got.findings) + (checker.check(got.document) if got.document else [])
    assert sorted((f.code, f.sheet, f.cell) for f in found) == sorted(tuple(f) for f in case["findings"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_reads_in_bounded_memory(name):
    run = subprocess.run([sys.executable, "-c", PEAK, str(HOSTILE / name)], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent.parent)
    assert int(run.stdout) / 1024 < PEAK_MB

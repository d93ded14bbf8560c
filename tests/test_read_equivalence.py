"""The full findings of every committed workbook, as the reader and the checks give them today: a faster read
path must give exactly these (codes, severities, sheets, cells, fields, values and sentences), file by file.

After an intended change to what is found, refresh with
`NIANBAO_UPDATE_GOLDEN=1 python -m pytest tests/test_read_equivalence.py` and review the diff like code.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from toolkit import validate

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "findings_of_every_workbook.json"
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".et")


def committed_workbooks() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return sorted(name for name in listed.decode().split("\0") if name.lower().endswith(SUFFIXES))


def findings_now(name: str) -> dict:
    result, doc = validate.assess(ROOT / name)
    return {"status": result.status, "unit": result.unit, "year": result.year,
            "findings": [f.to_dict("zh") for f in result.findings], "values": doc and {
                k: doc[k] for k in ("table2", "table3", "table4")}}


def test_every_committed_workbook_reads_to_the_same_findings_and_values():
    names = committed_workbooks()
    assert len(names) >= 60
    now = json.loads(json.dumps({name: findings_now(name) for name in names}, ensure_ascii=False))
    if os.environ.get("NIANBAO_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    before = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(now) == sorted(before)
    for name in names:
        assert now[name] == before[name], name

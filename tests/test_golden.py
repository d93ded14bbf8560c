"""Golden files: the generated workbook's XML, part by part, so any change to the output is seen.

After an intended change, refresh them with `NIANBAO_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`
and review the diff like code.
"""

import io
import os
import re
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

GOLDEN = Path(__file__).parent / "golden"
VOLATILE = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            name: minidom.parseString(VOLATILE.sub(b"", z.read(name))).toprettyxml(indent=" ")
            for name in sorted(z.namelist())
        }


@pytest.mark.parametrize("case", ["unit_2024_140981", "blank_2024"])
def test_workbook_matches_golden(case, unit_bytes, blank_bytes):
    actual = parts(unit_bytes if case.startswith("unit") else blank_bytes)
    folder = GOLDEN / case
    if os.environ.get("NIANBAO_UPDATE_GOLDEN"):
        for name, xml in actual.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(xml, encoding="utf-8")
    expected = {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}
    assert sorted(actual) == sorted(expected)
    for name in actual:
        assert actual[name] == expected[name], f"{case}/{name} differs from its golden file"

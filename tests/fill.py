"""Fill a generated workbook the way a unit's spreadsheet program would: openpyxl loads and re-saves it.

Used by the tests, `samples/make.py` and the benchmarks. Values go to the cells of their fields;
a total given a value is typed over (its formula replaced), as a unit that unprotects the sheet does.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import openpyxl

from toolkit.spec import Spec


def fill(data: bytes, spec: Spec, values: Mapping[str, Any], cells: Mapping[tuple[str, str], Any] = {}) -> bytes:
    """`values` by field path; `cells` by (sheet, A1) for anything else (cover entries, odd cells)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for path, value in values.items():
        f = spec.fields[path]
        book[f.sheet][f.cell].value = value
    for (sheet, ref), value in cells.items():
        book[sheet][ref].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

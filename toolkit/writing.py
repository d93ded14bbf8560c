"""What any of our writers puts in a cell, whatever a unit typed: text stays text, numbers stay numbers.

xlsxwriter's `write()` and openpyxl's `cell.value =` turn a string that starts with "=" into a live
formula, so text from a file a unit sent (a name, a cell, a sheet name: `=HYPERLINK(…)`, a DDE call)
would run in the office's own workbooks. Every cell we write goes through here instead: text as a
string cell, cleaned of what XML cannot hold and cut to Excel's 32,767 characters.
"""

from __future__ import annotations

import re
from typing import Any

from .document import is_number
from .messages import shown

CELL_TEXT = 32_767  # characters Excel holds in a cell; more and Excel repairs the file
LINE_HEIGHT = 13.5  # points a line of 10-point text takes in a row
MAX_HEIGHT = 409  # points: Excel refuses a taller row
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LOOKS_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def cell_text(text: str) -> str:
    """`text` as a cell can hold it: a non-UTF-8 file name made readable, line breaks as Excel keeps them
    (a carriage return would not survive XML), other control characters dropped, cut to Excel's limit."""
    return _NOT_XML.sub("", shown(text).replace("\r\n", "\n").replace("\r", "\n"))[:CELL_TEXT]


def stored(text: str) -> str:
    """Cell text as OOXML stores it, for a writer that does not (openpyxl, `spool`): a literal `_x0041_`
    escaped as `_x005F_x0041_`, which Excel (and our reader) would otherwise read as "A"."""
    return _LOOKS_ESCAPED.sub(r"_x005F_\1", text)


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` units wide (Excel's units: a CJK character is two)."""
    return sum(max(1, -(-sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) // max(1, int(width) - 1)))
               for line in text.split("\n"))


def row_height(lines: int, line: float = LINE_HEIGHT, padding: float = 3) -> float:
    """The height of a row of `lines` lines, at most what Excel allows (a 4,300-digit text would ask for 7,000)."""
    return min(MAX_HEIGHT, line * lines + padding)


def write_text(ws: Any, r: int, c: int, text: str, cell_format: Any = None) -> None:
    """A string cell in an xlsxwriter sheet."""
    ws.write_string(r, c, cell_text(text), cell_format)


def write_value(ws: Any, r: int, c: int, v: Any, cell_format: Any = None) -> None:
    """A value in an xlsxwriter sheet: a number a report can hold as a number, nothing as a blank cell,
    anything else (text, True, 1e300) as the text it is."""
    if v is None or v == "":
        ws.write_blank(r, c, None, cell_format)
    elif is_number(v):
        ws.write_number(r, c, v, cell_format)
    else:
        write_text(ws, r, c, str(v).upper() if isinstance(v, bool) else str(v), cell_format)


def set_text(cell: Any, text: str) -> None:
    """A string cell in an openpyxl sheet (its `data_type` set after the value, which would make it "f")."""
    cell.value = stored(cell_text(text))
    cell.data_type = "s"

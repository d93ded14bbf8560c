"""Workbooks that are not .xlsx — .xls (Excel 97–2003, as WPS saves by default), .et, .ods — read
through python-calamine, a Rust reader: the same interface as `xlsx.Xlsx`, values only.

These formats keep our hidden `_nianbao` sheet but not our defined names, custom properties or
(in what calamine gives) formulas: cells are found by their labels, and whether a total is still
a formula cannot be told, so the rules alone judge the totals.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from xml.etree import ElementTree as ET

from .xlsx import MAX_CELLS, Cell, Sheet, XlsxError

# A damaged file can make calamine's Rust code panic; pyo3 raises that as PanicException, which derives
# from BaseException, not Exception. Everything but an interrupt or an exit is a failure to read the file.
_INTERRUPTS = (KeyboardInterrupt, SystemExit, GeneratorExit)
ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})
_STATES = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}


class ValuesBook:
    """A workbook read by calamine; `kind` is "xls" or "ods"."""

    has_formulas = False
    defined_names: dict[str, str] = {}
    custom_properties: dict[str, str] = {}

    def __init__(self, data: bytes, kind: str) -> None:
        import python_calamine  # only for the files that need it: the .xlsx path starts faster without

        self.kind = kind
        self._odd = scan_ods(data) if kind == "ods" else {}
        try:
            self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            metadata = self._book.sheets_metadata
        except BaseException as exc:  # its own error types for every kind of damage; a panic on some
            raise _error(exc) from None
        self.sheets = tuple(Sheet(m.name, _STATES.get(str(m.visible).rpartition(".")[2], "visible"), m.name)
                            for m in metadata)
        self._cells: dict[str, dict[tuple[int, int], Cell]] = {}
        self._merged: dict[str, tuple[tuple[int, int, int, int], ...]] = {}

    def cells(self, name: str) -> dict[tuple[int, int], Cell]:
        if name not in self._cells:
            try:
                sheet = self._book.get_sheet_by_name(name)
                if sheet.height * sheet.width > MAX_CELLS:
                    raise XlsxError("too_large", f"{name}: {sheet.height} × {sheet.width} cells")
                rows = sheet.to_python(skip_empty_area=False)
                self._merged[name] = tuple((a[0], a[1], b[0], b[1]) for a, b in sheet.merged_cell_ranges or ())
            except XlsxError:
                raise
            except BaseException as exc:
                raise _error(exc) from None
            # with skip_empty_area=False the rows start at A1, whatever `sheet.start` says
            cells = {(r, c): _cell(v) for r, row in enumerate(rows)
                     for c, v in enumerate(row) if v != "" and v is not None}
            self._cells[name] = {**cells, **self._odd.get(name, {})}
        return self._cells[name]

    def merged(self, name: str) -> tuple[tuple[int, int, int, int], ...]:
        self.cells(name)
        return self._merged[name]


def _cell(v: object) -> Cell:
    if isinstance(v, str) and v in ERRORS:
        return Cell(v, None, error=True)
    if isinstance(v, datetime.date | datetime.time | datetime.timedelta):
        return Cell(str(v), None)  # a date in a count cell is text to the rules
    if isinstance(v, float) and v.is_integer():
        return Cell(int(v), None)  # .ods keeps every number as a float: 12.0 is 12
    return Cell(v, None)  # type: ignore[arg-type]


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def scan_ods(data: bytes) -> dict[str, dict[tuple[int, int], Cell]]:
    """What calamine cannot tell of an .ods, found by streaming its content.xml: the error cells
    (`#DIV/0!`, which calamine gives as "") and the booleans (given as 1.0), by sheet and position.

    Refuses a file whose repeated rows and cells would expand past MAX_CELLS values: ODF writes a run of
    equal cells once with a repeat count, and calamine expands them all on opening, so 38 KB can ask for
    gigabytes.
    """
    found: dict[str, dict[tuple[int, int], Cell]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("content.xml") as content:
            if b"<!DOCTYPE" in content.peek(1 << 16)[: 1 << 16]:  # entities are no part of a spreadsheet
                raise XlsxError("bad_xml", "content.xml has a DOCTYPE")
            total = r = c = 0
            row_repeat, row_cells, sheet = 1, 0, found.setdefault("", {})
            for event, el in ET.iterparse(content, events=("start", "end")):
                tag = el.tag
                if tag == _ODS_TABLE + "table" and event == "start":
                    sheet, r = found.setdefault(el.get(_ODS_TABLE + "name", ""), {}), 0
                elif tag == _ODS_TABLE + "table-row":
                    if event == "start":
                        row_repeat, row_cells, c = int(el.get(_ODS_TABLE + "number-rows-repeated", 1)), 0, 0
                    else:
                        total += row_repeat * row_cells
                        r += row_repeat
                        el.clear()
                elif event == "end" and tag in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
                    repeat = int(el.get(_ODS_TABLE + "number-columns-repeated", 1))
                    kind = el.get(_ODS_OFFICE + "value-type")
                    row_cells += repeat if kind else 0
                    if total + row_repeat * row_cells > MAX_CELLS:  # before any repeat is spelled out
                        raise XlsxError("too_large", f"content.xml: over {MAX_CELLS} cells")
                    odd = _odd_cell(el, kind)
                    for k in range(repeat if odd else 0):
                        for rr in range(row_repeat):
                            sheet[(r + rr, c + k)] = odd  # type: ignore[assignment]
                    c += repeat
    except (KeyError, zipfile.BadZipFile, ET.ParseError, ValueError, OSError) as exc:
        raise XlsxError("bad_xml", f"content.xml: {exc}") from None
    return found


def _odd_cell(el: ET.Element, kind: str | None) -> Cell | None:
    if el.get(_CALCEXT + "value-type") == "error":
        text = "".join(p.text or "" for p in el.iter(_TEXT + "p")) or "#VALUE!"
        return Cell(text, None, error=True)
    if kind == "boolean":
        return Cell(el.get(_ODS_OFFICE + "boolean-value") == "true", None)
    return None


def _error(exc: BaseException) -> XlsxError:
    """The failure as the reader's error; an interrupt goes on as it is."""
    if isinstance(exc, _INTERRUPTS):
        raise exc
    text = str(exc)
    if any(word in text.lower() for word in ("password", "encrypt")):
        return XlsxError("encrypted", text)
    return XlsxError("bad_xml", f"{type(exc).__name__}: {text}")

"""Workbooks that are not .xlsx — .xls (Excel 97–2003, as WPS saves by default), .et, .ods — read
through python-calamine, a Rust reader: the same interface as `xlsx.Xlsx`, values only.

These formats keep our hidden `_nianbao` sheet but not our defined names, custom properties or
(in what calamine gives) formulas: cells are found by their labels, and whether a total is still
a formula cannot be told, so the rules alone judge the totals.
"""

from __future__ import annotations

import datetime
import io

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
            r0, c0 = sheet.start or (0, 0)
            self._cells[name] = {(r0 + r, c0 + c): _cell(v) for r, row in enumerate(rows)
                                 for c, v in enumerate(row) if v != "" and v is not None}
        return self._cells[name]

    def merged(self, name: str) -> tuple[tuple[int, int, int, int], ...]:
        self.cells(name)
        return self._merged[name]


def _cell(v: object) -> Cell:
    if isinstance(v, str) and v in ERRORS:
        return Cell(v, None, error=True)
    if isinstance(v, datetime.date | datetime.time | datetime.timedelta):
        return Cell(str(v), None)  # a date in a count cell is text to the rules
    return Cell(v, None)  # type: ignore[arg-type]


def _error(exc: BaseException) -> XlsxError:
    """The failure as the reader's error; an interrupt goes on as it is."""
    if isinstance(exc, _INTERRUPTS):
        raise exc
    text = str(exc)
    if any(word in text.lower() for word in ("password", "encrypt")):
        return XlsxError("encrypted", text)
    return XlsxError("bad_xml", f"{type(exc).__name__}: {text}")

"""Build the corpus of mangled returns: what units really send back, made reproducibly.

    python tests/corpus/make.py        (needs LibreOffice: soffice on PATH)

Starts from samples/returns and does to them what Excel, WPS, LibreOffice and people do: save as
.xls or .ods, re-save as .xlsx, rename and reorder sheets, insert a row for notes. The produced
files are committed, so the tests need no LibreOffice; `cases.json` (written by hand) says what
each must read to and which findings it must raise.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.formula.translate import Translator

HERE = Path(__file__).resolve().parent
RETURNS = HERE.parent.parent / "samples" / "returns"
CLEAN, TYPED_TOTAL, T3_2 = "2024_140902_忻府区.xlsx", "2024_140923_代县.xlsx", "2024_140924_繁峙县.xlsx"


def convert(source: Path, target: Path, to: str) -> None:
    """`soffice --convert-to`, in a scratch folder so its output name does not matter."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / f"in{source.suffix}"
        shutil.copy(source, copy)
        subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", scratch, str(copy)],
                       check=True, capture_output=True, timeout=180)
        shutil.copy(Path(scratch) / f"in.{to}", target)


def moved(source: Path, target: Path) -> None:
    """Sheets renamed and reordered, a sheet of the unit's own, a row inserted in 表三 for a note."""
    book = openpyxl.load_workbook(source)
    sheet = book["表三"]
    sheet.insert_rows(8)  # openpyxl moves the cells, not the defined names (Excel would move both)
    for row in sheet.iter_rows(min_row=9):  # nor the formulas' references, which Excel would shift
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.value = Translator(cell.value, f"{cell.column_letter}{cell.row - 1}").translate_formula(
                    cell.coordinate)
    sheet["A8"] = "（说明：本年度申请均通过网络提交）"
    book["表三"].title = "申请情况"
    book.move_sheet("表四", offset=-2)
    book.create_sheet("填报说明", 0)["A1"] = "本单位自加的说明"
    book.save(target)


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("needs LibreOffice (soffice) on PATH")
    convert(RETURNS / CLEAN, HERE / "saved_as_xls.xls", "xls")
    convert(RETURNS / TYPED_TOTAL, HERE / "typed_total_saved_as_ods.ods", "ods")
    convert(RETURNS / T3_2, HERE / "resaved_by_libreoffice.xlsx", "xlsx")
    moved(RETURNS / CLEAN, HERE / "sheets_renamed_row_inserted.xlsx")
    convert(HERE / "sheets_renamed_row_inserted.xlsx", HERE / "sheets_renamed_row_inserted.xls", "xls")
    for p in sorted(HERE.glob("*.x*")) + sorted(HERE.glob("*.ods")):
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()

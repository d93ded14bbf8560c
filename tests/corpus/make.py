"""Build the corpus of mangled returns: what units really send back, made reproducibly.

    python tests/corpus/make.py [--all]    (the .xls/.ods need LibreOffice: soffice on PATH)

Starts from samples/returns and does to them what Excel, WPS, LibreOffice and people do: save as
.xls or .ods, re-save as .xlsx, rename and reorder sheets, insert a row for notes. The produced
files are committed, so the tests need no LibreOffice; `cases.json` (written by hand) says what
each must read to and which findings it must raise.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from functools import partial
from pathlib import Path

import openpyxl
from openpyxl.formula.translate import Translator

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from toolkit import consolidate, document, read  # noqa: E402
from toolkit.spec import load as load_spec  # noqa: E402

RETURNS = HERE.parent.parent / "samples" / "returns"
FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")
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


def calculated(source: Path) -> openpyxl.Workbook:
    """The workbook with each total's formula replaced by its value (openpyxl stores no results, and
    LibreOffice does not calculate on converting): the sums of the parts, as the sample reads."""
    book = openpyxl.load_workbook(source)
    doc = read.extract(source).document
    for f in load_spec().fields.values():
        if not f.is_input:
            book[f.sheet][f.cell].value = document.value(doc, f)
    return book


def pasted(source: Path, target: Path, order: tuple[str, ...], one_sheet: bool) -> None:
    """The tables copied and pasted as values into a workbook of the unit's own, without our metadata."""
    book = calculated(source)
    own = openpyxl.Workbook()
    cover = own.active
    cover.title = "基本情况"
    cover.append(["填报单位", book["封面"]["B3"].value])
    cover.append(["单位代码", book["封面"]["B4"].value])
    cover.append(["报告年度", "2024年"])
    top, sheet = 2, own.create_sheet("统计表") if one_sheet else None
    for name in order:
        if not one_sheet:
            sheet, top = own.create_sheet(f"{name}（本单位）"), 2
        for row in book[name].iter_rows():
            for cell in row:
                if cell.value is not None and not str(cell.value).startswith(("✓", "✗")):  # not our checks
                    sheet.cell(top + cell.row, cell.column + 1, cell.value)
        top += book[name].max_row + 2
    own.save(target)


def text_numbers(source: Path, target: Path) -> None:
    """Numbers typed as text the ways people do, each meaning the number the sample holds."""
    book = openpyxl.load_workbook(source)
    fields = load_spec().fields
    forms = {"table3.new_received.natural_person": lambda v: str(v).translate(FULL_WIDTH),
             "table3.carried_over.natural_person": lambda v: f" {v} ",
             "table3.disclosed.natural_person": lambda v: f"{v}件",
             "table3.new_received.commercial": str,
             "table2.licensing.decisions": lambda v: f"{v:,}".translate(FULL_WIDTH)}  # １，２５０
    for path, form in forms.items():
        f = fields[path]
        book[f.sheet][f.cell].value = form(book[f.sheet][f.cell].value)
    book.save(target)


def hidden_unmerged(source: Path, target: Path) -> None:
    """Rows hidden, the label merges of 表三 undone, and the defined names gone (found by labels)."""
    book = openpyxl.load_workbook(source)
    sheet = book["表三"]
    for r in (12, 13, 14):
        sheet.row_dimensions[r].hidden = True
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_col <= 3:
            sheet.unmerge_cells(str(merged))
    for name in list(book.defined_names):
        del book.defined_names[name]
    book.save(target)


def values_over_formulas(source: Path, target: Path) -> None:
    """Every total pasted over with its value (the sheet unprotected, 选择性粘贴 → 数值)."""
    calculated(source).save(target)


def errors_as_ods(target: Path) -> None:
    """A division by zero in one count cell and TRUE in another, saved as .ods (calamine reads "" and 1.0)."""
    book = openpyxl.load_workbook(RETURNS / CLEAN)
    book["表三"]["E7"] = "=1/0"
    book["表三"]["F7"] = True
    with tempfile.TemporaryDirectory() as scratch:
        mangled = Path(scratch) / "errors.xlsx"
        book.save(mangled)
        convert(mangled, target, "ods")


def consolidated_as_ods(target: Path) -> None:
    """忻府区 and 定襄县 merged, the total then saved as .ods: its members must still stop double counting."""
    with tempfile.TemporaryDirectory() as scratch:
        total = Path(scratch) / "total.xlsx"
        consolidate.merge([RETURNS / CLEAN, RETURNS / "2024_140921_定襄县.xlsx"], total, name="两县合计")
        convert(total, target, "ods")


def hostile() -> dict[str, bytes]:
    """Files that are not what they claim: each must be one clear finding, quickly."""
    sample = (RETURNS / CLEAN).read_bytes()
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", bytes(80 << 20))  # 80 MB of zeros in about 80 KB
    entity = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample)) as src, zipfile.ZipFile(entity, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":  # the billion laughs, shortened
                data = b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data
            dst.writestr(info, data)
    repeated = io.BytesIO()  # one row of 10,000 cells, repeated 900,000 times, in a few hundred bytes
    with zipfile.ZipFile(repeated, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                   'office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
                   '<office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated='
                   '"900000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-'
                   'repeated="10000"/></table:table-row></table:table></office:spreadsheet></office:body>'
                   '</office:document-content>')
    return {"repeat_bomb.ods": repeated.getvalue(), "empty.xlsx": b"",
            "not_a_workbook.xlsx": "这不是工作簿，是一段文字。".encode(), "truncated.xlsx": sample[: len(sample) // 2],
            "zip_bomb.xlsx": bomb.getvalue(), "entity_expansion.xlsx": entity.getvalue()}


def main() -> None:
    """Make the files that are missing (`--all`: every file again)."""
    again = "--all" in sys.argv
    made = {
        "saved_as_xls.xls": lambda t: convert(RETURNS / CLEAN, t, "xls"),
        "typed_total_saved_as_ods.ods": lambda t: convert(RETURNS / TYPED_TOTAL, t, "ods"),
        "resaved_by_libreoffice.xlsx": lambda t: convert(RETURNS / T3_2, t, "xlsx"),
        "sheets_renamed_row_inserted.xlsx": lambda t: moved(RETURNS / CLEAN, t),
        "sheets_renamed_row_inserted.xls": lambda t: convert(HERE / "sheets_renamed_row_inserted.xlsx", t, "xls"),
        "pasted_into_own_workbook.xlsx": lambda t: pasted(RETURNS / CLEAN, t, ("表二", "表三", "表四"), False),
        "pasted_on_one_sheet_out_of_order.xlsx": lambda t: pasted(RETURNS / CLEAN, t, ("表四", "表三", "表二"), True),
        "text_numbers.xlsx": lambda t: text_numbers(RETURNS / CLEAN, t),
        "hidden_rows_unmerged_no_names.xlsx": lambda t: hidden_unmerged(RETURNS / CLEAN, t),
        "values_pasted_over_formulas.xlsx": lambda t: values_over_formulas(RETURNS / CLEAN, t),
        "consolidated_saved_as_ods.ods": consolidated_as_ods,
        "error_and_boolean_saved_as_ods.ods": errors_as_ods,
        **{name: partial(Path.write_bytes, data=data) for name, data in hostile().items()},
    }
    if shutil.which("soffice") is None and any(not (HERE / n).exists() for n in made if n.endswith((".xls", ".ods"))):
        sys.exit("needs LibreOffice (soffice) on PATH")
    for name, make in made.items():
        if again or not (HERE / name).exists():
            make(HERE / name)
            print("made", name, (HERE / name).stat().st_size)


if __name__ == "__main__":
    main()

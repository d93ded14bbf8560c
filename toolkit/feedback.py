"""Feedback: the unit's own workbook back, reading like a 校验意见书, every finding marked where it is.

A copy of the returned .xlsx (the original is never touched) gets each failing cell filled red
(error) or orange (warning), and each number the tool read from text ("12件") stored as that number
and filled blue, with a comment saying what and why; a first sheet 校验结果 names the unit, year,
submission and date and lists every finding with its cell (a link), the problem in plain words,
expected and actual, and what to do. Formulas, validations and protection are kept, so the live
checks say what the command line says. Where the original cannot be annotated safely (.xls, .ods,
a workbook not made from our template), the feedback is a fresh official workbook holding the
unit's values and cover, marked the same way. A return with nothing to fix gets no feedback.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, unescape

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from . import document, findings, formulas, generate, safexml, styles, xlsx
from .cells import a1, column_letter, parse_a1
from .document import is_number, part
from .errors import NianbaoError, XlsxError
from .files import feedback_name, replacing
from .findings import Finding
from .messages import text
from .render import short_label
from .roster import Unit
from .spec import Spec
from .spec import load as load_spec
from .validate import FileResult
from .writing import lines_needed, row_height, set_text

SHEET = "校验结果"
AUTHOR = "nianbao"  # of our comments, so that the next round can take them away
FILLS = {"error": styles.ERROR_FILL.lstrip("#"), "warning": styles.WARNING_FILL.lstrip("#"),
         "changed": styles.CHANGED_FILL.lstrip("#")}
EARLIER_FILLS = {"FFEB9C"}  # marks of earlier versions, taken away like ours
RANK = {"error": 0, "warning": 1, "info": 2}
# the columns of 校验结果: key, message key of its heading, width
COLUMNS = (("number", 5), ("severity", 8), ("sheet", 9), ("cell", 8), ("problem", 46), ("expected", 9),
           ("actual", 9), ("action", 40), ("code", 16))
CHANGED = "CELL-NORMALISED"  # a number read from text: stored as the number in the copy, so the live checks agree


@dataclass(frozen=True)
class Feedback:
    path: Path
    annotated: bool  # the unit's own file marked; False: a fresh official workbook with its values


def write(result: FileResult, doc: Mapping[str, Any] | None, out_dir: Path, *, lang: str = "zh",
          spec: Spec | None = None, submission: int | None = None, original: Path | None = None,
          year: int | None = None) -> Feedback | None:
    """The feedback workbook of one file, None when there is nothing to fix (no error, no warning).

    `submission` is which of the unit's submissions this is, when a ledger knows (第 n 次报送), `original`
    where the file's bytes are kept when not at `result.path` (a desk's store), and `year` the year collected,
    for the blank that a file which could not be read gets. Raises OSError when the folder cannot be written;
    anything about the file itself ends in a fresh workbook at worst."""
    if not needed(result):
        return None
    spec = spec or load_spec()
    doc = doc if isinstance(doc, Mapping) else None
    source = part(doc or {}, "source")
    own = doc is not None and source.get("kind") == "xlsx" and bool(source.get("generator"))
    heading = _Heading(result, doc, source, submission, year)
    data = None
    if own:
        try:
            data = _annotate(_loadable(original or Path(result.path)), result.findings, doc, heading, lang, spec)
        except Exception:  # noqa: BLE001 — openpyxl could not or may not take the file back: the fresh workbook still serves
            own = False
    if data is None:
        data = _annotate(_fresh(doc, spec, heading.year), _at_template(result.findings, spec), doc, heading, lang,
                         spec)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / heading.file_name
    with replacing(target) as tmp:
        tmp.write_bytes(data)
    return Feedback(target, own)


def in_batch(result: FileResult, doc: Mapping[str, Any] | None, out_dir: Path, **options: Any
             ) -> tuple[Feedback | None, tuple[str, str] | None]:
    """`write` for one file of a batch: (the workbook written or None, None), or (None, (file, why)) when this
    file's workbook failed and the batch goes on. A folder that cannot be written ends the batch (every file
    would fail alike): NianbaoError."""
    try:
        return write(result, doc, out_dir, **options), None
    except OSError as exc:
        raise NianbaoError("generate.cannot_write", path=out_dir, reason=exc) from exc
    except Exception as exc:  # noqa: BLE001 — this file only; the others go on
        return None, (result.path, f"{type(exc).__name__}: {exc}")


def needed(result: FileResult) -> bool:
    """Whether a file has something to fix (an error or a warning): only then is feedback written."""
    return any(f.severity in ("error", "warning") for f in result.findings)


MAX_TAGS = 300_000  # over all the parts of a workbook openpyxl loads to mark: about 250 MB at most
MAX_AREA = 100_000  # cells of its merged ranges and hyperlinks, which openpyxl makes one object each
_RANGES = re.compile(rb'<(?:[\w.-]+:)?(?:mergeCell|hyperlink)\b[^>]*?\bref="([^"]{1,40})"')


def _loadable(path: Path) -> bytes:
    """The unit's file, if openpyxl may load it: within the reader's limits, no part with a DTD, few enough
    elements, merged ranges and hyperlinks over few enough cells; XlsxError otherwise (openpyxl parses every
    part, whatever its name, and builds an object for every cell it covers)."""
    data = xlsx.read_file(path)
    tags = area = 0
    for name, content in xlsx.Xlsx(data).parts():
        tags += safexml.tags(safexml.checked(content, name))
        for ref in _RANGES.findall(content):
            first, _, last = ref.decode("ascii", "replace").partition(":")
            try:
                (r1, c1), (r2, c2) = parse_a1(first), parse_a1(last or first)
            except ValueError:
                continue
            area += (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
    if tags > MAX_TAGS or area > MAX_AREA:
        raise XlsxError("too_large", f"{tags} tags, merged ranges and links over {area} cells")
    return data


class _Heading:
    """Who, which year, which submission: the head of 校验结果 and the file's name."""

    def __init__(self, result: FileResult, doc: Mapping[str, Any] | None, source: Mapping[str, Any],
                 submission: int | None, collected: int | None) -> None:
        unit = part(doc or {}, "unit")
        self.code, self.name = str(unit.get("code") or ""), str(unit.get("name") or "")
        year = (doc or {}).get("year")
        self.year = year if isinstance(year, int) else collected
        self.read = doc is not None  # False: the file could not be read, the workbook is a blank to fill again
        self.file = Path(result.path).name
        self.sha256 = str(source.get("sha256") or "") or _sha256(Path(result.path))
        self.submission = submission
        self.found = result.findings

    @property
    def file_name(self) -> str:
        """`2024_140923_代县_校验意见_3f2a9c1b.xlsx`: year, unit, and which submission (its SHA-256; at a desk
        its round too: `2024_140923_代县_第2次_校验意见_3f2a9c1b.xlsx`)."""
        round_ = f"第{self.submission}次" if self.submission else None
        parts = (self.year, self.code, self.name, round_) if self.code or self.name else (Path(self.file).stem, round_)
        stem = "_".join(str(p) for p in parts if p)  # a file not read: its own name
        return feedback_name(stem, self.sha256)


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(xlsx.read_file(path)).hexdigest()
    except (OSError, XlsxError):
        return "unreadable"


def _fresh(doc: Mapping[str, Any] | None, spec: Spec, year: int | None = None) -> bytes:
    """A new official workbook with the unit's values (totals recomputed from them) and its cover; for a file
    that could not be read (`doc` None), a blank of `year` (by default last year's) saying so."""
    note = ("本表按单位报送的文件重新生成：原文件不是本模板的 .xlsx（或无法安全标注），数字照原样填入，"
            "问题已标在对应单元格上，详见“校验结果”工作表。请在本表中改正后报送。") if doc is not None else \
        "原文件无法读取（原因见“校验结果”工作表），本表为空白统计表：请在本表中重新填写全部数据后报送。"
    doc = doc or {}
    unit = part(doc, "unit")
    values = document.flat(doc, spec)
    inputs = {f.path: values[f.path] for f in spec.inputs}
    contact = {key: str(v) for key, v in part(doc, "contact").items() if v}
    content = generate.Filled(
        Unit(str(unit.get("code") or ""), str(unit.get("name") or ""), str(unit.get("parent") or "")),
        document.with_totals(spec, inputs), "（校验意见）", (note,), {"kind": "feedback"}, contact=contact)
    return generate.filled(spec, year or date.today().year - 1, content)


def _at_template(found: Iterable[Finding], spec: Spec) -> list[Finding]:
    """The findings placed at the template's cells, where the fresh workbook has them; one about the
    layout of the unit's file (a moved table, a reworded label) has no such cell and is only listed."""
    out = []
    for f in found:
        field = spec.fields.get(f.field or "")
        sheet, cell = (field.sheet, field.cell) if field else (None, None)
        out.append(replace(f, sheet=sheet, cell=cell, related=()))
    return out


def _annotate(data: bytes, found: tuple[Finding, ...] | list[Finding], doc: Mapping[str, Any] | None,
              heading: _Heading, lang: str, spec: Spec) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    _forget_earlier_marks(book)
    _drop_dangling_names(book)
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in found:
        if f.sheet in book.sheetnames and f.cell:
            by_cell.setdefault((f.sheet, _top_left(book[f.sheet], f.cell)), []).append(f)
    values = document.flat(doc, spec)
    for (sheet, ref), here in by_cell.items():
        cell = book[sheet][ref]
        worst = min(here, key=lambda f: RANK[f.severity])
        changed = [values[f.field] for f in here if f.code == CHANGED and f.field is not None and f.field in values]
        if changed:  # the number the tool read, so that the live checks say what it says
            cell.value = changed[0]
        fill = FILLS.get(worst.severity) or (FILLS["changed"] if changed else None)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        comment = "\n\n".join(_comment(f, lang) for f in sorted(here, key=lambda f: RANK[f.severity]))
        if changed:
            comment += "\n" + text("feedback.changed", lang, value=_shown(cell.value) or text("value.blank", lang))
        cell.comment = Comment(comment, AUTHOR, width=320, height=min(400, 60 + 18 * comment.count("\n")))
        book[sheet].page_setup.cellComments = "atEnd"  # printed too, after the sheet
    _findings_sheet(book, found, heading, lang, spec)
    out = io.BytesIO()
    book.save(out)
    return _with_results(out.getvalue(), spec)


def _top_left(ws: Worksheet, ref: str) -> str:
    """The cell that holds a merged range's value and comment (a comment on a covered cell is an error)."""
    for merged in ws.merged_cells.ranges:
        if ref in merged:
            return str(merged.start_cell.coordinate)
    return ref


def _forget_earlier_marks(book: openpyxl.Workbook) -> None:
    """A unit that sends back last round's feedback: its old list and marks go, the new ones come."""
    for name in [n for n in book.sheetnames if n == SHEET]:
        del book[name]
    for ws in book.worksheets:
        # the cells the sheet holds (iter_rows would build every cell of the rectangle up to a stray one)
        for cell in list(ws._cells.values()):
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
                if cell.fill.fgColor.rgb in {"00" + colour for colour in (*FILLS.values(), *EARLIER_FILLS)}:
                    cell.fill = PatternFill("solid", fgColor=_unmarked(cell))


def _drop_dangling_names(book: openpyxl.Workbook) -> None:
    """Names pointing to a sheet the unit renamed or deleted (a program that did not follow them): Excel
    repairs a workbook holding one, and they point nowhere anyway."""
    sheets = set(book.sheetnames)
    for name, defined in list(book.defined_names.items()):
        if any(sheet not in sheets for sheet, _ in defined.destinations):
            del book.defined_names[name]


def _unmarked(cell: Any) -> str:
    """The fill of the template: grey for a total's formula, the input tint otherwise."""
    formula = isinstance(cell.value, str) and cell.value.startswith("=")
    return (styles.TOTAL_FILL if formula else styles.INPUT_FILL).lstrip("#")


def _comment(f: Finding, lang: str) -> str:
    lines = [f"{text('severity.' + f.severity, lang)}（{f.code}）：{_shown(f.text(lang))}"]
    expected, actual = _of_cell(f)
    if expected is not None or actual is not None:
        lines.append(text("feedback.expected_actual", lang, expected=_shown(expected), actual=_shown(actual)))
    return "\n".join(lines)


def _of_cell(f: Finding) -> tuple[Any, Any]:
    """What the finding's cell should hold and holds, as 应为/实为 say them beside it. A rule's expected and actual
    are its two sides: about the cell only when the cell is its left side alone (a total against its parts);
    when the left side adds more cells (T3-1: 第一项+第二项), the sentence says both sides and these say nothing."""
    anchor, left = f.params.get("anchor"), f.params.get("left")
    return (None, None) if anchor is not None and left is not None and anchor != left else (f.expected, f.actual)


SHOWN = 300  # characters of a finding's text or value shown in the workbook (a unit may have typed 32,767)


def _shown(v: Any) -> str:
    text = "" if v is None else str(v)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _findings_sheet(book: openpyxl.Workbook, found: Iterable[Finding], heading: _Heading, lang: str,
                    spec: Spec) -> None:
    """校验结果: a 校验意见书 a clerk can print and forward, findings worst first, each linked to its cell."""
    ws = book.create_sheet(SHEET, 0)
    last = len(COLUMNS)
    font = styles.FONT
    found = sorted(found, key=lambda f: RANK[f.severity])
    counts = {s: sum(f.severity == s for f in found) for s in RANK}
    year = heading.year or text("feedback.unknown", lang)
    submission = text("feedback.submission", lang, n=heading.submission) if heading.submission else ""
    unit = text("feedback.unit", lang, name=heading.name, code=heading.code) if heading.code else \
        heading.name or text("feedback.unknown", lang)
    heading_rows = (
        (text("feedback.title", lang, year=heading.year) if heading.year else text("feedback.title_no_year", lang),
         Font(name=font, bold=True, size=16), 30),
        (text("feedback.who", lang, unit=unit, year=year, submission=submission, file=heading.file,
              sha=heading.sha256[:8], date=date.today().isoformat()), Font(name=font, size=10), 30),
        (text("feedback.summary", lang, **counts), Font(name=font, size=11, bold=True), 20),
        (text("feedback.how" if heading.read else "feedback.how_unread", lang), Font(name=font, size=10), 30),
    )
    for r, (line, style, height) in enumerate(heading_rows, start=1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        set_text(ws.cell(r, 1), line)
        ws.cell(r, 1).font = style
        ws.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if r == 1 else
                                            "left")
        ws.row_dimensions[r].height = height
    head_row = len(heading_rows) + 2
    for c, (key, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(head_row, c)
        set_text(cell, text(f"feedback.col.{key}", lang))
        cell.font = Font(name=font, bold=True, size=10)
        cell.fill = PatternFill("solid", fgColor=styles.HEADER_FILL.lstrip("#"))
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        ws.column_dimensions[column_letter(c - 1)].width = width
    for number, f in enumerate(found, start=1):
        row = head_row + number
        expected, actual = _of_cell(f)
        values = {"number": str(number), "severity": text("severity." + f.severity, lang), "sheet": f.sheet,
                  "cell": f.cell, "problem": _shown(f"{short_label(spec, f.field, lang)} {f.text(lang)}".strip()),
                  "expected": _shown(expected),
                  "actual": _shown(actual), "action": findings.action(f.code, lang), "code": f.code}
        for c, (key, _) in enumerate(COLUMNS, start=1):
            cell = ws.cell(row, c)
            if values[key]:
                set_text(cell, str(values[key]))
            cell.font = Font(name=font, size=10)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = _BOX
        # openpyxl stores no height and spreadsheets do not fit wrapped rows on opening: say it
        lines = max(lines_needed(str(values[key] or ""), width) for key, width in COLUMNS)
        ws.row_dimensions[row].height = row_height(lines)
        if f.severity in FILLS:
            ws.cell(row, 2).fill = PatternFill("solid", fgColor=FILLS[f.severity])
        if f.sheet in book.sheetnames and f.cell:
            link = ws.cell(row, 4)
            quoted = f.sheet.replace("'", "''")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{f.cell}")
            link.font = Font(name=font, size=10, color="0563C1", underline="single")
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    book.active = 0
    for sheet in book.worksheets[1:]:
        sheet.sheet_view.tabSelected = False


# ------------------------------------------------------------------ results of the formulas

WORK = 2_000_000  # cells the stored results may sum in all; a formula beyond is calculated by the spreadsheet
_CELL = re.compile(r'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)><f>([^<]*)</f><v\s*/></c>')
_SUM = re.compile(r"SUM\(([A-Z0-9:$,]+)\)")


def _with_results(data: bytes, spec: Spec) -> bytes:
    """The workbook with a result stored beside each of our formulas (openpyxl keeps formulas, drops results),
    so that a program that does not calculate still sees the totals and the ✓/✗ (DESIGN.md).

    Totals are SUMs over ranges of their sheet; a live check or the cover's summary is computed when its
    formula is still the template's at the template's place. Any other formula is left to the spreadsheet.
    """
    try:
        book = xlsx.Xlsx(data)
    except XlsxError:  # a copy the reader's limits refuse (openpyxl may store a unit's text at length)
        return data  # the spreadsheet calculates the results when it opens the copy
    by_part = {s.part: s.name for s in book.sheets}
    names = set(by_part.values())
    template = {key: text.lstrip("=") for key, text in formulas.locked(spec).items()}
    checks = {(c.sheet, a1(c.r, c.c)): c for c in spec.checks}
    summary_at = (generate.COVER, _summary_cell(book))
    cache: dict[tuple[str, tuple[int, int]], Any] = {}
    sums: dict[tuple[str, str], Any] = {}  # a SUM's result, by sheet and ranges: the same SUM in many cells
    budget = [WORK]  # cells the sums may visit in all: thousands of SUM(A1:XFD1048576) would visit billions

    def value(sheet: str, pos: tuple[int, int], depth: int = 0) -> Any:
        if (sheet, pos) not in cache:
            cell = book.cells(sheet).get(pos)
            cache[(sheet, pos)] = None if cell is None else cell.value if cell.formula is None \
                else _total(sheet, cell.formula, depth)
        return cache[(sheet, pos)]

    def _total(sheet: str, formula: str, depth: int) -> Any:
        match = _SUM.fullmatch(formula.replace(" ", "").upper())
        if match is None or depth > 50:
            return None
        key = (sheet, match[1].replace("$", ""))
        if key not in sums:
            stored = book.cells(sheet)
            try:
                budget[0] -= _cost(key[1], len(stored))
                cells = _cells_in(key[1], stored) if budget[0] >= 0 else None  # else left to the spreadsheet
            except ValueError:  # a reference outside the sheet
                cells = None
            sums[key] = None if cells is None else sum(v for pos in cells
                                                       if is_number(v := value(sheet, pos, depth + 1)))
        return sums[key]

    def fields() -> dict[str, Any]:
        return {f.path: value(f.sheet, (f.r, f.c)) for f in spec.fields.values() if f.sheet in names}

    def result(sheet: str, ref: str, formula: str) -> Any:
        if template.get((sheet, ref)) == formula and (sheet, ref) in checks:
            return formulas.value(checks[(sheet, ref)], fields())
        if (sheet, ref) == summary_at and formula == formulas.summary(spec).lstrip("="):
            return formulas.summary_value(spec, fields())
        return _total(sheet, formula, 0)

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            sheet = by_part.get(info.filename)
            if sheet is not None:
                def stored(m: re.Match[str], sheet: str = sheet) -> str:
                    v = result(sheet, m[1], unescape(m[3], {"&quot;": '"', "&apos;": "'"}))
                    if v is None:
                        return m[0]
                    kind = ' t="str"' if isinstance(v, str) else ""
                    return f'<c r="{m[1]}"{m[2]}{kind}><f>{m[3]}</f><v>{escape(str(v))}</v></c>'
                part = _CELL.sub(stored, part.decode("utf-8")).encode("utf-8")
            dst.writestr(info, part)
    return out.getvalue()


def _cost(ranges: str, stored: int) -> int:
    """How many cells `_cells_in` visits for `D6:F6,H6` in a sheet holding `stored` cells."""
    cost = 0
    for item in ranges.split(","):
        first, _, last = item.partition(":")
        (r1, c1), (r2, c2) = parse_a1(first), parse_a1(last or first)
        cost += min((r2 - r1 + 1) * (c2 - c1 + 1), stored) + 1
    return cost


def _cells_in(ranges: str, stored: Mapping[tuple[int, int], Any]) -> list[tuple[int, int]]:
    """The stored cells of `D6:F6,H6`: a range over the whole sheet costs what the sheet holds, not its area."""
    out: list[tuple[int, int]] = []
    for item in ranges.replace("$", "").split(","):
        first, _, last = item.partition(":")
        (r1, c1), (r2, c2) = parse_a1(first), parse_a1(last or first)
        if (r2 - r1 + 1) * (c2 - c1 + 1) <= len(stored):
            out += [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) in stored]
        else:
            out += [(r, c) for r, c in stored if r1 <= r <= r2 and c1 <= c <= c2]
    return out


def _summary_cell(book: xlsx.Xlsx) -> str:
    """Where the cover's summary formula is: beside its 校验结果 label."""
    if generate.COVER not in {s.name for s in book.sheets}:
        return ""
    cells = book.cells(generate.COVER)
    label = next(((r, c) for (r, c), cell in cells.items() if cell.value == "校验结果"), None)
    return a1(label[0], label[1] + 1) if label else ""

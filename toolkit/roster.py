"""The roster: which units report to the office (CSV or Excel, columns code, name, parent)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RosterError

# Chinese headers users actually write, mapped to the contract's column names.
ALIASES = {
    "code": ("code", "单位代码", "代码", "编码", "单位编码"),
    "name": ("name", "单位名称", "名称", "单位"),
    "parent": ("parent", "上级代码", "上级", "上级单位代码"),
}
REQUIRED = tuple(ALIASES)


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    parent: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)


def read(path: str | Path) -> list[Unit]:
    """Every unit of the roster, in file order; RosterError naming the row for anything wrong."""
    path = Path(path)
    rows = _rows(path)
    if not rows:
        raise RosterError("roster.empty", path=path)
    header = [str(h or "").strip() for h in rows[0]]
    columns = {}
    for key, names in ALIASES.items():
        found = [i for i, h in enumerate(header) if h.lower() in names]
        if not found:
            raise RosterError("roster.missing_column", path=path, column=key, aliases="、".join(names),
                              header="，".join(header) or "-")
        columns[key] = found[0]
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [_text(v) for v in row]
        if not any(cells):
            continue
        value = {key: cells[i] if i < len(cells) else "" for key, i in columns.items()}
        if not value["code"]:
            raise RosterError("roster.empty_code", path=path, row=number)
        if not value["name"]:
            raise RosterError("roster.empty_name", path=path, row=number, code=value["code"])
        if value["code"] in seen:
            raise RosterError("roster.duplicate_code", path=path, row=number, code=value["code"],
                              first=seen[value["code"]])
        seen[value["code"]] = number
        extra = {h: cells[i] for i, h in enumerate(header) if h and i not in columns.values() and i < len(cells)}
        units.append(Unit(value["code"], value["name"], value["parent"], extra))
    if not units:
        raise RosterError("roster.no_units", path=path)
    return units


def _text(value: object) -> str:
    # Excel stores codes typed without a leading apostrophe as numbers: 140981.0 → "140981"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _rows(path: Path) -> list[list[object]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RosterError("roster.unreadable", path=path, reason=exc) from exc
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _excel_rows(path, data)
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError("roster.encoding", path=path)
    try:
        return [list(r) for r in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise RosterError("roster.bad_csv", path=path, reason=exc) from exc


def _excel_rows(path: Path, data: bytes) -> list[list[object]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise RosterError("roster.not_excel", path=path, reason=type(exc).__name__) from exc
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()

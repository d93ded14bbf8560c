"""The roster: which units report to the office (CSV or Excel, columns code, name, parent)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import RosterError, XlsxError
from .files import HIDDEN, read_bounded

MAX_ROSTER = 16 << 20  # bytes: a province's roster is well under 1 MB

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
        cells = [clean(_text(v)) for v in row]
        if not any(cells):
            continue
        value = {key: cells[i] if i < len(cells) else "" for key, i in columns.items()}
        code, parent = code_key(value["code"]), code_key(value["parent"])
        if not code:
            raise RosterError("roster.empty_code", path=path, row=number)
        if not value["name"]:
            raise RosterError("roster.empty_name", path=path, row=number, code=code)
        if code in seen:  # also `１４０９８１` beside `140981`, or a code with a zero-width space
            raise RosterError("roster.duplicate_code", path=path, row=number, code=code, first=seen[code])
        seen[code] = number
        extra = {h: cells[i] for i, h in enumerate(header) if h and i not in columns.values() and i < len(cells)}
        units.append(Unit(code, value["name"], parent, extra))
    if not units:
        raise RosterError("roster.no_units", path=path)
    return units


_CODE_LIKE = re.compile(r"[0-9A-Za-z-]+")
Claim = Literal["code", "name", "file_name"]  # how a file's unit was found


class Lookup:
    """Which roster unit a file is: by the code in it; by its name when it has no code on the roster (and no
    other unit shares the name); by a code in its file name when it names no unit at all."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = units
        self.by_code = {code_key(u.code): u for u in units}
        by_name: dict[str, list[Unit]] = {}
        for u in units:
            by_name.setdefault(name_key(u.name), []).append(u)
        self._by_name = {name: same[0] for name, same in by_name.items() if len(same) == 1}  # shared: no match

    def unit(self, text: str) -> Unit | None:
        """The unit a person means by `text`: its code, else its name (when no other unit has it)."""
        return self.by_code.get(code_key(text)) or self._by_name.get(name_key(text))

    def find(self, code: str, name: str, file_name: str) -> tuple[Unit | None, Claim | None]:
        if code or name:
            unit = self.by_code.get(code_key(code)) if code else None
            if unit is not None:
                return unit, "code"
            unit = self._by_name.get(name_key(name)) if name else None
            return (unit, "name") if unit is not None else (None, None)
        # the codes in a file name stand between characters that cannot be part of one: 2024_140923_代县
        named = {u.code for token in _CODE_LIKE.findall(code_key(Path(file_name).stem))
                 if (u := self.by_code.get(token)) is not None}
        return (self.by_code[named.pop()], "file_name") if len(named) == 1 else (None, None)


def code_key(code: str) -> str:
    """A unit code as it is compared everywhere (roster, workbooks, totals): full-width digits as digits
    (NFKC), without spaces or hidden characters."""
    if code.isprintable() and " " not in code and unicodedata.is_normalized("NFKC", code):
        return code  # the common case, at C speed: nothing hidden (no space, control or mark is printable)
    return "".join(ch for ch in unicodedata.normalize("NFKC", code)
                   if not ch.isspace() and unicodedata.category(ch) not in HIDDEN)


def name_key(name: str) -> str:
    """A unit name as it is compared when a file has no code: NFKC, without spaces or hidden characters."""
    return code_key(name)


def clean(text: str) -> str:
    """A name as typed, without hidden characters (a vertical tab in a name once made unreadable
    workbooks, a right-to-left mark spoofs a file name) and with runs of spaces as one."""
    visible = "".join(" " if ch.isspace() else ch for ch in text if unicodedata.category(ch) not in HIDDEN
                      or ch.isspace())
    return re.sub(" +", " ", visible).strip()


def _text(value: object) -> str:
    # Excel stores codes typed without a leading apostrophe as numbers: 140981.0 → "140981"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _rows(path: Path) -> list[list[object]]:
    try:
        data = read_bounded(path, MAX_ROSTER)
    except OSError as exc:
        raise RosterError("roster.unreadable", path=path, reason=exc) from exc
    except XlsxError as exc:
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

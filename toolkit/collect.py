"""Who sent what: the roster against the files received, validated.

Each roster unit is `missing`, `unreadable`, `error`, `warning` or `ok`; a file whose unit is not on
the roster is `unknown`; two files claiming one unit are `duplicates` (the unit counts as `error`
until the office decides which file is right). An unreadable file has no unit inside it, so it is
put to the roster unit whose code its file name carries, if exactly one does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.exceptions

from .errors import NianbaoError
from .files import replacing
from .generate import ERROR_FILL, FONT, OK_FILL, WARNING_FILL
from .messages import text
from .roster import Unit, code_key, name_key
from .validate import FileResult
from .writing import write_text

STATUSES = ("missing", "unreadable", "error", "warning", "ok")
_CODE_LIKE = re.compile(r"[0-9A-Za-z-]+")


@dataclass(frozen=True)
class UnitStatus:
    code: str
    name: str
    status: str  # one of STATUSES
    file: str | None
    errors: int = 0
    warnings: int = 0
    files: tuple[str, ...] = ()  # every file claiming the unit, when more than one

    def to_dict(self) -> dict[str, Any]:
        out = {"code": self.code, "name": self.name, "status": self.status, "file": self.file,
               "errors": self.errors, "warnings": self.warnings}
        return {**out, "files": list(self.files)} if self.files else out


@dataclass(frozen=True)
class Collection:
    units: tuple[UnitStatus, ...]  # in roster order
    unknown: tuple[UnitStatus, ...]  # files whose unit is not on the roster (or cannot be told)
    duplicates: tuple[UnitStatus, ...]  # roster units claimed by two or more files

    @property
    def complete(self) -> bool:
        """Every roster unit sent a readable report without errors (exit code 0)."""
        return all(u.status in ("ok", "warning") for u in self.units)

    @property
    def summary(self) -> dict[str, int]:
        out = {"units": len(self.units), **{s: 0 for s in STATUSES}}
        for u in self.units:
            out[u.status] += 1
        return {**out, "unknown": len(self.unknown), "duplicates": len(self.duplicates)}

    def to_dict(self) -> dict[str, Any]:
        return {"units": [u.to_dict() for u in self.units], "unknown": [u.to_dict() for u in self.unknown],
                "duplicates": [u.to_dict() for u in self.duplicates], "summary": self.summary}


class Collector:
    """Takes results one at a time, keeping only their counts: 10,000 files cost little memory."""

    def __init__(self, roster: Sequence[Unit]) -> None:
        self.roster = roster
        self._by_code = {code_key(u.code): u for u in roster}
        by_name: dict[str, list[Unit]] = {}
        for u in roster:
            by_name.setdefault(name_key(u.name), []).append(u)
        self._by_name = {name: units[0] for name, units in by_name.items() if len(units) == 1}  # shared: no match
        self._claims: dict[str, list[UnitStatus]] = {}
        self._unknown: list[UnitStatus] = []

    def match(self, r: FileResult) -> Unit | None:
        """The roster unit a result belongs to: by code; by name when it has none (and no other roster unit
        has that name); an unreadable file by the code its file name carries, if exactly one does."""
        if r.unit:
            code, name = str(r.unit.get("code") or ""), str(r.unit.get("name") or "")
            return self._by_code.get(code_key(code)) if code else self._by_name.get(name_key(name))
        # the codes in a file name stand between characters that cannot be part of one: 2024_140923_代县
        named = {u.code for token in _CODE_LIKE.findall(code_key(Path(r.path).stem))
                 if (u := self._by_code.get(token)) is not None}
        return self._by_code[named.pop()] if len(named) == 1 else None

    def add(self, r: FileResult) -> Unit | None:
        unit = self.match(r)
        errors = sum(f.severity == "error" for f in r.findings)
        warnings = sum(f.severity == "warning" for f in r.findings)
        if unit is None:
            code, name = (str(r.unit.get(k) or "") for k in ("code", "name")) if r.unit else ("", "")
            self._unknown.append(UnitStatus(code, name, r.status, r.path, errors, warnings))
        else:
            self._claims.setdefault(unit.code, []).append(UnitStatus(unit.code, unit.name, r.status, r.path,
                                                                     errors, warnings))
        return unit

    def done(self) -> Collection:
        units = tuple(_status(u, self._claims.get(u.code, [])) for u in self.roster)
        return Collection(units, tuple(self._unknown), tuple(u for u in units if u.files))


def collect(roster: Sequence[Unit], results: Iterable[FileResult]) -> Collection:
    collector = Collector(roster)
    for r in results:
        collector.add(r)
    return collector.done()


def _status(unit: Unit, claims: list[UnitStatus]) -> UnitStatus:
    if not claims:
        return UnitStatus(unit.code, unit.name, "missing", None)
    if len(claims) == 1:
        return claims[0]
    return UnitStatus(unit.code, unit.name, "error", claims[0].file, sum(c.errors for c in claims),
                      sum(c.warnings for c in claims), tuple(c.file or "" for c in claims))


STATUS_HEAD = ("单位代码", "单位名称", "状态", "错误", "警告", "文件")
FILLS = {"ok": OK_FILL, "warning": WARNING_FILL, "error": ERROR_FILL, "unreadable": ERROR_FILL, "missing": ERROR_FILL}


def write_workbook(result: Collection, path: Path) -> None:
    """The status as a sheet to mail around: every roster unit, then strangers and duplicates."""
    try:
        with replacing(path) as tmp:
            _write(result, tmp)
    except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else exc
        raise NianbaoError("generate.cannot_write", path=path, reason=cause) from exc


def _write(result: Collection, path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path))
    base = {"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter"}
    header = wb.add_format({**base, "bold": True, "bg_color": "#F2F2F2"})
    plain = wb.add_format(base)
    fills = {s: wb.add_format({**base, "bg_color": colour}) for s, colour in FILLS.items()}
    ws = wb.add_worksheet("报送情况")
    for c, width in enumerate((16, 28, 10, 6, 6, 48)):
        ws.set_column(c, c, width)
    s = result.summary
    ws.write_string(0, 0, text("status.summary", "zh", **s), wb.add_format({"bold": True, "font_name": FONT}))
    ws.write_row(1, 0, STATUS_HEAD, header)
    r = 2
    sections = [("", result.units), ("不在名单中的单位", result.unknown), ("重复报送", result.duplicates)]
    for title, units in sections:
        if title and units:
            r += 1
            ws.write_string(r, 0, title, header)
            r += 1
        for u in units:
            write_text(ws, r, 0, u.code, plain)
            write_text(ws, r, 1, u.name, plain)
            write_text(ws, r, 2, text(f"status.{u.status}", "zh"), fills[u.status])
            ws.write_number(r, 3, u.errors, plain)
            ws.write_number(r, 4, u.warnings, plain)
            write_text(ws, r, 5, "；".join(u.files) or u.file or "", plain)
            r += 1
    ws.freeze_panes(2, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(1)
    ws.autofilter(1, 0, 1 + len(result.units), len(STATUS_HEAD) - 1)
    wb.close()

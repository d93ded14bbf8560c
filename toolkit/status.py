"""Who sent what (报送情况): the roster against the files received, validated.

Each roster unit is `missing`, `unreadable`, `error`, `warning` or `ok`; an empty form (EMPTY) or another
year's (YEAR-MISMATCH) is no return, so its unit stays `missing`, with that noted; a file whose unit is not on
the roster is `unknown`; two files claiming one unit are `duplicates` (the unit counts as `error`
until the office decides which file is right). An unreadable file has no unit inside it, so it is
put to the roster unit whose code its file name carries, if exactly one does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import NianbaoError
from .files import replacing
from .messages import text
from .roster import Lookup, Unit
from .styles import ERROR_FILL, FONT, HEADER_FILL, MISSING_FILL, OK_FILL, UNREADABLE_FILL, WARNING_FILL, print_setup
from .writing import lines_needed, row_height, write_text, write_value

if TYPE_CHECKING:
    from .validate import FileResult

NOT_RETURNS = ("EMPTY", "YEAR-MISMATCH")  # findings that make a file no return at all
UnitState = Literal["missing", "unreadable", "error", "warning", "ok"]  # a file's Status, or no file at all
STATUSES: tuple[UnitState, ...] = ("missing", "unreadable", "error", "warning", "ok")


@dataclass(frozen=True)
class Version:
    """One of a unit's returns at a desk (第 n 次报送), and whether it counts."""

    version: int
    receipt: int  # 收件号
    received: str  # ISO 8601
    status: str
    file: str
    rejected: str | None = None  # the reason, when set aside
    current: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = {"version": self.version, "receipt": self.receipt, "received": self.received, "status": self.status,
               "file": self.file, "current": self.current}
        return {**out, "rejected": self.rejected} if self.rejected is not None else out


@dataclass(frozen=True)
class UnitStatus:
    code: str
    name: str
    status: UnitState
    file: str | None
    errors: int = 0
    warnings: int = 0
    files: tuple[str, ...] = ()  # every file claiming the unit, when more than one
    contact: Mapping[str, str | None] = field(default_factory=dict)  # from its return's cover: 填报人, 联系电话…
    extra: Mapping[str, str] = field(default_factory=dict)  # the roster's other columns (联系人, 电话…)
    note: str | None = None  # why a unit that sent something is still missing (a code of NOT_RETURNS), or DUPLICATE
    versions: tuple[Version, ...] = ()  # at a desk: every return, in the order received

    def said(self, lang: str = "zh") -> str:
        """The status in words: 未报送, or 未报送（收到空表）."""
        words = text(f"status.{self.status}", lang)
        return text("status.with_note", lang, status=words, note=text(f"note.{self.note}", lang)) \
            if self.note else words

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "name": self.name, "status": self.status, "file": self.file,
                               "errors": self.errors, "warnings": self.warnings}
        for key in ("note", "files", "contact", "extra"):
            if getattr(self, key):
                value = getattr(self, key)
                out[key] = list(value) if key == "files" else dict(value) if key != "note" else value
        if self.versions:
            out["versions"] = [v.to_dict() for v in self.versions]
            out["current"] = next((v.version for v in self.versions if v.current), None)
        return out

    @property
    def last_received(self) -> str | None:
        return self.versions[-1].received if self.versions else None


@dataclass(frozen=True)
class Collection:
    units: tuple[UnitStatus, ...]  # in roster order
    unknown: tuple[UnitStatus, ...]  # files whose unit is not on the roster (or cannot be told)
    duplicates: tuple[UnitStatus, ...]  # roster units claimed by two or more files
    year: int | None = None  # the report year most files are for

    @property
    def complete(self) -> bool:
        """Every roster unit sent a readable report without errors (exit code 0)."""
        return all(u.status in ("ok", "warning") for u in self.units)

    @property
    def summary(self) -> dict[str, int]:
        out: dict[str, int] = {"units": len(self.units), **dict.fromkeys(STATUSES, 0)}
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
        self.lookup = Lookup(roster)
        self._claims: dict[str, list[UnitStatus]] = {}
        self._refused: dict[str, UnitStatus] = {}  # the last file of a unit that is no return
        self._unknown: list[UnitStatus] = []
        self._years: Counter[int] = Counter()

    def match(self, r: FileResult) -> Unit | None:
        """The roster unit a result belongs to (see `roster.Lookup`)."""
        unit = r.unit or {}
        return self.lookup.find(str(unit.get("code") or ""), str(unit.get("name") or ""), r.path)[0]

    def add(self, r: FileResult) -> Unit | None:
        unit = self.match(r)
        errors = sum(f.severity == "error" for f in r.findings)
        warnings = sum(f.severity == "warning" for f in r.findings)
        refused = next((f.code for f in r.findings if f.code in NOT_RETURNS), None)
        if unit is None:
            code, name = (str(r.unit.get(k) or "") for k in ("code", "name")) if r.unit else ("", "")
            self._unknown.append(UnitStatus(code, name, r.status, r.path, errors, warnings, contact=r.contact,
                                            note=refused))
        elif refused is not None:
            self._refused[unit.code] = UnitStatus(unit.code, unit.name, "missing", r.path, contact=r.contact,
                                                  extra=unit.extra, note=refused)
        else:
            self._claims.setdefault(unit.code, []).append(UnitStatus(
                unit.code, unit.name, r.status, r.path, errors, warnings, contact=r.contact, extra=unit.extra))
        if r.year is not None:
            self._years[r.year] += 1
        return unit

    def done(self) -> Collection:
        units = tuple(_status(u, self._claims.get(u.code, [])) if u.code in self._claims
                      else self._refused.get(u.code) or _status(u, []) for u in self.roster)
        year = self._years.most_common(1)[0][0] if self._years else None
        return Collection(units, tuple(self._unknown), tuple(u for u in units if u.files), year)


def collect(roster: Sequence[Unit], results: Iterable[FileResult]) -> Collection:
    collector = Collector(roster)
    for r in results:
        collector.add(r)
    return collector.done()


DUPLICATE = "DUPLICATE"  # the note of a unit that sent several files: 有错误 until one is chosen


def _status(unit: Unit, claims: list[UnitStatus]) -> UnitStatus:
    if not claims:
        return UnitStatus(unit.code, unit.name, "missing", None, extra=unit.extra)
    if len(claims) == 1:
        return claims[0]
    return UnitStatus(unit.code, unit.name, "error", claims[0].file, sum(c.errors for c in claims),
                      sum(c.warnings for c in claims), tuple(c.file or "" for c in claims), claims[0].contact,
                      unit.extra, note=DUPLICATE)  # an error though each file may be fine: say why


FILLS = {"ok": OK_FILL, "warning": WARNING_FILL, "error": ERROR_FILL, "unreadable": UNREADABLE_FILL,
         "missing": MISSING_FILL}


def write_workbook(result: Collection, path: Path, *, office: str = "", when: datetime | None = None) -> None:
    """The status as a sheet to forward: a title (office, year, date), every roster unit with its status
    in words and colour and whom to call, then strangers and duplicates."""
    import xlsxwriter.exceptions  # only when a workbook is asked for

    try:
        with replacing(path) as tmp:
            _write(result, tmp, office, when or datetime.now())
    except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else exc
        raise NianbaoError("generate.cannot_write", path=path, reason=cause) from exc


def _write(result: Collection, path: Path, office: str, when: datetime) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    base = {"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter"}
    header = wb.add_format({**base, "bold": True, "bg_color": HEADER_FILL, "text_wrap": True, "align": "center"})
    plain = wb.add_format(base)
    wrapped = wb.add_format({**base, "text_wrap": True})  # names and files: the whole of them, on more lines
    fills = {s: wb.add_format({**base, "bg_color": colour, "align": "center"}) for s, colour in FILLS.items()}
    extras = list(dict.fromkeys(key for u in result.units for key in u.extra))  # the roster's other columns
    contact = ["preparer", "phone"]
    desk = any(u.versions for u in result.units)  # a desk's status: how many returns, the last one when
    heads = ["单位代码", "单位名称", "状态", "错误", "警告", *(["报送次数", "最近报送"] if desk else []),
             "填报人", "联系电话", *extras, "文件"]
    widths = [16, 28, 16, 6, 6, *([8, 17] if desk else []), 10, 16, *[14] * len(extras), 36]
    ws = wb.add_worksheet("报送情况")
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    last = len(heads) - 1
    year = f"{result.year}年度" if result.year else ""
    title = wb.add_format({"font_name": FONT, "bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    ws.merge_range(0, 0, 0, last, "", title)
    write_text(ws, 0, 0, f"{office}{year}政府信息公开工作年度报告报送情况", title)
    ws.set_row(0, 30)
    line = wb.add_format({"font_name": FONT, "font_size": 10, "valign": "vcenter"})
    ws.merge_range(1, 0, 1, last, "", line)
    write_text(ws, 1, 0, f"统计时间：{when:%Y-%m-%d %H:%M}　　" + text("status.summary", "zh", **result.summary), line)
    for c, head in enumerate(heads):
        write_text(ws, 2, c, head, header)
    r = 3
    sections = [("", result.units), ("不在名单中或认不出单位的文件", result.unknown), ("重复报送", result.duplicates)]
    for title, units in sections:
        if title and units:
            r += 1
            write_text(ws, r, 0, title, header)
            r += 1
        for u in units:
            counts = [u.errors, u.warnings] if u.status != "missing" else [None, None]
            files = [Path(f).name for f in u.files or ([u.file] if u.file else [])]
            rounds = [len(u.versions) or None, (u.last_received or "")[:16].replace("T", " ")] if desk else []
            row: list[Any] = [u.code, u.name, None, *counts, *rounds, *(u.contact.get(k) for k in contact),
                              *(u.extra.get(k) for k in extras), "；".join(files)]
            long = {1: u.name, last: row[-1]}  # 单位名称 and 文件 wrap within their columns
            for c, v in enumerate(row):
                write_value(ws, r, c, v, wrapped if c in long else plain)
            write_text(ws, r, 2, u.said(), fills[u.status])
            lines = max(lines_needed(str(v or ""), widths[c]) for c, v in long.items())
            if lines > 1:
                ws.set_row(r, row_height(lines))
            r += 1
    ws.freeze_panes(3, 2)
    print_setup(ws, repeat=(2, 2))
    ws.autofilter(2, 0, 2 + len(result.units), last)
    wb.close()

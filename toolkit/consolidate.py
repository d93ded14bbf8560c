"""Consolidate (汇总): exact sums of the checked reports in the official layout, up any number of levels.

`combine` is the arithmetic: field-by-field sums, integers for counts and decimals for 收费, so
no float drift and the sum of sums equals the sum. `merge` is the office's run over files: read
and check each (in parallel), refuse double counting, sum what passes, then write the official
workbook with the totals, a 明细 sheet (a row per unit) and a 校验 sheet (every unit's findings).
Files stream through; only a short record per unit stays in memory, and the long sheets are
spooled to disk (see `spool`). A consolidated workbook records its members, so it can be
merged again one level up (乡镇 → 县 → 市 → 省) without counting anyone twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from . import checker, document, findings, generate, meta, spool, styles, validate
from .cells import column_letter
from .document import is_number
from .errors import NianbaoError
from .findings import Finding
from .messages import Listing, text
from .roster import Unit, code_key, name_key
from .spec import Spec
from .spec import load as load_spec
from .status import Collection, Collector
from .styles import amount_format, print_setup
from .validate import Status
from .writing import lines_needed, row_height, write_text, write_value

DETAIL, CHECKS = "明细", "校验"
STATUS_WORDS = {s: text(f"status.{s}", "zh") for s in ("ok", "warning", "error", "unreadable", "missing")}
SEVERITY_WORDS = {s: text(f"severity.{s}", "zh") for s in ("error", "warning", "info")}
LISTED = 5  # units named in a message before "等"
FINDINGS_SHOWN = 50  # a unit's findings listed in 校验; the rest are counted
CHECK_ROWS = 1_000_000  # rows of 校验 (a sheet holds 1,048,576); the units beyond are in 明细 and the JSON
NO_PREVIOUS, DEFAULT_CONFIG = validate.Previous(), checker.Config()


@dataclass(frozen=True)
class Member:
    """A report in a total: who, from which file, its status, and the units it already sums."""

    code: str
    name: str
    file: str
    sha256: str
    status: Status
    included: bool
    contains: tuple[str, ...] = ()  # for a consolidated report: every unit inside it, at any depth (`unit_key`)
    parent: str = field(default="", compare=False)
    consolidated: bool = field(default=False, compare=False)

    @property
    def key(self) -> str:
        return unit_key(self.code, self.name, self.sha256, self.consolidated)

    def to_dict(self) -> dict[str, Any]:
        out = {"code": self.code, "name": self.name, "file": self.file, "sha256": self.sha256,
               "status": self.status, "included": self.included}
        return {**out, "contains": list(self.contains)} if self.contains else out


@dataclass(frozen=True)
class Absent:
    """A unit a total should hold but does not: it sent nothing, or its report was left out; at any depth
    (`within`: the lower totals it is missing from, outermost first)."""

    code: str
    name: str
    status: str  # of the unit, as the roster status says it (`missing`, `error`, `unreadable`…)
    within: str = ""

    @property
    def said(self) -> str:
        return document.absent_said(self.to_dict())

    def to_dict(self) -> dict[str, str]:
        out = {"code": self.code, "name": self.name, "status": self.status}
        return {**out, "within": self.within} if self.within else out


# ------------------------------------------------------------------ the arithmetic


class Sum:
    """Running sums of the input cells of report documents; a blank or text cell adds 0 and is counted.

    The totals of the sum are computed from its inputs, as the workbook's formulas compute them, so a
    total a unit typed over (only summed with --include-errors) does not carry its error upward.
    """

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.sums: dict[str, int | Decimal] = {f.path: Decimal(0) if f.type == "amount" else 0 for f in spec.inputs}
        self.count = 0
        self.blank_cells = 0
        self.with_blanks: list[str] = []  # the units that left cells blank, by name (else code)
        self.reporting: dict[str, int] = {}  # a 表四 group's total → units with a case in the group
        # a total of a table whose cases two units may share (表四): the units that report a case in it
        self._groups = [(f.path, [spec.fields[p] for p in f.parts]) for f in spec.fields.values()
                        if spec.table(f.table).shared_cases and not f.is_input]

    def add(self, doc: Mapping[str, Any]) -> None:
        blanks = 0
        for f in self.spec.inputs:
            v = document.value(doc, f)
            if not is_number(v):
                blanks += 1
            elif f.type == "amount":
                self.sums[f.path] += Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
            else:
                self.sums[f.path] += int(v)
        self.count += 1
        self.blank_cells += blanks
        if blanks:
            unit = document.part(doc, "unit")
            self.with_blanks.append(str(unit.get("name") or unit.get("code") or "?"))
        for path, parts in self._groups:
            if any(is_number(v := document.value(doc, f)) and v for f in parts):
                self.reporting[path] = self.reporting.get(path, 0) + 1

    def values(self) -> dict[str, Any]:
        """Field path → total, totals included; 收费 as the nearest float of the exact decimal sum."""
        inputs = {path: float(v) if isinstance(v, Decimal) else v for path, v in self.sums.items()}
        return document.with_totals(self.spec, inputs)

    def document(self, year: int, unit: Unit) -> dict[str, Any]:
        return document.build(self.spec, year, {"code": unit.code, "name": unit.name, "parent": unit.parent},
                              self.values())


def combine(documents: Iterable[Mapping[str, Any]], year: int, unit: Unit, spec: Spec | None = None) -> dict[str, Any]:
    """The consolidated report document of these documents (no checks, no members)."""
    total = Sum(spec or load_spec())
    for doc in documents:
        total.add(doc)
    return total.document(year, unit)


# ------------------------------------------------------------------ a run over files


@dataclass
class Merged:
    """What a merge produced: the total, who is in it, and what was found on the way."""

    document: dict[str, Any]
    members: list[Member]
    findings: list[Finding]  # on the total: the rules again, and what consolidation noticed
    files: list[validate.FileResult]  # every file's status, findings dropped
    roster: Collection | None = None  # who sent what, when merged against a roster
    absent: list[Absent] = field(default_factory=list)  # the units it should hold but does not, at any depth

    @property
    def included(self) -> list[Member]:
        return [m for m in self.members if m.included]

    @property
    def unreadable(self) -> list[str]:
        return [r.path for r in self.files if r.status == "unreadable"]

    @property
    def failed(self) -> bool:
        """Errors in the data (exit code 1): a file with errors or unreadable, or the total breaking a rule."""
        return any(r.status in ("error", "unreadable") for r in self.files) \
            or any(f.severity == "error" for f in self.findings)

    @property
    def missing(self) -> list[str]:
        """The roster's units that sent nothing, by name."""
        return [u.name for u in self.roster.units if u.status == "missing"] if self.roster else []

    @property
    def left_out(self) -> list[str]:
        """What was received but not summed: a unit's name (its file's when it has none)."""
        kept = {m.file for m in self.included}
        return [(r.unit or {}).get("name") or Path(r.path).name for r in self.files if r.path not in kept]

    def completeness(self) -> str:
        """应报 N、已报 M、计入 K, and who is missing or left out: what a total must say about what it holds."""
        included = len(self.included)
        if self.roster is None:
            said = f"收到 {len(self.files)} 个文件，计入汇总 {included} 个。"
        else:
            received = len(self.roster.units) - len(self.missing)
            said = f"应报 {len(self.roster.units)} 个单位，已报 {received} 个，计入汇总 {included} 个。"
        if self.missing:
            said += f"未报送 {len(self.missing)} 个：{_listed(self.missing).text()}。"
        if self.left_out:
            said += f"未计入 {len(self.left_out)} 个（有错误、无法读取或不在名单中）：{_listed(self.left_out).text()}。"
        nested = [a.said for a in self.absent if a.within]
        if nested:
            said += f"下级汇总表中未报送或未计入 {len(nested)} 个：{_listed(nested).text()}。"
        return said

    def to_dict(self) -> dict[str, Any]:
        """The merged report document with its `members` and `absent` units (DESIGN.md, `merge --json`)."""
        return {**self.document, "members": [m.to_dict() for m in self.members],
                "absent": [a.to_dict() for a in self.absent]}


def unit_key(code: str, name: str, sha256: str, consolidated: bool) -> str:
    """What names a unit for double counting: its code; without one, its name (a total: its file).
    Compared as `roster.code_key` and `name_key` compare them: `１４０９８１` is `140981`."""
    return code_key(code) or (f"（汇总表 {sha256[:12]}）" if consolidated else f"（无代码）{name_key(name)}")


class _Guard:
    """Refuses double counting: a unit twice, a file twice, or a total beside a unit it already sums."""

    def __init__(self) -> None:
        self.units: dict[str, tuple[str, bool]] = {}  # unit → (file, whether that file is a total containing it)
        self.files: dict[str, str] = {}  # sha256 → file

    def admit(self, path: str, sha256: str, unit: str, contains: Sequence[str]) -> None:
        if sha256 and sha256 in self.files:
            raise NianbaoError("merge.same_file", first=self.files[sha256], second=path)
        self.files[sha256] = path
        arriving = [(unit, False), *((u, True) for u in contains)]
        for code, inside in arriving:
            if code in self.units:
                first, first_inside = self.units[code]
                if not (inside or first_inside):
                    raise NianbaoError("merge.same_unit", unit=code, first=first, second=path)
                total, other = (first, path) if first_inside else (path, first)
                raise NianbaoError("merge.contained", unit=code, total=total, other=other)
        self.units.update((code, (path, inside)) for code, inside in arriving)


def merge(
    paths: list[Path],
    out: Path,
    *,
    name: str | None = None,
    code: str | None = None,
    roster: Sequence[Unit] | None = None,
    include_errors: bool = False,
    previous: validate.Previous = NO_PREVIOUS,
    config: checker.Config = DEFAULT_CONFIG,
    year: int | None = None,
    lang: str = "zh",
    workers: int | None = None,
    spec: Spec | None = None,
    on_file: Callable[[], None] | None = None,
) -> Merged:
    """Read, check and sum the files into `out`; NianbaoError (nothing written) when counting would double, or
    when the reports are for different years and `year`, the year to sum, was not given."""
    checked = validate.results(paths, previous=previous, config=config, workers=workers, documents=True)
    return merge_checked(checked, out, name=name, code=code, roster=roster, include_errors=include_errors,
                         year=year, lang=lang, spec=spec, on_file=on_file)


def merge_checked(
    checked: Iterable[tuple[validate.FileResult, Mapping[str, Any] | None]],
    out: Path,
    *,
    name: str | None = None,
    code: str | None = None,
    roster: Sequence[Unit] | None = None,
    include_errors: bool = False,
    year: int | None = None,
    lang: str = "zh",
    spec: Spec | None = None,
    on_file: Callable[[], None] | None = None,
) -> Merged:
    """`merge` of reports already read and checked (each file's result and its report document, None when it
    could not be read), as a desk keeps them."""
    spec = spec or load_spec()
    collector = Collector(roster) if roster is not None else None
    total = Sum(spec)
    guard = _Guard()
    members: list[Member] = []
    results: list[validate.FileResult] = []  # findings dropped: for the roster status only
    detail, member_rows = spool.Spool(), spool.Spool()
    checks = spool.Spool({len(CHECK_HEAD) - 1: CHECK_WIDTHS[-1]})
    summed: int | None = None  # the year of the reports summed
    nested: list[Absent] = []  # what the totals summed lack
    by_year: dict[int, list[str]] = {}  # the files read, by the year of their report
    mixed = False  # reports to sum are of several years
    try:
        for read_result, doc in checked:
            result = validate.of_year(read_result, year)  # another year's report: refused, not summed
            results.append(replace(result, findings=()))
            if on_file is not None:
                on_file()
            listed = collector is None or collector.add(result) is not None
            member = None
            if doc is not None:
                member = _member(result, doc)
                # a total that lost its list of members may hold any unit: never summed (TOTAL-NO-MEMBERS); nor is
                # a report of another year than the one named, even with include_errors
                summable = result.year is not None and (result.status != "error" or include_errors) \
                    and not (member.consolidated and not member.contains) and year in (None, result.year)
                if result.year is not None:
                    by_year.setdefault(result.year, []).append(result.path)
                if listed and summable and summed is not None and result.year != summed:
                    mixed, summable = True, False  # refused once all are read, to name the files off the common year
                member = replace(member, included=listed and summable)
                members.append(member)
                if member.included:  # only what is summed can be counted twice (last year's report of a unit is not)
                    guard.admit(member.file, member.sha256, member.key, member.contains)
                    summed = result.year
                    total.add(doc)
                    detail.add([member.code, member.name, _status_word(result.status, True), member.file,
                                *(_cell(document.value(doc, f)) for f in spec.fields.values())])
                member_rows.add([member.code, member.name, member.file, member.sha256, member.status,
                                 int(member.included), ""])
                for inner in member.contains if member.included else ():  # rows after their member's
                    member_rows.add([inner, "", "", "", "", 1, 1])
                if member.included:
                    nested += _absent_within(doc, member.name or member.code)
            _check_rows(checks, result, member, lang)
        if mixed:
            raise _years_differ(by_year)
        if summed is None:
            statuses = [m.status for m in members]
            raise NianbaoError("merge.nothing", files=len(results), errors=statuses.count("error"),
                               unreadable=len(results) - len(members),
                               strays=sum(m.status != "error" and not m.included for m in members))
        code = code if code is not None else _common_parent(members)
        merged = Merged(total.document(summed, Unit(code, name or (f"{code} 汇总" if code else "汇总"))),
                        members, [], results)
        merged.roster = collector.done() if collector is not None else None
        merged.absent = [*_absent(merged), *nested]
        for a in merged.absent:  # after the members: the next level up reads them as `absent`
            member_rows.add([a.code, a.name, a.within, "", a.status, 0, meta.ABSENT])
        merged.findings = _total_findings(spec, merged, total)
        for u in merged.roster.units if merged.roster is not None else ():
            if u.status == "missing" and checks.count < CHECK_ROWS:
                checks.add([u.code, u.name, "", STATUS_WORDS["missing"], "否"])
        if checks.count >= CHECK_ROWS:
            note = f"“{CHECKS}”只列出前 {CHECK_ROWS} 行；全部结果请用 nianbao validate 查看"
            checks.add([*[""] * (len(CHECK_HEAD) - 1), note])
        _write(spec, merged, out, detail, checks, member_rows, lang)
        return merged
    finally:
        for s in (detail, checks, member_rows):
            s.close()


def _absent(merged: Merged) -> list[Absent]:
    """The units this total lacks: the roster's not summed, or without a roster the files not summed."""
    if merged.roster is not None:
        summed = {m.code for m in merged.included}
        return [Absent(u.code, u.name, u.status) for u in merged.roster.units if code_key(u.code) not in summed]
    return [*(Absent(m.code, m.name, m.status) for m in merged.members if not m.included),
            *(Absent("", Path(p).name, "unreadable") for p in merged.unreadable)]


def _absent_within(doc: Mapping[str, Any], member: str) -> list[Absent]:
    """What a total being summed lacks itself, as its reader found it (`absent` of its document)."""
    out = []
    for a in doc.get("absent") or ():
        if isinstance(a, Mapping):
            within = "／".join(part for part in (member, str(a.get("within") or "")) if part)
            out.append(Absent(str(a.get("code") or ""), str(a.get("name") or ""), str(a.get("status") or ""),
                              within))
    return out


def _years_differ(by_year: dict[int, list[str]]) -> NianbaoError:
    """Reports of several years and none named: refused, with the year most files are for and the files of the
    others named, so that the clerk can rerun with --year or take those files out."""
    year = max(by_year, key=lambda y: (len(by_year[y]), y))
    off = [Path(f).name for y in sorted(by_year) if y != year for f in by_year[y]]
    return NianbaoError("merge.years", year=year, count=len(by_year[year]), off=len(off), files=Listing(tuple(off)),
                        years=Listing(tuple(str(y) for y in sorted(by_year) if y != year)))


def _member(result: validate.FileResult, doc: Mapping[str, Any]) -> Member:
    unit = result.unit or {}
    source = document.part(doc, "source")
    inner: list[str] = []
    for m in doc.get("members") or ():
        if isinstance(m, Mapping) and m.get("included", True):
            key = unit_key(str(m.get("code") or ""), str(m.get("name") or ""), str(m.get("sha256") or ""),
                           bool(m.get("contains")))
            inner += [key, *map(str, m.get("contains") or ())]  # keys already, as a total records them
    return Member(code_key(str(unit.get("code") or "")), str(unit.get("name") or ""), result.path,
                  str(source.get("sha256") or ""), result.status, False, tuple(inner),
                  str(unit.get("parent") or ""), consolidated="members" in doc)


def _status_word(status: Status, included: bool) -> str:
    word = STATUS_WORDS[status]
    return f"{word}（已计入）" if status == "error" and included else word


def _cell(v: Any) -> Any:
    """A unit's value as 明细 shows it: a number a report can hold, else the text it is (1e300, TRUE)."""
    return v if v is None or is_number(v) else str(v).upper() if isinstance(v, bool) else str(v)


def _check_rows(checks: spool.Spool, result: validate.FileResult, member: Member | None, lang: str) -> None:
    unit = result.unit or {}
    who = [str(unit.get("code") or ""), str(unit.get("name") or ""), result.path,
           _status_word(result.status, bool(member and member.included)), "是" if member and member.included else "否"]
    if checks.count >= CHECK_ROWS:
        return
    if not result.findings:
        checks.add(who)
    for f in result.findings[:FINDINGS_SHOWN]:
        checks.add([*who, f.code, SEVERITY_WORDS[f.severity], f.sheet, f.cell, f.text(lang)])
    if len(result.findings) > FINDINGS_SHOWN:
        more = len(result.findings) - FINDINGS_SHOWN
        checks.add([*who, "", "", "", "", f"另有 {more} 条，全部结果请用 nianbao validate 查看"])


def _common_parent(members: list[Member]) -> str:
    """The code of the level above, when every unit summed names the same one."""
    parents = {m.parent for m in members if m.included}
    return parents.pop() if len(parents) == 1 else ""


def _listed(items: Sequence[str]) -> Listing:
    return Listing(tuple(items), LISTED)


def _total_findings(spec: Spec, merged: Merged, total: Sum) -> list[Finding]:
    out = checker.check(merged.document, spec=spec, total=True)
    left_out = [m for m in merged.members if m.status == "error" and not m.included]
    if left_out or merged.unreadable:
        names = [m.name or Path(m.file).name for m in left_out] + [Path(p).name for p in merged.unreadable]
        out.append(findings.make("MERGE-EXCLUDED", count=len(names), errors=len(left_out),
                                 unreadable=len(merged.unreadable), files=_listed(names)))
    with_errors = [m.name or m.code for m in merged.included if m.status == "error"]
    if with_errors:
        out.append(findings.make("MERGE-WITH-ERRORS", count=len(with_errors), units=_listed(with_errors)))
    with_warnings = [m.name or m.code for m in merged.included if m.status == "warning"]
    if with_warnings:  # a unit's fees typed in 元, say: in the total as sent, so the total names whose they are
        out.append(findings.make("MERGE-WITH-WARNINGS", count=len(with_warnings), units=_listed(with_warnings)))
    if merged.roster is not None:
        strays = [u.name or u.code or Path(u.file or "").name for u in merged.roster.unknown
                  if u.status != "unreadable"]
        if strays:
            out.append(findings.make("MERGE-NOT-ON-ROSTER", count=len(strays), units=_listed(strays)))
        missing = [u.name for u in merged.roster.units if u.status == "missing"]
        if missing:
            out.append(findings.make("MERGE-MISSING", count=len(missing), units=_listed(missing)))
    lacking: dict[str, list[str]] = {}
    for a in merged.absent:
        if a.within:  # by the member it is missing from, said from there
            member, _, deeper = a.within.partition("／")
            lacking.setdefault(member, []).append(replace(a, within=deeper).said)
    out += [findings.make("MERGE-INCOMPLETE", unit=member, count=len(names), units=_listed(names))
            for member, names in lacking.items()]
    if total.blank_cells:
        out.append(findings.make("MERGE-BLANK", units=len(total.with_blanks), cells=total.blank_cells,
                                 names=Listing(tuple(total.with_blanks))))
    for path, count in total.reporting.items():
        if count > 1:
            f = spec.fields[path]
            out.append(findings.make("MERGE-TABLE4", group=f.group_label, count=count,
                                     field=f.path, sheet=f.sheet, cell=f.cell))
    return out


# ------------------------------------------------------------------ the workbook


def _write(spec: Spec, merged: Merged, out: Path, detail: spool.Spool, checks: spool.Spool,
           member_rows: spool.Spool, lang: str) -> None:
    """The total's workbook: a Chinese document (the official tables, its words), the findings in `lang`."""
    doc, included = merged.document, merged.included
    values = document.flat(doc, spec)
    unit = Unit(doc["unit"]["code"], doc["unit"]["name"], doc["unit"]["parent"])
    with_errors = sum(m.status == "error" for m in included)
    notes = [f"本表为 {len(included)} 个单位的汇总（{unit.name}，{doc['year']} 年度）：{merged.completeness()}"]
    if with_errors:
        notes.append(f"注意：汇总包含 {with_errors} 个有错误的报告（“{DETAIL}”中标红的行），数字仅供参考，不宜上报。")
    first_check = 3 + max(1, len(merged.findings))  # title, header, the total's findings, a blank row

    def sheets(wb: xlsxwriter.Workbook) -> None:
        fmt = _SheetFormats(wb, spec.decimals["amount"])
        _detail_sheet(wb, fmt, spec, values, detail.count)
        _checks_sheet(wb, fmt, merged, first_check, checks.count, lang)
        ws = wb.add_worksheet(meta.MEMBERS_SHEET)
        ws.write_row(0, 0, meta.MEMBER_COLUMNS)
        ws.very_hidden()

    counts = {"expected": str(len(merged.roster.units)) if merged.roster else "", "received": str(
        len(merged.roster.units) - len(merged.missing) if merged.roster else len(merged.files))}
    content = generate.Filled(unit, values, "（汇总）", tuple(notes),
                              {"kind": meta.CONSOLIDATED, "members": str(len(included)),
                               "included_errors": str(with_errors), **counts}, sheets,
                              guide=("汇总说明", "汇总说明", _guide(merged, doc, with_errors)))
    data = generate.filled(spec, doc["year"], content)
    try:
        spool.assemble(data, out, {DETAIL: (2, detail), CHECKS: (first_check, checks),
                                   meta.MEMBERS_SHEET: (1, member_rows)})
    except OSError as exc:
        raise NianbaoError("generate.cannot_write", path=out, reason=exc) from exc


def _guide(merged: Merged, doc: Mapping[str, Any], with_errors: int) -> tuple[str, ...]:
    """What a total says instead of the units' 填报说明: what it is, what it holds, where to look."""
    name, year = doc["unit"]["name"], doc["year"]
    lines = [(f"本工作簿是 {name} {year} 年度政府信息公开工作年度报告统计表的汇总表，由年报工具箱（nianbao merge）按"
              "国办公开办函〔2021〕30号格式生成：表二至表四的每个数字是计入汇总的各单位之和，件数按整数、收费按十进制"
              "精确相加，总计由各项重新计算。"),
             f"完整性：{merged.completeness()}",
             (f"“{DETAIL}”工作表每个计入的单位一行（第 2 行为合计）；“{CHECKS}”工作表先列汇总数据本身的校验结果，"
              "再列收到的每个文件的状态和问题。")]
    if with_errors:
        lines.append(f"本汇总包含 {with_errors} 个有错误的报告（用 --include-errors 汇总），数字仅供参考，不宜上报；"
                     f"上一级汇总时会把本表作为有错误的报告拒绝。")
    if any(f.code == "MERGE-TABLE4" for f in merged.findings):
        lines.append("表四：同一起行政复议或诉讼可能在原行政机关和复议机关各计一次，详见“校验”中的 MERGE-TABLE4，"
                     "请与法制机构核对案件清单。")
    if any(f.code == "MERGE-BLANK" for f in merged.findings):
        lines.append("单位留空的单元格按 0 计入，详见“校验”中的 MERGE-BLANK。")
    lines.append("本表可以与其他汇总表再汇总（县→市→省）：隐藏的工作表记录了它包含的每个单位，用来防止重复计算，"
                 "请勿删除。")
    return tuple(lines)


class _SheetFormats:
    def __init__(self, wb: xlsxwriter.Workbook, decimals: int) -> None:
        base = {"font_name": styles.FONT, "font_size": 10, "valign": "vcenter", "border": 1}
        self.title = wb.add_format({**base, "border": 0, "bold": True, "font_size": 14})
        self.header = wb.add_format({**base, "bold": True, "text_wrap": True, "align": "center",
                                     "bg_color": styles.HEADER_FILL})
        self.small_header = wb.add_format({**base, "font_size": 8, "text_wrap": True, "align": "center",
                                           "bg_color": styles.HEADER_FILL})
        self.text = wb.add_format({**base, "num_format": "@"})
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.count = wb.add_format({**base, "num_format": "0", "align": "center"})
        self.amount = wb.add_format({**base, "num_format": amount_format(decimals), "align": "center"})
        self.sum = wb.add_format({**base, "num_format": "0", "align": "center", "bold": True,
                                  "bg_color": styles.TOTAL_FILL})
        self.sum_amount = wb.add_format({**base, "num_format": amount_format(decimals), "align": "center", "bold": True,
                                         "bg_color": styles.TOTAL_FILL})
        self.sum_text = wb.add_format({**base, "bold": True, "bg_color": styles.TOTAL_FILL})
        self.error = wb.add_format({"bg_color": styles.ERROR_FILL, "font_color": "#9C0006"})
        self.warning = wb.add_format({"bg_color": styles.WARNING_FILL, "font_color": "#4D2B00"})  # dark enough to print


DETAIL_HEAD = ("单位代码", "单位名称", "状态", "文件")
DETAIL_WIDTHS = (14, 20, 12, 24)
FIELD_WIDTH = 7  # a column of 明细: six digits
DETAIL_PAGE = 16  # fields across a printed page of 明细: about 7-point figures (24 printed them at 5)


def _detail_sheet(wb: xlsxwriter.Workbook, fmt: _SheetFormats, spec: Spec, values: Mapping[str, Any],
                  rows: int) -> None:
    """A row per unit summed (spooled in from row 3), one column per field, the 合计 row on top.

    Printed landscape with the header and the units' code and name on every page, in narrow columns
    at a scale that keeps ten-point figures legible: DETAIL_PAGE fields a page across."""
    ws = wb.add_worksheet(DETAIL)
    first, last = 2, 2 + rows - 1  # 0-based rows of the units
    for c, (head, width) in enumerate(zip(DETAIL_HEAD, DETAIL_WIDTHS, strict=True)):
        ws.set_column(c, c, width, fmt.text)
        ws.write_string(0, c, head, fmt.header)
    ws.write_string(1, 0, "合计", fmt.sum_text)
    ws.write_string(1, 1, f"{rows} 个单位", fmt.sum_text)
    ws.write_blank(1, 2, None, fmt.sum_text)
    ws.write_blank(1, 3, None, fmt.sum_text)
    heads = [f"{f.sheet}｜{f.label}" for f in spec.fields.values()]
    for c, (f, head) in enumerate(zip(spec.fields.values(), heads, strict=True), start=len(DETAIL_HEAD)):
        amount = f.type == "amount"
        ws.set_column(c, c, FIELD_WIDTH + 4 * amount, fmt.amount if amount else fmt.count)
        ws.write_string(0, c, head, fmt.small_header)
        column = column_letter(c)
        ws.write_formula(1, c, f"=SUM({column}{first + 1}:{column}{last + 1})",
                         fmt.sum_amount if amount else fmt.sum, values[f.path])
    ws.set_row(0, row_height(max(lines_needed(head, FIELD_WIDTH * 1.2) for head in heads), 11, 4))  # 8-point
    ws.freeze_panes(2, 2)
    print_setup(ws, pages_wide=-(-len(heads) // DETAIL_PAGE), repeat=(0, 1))
    ws.repeat_columns(0, 1)
    ws.conditional_format(first, 0, max(first, last), len(DETAIL_HEAD) + len(spec.fields) - 1, {
        "type": "formula", "criteria": f'=LEFT($C{first + 1},3)="{STATUS_WORDS["error"]}"', "format": fmt.error})


CHECK_HEAD = ("单位代码", "单位名称", "文件", "状态", "计入汇总", "问题代码", "严重程度", "工作表", "单元格", "说明")
CHECK_WIDTHS = (14, 24, 30, 14, 9, 20, 9, 8, 8, 90)


def _checks_sheet(wb: xlsxwriter.Workbook, fmt: _SheetFormats, merged: Merged, first: int, rows: int,
                  lang: str) -> None:
    """The total's own findings on top, then every file's (spooled in from row `first`)."""
    ws = wb.add_worksheet(CHECKS)
    doc = merged.document
    for c, (head, width) in enumerate(zip(CHECK_HEAD, CHECK_WIDTHS, strict=True)):
        ws.set_column(c, c, width, fmt.wrap if head == "说明" else fmt.text)
        ws.write_string(1, c, head, fmt.header)
    left_out = len(merged.files) - len(merged.included)
    write_text(ws, 0, 0, f"{doc['unit']['name']} {doc['year']} 年度汇总的校验结果：收到 {len(merged.files)} 个文件，"
                          f"计入汇总 {len(merged.included)} 个，未计入 {left_out} 个", fmt.title)
    who = [doc["unit"]["code"], doc["unit"]["name"], "", "汇总", ""]
    found: list[Finding | None] = [*merged.findings] or [None]
    for r, f in enumerate(found, start=2):
        row = [*who, f.code, SEVERITY_WORDS[f.severity], f.sheet, f.cell, f.text(lang)] if f else \
            [*who, "", "", "", "", "汇总数据的勾稽关系全部相符"]
        for c, v in enumerate(row):
            write_value(ws, r, c, v, fmt.wrap if c == len(row) - 1 else fmt.text)
        lines = lines_needed(row[-1], CHECK_WIDTHS[-1])
        if lines > 1:
            ws.set_row(r, row_height(lines))
    ws.freeze_panes(2, 0)
    print_setup(ws, repeat=(0, 1))
    last = first + max(rows, 1) - 1
    for word, cell_format in ((SEVERITY_WORDS["error"], fmt.error), (SEVERITY_WORDS["warning"], fmt.warning)):
        ws.conditional_format(2, 0, last, len(CHECK_HEAD) - 1, {
            "type": "formula", "criteria": f'=$G3="{word}"', "format": cell_format})

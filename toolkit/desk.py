"""The collection desk (报送台账): one folder that receives every file in any form, keeps every version byte
for byte, knows which version of each unit counts, and answers "who is done" at any moment.

Everything the office sees (status, feedback, the total) is computed from the ledger (see `ledger`), never
from a folder listing. A unit's current version is the one the office accepted, else its latest return not
set aside; rejecting a version keeps it, with the reason.
"""

from __future__ import annotations

import csv
import getpass
import io
import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .errors import NianbaoError
from .files import csv_cell, replacing, write_json
from .findings import Finding, from_record, of_receipt
from .ledger import DATABASE, Decision, Draft, Ledger, Submission, sha256_of
from .messages import Msg, text
from .roster import Lookup, Unit, code_key
from .status import Collection, UnitState, UnitStatus, Version

if TYPE_CHECKING:  # the reader, the checks and the writers load when a command needs them: a status need not
    from .checker import Config
    from .consolidate import Merged
    from .intake import Item
    from .receive import Preview, Receipt
    from .validate import FileResult, Previous, Report

ROSTER = "roster.csv"
DRAFTS_KEPT = 10  # a unit's newest files checked in the browser and not submitted that keep their bytes


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def user() -> str:
    """Who decides, as the system knows them (the web pages say who instead)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


@dataclass
class State:
    """The ledger read once: every submission and decision, which versions are set aside, which pinned."""

    submissions: list[Submission]
    decisions: list[Decision]
    rejected: dict[int, str] = field(default_factory=dict)  # receipt → the reason it was set aside
    pinned: dict[str, int] = field(default_factory=dict)  # unit → the receipt the office accepted

    def __post_init__(self) -> None:
        for d in self.decisions:  # in the order made: a later decision overrides an earlier one
            if d.action == "reject":
                self.rejected[d.submission] = d.reason
                if d.unit is not None and self.pinned.get(d.unit) == d.submission:
                    del self.pinned[d.unit]
            elif d.action == "accept" and d.unit is not None:
                self.rejected.pop(d.submission, None)
                self.pinned[d.unit] = d.submission
        self.of_unit: dict[str | None, list[Submission]] = {}
        for s in self.submissions:
            self.of_unit.setdefault(s.unit, []).append(s)

    def returns(self, unit: str | None) -> list[Submission]:
        return [s for s in self.of_unit.get(unit, []) if s.kind == "return"]

    def current(self, unit: str) -> Submission | None:
        returns = [s for s in self.returns(unit) if s.id not in self.rejected]
        pinned = next((s for s in returns if s.id == self.pinned.get(unit)), None)
        return pinned or (returns[-1] if returns else None)

    def passed_over(self, unit: str) -> list[Submission]:
        """The unit's returns after the one the office accepted, not set aside: sent since, and not counted."""
        current = self.current(unit)
        if current is None or self.pinned.get(unit) != current.id:
            return []
        return [s for s in self.returns(unit) if s.id > current.id and s.id not in self.rejected]


class Desk:
    """A desk folder opened: its ledger, year, office and roster."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ledger = Ledger(folder)
        meta = self.ledger.meta()
        self.year, self.name, self.code = int(meta["year"]), meta.get("name", ""), meta.get("code", "")
        self._config = json.loads(meta.get("config") or "{}")
        self.units = [Unit(code, name, parent, extra) for code, name, parent, extra in self.ledger.units()]
        self.lookup = Lookup(self.units)

    @classmethod
    def create(cls, folder: Path, *, year: int, roster: Path, name: str = "", code: str = "",
               previous: Iterable[Path] = (), config: Path | None = None) -> Desk:
        """A new desk in `folder` (made if need be): the roster, the year, last year's reports, the settings."""
        from .inputs import workbook_files
        from .roster import read as read_roster
        from .spec import load as load_spec
        from .validate import load_config, load_previous

        spec = load_spec()
        if not spec.first_year <= year <= spec.last_year:
            raise NianbaoError("generate.year_out_of_range", year=year, first_year=spec.first_year,
                               last_year=spec.last_year, source=spec.source)
        if (folder / DATABASE).exists():
            raise NianbaoError("desk.exists", path=folder)
        units = read_roster(roster)
        last_year = load_previous(workbook_files(list(previous))) if previous else None
        settings = load_config(config) if config is not None else None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ledger = Ledger(folder, create=True)
        except OSError as exc:
            raise NianbaoError("generate.cannot_write", path=folder, reason=exc) from exc
        with ledger.writing():
            ledger.set_meta({"year": str(year), "name": name, "code": code_key(code), "format": spec.format,
                             "created": now(), "config": json.dumps(_config_data(settings), ensure_ascii=False)})
            ledger.set_units([(u.code, u.name, u.parent, u.extra) for u in units])
            if last_year is not None:
                ledger.set_previous(last_year.reports)
        ledger.close()
        _write_roster(folder / ROSTER, units)
        return cls(folder)

    def close(self) -> None:
        self.ledger.close()

    @property
    def config(self) -> Config:
        """The office's settings for the checks, as given to `desk init --config`."""
        from .checker import Config

        return Config(self._config.get("severity", {}), self._config.get("explained", {}))

    # ---------------------------------------------------------------- receiving, deciding

    def add(self, paths: list[Path], *, workers: int | None = None,
            on_file: Callable[[Receipt], None] | None = None) -> list[Receipt]:
        """Receive files, folders, archives and mails: see `receive`. The desk's own folder is never taken in:
        given, it is refused; within a folder given, it is passed over."""
        from . import intake, receive

        own = self.folder.resolve()
        for path in paths:
            if path.resolve() == own or own in path.resolve().parents:
                raise NianbaoError("desk.add_itself", path=path)
        return receive.receive(self.ledger, self.lookup, self.year, intake.items(paths, skip=own),
                               config=self.config, workers=workers, on_file=on_file)

    def state(self) -> State:
        return State(self.ledger.submissions(), self.ledger.decisions())

    def unit(self, text: str) -> Unit:
        """A roster unit by its code or its name; NianbaoError when there is none."""
        unit = self.lookup.unit(text)
        if unit is None:
            raise NianbaoError("desk.no_unit", unit=text)
        return unit

    def receipt(self, number: int) -> Submission:
        found = self.ledger.submission(number)
        if found is None:
            raise NianbaoError("desk.no_receipt", number=number)
        return found

    def accept(self, unit_text: str, number: int | None = None, *, reason: str = "", who: str | None = None
               ) -> Submission:
        """Pin a unit's version (by default its current one), so that a later return does not replace it."""
        unit = self.unit(unit_text)
        if number is None:
            chosen = self.state().current(unit.code)
            if chosen is None:
                raise NianbaoError("desk.nothing_to_accept", unit=unit.name)
        else:
            chosen = self.receipt(number)
            if chosen.unit == unit.code and chosen.kind != "return":  # the unit's, but an empty form, say
                raise NianbaoError("desk.not_a_return", number=number, unit=unit.name, kind=Msg(f"kind.{chosen.kind}"))
            if chosen.unit != unit.code or chosen.kind != "return":
                raise NianbaoError("desk.not_a_version_of", number=number, unit=unit.name)
        with self.ledger.writing():
            self.ledger.decide("accept", chosen.id, unit.code, reason, who or user(), now())
        return chosen

    def reject(self, number: int, *, reason: str, who: str | None = None) -> Submission:
        """Set a version aside, with the reason (kept and shown; the unit's previous version counts again)."""
        chosen = self.receipt(number)
        if not reason.strip():
            raise NianbaoError("desk.reason_needed")
        with self.ledger.writing():
            self.ledger.decide("reject", chosen.id, chosen.unit, reason.strip(), who or user(), now())
        return chosen

    def assign(self, number: int, unit_text: str, *, who: str | None = None) -> Submission:
        """Settle which unit sent a file (an unclaimed one, or one claimed wrongly): a return becomes that unit's
        next version."""
        unit, chosen = self.unit(unit_text), self.receipt(number)
        if chosen.kind == "duplicate":
            raise NianbaoError("desk.assign_duplicate", number=number, first=chosen.duplicate_of)
        if chosen.unit == unit.code:  # assigned before, or its own: a second version of the same file it is not
            raise NianbaoError("desk.assign_again", number=number, unit=unit.name)
        if chosen.unit not in (None, unit.code) and chosen.claim in ("code", "name"):  # the file itself says whose
            raise NianbaoError("desk.assign_named", number=number, unit=self.unit(chosen.unit).name)
        with self.ledger.writing():
            version = self.ledger.next_version(unit.code) if chosen.kind == "return" else None
            self.ledger.claim(chosen.id, unit.code, version)
            self.ledger.decide("assign", chosen.id, unit.code, "", who or user(), now())
        return self.receipt(number)

    # ---------------------------------------------------------------- the browser: links, checks, submissions

    def issue_links(self, codes: Iterable[str] | None = None, *, office: bool = True) -> list[tuple[str, str, str]]:
        """New links for the units of `codes` (every unit by default) and the office: (code or "*", name, token),
        each holder's earlier link revoked. The tokens exist only in what this returns."""
        from . import links

        chosen = [self.unit(code) for code in codes] if codes is not None else self.units
        issued = [(links.OFFICE, self.name or links.OFFICE, links.new_token())] if office else []
        issued += [(u.code, u.name, links.new_token()) for u in chosen]
        at = now()
        with self.ledger.writing():
            for code, _, token in issued:
                self.ledger.add_link(code, links.digest(token), at)
        return issued

    def revoke_links(self, codes: Iterable[str]) -> int:
        """Stop the links of these units ("*": the office's); how many were working."""
        from .links import OFFICE

        holders = [code if code == OFFICE else self.unit(code).code for code in codes]
        at = now()
        with self.ledger.writing():
            return sum(self.ledger.revoke_links(code, at) for code in holders)

    def holder(self, token: str) -> str | None:
        """Whose working link this is: a unit's code, "*" for the office, None for nobody's."""
        from .links import digest

        return self.ledger.link_holder(digest(token))

    def keep_draft(self, unit: Unit, name: str, data: bytes) -> int:
        """Keep a file a unit gives in the browser as a draft to check (nothing entered): its number. Not
        flushed to disk at once: a draft lost in a power cut is uploaded again; a submitted one is stored. Only
        the unit's newest DRAFTS_KEPT drafts not submitted keep their files."""
        sha256 = self.ledger.drafts.put(data, deferred=True)
        with self.ledger.writing():
            number = self.ledger.add_draft(unit.code, sha256, name, now())
            stale = self.ledger.stale_drafts(unit.code, DRAFTS_KEPT)
        for old in stale:
            with suppress(OSError):  # a file held open (Windows): cleared next time, and this upload stands
                self.ledger.drafts.path(old).unlink(missing_ok=True)
        return number

    def preview(self, number: int, data: bytes | None = None) -> Preview:
        """What submitting draft `number` (its bytes `data`, when read already) would make of it (see
        `receive.preview`)."""
        from . import receive

        draft = self.draft(number)
        path = self.draft_file(draft)
        item = self._web_item(draft.name, draft.unit, number, path.read_bytes() if data is None else data)
        return receive.preview(self.ledger, self.lookup, self.year, item, path, previous=self.previous,
                               config=self.config)

    def submit(self, number: int) -> Receipt:
        """Enter draft `number` in the ledger, as `add` enters a file: the unit's next version when it is
        a return of the unit's own."""
        from . import receive

        draft = self.draft(number)
        if draft.submission is not None:
            return receive.Receipt(draft.submission, draft.name, {}, "duplicate", again=True)
        if not submittable(self.preview(number), draft.unit):
            raise NianbaoError("desk.not_submittable", name=draft.name)
        item = self._web_item(draft.name, draft.unit, number, self.draft_file(draft).read_bytes())
        got = receive.receive(self.ledger, self.lookup, self.year, [item], config=self.config, workers=1)[0]
        if got.number is not None:
            with self.ledger.writing():
                self.ledger.submitted(number, got.number)
        return got

    def draft_file(self, draft: Draft) -> Path:
        """Where a draft's bytes are; NianbaoError once they were cleared away with the unit's older drafts."""
        path = self.ledger.drafts.path(draft.sha256)
        if not path.is_file():  # see `keep_draft`
            raise NianbaoError("desk.draft_gone", number=draft.id, kept=DRAFTS_KEPT)
        return path

    def draft(self, number: int) -> Draft:
        found = self.ledger.draft(number)
        if found is None:
            raise NianbaoError("desk.no_draft", number=number)
        return found

    @cached_property
    def previous(self) -> Previous:
        from .validate import Previous

        return Previous(self.ledger.previous())

    def _web_item(self, name: str, unit: str, draft: int, data: bytes) -> Item:
        from .intake import Item

        return Item(name, {"via": "web", "link": unit, "draft": draft}, data)

    # ---------------------------------------------------------------- what the office sees

    def status(self) -> Collection:
        """The status of `nianbao status`, from the ledger: each unit's current version, and every version."""
        state = self.state()
        units = []
        for u in self.units:
            current = state.current(u.code)
            versions = tuple(Version(s.version or 0, s.id, s.received, s.status or "", s.name,
                                     state.rejected.get(s.id), s is current) for s in state.returns(u.code))
            if current is not None:
                units.append(UnitStatus(u.code, u.name, _state(current.status), current.name, current.errors,
                                        current.warnings, contact=current.contact, extra=u.extra, versions=versions))
                continue
            refused = [s for s in state.of_unit.get(u.code, []) if s.kind in ("empty", "wrong_year")]
            note = "REJECTED" if versions else {"empty": "EMPTY", "wrong_year": "YEAR-MISMATCH"}.get(
                refused[-1].kind) if refused else None
            shown = versions[-1].file if versions else refused[-1].name if refused else None
            units.append(UnitStatus(u.code, u.name, "missing", shown, extra=u.extra, note=note, versions=versions))
        unknown = []
        for s in state.returns(None):
            unit = (self.ledger.document(s.id) or {}).get("unit") or {}
            unknown.append(UnitStatus(str(unit.get("code") or ""), str(unit.get("name") or ""), _state(s.status),
                                      s.name, s.errors, s.warnings, contact=s.contact))
        return Collection(tuple(units), tuple(unknown), (), self.year)

    def current(self) -> list[tuple[FileResult, dict[str, Any] | None, Submission]]:
        """Every roster unit's current version, checked as it was received, with its report document."""
        state = self.state()
        out = []
        for u in self.units:
            s = state.current(u.code)
            if s is not None:
                doc = self.document(s)
                out.append((result_of(s, doc), doc, s))
        return out

    def _empty_forms(self) -> list[tuple[FileResult, dict[str, Any] | None, Submission]]:
        """The last form sent back unfilled by each unit with no return yet: answered too (fill this one in)."""
        from . import read

        state = self.state()
        out = []
        for u in self.units:
            empty = [s for s in state.of_unit.get(u.code, []) if s.kind == "empty"]
            if empty and state.current(u.code) is None:  # its document is not kept: read again from the store
                doc = read.extract(self.ledger.store.path(empty[-1].sha256)).document
                out.append((result_of(empty[-1], doc), doc, empty[-1]))
        return out

    def document(self, s: Submission) -> dict[str, Any] | None:
        """A return's report document, as the unit the office assigned it to when it named none (or another)."""
        doc = self.ledger.document(s.id)
        if doc is not None and s.claim == "assigned" and s.unit is not None:
            u = self.unit(s.unit)
            doc["unit"] = {**(doc.get("unit") or {}), "code": u.code, "name": u.name, "parent": u.parent}
        return doc

    def feedback(self, folder: Path, *, lang: str = "zh", again: bool = False) -> Report:
        """A feedback workbook for each current version with something to fix, named with its round; a version
        the desk wrote feedback for before only when `again`. The report's files are every version that needs
        feedback."""
        from . import feedback as feedback_module  # openpyxl: imported only when feedback is asked for
        from .validate import Report

        answered = {submission for _, kind, _, _, submission in self.ledger.outputs() if kind == "feedback"}
        written, failed, results = [], [], []
        for result, doc, s in [*self.current(), *self._empty_forms()]:
            if not feedback_module.needed(result):
                continue
            results.append(result)
            if s.id in answered and not again:
                continue
            made, failure = feedback_module.in_batch(result, doc, folder, lang=lang, submission=s.version,
                                                     original=self.ledger.store.path(s.sha256), year=self.year)
            if failure is not None:
                failed.append(failure)
            elif made is not None:
                written.append(made.path)
                self._wrote(made.path, "feedback", s.id)
        return Report(tuple(results), tuple(written), tuple(failed), self.year)

    def write_status(self, out: Path) -> Collection:
        """The status workbook (see `status.write_workbook`), remembered as the desk's own (sent back: no return)."""
        from .status import write_workbook  # xlsxwriter: only when a workbook is asked for

        result = self.status()
        write_workbook(result, out, office=self.name)
        self._wrote(out, "status", None)
        return result

    def merge(self, out: Path, *, include_errors: bool = False, lang: str = "zh",
              on_file: Callable[[], None] | None = None) -> Merged:
        """The total of the current versions: a unit's resubmission replaces its earlier one, never blocks."""
        from . import consolidate

        checked = [(result, doc) for result, doc, _ in self.current()]
        merged = consolidate.merge_checked(checked, out, name=self.name or None, code=self.code or None,
                                           roster=self.units, include_errors=include_errors, year=self.year,
                                           lang=lang, on_file=on_file)
        self._wrote(out, "total", None)
        return merged

    def _wrote(self, path: Path, kind: str, submission: int | None) -> None:
        """Remember a workbook the desk wrote: sent back to it, the same bytes are no return (OWN-OUTPUT)."""
        sha256 = sha256_of(path)
        with self.ledger.writing():
            self.ledger.record_output(sha256, kind, str(path), now(), submission)

    def history(self, unit_text: str) -> tuple[Unit, list[Submission], list[Decision], State]:
        """Every file of a unit and every decision about them, in order."""
        unit, state = self.unit(unit_text), self.state()
        files = state.of_unit.get(unit.code, [])
        numbers = {s.id for s in files}
        return unit, files, [d for d in state.decisions if d.submission in numbers or d.unit == unit.code], state

    def export(self, folder: Path, lang: str = "zh") -> list[Path]:
        """The ledger as JSON (everything but the stored files and documents, and the key that signs the web
        desk's forms) and as two CSV tables in `lang`'s words, for a spreadsheet."""
        state = self.state()
        meta = {key: value for key, value in self.ledger.meta().items() if key != "secret"}
        data = {"meta": meta, "units": [asdict(u) for u in self.units],
                "submissions": [s.to_dict() for s in state.submissions],
                "decisions": [asdict(d) for d in state.decisions],
                "outputs": [dict(zip(("sha256", "kind", "path", "written", "submission"), row, strict=True))
                            for row in self.ledger.outputs()]}
        folder.mkdir(parents=True, exist_ok=True)
        paths = [folder / "ledger.json", folder / "submissions.csv", folder / "decisions.csv"]
        write_json(paths[0], data)
        names = {u.code: u.name for u in self.units}
        write_csv(paths[1], ["收件号", "收到时间", "文件名", "来源", "类别", "单位代码", "单位名称", "第几次", "状态",
                              "错误", "警告", "年度", "结果代码", "退回原因", "SHA-256"],
                   [[s.id, s.received, s.name, where(s.origin), _kind_said(s, lang),
                     s.unit or "", names.get(s.unit or "", ""), s.version or "",
                     text(f"status.{s.status}", lang) if s.status else "", s.errors, s.warnings, s.year or "",
                     " ".join(dict.fromkeys(f["code"] for f in s.findings)), state.rejected.get(s.id, ""), s.sha256]
                    for s in state.submissions])
        write_csv(paths[2], ["序号", "决定", "收件号", "单位代码", "原因", "决定人", "时间"],
                   [[d.id, text(f"action.{d.action}", lang), d.submission, d.unit or "", d.reason, d.who, d.at]
                    for d in state.decisions])
        return paths

    def verify(self) -> Verified:
        """Every stored file re-hashed against the ledger, and the database's own checks."""
        problems: list[Msg] = []
        shas = {s.sha256: s.id for s in reversed(self.ledger.submissions())}  # each file once, by its first row
        for sha256, number in sorted(shas.items(), key=lambda item: item[1]):
            path = self.ledger.store.path(sha256)
            if not path.is_file():
                problems.append(Msg("verify.missing", {"number": number, "sha": sha256[:12]}))
            elif sha256_of(path) != sha256:
                problems.append(Msg("verify.changed", {"number": number, "sha": sha256[:12]}))
        integrity = self.ledger.db.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(Msg("verify.database", {"detail": integrity}))
        if self.ledger.db.execute("PRAGMA foreign_key_check").fetchone() is not None:
            problems.append(Msg("verify.database", {"detail": "foreign_key_check"}))
        stored = {p.name for p in self.ledger.store.folder.iterdir() if len(p.name) == 64} \
            if self.ledger.store.folder.is_dir() else set()
        return Verified(len(shas), problems, self.ledger.store.leftovers(), sorted(stored - set(shas)))


@dataclass(frozen=True)
class Verified:
    files: int  # stored files the ledger names
    problems: list[Msg]  # a file missing or changed, the database damaged: `desk verify` exits 1
    leftovers: list[Path]  # half-written files a crash left (harmless, may be deleted)
    unrecorded: list[str]  # stored files no row names yet (a crash before the commit): adding again records them


def open_desk(folder: Path | None = None) -> Desk:
    """The desk in `folder`, by default the current folder."""
    return Desk((folder or Path.cwd()).resolve())


def _state(value: str | None) -> UnitState:
    return cast(UnitState, value or "unreadable")


def submittable(preview: Preview, unit: str) -> bool:
    """Whether a checked file may be submitted through `unit`'s link: a readable return of that unit's own."""
    r = preview.receipt
    return r.kind == "return" and r.unit is not None and r.unit.code == unit and r.status != "unreadable"


def _kind_said(s: Submission, lang: str) -> str:
    """第2次报送, 空表…; a return no unit has claimed yet has no 第几次."""
    if s.kind == "return" and s.version is None:
        return text("web.unclaimed_return", lang)
    return text(f"kind.{s.kind}", lang, version=s.version or "")


def result_of(s: Submission, doc: Mapping[str, Any] | None) -> FileResult:
    """A version as `validate` would have reported it: what the desk said of the file itself left out."""
    from .validate import FileResult, status

    found = tuple(f for f in map(from_record, s.findings) if not of_receipt(f))
    unit = (doc or {}).get("unit")
    return FileResult(s.name, unit if isinstance(unit, Mapping) else None, s.year,
                      (doc or {}).get("format"), status(found, doc is not None), found, s.contact)


def findings_of(s: Submission) -> list[Finding]:
    return [from_record(f) for f in s.findings]


def _config_data(config: Config | None) -> dict[str, Any]:
    if config is None:
        return {}
    return {"severity": dict(config.severity), "explained": {k: dict(v) for k, v in config.explained.items()}}


def where(origin: Mapping[str, Any]) -> str:
    """Where a file came from, in a line: the path, then the archives and mails it was in."""
    parts = [str(origin.get("path") or ""), *[str(name) for name in origin.get("in") or []][1:]]
    mail = origin.get("mail") or {}
    sender = f"（{mail.get('from')} {mail.get('date')}）" if mail else ""
    member = f" → {origin['member']}" if origin.get("member") else ""
    return " › ".join(p for p in parts if p) + member + sender


def _write_roster(path: Path, units: list[Unit]) -> None:
    extras = list(dict.fromkeys(key for u in units for key in u.extra))
    write_csv(path, ["code", "name", "parent", *extras],
               [[u.code, u.name, u.parent, *(u.extra.get(k, "") for k in extras)] for u in units])


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    """UTF-8 with a BOM (Excel on Chinese Windows opens it right), every cell safe to open (`csv_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([csv_cell(str(v)) for v in row] for row in rows)
    with replacing(path) as tmp:
        tmp.write_text(buffer.getvalue(), encoding="utf-8-sig")

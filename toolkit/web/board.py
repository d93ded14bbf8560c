"""The office's pages: the board of every roster unit, a unit's history, and the downloads (the total, the
status workbook, every feedback workbook), all computed from the ledger as the `desk` commands compute them."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.desk import Desk, State, result_of, where
from toolkit.errors import NianbaoError
from toolkit.findings import Finding
from toolkit.ledger import Decision, Submission
from toolkit.roster import Unit, code_key
from toolkit.status import UnitStatus

if TYPE_CHECKING:
    from .app import Site

SORTS = ("position", "code", "name", "state", "versions", "received")
STATES = ("missing", "rejected", "empty", "other_year", "unreadable", "error", "warning", "ok")  # worst first: the sort
OTHERS_SHOWN = 50  # files that are not returns, the latest first


@dataclass(frozen=True)
class Row:
    position: int
    status: UnitStatus
    state: str  # one of STATES: a status, with 未报送 told apart by what came instead (an empty form, last year's,
    # returns the office set aside)
    received: str  # the latest version's time, "" for none
    contact: str  # 填报人 and 联系电话 of the current version
    passed_over: bool = False  # returns came after the one the office accepted, and do not count


@dataclass(frozen=True)
class Board:
    rows: list[Row]
    counts: dict[str, int]  # by state, over every unit (not only those shown)
    total: int
    chosen: str  # the state filtered on, "" for all
    sort: str
    query: str
    unclaimed: list[Submission]
    others: list[tuple[Submission, str]]  # with where each came from
    units: list[Unit]

    @classmethod
    def of(cls, desk: Desk, query: Mapping[str, str]) -> Board:
        state = desk.state()
        rows = [_row(i, u, bool(state.passed_over(u.code))) for i, u in enumerate(desk.status().units)]
        counts = {s: sum(r.state == s for r in rows) for s in STATES}
        chosen = query.get("state", "") if query.get("state", "") in STATES else ""
        sort = query.get("sort", "position") if query.get("sort") in SORTS else "position"
        text = query.get("q", "").strip()[:50]
        words = [code_key(w) for w in text.replace("\u3000", " ").split()]  # 全角 too, each word somewhere
        shown = [r for r in rows if (not chosen or r.state == chosen) and all(
            w in code_key(r.status.code) or w in code_key(r.status.name) for w in words)]
        shown.sort(key=_SORT_KEYS[sort], reverse=sort in ("versions", "received"))
        others = [s for s in reversed(state.submissions) if s.kind not in ("return", "duplicate", "container")]
        return cls(shown, counts, len(rows), chosen, sort, text, state.returns(None),
                   [(s, where(s.origin)) for s in others[:OTHERS_SHOWN]], desk.units)


_SORT_KEYS: dict[str, Callable[[Row], Any]] = {
    "position": lambda r: r.position, "code": lambda r: r.status.code, "name": lambda r: r.status.name,
    "state": lambda r: (STATES.index(r.state), r.position), "versions": lambda r: len(r.status.versions),
    "received": lambda r: r.received,
}


def _row(position: int, u: UnitStatus, passed_over: bool) -> Row:
    state = {"EMPTY": "empty", "YEAR-MISMATCH": "other_year", "REJECTED": "rejected"}.get(u.note or "", u.status) \
        if u.status == "missing" else u.status
    contact = " ".join(str(u.contact.get(k) or "") for k in ("preparer", "phone")).strip()
    return Row(position, u, state, u.last_received or "", contact, passed_over)


@dataclass(frozen=True)
class History:
    """A unit's page for the office: every file of the unit, what was decided, its current version's checks."""

    unit: Unit
    status: UnitStatus
    submissions: list[Submission]
    decisions: list[Decision]
    state: State
    current: Submission | None
    findings: list[Finding]
    document: dict[str, Any] | None
    names: dict[str, str]  # unit code → name, for what the decisions name

    @classmethod
    def of(cls, desk: Desk, code: str) -> History:
        unit, submissions, decisions, state = desk.history(code)
        status = next(u for u in desk.status().units if u.code == unit.code)
        current = state.current(unit.code)
        doc = desk.document(current) if current is not None else None
        found = list(result_of(current, doc).findings) if current is not None else []
        return cls(unit, status, submissions, decisions, state, current, found, doc,
                   {u.code: u.name for u in desk.units})


# ---------------------------------------------------------------- downloads


def _total(site: Site) -> tuple[bytes, str, str]:
    from .app import XLSX

    name = f"{site.desk.year}_{site.desk.name or site.desk.code or 'desk'}_汇总.xlsx"
    with tempfile.TemporaryDirectory() as tmp, site.lock:
        out = Path(tmp) / "total.xlsx"
        try:
            site.desk.merge(out, lang=site.lang)
        except NianbaoError as exc:  # said without the command line's options
            raise NianbaoError("web.merge_nothing", **exc.params) if exc.key == "merge.nothing" else exc from exc
        return out.read_bytes(), name, XLSX


def _status(site: Site) -> tuple[bytes, str, str]:
    from .app import XLSX

    with tempfile.TemporaryDirectory() as tmp, site.lock:
        out = Path(tmp) / "status.xlsx"
        site.desk.write_status(out)
        return out.read_bytes(), f"{site.desk.year}_报送情况.xlsx", XLSX


def _feedback(site: Site) -> tuple[bytes, str, str]:
    with tempfile.TemporaryDirectory() as tmp, site.lock:
        report = site.desk.feedback(Path(tmp), lang=site.lang, again=True)
        if not report.feedback:  # not an empty zip: say so
            raise NianbaoError("web.no_feedback_at_all")
        return zipped(list(report.feedback)), f"{site.desk.year}_校验意见.zip", "application/zip"


def zipped(files: list[Path]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path in files:
            z.write(path, path.name)
    return out.getvalue()


DOWNLOADS: dict[str, Callable[[Site], tuple[bytes, str, str]]] = {
    "total": _total, "status": _status, "feedback": _feedback}

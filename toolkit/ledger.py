"""The desk's ledger (报送台账) and its store: every file received, byte for byte, and what became of it.

A desk is a folder: `desk.db`, an SQLite database in WAL mode whose schema is the numbered scripts of
`schemas/ledger/` (`PRAGMA user_version` says how many a ledger has had; opening one runs the rest, in a
transaction), and `files/<sha256>`, every file ever received, never changed or deleted.

A file is stored (written, flushed to disk, renamed into place) before the ledger row naming it commits,
so a crash at any point leaves a desk whose every row has its file; a stored file without a row is
harmless, and adding it again completes it. Writers take SQLite's write lock (`BEGIN IMMEDIATE`), so
processes adding at once wait for each other instead of losing anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from .errors import NianbaoError
from .resources import data_dir

DATABASE, STORE, DRAFTS = "desk.db", "files", "drafts"
Kind = Literal["return", "empty", "wrong_year", "own_output", "not_workbook", "container", "duplicate"]
Action = Literal["accept", "reject", "assign"]
BUSY_SECONDS = 60  # how long a writer waits for another to finish before giving up
BATCH_FLUSH = hasattr(os, "sync")  # POSIX: a batch of stored files flushed at once (`Store.flush`)


def migrations() -> list[str]:
    """The schema's scripts, in order: the n-th takes a ledger from version n - 1 to n."""
    return [p.read_text(encoding="utf-8") for p in sorted(data_dir("schemas").joinpath("ledger").glob("*.sql"))]


@dataclass(frozen=True)
class Submission:
    """One file received: a row of `submissions` (without its document, read apart: see `Ledger.document`).
    Its JSON columns are read when asked for: a status over ten thousand rows needs few of them."""

    id: int
    sha256: str
    name: str
    origin_json: str
    received: str
    kind: Kind
    unit: str | None
    claim: str | None
    version: int | None
    status: str | None
    errors: int
    warnings: int
    year: int | None
    findings_json: str
    contact_json: str
    duplicate_of: int | None

    @cached_property
    def origin(self) -> dict[str, Any]:
        """Where it came from: the path given, the archives (`in`) and `member`, the `mail`'s headers."""
        return dict(json.loads(self.origin_json))

    @cached_property
    def findings(self) -> list[dict[str, Any]]:
        """Records of what the desk said of it and what its checks found (`toolkit.findings.from_record`)."""
        return list(json.loads(self.findings_json))

    @cached_property
    def contact(self) -> dict[str, str]:
        return dict(json.loads(self.contact_json))

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in _COLUMNS}


@dataclass(frozen=True)
class Decision:
    id: int
    action: Action
    submission: int
    unit: str | None
    reason: str
    who: str
    at: str


_COLUMNS = ("id", "sha256", "name", "origin", "received", "kind", "unit", "claim", "version", "status", "errors",
            "warnings", "year", "findings", "contact", "duplicate_of")


@dataclass(frozen=True)
class Draft:
    """A file a unit checked in the browser, not (yet) submitted: its bytes are in `drafts/<sha256>`."""

    id: int
    unit: str
    sha256: str
    name: str
    uploaded: str
    submission: int | None


class Ledger:
    """One desk's database. Reads see the last commit; `writing()` is one transaction holding the write lock."""

    def __init__(self, folder: Path, *, create: bool = False) -> None:
        self.folder = folder
        path = folder / DATABASE
        if not create and not path.is_file():
            raise NianbaoError("desk.not_a_desk", path=folder)
        self.db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = FULL")  # a commit survives a power cut, not only a crash
        if self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise NianbaoError("desk.no_wal", path=path)
        self._migrate()
        self.store = Store(folder / STORE)
        self.drafts = Store(folder / DRAFTS)

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        scripts = migrations()
        with self.writing():
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(scripts):
                raise NianbaoError("desk.newer", path=self.folder, version=version, known=len(scripts))
            for number, script in enumerate(scripts[version:], start=version + 1):
                for statement in _statements(script):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ---------------------------------------------------------------- settings and roster

    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def set_meta(self, values: Mapping[str, str]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items())

    def units(self) -> list[tuple[str, str, str, dict[str, str]]]:
        """(code, name, parent, the roster's other columns), in the roster's order."""
        rows = self.db.execute("SELECT code, name, parent, extra FROM units ORDER BY position")
        return [(code, name, parent, json.loads(extra)) for code, name, parent, extra in rows]

    def set_units(self, units: list[tuple[str, str, str, Mapping[str, str]]]) -> None:
        self.db.executemany("INSERT INTO units (code, name, parent, extra, position) VALUES (?, ?, ?, ?, ?)",
                            [(code, name, parent, _json(extra), i) for i, (code, name, parent, extra) in
                             enumerate(units)])

    # ---------------------------------------------------------------- submissions

    def first_with(self, sha256: str) -> Submission | None:
        """The first file received with these bytes (not a note of receiving them again)."""
        query = _select("WHERE sha256 = ? AND kind != 'duplicate' ORDER BY id LIMIT 1")
        row = self.db.execute(query, (sha256,)).fetchone()
        return _submission(row) if row else None

    def received_from(self, sha256: str, origin: Mapping[str, Any]) -> int | None:
        """The receipt of these bytes from this very place, if they came from there before (a folder added
        again)."""
        row = self.db.execute("SELECT id FROM submissions WHERE sha256 = ? AND origin = ? ORDER BY id LIMIT 1",
                              (sha256, _json(origin))).fetchone()
        return row[0] if row else None

    def output_kind(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT kind FROM outputs WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def next_version(self, unit: str) -> int:
        row = self.db.execute("SELECT max(version) FROM submissions WHERE unit = ?", (unit,)).fetchone()
        return (row[0] or 0) + 1

    def insert(self, row: Mapping[str, Any], document: bytes | None) -> int:
        """A submission; `row` by column name (origin, findings and contact as data), its report document
        `packed`. Inside `writing()`."""
        values = {**row, "origin": _json(row["origin"]), "findings": _json(row.get("findings", [])),
                  "contact": _json(row.get("contact", {})), "document": document}
        unknown = set(values) - {*_COLUMNS, "document"}
        if unknown:
            raise ValueError(f"no such columns: {sorted(unknown)}")
        statement = f"INSERT INTO submissions ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})"  # noqa: S608 — names checked above, values bound
        cursor = self.db.execute(statement, tuple(values.values()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def claim(self, submission: int, unit: str, version: int | None) -> None:
        self.db.execute("UPDATE submissions SET unit = ?, claim = 'assigned', version = ? WHERE id = ?",
                        (unit, version, submission))

    def submissions(self, unit: str | None = None) -> list[Submission]:
        """Every submission (of one unit), in the order received."""
        where, args = ("WHERE unit = ?", (unit,)) if unit is not None else ("", ())
        rows = self.db.execute(_select(f"{where} ORDER BY id"), args)
        return [_submission(row) for row in rows]

    def submission(self, number: int) -> Submission | None:
        row = self.db.execute(_select("WHERE id = ?"), (number,)).fetchone()
        return _submission(row) if row else None

    def document(self, number: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT document FROM submissions WHERE id = ?", (number,)).fetchone()
        return json.loads(zlib.decompress(row[0])) if row and row[0] is not None else None

    # ---------------------------------------------------------------- decisions, outputs, last year

    def decide(self, action: Action, submission: int, unit: str | None, reason: str, who: str, at: str) -> int:
        cursor = self.db.execute("INSERT INTO decisions (action, submission, unit, reason, who, at) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", (action, submission, unit, reason, who, at))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def decisions(self) -> list[Decision]:
        rows = self.db.execute("SELECT id, action, submission, unit, reason, who, at FROM decisions ORDER BY id")
        return [Decision(*row) for row in rows]

    def record_output(self, sha256: str, kind: str, path: str, written: str, submission: int | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO outputs (sha256, kind, path, written, submission) "
                        "VALUES (?, ?, ?, ?, ?)", (sha256, kind, path, written, submission))

    def outputs(self) -> list[tuple[str, str, str, str, int | None]]:
        return list(self.db.execute("SELECT sha256, kind, path, written, submission FROM outputs ORDER BY written"))

    def set_previous(self, reports: Mapping[tuple[str, int], Mapping[str, Any]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO previous (code, year, document) VALUES (?, ?, ?)",
                            [(code, year, packed(doc)) for (code, year), doc in reports.items()])

    def previous(self) -> dict[tuple[str, int], dict[str, Any]]:
        rows = self.db.execute("SELECT code, year, document FROM previous")
        return {(code, year): json.loads(zlib.decompress(blob)) for code, year, blob in rows}


    # ---------------------------------------------------------------- the browser: links and drafts

    def add_link(self, unit: str, digest: str, created: str) -> None:
        """A link for `unit` (or "*", the office) by its token's digest, the unit's earlier links revoked."""
        self.db.execute("UPDATE links SET revoked = ? WHERE unit = ? AND revoked IS NULL", (created, unit))
        self.db.execute("INSERT INTO links (unit, hash, created) VALUES (?, ?, ?)", (unit, digest, created))

    def revoke_links(self, unit: str, at: str) -> int:
        return self.db.execute("UPDATE links SET revoked = ? WHERE unit = ? AND revoked IS NULL", (at, unit)).rowcount

    def link_holder(self, digest: str) -> str | None:
        """Whose working link has this digest: a unit's code, "*" for the office, None for nobody."""
        row = self.db.execute("SELECT unit FROM links WHERE hash = ? AND revoked IS NULL", (digest,)).fetchone()
        return row[0] if row else None

    def add_draft(self, unit: str, sha256: str, name: str, uploaded: str) -> int:
        cursor = self.db.execute("INSERT INTO drafts (unit, sha256, name, uploaded) VALUES (?, ?, ?, ?)",
                                 (unit, sha256, name, uploaded))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def stale_drafts(self, unit: str, keep: int) -> set[str]:
        """The files of `unit`'s drafts not submitted and older than its newest `keep` such, that no other draft
        still names: to delete, so that uploading again and again cannot fill the disk."""
        rows = self.db.execute("SELECT id, sha256 FROM drafts WHERE unit = ? AND submission IS NULL ORDER BY id DESC",
                               (unit,)).fetchall()
        old = {number for number, _ in rows[keep:]}
        return {sha for sha in {sha for _, sha in rows[keep:]}
                if all(n in old for (n,) in self.db.execute("SELECT id FROM drafts WHERE sha256 = ?", (sha,)))}

    def draft(self, number: int) -> Draft | None:
        row = self.db.execute("SELECT id, unit, sha256, name, uploaded, submission FROM drafts WHERE id = ?",
                              (number,)).fetchone()
        return Draft(*row) if row else None

    def submitted(self, draft: int, submission: int) -> None:
        self.db.execute("UPDATE drafts SET submission = ? WHERE id = ?", (submission, draft))


class Store:
    """`files/<sha256>`: content-addressed, each file written once, whole, and never touched again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, sha256: str) -> Path:
        return self.folder / sha256

    def put(self, data: bytes, sha256: str | None = None, *, deferred: bool = False) -> str:
        """Store `data` and return its SHA-256; on disk, name and all, when this returns, or when `deferred`
        once the caller has called `flush` (one flush for a batch of files costs far less than one each)."""
        sha256 = sha256 or hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.is_file() and sha256_of(target) == sha256:
            return sha256  # the same bytes are there (a name is its content)
        self.folder.mkdir(exist_ok=True)
        alone = not (deferred and BATCH_FLUSH)
        fd, name = tempfile.mkstemp(prefix=".incoming-", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                if alone:
                    f.flush()
                    os.fsync(f.fileno())
            Path(name).chmod(0o444)  # read-only: nothing of ours ever writes a stored file again
            Path(name).replace(target)  # named only once whole (flushed first, or with it by `flush`)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        if alone:
            self._flush_names()
        return sha256

    def flush(self) -> None:
        """Put every file stored with `deferred` on disk, its bytes and its name, before a row names it."""
        if BATCH_FLUSH:
            os.sync()

    def _flush_names(self) -> None:
        """Make the names in the folder durable (POSIX; Windows has no directory handles to flush)."""
        if os.name != "posix":
            return
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def leftovers(self) -> list[Path]:
        """Files a crash left half-written (never named as content): safe to delete."""
        return sorted(self.folder.glob(".incoming-*")) if self.folder.is_dir() else []


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _statements(script: str) -> list[str]:
    """The statements of a migration script, one by one: `executescript` would commit the transaction."""
    out, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    return [s for s in out if s.strip(" ;\n")]


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def packed(document: Mapping[str, Any]) -> bytes:
    """A report document as the ledger keeps it: JSON, compressed (a tenth of its size, quickly)."""
    return zlib.compress(_json(document).encode("utf-8"), 1)


def _select(clauses: str) -> str:
    return f"SELECT {', '.join(_COLUMNS)} FROM submissions {clauses}"  # noqa: S608 — our clauses, values bound


def _submission(row: tuple[Any, ...]) -> Submission:
    return Submission(*row)

-- The collection desk's ledger, version 1 (see toolkit/ledger.py and DESIGN.md "The collection desk").
-- Applied in one transaction; PRAGMA user_version says which of these files a ledger has had.

-- the desk's settings: year, name, code of the office, format, created, config (JSON)
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- the roster, in its order, with its other columns (联系人, 电话…) as JSON
CREATE TABLE units (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    position INTEGER NOT NULL
);

-- every file received, in order: its receipt number is the id
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,               -- the stored file: files/<sha256>
    name TEXT NOT NULL,                 -- its name as it came
    origin TEXT NOT NULL,               -- JSON: the path given, the archive and member, the mail and its sender
    received TEXT NOT NULL,             -- ISO 8601, local time with its offset
    kind TEXT NOT NULL CHECK (kind IN ('return', 'empty', 'wrong_year', 'own_output', 'not_workbook',
                                       'container', 'duplicate')),
    unit TEXT REFERENCES units (code),  -- NULL: unclaimed
    claim TEXT CHECK (claim IN ('code', 'name', 'file_name', 'assigned')),
    version INTEGER,                    -- the unit's n-th return (第 n 次报送); returns only
    status TEXT CHECK (status IN ('ok', 'warning', 'error', 'unreadable')),
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    year INTEGER,
    findings TEXT NOT NULL DEFAULT '[]',  -- JSON records of toolkit.findings.Finding, the receipt's first
    contact TEXT NOT NULL DEFAULT '{}',   -- JSON: 填报人, 联系电话… from the cover
    document BLOB,                      -- the report document, JSON compressed with zlib
    duplicate_of INTEGER REFERENCES submissions (id),
    UNIQUE (unit, version)
);
CREATE INDEX submissions_by_sha256 ON submissions (sha256);
CREATE INDEX submissions_by_unit ON submissions (unit, id);

-- what the office decided, in order: accept (pin a version), reject (set one aside), assign (claim a file)
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'assign')),
    submission INTEGER NOT NULL REFERENCES submissions (id),
    unit TEXT REFERENCES units (code),
    reason TEXT NOT NULL DEFAULT '',
    who TEXT NOT NULL,
    at TEXT NOT NULL
);

-- the workbooks the desk wrote (feedback, totals): the same bytes sent back are no return
CREATE TABLE outputs (
    sha256 TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('feedback', 'total')),
    path TEXT NOT NULL,
    written TEXT NOT NULL,
    submission INTEGER REFERENCES submissions (id)
);

-- last year's reports, for the checks between years (X-1…): the report document by unit and year
CREATE TABLE previous (
    code TEXT NOT NULL,
    year INTEGER NOT NULL,
    document BLOB NOT NULL,
    PRIMARY KEY (code, year)
);

-- Version 2: the desk in a browser (toolkit/web, `nianbao desk links`, `nianbao serve`).

-- access links: a unit's (or the office's, unit '*') random token, of which only the SHA-256 is kept
CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    unit TEXT NOT NULL,                 -- a roster code, or '*': the office, which sees everything
    hash TEXT NOT NULL UNIQUE,          -- hex SHA-256 of the token
    created TEXT NOT NULL,
    revoked TEXT                        -- when it stopped working; NULL while it works
);
CREATE INDEX links_by_unit ON links (unit);

-- files a unit checked in the browser before submitting (bytes in drafts/<sha256>, deleted when old)
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    unit TEXT NOT NULL REFERENCES units (code),
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,                 -- as the browser named it: shown, never a path
    uploaded TEXT NOT NULL,
    submission INTEGER REFERENCES submissions (id)  -- once submitted
);
CREATE INDEX drafts_by_unit ON drafts (unit, id);

-- the key that signs the pages' forms (CSRF tokens), made once per desk
INSERT INTO meta (key, value) VALUES ('secret', lower(hex(randomblob(32))));

"""The journal's tables, its format version, and the migrations from one version to the next.

Tables: ``meta`` (app marker, schema version), ``entries`` (the current data of each entry),
``revisions`` (every saved version, append-only) and, from version 2, ``audio`` (the recording of
each spoken rehearsal, named by its SHA-256).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APP_ID = "stepup-journal"
SCHEMA_VERSION = 2

SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    data TEXT NOT NULL
);
CREATE INDEX entries_kind ON entries(kind, created_at);
CREATE TABLE revisions (
    entry_id TEXT NOT NULL REFERENCES entries(id),
    rev INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    data TEXT,
    PRIMARY KEY (entry_id, rev)
);
"""

# Migrations from version N to N+1, each run in one transaction after a backup copy is made.
Migration = Callable[[sqlite3.Connection], None]


def _add_audio_table(con: sqlite3.Connection) -> None:
    """Version 2: spoken rehearsals keep their recordings here, each once, named by SHA-256."""
    con.execute(
        "CREATE TABLE audio (sha256 TEXT PRIMARY KEY, mime TEXT NOT NULL, data BLOB NOT NULL, "
        "saved_at TEXT NOT NULL)"
    )


MIGRATIONS: dict[int, Migration] = {1: _add_audio_table}

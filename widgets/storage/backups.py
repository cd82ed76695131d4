"""Journal files made whole or not at all: a new journal, a backup copy beside it, and the
migration of an older journal to this Step Up's format (after a backup)."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import uuid
from pathlib import Path

from widgets.i18n import gettext as _
from widgets.storage import clock, schema
from widgets.storage.checks import BUSY_TIMEOUT_S, connect_readonly
from widgets.storage.errors import JournalError
from widgets.storage.files import staged, sync


def create_journal(path: Path) -> None:
    """Create an empty journal atomically: built beside the target, then renamed into place.
    A folder this user may not write, or a full disk, is a sentence and leaves nothing."""
    try:
        _create_journal(path)
    except (OSError, sqlite3.DatabaseError) as error:
        full = getattr(error, "errno", None) == errno.ENOSPC or "full" in str(error)
        problem = (
            _("the disk is full.")
            if full
            else _("this user may not write its folder ({problem}).").format(
                problem=getattr(error, "strerror", None) or error
            )
        )
        advice = (
            _("Free some space and try again.")
            if full
            else _("Set STEPUP_JOURNAL (or --journal) to a file in a folder you can write.")
        )
        # TRANSLATORS: {problem} is a clause ending in a full stop, {advice} a sentence.
        raise JournalError(
            _(
                "Step Up cannot create a journal at {path}: {problem} Nothing was written. {advice}"
            ).format(path=path, problem=problem, advice=advice)
        ) from None


def _create_journal(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with staged(path.with_name(f".{path.name}.{uuid.uuid4().hex}.new")) as staging:
        with contextlib.closing(sqlite3.connect(staging, isolation_level=None)) as con:
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("BEGIN")
            for statement in filter(str.strip, schema.SCHEMA_V1.split(";")):
                con.execute(statement)
            for version in range(1, schema.SCHEMA_VERSION):
                schema.MIGRATIONS[version](con)
            con.execute(
                "INSERT INTO meta VALUES ('app', ?), ('schema_version', ?), ('created_at', ?)",
                (schema.APP_ID, str(schema.SCHEMA_VERSION), clock.timestamp()),
            )
            con.execute("COMMIT")
        os.replace(staging, path)


def backup_copy(path: Path, suffix: str) -> Path:
    """A consistent copy of the journal beside it (mode 0600), e.g. before a migration.

    Written under a hidden name and renamed into place: a backup is whole or absent.
    """
    target = path.with_name(f"{path.name}.{suffix}.bak")
    if target.exists():
        target = path.with_name(f"{path.name}.{suffix}.{uuid.uuid4().hex[:8]}.bak")
    with staged(path.with_name(f".{target.name}.{uuid.uuid4().hex}.new")) as staging:
        with (
            contextlib.closing(connect_readonly(path)) as source,
            contextlib.closing(sqlite3.connect(staging)) as copy,
        ):
            source.backup(copy)
        sync(staging)
        os.replace(staging, target)
    return target


def migrate(path: Path, version: int) -> None:
    """Bring the journal at ``path`` from ``version`` to this Step Up's, in one transaction,
    after a backup copy (``journal.sqlite.v1.bak``)."""
    backup_copy(path, f"v{version}")
    with contextlib.closing(
        sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    ) as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            while version < schema.SCHEMA_VERSION:
                schema.MIGRATIONS[version](con)
                version += 1
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

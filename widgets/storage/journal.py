"""The engineer's journal: one SQLite file, a document store with a full revision history.

A save is one transaction that updates the entry and appends its revision, so an answer is
either fully stored or not at all. Before anything is written, an existing file is checked
through a read-only connection (``checks``): a file that is not SQLite, is truncated or corrupt,
is some other program's database, or was written by a newer Step Up is refused with a
:class:`JournalError` and left byte-for-byte as it was.

The jobs around it have their own modules: the format and its migrations (``schema``), the
checks before opening (``checks``), a new journal, backups and migrating (``backups``), files
written whole (``files``), recordings (``audio``), listeners (``notifications``), what a
refused write says (``write_refusals``) and what an entry is (``snapshot``). The names callers use
are importable from here as well.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Self

from pydantic import ValidationError

from widgets.i18n import gettext as _
from widgets.storage import audio as audio_module
from widgets.storage import clock, schema, write_refusals
from widgets.storage.audio import AUDIO_TYPES, MAX_CLIP_BYTES, MAX_JOURNAL_AUDIO_BYTES
from widgets.storage.backups import backup_copy, create_journal, migrate
from widgets.storage.checks import (
    BUSY_TIMEOUT_S,
    cannot_open_for_writing,
    check_creatable,
    check_file,
    check_journal_folder,
    check_writable,
    companions_present,
    connect_readonly,
    sweep_reader_companions,
)
from widgets.storage.errors import (
    CorruptJournalError,
    JournalError,
    JournalReplacedError,
    NewerJournalError,
    NotAJournalError,
    ReadOnlyJournalError,
    RecordInvalidError,
    megabytes,
)
from widgets.storage.files import (
    SQLITE_COMPANIONS,
    SQLITE_HEADER,
    OutputPathError,
    check_output_path,
    remove_stale_staging,
    write_private_file,
)
from widgets.storage.notifications import Changes, Subscription
from widgets.storage.records import Record, describe_errors, model_for
from widgets.storage.schema import SCHEMA_VERSION
from widgets.storage.snapshot import Entry, JournalSnapshot, Revision

__all__ = [
    "AUDIO_TYPES",
    "MAX_CLIP_BYTES",
    "MAX_JOURNAL_AUDIO_BYTES",
    "SCHEMA_VERSION",
    "SQLITE_COMPANIONS",
    "SQLITE_HEADER",
    "CorruptJournalError",
    "Entry",
    "Journal",
    "JournalError",
    "JournalReplacedError",
    "JournalSnapshot",
    "NewerJournalError",
    "NotAJournalError",
    "OutputPathError",
    "ReadOnlyJournalError",
    "RecordInvalidError",
    "Revision",
    "Subscription",
    "backup_copy",
    "check_file",
    "check_journal_folder",
    "check_output_path",
    "companions_present",
    "connect_writable",
    "megabytes",
    "remove_stale_staging",
    "sweep_reader_companions",
    "write_private_file",
]


def connect_writable(path: Path) -> sqlite3.Connection:
    """A connection that writes the journal at ``path`` (already checked) in WAL mode."""
    con = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA foreign_keys = ON")
        # What is deleted (a spoken take's recording) is overwritten with zeros, not left in
        # free pages for anyone who reads the file's bytes.
        con.execute("PRAGMA secure_delete = ON")
    except sqlite3.OperationalError:
        con.close()
        raise
    return con


class Journal:
    """One engineer's journal.

    Parameters
    ----------
    path : the SQLite file. A missing file is created (mode 0600) unless ``readonly``.
    readonly : open through SQLite's ``mode=ro``: no code path can write, not even a bug.

    Examples
    --------
    >>> journal = Journal(tmp_path / "journal.sqlite")          # doctest: +SKIP
    >>> journal.save(Profile(alias="Asha"))                     # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike, readonly: bool = False):
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self._changes = Changes()
        # Changes inside transaction(), told after its commit, and the thread running it.
        self._batch: dict[str, str] | None = None
        self._batch_thread: int | None = None
        # ipykernel 7 may run a widget's callback on another thread than the cell that opened
        # the journal: one connection shared across threads, every use serialised by this lock.
        self._lock = threading.RLock()
        check_journal_folder(self.path)
        if not self.path.exists():
            check_creatable(self.path, readonly)
            create_journal(self.path)
        version = check_file(self.path)
        if readonly:
            self._con = connect_readonly(self.path)
        else:
            check_writable(self.path)
            self._con = self._open_writable(version)
        self._con.row_factory = sqlite3.Row
        # Which contents this connection was opened on: an import that replaces them changes it,
        # and every write checks it first (see _write).
        self._generation = self._read_generation()

    def _open_writable(self, version: int) -> sqlite3.Connection:
        """Migrate an older journal, then connect to write; a failure is a sentence, and leaves
        beside the journal nothing the attempt made."""
        made = not companions_present(self.path)
        try:
            if version < schema.SCHEMA_VERSION:
                migrate(self.path, version)
            con = connect_writable(self.path)
        except (OSError, sqlite3.OperationalError) as error:
            if made:  # what the failed open made beside it, nothing else
                sweep_reader_companions(self.path)
            raise cannot_open_for_writing(self.path, error) from None
        remove_stale_staging(self.path)
        return con

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection; the journal cannot be read or written through this object after."""
        with self._lock:
            self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r}, readonly={self.readonly})"

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front so two writers queue instead of deadlocking."""
        if self.readonly:
            raise write_refusals.read_only(self.path)
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        with self._lock:
            if self._batch is not None:  # inside transaction(): one commit, at its end
                yield self._con
                return
            while True:
                try:
                    self._con.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as error:
                    busy = "locked" in str(error) or "busy" in str(error)
                    if busy and time.monotonic() > deadline:
                        raise write_refusals.busy(self.path) from error
                    if not busy:
                        raise write_refusals.write_failed(self.path, error) from error
                    time.sleep(0.05)
            # Under the write lock: no import can slip in after.
            if self._read_generation() != self._generation:
                self._rollback()
                raise write_refusals.replaced(self.path)
            try:
                yield self._con
                self._con.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                self._rollback()
                raise write_refusals.write_failed(self.path, error) from error
            except BaseException:
                self._rollback()
                raise

    def _read_generation(self) -> str:
        row = self._con.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return row[0] if row else ""

    def replace_contents(
        self,
        entries: list[tuple],
        revisions: list[tuple],
        backup_suffix: str | None,
        audio: list[tuple] = (),
    ) -> Path | None:
        """Replace every entry, revision and recording in one transaction, after a backup taken
        under the same lock; every other ``Journal`` open on this file refuses its next write
        (see ``_write``).

        ``entries``: (id, kind, created_at, updated_at, deleted_at, data) rows; ``revisions``:
        (entry_id, rev, saved_at, data); ``audio``: (sha256, mime, bytes, saved_at). Returns the
        backup's path, if one was asked for.
        """
        backup = None
        with self._write() as con:
            if backup_suffix is not None:  # inside the lock: every save confirmed so far is in it
                backup = backup_copy(self.path, backup_suffix)
            con.execute("DELETE FROM revisions")
            con.execute("DELETE FROM entries")
            con.execute("DELETE FROM audio")
            con.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)", entries)
            con.executemany("INSERT INTO revisions VALUES (?, ?, ?, ?)", revisions)
            con.executemany("INSERT INTO audio VALUES (?, ?, ?, ?)", audio)
            self._generation = uuid.uuid4().hex
            con.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (self._generation,))
        return backup

    def _rollback(self) -> None:
        with contextlib.suppress(
            sqlite3.Error
        ):  # SQLite may already have rolled back (disk full, I/O error)
            self._con.execute("ROLLBACK")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Several saves as one: every one of them is committed, or none is (a command that
        writes two records, such as a thought record and the plan action it ends in).

        Listeners hear of the changes once, after the commit.
        """
        with self._lock:
            if self._batch is not None:
                yield
                return
            try:
                with self._write():
                    self._batch, self._batch_thread = {}, threading.get_ident()
                    yield
                changed = self._batch
            finally:
                self._batch, self._batch_thread = None, None
        for kind, entry_id in changed.items():
            self._changes.changed(kind, entry_id)

    def _changed(self, kind: str, entry_id: str) -> None:
        """A committed change for the listeners; inside transaction(), held until its commit."""
        if self._batch is not None and self._batch_thread == threading.get_ident():
            self._batch[kind] = entry_id
            return
        self._changes.changed(kind, entry_id)

    # -- writing ---------------------------------------------------------------------------
    def on_change(self, callback: Callable[[str, str], None]) -> Subscription:
        """Call ``callback(kind, entry_id)`` after saves or deletes are committed (charts redraw).

        Returns the :class:`Subscription`; ``cancel()`` it when the listener goes away. A bound
        method is held weakly, so a panel nobody holds any more is dropped, not redrawn. A burst
        of saves is told once when the widgets' layer defers the telling (``notifications``).
        """
        return self._changes.subscribe(callback)

    def listener_count(self) -> int:
        """How many listeners :meth:`on_change` holds that are still alive."""
        return self._changes.count()

    def flush_notifications(self) -> None:
        """Deliver every pending change now: each listener hears each changed kind once."""
        self._changes.flush()

    def save(self, record: Record, entry_id: str | None = None) -> Entry:
        """Validate and store a record as a new revision; returns the stored entry.

        A singleton kind (the profile) is always stored under its kind's name. Saving data
        equal to the stored data adds no revision.
        """
        return self._save(record, entry_id)

    def save_take(
        self, record: Record, audio: bytes, mime: str, entry_id: str | None = None
    ) -> Entry:
        """Store a spoken take: its recording and its record, in one transaction.

        ``record.audio`` names the recording (:meth:`AudioRef.of`). Refused with a sentence for the
        engineer, and nothing written, when the clip is empty, larger than
        :data:`MAX_CLIP_BYTES`, not audio of a kind kept here, or would take the journal's
        recordings past :data:`MAX_JOURNAL_AUDIO_BYTES`.
        """
        return self._save(record, entry_id, audio=audio_module.check_take(record, audio, mime))

    def audio(self, sha256: str) -> tuple[bytes, str] | None:
        """A recording's bytes and MIME type, or None when the journal no longer holds it (its
        take was deleted, it was left out of an import, or the journal predates recordings)."""
        with self._lock:
            return audio_module.recording(self._con, sha256)

    def audio_bytes(self) -> int:
        """How many bytes of recordings the journal holds."""
        with self._lock:
            return audio_module.held_bytes(self._con)

    def all_audio(self) -> list[tuple[str, str, bytes, str]]:
        """Every recording, as (sha256, mime, bytes, saved_at), for an export."""
        with self._lock:
            return audio_module.every_recording(self._con)

    def _save(
        self, record: Record, entry_id: str | None, audio: tuple[str, str, bytes] | None = None
    ) -> Entry:
        kind = record.kind
        try:
            data = model_for(kind).model_validate(record.model_dump()).model_dump(mode="json")
        except ValidationError as error:
            raise RecordInvalidError(kind, describe_errors(error), entry_id) from None
        if record.singleton:
            entry_id = kind
        entry_id = entry_id or uuid.uuid4().hex
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        stamp = clock.timestamp()
        with self._write() as con:
            if audio is not None:
                audio_module.keep_audio(con, *audio, stamp)
            row = con.execute(
                "SELECT kind, data, created_at, deleted_at FROM entries WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is not None and row["kind"] != kind:
                raise JournalError(
                    _("Entry {entry!r} is a {found}, not a {kind}; nothing was saved.").format(
                        entry=entry_id, found=row["kind"], kind=kind
                    )
                )
            if row is not None and row["data"] == text and row["deleted_at"] is None:
                return self.get(entry_id)
            if row is None:
                con.execute(
                    "INSERT INTO entries VALUES (?, ?, ?, ?, NULL, ?)",
                    (entry_id, kind, stamp, stamp, text),
                )
            else:
                con.execute(
                    "UPDATE entries SET data = ?, updated_at = ?, deleted_at = NULL WHERE id = ?",
                    (text, stamp, entry_id),
                )
            self._append_revision(con, entry_id, stamp, text)
        self._changed(kind, entry_id)
        # What was just committed, without reading it back (autosave runs on every keystroke's
        # change).
        return Entry(entry_id, kind, stamp if row is None else row["created_at"], stamp, None, data)

    def delete(self, entry_id: str) -> None:
        """Mark an entry deleted; its revisions stay, so it can be recovered.

        A spoken take is the exception: its recording is removed from the file (from every
        revision at once, as revisions only name it), and the write-ahead log is emptied so no
        copy of it is left beside the journal. Its revisions keep the figures and ratings.
        """
        stamp = clock.timestamp()
        with self._write() as con:
            changed = con.execute(
                "UPDATE entries SET deleted_at = ?, updated_at = ? "
                "WHERE id = ? AND deleted_at IS NULL",
                (stamp, stamp, entry_id),
            ).rowcount
            if changed:
                self._append_revision(con, entry_id, stamp, None)
            removed = audio_module.remove_audio_of(con, entry_id)
        if removed:
            with self._lock:
                audio_module.wipe_log(self._con, int(BUSY_TIMEOUT_S * 1000))
            audio_module.remove_audio_from_backups(self.path, removed)
        if changed:
            self._changed(self.get(entry_id).kind, entry_id)

    def delete_take(self, entry_id: str) -> None:
        """Delete a spoken take and its recording (see :meth:`delete`)."""
        self.delete(entry_id)

    @staticmethod
    def _append_revision(
        con: sqlite3.Connection, entry_id: str, stamp: str, text: str | None
    ) -> None:
        con.execute(
            "INSERT INTO revisions SELECT ?, COALESCE(MAX(rev), 0) + 1, ?, ? "
            "FROM revisions WHERE entry_id = ?",
            (entry_id, stamp, text, entry_id),
        )

    # -- reading ---------------------------------------------------------------------------
    @staticmethod
    def _entry(row: sqlite3.Row) -> Entry:
        return Entry(
            row["id"],
            row["kind"],
            row["created_at"],
            row["updated_at"],
            row["deleted_at"],
            json.loads(row["data"]),
        )

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id as it is now, deleted or not; None if there never was one."""
        with self._lock:
            row = self._con.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else self._entry(row)

    def record(self, kind: str, entry_id: str | None = None) -> Record | None:
        """The current record of an entry (a singleton kind needs no id), or None."""
        entry = self.get(entry_id or kind)
        return None if entry is None or entry.deleted_at else entry.record()

    def entries(self, kind: str | None = None, include_deleted: bool = False) -> list[Entry]:
        """The entries of one kind (every kind when None), oldest first; deleted ones only when
        asked for."""
        query = "SELECT * FROM entries WHERE (? IS NULL OR kind = ?)"
        if not include_deleted:
            query += " AND deleted_at IS NULL"
        with self._lock:
            # Entries made in the same second (timestamps are to the second) in the order they
            # were made: rowid grows with each new entry, where the random id would shuffle them.
            rows = self._con.execute(query + " ORDER BY created_at, rowid", (kind, kind)).fetchall()
        return [self._entry(row) for row in rows]

    def live_ids(self) -> list[tuple[str, str]]:
        """(id, kind) of every live entry, in ``entries()``'s order, without reading their data:
        what a reader that already holds some kinds needs to read only the rest."""
        with self._lock:
            rows = self._con.execute(
                "SELECT id, kind FROM entries WHERE deleted_at IS NULL ORDER BY created_at, rowid"
            ).fetchall()
        return [(row["id"], row["kind"]) for row in rows]

    def history(self, entry_id: str) -> list[Revision]:
        """Every saved version of an entry, oldest first; a deletion is a revision with no data."""
        with self._lock:
            rows = self._con.execute(
                "SELECT * FROM revisions WHERE entry_id = ? ORDER BY rev", (entry_id,)
            ).fetchall()
        return [
            Revision(
                r["entry_id"],
                r["rev"],
                r["saved_at"],
                None if r["data"] is None else json.loads(r["data"]),
            )
            for r in rows
        ]

    def snapshot(self) -> JournalSnapshot:
        """Every live entry, read in one query: a consistent, in-memory view for pages that read a
        lot."""
        return JournalSnapshot(self.path, self.entries())

    def version(self) -> tuple[str, int]:
        """Changes with every save, deletion or import (revisions only ever grow; an import
        writes a new generation): a page built from an equal version is up to date."""
        with self._lock:
            revisions = self._con.execute("SELECT COUNT(*) FROM revisions").fetchone()[0]
            return self._read_generation(), revisions

    def history_counts(self) -> tuple[int, int]:
        """(deleted entries, earlier revisions of live entries), counted without reading them:
        what a snapshot for the coach leaves out of the history."""
        with self._lock:
            deleted = self._con.execute(
                "SELECT COUNT(*) FROM entries WHERE deleted_at IS NOT NULL"
            ).fetchone()[0]
            earlier = self._con.execute(
                "SELECT COUNT(*) - COUNT(DISTINCT r.entry_id) FROM revisions r"
                " JOIN entries e ON e.id = r.entry_id WHERE e.deleted_at IS NULL"
            ).fetchone()[0]
        return deleted, earlier

    def counts(self) -> dict[str, int]:
        """Live entries per kind, read in one query (for progress panels)."""
        with self._lock:
            return dict(
                self._con.execute(
                    "SELECT kind, COUNT(*) FROM entries WHERE deleted_at IS NULL GROUP BY kind"
                ).fetchall()
            )

    # -- checking (read-only queries for commands and tests) ---------------------------------
    def query(self, sql: str, parameters: tuple = ()) -> list[sqlite3.Row]:
        """The rows of one read-only SQL statement; a statement that would write is refused by
        SQLite (``sqlite3.OperationalError``), as the journal's own data changes only through
        :meth:`save`, :meth:`delete` and :meth:`replace_contents`."""
        with self._lock:
            if not self.readonly:
                self._con.execute("PRAGMA query_only = ON")
            try:
                return self._con.execute(sql, parameters).fetchall()
            finally:
                if not self.readonly:
                    self._con.execute("PRAGMA query_only = OFF")

    def schema_version(self) -> int:
        """The journal's format version, as stored in it."""
        return int(self.query("SELECT value FROM meta WHERE key = 'schema_version'")[0][0])

    def columns(self, table: str) -> list[str]:
        """The names of a table's columns."""
        return [
            row["name"] for row in self.query("SELECT name FROM pragma_table_info(?)", (table,))
        ]

    def integrity_check(self) -> str:
        """SQLite's full check of the file: "ok", or what is damaged."""
        return self.query("PRAGMA integrity_check")[0][0]

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the journal file and empty it (as a closing writer
        does), so the file alone holds every save."""
        with self._lock:
            self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Hold one read transaction: what this journal reads inside stays as it was when it
        began, whatever other connections write meanwhile (as a page being built does)."""
        with self._lock:
            self._con.execute("BEGIN")
            try:
                self._con.execute("SELECT COUNT(*) FROM entries").fetchone()
                yield
            finally:
                self._con.execute("COMMIT")

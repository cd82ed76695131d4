"""The engineer's journal: one SQLite file, a document store with a full revision history.

Tables: ``meta`` (app marker, schema version), ``entries`` (the current data of each entry),
``revisions`` (every saved version, append-only) and, from version 2, ``audio`` (the recording of
each spoken rehearsal, named by its SHA-256). A save is one transaction that updates the entry and
appends its revision, so an answer is either fully stored or not at all.

A recording is kept once, outside the revisions, which only name it: deleting a take
(:meth:`Journal.delete_take`) removes its bytes from the file for every revision at once, and
``secure_delete`` with a checkpoint of the write-ahead log leaves no copy of them in free pages
or in the ``-wal`` file.

Before anything is written, an existing file is checked through a read-only connection: a file
that is not SQLite, is truncated or corrupt, is some other program's database, or was written by
a newer Step Up is refused with a :class:`JournalError` and left byte-for-byte as it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import hashlib
import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Self
from urllib.parse import quote

from pydantic import ValidationError

from widgets.storage import clock
from widgets.storage.records import STORED, Record, describe_errors, model_for

log = logging.getLogger(__name__)

APP_ID = "stepup-journal"
SCHEMA_VERSION = 2
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 10.0
# Saves that arrive this close together (a slider dragged, a date typed) redraw the panels once.
NOTIFY_DELAY_S = 0.05

_SCHEMA_V1 = """
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

# What recordings a journal keeps. One take: the largest a browser's six minutes can be as WAV
# (widgets/speech.py refuses more for each format). All takes: about two and a half hours at the
# recorder's 32 kbit/s, so that an export carrying them as base64 stays within the 50 MB an
# import reads (storage/transfer.py).
MAX_CLIP_BYTES = 6 * 60 * 16_000 * 2 + 4096
MAX_JOURNAL_AUDIO_BYTES = 35_000_000
AUDIO_TYPES = ("audio/webm", "audio/ogg", "audio/wav")


# How long a delete waits for readers before it leaves emptying the log to later.
WIPE_WAIT_MS = 300


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


class JournalError(Exception):
    """The journal cannot be used; the message is written for the engineer, not for a developer."""


class NotAJournalError(JournalError):
    """The file is not a Step Up journal (not SQLite, or another program's database)."""


class CorruptJournalError(JournalError):
    """The file is a damaged or truncated SQLite database."""


class NewerJournalError(JournalError):
    """The journal was written by a newer Step Up than this one."""


class ReadOnlyJournalError(JournalError):
    """A write was attempted through a read-only journal."""


class JournalReplacedError(JournalError):
    """The journal's contents were replaced (``stepup import --replace``) after this one opened it."""


class RecordInvalidError(JournalError):
    """A record failed validation; ``errors`` lists one sentence per field."""

    def __init__(self, kind: str, errors: list[str], entry_id: str | None = None):
        self.kind, self.errors, self.entry_id = kind, errors, entry_id
        where = f"entry {entry_id!r} ({kind})" if entry_id else f"the {kind}"
        super().__init__(f"{where} was not saved: " + "; ".join(errors))


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    created_at: str
    updated_at: str
    deleted_at: str | None
    data: dict

    def record(self) -> Record:
        return model_for(self.kind).model_validate(self.data, context=STORED)


@dataclass(frozen=True)
class Revision:
    entry_id: str
    rev: int
    saved_at: str
    data: dict | None  # None marks a deletion


def _refuse_message(path: Path, problem: str, advice: str) -> str:
    return f"Step Up cannot open the journal at {path}: {problem} The file was left exactly as it was. {advice}"


def check_file(path: Path) -> int:
    """Check an existing file without writing to it; return its schema version or raise."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except IsADirectoryError:
        raise NotAJournalError(
            _refuse_message(
                path,
                "it is a folder, not a file.",
                "Point STEPUP_JOURNAL or --journal at a journal file.",
            )
        ) from None
    except PermissionError:
        raise JournalError(
            _refuse_message(
                path, "this user may not read it.", "Check the file's owner and permissions."
            )
        ) from None
    if not header:
        raise NotAJournalError(
            _refuse_message(
                path,
                "the file is empty.",
                "Move it away; Step Up then starts a fresh journal there.",
            )
        )
    if not header.startswith(SQLITE_HEADER):
        raise NotAJournalError(
            _refuse_message(
                path,
                "it is not a SQLite database, so it cannot be a Step Up journal.",
                "Check the path, or move the file away to start a fresh journal.",
            )
        )
    if len(header) < 100:
        raise CorruptJournalError(
            _refuse_message(
                path,
                "the file is truncated (shorter than a SQLite header).",
                "Restore it from a backup or a JSON export (stepup import).",
            )
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    # A writer killed mid-checkpoint leaves the header's new size ahead of the pages copied so
    # far; the -wal still holds every frame and SQLite finishes from it (quick_check below
    # judges that file). Only without one is a short file really cut off.
    wal_frames = Path(f"{path}-wal").exists() and Path(f"{path}-wal").stat().st_size > 32
    if page_count and not wal_frames and path.stat().st_size < page_size * page_count:
        raise CorruptJournalError(
            _refuse_message(
                path,
                f"the file is truncated ({path.stat().st_size} bytes where its header promises {page_size * page_count}).",
                "Restore it from a backup or a JSON export (stepup import).",
            )
        )
    # With no -wal beside it, nobody is writing: read it as immutable, so checking a file we
    # then refuse does not even leave SQLite's -wal/-shm companions beside it.
    quiet = not Path(f"{path}-wal").exists()
    try:
        with contextlib.closing(_connect_readonly(path, immutable=quiet)) as con:
            result = con.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise CorruptJournalError(
                    _refuse_message(
                        path,
                        f"SQLite reports damage ({result}).",
                        "Restore it from a backup or a JSON export (stepup import).",
                    )
                )
            tables = {
                row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"meta", "entries", "revisions"} <= tables:
                raise NotAJournalError(
                    _refuse_message(
                        path,
                        "it is a SQLite database, but not a Step Up journal.",
                        "Check the path; Step Up never changes another program's database.",
                    )
                )
            meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError as error:
        raise CorruptJournalError(
            _refuse_message(
                path,
                f"SQLite cannot read it ({error}).",
                "Restore it from a backup or a JSON export (stepup import).",
            )
        ) from None
    if meta.get("app") != APP_ID:
        raise NotAJournalError(
            _refuse_message(
                path,
                "it is a SQLite database, but not a Step Up journal.",
                "Check the path; Step Up never changes another program's database.",
            )
        )
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise CorruptJournalError(
            _refuse_message(
                path,
                "its schema version is missing or unreadable.",
                "Restore it from a backup or a JSON export (stepup import).",
            )
        ) from None
    if version > SCHEMA_VERSION:
        raise NewerJournalError(
            _refuse_message(
                path,
                f"it was written by a newer Step Up (journal format {version}; this version reads up to {SCHEMA_VERSION}).",
                "Update Step Up (git pull, then make lab) to open it.",
            )
        )
    if version < 1:
        raise CorruptJournalError(
            _refuse_message(
                path,
                f"its schema version {version} is not one Step Up ever wrote.",
                "Restore it from a backup or a JSON export (stepup import).",
            )
        )
    return version


def _connect_readonly(path: Path, immutable: bool = False) -> sqlite3.Connection:
    """A connection that cannot write. Where this user cannot make the -shm file a WAL reader
    needs (a read-only disk, or a folder only the journal's owner may write), and nobody is
    writing (no -wal with saves in it), the file is read as immutable."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    con = sqlite3.connect(
        f"file:{quote(str(path.resolve()))}?{flags}",
        uri=True,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=False,
    )
    con.execute("PRAGMA query_only = ON")
    if not immutable:
        try:
            con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.OperationalError:
            con.close()
            if not (_cannot_write_beside(path) or _disk_full(path)):
                raise
            if _wal_in_use(path):
                raise JournalError(
                    _refuse_message(
                        path,
                        "it is being written right now (its -wal file holds saves), and this user "
                        "may not write its folder to read along.",
                        "Try again once Step Up is closed there, or read it as the user who owns it.",
                    )
                ) from None
            return _connect_readonly(path, immutable=True)
    return con


# Run in a child process: closing a file drops every POSIX lock this process holds on it, the
# SQLite connections' own among them. The lock is SQLite's EXCLUSIVE one (its lock bytes from
# 1 GiB): it is free only when no connection in any process has the journal open, and while it
# is held no connection can open it. The -wal is removed only when it holds nothing.
_SWEEP_CODE = """
import fcntl, os, struct, sys
path = sys.argv[1]
fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
fcntl.fcntl(fd, fcntl.F_SETLK, struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0x40000000, 512, 0))
if os.stat(path + "-wal").st_size == 0:
    for suffix in ("-wal", "-shm"):
        os.unlink(path + suffix)
"""


def companions_present(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))


def sweep_reader_companions(path: Path) -> bool:
    """Remove the empty -wal and the -shm that reading a WAL journal made beside it, once no
    connection has it open. SQLite removes them when its last connection closes, but only a
    connection that may write can: after a read-only one (the coach view, export, report) they
    stay. Nothing is written to the journal. Returns whether they are gone."""
    if not (Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()):
        return not companions_present(path)
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [sys.executable, "-I", "-S", "-c", _SWEEP_CODE, str(path)],
            capture_output=True,
            timeout=10,
            check=False,
        )
    return not companions_present(path)


def _on_readonly_disk(path: Path) -> bool:
    return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)


def _disk_full(path: Path) -> bool:
    """Too little room left beside ``path`` for SQLite's -shm (32 KiB) and a page or two."""
    try:
        found = os.statvfs(path.parent)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < 1024 * 1024


def _may_write(path: Path) -> bool:
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)


def _cannot_write_beside(path: Path) -> bool:
    """Whether SQLite cannot make its files beside ``path``: a read-only disk or a folder this
    user may not write."""
    return _on_readonly_disk(path) or not _may_write(path.parent)


def _wal_in_use(path: Path) -> bool:
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


def check_journal_folder(path: Path) -> None:
    """A sentence when the journal's path cannot hold a file: a file where a folder should be."""
    for ancestor in path.parents:
        try:
            found = os.stat(ancestor)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise JournalError(
                f"Step Up cannot use a journal at {path}: {ancestor} cannot be read ({error.strerror}). "
                "Point STEPUP_JOURNAL or --journal at a file in a folder you can use."
            ) from None
        if not stat.S_ISDIR(found.st_mode):
            raise JournalError(
                f"Step Up cannot use a journal at {path}: {ancestor} is a file, not a folder. "
                "Point STEPUP_JOURNAL or --journal at a file in a folder."
            )
        return


@contextlib.contextmanager
def _staging(path: Path) -> Iterator[Path]:
    """A new private file at ``path``, locked (flock) while this process works on it, removed
    after unless renamed away. A crash drops the lock: the next open knows it for a leftover."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.chmod(path, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    finally:
        for leftover in _with_companions(path):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        os.close(fd)


# SQLite's own files beside a database: the rollback journal (a copy made with the default
# journal mode) and the write-ahead log with its index.
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")


def _with_companions(path: Path) -> list[Path]:
    return [path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)]


def create_journal(path: Path) -> None:
    """Create an empty journal atomically: built beside the target, then renamed into place.
    A folder this user may not write, or a full disk, is a sentence and leaves nothing."""
    try:
        _create_journal(path)
    except (OSError, sqlite3.DatabaseError) as error:
        full = getattr(error, "errno", None) == errno.ENOSPC or "full" in str(error)
        problem = (
            "the disk is full."
            if full
            else f"this user may not write its folder ({getattr(error, 'strerror', None) or error})."
        )
        advice = (
            "Free some space and try again."
            if full
            else "Set STEPUP_JOURNAL (or --journal) to a file in a folder you can write."
        )
        raise JournalError(
            f"Step Up cannot create a journal at {path}: {problem} Nothing was written. {advice}"
        ) from None


def _create_journal(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _staging(path.with_name(f".{path.name}.{uuid.uuid4().hex}.new")) as staging:
        with contextlib.closing(sqlite3.connect(staging, isolation_level=None)) as con:
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("BEGIN")
            for statement in filter(str.strip, _SCHEMA_V1.split(";")):
                con.execute(statement)
            for version in range(1, SCHEMA_VERSION):
                MIGRATIONS[version](con)
            con.execute(
                "INSERT INTO meta VALUES ('app', ?), ('schema_version', ?), ('created_at', ?)",
                (APP_ID, str(SCHEMA_VERSION), clock.timestamp()),
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
    with _staging(path.with_name(f".{target.name}.{uuid.uuid4().hex}.new")) as staging:
        with (
            contextlib.closing(_connect_readonly(path)) as source,
            contextlib.closing(sqlite3.connect(staging)) as copy,
        ):
            source.backup(copy)
        _sync(staging)
        os.replace(staging, target)
    return target


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class OutputPathError(JournalError):
    """A file Step Up was asked to write cannot be written there; nothing was changed."""


def _cannot_write(path: Path, error: OSError) -> OutputPathError:
    """A sentence for an OS error on a path the engineer named."""
    if error.errno == errno.ENAMETOOLONG:
        return OutputPathError(
            f"The file name {str(path)[:60]}… is too long for this disk; choose a shorter one. Nothing was written."
        )
    if error.errno == errno.ENOTDIR:
        return OutputPathError(
            f"{path} is inside something that is a file, not a folder; choose a path in a folder. Nothing was written."
        )
    if error.errno == errno.ENOSPC:
        return OutputPathError(
            f"The disk holding {path} is full; free some space and try again. Nothing was written."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputPathError(
            f"This user may not write {path} ({error.strerror}); choose a folder you can write. Nothing was written."
        )
    return OutputPathError(f"Cannot write {path}: {error.strerror or error}. Nothing was written.")


def check_output_path(path: Path, journal_path: Path | None = None) -> Path:
    """Where a file the engineer named may be written: the real file ``path`` names (a symlink
    followed), checked without opening anything but a regular file, so a pipe cannot hang the
    command. Only a regular file or a new name in an existing folder passes; a device, a pipe,
    a socket or a folder is never replaced, and neither is a journal or any SQLite database.
    Raises OutputPathError with a sentence; returns the real path to write."""
    path = Path(path).expanduser()
    try:
        target = path.resolve()
        found = os.stat(target)
    except FileNotFoundError:
        found = None
    except RuntimeError:  # a symlink loop (Python < 3.13)
        raise OutputPathError(
            f"{path} is a symlink that leads back to itself. Nothing was written."
        ) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OutputPathError(
                f"{path} is a symlink that leads back to itself. Nothing was written."
            ) from None
        raise _cannot_write(path, error) from None
    protected = set()
    if journal_path is not None:
        journal = Path(journal_path).expanduser().resolve()
        protected = {journal, Path(f"{journal}-wal"), Path(f"{journal}-shm")}
    if target in protected:
        raise OutputPathError(
            f"{path} is the journal itself; writing there would destroy your answers. Choose another file. Nothing was written."
        )
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutputPathError(
            f"{path} is a folder; give a file name inside it. Nothing was written."
        )
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise OutputPathError(
            f"{path} is not a regular file (it is a device, a pipe or a socket); Step Up writes only "
            "to a file or a new name, and leaves this one as it is. Choose another file. Nothing was written."
        )
    if found is None:
        try:
            parent = os.stat(target.parent)
        except OSError as error:
            if error.errno != errno.ENOENT:
                raise _cannot_write(path, error) from None
            parent = None
        if parent is None or not stat.S_ISDIR(parent.st_mode):
            raise OutputPathError(
                f"The folder {target.parent} does not exist; create it first or choose another place. Nothing was written."
            )
        if len(os.fsencode(target.name)) > _name_max(target.parent):
            raise _cannot_write(path, OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG)))
    else:  # a regular file: is it a database? (O_NONBLOCK: should it turn into a pipe meanwhile)
        with contextlib.suppress(OSError):
            fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
            try:
                header = (
                    os.read(fd, len(SQLITE_HEADER)) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
                )
            finally:
                os.close(fd)
            if header == SQLITE_HEADER:
                raise OutputPathError(
                    f"{path} is a database (perhaps a journal); Step Up never writes over one. Choose another file. Nothing was written."
                )
    return target


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _staging_name(target: Path) -> Path:
    """A hidden name beside ``target``; a long name is cut so the staging name, and the names
    of SQLite's companions of it (swept after), still fit."""
    tail = f".{uuid.uuid4().hex}.tmp"
    room = _name_max(target.parent) - len(tail) - 1 - max(map(len, SQLITE_COMPANIONS))
    name = os.fsencode(target.name)[:room].decode("utf-8", "ignore")
    return target.with_name(f".{name}{tail}")


def write_private_file(data: str | bytes, path: Path, journal_path: Path | None = None) -> Path:
    """Write ``data`` to ``path`` for this user only (0600), whole or not at all.

    The bytes go to a hidden file in the same folder, are synced, then renamed over the target,
    so a crash leaves the old file or the new one. A symlink is followed to the file it names,
    which becomes a new 0600 file. Only a regular file or a new name is written
    (:func:`check_output_path`): never a device, a pipe, a folder, a journal or any SQLite
    database; a bad path is a sentence, not a traceback. Returns the path written.
    """
    path = Path(path).expanduser()
    target = check_output_path(path, journal_path)
    try:
        with _staging(_staging_name(target)) as staging:
            with open(staging, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
                handle.flush()
                os.fsync(handle.fileno())
            # Checked again just before the rename: a device or pipe put there meanwhile stays.
            check_output_path(path, journal_path)
            os.replace(staging, target)
    except OSError as error:
        raise _cannot_write(path, error) from None
    return path


# Hidden files Step Up writes beside a journal while it works: a crash can leave one behind.
STAGING_PATTERNS = (".{name}.*.new", ".{name}.*.tmp", ".{name}.*.import")


def remove_stale_staging(path: Path) -> list[Path]:
    """Delete the staging files a crash left beside ``path``: those no process holds locked
    (a live one holds its flock until it renames or removes the file). Returns them."""
    removed = []
    for pattern in STAGING_PATTERNS:
        for leftover in path.parent.glob(pattern.format(name=path.name)):
            try:
                fd = os.open(leftover, os.O_RDONLY)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # in use: a command is still writing it
            finally:
                os.close(fd)
            for companion in _with_companions(leftover):
                with contextlib.suppress(FileNotFoundError):
                    companion.unlink()
            removed.append(leftover)
        # A companion whose staging file is gone is debris too: the staging file is always
        # made first and removed first.
        for suffix in SQLITE_COMPANIONS:
            for orphan in path.parent.glob(pattern.format(name=path.name) + suffix):
                if not Path(str(orphan).removesuffix(suffix)).exists():
                    with contextlib.suppress(FileNotFoundError):
                        orphan.unlink()
                    removed.append(orphan)
    return removed


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
        self._listeners: list[Subscription] = []
        self._pending: dict[
            str, str
        ] = {}  # kind → latest entry id saved since listeners last heard
        self._flush_scheduled = False
        self._batch: dict[str, str] | None = None  # changes inside transaction(), told after it
        # ipykernel 7 may run a widget's callback on another thread than the cell that opened
        # the journal: one connection shared across threads, every use serialised by this lock.
        self._lock = threading.RLock()
        check_journal_folder(self.path)
        if not self.path.exists():
            if readonly:
                raise JournalError(
                    f"There is no journal at {self.path} yet. The engineer creates it by running `make lab` (or `stepup lab`) once."
                )
            if self.path.parent.exists() and _on_readonly_disk(self.path):
                raise JournalError(
                    _refuse_message(
                        self.path,
                        "the folder is on a read-only disk, so a journal cannot be created there.",
                        "Set STEPUP_JOURNAL (or --journal) to a file on a writable disk.",
                    )
                )
            create_journal(self.path)
        version = check_file(self.path)
        if not readonly and _on_readonly_disk(self.path):
            raise ReadOnlyJournalError(
                _refuse_message(
                    self.path,
                    "it is on a read-only disk, so nothing you type could be saved to it.",
                    "The coach view and every command that only reads (export, report, framework list) still work on it; "
                    "to keep writing, copy it to a writable disk and point STEPUP_JOURNAL (or --journal) there.",
                )
            )
        if not readonly and not (_may_write(self.path) and _may_write(self.path.parent)):
            raise ReadOnlyJournalError(
                _refuse_message(
                    self.path,
                    "this user may not write it or its folder, so nothing you type could be saved to it.",
                    "Every command that only reads (where, export, report, share --dry-run, framework list) "
                    "still works on it; to write, run Step Up as the user who owns it, or copy it to a "
                    "folder you can write and point STEPUP_JOURNAL (or --journal) there.",
                )
            )
        if readonly:
            self._con = _connect_readonly(self.path)
        else:
            made = not companions_present(self.path)
            try:
                if version < SCHEMA_VERSION:
                    self._migrate(version)
                self._con = self._connect_writable()
            except (OSError, sqlite3.OperationalError) as error:
                if made:  # what the failed open made beside it, nothing else
                    sweep_reader_companions(self.path)
                full = _disk_full(self.path) or "full" in str(error)
                raise JournalError(
                    _refuse_message(
                        self.path,
                        "the disk is full, so nothing you type could be saved to it."
                        if full
                        else f"it cannot be opened for writing ({error}).",
                        "Free some space on that disk, then try again. Every command that only "
                        "reads (export, report, share --dry-run) still works on it."
                        if full
                        else "Check the disk and the file's permissions, then try again.",
                    )
                ) from None
            remove_stale_staging(self.path)
        self._con.row_factory = sqlite3.Row
        # Which contents this connection was opened on: an import that replaces them changes it,
        # and every write checks it first (see _write).
        self._generation = self._read_generation()

    def _connect_writable(self) -> sqlite3.Connection:
        con = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
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

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r}, readonly={self.readonly})"

    def _migrate(self, version: int) -> None:
        backup_copy(self.path, f"v{version}")
        with contextlib.closing(
            sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        ) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                while version < SCHEMA_VERSION:
                    MIGRATIONS[version](con)
                    version += 1
                con.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),)
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front so two writers queue instead of deadlocking."""
        if self.readonly:
            raise ReadOnlyJournalError(
                f"The journal at {self.path} is open read-only (coach view); nothing can be saved here."
            )
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
                        raise JournalError(
                            f"The journal at {self.path} is busy (another program is writing to it); your answer was not saved yet. Try again in a moment."
                        ) from error
                    if not busy:
                        raise self._write_failed(error) from error
                    time.sleep(0.05)
            if (
                self._read_generation() != self._generation
            ):  # under the write lock: no import can slip in after
                self._rollback()
                raise JournalReplacedError(
                    f"Your answer was not saved: the journal at {self.path} was replaced by an import after this "
                    "notebook opened it. Restart the kernel (Kernel → Restart Kernel), run the workbook again, "
                    "and type the answer once more; the journal as it was before the import is in the "
                    "before-import backup beside it."
                )
            try:
                yield self._con
                self._con.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                self._rollback()
                raise self._write_failed(error) from error
            except BaseException:
                self._rollback()
                raise

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
                    self._batch = {}
                    yield
                changed = self._batch
            finally:
                self._batch = None
        for kind, entry_id in changed.items():
            self._notify(kind, entry_id)

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

    def _write_failed(self, error: sqlite3.DatabaseError) -> JournalError:
        """A write SQLite refused, as a sentence for the engineer; the journal keeps its last saved state."""
        text = str(error).lower()
        if "full" in text:
            problem = "the disk is full."
            advice = "Free some space, then change the field again to save it."
        elif (
            "readonly" in text
            or "read-only" in text
            or "permission" in text
            or "unable to open" in text
        ):
            problem = "this user may not write to it (a read-only disk or the file's permissions)."
            advice = (
                "Check the file's owner and permissions, then change the field again to save it."
            )
        else:
            problem = f"SQLite could not write ({error})."
            advice = "Your earlier answers are intact; try again, and if it keeps failing, export the journal (stepup export)."
        return JournalError(
            f"Your answer was not saved to {self.path}: {problem} Everything saved before is unchanged. {advice}"
        )

    # -- writing ---------------------------------------------------------------------------
    def on_change(self, callback: Callable[[str, str], None]) -> Subscription:
        """Call ``callback(kind, entry_id)`` after saves or deletes are committed (charts redraw).

        Returns the :class:`Subscription`; ``cancel()`` it when the listener goes away. A bound
        method is held weakly, so a panel nobody holds any more is dropped, not redrawn.
        """
        subscription = Subscription(self, callback)
        self._listeners.append(subscription)
        return subscription

    def listener_count(self) -> int:
        return sum(subscription.alive for subscription in self._listeners)

    def _notify(self, kind: str, entry_id: str) -> None:
        """Tell listeners after the commit. In a kernel, a burst of saves is told once, after the
        widget message that caused it returns; with no event loop (scripts, tests), at once."""
        if self._batch is not None and self._lock._is_owned():  # this thread's, not committed yet
            self._batch[kind] = entry_id
            return
        self._pending[kind] = entry_id
        loop = kernel_loop()
        if loop is None:
            self.flush_notifications()
            return
        if not self._flush_scheduled:
            self._flush_scheduled = True
            loop.call_later(NOTIFY_DELAY_S, self.flush_notifications)

    def flush_notifications(self) -> None:
        """Deliver every pending change now: each listener hears each changed kind once."""
        self._flush_scheduled = False
        pending, self._pending = self._pending, {}
        self._listeners = [s for s in self._listeners if s.alive]
        for kind, entry_id in pending.items():
            for subscription in list(self._listeners):
                callback = subscription.callback()
                if callback is None:
                    continue
                try:
                    callback(kind, entry_id)
                except Exception:  # one broken panel must not stop the others, nor undo the save
                    log.exception("A Step Up panel failed to redraw after a save")

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
        ref = getattr(record, "audio", None)
        if ref is None or ref.sha256 != hashlib.sha256(audio).hexdigest():
            raise JournalError("This take was not saved: its record does not name its recording.")
        if not audio:
            raise JournalError("This take was not saved: the recording is empty. Record it again.")
        if len(audio) > MAX_CLIP_BYTES:
            raise JournalError(
                f"This take was not saved: its recording is {megabytes(len(audio))}, and a take "
                f"may be up to {megabytes(MAX_CLIP_BYTES)}. Record a shorter take."
            )
        if mime.split(";", 1)[0].strip().lower() not in AUDIO_TYPES:
            raise JournalError(
                f"This take was not saved: a recording of type {mime!r} is not one Step Up keeps."
            )
        return self._save(record, entry_id, audio=(ref.sha256, mime, audio))

    def audio(self, sha256: str) -> tuple[bytes, str] | None:
        """A recording's bytes and MIME type, or None when the journal no longer holds it (its
        take was deleted, it was left out of an import, or the journal predates recordings)."""
        with self._lock:
            try:
                row = self._con.execute(
                    "SELECT data, mime FROM audio WHERE sha256 = ?", (sha256,)
                ).fetchone()
            except sqlite3.OperationalError:  # a version-1 journal opened read-only
                return None
        return None if row is None else (bytes(row[0]), row[1])

    def audio_bytes(self) -> int:
        """How many bytes of recordings the journal holds."""
        with self._lock:
            try:
                return self._con.execute(
                    "SELECT COALESCE(SUM(length(data)), 0) FROM audio"
                ).fetchone()[0]
            except sqlite3.OperationalError:
                return 0

    def all_audio(self) -> list[tuple[str, str, bytes, str]]:
        """Every recording, as (sha256, mime, bytes, saved_at), for an export."""
        with self._lock:
            try:
                rows = self._con.execute(
                    "SELECT sha256, mime, data, saved_at FROM audio ORDER BY saved_at, sha256"
                ).fetchall()
            except sqlite3.OperationalError:
                return []
        return [(row[0], row[1], bytes(row[2]), row[3]) for row in rows]

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
                self._keep_audio(con, *audio, stamp)
            row = con.execute(
                "SELECT kind, data, created_at, deleted_at FROM entries WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is not None and row["kind"] != kind:
                raise JournalError(
                    f"Entry {entry_id!r} is a {row['kind']}, not a {kind}; nothing was saved."
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
        self._notify(kind, entry_id)
        # What was just committed, without reading it back (autosave runs on every keystroke's change).
        return Entry(entry_id, kind, stamp if row is None else row["created_at"], stamp, None, data)

    def _keep_audio(
        self, con: sqlite3.Connection, sha256: str, mime: str, audio: bytes, stamp: str
    ) -> None:
        """Store a recording once (a take saved again names the same bytes), within the cap."""
        if con.execute("SELECT 1 FROM audio WHERE sha256 = ?", (sha256,)).fetchone():
            return
        held = con.execute("SELECT COALESCE(SUM(length(data)), 0) FROM audio").fetchone()[0]
        if held + len(audio) > MAX_JOURNAL_AUDIO_BYTES:
            raise JournalError(
                f"This take was not saved: your journal already keeps {megabytes(held)} of "
                f"recordings, and it keeps at most {megabytes(MAX_JOURNAL_AUDIO_BYTES)}. Delete "
                "takes you no longer need (each take has a Delete button), then record again."
            )
        con.execute("INSERT INTO audio VALUES (?, ?, ?, ?)", (sha256, mime, audio, stamp))

    def delete(self, entry_id: str) -> None:
        """Mark an entry deleted; its revisions stay, so it can be recovered.

        A spoken take is the exception: its recording is removed from the file (from every
        revision at once, as revisions only name it), and the write-ahead log is emptied so no
        copy of it is left beside the journal. Its revisions keep the figures and ratings.
        """
        stamp = clock.timestamp()
        with self._write() as con:
            changed = con.execute(
                "UPDATE entries SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                (stamp, stamp, entry_id),
            ).rowcount
            if changed:
                self._append_revision(con, entry_id, stamp, None)
            removed = self._remove_audio_of(con, entry_id)
        if removed:
            self._wipe_log()
            self._remove_audio_from_backups(removed)
        if changed:
            self._notify(self.get(entry_id).kind, entry_id)

    def delete_take(self, entry_id: str) -> None:
        """Delete a spoken take and its recording (see :meth:`delete`)."""
        self.delete(entry_id)

    def _remove_audio_from_backups(self, removed: set[str]) -> None:
        """The same recordings out of the copies Step Up made beside the journal (before an
        import or an upgrade): a deleted take is gone from every copy we keep, not only this one.
        A copy that cannot be opened or written is left as it is; it is the engineer's file."""
        for backup in sorted(self.path.parent.glob(f"{self.path.name}.*.bak")):
            try:
                with contextlib.closing(sqlite3.connect(backup)) as con:
                    con.execute("PRAGMA secure_delete = ON")  # the freed pages are zeroed
                    if con.execute(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audio'"
                    ).fetchone():
                        with con:
                            con.executemany(
                                "DELETE FROM audio WHERE sha256 = ?", [(h,) for h in removed]
                            )
            except sqlite3.Error as error:
                log.warning("A recording could not be removed from %s: %s", backup, error)

    @staticmethod
    def _remove_audio_of(con: sqlite3.Connection, entry_id: str) -> set[str]:
        """Delete the recordings any revision of ``entry_id`` names that no live entry needs;
        returns their checksums."""
        named = {
            row[0]
            for row in con.execute(
                "SELECT json_extract(data, '$.audio.sha256') FROM revisions "
                "WHERE entry_id = ? AND data IS NOT NULL",
                (entry_id,),
            )
            if row[0]
        }
        removed = set()
        for sha256 in named:
            needed = con.execute(
                "SELECT 1 FROM entries WHERE deleted_at IS NULL AND id != ? "
                "AND json_extract(data, '$.audio.sha256') = ?",
                (entry_id, sha256),
            ).fetchone()
            if not needed and con.execute("DELETE FROM audio WHERE sha256 = ?", (sha256,)).rowcount:
                removed.add(sha256)
        return removed

    def _wipe_log(self) -> None:
        """Copy the write-ahead log into the journal and empty it, so deleted bytes (zeroed in
        the journal by ``secure_delete``) leave no copy in the ``-wal`` file. A reader holding
        the log open (a coach page reading right now) would make this wait: it is tried briefly,
        and otherwise done by the next delete or when the last connection closes."""
        with self._lock:
            self._con.execute(f"PRAGMA busy_timeout = {WIPE_WAIT_MS}")
            try:
                busy = self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            finally:
                self._con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if busy:
            log.warning(
                "The journal is being read; the deleted recording is wiped from its log later"
            )

    @staticmethod
    def _append_revision(
        con: sqlite3.Connection, entry_id: str, stamp: str, text: str | None
    ) -> None:
        con.execute(
            "INSERT INTO revisions SELECT ?, COALESCE(MAX(rev), 0) + 1, ?, ? FROM revisions WHERE entry_id = ?",
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
        with self._lock:
            row = self._con.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else self._entry(row)

    def record(self, kind: str, entry_id: str | None = None) -> Record | None:
        """The current record of an entry (a singleton kind needs no id), or None."""
        entry = self.get(entry_id or kind)
        return None if entry is None or entry.deleted_at else entry.record()

    def entries(self, kind: str | None = None, include_deleted: bool = False) -> list[Entry]:
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
        """Every live entry, read in one query: a consistent, in-memory view for pages that read a lot."""
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


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the IPython kernel this code runs in, or None (a script, a test, the CLI).

    Only a kernel defers: another library's loop (Playwright's, in a test run) may also look
    "running" on this thread, and listeners must not wait for it.
    """
    ipython = sys.modules.get("IPython")  # a kernel has imported it; a script must not pay to
    if ipython is None:  # import it on its first save
        return None
    shell = ipython.get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Subscription:
    """One listener of a journal's changes; ``cancel()`` stops it (idempotent)."""

    def __init__(self, journal: Journal | JournalSnapshot, callback: Callable[[str, str], None]):
        self._journal = journal
        try:
            self._ref = weakref.WeakMethod(callback)
        except TypeError:  # a plain function or lambda: held strongly, released by cancel()
            self._ref = lambda callback=callback: callback
        self.cancelled = False

    def callback(self) -> Callable[[str, str], None] | None:
        return None if self.cancelled else self._ref()

    @property
    def alive(self) -> bool:
        return self.callback() is not None

    def cancel(self) -> None:
        self.cancelled = True
        listeners = getattr(self._journal, "_listeners", [])
        if self in listeners:
            listeners.remove(self)


class _ParsedOnce(Entry):
    """An entry whose record is validated once, however many readers ask for it."""

    def record(self) -> Record:
        if "_parsed" not in self.__dict__:
            object.__setattr__(self, "_parsed", super().record())
        return self.__dict__["_parsed"]


class JournalSnapshot:
    """The reading side of :class:`Journal` over entries already loaded (see ``Journal.snapshot``).

    The coach view and the report read many kinds at once; one query gives them a consistent view
    that no concurrent save can change halfway through a page.
    """

    readonly = True

    def __init__(self, path: Path, entries: list[Entry]):
        self.path = path
        entries = [
            e
            if isinstance(e, _ParsedOnce)  # already validated (or about to be) once: keep it
            else _ParsedOnce(e.id, e.kind, e.created_at, e.updated_at, e.deleted_at, e.data)
            for e in entries
        ]
        self._by_id = {entry.id: entry for entry in entries}
        self._by_kind: dict[str, list[Entry]] = {}
        for entry in entries:
            self._by_kind.setdefault(entry.kind, []).append(entry)

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def record(self, kind: str, entry_id: str | None = None) -> Record | None:
        entry = self.get(entry_id or kind)
        return None if entry is None or entry.kind != kind else entry.record()

    def entries(self, kind: str | None = None, include_deleted: bool = False) -> list[Entry]:
        return list(self._by_id.values()) if kind is None else list(self._by_kind.get(kind, []))

    def on_change(self, callback) -> Subscription:
        """A snapshot never changes; listeners are accepted and never called."""
        return Subscription(self, callback)  # type: ignore[arg-type]

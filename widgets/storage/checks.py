"""Checks a journal passes before it is opened: the file is a Step Up journal SQLite can read,
of a version this Step Up knows, on a disk and in a folder this user may write (when it is to be
written). A file that fails is refused with a sentence and left byte-for-byte as it was: every
check reads through a read-only connection, and none leaves SQLite's companions beside it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from widgets.i18n import N_
from widgets.i18n import gettext as _
from widgets.storage import schema
from widgets.storage.errors import (
    CorruptJournalError,
    JournalError,
    NewerJournalError,
    NotAJournalError,
    ReadOnlyJournalError,
    refuse_message,
)
from widgets.storage.files import SQLITE_HEADER

BUSY_TIMEOUT_S = 10.0
RESTORE = N_("Restore it from a backup or a JSON export (stepup import).")
NOT_OURS = N_("it is a SQLite database, but not a Step Up journal.")
NEVER_CHANGED = N_("Check the path; Step Up never changes another program's database.")


def check_file(path: Path) -> int:
    """Check an existing file without writing to it; return its schema version or raise."""
    header = _read_header(path)
    _check_size(path, header)
    return _check_version(path, _read_meta(path))


def _read_header(path: Path) -> bytes:
    """The file's first 100 bytes, which must be a whole SQLite header."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except IsADirectoryError:
        raise NotAJournalError(
            refuse_message(
                path,
                _("it is a folder, not a file."),
                _("Point STEPUP_JOURNAL or --journal at a journal file."),
            )
        ) from None
    except PermissionError:
        raise JournalError(
            refuse_message(
                path, _("this user may not read it."), _("Check the file's owner and permissions.")
            )
        ) from None
    if not header:
        raise NotAJournalError(
            refuse_message(
                path,
                _("the file is empty."),
                _("Move it away; Step Up then starts a fresh journal there."),
            )
        )
    if not header.startswith(SQLITE_HEADER):
        raise NotAJournalError(
            refuse_message(
                path,
                _("it is not a SQLite database, so it cannot be a Step Up journal."),
                _("Check the path, or move the file away to start a fresh journal."),
            )
        )
    if len(header) < 100:
        raise CorruptJournalError(
            refuse_message(
                path, _("the file is truncated (shorter than a SQLite header)."), _(RESTORE)
            )
        )
    return header


def _check_size(path: Path, header: bytes) -> None:
    """Refuse a file shorter than its header says (cut off), unless a -wal finishes it."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    # A writer killed mid-checkpoint leaves the header's new size ahead of the pages copied so
    # far; the -wal still holds every frame and SQLite finishes from it (quick_check then
    # judges that file). Only without one is a short file really cut off.
    wal_frames = Path(f"{path}-wal").exists() and Path(f"{path}-wal").stat().st_size > 32
    if page_count and not wal_frames and path.stat().st_size < page_size * page_count:
        raise CorruptJournalError(
            refuse_message(
                path,
                _(
                    "the file is truncated ({size} bytes where its header promises {promised})."
                ).format(size=path.stat().st_size, promised=page_size * page_count),
                _(RESTORE),
            )
        )


def _read_meta(path: Path) -> dict[str, str]:
    """The ``meta`` table of an undamaged Step Up journal."""
    # With no -wal beside it, nobody is writing: read it as immutable, so checking a file we
    # then refuse does not even leave SQLite's -wal/-shm companions beside it.
    quiet = not Path(f"{path}-wal").exists()
    try:
        with contextlib.closing(connect_readonly(path, immutable=quiet)) as con:
            result = con.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise CorruptJournalError(
                    refuse_message(
                        path,
                        _("SQLite reports damage ({report}).").format(report=result),
                        _(RESTORE),
                    )
                )
            tables = {
                row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"meta", "entries", "revisions"} <= tables:
                raise NotAJournalError(refuse_message(path, _(NOT_OURS), _(NEVER_CHANGED)))
            return dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError as error:
        raise CorruptJournalError(
            refuse_message(
                path, _("SQLite cannot read it ({problem}).").format(problem=error), _(RESTORE)
            )
        ) from None


def _check_version(path: Path, meta: dict[str, str]) -> int:
    """The journal's format version, which this Step Up must know."""
    if meta.get("app") != schema.APP_ID:
        raise NotAJournalError(refuse_message(path, _(NOT_OURS), _(NEVER_CHANGED)))
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise CorruptJournalError(
            refuse_message(path, _("its schema version is missing or unreadable."), _(RESTORE))
        ) from None
    if version > schema.SCHEMA_VERSION:
        raise NewerJournalError(
            refuse_message(
                path,
                _(
                    "it was written by a newer Step Up (journal format {version}; this version "
                    "reads up to {known})."
                ).format(version=version, known=schema.SCHEMA_VERSION),
                _("Update Step Up (git pull, then make lab) to open it."),
            )
        )
    if version < 1:
        raise CorruptJournalError(
            refuse_message(
                path,
                _("its schema version {version} is not one Step Up ever wrote.").format(
                    version=version
                ),
                _(RESTORE),
            )
        )
    return version


def connect_readonly(path: Path, immutable: bool = False) -> sqlite3.Connection:
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
            if not (cannot_write_beside(path) or disk_full(path)):
                raise
            if wal_in_use(path):
                raise JournalError(
                    refuse_message(
                        path,
                        _(
                            "it is being written right now (its -wal file holds saves), and this "
                            "user may not write its folder to read along."
                        ),
                        _(
                            "Try again once Step Up is closed there, "
                            "or read it as the user who owns it."
                        ),
                    )
                ) from None
            return connect_readonly(path, immutable=True)
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
    """Whether SQLite's -wal or -shm file is beside the journal at ``path``."""
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


def on_readonly_disk(path: Path) -> bool:
    """Whether the folder holding ``path`` is on a disk mounted read-only."""
    return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)


def disk_full(path: Path) -> bool:
    """Too little room left beside ``path`` for SQLite's -shm (32 KiB) and a page or two."""
    try:
        found = os.statvfs(path.parent)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < 1024 * 1024


def may_write(path: Path) -> bool:
    """Whether this user may write ``path``, judged by the effective user and group where the
    system can tell them apart from the real ones."""
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)


def cannot_write_beside(path: Path) -> bool:
    """Whether SQLite cannot make its files beside ``path``: a read-only disk or a folder this
    user may not write."""
    return on_readonly_disk(path) or not may_write(path.parent)


def wal_in_use(path: Path) -> bool:
    """Whether the journal's -wal holds saves not yet copied into the journal itself."""
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
                _(
                    "Step Up cannot use a journal at {path}: {folder} cannot be read "
                    "({problem}). "
                    "Point STEPUP_JOURNAL or --journal at a file in a folder you can use."
                ).format(path=path, folder=ancestor, problem=error.strerror)
            ) from None
        if not stat.S_ISDIR(found.st_mode):
            raise JournalError(
                _(
                    "Step Up cannot use a journal at {path}: {folder} is a file, not a folder. "
                    "Point STEPUP_JOURNAL or --journal at a file in a folder."
                ).format(path=path, folder=ancestor)
            )
        return


def check_creatable(path: Path, readonly: bool) -> None:
    """Refuse to create a journal at ``path`` (there is none yet) when it is to be read only, or
    its folder is on a read-only disk."""
    if readonly:
        raise JournalError(
            _(
                "There is no journal at {path} yet. "
                "The engineer creates it by running `make lab` (or `stepup lab`) once."
            ).format(path=path)
        )
    if path.parent.exists() and on_readonly_disk(path):
        raise JournalError(
            refuse_message(
                path,
                _("the folder is on a read-only disk, so a journal cannot be created there."),
                _("Set STEPUP_JOURNAL (or --journal) to a file on a writable disk."),
            )
        )


def check_writable(path: Path) -> None:
    """Refuse to open the journal at ``path`` for writing where nothing typed could be saved."""
    if on_readonly_disk(path):
        raise ReadOnlyJournalError(
            refuse_message(
                path,
                _("it is on a read-only disk, so nothing you type could be saved to it."),
                _(
                    "The coach view and every command that only reads (export, report, framework "
                    "list) still work on it; to keep writing, copy it to a writable disk and "
                    "point STEPUP_JOURNAL (or --journal) there."
                ),
            )
        )
    if not (may_write(path) and may_write(path.parent)):
        raise ReadOnlyJournalError(
            refuse_message(
                path,
                _(
                    "this user may not write it or its folder, "
                    "so nothing you type could be saved to it."
                ),
                _(
                    "Every command that only reads "
                    "(where, export, report, share --dry-run, framework list) "
                    "still works on it; to write, run Step Up as the user who owns it, or copy it "
                    "to a folder you can write and point STEPUP_JOURNAL (or --journal) there."
                ),
            )
        )


def cannot_open_for_writing(path: Path, error: Exception) -> JournalError:
    """The sentence for a journal that passed its checks but SQLite could not open to write."""
    full = disk_full(path) or "full" in str(error)
    return JournalError(
        refuse_message(
            path,
            _("the disk is full, so nothing you type could be saved to it.")
            if full
            else _("it cannot be opened for writing ({problem}).").format(problem=error),
            _(
                "Free some space on that disk, then try again. Every command that only "
                "reads (export, report, share --dry-run) still works on it."
            )
            if full
            else _("Check the disk and the file's permissions, then try again."),
        )
    )

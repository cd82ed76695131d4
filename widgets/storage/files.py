"""Files written whole or not at all, for this user only: the atomic-file helper every layer uses
(documents, exports, pictures, workbooks), the staging files it and the journal write beside
their targets, and the sweep of those a crash left behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

from widgets.i18n import gettext as _
from widgets.storage.errors import JournalError

SQLITE_HEADER = b"SQLite format 3\x00"


@contextlib.contextmanager
def staged(path: Path) -> Iterator[Path]:
    """A new private file at ``path``, locked (flock) while this process works on it, removed
    after unless renamed away. A crash drops the lock: the next open knows it for a leftover."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.chmod(path, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    finally:
        for leftover in with_companions(path):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        os.close(fd)


# SQLite's own files beside a database: the rollback journal (a copy made with the default
# journal mode) and the write-ahead log with its index.
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")


def with_companions(path: Path) -> list[Path]:
    """``path`` and the files SQLite may keep beside it (-journal, -wal, -shm): a staged
    database is removed with all of them."""
    return [path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)]


def sync(path: Path) -> None:
    """Flush ``path``'s bytes to the disk."""
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
            _(
                "The file name {start}… is too long for this disk; choose a shorter one. "
                "Nothing was written."
            ).format(start=str(path)[:60])
        )
    if error.errno == errno.ENOTDIR:
        return OutputPathError(
            _(
                "{path} is inside something that is a file, not a folder; "
                "choose a path in a folder. Nothing was written."
            ).format(path=path)
        )
    if error.errno == errno.ENOSPC:
        return OutputPathError(
            _(
                "The disk holding {path} is full; free some space and try again. "
                "Nothing was written."
            ).format(path=path)
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputPathError(
            _(
                "This user may not write {path} ({problem}); "
                "choose a folder you can write. Nothing was written."
            ).format(path=path, problem=error.strerror)
        )
    return OutputPathError(
        _("Cannot write {path}: {problem}. Nothing was written.").format(
            path=path, problem=error.strerror or error
        )
    )


def _loop(path: Path) -> str:
    return _("{path} is a symlink that leads back to itself. Nothing was written.").format(
        path=path
    )


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
        raise OutputPathError(_loop(path)) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OutputPathError(_loop(path)) from None
        raise _cannot_write(path, error) from None
    protected = set()
    if journal_path is not None:
        journal = Path(journal_path).expanduser().resolve()
        protected = {journal, Path(f"{journal}-wal"), Path(f"{journal}-shm")}
    if target in protected:
        raise OutputPathError(
            _(
                "{path} is the journal itself; writing there would destroy your answers. "
                "Choose another file. Nothing was written."
            ).format(path=path)
        )
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutputPathError(
            _("{path} is a folder; give a file name inside it. Nothing was written.").format(
                path=path
            )
        )
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise OutputPathError(
            _(
                "{path} is not a regular file (it is a device, a pipe or a socket); "
                "Step Up writes only to a file or a new name, and leaves this one as it is. "
                "Choose another file. Nothing was written."
            ).format(path=path)
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
                _(
                    "The folder {folder} does not exist; "
                    "create it first or choose another place. Nothing was written."
                ).format(folder=target.parent)
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
                    _(
                        "{path} is a database (perhaps a journal); Step Up never writes over "
                        "one. Choose another file. Nothing was written."
                    ).format(path=path)
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
        with staged(_staging_name(target)) as staging:
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
            for companion in with_companions(leftover):
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

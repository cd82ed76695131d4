"""The recordings of spoken takes inside a journal: kept once each, outside the revisions, which
only name them (by SHA-256). Deleting a take removes its bytes from the file for every revision
at once, from the backups Step Up made beside it, and (``secure_delete`` with a checkpoint of the
write-ahead log) from free pages and the ``-wal`` file. Functions here work on a connection the
journal holds, inside its lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
from pathlib import Path

from widgets.i18n import gettext as _
from widgets.storage.errors import JournalError, megabytes

log = logging.getLogger(__name__)

# What recordings a journal keeps. One take: the largest a browser's six minutes can be as WAV
# (widgets/speech.py refuses more for each format). All takes: about two and a half hours at the
# recorder's 32 kbit/s, so that an export carrying them as base64 stays within the 50 MB an
# import reads (storage/transfer.py).
MAX_CLIP_BYTES = 6 * 60 * 16_000 * 2 + 4096
MAX_JOURNAL_AUDIO_BYTES = 35_000_000
AUDIO_TYPES = ("audio/webm", "audio/ogg", "audio/wav")

# How long a delete waits for readers before it leaves emptying the log to later.
WIPE_WAIT_MS = 300


def check_take(record, audio: bytes, mime: str) -> tuple[str, str, bytes]:
    """The recording of a take to keep, as (sha256, mime, bytes), or a sentence (JournalError)
    when its record does not name it, it is empty, too large, or not audio kept here."""
    ref = getattr(record, "audio", None)
    if ref is None or ref.sha256 != hashlib.sha256(audio).hexdigest():
        raise JournalError(_("This take was not saved: its record does not name its recording."))
    if not audio:
        raise JournalError(_("This take was not saved: the recording is empty. Record it again."))
    if len(audio) > MAX_CLIP_BYTES:
        raise JournalError(
            _(
                "This take was not saved: its recording is {size}, and a take "
                "may be up to {limit}. Record a shorter take."
            ).format(size=megabytes(len(audio)), limit=megabytes(MAX_CLIP_BYTES))
        )
    if mime.split(";", 1)[0].strip().lower() not in AUDIO_TYPES:
        raise JournalError(
            _(
                "This take was not saved: a recording of type {mime!r} is not one Step Up keeps."
            ).format(mime=mime)
        )
    return ref.sha256, mime, audio


def keep_audio(con: sqlite3.Connection, sha256: str, mime: str, audio: bytes, stamp: str) -> None:
    """Store a recording once (a take saved again names the same bytes), within the cap."""
    if con.execute("SELECT 1 FROM audio WHERE sha256 = ?", (sha256,)).fetchone():
        return
    held = con.execute("SELECT COALESCE(SUM(length(data)), 0) FROM audio").fetchone()[0]
    if held + len(audio) > MAX_JOURNAL_AUDIO_BYTES:
        raise JournalError(
            _(
                "This take was not saved: your journal already keeps {size} of "
                "recordings, and it keeps at most {limit}. Delete "
                "takes you no longer need (each take has a Delete button), then record again."
            ).format(size=megabytes(held), limit=megabytes(MAX_JOURNAL_AUDIO_BYTES))
        )
    con.execute("INSERT INTO audio VALUES (?, ?, ?, ?)", (sha256, mime, audio, stamp))


def recording(con: sqlite3.Connection, sha256: str) -> tuple[bytes, str] | None:
    """A recording's bytes and MIME type, or None (see ``Journal.audio``)."""
    try:
        row = con.execute("SELECT data, mime FROM audio WHERE sha256 = ?", (sha256,)).fetchone()
    except sqlite3.OperationalError:  # a version-1 journal opened read-only
        return None
    return None if row is None else (bytes(row[0]), row[1])


def held_bytes(con: sqlite3.Connection) -> int:
    """How many bytes of recordings the journal holds."""
    try:
        return con.execute("SELECT COALESCE(SUM(length(data)), 0) FROM audio").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def every_recording(con: sqlite3.Connection) -> list[tuple[str, str, bytes, str]]:
    """Every recording, as (sha256, mime, bytes, saved_at), for an export."""
    try:
        rows = con.execute(
            "SELECT sha256, mime, data, saved_at FROM audio ORDER BY saved_at, sha256"
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [(row[0], row[1], bytes(row[2]), row[3]) for row in rows]


def remove_audio_of(con: sqlite3.Connection, entry_id: str) -> set[str]:
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


def remove_audio_from_backups(path: Path, removed: set[str]) -> None:
    """The same recordings out of the copies Step Up made beside the journal at ``path`` (before
    an import or an upgrade): a deleted take is gone from every copy we keep, not only this one.
    A copy that cannot be opened or written is left as it is; it is the engineer's file."""
    for backup in sorted(path.parent.glob(f"{path.name}.*.bak")):
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


def wipe_log(con: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Copy the write-ahead log into the journal and empty it, so deleted bytes (zeroed in the
    journal by ``secure_delete``) leave no copy in the ``-wal`` file. A reader holding the log
    open (a coach page reading right now) would make this wait: it is tried briefly, and
    otherwise done by the next delete or when the last connection closes."""
    con.execute(f"PRAGMA busy_timeout = {WIPE_WAIT_MS}")
    try:
        busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        con.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    if busy:
        log.warning("The journal is being read; the deleted recording is wiped from its log later")

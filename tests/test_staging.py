"""Staging files: a crash's leftovers are swept on the next open; a live command's are not."""

from __future__ import annotations

import fcntl
import os

from widgets.storage.journal import Journal, remove_stale_staging


def test_leftovers_are_swept_and_files_in_use_are_kept(tmp_path):
    journal_path = tmp_path / "journal.sqlite"
    Journal(journal_path).close()
    orphan = tmp_path / ".journal.sqlite.0123.new"
    orphan.write_bytes(b"half a journal")
    orphan_wal = tmp_path / ".journal.sqlite.0123.new-wal"
    orphan_wal.write_bytes(b"wal")
    busy = tmp_path / ".journal.sqlite.4567.tmp"
    busy.write_bytes(b"being written")
    fd = os.open(busy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a live export holds it
    try:
        Journal(journal_path).close()
        assert not orphan.exists() and not orphan_wal.exists()
        assert busy.exists()
    finally:
        os.close(fd)
    assert remove_stale_staging(journal_path) == [busy]


def test_a_killed_backup_leaves_no_rollback_journal(tmp_path):
    """A backup copy is written with SQLite's default rollback journal: a kill mid-copy leaves
    `<staging>-journal`, alone or beside its staging file; both are swept (seen in CI)."""
    journal_path = tmp_path / "journal.sqlite"
    Journal(journal_path).close()
    staging = tmp_path / ".journal.sqlite.before-import.d3c5b1f0.bak.fc7a.new"
    with_staging = [staging, tmp_path / f"{staging.name}-journal"]
    alone = tmp_path / ".journal.sqlite.before-import.d3c5b1f0.bak.0b1c.new-journal"
    for path in (*with_staging, alone):
        path.write_bytes(b"x")
    Journal(journal_path).close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

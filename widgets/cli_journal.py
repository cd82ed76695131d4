"""The journal a ``stepup`` command works on: the path it names, and reading it for one command
without leaving SQLite's files beside it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from widgets import settings
from widgets.storage.journal import Journal, companions_present, sweep_reader_companions


def journal_arg(args) -> Path:
    """The journal's path: ``--journal``, else $STEPUP_JOURNAL, else the default."""
    return settings.read(journal=args.journal).journal


@contextlib.contextmanager
def reading(path: Path) -> Iterator[Journal]:
    """The journal, read-only, for one command: SQLite's -wal and -shm files that reading it made
    beside it are removed after (a read-only connection cannot remove them itself)."""
    made = not companions_present(path)
    try:
        with Journal(path, readonly=True) as journal:
            yield journal
    finally:
        if made:
            sweep_reader_companions(path)

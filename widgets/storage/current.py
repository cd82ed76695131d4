"""Which journal a notebook works on, resolved once per kernel.

``STEPUP_JOURNAL`` names the file (default: the user data dir from platformdirs, outside any
repository); ``STEPUP_READONLY=1`` opens it read-only, as ``stepup coach`` does for Voilà.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from widgets.storage.journal import Journal

JOURNAL_ENV = "STEPUP_JOURNAL"
READONLY_ENV = "STEPUP_READONLY"

_open: dict[tuple[Path, bool], Journal] = {}


def default_journal_path() -> Path:
    return platformdirs.user_data_path("stepup", appauthor=False) / "journal.sqlite"


def journal_path() -> Path:
    configured = os.environ.get(JOURNAL_ENV, "").strip()
    return Path(configured).expanduser() if configured else default_journal_path()


def is_readonly() -> bool:
    return os.environ.get(READONLY_ENV, "").strip().lower() in ("1", "true", "yes")


def current_journal() -> Journal:
    """The kernel's journal, opened on first use (raises JournalError with a friendly message)."""
    key = (journal_path().resolve(), is_readonly())
    if key not in _open:
        _open[key] = Journal(key[0], readonly=key[1])
    return _open[key]


def close_all() -> None:
    """Close every journal this process opened and forget them: the next use opens afresh
    (after the environment names another journal, as tests and benchmarks do)."""
    while _open:
        _, journal = _open.popitem()
        journal.close()

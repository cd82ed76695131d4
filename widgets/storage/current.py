"""Which journal a notebook works on, resolved once per kernel.

``STEPUP_JOURNAL`` names the file (default: the user data dir from platformdirs, outside any
repository); ``STEPUP_READONLY=1`` opens it read-only, as ``stepup coach`` does for Voilà. Both
are read by :mod:`widgets.settings`.
"""

from __future__ import annotations

from pathlib import Path

from widgets import i18n, settings
from widgets.settings import JOURNAL_ENV, READONLY_ENV, default_journal_path
from widgets.storage.journal import Journal

__all__ = [
    "JOURNAL_ENV",
    "READONLY_ENV",
    "close_all",
    "current_journal",
    "default_journal_path",
    "is_readonly",
    "journal_path",
]

_open: dict[tuple[Path, bool], Journal] = {}


def journal_path() -> Path:
    """The kernel's journal file (:mod:`widgets.settings`: ``STEPUP_JOURNAL`` or the default)."""
    return settings.current().journal


def is_readonly() -> bool:
    """The kernel opens its journal read-only (``STEPUP_READONLY=1``, the coach's kernels)."""
    return settings.current().readonly


def current_journal() -> Journal:
    """The kernel's journal, opened on first use (raises JournalError with a friendly message)."""
    key = (journal_path().resolve(), is_readonly())
    if key not in _open:
        _open[key] = Journal(key[0], readonly=key[1])
        if not key[1]:  # the engineer's kernel speaks their profile's language (not a coach's)
            profile = _open[key].record("profile")
            i18n.remember_profile(profile.language if profile else "")
    return _open[key]


def close_all() -> None:
    """Close every journal this process opened and forget them: the next use opens afresh
    (after the environment names another journal, as tests and benchmarks do)."""
    while _open:
        _, journal = _open.popitem()
        journal.close()

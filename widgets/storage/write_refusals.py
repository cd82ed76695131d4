"""What the journal says when it refuses a write: open read-only, busy, replaced by an import
after it was opened, or refused by SQLite (a full disk, a read-only file). Each is a sentence for
the engineer, in the active language, naming the journal's path."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from widgets.i18n import gettext as _
from widgets.storage.errors import JournalError, JournalReplacedError, ReadOnlyJournalError


def read_only(path: Path) -> ReadOnlyJournalError:
    """A save through a journal opened read-only (the coach view)."""
    return ReadOnlyJournalError(
        _(
            "The journal at {path} is open read-only (coach view); nothing can be saved here."
        ).format(path=path)
    )


def busy(path: Path) -> JournalError:
    """Another program held the write lock for longer than a save waits."""
    return JournalError(
        _(
            "The journal at {path} is busy (another program is writing "
            "to it); your answer was not saved yet. Try again in a moment."
        ).format(path=path)
    )


def replaced(path: Path) -> JournalReplacedError:
    """The journal's contents were replaced by an import after this connection opened it."""
    return JournalReplacedError(
        _(
            "Your answer was not saved: the journal at {path} was replaced by an "
            "import after this notebook opened it. Restart the kernel "
            "(Kernel → Restart Kernel), run the workbook again, and type the answer "
            "once more; the journal as it was before the import is in the "
            "before-import backup beside it."
        ).format(path=path)
    )


def write_failed(path: Path, error: sqlite3.DatabaseError) -> JournalError:
    """A write SQLite refused, as a sentence for the engineer; the journal keeps its last saved
    state."""
    text = str(error).lower()
    if "full" in text:
        problem = _("the disk is full.")
        advice = _("Free some space, then change the field again to save it.")
    elif any(w in text for w in ("readonly", "read-only", "permission", "unable to open")):
        problem = _("this user may not write to it (a read-only disk or the file's permissions).")
        advice = _(
            "Check the file's owner and permissions, then change the field again to save it."
        )
    else:
        problem = _("SQLite could not write ({problem}).").format(problem=error)
        advice = _(
            "Your earlier answers are intact; try again, and if it keeps failing, "
            "export the journal (stepup export)."
        )
    # TRANSLATORS: {problem} is a clause ending in a full stop, {advice} a sentence.
    return JournalError(
        _(
            "Your answer was not saved to {path}: {problem} "
            "Everything saved before is unchanged. {advice}"
        ).format(path=path, problem=problem, advice=advice)
    )

"""What goes wrong with a journal, as exceptions whose message is written for the engineer."""

from __future__ import annotations

from pathlib import Path

from widgets import i18n
from widgets.i18n import gettext as _


def megabytes(size: int) -> str:
    """``size`` bytes as "1.2 MB" (the number as the active language writes it)."""
    return _("{size} MB").format(size=i18n.format_number(round(size / 1e6, 1), "0.0"))


def refuse_message(path: Path, problem: str, advice: str) -> str:
    """Why the journal at ``path`` is not opened, and what to do (it is left as it was)."""
    # TRANSLATORS: {problem} is a clause ending in a full stop ("the file is empty."), {advice} a
    # sentence.
    return _(
        "Step Up cannot open the journal at {path}: {problem} "
        "The file was left exactly as it was. {advice}"
    ).format(path=path, problem=problem, advice=advice)


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
    """The journal's contents were replaced (``stepup import --replace``) after this one opened
    it."""


class RecordInvalidError(JournalError):
    """A record failed validation; ``errors`` lists one sentence per field."""

    def __init__(self, kind: str, errors: list[str], entry_id: str | None = None):
        self.kind, self.errors, self.entry_id = kind, errors, entry_id
        reasons = i18n.gettext("; ").join(errors)
        if entry_id:
            message = _("entry {entry!r} ({kind}) was not saved: {reasons}").format(
                entry=entry_id, kind=kind, reasons=reasons
            )
        else:
            message = _("the {kind} was not saved: {reasons}").format(kind=kind, reasons=reasons)
        super().__init__(message)

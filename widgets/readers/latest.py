"""The journal's live entries as last read, read again only after a change.

A workbook cell asks the journal the same questions many times: the entry list, its picker, the
chart beside it and the text a notebook stores each read every thought record or check-in.
Reading and validating the same records again for each was most of what a five-year journal
added to opening a workbook. Every reader goes through :func:`latest`: a cheap version check per
call; then, per kind, one query and one validation per record while the journal is unchanged;
and a new reading as soon as any save, deletion or import (in this kernel or another) changes
the journal's version. A workbook reads only the kinds it shows.

Records are shared between readers, so nobody may change one in place (the forms build new
records with ``model_copy``; records are never mutated).

A reading is kept only while its journal is: the readings are keyed weakly on the journal and
hold it weakly too. (They held it strongly once, and a weak-key dictionary whose values hold
their keys frees nothing: every journal a roster or a coach page opened stayed, with its
records, about 8 MB per rebuild of a 1 MB snapshot.)
"""

from __future__ import annotations

import threading
import weakref

from widgets.storage.journal import Entry, Journal, JournalError, JournalSnapshot


class Reading:
    """One version of a journal's live entries, each kind read when first asked for."""

    readonly = True

    def __init__(self, journal: Journal, version: tuple[str, int]):
        self.path = journal.path
        self.version = version  # the journal's version when this reading began
        self._source = weakref.ref(journal)  # never strong: see the module's docstring
        self._kinds: dict[str | None, JournalSnapshot] = {}  # None: every kind

    @property
    def _journal(self) -> Journal:
        journal = self._source()
        if journal is None:  # every reader asks with the journal in hand; this is a bug
            raise JournalError(f"{self.path} was closed before it was read; open it again.")
        return journal

    def _of(self, kind: str | None) -> JournalSnapshot:
        if kind not in self._kinds:
            entries = self._journal.entries(kind) if kind or not self._kinds else self._rest()
            self._kinds[kind] = JournalSnapshot(self.path, entries)
        return self._kinds[kind]

    def _rest(self) -> list[Entry]:
        """Every live entry, reading only the kinds not read yet: a page that shows a few kinds
        and then the whole journal (workbook 05's document) decoded each entry twice. While the
        journal's version is still this reading's, the kinds already read are the journal as it
        is, records and all; any save since, and it is read whole in one query instead."""
        if self._journal.version() != self.version:
            return self._journal.entries()
        order = self._journal.live_ids()
        fetched = {
            entry.id: entry
            for kind in {kind for _, kind in order if kind not in self._kinds}
            for entry in self._journal.entries(kind)
        }
        if self._journal.version() != self.version:  # a save landed while the rest was read
            return self._journal.entries()
        return [
            fetched.get(entry_id) or self._kinds[kind].get(entry_id) for entry_id, kind in order
        ]

    def entries(self, kind: str | None = None) -> list[Entry]:
        """Live entries of ``kind`` (every kind when None), oldest first, as the journal orders
        them."""
        return self._of(kind).entries(kind)

    def whole(self) -> JournalSnapshot:
        """Every live entry, one consistent snapshot (for pages that read every kind)."""
        return self._of(None)


_kept: weakref.WeakKeyDictionary[Journal, tuple[tuple[str, int], Reading]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()  # the radar's background canvas reads from a timer thread


def latest(journal: Journal | JournalSnapshot) -> Reading | JournalSnapshot:
    """The live entries of ``journal``, each record validated once per version of the journal.

    A snapshot is already one unchanging reading and is returned as it is.
    """
    if isinstance(journal, JournalSnapshot):
        return journal
    # The version is read before any entry: a save landing in between leaves a reading newer
    # than its key, which the next call replaces, never an old reading under a new key.
    version = journal.version()
    with _lock:
        kept = _kept.get(journal)
        if kept is None or kept[0] != version:
            kept = _kept[journal] = (version, Reading(journal, version))
    return kept[1]


def latest_snapshot(journal: Journal | JournalSnapshot) -> JournalSnapshot:
    """Every live entry as one snapshot, read once per version of the journal."""
    reading = latest(journal)
    return reading if isinstance(reading, JournalSnapshot) else reading.whole()

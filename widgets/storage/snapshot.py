"""What a journal holds, as plain values: an entry, a revision, and a snapshot of every live
entry read at once (the reading side of a journal, over entries already loaded)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from widgets.storage.notifications import Subscription
from widgets.storage.records import STORED, Record, model_for


@dataclass(frozen=True)
class Entry:
    """One row of the journal as it is now: its record's kind, when it was made, last saved and
    deleted (None while live), and the record's data as stored."""

    id: str
    kind: str
    created_at: str
    updated_at: str
    deleted_at: str | None
    data: dict

    def record(self) -> Record:
        """The data as its kind's validated record."""
        return model_for(self.kind).model_validate(self.data, context=STORED)


@dataclass(frozen=True)
class Revision:
    """One saved version of an entry (``rev`` counts from 1), as ``Journal.history`` lists them."""

    entry_id: str
    rev: int
    saved_at: str
    data: dict | None  # None marks a deletion


class _ParsedOnce(Entry):
    """An entry whose record is validated once, however many readers ask for it."""

    def record(self) -> Record:
        if "_parsed" not in self.__dict__:
            object.__setattr__(self, "_parsed", super().record())
        return self.__dict__["_parsed"]


class JournalSnapshot:
    """The reading side of :class:`Journal` over entries already loaded (see ``Journal.snapshot``).

    The coach view and the report read many kinds at once; one query gives them a consistent view
    that no concurrent save can change halfway through a page.
    """

    readonly = True

    def __init__(self, path: Path, entries: list[Entry]):
        self.path = path
        entries = [
            e
            if isinstance(e, _ParsedOnce)  # already validated (or about to be) once: keep it
            else _ParsedOnce(e.id, e.kind, e.created_at, e.updated_at, e.deleted_at, e.data)
            for e in entries
        ]
        self._by_id = {entry.id: entry for entry in entries}
        self._by_kind: dict[str, list[Entry]] = {}
        for entry in entries:
            self._by_kind.setdefault(entry.kind, []).append(entry)

    def get(self, entry_id: str) -> Entry | None:
        """The live entry with this id, or None."""
        return self._by_id.get(entry_id)

    def record(self, kind: str, entry_id: str | None = None) -> Record | None:
        """The record of a live entry of ``kind`` (a singleton kind needs no id), or None."""
        entry = self.get(entry_id or kind)
        return None if entry is None or entry.kind != kind else entry.record()

    def entries(self, kind: str | None = None, include_deleted: bool = False) -> list[Entry]:
        """The live entries of one kind (every kind when None) in ``Journal.entries``' order; a
        snapshot holds no deleted ones, whatever ``include_deleted`` asks."""
        return list(self._by_id.values()) if kind is None else list(self._by_kind.get(kind, []))

    def on_change(self, callback) -> Subscription:
        """A snapshot never changes; listeners are accepted and never called."""
        return Subscription(None, callback)

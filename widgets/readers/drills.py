"""Workbook 04's estimation drills as the journal holds them: every attempt, per drill."""

from __future__ import annotations

from widgets.readers.latest import latest
from widgets.storage.journal import Journal
from widgets.storage.records import DrillAttempt


def drill_attempts(journal: Journal, drill_id: str | None = None) -> list[tuple[str, DrillAttempt]]:
    """(entry id, attempt) of every attempt, or of one drill's, oldest first; attempts of one
    day keep the order they were made in."""
    found = [
        (entry.id, entry.record())
        for entry in latest(journal).entries(DrillAttempt.kind)
        if drill_id is None or entry.record().drill_id == drill_id
    ]
    return sorted(found, key=lambda item: item[1].attempted_on)

"""readers.latest: the journal read once per version, read again after any change."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets.readers.beliefs import thought_records
from widgets.readers.latest import latest, latest_snapshot
from widgets.storage.journal import Journal
from widgets.storage.records import Checkin, ThoughtRecord

DAY = dt.date(2026, 11, 2)


def _record(belief: str) -> ThoughtRecord:
    return ThoughtRecord(recorded_on=DAY, belief=belief, strength_before=80)


def test_an_unchanged_journal_is_read_once_and_each_record_validated_once(journal):
    journal.save(_record("I'm behind for my years."))
    first = latest(journal)
    assert latest(journal) is first
    (one,) = thought_records(journal)
    (again,) = thought_records(journal)
    assert one[1] is again[1]  # validated once, shared by both readers


def test_every_save_and_deletion_is_seen_at_once(journal):
    entry = journal.save(_record("I'm behind for my years."))
    assert [r.belief for _, r in thought_records(journal)] == ["I'm behind for my years."]
    journal.save(_record("They will find out."), entry.id)
    assert [r.belief for _, r in thought_records(journal)] == ["They will find out."]
    journal.save(_record("Senior design is beyond me."))
    assert len(thought_records(journal)) == 2
    journal.delete(entry.id)
    assert [r.belief for _, r in thought_records(journal)] == ["Senior design is beyond me."]


def test_a_save_by_another_kernel_on_the_same_file_is_seen(journal, journal_path):
    journal.save(_record("I'm behind for my years."))
    assert len(thought_records(journal)) == 1
    with Journal(journal_path) as other:  # the same file open in another notebook's kernel
        other.save(_record("They will find out."))
    assert len(thought_records(journal)) == 2


def test_a_snapshot_is_its_own_reading(journal):
    journal.save(_record("I'm behind for my years."))
    snapshot = journal.snapshot()
    assert latest(snapshot) is snapshot
    journal.save(_record("They will find out."))
    assert len(thought_records(snapshot)) == 1  # a snapshot never changes


@pytest.fixture
def asked(monkeypatch) -> list:
    """The kinds the journal is asked for, in order (None: every kind)."""
    kinds: list = []
    entries = Journal.entries

    def counted(self, kind=None, include_deleted=False):
        kinds.append(kind)
        return entries(self, kind, include_deleted)

    monkeypatch.setattr(Journal, "entries", counted)
    return kinds


def test_a_workbook_reads_only_the_kinds_it_asks_for(journal, asked):
    journal.save(_record("I'm behind for my years."))
    thought_records(journal)
    thought_records(journal)
    assert asked == [ThoughtRecord.kind]  # one query, for that kind only
    assert [e.kind for e in latest_snapshot(journal).entries()] == [ThoughtRecord.kind]
    assert asked == [ThoughtRecord.kind]  # the whole journal is that kind: nothing read again


def test_the_whole_journal_reads_only_the_kinds_not_read_yet_in_the_journals_order(journal, asked):
    first = journal.save(_record("I'm behind for my years."))
    checkin = journal.save(Checkin(week_of=DAY, confidence=6))
    last = journal.save(_record("They will find out."))
    thought_records(journal)
    whole = latest_snapshot(journal).entries()
    assert asked == [ThoughtRecord.kind, Checkin.kind]
    in_order = [e.id for e in journal.entries()]  # the journal's own order
    assert [e.id for e in whole] == in_order
    assert {e.id for e in whole} == {first.id, checkin.id, last.id}
    (read,) = [e for e in whole if e.id == checkin.id]
    assert read.record() == Checkin(week_of=DAY, confidence=6)


def test_a_save_between_the_kinds_and_the_whole_journal_reads_it_whole_again(journal, journal_path):
    entry = journal.save(_record("I'm behind for my years."))
    reading = latest(journal)
    reading.entries(ThoughtRecord.kind)
    with Journal(journal_path) as other:  # another kernel saves in between
        other.save(_record("They will find out."), entry.id)
    (whole,) = reading.whole().entries()
    assert whole.record().belief == "They will find out."  # as the journal is, not half of each


def test_the_whole_journal_after_a_kind_keeps_that_kinds_validated_records(journal):
    journal.save(_record("I'm behind for my years."))
    (one,) = thought_records(journal)
    (whole,) = latest_snapshot(journal).entries(ThoughtRecord.kind)
    assert whole.record() is one[1]  # not validated a second time for the page-wide readers

"""The journal: saving, history, read-only, and every refusal leaving the file untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat

import pytest

from widgets.storage import schema
from widgets.storage.files import SQLITE_HEADER
from widgets.storage.journal import (
    CorruptJournalError,
    Journal,
    JournalError,
    NewerJournalError,
    NotAJournalError,
    ReadOnlyJournalError,
    RecordInvalidError,
)
from widgets.storage.records import Profile


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_journal_is_private_and_in_wal_mode(journal_path):
    """Is a new journal created with mode 0600, in WAL mode, marked with its schema version?"""
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha"))
        assert stat.S_IMODE(os.stat(journal_path).st_mode) == 0o600
        wal = journal_path.with_name(journal_path.name + "-wal")
        assert stat.S_IMODE(os.stat(wal).st_mode) == 0o600
    con = sqlite3.connect(journal_path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert dict(con.execute("SELECT key, value FROM meta"))["schema_version"] == "2"


def test_save_load_and_history(journal):
    """Does every save add a revision, and an unchanged save add none?"""
    journal.save(Profile(alias="Asha", years_experience=6))
    journal.save(Profile(alias="Asha", years_experience=6.5))
    journal.save(Profile(alias="Asha", years_experience=6.5))
    assert journal.record("profile").years_experience == 6.5
    history = journal.history("profile")
    assert [r.rev for r in history] == [1, 2]
    assert [r.data["years_experience"] for r in history] == [6.0, 6.5]


def test_answers_survive_reopening(journal_path):
    """Does a new connection (a new kernel) see what the last one saved?"""
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha", worries="deep dives"))
    with Journal(journal_path) as reopened:
        assert reopened.record("profile").worries == "deep dives"


def test_delete_keeps_history(journal):
    """Is a deleted entry hidden but recoverable from its revisions?"""
    journal.save(Profile(alias="Asha"))
    journal.delete("profile")
    assert journal.record("profile") is None
    assert journal.entries() == []
    history = journal.history("profile")
    assert history[-1].data is None and history[0].data["alias"] == "Asha"


def test_invalid_record_names_the_field_and_stores_nothing(journal):
    """Is a record that bypassed validation refused with the field named, and nothing written?"""
    journal.save(Profile(alias="Asha", years_experience=6))
    bad = Profile.model_construct(alias="Asha", years_experience=-3)
    with pytest.raises(RecordInvalidError, match="years_experience"):
        journal.save(bad)
    assert journal.record("profile").years_experience == 6
    assert len(journal.history("profile")) == 1


def test_readonly_refuses_to_write_at_the_database_level(journal_path):
    """Can neither our API nor raw SQL write through a read-only journal?"""
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha"))
    before = digest(journal_path)
    with Journal(journal_path, readonly=True) as readonly:
        assert readonly.record("profile").alias == "Asha"
        with pytest.raises(ReadOnlyJournalError):
            readonly.save(Profile(alias="Mallory"))
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
            readonly.query("UPDATE entries SET data = '{}'")
    assert digest(journal_path) == before


def test_readonly_never_creates_a_missing_journal(tmp_path):
    """Does the coach view refuse a missing journal instead of creating one?"""
    path = tmp_path / "missing.sqlite"
    with pytest.raises(JournalError, match="no journal"):
        Journal(path, readonly=True)
    assert not path.exists()


def _foreign_sqlite(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("INSERT INTO notes VALUES ('not ours')")
    con.commit()
    con.close()


def _newer_journal(path):
    with Journal(path) as journal:
        journal.save(Profile(alias="Asha"))
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _filled_journal(path, saves: int) -> None:
    """A journal of many pages, checkpointed so the main file holds everything."""
    with Journal(path) as journal:
        for n in range(saves):
            journal.save(Profile(alias=f"Asha {n}", worries="x" * 3000))
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _truncated_journal(path):
    _filled_journal(path, 200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt_journal(path):
    _filled_journal(path, 50)
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 100, len(data), 512):  # scribble over every page after the first
        data[offset : offset + 16] = b"\xde\xad\xbe\xef" * 4
    path.write_bytes(bytes(data))


REFUSALS = {
    "not sqlite": (
        lambda p: p.write_text("name,years\nAsha,6\n"),
        NotAJournalError,
        "not a SQLite database",
    ),
    "empty file": (lambda p: p.write_bytes(b""), NotAJournalError, "empty"),
    "header only": (
        lambda p: p.write_bytes(SQLITE_HEADER + b"\x00" * 20),
        CorruptJournalError,
        "truncated",
    ),
    "foreign sqlite": (_foreign_sqlite, NotAJournalError, "not a Step Up journal"),
    "newer version": (_newer_journal, NewerJournalError, "newer Step Up"),
    "truncated": (_truncated_journal, CorruptJournalError, "truncated"),
    "corrupt": (_corrupt_journal, CorruptJournalError, ""),
}


@pytest.mark.parametrize("case", REFUSALS)
@pytest.mark.parametrize("readonly", [False, True], ids=["lab", "coach"])
def test_refused_files_are_left_byte_for_byte(tmp_path, case, readonly):
    """Is each bad file refused with a clear message and left exactly as it was?"""
    make, error_type, phrase = REFUSALS[case]
    path = tmp_path / "journal.sqlite"
    make(path)
    for leftover in ("-wal", "-shm"):
        path.with_name(path.name + leftover).unlink(missing_ok=True)
    before = digest(path)
    with pytest.raises(error_type) as raised:
        Journal(path, readonly=readonly)
    message = str(raised.value)
    assert phrase in message
    assert "left exactly as it was" in message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.sqlite"]


def test_migration_runs_after_a_backup(journal_path, monkeypatch):
    """Does opening an older journal back it up, then migrate it in one transaction?"""
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha"))
    before = digest(journal_path)

    def add_column(con):
        con.execute("ALTER TABLE entries ADD COLUMN tags TEXT")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(schema.MIGRATIONS, 2, add_column)
    with Journal(journal_path) as migrated:
        assert migrated.record("profile").alias == "Asha"
        assert "tags" in migrated.columns("entries")
        assert migrated.schema_version() == 3
    backup = journal_path.with_name("journal.sqlite.v2.bak")
    assert backup.exists() and stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    with Journal(backup, readonly=True) as old:  # the journal as it was: version 2, no new column
        assert old.record("profile").alias == "Asha"
        assert old.schema_version() == 2
        assert "tags" not in old.columns("entries")
        assert [(r.rev, r.data) for r in old.history("profile")] == [
            (1, Profile(alias="Asha").model_dump(mode="json"))
        ]
    assert digest(journal_path) != before  # and the journal itself was migrated


def test_failed_migration_leaves_the_journal_at_its_old_version(journal_path, monkeypatch):
    """Does a migration that fails roll back completely?"""
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha"))

    def broken(con):
        con.execute("ALTER TABLE entries ADD COLUMN tags TEXT")
        raise RuntimeError("boom")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(schema.MIGRATIONS, 2, broken)
    with pytest.raises(RuntimeError):
        Journal(journal_path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    with Journal(journal_path) as reopened:
        assert "tags" not in reopened.columns("entries")
        assert reopened.record("profile").alias == "Asha"


def test_saves_from_another_thread_work_and_queue(journal_path):
    """ipykernel 7 runs widget callbacks on a thread other than the cell's:
    the journal must cope."""
    import threading

    from widgets.storage.records import ThoughtRecord

    journal = Journal(journal_path)
    errors: list[BaseException] = []

    def write(start: int) -> None:
        try:
            for strength in range(start, start + 20):
                journal.save(
                    ThoughtRecord(recorded_on="2026-11-16", belief="x", strength_before=strength),
                    "shared",
                )
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n * 20,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    history = journal.history("shared")
    assert [r.rev for r in history] == list(range(1, 61))
    assert sorted(r.data["strength_before"] for r in history) == list(range(60))
    journal.close()


def test_entries_made_in_the_same_second_come_back_in_the_order_they_were_made(
    journal, monkeypatch
):
    """Timestamps are to the second (and pinned in tests): the order of a day's entries must
    not follow their random ids, or a workbook reopens an older one than the last made."""
    from widgets.storage.records import Checkin

    monkeypatch.setenv("STEPUP_TODAY", "2026-11-20")
    made = [journal.save(Checkin(week_of="2026-11-16", confidence=n % 11)).id for n in range(30)]
    assert [e.id for e in journal.entries("checkin")] == made
    assert [e.id for e in journal.entries()] == made
    assert [entry_id for entry_id, _ in journal.live_ids()] == made


def test_a_query_only_reads_even_on_a_writable_journal(journal_path):
    """The checks tests use (query, schema_version, columns) cannot change the journal."""
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha"))
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
            journal.query("UPDATE entries SET data = '{}'")
        assert journal.record("profile").alias == "Asha"
        assert journal.schema_version() == schema.SCHEMA_VERSION
        assert journal.integrity_check() == "ok"
        journal.save(Profile(alias="Asha B"))  # and it still writes through its own API
    with Journal(journal_path, readonly=True) as reopened:
        assert reopened.record("profile").alias == "Asha B"


def test_storage_tells_listeners_at_once_unless_a_scheduler_defers(journal_path, monkeypatch):
    """Storage knows no kernel: the widgets' layer may defer the telling through the hook."""
    from widgets.storage import notifications

    deferred = []
    monkeypatch.setattr(notifications, "_scheduler", [])
    with Journal(journal_path) as journal:
        heard = []
        journal.on_change(lambda kind, entry_id: heard.append(kind))
        journal.save(Profile(alias="A"))
        assert heard == ["profile"]
        notifications.set_scheduler(lambda flush: deferred.append(flush) or True)
        journal.save(Profile(alias="B"))
        journal.save(Profile(alias="C"))
        assert heard == ["profile"] and len(deferred) == 1  # one flush for the burst
        deferred[0]()
        assert heard == ["profile", "profile"]

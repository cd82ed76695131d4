"""Faults the engineer's journal must survive: a killed writer, two writers at once, a full disk,
a file this user may not write. Bounded in count and time; nothing leaves this machine."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from widgets import profile_form
from widgets.storage import journal as journal_module
from widgets.storage.checks import connect_readonly
from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import Checkin, Profile

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def _harness(*args: str, timeout: int = 300) -> dict:
    done = subprocess.run(
        check=False,
        args=[sys.executable, "-m", "tests.fault_harness", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_writer_killed_at_random_points_never_loses_an_acknowledged_save(journal_path):
    """200 SIGKILLs mid-save: the journal always opens, integrity_check is ok,
    every acknowledged save is there."""
    Journal(journal_path).close()
    result = _harness("crash", str(journal_path), "200", "20261125")
    assert result["integrity"] == "ok" and result["lost"] == []
    assert result["rounds"] == result["kills"] == 200
    assert result["acknowledged"] > 200  # the kills landed mid-stream, after real saves


def test_two_processes_writing_at_once_lose_nothing_and_never_report_a_lock(journal_path):
    Journal(journal_path).close()
    command = [sys.executable, "-m", "tests.fault_harness", "write", str(journal_path)]
    writers = [
        subprocess.Popen(
            [*command, prefix, "1000"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix in ("lab", "cli")
    ]
    results = [writer.communicate(timeout=300) for writer in writers]
    for (out, err), writer in zip(results, writers, strict=True):
        assert writer.returncode == 0, err[-2000:]
        assert json.loads(out.strip().splitlines()[-1]) == {"failures": 0}
        assert "locked" not in err
    with Journal(journal_path, readonly=True) as journal:
        ids = {entry.id for entry in journal.entries()}
        assert journal.integrity_check() == "ok"
    assert ids == {f"{prefix}-{n}" for prefix in ("lab", "cli") for n in range(1000)}


def _cap_size(monkeypatch) -> None:
    """Journals opened for writing from now on make SQLite report a full disk on their next
    growth, as a real full disk would."""
    real = journal_module.connect_writable

    def capped(path):
        con = real(path)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {pages}")
        return con

    monkeypatch.setattr(journal_module, "connect_writable", capped)


def test_a_full_disk_is_a_clear_message_and_the_last_save_stays(journal_path, monkeypatch):
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha", worries="Short."))
    _cap_size(monkeypatch)
    with Journal(journal_path) as journal:
        with pytest.raises(JournalError, match="the disk is full") as refused:
            for n in range(200):
                journal.save(Checkin(week_of=dt.date(2026, 1, 5), wins="x" * 4000), f"week-{n}")
        assert "Everything saved before is unchanged" in str(refused.value)
        saved = journal.record("profile")
    with Journal(journal_path, readonly=True) as journal:
        assert journal.record("profile") == saved
        assert journal.integrity_check() == "ok"


def test_a_full_disk_shows_beside_the_form_and_keeps_the_answer(journal_path, monkeypatch):
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha"))
    _cap_size(monkeypatch)
    form = profile_form()
    assert form.alias.value == "Asha"
    form.worries.value = "w" * 4900
    assert "disk is full" in form.status
    with Journal(journal_path, readonly=True) as journal:
        assert journal.record("profile").alias == "Asha" and journal.record("profile").worries == ""


def test_a_journal_this_user_may_not_write_is_a_clear_message(journal_path, monkeypatch):
    """As if the file or its disk were read-only to this user (root ignores file modes,
    so SQLite's own read-only open stands in)."""
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha"))
    before = journal_path.read_bytes()

    def readonly_connection(path):
        con = connect_readonly(path)
        con.execute("PRAGMA query_only = OFF")
        return con

    monkeypatch.setattr(journal_module, "connect_writable", readonly_connection)
    journal = Journal(journal_path)
    with pytest.raises(JournalError, match="may not write to it"):
        journal.save(Profile(alias="Someone else"))
    assert journal.record("profile").alias == "Asha"
    journal.close()
    assert journal_path.read_bytes() == before


def test_import_replace_under_two_live_writers_loses_no_confirmed_save(journal_path, demo_text):
    """Every save a writer was told is saved is in the new journal or the before-import backup;
    after the import, each writer is told its saves are refused,
    never silently written elsewhere."""
    import time

    from widgets.storage.transfer import import_journal

    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Before the import"))
    command = [sys.executable, "-m", "tests.fault_harness", "acked", str(journal_path)]
    writers = [
        subprocess.Popen(
            [*command, prefix, "4000", "0.001"],  # 4 s or more: the import lands mid-way
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix in ("lab", "cli")
    ]
    # The import comes once both are writing, with most of their saves still ahead (a fixed
    # sleep let a fast writer finish all 4,000 first, and then nothing was left to refuse).
    acked: list[list[str]] = [[], []]
    said: list[list[str]] = [[], []]  # stderr read as it comes, or a full pipe stops the writer
    readers = [
        threading.Thread(target=lambda stream=stream, into=into: into.extend(stream), daemon=True)
        for writer, out, err in zip(writers, acked, said, strict=True)
        for stream, into in ((writer.stdout, out), (writer.stderr, err))
    ]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + 60
    while min(len(lines) for lines in acked) < 50 and time.monotonic() < deadline:
        time.sleep(0.005)
    backup = import_journal(demo_text, journal_path, replace=True)
    for writer in writers:
        writer.wait(timeout=300)
    for reader in readers:
        reader.join(timeout=60)
    outputs = [("".join(out), "".join(err)) for out, err in zip(acked, said, strict=True)]
    confirmed = {
        line.strip() for out, _ in outputs for line in out.splitlines() if not line.startswith("{")
    }
    refusals = [json.loads(out.strip().splitlines()[-1])["failures"] for out, _ in outputs]
    with Journal(journal_path, readonly=True) as journal:
        after = {entry.id for entry in journal.entries()}
        assert journal.record("profile").alias != "Before the import"  # the demo persona's
    with Journal(backup, readonly=True) as journal:
        before = {entry.id for entry in journal.entries()}
    assert confirmed, "the writers were writing before the import"
    assert confirmed <= before | after
    assert all(count > 0 for count in refusals), "each writer was told its later saves were refused"
    assert all("replaced by an import" in err for _, err in outputs)
    assert not list(journal_path.parent.glob(".*")), "no staging file left beside the journal"


def _restore_before_the_import(journal_path) -> None:
    profile = json.dumps(Profile(alias="Before the import").model_dump(mode="json"))
    with Journal(journal_path) as journal:
        journal.replace_contents(
            [("profile", "profile", "2026-01-01T00:00:00", "2026-01-01T00:00:00", None, profile)],
            [("profile", 1, "2026-01-01T00:00:00", profile)],
            backup_suffix=None,
        )


def test_an_import_killed_at_random_points_leaves_old_or_new_and_no_debris(tmp_path, demo_text):
    """`stepup import --replace` SIGKILLed 20 times: the journal is always the old state or the
    new one, every backup is whole, and the next open leaves no staging file behind."""
    import random
    import signal
    import time

    journal_path = tmp_path / "journal.sqlite"
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Before the import"))
    export = tmp_path / "demo.json"
    export.write_text(demo_text, encoding="utf-8")
    rng = random.Random(20261125)
    states = set()
    command = [sys.executable, "-m", "widgets.cli", "import", str(export)]
    command += ["--journal", str(journal_path), "--replace"]

    def start() -> subprocess.Popen:
        return subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    # How long a whole import takes on this machine now (a loaded machine is slower): the kills
    # are spread from interpreter start-up to well past the commit, whatever the speed.
    began = time.monotonic()
    assert start().wait() == 0
    whole = time.monotonic() - began
    _restore_before_the_import(journal_path)
    for _ in range(20):
        process = start()
        time.sleep(rng.uniform(0.15, 1.3) * whole)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Journal(journal_path) as journal:  # opening is where leftovers are swept
            assert journal.integrity_check() == "ok"
            alias = journal.record("profile").alias
            states.add(alias)
            if alias != "Before the import":  # the new state: the whole persona
                assert len(journal.entries()) == len(json.loads(demo_text)["entries"])
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "staging debris"
        _restore_before_the_import(journal_path)  # the old state for the next round
    for backup in tmp_path.glob("*.bak"):
        with Journal(backup, readonly=True) as copy:
            assert copy.integrity_check() == "ok"
    assert len(states) == 2, f"the kills should land both before and after the commit: {states}"

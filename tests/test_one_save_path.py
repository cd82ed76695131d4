"""One save path: only ``widgets/forms/commands.py`` writes to the journal outside ``storage/``;
a command that writes two records commits both or neither; readers and panels write nothing."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from widgets import competency_radar, competency_ratings, thought_records
from widgets.forms import commands
from widgets.readers.plan import actions
from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import Action, Profile, ThoughtRecord

PACKAGE = Path(__file__).resolve().parent.parent / "widgets"
WRITES = {"save", "save_take", "delete", "delete_take", "replace_contents", "transaction"}
THE_SAVE_PATH = {"forms/commands.py"}


def journal_writes(source: str) -> list[str]:
    """``x.journal.save(…)``, ``journal.delete_take(…)``, … : every call of a journal's write
    methods in a module's source, as ``line: call``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITES:
            continue
        receiver = ast.unparse(node.func.value)
        if "journal" in receiver.rsplit(".", 1)[-1].lower():
            found.append(f"{node.lineno}: {ast.unparse(node.func)}")
    return found


def test_the_scan_finds_a_write_however_the_journal_is_reached():
    source = (
        "self.journal.save(record, entry_id)\n"
        "journal.delete_take(take)\n"
        "with self._journal.transaction():\n    pass\n"
        "image.save(buffer)\n"  # a picture, not the journal
    )
    assert [line.split(": ")[1] for line in journal_writes(source)] == [
        "self.journal.save",
        "journal.delete_take",
        "self._journal.transaction",
    ]


def test_only_the_commands_module_writes_outside_storage():
    outside = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name.startswith("storage/") or name in THE_SAVE_PATH:
            continue
        if found := journal_writes(path.read_text(encoding="utf-8")):
            outside[name] = found
    assert outside == {}, "write through widgets/forms/commands.py (the one save path)"
    assert journal_writes((PACKAGE / "forms/commands.py").read_text(encoding="utf-8"))


def test_a_transaction_keeps_both_writes_or_neither(journal):
    told = []
    journal.on_change(lambda kind, _id: told.append(kind))
    with pytest.raises(RuntimeError), journal.transaction():
        journal.save(Profile(alias="Asha"))
        assert journal.record(Profile.kind).alias == "Asha"  # read inside: the write is there
        raise RuntimeError("the second write failed")
    assert journal.record(Profile.kind) is None and told == []
    with journal.transaction():
        journal.save(Profile(alias="Asha"))
        journal.save(ThoughtRecord(recorded_on=dt.date(2026, 11, 2), belief="x"))
        assert told == []  # listeners hear after the commit, not before
    assert sorted(told) == ["profile", "thought_record"]
    assert len(journal.history(Profile.kind)) == 1


def test_a_record_whose_action_cannot_be_saved_is_not_saved_either(journal_path, monkeypatch):
    editor = thought_records().editor
    editor.situation.value = "A mock deep dive."
    saved = Journal.save

    def refuse_actions(self, record, entry_id=None):
        if record.kind == Action.kind:
            raise JournalError("the disk is full.")
        return saved(self, record, entry_id)

    monkeypatch.setattr(Journal, "save", refuse_actions)
    editor.next_step.value = "act"
    editor.action.value = "Reread the design doc"
    assert editor.status.startswith("Not saved") and "disk is full" in editor.status
    monkeypatch.setattr(Journal, "save", saved)
    with Journal(journal_path, readonly=True) as journal:
        [entry] = journal.entries(ThoughtRecord.kind)
        assert entry.data["action"]["what"] == ""  # as the last save that committed whole left it
        assert actions(journal) == []
    editor.action.value = "Reread the design doc, then the numbers"  # the next save catches up
    with Journal(journal_path, readonly=True) as journal:
        [(_, action)] = actions(journal)
        assert action.what == "Reread the design doc, then the numbers"
        assert journal.record(ThoughtRecord.kind, entry.id).action.what == action.what


def test_the_snapshot_is_a_command_the_radar_button_calls(journal_path):
    radar = competency_radar()
    competency_ratings().form.rows["scope_autonomy"].current = "mid"
    with Journal(journal_path) as journal:
        first = commands.save_snapshot(journal, radar.choice.framework)
        again = commands.save_snapshot(journal, radar.choice.framework)  # same day: one entry
        assert first == again and len(journal.entries("competency_snapshot")) == 1
    radar.snapshot_button.click()
    with Journal(journal_path, readonly=True) as journal:
        assert len(journal.entries("competency_snapshot")) == 1
    assert "saved" in radar.snapshot_status.value

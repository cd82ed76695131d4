"""JSON export and import: exact round trips, and refusals that change nothing."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest

from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.storage.transfer import ImportError_, demo_date, dumps, export_journal, import_journal


def test_demo_persona_round_trips_exactly(tmp_path, demo_text):
    """Does import followed by export give back the demo persona byte for byte?"""
    path = tmp_path / "j.sqlite"
    import_journal(demo_text, path)
    with Journal(path, readonly=True) as journal:
        assert dumps(export_journal(journal)) == demo_text
        assert len(journal.history("profile")) == 3
        assert journal.record("profile").alias == "Asha"


def test_export_keeps_deleted_entries_and_every_revision(journal, tmp_path):
    """Does an export carry deletions and history, and survive a second round trip?"""
    journal.save(Profile(alias="A"))
    journal.save(Profile(alias="B"))
    journal.delete("profile")
    first = dumps(export_journal(journal))
    import_journal(first, tmp_path / "copy.sqlite")
    with Journal(tmp_path / "copy.sqlite") as copy_journal:
        assert dumps(export_journal(copy_journal)) == first
        assert copy_journal.record("profile") is None
        assert [r.data and r.data["alias"] for r in copy_journal.history("profile")] == [
            "A",
            "B",
            None,
        ]


def _profile(document: dict) -> dict:
    return next(e for e in document["entries"] if e["id"] == "profile")


def _bad(demo_text, mutate):
    document = json.loads(demo_text)
    mutate(document)
    return json.dumps(document)


BAD_IMPORTS = {
    "not json": (
        lambda t: "{not json",
        (
            "not a whole Step Up journal export: its text breaks off or was changed by hand "
            "near line 1,"
        ),
    ),
    "wrong format": (lambda t: _bad(t, lambda d: d.update(format="something-else")), "format"),
    "newer": (lambda t: _bad(t, lambda d: d.update(schema_version=7)), "newer Step Up"),
    "bad field": (
        lambda t: _bad(
            t, lambda d: _profile(d)["revisions"][1]["data"].update(years_experience=-2)
        ),
        "entry 'profile' (profile), revision 2: years_experience",
    ),
    "unknown kind": (
        lambda t: _bad(t, lambda d: _profile(d).update(kind="horoscope")),
        "unknown kind",
    ),
    "gap in history": (
        lambda t: _bad(t, lambda d: _profile(d)["revisions"].pop(1)),
        "without gaps",
    ),
    "duplicate id": (
        lambda t: _bad(t, lambda d: d["entries"].append(copy.deepcopy(_profile(d)))),
        "appears twice",
    ),
    "deep nesting": (lambda t: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("case", BAD_IMPORTS)
def test_bad_import_names_the_problem_and_changes_nothing(tmp_path, demo_text, case):
    """Is each bad export refused with a message naming the problem, the target untouched?"""
    make, phrase = BAD_IMPORTS[case]
    target = tmp_path / "j.sqlite"
    with Journal(target) as journal:
        journal.save(Profile(alias="Mine"))
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    with pytest.raises(ImportError_) as raised:
        import_journal(make(demo_text), target, replace=True)
    assert phrase in str(raised.value)
    assert "Nothing was imported" in str(raised.value)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "j.sqlite"
    ]


def test_import_never_overwrites_answers_without_replace(tmp_path, demo_text):
    """Is a journal holding answers kept unless --replace, and backed up when replaced?"""
    target = tmp_path / "j.sqlite"
    with Journal(target) as journal:
        journal.save(Profile(alias="Mine"))
    with pytest.raises(ImportError_, match="already holds answers"):
        import_journal(demo_text, target)
    backup = import_journal(demo_text, target, replace=True)
    with Journal(backup, readonly=True) as old, Journal(target, readonly=True) as new:
        assert old.record("profile").alias == "Mine"
        assert new.record("profile").alias == "Asha"


def test_demo_date_is_the_last_answer_day(demo_text):
    assert demo_date(demo_text) == "2026-11-16"


def test_a_key_twice_in_one_object_is_refused_and_nothing_is_written(tmp_path, demo_text):
    """A file whose second "entries" is empty must not import as an empty journal."""
    target = tmp_path / "journal.sqlite"
    import_journal(demo_text, target)
    before = target.read_bytes()
    doubled = demo_text.rstrip().removesuffix("}") + ', "entries": []}'
    with pytest.raises(ImportError_, match="'entries' twice"):
        import_journal(doubled, target, replace=True)
    assert target.read_bytes() == before

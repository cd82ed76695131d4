"""Spoken takes in the journal: kept with their record in one save, removed from every revision
(and from the file's bytes) on delete, capped with clear messages, carried by export and import,
and upgraded into from a version-1 journal."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import stat

import pytest
from pydantic import ValidationError

from widgets.content import messages
from widgets.readers.audience import audience_view
from widgets.storage import audio as recordings
from widgets.storage import schema
from widgets.storage.journal import Journal, JournalError, NewerJournalError, backup_copy
from widgets.storage.records import AudioRef, Profile, Rehearsal, TakeMetrics
from widgets.storage.transfer import ImportError_, dumps, export_journal, import_journal

WAV_HEADER = b"RIFF\x00\x00\x00\x00WAVEfmt "


def clip(size: int = 300_000, seed: int = 1) -> bytes:
    """Bytes no journal would hold by chance: a WAV header, then noise."""
    return WAV_HEADER + os.urandom(size) if seed else WAV_HEADER


def take(audio: bytes, subject_id: str = "story1", **changes) -> Rehearsal:
    fields = {
        "subject_kind": "story",
        "subject_id": subject_id,
        "time_box_s": 120,
        "recorded_on": "2026-11-20",
        "audio": AudioRef.of(audio, "audio/wav"),
        "metrics": TakeMetrics(
            duration_s=95.2, speaking_s=80.1, pauses=6, longest_pause_s=3.6, long_pauses=1
        ),
        **changes,
    }
    return Rehearsal(**fields)


def file_bytes(path) -> bytes:
    """The journal's bytes on disk, with its write-ahead log and index beside it."""
    return b"".join(
        p.read_bytes()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    )


def pieces(audio: bytes) -> list[bytes]:
    """64-byte stretches from across the recording: any of them on disk is a copy of it."""
    return [audio[offset : offset + 64] for offset in range(100, len(audio) - 64, 9_973)]


def test_a_take_and_its_recording_are_one_save(journal):
    """Is the recording kept once, named by the record, and read back byte for byte?"""
    audio = clip()
    entry = journal.save_take(take(audio), audio, "audio/wav")
    assert journal.audio(entry.data["audio"]["sha256"]) == (audio, "audio/wav")
    assert journal.audio_bytes() == len(audio)
    # Rating the take later adds revisions that name the same recording, not copies of it.
    journal.save(take(audio, self_scores={"clarity": 3}, notes="slow start"), entry.id)
    journal.save(take(audio, self_scores={"clarity": 4}, notes="slow start"), entry.id)
    assert len(journal.history(entry.id)) == 3
    assert journal.audio_bytes() == len(audio)
    assert file_bytes(journal.path).count(pieces(audio)[5]) == 1


def test_a_record_that_names_other_bytes_is_refused(journal):
    audio = clip()
    with pytest.raises(JournalError, match="does not name its recording"):
        journal.save_take(take(clip()), audio, "audio/wav")
    assert journal.entries() == [] and journal.audio_bytes() == 0


def test_deleting_a_take_removes_its_recording_from_the_file(journal):
    """After a delete, is no stretch of the recording left in the journal's bytes on disk, in
    any revision, in free pages, or in the write-ahead log, while its figures stay?"""
    kept, deleted = clip(seed=2), clip(seed=3)
    journal.save_take(take(kept, "story2"), kept, "audio/wav")
    entry = journal.save_take(take(deleted), deleted, "audio/wav")
    journal.save(take(deleted, notes="first try"), entry.id)
    assert all(piece in file_bytes(journal.path) for piece in pieces(deleted))
    journal.delete_take(entry.id)
    on_disk = file_bytes(journal.path)
    assert not any(piece in on_disk for piece in pieces(deleted))
    assert all(piece in on_disk for piece in pieces(kept))  # the other take is untouched
    assert journal.audio(hashlib.sha256(deleted).hexdigest()) is None
    history = journal.history(entry.id)
    assert [r.data and r.data["notes"] for r in history] == ["", "first try", None]
    journal.close()
    with sqlite3.connect(journal.path) as con:  # and a VACUUM copies nothing of it back
        con.execute("VACUUM")
    assert not any(piece in file_bytes(journal.path) for piece in pieces(deleted))


def test_deleting_a_take_removes_its_recording_from_the_backups_beside_the_journal(journal):
    """The copies Step Up keeps beside the journal (before an import or an upgrade) lose the
    deleted take's recording too, and keep everything else."""
    kept, deleted = clip(seed=5), clip(seed=6)
    journal.save_take(take(kept, "story2"), kept, "audio/wav")
    entry = journal.save_take(take(deleted), deleted, "audio/wav")
    backup = backup_copy(journal.path, "before-import")
    assert all(piece in file_bytes(backup) for piece in pieces(deleted))
    journal.delete_take(entry.id)
    assert not any(piece in file_bytes(backup) for piece in pieces(deleted))
    assert all(piece in file_bytes(backup) for piece in pieces(kept))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with Journal(backup, readonly=True) as copy:  # still a whole journal, the take's figures in it
        assert copy.record("rehearsal", entry.id).metrics.long_pauses == 1
        assert copy.audio(hashlib.sha256(deleted).hexdigest()) is None


def test_the_log_is_wiped_once_a_reader_lets_go(journal):
    """A coach page reading the journal while a take is deleted: the next delete wipes the log."""
    audio = clip(seed=4)
    entry = journal.save_take(take(audio), audio, "audio/wav")
    reader = Journal(journal.path, readonly=True)
    with reader.reading():  # holds a read snapshot
        journal.delete_take(entry.id)
    reader.close()
    other = clip(seed=5)
    second = journal.save_take(take(other, "story9"), other, "audio/wav")
    journal.delete_take(second.id)
    assert not any(piece in file_bytes(journal.path) for piece in pieces(audio))


def test_the_caps_refuse_with_a_sentence_and_store_nothing(journal, monkeypatch):
    too_big = clip(recordings.MAX_CLIP_BYTES)
    with pytest.raises(JournalError, match=r"a take\s+may be up to 11\.5 MB"):
        journal.save_take(take(too_big), too_big, "audio/wav")
    monkeypatch.setattr(recordings, "MAX_JOURNAL_AUDIO_BYTES", 700_000)
    first, second, third = clip(seed=6), clip(seed=7), clip(seed=8)
    journal.save_take(take(first, "a"), first, "audio/wav")
    journal.save_take(take(second, "b"), second, "audio/wav")
    with pytest.raises(JournalError, match="already keeps 0.6 MB of recordings.*Delete takes"):
        journal.save_take(take(third, "c"), third, "audio/wav")
    assert len(journal.entries()) == 2
    assert journal.audio(hashlib.sha256(third).hexdigest()) is None
    with pytest.raises(JournalError, match="not one Step Up keeps"):
        journal.save_take(take(first, "d"), first, "video/mp4")


def test_export_and_import_carry_the_recordings(journal, tmp_path):
    audio = clip(seed=9)
    entry = journal.save_take(take(audio), audio, "audio/wav")
    journal.save(Profile(alias="Asha"))
    text = dumps(export_journal(journal))
    assert json.loads(text)["schema_version"] == 2
    notes: list[str] = []
    import_journal(text, tmp_path / "copy.sqlite", notes=notes)
    assert notes == []
    with Journal(tmp_path / "copy.sqlite") as copy:
        assert copy.audio(entry.data["audio"]["sha256"]) == (audio, "audio/wav")
        assert dumps(export_journal(copy)) == text


def test_an_export_without_recordings_stays_format_1(journal):
    journal.save(Profile(alias="Asha"))
    assert export_journal(journal)["schema_version"] == 1
    assert "audio" not in export_journal(journal)


def _damage(document: dict, sha256: str, how: str) -> None:
    item = next(item for item in document["audio"] if item["sha256"] == sha256)
    if how == "flipped byte":
        data = bytearray(base64.b64decode(item["data"]))
        data[5000] ^= 0xFF
        item["data"] = base64.b64encode(bytes(data)).decode()
    elif how == "not base64":
        item["data"] = "%%%" + item["data"][3:]
    elif how == "oversized":
        big = WAV_HEADER + bytes(recordings.MAX_CLIP_BYTES)
        item["data"] = base64.b64encode(big).decode()
        item["sha256"] = hashlib.sha256(big).hexdigest()
    elif how == "not audio":
        fake = b"<html>" + bytes(2000)
        item["data"] = base64.b64encode(fake).decode()
        item["sha256"] = hashlib.sha256(fake).hexdigest()
    for entry in document["entries"]:  # the take names the clip as it now is
        for revision in entry["revisions"]:
            if revision["data"] and revision["data"].get("audio", {}).get("sha256") == sha256:
                revision["data"]["audio"]["sha256"] = item["sha256"]


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("flipped byte", "do not match its checksum"),
        ("not base64", "not base64"),
        ("oversized", "larger than a take may be"),
        ("not audio", "not the wav audio it claims"),
    ],
)
def test_a_bad_clip_is_left_out_and_nothing_else_is_lost(journal, tmp_path, how, reason):
    bad, good = clip(seed=10), clip(seed=11)
    bad_entry = journal.save_take(take(bad, "s1"), bad, "audio/wav")
    good_entry = journal.save_take(take(good, "s2"), good, "audio/wav")
    journal.save(Profile(alias="Asha"))
    document = export_journal(journal)
    _damage(document, bad_entry.data["audio"]["sha256"], how)
    notes: list[str] = []
    import_journal(json.dumps(document), tmp_path / "copy.sqlite", source="old.json", notes=notes)
    assert len(notes) == 1
    assert f"old.json: the recording of the take {bad_entry.id!r} recorded 2026-11-20" in notes[0]
    assert reason in notes[0] and "figures and ratings were imported" in notes[0]
    with Journal(tmp_path / "copy.sqlite") as copy:
        assert copy.record("profile").alias == "Asha"
        assert copy.record("rehearsal", bad_entry.id).metrics.long_pauses == 1
        assert copy.audio(copy.record("rehearsal", bad_entry.id).audio.sha256) is None
        assert copy.audio(good_entry.data["audio"]["sha256"]) == (good, "audio/wav")


def test_an_import_over_the_journal_cap_keeps_what_fits(journal, tmp_path, monkeypatch):
    clips = [clip(seed=n) for n in (12, 13, 14)]
    for n, audio in enumerate(clips):
        journal.save_take(take(audio, f"s{n}"), audio, "audio/wav")
    text = dumps(export_journal(journal))
    monkeypatch.setattr("widgets.storage.transfer.MAX_JOURNAL_AUDIO_BYTES", 700_000)
    notes: list[str] = []
    import_journal(text, tmp_path / "copy.sqlite", notes=notes)
    assert len(notes) == 1 and "would pass 0.7 MB" in notes[0]
    with Journal(tmp_path / "copy.sqlite") as copy:
        assert len(copy.entries("rehearsal")) == 3
        assert copy.audio_bytes() == 2 * len(clips[0])


def test_an_import_refuses_a_broken_document_as_before(journal):
    audio = clip(seed=15)
    journal.save_take(take(audio), audio, "audio/wav")
    document = export_journal(journal)
    document["audio"] = "not a list"
    with pytest.raises(ImportError_, match="audio"):
        import_journal(json.dumps(document), journal.path.with_name("other.sqlite"))


def _version_1_journal(path) -> None:
    """A journal as Step Up wrote it before recordings: schema 1, no audio table."""
    con = sqlite3.connect(path)
    for statement in filter(str.strip, schema.SCHEMA_V1.split(";")):
        con.execute(statement)
    con.execute(
        "INSERT INTO meta VALUES ('app', 'stepup-journal'), ('schema_version', '1'), "
        "('created_at', '2026-01-01T12:00:00Z')"
    )
    data = json.dumps(Profile(alias="Asha").model_dump(mode="json"), sort_keys=True)
    con.execute("INSERT INTO entries VALUES ('profile', 'profile', 't', 't', NULL, ?)", (data,))
    con.execute("INSERT INTO revisions VALUES ('profile', 1, 't', ?)", (data,))
    con.commit()
    con.close()


def test_a_version_1_journal_upgrades_and_keeps_its_answers(tmp_path):
    path = tmp_path / "journal.sqlite"
    _version_1_journal(path)
    with Journal(path, readonly=True) as coach:  # the coach's page reads it as it is
        assert coach.record("profile").alias == "Asha"
        assert coach.audio("0" * 64) is None and coach.audio_bytes() == 0
    with Journal(path) as journal:
        assert journal.record("profile").alias == "Asha"
        audio = clip(seed=16)
        journal.save_take(take(audio), audio, "audio/wav")
        assert journal.audio_bytes() == len(audio)
    con = sqlite3.connect(path)
    assert dict(con.execute("SELECT key, value FROM meta"))["schema_version"] == "2"
    con.close()
    assert (tmp_path / "journal.sqlite.v1.bak").exists()


def test_a_newer_journal_is_still_refused_byte_for_byte(tmp_path):
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        journal.save(Profile(alias="Asha"))
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerJournalError, match="journal format 3; this version reads up to 2"):
        Journal(path)
    assert path.read_bytes() == before


def test_the_manager_sees_no_take_and_the_coach_sees_every_figure(journal):
    audio = clip(seed=17)
    journal.save_take(take(audio, self_scores={"pace": 2}), audio, "audio/wav")
    snapshot = journal.snapshot()
    assert audience_view(snapshot, "manager").entries("rehearsal") == []
    [seen] = audience_view(snapshot, "coach").entries("rehearsal")
    assert seen.record().metrics.longest_pause_s == 3.6
    assert seen.record().self_scores == {"pace": 2}


def test_coach_ratings_need_the_coach_name():
    audio = clip(seed=0)
    with pytest.raises(ValidationError) as refused:
        take(audio, coach_scores={"clarity": 4})
    assert [(e["type"], messages.path(e)) for e in refused.value.errors()] == [
        ("ratings_without_coach", ("coach_rater",))
    ]
    assert take(audio, coach_rater="Dana", coach_scores={"clarity": 4}).coach_scores == {
        "clarity": 4
    }

"""`stepup share`: a snapshot for the coach holds what the coach audience sees and nothing else,
says what it holds, and is read back through the same checks as an import."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from widgets import cli
from widgets.readers import audience
from widgets.readers.audience import audience_view
from widgets.readers.share import build_share, summary
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.storage.transfer import (
    MAX_IMPORT_BYTES,
    ImportError_,
    dumps,
    export_journal,
    parse_snapshot,
    read_snapshot_file,
)


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """`stepup ARGS` in this process (a subprocess costs seconds of imports per call)."""

    def stepup(*args) -> Done:
        capsys.readouterr()
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return stepup


def _beside_the_journal(journal: Path) -> list[str]:
    """Files in the journal's chart-cache/ and reports/ folders, each holding a marker text."""
    markers = []
    for folder in ("chart-cache", "reports"):
        (journal.parent / folder).mkdir()
        marker = f"MARKER-{folder}-never-shared"
        (journal.parent / folder / f"{folder}.txt").write_text(marker)
        markers.append(marker)
    return markers


def test_share_writes_the_coach_view_only_current_and_private(tmp_path, demo_path, run):
    """Is the file 0600, a valid snapshot of every live entry as the coach sees it, one revision
    each, and free of the chart-cache and reports folders beside the journal?"""
    markers = _beside_the_journal(demo_path)
    out = tmp_path / "for-coach.json"
    done = run("share", "--journal", str(demo_path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    for marker in markers:
        assert marker not in text
    document = parse_snapshot(text)
    assert (document.format, document.audience, document.shared_by) == (
        "stepup-coach-snapshot",
        "coach",
        "Asha",
    )
    with Journal(demo_path, readonly=True) as journal:
        coach_sees = {e.id: e.data for e in audience_view(journal.snapshot(), "coach").entries()}
        history = export_journal(journal)["entries"]
    assert coach_sees and {e.id: e.revisions[-1].data for e in document.entries} == coach_sees
    assert all(len(e.revisions) == 1 and e.deleted_at is None for e in document.entries)
    earlier = sum(len(e["revisions"]) - 1 for e in history)
    assert earlier > 0, "the persona has edited entries: their history must stay behind"
    assert f"{earlier} earlier versions" in done.stdout
    assert "the chart-cache and reports folders beside the journal" in done.stdout
    assert f"It holds {len(coach_sees)} entries" in done.stdout
    assert "11 weekly check-ins" in done.stdout


def test_a_field_the_coach_does_not_see_is_not_in_the_snapshot(demo_path, monkeypatch):
    """Is the snapshot built through the audience table? A field made me-only there leaves the
    file (and the summary says so), while a manager-hidden field the coach sees stays."""
    me_only = {**audience.VISIBLE["profile"], "worries": frozenset({"me"})}
    monkeypatch.setitem(audience.VISIBLE, "profile", me_only)
    with Journal(demo_path, readonly=True) as journal:
        assert journal.record("profile").worries
        share = build_share(journal)
    text = dumps(share.document)
    profile = next(e for e in share.document["entries"] if e["kind"] == "profile")
    assert "worries" not in profile["revisions"][0]["data"]
    assert "superficial and a deep dive" not in text  # the demo persona's worry, word for word
    assert "- from each profile: worries (a coach does not see these fields)." in summary(share)
    # confidence is hidden from a manager, not from a coach
    assessment = next(e for e in share.document["entries"] if e["kind"] == "competency_assessment")
    ratings = assessment["revisions"][0]["data"]["ratings"]
    assert any("confidence" in rating for rating in ratings.values())


def test_leaving_out_beliefs_leaves_out_the_actions_that_come_from_them(demo_path):
    with Journal(demo_path, readonly=True) as journal:
        share = build_share(journal, ("thought_record",))
        belief_actions = [
            e.id
            for e in journal.entries("action")
            if e.data.get("source", "").split(":")[0] in ("belief", "experiment")
        ]
    kinds = [e["kind"] for e in share.document["entries"]]
    ids = [e["id"] for e in share.document["entries"]]
    assert "thought_record" not in kinds and belief_actions
    assert not set(belief_actions) & set(ids)
    assert "action" in kinds, "other actions are still shared"
    assert share.document["kept_private"] == ["thought_record"]
    said = summary(share)
    assert (
        "- 4 thought records: you chose to keep them private (--leave-out thought_record)." in said
    )
    assert f"- {len(belief_actions)} action from beliefs: kept private" in "\n".join(said)
    assert parse_snapshot(dumps(share.document)).kept_private == ["thought_record"]


def test_leaving_out_beliefs_leaves_out_the_worries_and_says_so(tmp_path, demo_path, run):
    """The profile's worries are beliefs too ("they'll find out I only did the easy parts"): a
    snapshot that keeps the thought records private keeps them private as well."""
    with Journal(demo_path, readonly=True) as journal:
        worries = journal.record("profile").worries
    out = tmp_path / "for-my-coach.json"
    done = run(
        "share", "--out", str(out), "--leave-out", "thought_record", "--journal", str(demo_path)
    )
    assert done.returncode == 0 and worries
    text = out.read_text(encoding="utf-8")
    assert worries not in text and "easy parts" not in text
    profile = next(e for e in json.loads(text)["entries"] if e["kind"] == "profile")
    assert profile["revisions"][0]["data"]["worries"] == ""
    assert profile["revisions"][0]["data"]["alias"], "the rest of the profile is shared"
    assert (
        "- what worries you most, from your profile: kept private with the beliefs" in done.stdout
    )
    shared = run("share", "--out", "-", "--journal", str(demo_path))
    whole = next(e for e in json.loads(shared.stdout)["entries"] if e["kind"] == "profile")
    assert whole["revisions"][0]["data"]["worries"] == worries, "shared when beliefs are"
    assert "worries" not in shared.stderr


def test_dry_run_writes_nothing_and_show_reads_a_file_back(tmp_path, demo_path, run):
    def files():  # SQLite's -wal/-shm companions come and go with any reader
        return {p.name: p.read_bytes() for p in tmp_path.iterdir() if "sqlite-" not in p.name}

    before = files()
    done = run("share", "--journal", str(demo_path), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "Nothing was written (--dry-run)" in done.stdout and "It holds" in done.stdout
    assert files() == before
    whole = run("share", "--journal", str(demo_path), "--out", "-")
    assert whole.returncode == 0 and parse_snapshot(whole.stdout).audience == "coach"
    assert "It holds" in whole.stderr and "It holds" not in whole.stdout
    out = tmp_path / "s.json"
    out.write_text(whole.stdout, encoding="utf-8")
    shown = run("share", "--show", str(out))
    assert shown.returncode == 0, shown.stderr
    assert "shared by Asha" in shown.stdout and "11 weekly check-ins" in shown.stdout
    nowhere = run("share", "--journal", str(demo_path))
    assert nowhere.returncode == 2 and "--out FILE" in nowhere.stderr


def _snapshot_text(demo_path: Path) -> str:
    with Journal(demo_path, readonly=True) as journal:
        return dumps(build_share(journal).document)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: {**d, "schema_version": 7}, "was shared by a newer Step Up (format 7"),
        (lambda d: {**d, "audience": "board"}, "is not a Step Up coach snapshot: audience"),
        (lambda d: {**d, "extra": "field"}, "is not a Step Up coach snapshot: extra"),
        (lambda d: {**d, "format": "stepup-journal-export"}, "is a whole journal export"),
        (
            lambda d: {
                **d,
                "entries": [
                    {**e, "revisions": [{**e["revisions"][0], "data": {"years_experience": "x"}}]}
                    if e["kind"] == "profile"
                    else e
                    for e in d["entries"]
                ],
            },
            "entry 'profile' (profile), revision 1: years_experience",
        ),
    ],
)
def test_a_bad_snapshot_is_refused_with_its_reason(tmp_path, demo_path, change, said, run):
    document = change(json.loads(_snapshot_text(demo_path)))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportError_) as refused:
        read_snapshot_file(bad)
    assert said in str(refused.value) and "It was not read." in str(refused.value)
    shown = run("share", "--show", str(bad))
    assert shown.returncode == 2 and said in shown.stderr and "Traceback" not in shown.stderr


def test_corrupt_oversized_snapshots_and_snapshot_as_import_are_refused(tmp_path, demo_path, run):
    text = _snapshot_text(demo_path)
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(
        ImportError_, match="is not a whole Step Up coach snapshot: its text breaks off"
    ):
        read_snapshot_file(cut)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: refused before it is read
    with pytest.raises(ImportError_, match="a coach snapshot is at most 50 MB"):
        read_snapshot_file(huge)
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(text, encoding="utf-8")
    done = run("import", str(snapshot), "--journal", str(tmp_path / "new.sqlite"))
    assert done.returncode == 2 and "is a coach snapshot (made with stepup share)" in done.stderr
    assert not (tmp_path / "new.sqlite").exists()


def test_hostile_text_stays_text(tmp_path, run):
    """A snapshot is JSON: an alias full of markup and terminal controls round-trips as text,
    and --show prints no raw control character."""
    path = tmp_path / "j.sqlite"
    hostile = "<script>alert(1)</script>\x1b[2J\u009b31m"
    with Journal(path) as journal:
        journal.save(Profile(alias=hostile))
        share = build_share(journal)
    text = dumps(share.document)
    assert "\x1b" not in text and "\u009b" not in text
    assert parse_snapshot(text).shared_by == hostile
    out = tmp_path / "s.json"
    out.write_text(text, encoding="utf-8")
    shown = run("share", "--show", str(out))
    assert shown.returncode == 0
    assert "<script>alert(1)</script>" in shown.stdout
    assert "\x1b" not in shown.stdout and "\u009b" not in shown.stdout


def test_a_spoken_take_is_shared_as_its_figures_and_its_recording_stays(journal):
    """A take reaches the coach as figures and ratings; the snapshot says the recording stays
    in the journal and carries none of its bytes."""
    from tests.test_rehearsal_storage import clip, take

    audio = clip(seed=8)
    entry = journal.save_take(take(audio, "s1"), audio, "audio/wav")
    share = build_share(journal)
    (shared,) = [e for e in share.document["entries"] if e["kind"] == "rehearsal"]
    assert shared["id"] == entry.id
    assert shared["revisions"][0]["data"]["metrics"]["long_pauses"] == 1
    text = dumps(share.document)
    assert "audio" not in share.document and len(text) < len(audio) // 20  # no recording in it
    lines = summary(share)
    assert "It holds 1 entry: 1 spoken take." in lines
    assert any(line.startswith("- the recordings of your spoken takes") for line in lines)
    left_out = build_share(journal, ("rehearsal",))
    assert left_out.kept_private["rehearsal"] == 1 and not left_out.document["entries"]

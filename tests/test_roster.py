"""`stepup coach --roster DIR`: one read-only page over every mentee in a folder.

A hundred mentees are generated once for the module from the demo persona, small (39 entries
each), half as coach snapshots and half as journals, each with their own name, next interview
and confidence; one more file is a corrupt journal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from widgets import cli
from widgets.content.resources import demo_persona_path
from widgets.readers.share import build_share
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Profile
from widgets.storage.transfer import demo_date, dumps, export_journal, import_journal
from widgets.views import roster as roster_view
from widgets.views.overview import overview
from widgets.views.roster import RosterReader, Unread, mentee_page, roster_page, sort_mentees

from .servers import stepup_server

MENTEES = 99
NO_INTERVIEW = 50  # this mentee has no interview dated: sorted last either way
CORRUPT = "mentee-100.sqlite"
TODAY = dt.date.fromisoformat(demo_date(demo_persona_path().read_text(encoding="utf-8")))


def _mentee_document(n: int) -> dict:
    """The demo persona as mentee n: named "Mentee 0nn", next interview in n days, and the last
    check-in's confidence n % 11 (so trends differ)."""
    document = json.loads(demo_persona_path().read_text(encoding="utf-8"))
    for entry in document["entries"]:
        data = entry["revisions"][-1]["data"]
        if entry["kind"] == "profile":
            data["alias"] = f"Mentee {n:03d}"
            data["interviews"] = (
                []
                if n == NO_INTERVIEW
                else [
                    {
                        "company": f"Company {n}",
                        "level": "L5",
                        "date": (TODAY + dt.timedelta(days=n)).isoformat(),
                    }
                ]
            )
    checkins = sorted(
        (e for e in document["entries"] if e["kind"] == "checkin"),
        key=lambda e: e["revisions"][-1]["data"]["week_of"],
    )
    checkins[-1]["revisions"][-1]["data"]["confidence"] = n % 11
    return document


def _snapshot(journal_path: Path) -> str:
    with Journal(journal_path, readonly=True) as journal:
        return dumps(build_share(journal).document)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return build_roster(tmp_path_factory.mktemp("roster"), tmp_path_factory.mktemp("journals"))


def build_roster(folder: Path, work: Path) -> Path:
    """The hundred mentees in ``folder`` (``work`` holds the snapshots' journals); also the
    roster bench's folder (tests/bench_hub.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STEPUP_TODAY", TODAY.isoformat())
        for n in range(1, MENTEES + 1):
            text = json.dumps(_mentee_document(n))
            if n % 2:
                import_journal(text, folder / f"mentee-{n:03d}.sqlite")
            else:
                import_journal(text, work / f"{n}.sqlite")
                (folder / f"mentee-{n:03d}.json").write_text(_snapshot(work / f"{n}.sqlite"))
    shutil.copy(folder / "mentee-001.sqlite", folder / CORRUPT)
    with open(folder / CORRUPT, "r+b") as handle:
        handle.truncate(5000)
    # A journal's folders beside it are never mentees.
    (folder / "reports").mkdir()
    (folder / "chart-cache").mkdir()
    return folder


@pytest.fixture(scope="module")
def roster(folder):
    return RosterReader(folder).read(TODAY)


def test_ninety_nine_mentees_with_their_figures_and_the_corrupt_one_with_its_reason(folder, roster):
    assert len(roster.mentees) == MENTEES
    assert [u.file for u in roster.unread] == [CORRUPT]
    assert "the file is truncated" in roster.unread[0].reason
    by_name = {m.name: m for m in roster.mentees}
    assert set(by_name) == {f"Mentee {n:03d}" for n in range(1, MENTEES + 1)}
    for n in (1, 2, 37, 98):
        mentee = by_name[f"Mentee {n:03d}"]
        assert mentee.days_to_milestone == n
        assert mentee.milestone == f"Company {n} interview"
        assert mentee.confidence[-1] == n % 11
        assert mentee.shared_at is None if n % 2 else mentee.shared_at.startswith(str(TODAY))
    assert by_name[f"Mentee {NO_INTERVIEW:03d}"].days_to_milestone is None
    # The figures are the coach view's own: the same overview, read by the coach audience.
    with Journal(folder / "mentee-037.sqlite", readonly=True) as journal:
        ov = overview(journal, TODAY, "coach")
    mentee = by_name["Mentee 037"]
    assert mentee.target_level == ov.target_level == "Senior engineer"
    assert mentee.target_date == ov.profile.target_date
    assert mentee.last_checkin == ov.checkins[-1].week_of
    assert mentee.overdue == tuple(a.what for a in ov.overdue)
    assert (mentee.top_gap, mentee.top_gap_weight) == (ov.gaps[0].name, ov.gaps[0].weighted_gap)


def test_sorting_every_column_both_ways_with_missing_values_last(roster):
    soonest = sort_mentees(roster.mentees, "milestone")
    assert [m.days_to_milestone for m in soonest[:3]] == [1, 2, 3]
    assert soonest[-1].name == f"Mentee {NO_INTERVIEW:03d}"
    latest = sort_mentees(roster.mentees, "milestone", descending=True)
    assert [m.days_to_milestone for m in latest[:2]] == [99, 98]
    assert latest[-1].name == f"Mentee {NO_INTERVIEW:03d}"
    names = [m.name for m in sort_mentees(roster.mentees, "name", descending=True)]
    assert names == sorted(names, reverse=True)
    falling = sort_mentees(roster.mentees, "confidence")
    changes = [m.confidence_change for m in falling]
    assert changes == sorted(changes) and changes[0] < changes[-1]
    for column in roster_view.COLUMNS:
        assert len(sort_mentees(roster.mentees, column.key, descending=True)) == MENTEES


def test_the_page_lists_every_mentee_sorted_with_links_and_the_reason(roster):
    page = roster_page(roster, "TOKEN", sort="name", order="desc")
    names = re.findall(r'<th scope="row"><a href="[^"]+">(Mentee \d{3})</a>', page)
    assert names == [f"Mentee {n:03d}" for n in range(MENTEES, 0, -1)]
    assert '<th scope="col" aria-sort="descending"><a href="/?sort=name&amp;order=asc' in page
    assert page.count('aria-sort="') == 1
    assert 'href="/mentee/mentee-037.sqlite?token=TOKEN"' in page
    assert 'href="/mentee/mentee-038.json?token=TOKEN"' in page
    assert f'<th scope="row">{CORRUPT}</th><td>Step Up cannot open the journal' in page
    assert "<script" not in page
    by_default = roster_page(roster, "TOKEN")
    assert "Sorted by Next milestone, soonest first." in by_default
    assert (
        "in 1 day: Company 1 interview" in by_default
        and "in 37 days: Company 37 interview" in by_default
    )


def test_a_file_dropped_in_is_a_new_row_and_unchanged_files_are_not_read_again(
    folder, tmp_path, monkeypatch
):
    copy = tmp_path / "roster"
    shutil.copytree(folder, copy)
    reader = RosterReader(copy)
    assert len(reader.read(TODAY).mentees) == MENTEES
    read = []
    real = roster_view.read_mentee
    monkeypatch.setattr(roster_view, "read_mentee", lambda p, t: read.append(p.name) or real(p, t))
    shutil.copy(copy / "mentee-002.json", copy / "new-mentee.json")
    again = reader.read(TODAY)
    assert read == ["new-mentee.json"]
    assert len(again.mentees) == MENTEES + 1


def test_bad_foreign_and_newer_files_are_listed_with_their_reason(tmp_path, demo_path):
    import sqlite3

    (tmp_path / "notes.txt").write_text("not a mentee")
    with Journal(demo_path, readonly=True) as journal:
        (tmp_path / "export.json").write_text(dumps(export_journal(journal)))
    snapshot = json.loads(_snapshot(demo_path))
    (tmp_path / "newer.json").write_text(json.dumps({**snapshot, "schema_version": 99}))
    with sqlite3.connect(tmp_path / "other-app.sqlite") as con:
        con.execute("CREATE TABLE t (x)")
    (tmp_path / "good.json").write_text(json.dumps(snapshot))
    roster = RosterReader(tmp_path).read(TODAY)
    reasons = {u.file: u.reason for u in roster.unread}
    assert [m.file for m in roster.mentees] == ["demo.sqlite", "good.json"]
    assert "not a coach snapshot (.json) or a journal (.sqlite)" in reasons["notes.txt"]
    assert "is a whole journal export" in reasons["export.json"]
    assert "was shared by a newer Step Up (format 99" in reasons["newer.json"]
    assert "not a Step Up journal" in reasons["other-app.sqlite"]
    assert set(reasons) == {"notes.txt", "export.json", "newer.json", "other-app.sqlite"}


def test_hostile_text_in_a_snapshot_stays_text(tmp_path, journal_path):
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="<script>alert('name')</script>"))
        journal.save(
            Action(
                what="<img src=x onerror=alert(1)>",
                due=TODAY - dt.timedelta(days=3),
                created_on=TODAY - dt.timedelta(days=9),
            ),
        )
        (tmp_path / "roster").mkdir()
        (tmp_path / "roster" / "hostile.json").write_text(dumps(build_share(journal).document))
    reader = RosterReader(tmp_path / "roster")
    page = roster_page(reader.read(TODAY), "T")
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in page
    assert "1: &lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>" not in page and "<img src=x" not in page
    coach_view = mentee_page(reader, "hostile.json", "T")
    assert "<script>alert" not in coach_view and "<img src=x" not in coach_view
    assert "&lt;script&gt;" in coach_view


def test_a_snapshot_coach_view_is_read_from_a_private_temporary_journal(
    folder, tmp_path, monkeypatch
):
    """Is the temporary journal in a folder only this user may enter, and gone afterwards?"""
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    monkeypatch.setattr(roster_view.tempfile, "tempdir", str(tmp_path))
    seen = {}
    real = roster_view.import_snapshot

    def import_and_look(document, target):
        real(document, target)
        seen["folder"] = stat.S_IMODE(os.stat(target.parent).st_mode)
        seen["journal"] = stat.S_IMODE(os.stat(target).st_mode)

    monkeypatch.setattr(roster_view, "import_snapshot", import_and_look)
    page = mentee_page(RosterReader(folder), "mentee-038.json", "T")
    assert "<h1>Coach view: Mentee 038</h1>" in page
    assert "Next interview: Company 38</b> (L5) in <b>38 days</b>" in page
    assert seen == {"folder": 0o700, "journal": 0o600}
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(KeyError):
        mentee_page(RosterReader(folder), "../etc/passwd", "T")


def _get(url: str, headers: dict | None = None, method: str = "GET") -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every mentee file's sha256 (SQLite's -wal/-shm companions belong to any reader)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


def test_the_served_roster_needs_the_token_binds_loopback_and_writes_nothing(folder, tmp_path):
    before = _fingerprint(folder)
    with stepup_server(
        ["coach", "--roster", str(folder), "--no-browser"],
        {"STEPUP_TODAY": TODAY.isoformat()},
        tmp_path / "roster.log",
    ) as server:
        listening = [
            c.laddr
            for c in psutil.Process(server.process.pid).net_connections("inet")
            if c.status == psutil.CONN_LISTEN
        ]
        assert listening and all(address.ip == "127.0.0.1" for address in listening)
        assert _get(server.base + "/")[0] == 403
        assert _get(server.base + "/?token=wrong")[0] == 403
        assert _get(server.base + "/mentee/mentee-001.sqlite")[0] == 403
        status, page = _get(server.url("/?sort=overdue&order=desc"))
        assert status == 200 and page.count('<th scope="row"><a href=') == MENTEES
        assert '<th scope="col" aria-sort="descending"><a href="/?sort=overdue' in page
        assert CORRUPT in page
        # A page from elsewhere that points its own name at 127.0.0.1 gets nothing.
        assert _get(server.url("/"), {"Host": "attacker.example"})[0] == 403
        assert _get(server.url("/"), method="POST")[0] == 405
        status, coach_view = _get(server.url("/mentee/mentee-003.sqlite"))
        assert status == 200 and "<h1>Coach view: Mentee 003</h1>" in coach_view
        status, coach_view = _get(server.url("/mentee/mentee-004.json"))
        assert status == 200 and "From the snapshot mentee-004.json" in coach_view
        assert _get(server.url("/mentee/no-such.json"))[0] == 404
        status, said = _get(server.url(f"/mentee/{CORRUPT}"))
        assert status == 409 and "the file is truncated" in said
    assert _fingerprint(folder) == before


def test_roster_refusals_are_sentences(tmp_path, capsys):
    assert cli.main(["coach", "--roster", str(tmp_path / "missing"), "--no-browser"]) == 2
    assert "is not a folder" in capsys.readouterr().err
    both = ["coach", "--roster", str(tmp_path), "--journal", str(tmp_path / "j.sqlite")]
    assert cli.main([*both, "--no-browser"]) == 2
    assert "Give one of them" in capsys.readouterr().err


def test_every_row_is_a_mentee_or_a_reason(folder, roster):
    files = {p.name for p in folder.iterdir() if p.is_file() and "sqlite-" not in p.name}
    assert {m.file for m in roster.mentees} | {u.file for u in roster.unread} == files
    assert all(isinstance(u, Unread) and u.reason for u in roster.unread)


def test_an_unexpected_failure_on_one_file_leaves_the_others_shown(folder, monkeypatch):
    real = roster_view.overview

    def failing_for_one(journal, today, audience):
        if Path(journal.snapshot().path).name == "mentee-005.sqlite":
            raise RuntimeError("a bug")
        return real(journal, today, audience)

    monkeypatch.setattr(roster_view, "overview", failing_for_one)
    roster = RosterReader(folder).read(TODAY)
    assert len(roster.mentees) == MENTEES - 1
    reasons = {u.file: u.reason for u in roster.unread}
    assert reasons["mentee-005.sqlite"] == "Step Up could not read it (RuntimeError)."

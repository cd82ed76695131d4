"""Chart pictures kept beside the journal: drawn once per set of answers, private, bounded, and
never written from a read-only journal."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from widgets import belief_charts, charts, readiness_timeline
from widgets.storage import chart_cache, current
from widgets.storage.chart_cache import cache_folder
from widgets.storage.journal import Journal
from widgets.storage.records import Checkin
from widgets.views import pictures
from widgets.views.pictures import chart_png, picture_name

WEEK = dt.date(2026, 11, 16)


def _counting(monkeypatch) -> list:
    """Count the PNGs actually drawn (every chart goes through charts.to_png)."""
    drawn = []
    real = charts.to_png

    def to_png(figure, dpi=96):
        drawn.append(figure)
        return real(figure, dpi=dpi)

    monkeypatch.setattr(charts, "to_png", to_png)
    return drawn


def test_a_reopened_workbook_reads_its_charts_instead_of_drawing_them(journal, monkeypatch):
    journal.save(Checkin(week_of=WEEK, confidence=6, hours=5))
    drawn = _counting(monkeypatch)
    first = readiness_timeline()
    assert len(drawn) == 1
    current.close_all()  # a new kernel: the journal opened again, the panel made anew
    second = readiness_timeline()
    assert len(drawn) == 1, "drawn again from unchanged answers"
    assert second.timeline_image.value == first.timeline_image.value
    with Journal(journal.path) as reopened:
        reopened.save(Checkin(week_of=WEEK + dt.timedelta(days=7), confidence=7, hours=6))
    current.close_all()
    third = readiness_timeline()
    assert len(drawn) == 2 and third.timeline_image.value != first.timeline_image.value


def test_a_kept_picture_is_the_picture_drawn(journal):
    points = [(WEEK, 6, 5.0)]
    kept = chart_png(journal, charts.readiness_timeline, points, [], [])
    assert kept == charts.to_png(charts.readiness_timeline(points, [], []))
    assert chart_png(journal, charts.readiness_timeline, points, [], []) == kept


def test_pictures_are_private_to_this_user(journal):
    chart_png(journal, charts.readiness_timeline, [(WEEK, 6, 5.0)], [], [])
    folder = cache_folder(journal.path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (picture,) = folder.iterdir()
    assert stat.S_IMODE(picture.stat().st_mode) == 0o600


def test_a_read_only_journal_reads_pictures_and_writes_none(journal_path, monkeypatch):
    with Journal(journal_path) as journal:
        journal.save(Checkin(week_of=WEEK, confidence=6, hours=5))
    monkeypatch.setenv(current.READONLY_ENV, "1")
    current.close_all()
    readiness_timeline()  # the coach view
    assert not cache_folder(journal_path).exists()


def test_the_folder_keeps_the_newest_pictures(journal, monkeypatch):
    monkeypatch.setattr(chart_cache, "KEEP", 3)
    names = []
    for hours in range(5):
        points = [(WEEK, 6, float(hours))]
        chart_png(journal, charts.readiness_timeline, points, [], [])
        names.append(picture_name(charts.readiness_timeline, (points, [], []), {}, 96))
    kept = sorted(p.name for p in cache_folder(journal.path).iterdir())
    assert kept == sorted(names[-3:])


def test_a_name_changes_with_the_arguments_the_chart_and_the_code():
    args = ([(WEEK, 6, 5.0)], [], [])
    name = picture_name(charts.readiness_timeline, args, {}, 96)
    assert picture_name(charts.readiness_timeline, args, {}, 80) != name
    assert picture_name(charts.belief_trend, args, {}, 96) != name
    assert picture_name(charts.readiness_timeline, ([(WEEK, 6, 5)], [], []), {}, 96) != name
    assert picture_name(charts.readiness_timeline, ([[WEEK, 6, 5.0]], [], []), {}, 96) != name
    pictures._drawing_code.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(pictures.metadata, "version", lambda _name: "0.0")
            assert picture_name(charts.readiness_timeline, args, {}, 96) != name
    finally:
        pictures._drawing_code.cache_clear()


def test_an_argument_with_no_stable_text_or_an_unknown_chart_is_refused():
    with pytest.raises(TypeError):
        picture_name(charts.belief_trend, (object(),), {}, 96)
    with pytest.raises(ValueError):
        picture_name(lambda: None, (), {}, 96)


def test_a_workbook_whose_charts_are_kept_never_loads_matplotlib(journal_path):
    """Importing matplotlib is about half a second of Run All; kept pictures need none of it."""
    with Journal(journal_path) as journal:
        journal.save(Checkin(week_of=WEEK, confidence=6, hours=5))
    cell = (
        "import sys; from widgets import readiness_timeline, thought_records_and_charts; "
        "readiness_timeline(); thought_records_and_charts(); "
        "print('matplotlib' in sys.modules)"
    )
    env = {**os.environ, current.JOURNAL_ENV: str(journal_path)}
    run = [sys.executable, "-c", cell]
    first = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    again = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert (first.stdout.split()[-1], again.stdout.split()[-1]) == ("True", "False")


def test_every_workbook_chart_panel_goes_through_the_cache(journal, monkeypatch):
    """The belief charts (three pictures) are kept too: a second panel draws none."""
    drawn = _counting(monkeypatch)
    belief_charts()
    assert len(drawn) == 3
    current.close_all()
    belief_charts()
    assert len(drawn) == 3


def test_the_radar_reopens_from_its_kept_picture_and_builds_its_canvas_after_run_all(
    journal, monkeypatch
):
    """The radar's canvas (matplotlib and the drawn background, about a second) is built in the
    background once the page is shown from the kept picture, and then serves the first move."""
    from widgets import competency_ratings
    from widgets.panels import competency as radar_panel

    built = []

    class CountedCanvas(charts.RadarCanvas):
        def __init__(self, *args, **kwargs):
            built.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(charts, "RadarCanvas", CountedCanvas)
    monkeypatch.setattr(radar_panel, "CANVAS_WARM_AFTER_S", 0.2)
    first = competency_ratings().chart
    assert len(built) == 1  # nothing kept yet: drawn now
    current.close_all()
    page = competency_ratings()
    second = page.chart
    assert second.radar_image.value == first.radar_image.value
    assert len(built) == 1, "the kept picture was drawn again"
    deadline = time.monotonic() + 20
    while second._canvas is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(built) == 2, "the canvas was not built after the page was shown"
    page.form.rows["system_design"].current = "senior"
    assert second.radar_image.value != first.radar_image.value
    assert len(built) == 2  # the first move used the canvas built in the background


def cache_folder_beside(journal_path: Path) -> Path:
    return journal_path.parent / chart_cache.FOLDER


def test_the_coach_server_keeps_its_pictures_in_its_own_folder_and_none_beside_the_journal(
    tmp_path, demo_text, monkeypatch
):
    from widgets import cli
    from widgets.storage.transfer import import_journal
    from widgets.views.coach_page import CoachSession

    journal_path = tmp_path / "engineer" / "journal.sqlite"
    journal_path.parent.mkdir()
    import_journal(demo_text, journal_path)
    served = {}
    monkeypatch.setattr(cli, "run_server", lambda command, env, *_a, **_k: served.update(env) or 0)
    assert cli.serve_coach(journal_path, 8899) == 0
    own = Path(served[chart_cache.FOLDER_ENV])
    assert own.name == "charts" and not own.exists(), "the server's folder outlived it"
    # What the coach's kernels do with that setting: draw once, then read.
    folder = tmp_path / "coach-charts"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv(chart_cache.FOLDER_ENV, str(folder))
    drawn = _counting(monkeypatch)
    with Journal(journal_path, readonly=True) as journal:
        first = CoachSession(journal)
        assert len(drawn) == 3 and len(list(folder.glob("*.png"))) == 3
        second = CoachSession(journal)
    assert len(drawn) == 3, "a second coach page drew its charts again"
    assert second.images == first.images
    assert not cache_folder_beside(journal_path).exists()
    assert not list(journal_path.parent.rglob("*.png"))
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.glob("*.png")} == {0o600}


def test_storage_keeps_bytes_only_under_a_pictures_name(journal):
    """Storage is handed bytes and a name; a name that is a path is refused, nothing written."""
    chart_cache.keep(journal, "ab" * 32 + ".png", b"png bytes")
    assert chart_cache.kept(journal, "ab" * 32 + ".png") == b"png bytes"
    for name in ("../escape.png", "ab" * 32 + ".txt", "/tmp/" + "ab" * 32 + ".png"):
        with pytest.raises(ValueError):
            chart_cache.keep(journal, name, b"x")
    assert [p.name for p in cache_folder(journal.path).iterdir()] == ["ab" * 32 + ".png"]

"""Workbooks 01, 02 and 04: the form with its chart beside it while the engineer edits, stacked
on the coach's read-only page; the chart redraws when the form saves."""

from __future__ import annotations

import datetime as dt

from widgets import competency_ratings, design_practice_and_progress, thought_records_and_charts
from widgets.storage import current
from widgets.storage.records import Profile, ThoughtRecord


def _columns(page):
    (beside,) = [c for c in page.children if "stepup-beside" in c._dom_classes]
    return beside.children


def test_the_belief_charts_sit_beside_the_records_and_redraw_on_a_save(journal):
    page = thought_records_and_charts()
    main, side = _columns(page)
    assert main.children == (page.form,) and side.children == (page.chart,)
    assert page.chart.width < 6  # drawn narrow for the column, not shrunk from a wide picture
    editor = page.form.editor
    editor.belief.value = "My projects were superficial."
    editor.strength_before.value = "80"
    editor.strength_after.value = "55"
    assert page.chart.data["before_after"] == [("My projects were superficial.", 80, 55)]
    assert "My projects were superficial.: 80 → 55" in page.summary()


def test_the_coach_sees_the_records_then_the_charts(journal, monkeypatch):
    journal.save(ThoughtRecord(recorded_on=dt.date(2026, 11, 2), belief="I'm behind."))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = thought_records_and_charts()
    assert page.children == (page.form, page.chart) and page.chart.width == 8.0


def test_the_design_scores_sit_beside_the_practice_form(journal, monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", "2026-11-02")
    journal.save(Profile(track="software"))
    page = design_practice_and_progress()
    main, side = _columns(page)
    assert main.children == (page.form,) and side.children == (page.chart,)
    assert page.chart.width < 6
    drawn = page.chart.chart_image.value
    assert "Trade-offs: not scored" in page.summary()
    page.form.editor.self_scores[
        "tradeoffs_software"
    ].score = 3  # saves; the chart beside it redraws
    assert "Trade-offs: 2026-11-02 3" in page.summary()
    assert page.chart.chart_image.value.startswith(b"\x89PNG")
    assert page.chart.chart_image.value != drawn


def test_the_radar_stands_beside_the_ratings_and_the_snapshots_run_under_both(journal):
    page = competency_ratings()
    radar = page.chart
    main, side = _columns(page)
    assert main.children == (page.form,)
    (radar_parts,) = side.children
    assert radar_parts.children[:2] == (radar.radar_image, radar.compared)
    assert radar.snapshots_image not in radar_parts.children
    assert page.children[-1] is radar.snapshots_image  # full width, under both columns
    assert "snapshots: none" in page.summary()
    drawn = radar.radar_image.value
    page.form.rows["system_design"].current = "senior"  # saves; the radar beside it redraws
    assert "current: Scope & ambiguity —, System design 3," in page.summary()
    assert radar.radar_image.value.startswith(b"\x89PNG") and radar.radar_image.value != drawn


def test_closing_the_ratings_page_stops_the_radar_listening(journal_path):
    journal = current.current_journal()
    before = journal.listener_count()
    page = competency_ratings()
    assert journal.listener_count() > before
    page.close()  # only the radar's parts are in the page's tree: the radar is closed too
    assert journal.listener_count() == before


def test_the_coach_sees_the_ratings_table_then_the_whole_radar(journal, monkeypatch):
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = competency_ratings()
    assert page.children == (page.form, page.chart)
    assert page.chart.snapshots_image in page.chart.children

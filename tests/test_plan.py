"""Workbook 05, driven from Python: proposals, the plan, check-ins, readiness, the export button."""

from __future__ import annotations

import datetime as dt
import stat

import ipywidgets as w
from markupsafe import escape

from widgets import (
    coach_session,
    export_growth_plan,
    growth_plan,
    readiness_timeline,
    weekly_checkins,
)
from widgets.forms.base import DateField
from widgets.readers.plan import Runway, actions, checkins, overdue, proposals, week_start
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Checkin, Interview, Profile, Project, ThoughtRecord

from .helpers import all_widgets

TODAY = dt.date(2026, 11, 16)


def _demo(demo_path):
    return Journal(demo_path, readonly=True)


def test_three_weeks_before_the_interview_proposals_are_preparation(demo_path):
    """Asha's interview is 24 days away and she has three open actions: two proposals, both
    preparation, neither already in her plan."""
    with _demo(demo_path) as journal:
        found = proposals(journal, TODAY)
    assert [p.source for p in found] == [
        "research:project-ranking.rollout_risks",
        "design:driving",
    ]
    assert "research:project-churn.alternatives" not in {p.source for p in found}
    assert [p.due for p in found] == [dt.date(2026, 11, 27), dt.date(2026, 12, 8)]


def test_the_runway_spreads_preparation_up_to_two_days_before_the_interview():
    runway = Runway(TODAY, Interview(company="Northwind", date=dt.date(2026, 12, 1)))
    assert runway.preparing and runway.last_day() == dt.date(2026, 11, 29)
    assert runway.spread(3) == [dt.date(2026, 11, 21), dt.date(2026, 11, 25), dt.date(2026, 11, 29)]
    tomorrow = Runway(TODAY, Interview(company="Northwind", date=TODAY + dt.timedelta(days=1)))
    assert tomorrow.spread(2) == [TODAY, TODAY]  # never in the past
    assert Runway(TODAY).last_day() == TODAY + dt.timedelta(days=28) and not Runway(TODAY).preparing


def test_accepting_a_proposal_adds_an_open_action_and_removes_the_proposal(
    journal_path, journal, monkeypatch
):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    journal.save(Project(name="Churn", drill={"metrics": {"answer": "?", "needs_research": True}}))
    panel = growth_plan()
    [proposal] = panel.proposed
    button = next(x for x in all_widgets(panel.proposals_box) if isinstance(x, w.Button))
    button.click()
    [(entry_id, action)] = actions(journal)
    assert (
        action.source == proposal.source and action.status == "open" and action.created_on == TODAY
    )
    assert panel.proposed == [] and panel.editor.entry_id == entry_id
    panel.editor.status_choice.value = "done"
    assert journal.record("action", entry_id).status == "done"
    assert len(journal.history(entry_id)) == 2


def test_a_double_click_on_accept_adds_one_action(journal_path, journal, monkeypatch):
    """Found by hand: the second click of a double-click reaches the button before the list is
    redrawn; it must not add the same action twice."""
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    journal.save(Project(name="Churn", drill={"metrics": {"answer": "?", "needs_research": True}}))
    panel = growth_plan()
    button = next(x for x in all_widgets(panel.proposals_box) if isinstance(x, w.Button))
    button.click()
    button.click()  # the same, now stale, button
    [(entry_id, _)] = actions(journal)
    assert panel.editor.entry_id == entry_id and panel.proposed == []


def test_an_action_needs_a_name_and_nothing_half_typed_is_lost(journal_path, journal):
    panel = growth_plan()
    editor = panel.new_entry()
    editor.why.value = "Speaking up in reviews."
    assert actions(journal) == []
    assert str(escape("can't be empty")) in editor.rows["what"].message
    editor.what.value = "Raise one point in the first 15 minutes"
    [(_, saved)] = actions(journal)
    assert saved.why == "Speaking up in reviews." and saved.what.startswith("Raise one point")
    editor.what.value = ""
    assert journal.record("action", editor.entry_id).what.startswith(
        "Raise one point"
    )  # last good value kept


def test_overdue_means_past_due_and_still_open():
    day = dt.date(2026, 11, 10)
    late = Action(what="late", due=day, created_on=day)
    done = Action(what="done", due=day, status="done", created_on=day)
    dropped = Action(what="dropped", due=day, status="dropped", created_on=day)
    assert overdue([("a", late), ("b", done), ("c", dropped)], TODAY) == [late]
    assert not late.is_overdue(day)


def test_a_checkin_saves_with_this_weeks_monday_and_refuses_bad_hours(
    journal_path, journal, monkeypatch
):
    monkeypatch.setenv("STEPUP_TODAY", "2026-11-19")  # a Thursday
    editor = weekly_checkins().editor
    assert editor.week_of.value == dt.date(2026, 11, 16) == week_start(dt.date(2026, 11, 19))
    editor.confidence.value = 6
    editor.hours.value = "4,5"
    editor.hours.value = "-3"
    assert "from 0 to 100" in editor.rows["hours"].message
    editor.wins.value = "Raised my point in the review."
    [(_, saved)] = checkins(journal)
    assert (saved.confidence, saved.hours, saved.wins) == (6, 4.5, "Raised my point in the review.")


def test_readiness_redraws_on_a_checkin_and_lists_overdue_actions(
    journal_path, journal, monkeypatch
):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    journal.save(
        Action(
            what="Research survival models",
            due=dt.date(2026, 11, 10),
            created_on=dt.date(2026, 10, 1),
        )
    )
    panel = readiness_timeline()
    assert [a.what for a in panel.overdue] == ["Research survival models"]
    assert "6 days ago" in panel.overdue_html.value
    weekly_checkins().editor.confidence.value = 7
    assert panel.data["checkins"] == [(week_start(TODAY), 7, None)]


def test_export_button_writes_a_private_html_report_beside_the_journal(
    journal_path, journal, monkeypatch
):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    journal.save(Profile(alias="Asha"))
    panel = export_growth_plan()
    panel.button.click()
    written = panel.written
    # the manager's copy by default (the panel's first choice)
    assert written == journal_path.parent / "reports" / "growth-plan-for-manager-2026-11-16.html"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert "<h1>Growth plan: Asha</h1>" in written.read_text()
    assert "Downloaded as growth-plan-for-manager-2026-11-16.html" in panel.result.value


def test_coach_view_of_the_plan_is_cards_and_no_export_button(journal, monkeypatch):
    journal.save(Action(what="<script>alert(1)</script>", created_on=TODAY))
    journal.save(Checkin(week_of=TODAY, wins="<img src=x onerror=alert(1)>"))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    panels = [growth_plan(), weekly_checkins(), export_growth_plan()]
    assert not [
        x
        for p in panels
        for x in all_widgets(p)
        if isinstance(x, (w.Button, w.Text, w.Textarea, w.Dropdown, w.DatePicker, DateField))
    ]
    text = " ".join(x.value for p in panels for x in all_widgets(p) if isinstance(x, w.HTML))
    assert "&lt;script&gt;" in text and "&lt;img src=x" in text and "<script>" not in text


def test_coach_session_reads_one_snapshot_and_escapes_everything(demo_path, monkeypatch):
    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    from widgets.storage import current

    current.close_all()
    page = coach_session()
    summary = repr(page)
    assert "Asha, Mid-level engineer → Senior engineer, as of 2026-11-16" in summary
    assert "next interview: Northwind Analytics in 24 days" in summary
    assert 'overdue: Prepare "Why this design" for the churn deep dive' in summary
    assert len(page.images) == 3 and all(png.startswith(b"\x89PNG") for png in page.images.values())
    bundle = page._repr_mimebundle_()
    assert (
        bundle["text/plain"] == summary and bundle["text/html"].count("data:image/png;base64,") == 3
    )
    assert "<input" not in bundle["text/html"] and "<button" not in bundle["text/html"]
    current.close_all()


def test_coach_session_shows_an_honest_empty_state(journal_path, journal, monkeypatch):
    journal.save(ThoughtRecord(recorded_on=TODAY, belief="<b>I'm behind</b>", strength_before=80))
    page = coach_session()._repr_mimebundle_()["text/html"]
    for empty in (
        "No gaps rated yet (workbook 02)",
        "No projects drilled yet (workbook 03)",
        "No check-ins yet (workbook 05)",
        "No interview dated yet",
    ):
        assert empty in page
    assert str(escape("<b>I'm behind</b>")) in page and "<b>I'm behind" not in page


def test_a_preheated_coach_page_is_rebuilt_when_the_journal_changed(
    journal_path, journal, monkeypatch
):
    """Is a page prepared before the request thrown away when a save happened in between?"""
    import voila.utils

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    saves = iter([Checkin(week_of=TODAY, wins="Saved while the coach's kernel waited.")])
    monkeypatch.setattr(voila.utils, "wait_for_request", lambda: journal.save(next(saves)))
    assert (
        str(escape("Saved while the coach's kernel waited."))
        in coach_session()._repr_mimebundle_()["text/html"]
    )
    monkeypatch.setattr(voila.utils, "wait_for_request", lambda: None)
    page = coach_session()
    assert str(escape("Saved while the coach's kernel waited.")) in page.html


def test_gap_proposals_follow_the_profiles_track_not_the_framework_last_rated(journal):
    """A software engineer who tried the ML framework last still gets the software framework's
    gaps."""
    from widgets.storage.records import CompetencyAssessment

    journal.save(Profile(track="software", current_level="mid", target_level="senior"))
    for framework_id, competency in (("software", "influence"), ("ml", "data_features")):
        journal.save(
            CompetencyAssessment(
                framework_id=framework_id,
                ratings={competency: {"current": "mid", "target": "senior"}},
            ),
            CompetencyAssessment.entry_id(framework_id),
        )
    gap_sources = [p.source for p in proposals(journal, TODAY) if p.source.startswith("gap:")]
    assert gap_sources and all(s.startswith("gap:software.") for s in gap_sources), gap_sources
    assert "gap:software.influence" in gap_sources
    journal.save(Profile(track="ml", current_level="mid", target_level="senior"))
    gap_sources = [p.source for p in proposals(journal, TODAY) if p.source.startswith("gap:")]
    assert gap_sources and all(s.startswith("gap:ml.") for s in gap_sources), gap_sources

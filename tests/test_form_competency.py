"""Workbook 02 driven from Python: ratings autosave, coach view with rater, snapshots, radar and
gaps."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest
from markupsafe import escape

from widgets import coach_ratings, competency_gaps, competency_radar, competency_ratings
from widgets.content import seeds as content
from widgets.readers.competencies import (
    disagreements,
    gaps,
    latest_coach,
    previous_snapshot,
    snapshots,
    stored_assessment,
)
from widgets.storage.journal import Journal
from widgets.storage.records import (
    CompetencyAssessment,
    CompetencyRating,
    CompetencySnapshot,
    Profile,
)
from widgets.views.css import PAGE_CSS

from .helpers import all_widgets


def stored(path, framework_id="software") -> CompetencyAssessment:
    with Journal(path, readonly=True) as journal:
        return stored_assessment(journal, framework_id)


def test_framework_follows_the_profile_track(journal, journal_path):
    journal.save(Profile(track="ml"))
    form = competency_ratings().form
    assert form.picker.value == "ml"
    assert len(form.rows) == len(next(f for f in content.frameworks() if f.id == "ml").competencies)


def test_moving_the_slider_saves_and_shows_that_levels_descriptor(journal_path):
    form = competency_ratings().form
    row = form.rows["system_design"]
    row.current = "mid"
    senior = content.frameworks()[0].competency("system_design").descriptors["senior"]
    row.target = "senior"
    row.confidence = 3
    row.evidence = "Designed the <b>ingest</b> service."
    rating = stored(journal_path).ratings["system_design"]
    assert rating == CompetencyRating(
        current="mid", target="senior", confidence=3, evidence="Designed the <b>ingest</b> service."
    )
    assert "Target · " in row.descriptor and str(escape(senior[:40])) in row.descriptor
    with Journal(journal_path, readonly=True) as journal:
        assert (
            len(journal.history(CompetencyAssessment.entry_id("software"))) == 4
        )  # one revision per answer


def test_the_profile_target_is_every_competencys_target_until_one_is_chosen(journal, journal_path):
    journal.save(Profile(track="software", current_level="mid", target_level="senior"))
    page = competency_ratings()
    form = page.form
    row = form.rows["system_design"]
    assert row.target == "" and row.option_label("target") == "Senior engineer (profile)"
    row.current = "mid"
    assert stored(journal_path).ratings["system_design"].target is None  # follows the profile
    assert [(g.competency_id, g.levels) for g in competency_gaps().gaps] == [("system_design", 1)]
    assert "Target · <b>Senior engineer</b>" in row.descriptor
    assert "System design: Mid-level engineer → Senior engineer" in form.summary()
    assert "target: " in page.chart.summary() and page.chart.series["target"][0] == 3
    form.rows["mentoring"].target = "staff"  # an aim of its own wins over the profile's
    assert stored(journal_path).ratings["mentoring"].target == "staff"
    journal.save(Profile(track="software", target_level="staff"), journal.entries("profile")[0].id)
    assert [(g.competency_id, g.levels) for g in competency_gaps().gaps] == [("system_design", 2)]


def test_the_save_shows_beside_the_slider_that_was_moved(journal_path):
    form = competency_ratings().form
    form.rows["mentoring"].current = "senior"
    assert "Saved" in form.rows["mentoring"].saved
    assert form.rows["system_design"].saved == ""
    form.rows["system_design"].evidence = "Wrote the design doc for the ingest service."
    assert "Saved" in form.rows["system_design"].saved
    assert form.rows["mentoring"].saved == ""


def test_the_radar_sits_beside_the_ratings_and_the_ratings_scroll(journal_path):
    page = competency_ratings()
    (beside,) = [c for c in page.children if "stepup-beside" in c._dom_classes]
    main, side = beside.children
    assert main.children == (page.form,) and "stepup-beside-main" in main._dom_classes
    # side by side the ratings scroll in their column (the browser tests check both widths)
    assert "@container (min-width: 906px)" in PAGE_CSS and "max-height: 80vh" in PAGE_CSS
    assert page.chart.radar_image in side.children[0].children
    assert page.chart.snapshot_button in [
        w for box in side.children[0].children for w in getattr(box, "children", ())
    ]


def test_with_nothing_rated_the_gaps_say_one_thing(journal):
    journal.save(Profile(track="software"))
    panel = competency_gaps()
    assert "No gaps yet" in panel.table.value and "every rated competency" not in panel.table.value
    assert panel.chart.layout.display == "none"
    form = competency_ratings().form
    form.rows["mentoring"].current = "senior"
    form.rows["mentoring"].target = "mid"
    assert "every rated competency is at or above its target" in panel.table.value
    form.rows["mentoring"].target = "staff"
    assert panel.chart.layout.display is None and "Mentoring" in panel.chart.alt


def test_a_huge_paste_gets_a_message_and_keeps_the_last_good_evidence(journal_path):
    row = competency_ratings().form.rows["mentoring"]
    row.evidence = "Onboarded two new hires."
    row.evidence = "x" * 1_000_000
    assert "longer than 5,000 characters" in row.message
    assert stored(journal_path).ratings["mentoring"].evidence == "Onboarded two new hires."
    row.current = "senior"  # other answers still save
    assert stored(journal_path).ratings["mentoring"].current == "senior"


def test_radar_and_gaps_redraw_when_a_rating_changes(journal_path):
    page = competency_ratings()  # the ratings with the radar beside them
    form, radar, gap_panel = page.form, page.chart, competency_gaps()
    first_image = bytes(radar.radar_image.value)
    assert first_image.startswith(b"\x89PNG")
    form.rows["communication"].current = "junior"
    form.rows["communication"].target = "senior"
    assert bytes(radar.radar_image.value) != first_image
    assert (
        radar.series["current"][
            [c.id for c in content.frameworks()[0].competencies].index("communication")
        ]
        == 1
    )
    assert [(g.competency_id, g.levels, g.weighted) for g in gap_panel.gaps] == [
        ("communication", 2, 6)
    ]
    assert "Communication: 2 levels × weight 3 = 6" in repr(gap_panel)
    form.rows["communication"].weight = 1  # my loop barely probes it
    assert gap_panel.gaps[0].weighted == 2
    assert stored(journal_path).ratings["communication"].weight == 1


def test_coach_view_needs_a_name_and_is_stored_with_it(journal_path):
    own, coach = competency_ratings().form, coach_ratings()
    own.rows["communication"].current = "junior"
    coach.rows["communication"].level = "senior"
    assert "name first" in coach.rater_message.value
    with Journal(journal_path, readonly=True) as journal:
        assert latest_coach(journal, "software") is None
    coach.rater.value = "Dana (coach)"  # what was chosen before the name is kept, and saved now
    assert coach.rows["communication"].level == "senior" and coach.rater_message.value == ""
    coach.rows["communication"].note = "Clear <i>written</i> notes."
    with Journal(journal_path, readonly=True) as journal:
        view = latest_coach(journal, "software")
        topics = disagreements(
            content.frameworks()[0], stored_assessment(journal, "software"), view
        )
    assert view.rater == "Dana (coach)" and view.ratings["communication"].level == "senior"
    assert [t.competency_id for t in topics] == ["communication"] and topics[0].difference == 2
    flagged = own.rows["communication"].coach_view
    assert "Disagreement" in flagged and "You rated it Junior engineer" in flagged
    assert "Clear &lt;i&gt;written&lt;/i&gt; notes." in flagged


def test_a_second_coach_gets_their_own_entry(journal_path):
    coach = coach_ratings()
    coach.rater.value = "Dana"
    coach.rows["mentoring"].level = "senior"
    coach.rater.value = "Sam"
    assert coach.rows["mentoring"].level == ""  # Sam's own (empty) view loads
    coach.rows["mentoring"].level = "mid"
    with Journal(journal_path, readonly=True) as journal:
        raters = sorted(e.record().rater for e in journal.entries("coach_assessment"))
    assert raters == ["Dana", "Sam"]


def test_save_snapshot_dates_todays_ratings_once_per_day(journal_path, monkeypatch):
    radar = competency_radar()
    assert radar.save_snapshot() is None and "Rate at least one" in radar.snapshot_status.value
    form = competency_ratings().form
    form.rows["scope_autonomy"].current = "mid"
    monkeypatch.setenv("STEPUP_TODAY", "2026-08-18")
    radar.snapshot_button.click()
    form.rows["scope_autonomy"].current = "senior"
    radar.snapshot_button.click()  # same day: updates that day's snapshot
    monkeypatch.setenv("STEPUP_TODAY", "2026-11-10")
    radar.snapshot_button.click()
    with Journal(journal_path, readonly=True) as journal:
        taken = snapshots(journal, "software")
    assert [(s.taken_on, s.ratings["scope_autonomy"].current) for s in taken] == [
        (dt.date(2026, 8, 18), "senior"),
        (dt.date(2026, 11, 10), "senior"),
    ]
    assert "snapshots: 2026-08-18, 2026-11-10" in repr(radar)


def test_previous_snapshot_is_the_latest_one_that_differs():
    def snap(day, level):
        return CompetencySnapshot(
            framework_id="software",
            taken_on=dt.date(2026, 1, day),
            ratings={"mentoring": {"current": level}},
        )

    own = CompetencyAssessment(
        framework_id="software", ratings={"mentoring": CompetencyRating(current="senior")}
    )
    history = [snap(1, "junior"), snap(2, "mid"), snap(3, "senior")]
    assert previous_snapshot(own, history).taken_on == dt.date(2026, 1, 2)
    assert previous_snapshot(own, history[2:]).taken_on == dt.date(2026, 1, 3)
    assert previous_snapshot(own, []) is None


def test_gaps_rank_by_weighted_levels_then_framework_order():
    framework = content.frameworks()[0]
    own = CompetencyAssessment(
        framework_id="software",
        ratings={
            "mentoring": CompetencyRating(current="junior", target="staff"),  # 3 levels × 2
            "system_design": CompetencyRating(current="mid", target="senior"),  # 1 × 3
            "scope_autonomy": CompetencyRating(
                current="mid", target="senior"
            ),  # 1 × 3, earlier in the framework
            "communication": CompetencyRating(
                current="senior", target="mid"
            ),  # above target: no gap
            "influence": CompetencyRating(current=None, target="senior"),  # unrated: no gap
        },
    )
    assert [(g.competency_id, g.weighted) for g in gaps(framework, own)] == [
        ("mentoring", 6),
        ("scope_autonomy", 3),
        ("system_design", 3),
    ]


def test_switching_framework_rebuilds_every_panel(journal_path):
    page = competency_ratings()  # the ratings with the radar beside them
    form, radar, gap_panel = page.form, page.chart, competency_gaps()
    form.picker.value = "ml"
    assert "ml_framing_design" in form.rows
    assert radar.summary().startswith("Radar · ML engineer") and gap_panel.summary().startswith(
        "Gaps · ML engineer"
    )


def test_switching_framework_after_rating_rebuilds_the_rows_and_saves_to_the_new_one(
    journal_path,
):
    """Found by hand: with a framework rated, switching left the old rows in place (the stored
    assessment changed before the rows did, and the coach view looked for the new ids)."""
    form = competency_ratings().form
    form.rows["system_design"].current = "mid"
    form.picker.value = "ml"
    assert len(form.rows) == 14 and "ml_framing_design" in form.rows
    assert form.rows["system_design"].current == ""  # the ML assessment is its own
    form.rows["ml_framing_design"].current = "senior"
    with Journal(journal_path, readonly=True) as journal:
        software = journal.record(
            CompetencyAssessment.kind, CompetencyAssessment.entry_id("software")
        )
        ml = journal.record(CompetencyAssessment.kind, CompetencyAssessment.entry_id("ml"))
    assert software.ratings["system_design"].current == "mid"
    assert "ml_framing_design" not in software.ratings
    assert ml.ratings["ml_framing_design"].current == "senior"
    assert ml.ratings["system_design"].current is None  # nothing of the software rating in it
    form.picker.value = "software"  # and back: the software rating is shown again
    assert form.rows["system_design"].current == "mid"


def test_coach_view_in_voila_is_text_only(demo_path, monkeypatch):
    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    panels = [competency_ratings(), competency_radar(), coach_ratings(), competency_gaps()]
    inside = [x for panel in panels for x in all_widgets(panel)]
    assert not [
        x
        for x in inside
        if isinstance(x, (w.Button, w.Text, w.Textarea, w.Dropdown, w.SelectionSlider))
    ]
    table = panels[0].form.table.value
    assert "ML engineer" in table and "⚑ disagreement" in table
    assert "Found label leakage" in table
    assert "Dana (coach)" in panels[2].table.value
    assert bytes(panels[1].radar_image.value).startswith(b"\x89PNG")
    with Journal(demo_path, readonly=True) as journal:
        assert len(snapshots(journal, "ml")) == 2


@pytest.mark.parametrize(
    "data", [{"current": "Principal Engineer!"}, {"confidence": 6}, {"weight": 0}]
)
def test_the_model_refuses_what_the_form_cannot_offer(data):
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        CompetencyRating(**data)


def test_stories_tagged_with_a_competency_show_under_its_evidence(journal, monkeypatch):
    """Does the radar's evidence link to the story bank, in Lab and in the coach's table?"""
    from widgets import competency_ratings, story_bank
    from widgets.storage.records import Story

    journal.save(
        Story(title="Six hours of <b>stale</b> features", competencies=["ownership_incidents"])
    )
    form = competency_ratings().form
    assert (
        "Six hours of &lt;b&gt;stale&lt;/b&gt; features" in form.rows["ownership_incidents"].stories
    )
    assert form.rows["mentoring"].stories == ""
    editor = story_bank().editor
    editor.title.value = "Onboarding Mei"
    editor.competency_grid.tick("mentoring")
    assert "Onboarding Mei" in form.rows["mentoring"].stories  # redrawn on save, same kernel
    monkeypatch.setenv("STEPUP_READONLY", "1")
    assert "Stories: Onboarding Mei" in competency_ratings().form.table.value

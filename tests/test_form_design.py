"""Workbook 04's forms, driven from Python: a practice session, scores, the progress panel."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest
from markupsafe import escape
from traitlets import TraitError

from widgets import design_practice, design_progress
from widgets.content import seeds as content
from widgets.forms.base import DateField
from widgets.forms.design import OWN_PROMPT, ScoreRow
from widgets.readers.practice import design_sessions, weakest_dimension
from widgets.storage.journal import Journal
from widgets.storage.records import LONG_TEXT_MAX, DesignSession, Profile

from .helpers import all_widgets

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture
def ml_engineer(journal_path):
    """The journal of an engineer on the ML track: workbook 04 practises ML system design."""
    with Journal(journal_path) as journal:
        journal.save(Profile(track="ml"))
    return journal_path


def sessions_on_disk(path) -> list[DesignSession]:
    with Journal(path, readonly=True) as journal:
        return [s for _, s in design_sessions(journal)]


def test_a_session_records_prompt_notes_minutes_and_scores(ml_engineer, journal_path, monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", "2026-10-04")
    editor = design_practice().editor
    editor.prompt.value = "fraud_detection"
    assert (
        "Chargeback labels arrive weeks late" in editor.brief.value
    )  # the crux, folded away until after the attempt
    editor.sections["requirements"].notes = "Approve/decline in 100 ms; 2k payments/s."
    editor.sections["requirements"].minutes = "6"
    editor.sections["data"].minutes = "9"
    editor.self_scores["tradeoffs"].score = 3
    assert "Quantifies trade-offs" in editor.self_scores["tradeoffs"].descriptor
    [saved] = sessions_on_disk(journal_path)
    assert saved.prompt_id == "fraud_detection" and saved.practised_on == dt.date(2026, 10, 4)
    assert saved.sections["requirements"].minutes == 6 and saved.total_minutes() == 15
    assert saved.self_scores == {"tradeoffs": 3}
    assert "15 minutes" in editor.total.value


def test_minutes_out_of_range_are_refused_beside_the_step(ml_engineer, journal_path):
    editor = design_practice().editor
    editor.sections["model"].minutes = "10"
    editor.sections["model"].minutes = "-5"
    assert "whole minutes from 0 to 180" in editor.sections["model"].message
    editor.sections["model"].minutes = "600"
    assert "whole minutes" in editor.sections["model"].message
    assert sessions_on_disk(journal_path)[0].sections["model"].minutes == 10


def test_notes_over_the_limit_are_refused_beside_their_step_and_the_last_good_notes_kept(
    ml_engineer, journal_path
):
    editor = design_practice().editor
    editor.sections["model"].notes = "Two towers, then a ranker."
    editor.sections["model"].notes = "x" * (LONG_TEXT_MAX + 1)
    assert f"longer than {LONG_TEXT_MAX:,} characters" in editor.sections["model"].message
    assert editor.sections["data"].message == ""  # only the step at fault says so
    assert sessions_on_disk(journal_path)[0].sections["model"].notes == "Two towers, then a ranker."
    editor.sections["model"].notes = "Two towers, then a ranker; cold start from popularity."
    assert editor.sections["model"].message == ""


def test_a_step_shows_its_guide_questions_and_suggests_its_minutes(ml_engineer):
    section = content.design_practice().for_track("ml").sections[0]
    step = design_practice().editor.sections[section.id]
    assert step.minutes == "" and step.minutes_hint == f"~{section.suggested_minutes}"
    assert str(escape(section.guide[0])) in step.header
    assert f"about {section.suggested_minutes} min" in step.header


def test_a_score_that_is_not_on_the_scale_is_refused_and_the_descriptor_follows_the_score():
    dimension = content.design_practice().for_track("ml").rubric[0]
    row = ScoreRow(dimension, 2)
    assert str(escape(dimension.levels["mid"])) in row.descriptor
    for refused in (0, 5, "3"):
        with pytest.raises(TraitError):
            row.score = refused
    assert row.score == 2
    row.score = 1
    assert "Not yet at the mid-level line" in row.descriptor
    row.score = None
    assert row.descriptor == ""
    row.show_error("<b>refused</b>")
    assert "&lt;b&gt;refused&lt;/b&gt;" in row.message


def test_coach_scores_are_stored_with_the_coach_and_need_a_name(ml_engineer, journal_path):
    editor = design_practice().editor
    editor.prompt.value = "feed_ranking"
    editor.coach_scores["failure_modes"].score = 2
    assert "Name the coach" in editor.rows["coach_rater"].message
    assert sessions_on_disk(journal_path)[0].coach_scores == {}
    editor.coach_rater.value = "Dana (coach)"
    [saved] = sessions_on_disk(journal_path)
    assert saved.coach_rater == "Dana (coach)" and saved.coach_scores == {"failure_modes": 2}
    assert editor.rows["coach_rater"].message == ""


def test_every_edit_is_a_revision(journal_path):
    editor = design_practice().editor
    editor.prompt.value = "typeahead"
    editor.reflection.value = "Start with the latency budget."
    editor.reflection.value = "Start with the latency budget, then the cache."
    with Journal(journal_path, readonly=True) as journal:
        history = journal.history(editor.entry_id)
    assert [r.data["reflection"] for r in history] == [
        "",
        "Start with the latency budget.",
        "Start with the latency budget, then the cache.",
    ]


def test_progress_panel_redraws_and_names_the_weakest_dimension(ml_engineer, journal_path):
    progress = design_progress()
    assert progress.weakest is None
    editor = design_practice().editor
    for dimension in content.design_practice().rubric_for("ml"):
        editor.self_scores[dimension.id].score = 3
    editor.self_scores["end_to_end"].score = 2
    assert progress.weakest.name == "End-to-end ownership"
    assert progress.series["End-to-end ownership"][-1][1] == 2
    assert "Weakest dimension lately: End-to-end ownership" in progress.callout.value
    assert "over the last 1 scored session;" in progress.callout.value
    assert "Weakest over the last 1 scored session: End-to-end ownership" in repr(progress)


def test_weakest_dimension_uses_recent_sessions_and_prefers_the_coach():
    practice = content.design_practice().for_track("ml")
    day = dt.date(2026, 9, 1)
    old = DesignSession(practised_on=day, self_scores={"driving": 1, "tradeoffs": 3})
    recent = [
        DesignSession(
            practised_on=day + dt.timedelta(days=7 * i), self_scores={"driving": 3, "tradeoffs": 3}
        )
        for i in range(1, 4)
    ]
    assert weakest_dimension([old, *recent], practice) is not None
    assert weakest_dimension([old, *recent], practice).mean == 3  # the old session no longer counts
    coached = recent[-1].model_copy(
        update={"coach_rater": "Dana", "coach_scores": {"tradeoffs": 1}}
    )
    weakest = weakest_dimension([old, *recent[:-1], coached], practice)
    assert weakest.name == "Trade-offs" and round(weakest.mean, 2) == round((3 + 3 + 1) / 3, 2)


def test_coach_view_lists_sessions_as_escaped_cards_with_nothing_editable(journal, monkeypatch):
    journal.save(Profile(track="ml"))
    journal.save(
        DesignSession(
            practised_on=dt.date(2026, 10, 1),
            own_prompt=ATTACK,
            reflection=ATTACK,
            sections={"model": {"notes": ATTACK, "minutes": 7}},
            self_scores={"driving": 2},
        )
    )
    monkeypatch.setenv("STEPUP_READONLY", "1")
    panel = design_practice()
    editable = [
        x
        for x in all_widgets(panel)
        if isinstance(x, (w.Text, w.Textarea, w.Button, w.Dropdown, w.DatePicker, DateField))
    ]
    assert editable == []
    html_text = " ".join(x.value for x in all_widgets(panel) if isinstance(x, w.HTML))
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "Model (7 min)" in html_text and "Driving the conversation 2 (mid)" in html_text


ML_ONLY_STEPS = {"Framing as an ML problem", "Data and labels", "Model", "Offline evaluation"}


def test_a_software_engineer_practises_backend_design_and_an_ml_engineer_ml_design(journal_path):
    """A new session starts on the profile's track: its steps, rubric and first prompts offered
    (choosing a prompt of another track switches them: tests/test_design_follows_prompt.py)."""
    practice = content.design_practice()
    software = design_practice().editor
    steps = {practice.for_track("software").sections[0].name} | {
        sec.name for sec in practice.sections_for("software")
    }
    assert not steps & ML_ONLY_STEPS
    assert set(software.sections) == {s.id for s in practice.sections_for("software")}
    assert set(software.self_scores) == {d.id for d in practice.rubric_for("software")}
    assert practice.prompt(software.prompt.options[1][1]).track == "software"
    with Journal(journal_path) as journal:
        journal.save(Profile(track="ml"))
    ml = design_practice().editor
    assert set(ml.sections) == {s.id for s in practice.sections_for("ml")}
    assert {"framing", "model"} <= set(ml.sections) and "clarity" in ml.self_scores
    assert practice.prompt(ml.prompt.options[1][1]).track == "ml"


def test_the_picker_names_a_new_session_until_its_first_save_names_it(ml_engineer, journal_path):
    panel = design_practice()
    panel.editor.prompt.value = "fraud_detection"
    saved_label = panel.picker.label
    assert "not saved yet" not in saved_label
    panel.new_button.click()
    assert panel.picker.label == "New practice session (not saved yet)"
    assert [label for label, _ in panel.picker.options][1:] == [saved_label]
    panel.editor.prompt.value = "fraud_detection"  # the new session's first save
    assert panel.picker.value == panel.editor.entry_id
    assert all("not saved yet" not in label for label, _ in panel.picker.options)
    assert len(sessions_on_disk(journal_path)) == 2


def test_two_sessions_on_one_day_reopen_at_the_last_one_made(ml_engineer, journal_path):
    first = design_practice()
    first.editor.prompt.value = "fraud_detection"
    first.new_button.click()
    first.editor.prompt.value = "fraud_detection"
    last = first.editor.entry_id
    for _ in range(5):  # ids are random: one lucky order must not pass
        first.new_button.click()
        first.editor.prompt.value = "fraud_detection"
        last = first.editor.entry_id
    assert design_practice().editor.entry_id == last


def test_the_box_for_your_own_prompt_shows_while_it_is_the_prompt_chosen(ml_engineer):
    editor = design_practice().editor
    assert editor.prompt.label == "Your own prompt (write it below)"
    assert editor.rows["own_prompt"].layout.display == ""
    editor.prompt.value = "fraud_detection"
    assert editor.rows["own_prompt"].layout.display == "none"
    editor.prompt.value = OWN_PROMPT
    assert editor.rows["own_prompt"].layout.display == ""

"""Workbook 04's forms, driven from Python: a practice session, scores, the progress panel."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest

from widgets import design_practice, design_progress
from widgets.content import seeds as content
from widgets.forms.base import DateField
from widgets.readers.practice import design_sessions, weakest_dimension
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession, Profile

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
    editor.sections["requirements"].notes.value = "Approve/decline in 100 ms; 2k payments/s."
    editor.sections["requirements"].minutes.value = "6"
    editor.sections["data"].minutes.value = "9"
    editor.self_scores["tradeoffs"].score.value = 3
    assert "Quantifies trade-offs" in editor.self_scores["tradeoffs"].descriptor.value
    [saved] = sessions_on_disk(journal_path)
    assert saved.prompt_id == "fraud_detection" and saved.practised_on == dt.date(2026, 10, 4)
    assert saved.sections["requirements"].minutes == 6 and saved.total_minutes() == 15
    assert saved.self_scores == {"tradeoffs": 3}
    assert "15 minutes" in editor.total.value


def test_minutes_out_of_range_are_refused_beside_the_step(ml_engineer, journal_path):
    editor = design_practice().editor
    editor.sections["model"].minutes.value = "10"
    editor.sections["model"].minutes.value = "-5"
    assert "whole minutes from 0 to 180" in editor.sections["model"].row.message.value
    editor.sections["model"].minutes.value = "600"
    assert "whole minutes" in editor.sections["model"].row.message.value
    assert sessions_on_disk(journal_path)[0].sections["model"].minutes == 10


def test_coach_scores_are_stored_with_the_coach_and_need_a_name(ml_engineer, journal_path):
    editor = design_practice().editor
    editor.prompt.value = "feed_ranking"
    editor.coach_scores["failure_modes"].score.value = 2
    assert "Name the coach" in editor.rows["coach_rater"].message.value
    assert sessions_on_disk(journal_path)[0].coach_scores == {}
    editor.coach_rater.value = "Dana (coach)"
    [saved] = sessions_on_disk(journal_path)
    assert saved.coach_rater == "Dana (coach)" and saved.coach_scores == {"failure_modes": 2}
    assert editor.rows["coach_rater"].message.value == ""


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
        editor.self_scores[dimension.id].score.value = 3
    editor.self_scores["end_to_end"].score.value = 2
    assert progress.weakest.name == "End-to-end ownership"
    assert progress.series["End-to-end ownership"][-1][1] == 2
    assert "Weakest dimension lately: End-to-end ownership" in progress.callout.value


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
    """Workbook 04 follows the profile's track: steps, rubric and the first prompts offered."""
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

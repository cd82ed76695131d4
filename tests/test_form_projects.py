"""Workbook 03's forms, driven from Python: projects and their drill, stories, coverage."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
from markupsafe import escape

from widgets import project_deep_dives, story_bank, story_coverage
from widgets.content import seeds as content
from widgets.forms.composite_code import CompositeCode
from widgets.panels.chart_image import ChartImage
from widgets.readers.stories import projects, readiness, research_actions, stories
from widgets.storage.journal import Journal
from widgets.storage.records import Profile, Project, Story

from .helpers import all_widgets

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def on_disk(path, read):
    with Journal(path, readonly=True) as journal:
        return [record for _, record in read(journal)]


def test_a_project_autosaves_field_by_field_with_history(journal_path):
    """Does each answer save, and is every earlier version kept?"""
    editor = project_deep_dives().editor
    editor.name.value = "Churn prediction"
    editor.team_size.value = "4"
    editor.started.value = dt.date(2025, 1, 6)
    editor.impact.value = "Retention +1.8 pp in the A/B test"
    [saved] = on_disk(journal_path, projects)
    assert (saved.name, saved.team_size, saved.started, saved.impact) == (
        "Churn prediction",
        4,
        dt.date(2025, 1, 6),
        "Retention +1.8 pp in the A/B test",
    )
    with Journal(journal_path, readonly=True) as journal:
        assert [r.data["name"] for r in journal.history(editor.entry_id)] == [
            "Churn prediction"
        ] * 4


def test_bad_team_size_and_reversed_dates_keep_the_last_good_value_with_a_message(journal_path):
    editor = project_deep_dives().editor
    editor.name.value = "Ranking features"
    editor.team_size.value = "6"
    editor.team_size.value = "lots"
    assert "whole number of people" in editor.rows["team_size"].message
    editor.started.value = dt.date(2025, 5, 1)
    editor.ended.value = dt.date(2025, 4, 1)
    assert str(escape("can't end before it started")) in editor.rows["ended"].message
    [saved] = on_disk(journal_path, projects)
    assert saved.team_size == 6
    assert saved.started == dt.date(2025, 5, 1) and saved.ended is None
    editor.ended.value = dt.date(2025, 9, 30)
    assert editor.rows["ended"].message == ""
    assert on_disk(journal_path, projects)[0].ended == dt.date(2025, 9, 30)


def test_drill_answers_confidence_and_research_flags_reach_the_journal(journal_path):
    editor = project_deep_dives().editor
    editor.name.value = "Churn prediction"
    editor.drill["problem"].answer = "Churn was found a month too late to act on."
    editor.drill["problem"].confidence = 5
    editor.drill["alternatives"].answer = "Survival model vs classifier: not sure."
    editor.drill["alternatives"].needs_research = True
    [saved] = on_disk(journal_path, projects)
    assert set(saved.drill) == {"problem", "alternatives"}
    assert saved.drill["problem"].confidence == 5 and saved.drill["alternatives"].needs_research
    questions = editor.questions
    assert readiness(saved, questions).ready == 1 and readiness(saved, questions).answered == 2
    assert "1 of" in editor.readiness.value
    [action] = research_actions([("p", saved)], questions)
    assert action.project == "Churn prediction" and "alternatives" in action.question


def test_a_huge_paste_is_refused_beside_its_answer_and_the_old_answer_kept(journal_path):
    editor = project_deep_dives().editor
    editor.drill["problem"].answer = "A short answer."
    editor.drill["problem"].answer = "x" * 1_000_000
    assert "longer than 5,000 characters" in editor.drill["problem"].message
    assert on_disk(journal_path, projects)[0].drill["problem"].answer == "A short answer."


def test_ml_only_probes_follow_the_profile_track(journal):
    all_questions = content.deep_dives().questions
    ml_only = {q.id for q in all_questions if q.tracks == ["ml"]}
    assert ml_only  # the bank has ML-specific probes
    journal.save(Profile(track="software"))
    assert not ml_only & set(project_deep_dives().editor.drill)
    journal.save(Profile(track="ml"))
    assert ml_only <= set(project_deep_dives().editor.drill)


def test_answers_to_probes_not_shown_are_kept_not_dropped(journal):
    journal.save(Profile(track="ml"))
    entry = journal.save(
        Project(
            name="Churn", drill={"data_quality": {"answer": "Labels lag 30 days.", "confidence": 4}}
        )
    )
    journal.save(Profile(track="software"))
    panel = project_deep_dives()
    panel.editor.goal.value = "Find churners early"
    assert journal.record("project", entry.id).drill["data_quality"].answer == "Labels lag 30 days."


def test_a_story_is_tagged_and_linked_to_its_project(journal_path, journal):
    journal.save(Profile(track="ml"))  # stories tag the ML framework's competencies
    project = journal.save(Project(name="Churn prediction"))
    editor = story_bank().editor
    editor.title.value = "The leakage I found"
    editor.project.value = project.id
    editor.action.value = "I traced the AUC jump to a feature computed after the churn date."
    editor.competency_grid.tick("data_features")
    editor.type_grid.tick("initiative")
    editor.type_grid.tick("conflict")
    [saved] = on_disk(journal_path, stories)
    assert saved.project_id == project.id
    assert saved.competencies == ["data_features"]
    assert saved.story_types == ["conflict", "initiative"]
    assert "goals and constraints" in editor.guidance.value  # the senior bar of the ticked types


def test_a_project_added_later_is_offered_to_the_story_without_a_save(journal_path):
    panel = story_bank()
    panel.editor.title.value = "Pipeline outage"
    before = len(on_disk(journal_path, stories))
    projects_panel = project_deep_dives()
    projects_panel.editor.name.value = "Ranking features"
    assert "Ranking features" in [label for label, _ in panel.editor.project.options]
    with Journal(journal_path, readonly=True) as journal:
        assert len(journal.history(panel.editor.entry_id)) == 1 and before == 1


def test_coverage_panel_shows_gaps_and_redraws_on_save(journal_path):
    panel = story_coverage()
    assert "Conflict or disagreement" in panel.uncovered_types
    editor = story_bank().editor
    editor.title.value = "Disagreeing on the split"
    editor.type_grid.tick("conflict")
    assert "Conflict or disagreement" not in panel.uncovered_types
    assert panel.data["types"] == [[1] + [0] * (len(content.deep_dives().story_types) - 1)]
    assert "story types with no story" in repr(panel)


def test_coach_view_shows_every_project_and_story_as_escaped_cards(
    journal_path, journal, monkeypatch
):
    journal.save(
        Project(
            name=ATTACK,
            goal=ATTACK,
            drill={"problem": {"answer": ATTACK, "confidence": 2, "needs_research": True}},
        )
    )
    journal.save(Story(title=ATTACK, action=ATTACK, story_types=["failure"]))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    for panel in (project_deep_dives(), story_bank(), story_coverage()):
        html_text = " ".join(x.value for x in all_widgets(panel) if isinstance(x, w.HTML))
        assert "<script>" not in html_text and "<img src=x" not in html_text
        assert not [
            x
            for x in all_widgets(panel)
            if isinstance(x, (w.Text, w.Textarea, w.Button, w.Checkbox, w.Dropdown))
            and x in panel.children
        ]
    cards = " ".join(x.value for x in all_widgets(project_deep_dives()) if isinstance(x, w.HTML))
    assert "&lt;img src=x onerror=alert(1)&gt;" in cards and "needs research" in cards
    with Journal(journal_path, readonly=True) as check:
        assert len(check.entries()) == 2


# On the coach's page pictures and words only show. Anything else is a control: every ipywidgets
# input and every anywidget the forms make (date fields, the composites such as the drill's
# questions and the tick grids, the recorder, the page's keys that commit what is typed).
SHOWS_ONLY = (w.Box, w.HTML, w.HTMLMath, w.Label, w.Output, ChartImage, CompositeCode)


def test_coach_view_has_no_editable_control(journal, monkeypatch):
    journal.save(Project(name="Churn"))
    journal.save(Story(title="Leakage"))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    w.Widget.close_all()  # every model alive from here on is the coach view's, the page's keys too
    panels = (project_deep_dives(), story_bank())
    made = [x for x in list(w.widgets.widget._instances.values()) if isinstance(x, w.DOMWidget)]
    assert all(p in made for p in panels) and all(x in made for x in all_widgets(panels[0]))
    editable = [type(x).__name__ for x in made if not isinstance(x, SHOWS_ONLY)]
    assert editable == []

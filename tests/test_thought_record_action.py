"""Workbook 01: a thought record whose evidence supports the thought ends in a growth-plan
action."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
from markupsafe import escape

from widgets import growth_plan, thought_records
from widgets.readers.plan import actions
from widgets.storage.journal import Journal
from widgets.storage.records import ThoughtRecord

from .helpers import all_widgets

SHALLOW = "My projects really were shallow."


def plan_on_disk(path):
    with Journal(path, readonly=True) as journal:
        return [action for _, action in actions(journal)]


def supported_record(editor, what="Reread the ranking design doc and re-derive its numbers"):
    editor.situation.value = "In a mock deep dive I could not explain the serving path."
    editor.belief.value = SHALLOW
    editor.evidence_for.value = "I cannot give the baseline or why the canary was chosen."
    editor.next_step.value = "act"
    editor.action.value = what


def test_choosing_act_replaces_the_balanced_thought_with_the_action(journal_path):
    editor = thought_records().editor
    shown = lambda name: editor.rows[name].layout.display != "none"
    assert shown("balanced_thought") and not shown("action")
    editor.balanced_thought.value = "Some parts were shallow, some were not."
    editor.next_step.value = "act"
    assert not shown("balanced_thought") and not shown("balanced_strength")
    assert shown("action") and shown("action_done_when") and shown("action_due")
    editor.next_step.value = "reframe"
    assert shown("balanced_thought") and editor.balanced_thought.value.startswith("Some parts")


def test_the_action_joins_the_plan_once_and_follows_edits(journal_path):
    editor = thought_records().editor
    supported_record(editor)
    [action] = plan_on_disk(journal_path)
    assert action.what == "Reread the ranking design doc and re-derive its numbers"
    assert action.source == f"belief:{editor.entry_id}" and action.status == "open"
    assert SHALLOW in action.why
    editor.action_due.value = dt.date(2026, 12, 20)
    editor.action_done_when.value = "I can state baseline, target and actual with their sources."
    editor.strength_before.value = "80"
    editor.strength_after.value = "75"
    editor.save("complete")
    editor.save()  # re-saving, unchanged, adds nothing
    [action] = plan_on_disk(journal_path)
    assert action.due == dt.date(2026, 12, 20) and action.done_when.startswith("I can state")
    assert editor.value.status == "complete"
    assert "In your growth plan" in editor.plan_link.value
    assert str(escape(action.what)) in editor.plan_link.value


def test_reopening_and_resaving_never_doubles_the_action(journal_path):
    panel = thought_records()
    supported_record(panel.editor)
    entry_id = panel.editor.entry_id
    for n in range(3):  # a fresh panel each time, as a re-run cell or a new session would
        reopened = thought_records()
        reopened.open_entry(entry_id)
        reopened.editor.evidence_against.value = f"Second look, pass {n}."
    assert len(plan_on_disk(journal_path)) == 1


def test_an_edit_made_in_the_plan_is_kept_when_the_record_changes(journal_path):
    editor = thought_records().editor
    supported_record(editor)
    plan = growth_plan()
    [(action_id, _)] = actions(plan.journal)
    plan.open_entry(action_id)
    plan.editor.status_choice.value = "in_progress"
    plan.editor.due.value = dt.date(2027, 1, 8)
    editor.action.value = "Reread the design doc, then ask the serving owner three questions"
    [action] = plan_on_disk(journal_path)
    assert action.what.startswith("Reread the design doc, then ask")
    assert (action.status, action.due) == ("in_progress", dt.date(2027, 1, 8))


def test_a_reframed_record_adds_nothing_to_the_plan(journal_path):
    editor = thought_records().editor
    editor.situation.value = "The recruiter scheduled a deep dive."
    editor.belief.value = SHALLOW
    editor.action.value = "Typed, then the engineer chose to reframe instead"
    editor.balanced_thought.value = "Two of my projects hold decisions I can defend."
    assert plan_on_disk(journal_path) == []


def test_a_deleted_plan_action_is_not_made_again(journal_path):
    editor = thought_records().editor
    supported_record(editor)
    with Journal(journal_path) as journal:
        [(action_id, _)] = actions(journal)
        journal.delete(action_id)
    editor.action.value = "A new wording of the same step"
    assert plan_on_disk(journal_path) == []
    assert "removed this action" in editor.plan_link.value


def test_completing_a_supported_record_needs_the_action(journal_path):
    editor = thought_records().editor
    supported_record(editor, what="")
    editor.strength_before.value = "80"
    editor.strength_after.value = "70"
    editor.save("complete")
    assert editor.value.status == "draft"
    assert "what you will do" in editor.rows["action"].message
    assert plan_on_disk(journal_path) == []


def test_old_records_load_as_reframes():
    old = {"recorded_on": "2026-09-01", "belief": SHALLOW, "balanced_thought": "Fairer."}
    record = ThoughtRecord.model_validate(old)
    assert record.next_step == "reframe" and not record.plans_an_action()


def test_the_coach_card_shows_the_action_instead_of_a_balanced_thought(journal_path, monkeypatch):
    supported_record(thought_records().editor)
    monkeypatch.setenv("STEPUP_READONLY", "1")
    panel = thought_records()
    html_text = " ".join(x.value for x in all_widgets(panel) if isinstance(x, w.HTML))
    assert "an action, not a reframe" in html_text
    assert "Reread the ranking design doc" in html_text
    assert "Balanced thought" not in html_text
    assert not [x for x in all_widgets(panel) if isinstance(x, (w.RadioButtons, w.Button))]

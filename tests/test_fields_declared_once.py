"""The profile, project and design-session forms declare each answer once (``FIELDS``): the one
declaration makes the control, reads it back and names it on the coach's card, and what is not
declared there is a composite the form builds itself (interviews, the drill, the depth, the steps
and scores). Depth recovery's lists are declared once as data the same way."""

from __future__ import annotations

from dataclasses import replace

import pytest

from widgets import design_practice, profile_form, project_deep_dives
from widgets.content import seeds
from widgets.forms import depth
from widgets.forms.base import text_field
from widgets.forms.design import DesignSessionEditor, session_card
from widgets.forms.profile import ProfileForm
from widgets.forms.projects import ProjectEditor, project_card
from widgets.storage import current
from widgets.storage.journal import Journal
from widgets.storage.records import DepthRecovery, DesignSession, Profile, Project

# form → (its record, the record's fields it builds as composites of its own)
FORMS = {
    ProfileForm: (Profile, {"interviews", "past_ratings"}),
    ProjectEditor: (Project, {"drill", "depth"}),
    DesignSessionEditor: (DesignSession, {"sections", "self_scores", "coach_scores"}),
}


@pytest.fixture
def demo(demo_path, monkeypatch):
    """The demo persona as the kernel's journal: a profile, projects and design sessions."""
    monkeypatch.setenv(current.JOURNAL_ENV, str(demo_path))
    current.close_all()
    yield demo_path
    current.close_all()


def editors() -> list:
    """The profile form and an editor of every project and design session of the journal."""
    opened = [profile_form()]
    for panel in (project_deep_dives(), design_practice()):
        entries = panel.entries()
        assert entries, "the demo persona has entries to open"
        opened += [panel.open_entry(entry_id) for entry_id, _record in entries]
    return opened


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.__name__)
def test_every_answer_of_the_record_is_declared_once(form):
    model, composites = FORMS[form]
    declared = [field.name for field in form.FIELDS]
    assert len(declared) == len(set(declared)), "an answer declared twice"
    # A part of an answer (the promotion cycle's dates) is declared under its own name.
    held = {(field.path or (field.name,))[0] for field in form.FIELDS}
    assert not held & composites
    assert held | composites == set(model.model_fields)


def test_the_declarations_make_read_and_route_every_answer(demo):
    for editor in editors():
        model, _composites = FORMS[type(editor)]
        record = editor.stored
        assert isinstance(record, model)
        assert editor.collect().keys() == set(model.model_fields)
        # What a control made from the stored value reads back is that value: the make and the
        # read of one declaration agree (a number as text, a date, a choice's "none").
        expected: dict = {}
        for f in editor.FIELDS:
            f.put(expected, f.held_in(record))
        assert editor.read_fields() == expected
        for field in editor.FIELDS:
            control = getattr(editor, field.key)
            assert control in editor.controls()
            # Its message lands beside it (a composite shows its own message: it is its row).
            row = editor.rows[field.name]
            assert row is control or row.control is control
            # A tick grid names its boxes for a screen reader: its label.
            assert getattr(control, "description", None) or control.label == field.label


def test_a_label_declared_once_is_what_the_page_and_the_card_say(demo, monkeypatch):
    # The one edit a maintainer makes to rename an answer: its declaration.
    aim = text_field("goal", "Aim", "The business problem", lines=True)
    renamed = tuple(aim if f.name == "goal" else f for f in ProjectEditor.FIELDS)
    monkeypatch.setattr(ProjectEditor, "FIELDS", renamed)
    panel = project_deep_dives()
    assert panel.editor.goal.description == "Aim"
    project = panel.editor.stored
    card = str(project_card(project, panel.questions, panel.guide))
    assert f"<b>Aim:</b> {project.goal}" in card and "<b>Goal:</b>" not in card


def test_the_design_card_names_its_answers_from_the_declarations(demo, monkeypatch):
    panel = design_practice()
    session = panel.editor.stored.model_copy(update={"own_prompt": "A ticket queue"})
    card = str(session_card(session, panel.practice))
    assert "<b>Own prompt:</b>" in card and "<b>Next time:</b>" in card
    assert panel.editor.own_prompt.description == "Your own prompt"  # the page's longer name
    renamed = tuple(
        replace(f, card="Prompt of my own") if f.name == "own_prompt" else f
        for f in DesignSessionEditor.FIELDS
    )
    monkeypatch.setattr(DesignSessionEditor, "FIELDS", renamed)
    card = str(session_card(session, panel.practice))
    assert "<b>Prompt of my own:</b>" in card and "<b>Own prompt:</b>" not in card


def test_a_saved_answer_comes_back_through_its_declaration(journal_path):
    form = profile_form()
    form.years_experience.value = "6,5"
    form.target_date.value = None
    form.current_level.value = form.current_level.options[1][1]
    with Journal(journal_path, readonly=True) as journal:
        saved = journal.record("profile")
    assert (saved.years_experience, saved.current_level) == (6.5, form.current_level.value)
    form.close()
    again = profile_form()
    assert again.years_experience.value == "6.5"  # the same declaration made the box again
    assert again.current_level.value == saved.current_level


def test_depth_lists_are_built_and_carded_from_one_declaration(monkeypatch):
    guide = seeds.deep_dives().depth
    for part_id, (fields, _add) in depth.LISTS.items():
        entry = depth.ListEntry(list(fields), {}, f"depth.{part_id}.0")
        shown = [control.description for control in entry.controls.values()]
        assert shown == [f.label if f.prompt == "" else "" for f in fields]
    record = DepthRecovery.model_validate(
        {
            "people": [{"who": "Ana", "ask": "Why the cache", "learned": "TTLs"}],
            "decisions": [{"decision": "Kafka", "alternatives": "SQS", "why": "", "now": "Same"}],
        }
    )
    parts = dict(depth.depth_card_parts(record, guide))
    assert parts["Ask Ana"] == "Why the cache Learned: TTLs"
    assert parts["Decision: Kafka"] == "Alternatives: SQS Now: Same"  # empty "Why" left out
    # Renamed in its declaration, a decision's answer is renamed on the card too.
    renamed = tuple(replace(f, label=f.label.upper()) for f in depth.DECISIONS)
    monkeypatch.setattr(depth, "DECISIONS", renamed)
    parts = dict(depth.depth_card_parts(record, guide))
    assert parts["DECISION: Kafka"] == "ALTERNATIVES: SQS NOW: Same"

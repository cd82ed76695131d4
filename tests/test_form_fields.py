"""A form's answer declared once (forms.fields.Field): its control, how it is read back, where its
message shows, and how a card says it, all from the one declaration."""

from __future__ import annotations

import ipywidgets as w

from widgets import story_bank
from widgets.forms.base import field_parts, text_field
from widgets.forms.entries import EntryEditor
from widgets.forms.stories import StoryEditor
from widgets.storage.journal import Journal
from widgets.storage.records import Story


class TitleOnly(EntryEditor):
    """A story editor with one declared answer and nothing else written for it."""

    model = Story
    FIELDS = (text_field("title", "Title", "A short name"), text_field("task", "Task", lines=True))

    def summary(self) -> str:
        return self.value.title


def test_one_declaration_builds_reads_shows_and_saves(journal):
    editor = TitleOnly(journal)
    assert isinstance(editor.title, w.Text) and isinstance(editor.task, w.Textarea)
    assert (editor.title.description, editor.title.placeholder) == ("Title", "A short name")
    assert editor.controls() == [editor.title, editor.task]
    assert editor.children == (editor.rows["title"], editor.rows["task"], editor.status_line)
    editor.title.value = "The deadline we renegotiated"
    editor.task.value = "Ship the migration."
    [saved] = [entry.record() for entry in journal.entries("story")]
    assert (saved.title, saved.task) == ("The deadline we renegotiated", "Ship the migration.")
    editor.title.value = "x" * 200  # refused beside its own field; the rest keeps saving
    assert "longer than 120 characters" in editor.rows["title"].error
    assert editor.rows["task"].error == ""
    assert field_parts(TitleOnly.FIELDS, editor.value) == [
        ("Title", "The deadline we renegotiated"),
        ("Task", "Ship the migration."),
    ]


def test_the_story_editor_reads_every_field_it_declares(journal_path):
    editor = story_bank().editor
    declared = {field.name for field in StoryEditor.FIELDS}
    assert editor.collect().keys() == declared
    assert declared == set(Story.model_fields)  # every answer a story holds, once
    assert set(editor.rows) == declared  # each answer's message has its row, by the record's name
    for field in StoryEditor.FIELDS:
        control = getattr(editor, field.key)
        if hasattr(control, "description"):
            assert control.description == field.label  # the page and the card say the same name
    editor.title.value = "Pipeline outage"
    editor.headline.value = "I got two teams to agree on a rollback plan."
    editor.clarity.value = 4
    with Journal(journal_path, readonly=True) as journal:
        [saved] = [entry.record() for entry in journal.entries("story")]
    parts = dict(field_parts(StoryEditor.FIELDS, saved))
    assert parts["Main point"] == "I got two teams to agree on a rollback plan."
    assert parts["Told aloud"] == "4 · clear and in order"
    assert "Title" not in parts  # the card's title, not one of its parts

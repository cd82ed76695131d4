"""Workbook 03's story builder: the main point written first, and how clearly it is told aloud."""

from __future__ import annotations

import ipywidgets as w
from markupsafe import escape

from widgets import story_bank
from widgets.readers.stories import stories
from widgets.storage.journal import Journal
from widgets.storage.records import Story

from .helpers import all_widgets

ATTACK = "<img src=x onerror=alert(1)>"


def on_disk(path) -> list[Story]:
    with Journal(path, readonly=True) as journal:
        return [record for _, record in stories(journal)]


def test_the_main_point_and_clarity_save_to_the_journal(journal_path):
    """Do the one-sentence main point and the told-aloud rating reach the journal?"""
    editor = story_bank().editor
    editor.title.value = "The plan two teams agreed on"
    editor.headline.value = "I turned a vague request into a plan two teams agreed on."
    editor.clarity.value = 4
    [saved] = on_disk(journal_path)
    assert saved.headline == "I turned a vague request into a plan two teams agreed on."
    assert saved.clarity == 4
    editor.clarity.value = None  # back to "not rated yet"
    assert on_disk(journal_path)[0].clarity is None


def test_the_main_point_comes_before_the_star_parts():
    """Is the main point asked for before Situation, so it is written first?"""
    editor = story_bank().editor
    order = [row.children[0] for row in editor.children if isinstance(row, w.HBox)]
    assert order.index(editor.headline) < order.index(editor.situation)


def test_a_story_saved_before_the_clarity_fields_still_loads(journal):
    """Do journals written before the fields existed load, with the fields empty?"""
    data = Story(title="Old story", action="Did it").model_dump(mode="json")
    del data["headline"], data["clarity"]
    old = Story.model_validate(data)
    assert (old.headline, old.clarity) == ("", None)
    journal.save(old)
    assert [s.title for _, s in stories(journal)] == ["Old story"]


def test_coach_card_shows_main_point_and_clarity_escaped(journal, monkeypatch):
    journal.save(Story(title="Leakage", headline=ATTACK, clarity=5))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    cards = " ".join(x.value for x in all_widgets(story_bank()) if isinstance(x, w.HTML))
    assert str(escape(ATTACK)) in cards and ATTACK not in cards
    assert "Main point" in cards and "main point first, clear, in about two minutes" in cards

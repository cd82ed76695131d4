"""Workbook 01's form, driven from Python: drafts, completion, history, re-ratings, charts."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest
from markupsafe import escape

from widgets import belief_charts, thought_records
from widgets.content import seeds as content
from widgets.forms.thought_record import parse_emotions
from widgets.readers.beliefs import thought_records as stored_records
from widgets.storage.journal import Journal
from widgets.storage.records import ThoughtRecord

from .helpers import all_widgets

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def records_on_disk(path) -> list[ThoughtRecord]:
    with Journal(path, readonly=True) as journal:
        return [r for _, r in stored_records(journal)]


def test_a_new_panel_opens_an_empty_record_and_saves_nothing_yet(journal_path):
    panel = thought_records()
    assert panel.editor is not None and panel.editor.stored is None
    panel.editor.emotions.value = "anxious 80"
    assert records_on_disk(journal_path) == []
    panel.editor.situation.value = "Design review moved to Friday."
    assert [r.situation for r in records_on_disk(journal_path)] == [
        "Design review moved to Friday."
    ]
    with Journal(journal_path, readonly=True) as journal:  # the id it was given up front
        assert journal.get(panel.editor.entry_id) is not None


def test_filling_a_record_autosaves_a_draft_with_history(journal_path):
    """Does each answer save, as a draft, with every version in the history?"""
    editor = thought_records().editor
    editor.situation.value = "Recruiter scheduled the ML design round."
    editor.belief.value = "Senior ML system design is beyond me."
    editor.strength_before.value = "85"
    editor.emotions.value = "anxious 80, ashamed 40%"
    editor.distortions.tick("fortune_telling")
    editor.evidence_against.value = "I designed the ranking service's feature pipeline."
    saved = records_on_disk(journal_path)
    assert len(saved) == 1
    record = saved[0]
    assert record.status == "draft"
    assert record.strength_before == 85
    assert [(e.name, e.intensity) for e in record.emotions] == [("anxious", 80), ("ashamed", 40)]
    assert record.distortions == ["fortune_telling"]
    with Journal(journal_path, readonly=True) as journal:
        history = journal.history(editor.entry_id)
    assert len(history) == 6
    assert history[0].data["belief"] == "" and history[1].data["belief"].startswith("Senior ML")


def test_choosing_a_prompt_fills_the_belief_and_shows_its_questions(journal_path):
    editor = thought_records().editor
    prompt = content.belief_prompts().by_id("superficial_projects")
    editor.prompt.value = "superficial_projects"
    assert editor.belief.value == prompt.belief
    assert all(str(escape(q))[:30] in editor.guidance.value for q in prompt.questions)
    assert records_on_disk(journal_path)[0].prompt_id == "superficial_projects"


@pytest.mark.parametrize(
    "field, typed, phrase",
    [
        ("strength_before", "150", "from 0 to 100"),
        ("strength_before", "-5", "from 0 to 100"),
        ("strength_after", "lots", "whole number"),
        ("balanced_strength", "70.5", "whole number"),
        ("emotions", "anxious 120", "from 0 to 100"),
        ("belief", "x" * 1_000_000, "longer than 500 characters"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_keeps_what_was_saved(
    journal_path, field, typed, phrase
):
    editor = thought_records().editor
    editor.belief.value = "I'm behind for my years."
    editor.strength_before.value = "80"
    editor.strength_after.value = "60"
    editor.balanced_strength.value = "50"
    editor.emotions.value = "anxious 70"
    before = records_on_disk(journal_path)[0]
    getattr(editor, field).value = typed
    assert phrase in editor.rows[field].error
    editor.situation.value = "Another field still saves."
    after = records_on_disk(journal_path)[0]
    assert after.situation == "Another field still saves."
    assert after.model_dump(exclude={"situation"}) == before.model_dump(exclude={"situation"})


def test_completion_needs_the_belief_and_both_ratings(journal_path):
    editor = thought_records().editor
    editor.situation.value = "Design review."
    editor.complete_button.click()
    assert "Write the belief" in editor.rows["belief"].error
    assert "Re-rate the belief" in editor.rows["strength_after"].error
    assert records_on_disk(journal_path)[0].status == "draft"
    editor.belief.value = "They'll find out."
    editor.strength_before.value = "90"
    editor.strength_after.value = "60"
    editor.complete_button.click()
    assert records_on_disk(journal_path)[0].status == "complete"
    assert editor.rows["belief"].error == ""
    editor.belief.value = ""  # emptying a required answer of a complete record keeps the old one
    assert "Write the belief" in editor.rows["belief"].error
    assert records_on_disk(journal_path)[0].belief == "They'll find out."


def test_rerating_adds_a_dated_point(journal_path, monkeypatch):
    editor = thought_records().editor
    editor.belief.value = "I'm behind for my years."
    editor.strength_before.value = "85"
    editor.strength_after.value = "65"
    monkeypatch.setenv("STEPUP_TODAY", "2026-12-01")
    editor.rerate_strength.value = "150"
    editor.rerate_button.click()
    assert "from 0 to 100" in editor.rerate_row.error
    editor.rerate_strength.value = "50"
    editor.rerate_note.value = "after the mock round"
    editor.rerate_button.click()
    record = records_on_disk(journal_path)[0]
    assert [(r.on, r.strength, r.note) for r in record.reratings] == [
        (dt.date(2026, 12, 1), 50, "after the mock round")
    ]
    assert record.strength_series()[-1] == (dt.date(2026, 12, 1), 50)
    assert editor.rerate_strength.value == ""


def test_records_can_be_reopened_and_edited(journal_path):
    panel = thought_records()
    panel.editor.belief.value = "First belief"
    first = panel.editor.entry_id
    second_editor = panel.new_record()
    second_editor.belief.value = "Second belief"
    assert len(panel.picker.options) == 2
    panel.picker.value = first
    assert panel.editor.entry_id == first and panel.editor.belief.value == "First belief"
    panel.editor.belief.value = "First belief, edited"
    assert sorted(r.belief for r in records_on_disk(journal_path)) == [
        "First belief, edited",
        "Second belief",
    ]
    fresh = thought_records()
    assert len(fresh.picker.options) == 2


def test_charts_redraw_when_a_record_is_saved(journal_path):
    charts_panel = belief_charts()
    assert "(none rated)" in repr(charts_panel)
    editor = thought_records().editor
    editor.belief.value = "They'll find out."
    editor.strength_before.value = "90"
    editor.strength_after.value = "60"
    editor.distortions.tick("mind_reading")
    text = repr(charts_panel)
    assert "They'll find out.: 90 → 60" in text
    assert "Mind reading ×1" in text
    assert bytes(charts_panel.before_after_image.value).startswith(b"\x89PNG")


def test_coach_sees_every_record_as_an_escaped_card(demo_path, monkeypatch):
    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    panel = thought_records()
    widgets_inside = list(all_widgets(panel))
    assert not [
        x
        for x in widgets_inside
        if isinstance(x, (w.Button, w.Text, w.Textarea, w.Dropdown, w.Checkbox))
    ]
    html_text = " ".join(x.value for x in widgets_inside if isinstance(x, w.HTML))
    with Journal(demo_path, readonly=True) as journal:
        beliefs = [r.belief for _, r in stored_records(journal)]
    assert len(beliefs) >= 4
    assert all(str(escape(b)) in html_text for b in beliefs)


def test_user_text_is_escaped_in_cards_and_picker(journal_path, monkeypatch):
    editor = thought_records().editor
    editor.belief.value = ATTACK
    editor.situation.value = ATTACK
    editor.evidence_for.value = ATTACK
    monkeypatch.setenv("STEPUP_READONLY", "1")
    card = thought_records()
    html_text = " ".join(x.value for x in all_widgets(card) if isinstance(x, w.HTML))
    assert "<img" not in html_text and "<script>" not in html_text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_text


def test_parse_emotions_keeps_bad_numbers_for_validation():
    assert parse_emotions("anxious 80; ashamed\n angry 30 %") == [
        {"name": "anxious", "intensity": 80},
        {"name": "ashamed", "intensity": None},
        {"name": "angry", "intensity": 30},
    ]
    assert parse_emotions("") == []


def test_parse_emotions_reads_a_chinese_keyboards_separators_and_digits():
    """A Chinese keyboard types full-width commas and may type full-width digits; the emotion's
    own words are kept as typed."""
    assert parse_emotions("焦虑 80，羞愧 ４０；难过、ｆｅａｒ 10％") == [
        {"name": "焦虑", "intensity": 80},
        {"name": "羞愧", "intensity": 40},
        {"name": "难过", "intensity": None},
        {"name": "ｆｅａｒ", "intensity": 10},
    ]


def test_years_of_records_chart_the_recent_ones_and_count_them_all(journal):
    """Do 300 records give readable charts (latest 12, trend of 6) while distortions count all
    300?"""
    import datetime as dt

    from widgets import belief_charts
    from widgets.storage.records import Rerating, ThoughtRecord

    start = dt.date(2022, 1, 3)
    for n in range(300):
        day = start + dt.timedelta(days=5 * n)
        journal.save(
            ThoughtRecord(
                recorded_on=day,
                belief=f"Belief {n}",
                strength_before=80,
                strength_after=60,
                distortions=["labeling"],
                reratings=[Rerating(on=day + dt.timedelta(days=7), strength=50)],
            )
        )
    panel = belief_charts()
    assert [label for label, _, _ in panel.data["before_after"]] == [
        f"Belief {n}" for n in range(288, 300)
    ]
    assert list(panel.data["trend"]) == [f"Belief {n}" for n in range(294, 300)]
    assert panel.data["distortions"] == [("Labeling", 300)]
    assert repr(panel).startswith("Belief charts (the latest 12 of 300 records)")

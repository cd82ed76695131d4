"""Workbook 04's second-language reference, rendered from Python: every group and habit, escaped."""

from __future__ import annotations

import html

import ipywidgets as w
from markupsafe import escape

from widgets import second_language_reference
from widgets.content.communication import CommunicationFile, communication
from widgets.panels.communication import CommunicationPanel

from .helpers import all_widgets

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def test_every_habit_and_phrase_group_is_shown_with_its_phrases_and_sources():
    bank = communication()
    panel = CommunicationPanel(bank)
    page = html.unescape(panel.page.value)
    for habit in bank.habits:
        assert f"id='habit-{habit.id}'" in page and habit.name in page and habit.why in page
    for group in bank.phrase_groups:
        assert f"id='phrases-{group.id}'" in page and group.when in page
        assert all(phrase in page for phrase in group.phrases), group.id
        assert all(source in page for source in group.sources), group.id
    summary = repr(panel)
    assert all(f"{g.name}: {len(g.phrases)} phrases" in summary for g in bank.phrase_groups)
    assert all(h.name in summary for h in bank.habits)


def test_seed_text_is_escaped_not_rendered_as_html():
    data = communication().model_dump()
    data["phrase_groups"][0]["phrases"][0] = ATTACK
    data["habits"][0]["why"] = ATTACK
    data["phrase_groups"][1]["sources"] = [ATTACK]
    page = CommunicationPanel(CommunicationFile.model_validate(data)).page.value
    assert ATTACK not in page and "<script>" not in page
    assert page.count(str(escape(ATTACK))) == 3


def test_the_entry_point_is_read_only_in_lab_and_in_the_coach_view(journal_path, monkeypatch):
    """Nothing to edit: the same reference for the engineer and, in Voilà, for the coach."""
    for readonly in ("", "1"):
        monkeypatch.setenv("STEPUP_READONLY", readonly)
        panel = second_language_reference()
        assert isinstance(panel, CommunicationPanel)
        controls = [x for x in all_widgets(panel) if not isinstance(x, (w.HTML, w.Box))]
        assert controls == []
        assert "Clarifying the question" in panel.page.value

"""Workbook 05's "What I need from you", driven from Python as the browser would drive it."""

from __future__ import annotations

import ipywidgets as w

from widgets import manager_support
from widgets.forms.support import EXAMPLES, ManagerSupportForm
from widgets.storage.journal import Journal
from widgets.storage.records import LONG_TEXT_MAX, ManagerSupport

from .helpers import all_widgets

ASKS = "A project I can own end to end next quarter\n- Feedback within a week of each design review"


def stored(path) -> ManagerSupport | None:
    with Journal(path, readonly=True) as journal:
        return journal.record(ManagerSupport.kind)


def test_asks_autosave_one_per_line(journal_path):
    """Does a change in the box land in the journal, one ask per line?"""
    form = manager_support()
    assert isinstance(form, ManagerSupportForm)
    assert "Your asks save a second after you stop typing." in form.status_line.value
    form.needs.value = ASKS
    saved = stored(journal_path)
    assert saved.needs == ASKS
    assert saved.need_lines() == [
        "A project I can own end to end next quarter",
        "Feedback within a week of each design review",
    ]
    assert "Saved at" in form.status_line.value
    assert form.summary().splitlines() == [
        "What I need from my manager: 2 asks",
        "  - A project I can own end to end next quarter",
        "  - Feedback within a week of each design review",
    ]


def test_saved_asks_come_back_in_a_new_form(journal_path):
    """Is what was saved shown again when the cell runs again?"""
    manager_support().needs.value = ASKS
    again = manager_support()
    assert again.needs.value == ASKS
    assert "Saved asks loaded" in again.status_line.value


def test_too_long_keeps_the_stored_asks_and_says_why(journal_path):
    """Over 5,000 characters: nothing is overwritten, and the message beside the box says so."""
    form = manager_support()
    form.needs.value = ASKS
    form.needs.value = "x" * (LONG_TEXT_MAX + 1)
    assert stored(journal_path).needs == ASKS
    message = form.rows["needs"].message
    assert "longer than 5,000 characters (5,001 typed)" in message
    assert "last saved answer is kept" in message
    assert "stepup-error" in form.status_line.value
    form.needs.value = "An introduction to the staff engineer who reviews designs"
    assert stored(journal_path).needs == "An introduction to the staff engineer who reviews designs"
    assert form.rows["needs"].message == ""


def test_the_hint_gives_concrete_asks(journal_path):
    """Does the engineer see examples of asks, and a placeholder that shows the shape of one?"""
    form = manager_support()
    assert all(example in form.hint.value for example in EXAMPLES)
    assert form.needs.placeholder.startswith("One ask per line")
    assert form.hint.layout.display is None


def test_the_coach_reads_the_asks_and_can_change_nothing(journal_path, journal, monkeypatch):
    """Read-only: the asks shown whole, no editable control, no hint, and nothing is written."""
    journal.save(ManagerSupport(needs=ASKS), ManagerSupport.kind)
    monkeypatch.setenv("STEPUP_READONLY", "1")
    form = manager_support()
    assert form.readonly and form.needs.value == ASKS
    editable = [
        x
        for x in all_widgets(form)
        if isinstance(x, (w.Text, w.Textarea, w.Button, w.Dropdown)) and not x.disabled
    ]
    assert editable == []
    assert form.hint.layout.display == "none"
    assert form.summary().splitlines()[0] == "What I need from my manager: 2 asks — read-only"
    form.needs.value = "Something else"  # as a message over the coach's websocket would
    assert stored(journal_path).needs == ASKS

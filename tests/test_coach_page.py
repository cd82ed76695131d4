"""The coach's page on a journal with nothing in it yet: it says what is missing, plainly."""

from __future__ import annotations

from widgets import coach_session
from widgets.storage.journal import Journal
from widgets.views.css import PAGE_CSS


def test_an_empty_journal_reads_as_not_started_not_as_placeholders(journal_path, monkeypatch):
    Journal(journal_path).close()
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = coach_session().html
    assert "level and target not set yet" in page
    for placeholder in ("— → —", "? years"):
        assert placeholder not in page
    assert "class='stepup-error'" not in page and 'class="stepup-error"' not in page, (
        "nothing is overdue, so nothing is in red"
    )
    assert "No overdue actions." in page


def test_text_columns_are_left_aligned_against_labs_right_aligned_cells():
    """Lab and Voilà right-align table cells (.jp-RenderedHTMLCommon td, specificity 0,1,1);
    Step Up's rule must outrank it."""
    assert "table.stepup-table th, table.stepup-table td" in PAGE_CSS
    assert "text-align: left" in PAGE_CSS


def test_a_whole_number_of_years_reads_as_one(journal_path, monkeypatch):
    from widgets.storage.records import Profile

    with Journal(journal_path) as journal:
        journal.save(Profile(years_experience=5))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = coach_session().html
    assert ", 5 years" in page and "5.0 years" not in page

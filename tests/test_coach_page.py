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


def test_every_chart_states_its_numbers_in_its_alt_text(demo_path, monkeypatch):
    """A screen-reader user hears the radar's ring per competency, every belief rating and every
    design score: the same numbers the picture draws."""
    import re

    from markupsafe import escape

    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    session = coach_session()
    alts = dict(re.findall(r"<img class='stepup-coach-(\w+)' alt='([^']*)'", session.html))
    assert set(alts) == {"radar", "beliefs", "design"}
    ov = session.ov
    names = [c.name for c in ov.framework.competencies]
    self_line = "self: " + ", ".join(
        f"{n} {v if v is not None else '—'}" for n, v in zip(names, ov.radar["current"])
    )
    assert str(escape(self_line)) in alts["radar"]
    for points in ov.belief_trend.values():
        for day, strength in points[-1:]:
            assert f"{day.isoformat()} {strength}" in alts["beliefs"]
    for name, points in ov.design_series.items():
        assert str(escape(name)) in alts["design"] and (
            not points or f"{points[-1][0].isoformat()} {points[-1][1]}" in alts["design"]
        )

"""Workbook 05's evidence log (issue 30, build item 3): a win with the number it moved, saved
through the one save path, logged from a check-in, and on the manager's copy unless unticked."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest
from markupsafe import escape
from pydantic import ValidationError

from widgets import coach_session, weekly_checkins, wins_log
from widgets.forms.base import DateField
from widgets.readers.wins import wins
from widgets.storage.journal import Journal
from widgets.storage.records import Interview, Profile, Project, Story, Win
from widgets.storage.transfer import ImportError_, dumps, export_journal, import_journal
from widgets.views.report import build_report

from .helpers import all_widgets, html_shown

THURSDAY = dt.date(2026, 5, 7)  # its week starts on Monday 4 May
CONTROLS = (w.Button, w.Text, w.Textarea, w.Dropdown, w.Checkbox, w.DatePicker, DateField)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", THURSDAY.isoformat())
    return THURSDAY


def _crash_free(**more) -> Win:
    return Win(
        on=THURSDAY,
        what="Cut the crash on cold start",
        measure={"name": "crash-free sessions", "before": 99.6, "after": 99.8, "unit": "%"},
        benefited="Android users",
        **more,
    )


def test_a_win_saves_reloads_and_keeps_every_earlier_version(journal_path, journal, today):
    editor = wins_log().new_entry()
    editor.what.value = "Migrated 40 screens to the new navigation"
    editor.measure_name.value = "screens migrated"
    editor.measure_before.value = "0"
    editor.measure_after.value = "40"
    editor.benefited.value = "the mobile team"
    entry_id = editor.entry_id
    editor.measure_after.value = "42"
    journal.close()
    with Journal(journal_path) as reopened:
        [(found_id, win)] = wins(reopened)
        assert found_id == entry_id and win.on == THURSDAY and win.manager_sees
        assert (win.measure.name, win.measure.before, win.measure.after) == (
            "screens migrated",
            0,
            42,
        )
        afters = [r.data["measure"]["after"] for r in reopened.history(entry_id) if r.data]
        assert afters[0] is None and afters[-2:] == [40, 42]  # every version kept, in order
        assert len(afters) == 6  # one per answer: what, name, before, after, who, the new after


def test_a_bad_number_is_refused_beside_its_field_and_the_stored_win_kept(journal, today):
    editor = wins_log().new_entry()
    editor.what.value = "Cut the crash on cold start"
    editor.measure_name.value = "crash-free sessions"
    editor.measure_before.value = "99.6 %"  # a unit typed with it is read as the number
    stored = journal.record(Win.kind, editor.entry_id)
    for bad in ("abc", "1e400", "nan", "-2e12"):
        editor.measure_after.value = bad
        assert "Use a number" in editor.rows["measure_after"].message, bad
        assert not editor.rows["measure_before"].message
        assert journal.record(Win.kind, editor.entry_id) == stored
    assert stored.measure.before == 99.6 and stored.measure.after is None
    editor.measure_after.value = "99.8"
    assert journal.record(Win.kind, editor.entry_id).measure.after == 99.8
    assert not editor.rows["measure_after"].message


def test_a_number_of_nothing_named_waits_beside_it_and_the_rest_is_saved(journal, today):
    editor = wins_log().new_entry()
    editor.what.value = "Led the incident review"
    editor.measure_before.value = "4"
    assert str(escape("Say what you measured first")) in editor.rows["measure_before"].message
    assert journal.record(Win.kind, editor.entry_id).measure.before is None
    editor.measure_name.value = "hours to mitigate"
    saved = journal.record(Win.kind, editor.entry_id)
    assert (saved.what, saved.measure.name, saved.measure.before) == (
        "Led the incident review",
        "hours to mitigate",
        4,
    )
    with pytest.raises(ValidationError, match="Say what you measured first"):
        Win(on=THURSDAY, what="x", measure={"after": 3})


@pytest.mark.parametrize(
    "link",
    [
        {"competency_id": "Not An Id"},
        {"competency_id": ""},
        {"project_id": "../profile"},
        {"story_id": "a b"},
        {"project_id": "x" * 65},
    ],
)
def test_a_link_that_is_no_id_is_refused(link):
    with pytest.raises(ValidationError):
        Win(on=THURSDAY, what="x", **link)


def test_the_links_offered_are_the_journals_and_a_deleted_one_keeps_its_option(journal, today):
    project = journal.save(Project(name="Navigation rewrite")).id
    story = journal.save(Story(title="The rollback that never was")).id
    gone = journal.save(Project(name="Old app")).id
    win_id = journal.save(_crash_free(project_id=gone, story_id=story)).id
    journal.delete(gone)
    editor = wins_log().open_entry(win_id)
    assert ("Navigation rewrite", project) in editor.project_id.options
    assert ("(a deleted project)", gone) in editor.project_id.options
    assert editor.project_id.value == gone and editor.story_id.value == story
    competency = editor.competency_id.options[1]
    editor.competency_id.value = competency[1]
    editor.project_id.value = project
    saved = journal.record(Win.kind, win_id)
    assert (saved.competency_id, saved.project_id) == (competency[1], project)
    card = build_report(journal, "md", "manager", "none").text
    assert f"Competency: {competency[0]}; Project: Navigation rewrite; Story: The rollback" in card


def test_an_import_with_a_bad_link_is_refused_and_a_good_one_round_trips(journal, tmp_path):
    journal.save(_crash_free(competency_id="communication"))
    text = dumps(export_journal(journal))
    import_journal(text, tmp_path / "copy.sqlite")
    with Journal(tmp_path / "copy.sqlite") as copied:
        assert dumps(export_journal(copied)) == text
        assert [win for _, win in wins(copied)] == [_crash_free(competency_id="communication")]
    with pytest.raises(ImportError_, match="competency_id"):
        import_journal(text.replace('"communication"', '"Communication!"'), tmp_path / "b.sqlite")
    assert not (tmp_path / "b.sqlite").exists()


def test_log_a_win_from_the_checkin_makes_one_win_on_a_double_click(journal, today):
    checkin = weekly_checkins().editor
    checkin.log_win_button.click()
    opened = checkin.win_editor
    checkin.log_win_button.click()  # the second click of a double click
    assert checkin.win_editor is opened and wins(journal) == []  # nothing written yet
    opened.what.value = "Raised the rollback risk in the design review"
    [(_, win)] = wins(journal)
    assert win.on == THURSDAY and win.what.startswith("Raised the rollback")
    checkin.log_win_button.click()  # the first one is saved: this opens a second
    assert checkin.win_editor is not opened and len(wins(journal)) == 1
    # A check-in of an earlier week dates its wins within that week.
    checkin.week_of.value = dt.date(2026, 4, 13)
    checkin.log_win_button.click()
    checkin.win_editor.what.value = "Mentored a new joiner through their first release"
    assert max(win.on for _, win in wins(journal)) == THURSDAY
    assert min(win.on for _, win in wins(journal)) == dt.date(2026, 4, 19)


def test_the_managers_copy_lists_wins_with_numbers_and_leaves_out_unticked_ones(journal, today):
    journal.save(Profile(interviews=[Interview(company="Northwind")]))
    journal.save(_crash_free())
    journal.save(Win(on=THURSDAY, what="Passed the mock loop", manager_sees=False))
    journal.save(Win(on=THURSDAY, what="Three mocks before Northwind"))
    for fmt in ("md", "html"):
        manager = build_report(journal, fmt, "manager", "none").text
        assert "What I delivered, with its impact" in manager
        assert "crash-free sessions: 99.6 % → 99.8 %" in manager and "Android users" in manager
        assert "Passed the mock loop" not in manager and "Northwind" not in manager
        mine = build_report(journal, fmt, "me", "none").text
        assert "Wins, with their impact" in mine and "Passed the mock loop" in mine
    review = build_report(journal, "md", "manager", "none").left_out
    assert any("Three mocks before Northwind" in line for line in review)
    page = coach_session()
    assert "crash-free sessions: 99.6 % → 99.8 %" in page.html and "wins: " in page.summary()


def test_a_journal_with_no_win_has_no_wins_section(journal, today):
    journal.save(Profile(alias="A"))
    for audience in ("manager", "me"):
        text = build_report(journal, "md", audience, "none").text
        assert "with their impact" not in text and "What I delivered" not in text


def test_read_only_shows_cards_and_no_editable_control(journal, monkeypatch, today):
    journal.save(_crash_free().model_copy(update={"what": "<script>alert(1)</script>"}))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    panels = [wins_log(), weekly_checkins()]
    assert not [x for p in panels for x in all_widgets(p) if isinstance(x, CONTROLS)]
    shown = " ".join(html_shown(panels[0]))
    assert "&lt;script&gt;" in shown and "<script>" not in shown
    assert "crash-free sessions: 99.6 % → 99.8 %" in shown

"""The profile form, driven from Python as the browser would drive it."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest
from markupsafe import escape

from widgets import profile_form, progress_panel
from widgets.content import seeds as content
from widgets.forms.base import DateField, ErrorNotice
from widgets.forms.profile import ProfileForm
from widgets.storage.journal import Journal
from widgets.storage.records import Profile

from .helpers import all_widgets


def reopen(path) -> Profile:
    with Journal(path, readonly=True) as journal:
        return journal.record("profile")


def test_each_change_autosaves(journal_path):
    """Does every field, changed as in the browser, land in the journal?"""
    form = profile_form()
    form.alias.value = "Asha"
    form.track.value = "ml"
    form.years_experience.value = "6,5"
    form.current_level.value = "mid"
    form.target_level.value = "senior"
    form.target_date.value = dt.date(2027, 3, 31)
    form.worries.value = "  They'll find out in the deep dive.  "
    saved = reopen(journal_path)
    assert saved == Profile(
        alias="Asha",
        track="ml",
        years_experience=6.5,
        current_level="mid",
        target_level="senior",
        target_date=dt.date(2027, 3, 31),
        worries="They'll find out in the deep dive.",
    )
    assert "All answers saved" in form.status


def test_answers_come_back_in_a_new_form(journal_path):
    """Does a new form (a restarted kernel) show what was saved?"""
    first = profile_form()
    first.alias.value = "Asha"
    first.years_experience.value = "6"
    again = ProfileForm(Journal(journal_path), content.levels())
    assert again.alias.value == "Asha"
    assert again.years_experience.value == "6"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("-3", "can't be negative"),
        ("75", "60 or fewer"),
        ("six", "must be a number"),
        ("nan", "must be a number"),
        ("inf", "must be a number"),
    ],
)
def test_bad_years_get_a_message_and_keep_the_last_good_value(journal_path, typed, message):
    """Is a bad number refused beside its field while the rest still saves?"""
    form = profile_form()
    form.years_experience.value = "6"
    form.years_experience.value = typed
    assert message in form.rows["years_experience"].error
    assert str(escape(message)) in form.rows["years_experience"].message
    form.alias.value = "Asha"  # another field still saves, with the last good years
    saved = reopen(journal_path)
    assert (saved.alias, saved.years_experience) == ("Asha", 6.0)
    form.years_experience.value = "7"
    assert form.rows["years_experience"].error == ""
    assert reopen(journal_path).years_experience == 7.0


def test_huge_paste_is_refused_and_nothing_is_lost(journal_path):
    """Is a 1 MB paste refused with its size, keeping the saved worries?"""
    form = profile_form()
    form.worries.value = "Deep dives."
    form.worries.value = "x" * 1_000_000
    assert "longer than 5,000 characters (1,000,000 typed)" in form.rows["worries"].error
    assert reopen(journal_path).worries == "Deep dives."


def test_interviews_add_edit_and_remove(journal_path):
    """Can interviews be added, validated per row, and removed?"""
    form = profile_form()
    form.add_interview.click()
    row = form.interview_rows[0]
    row.level.value = "Senior (L5)"
    assert "Give the company a name" in row.message.error
    assert (
        reopen(journal_path) is None
    )  # nothing changed that could be saved, so nothing was written
    row.company.value = "Northwind"
    row.date.value = dt.date(2026, 12, 10)
    assert row.message.error == ""
    assert [(i.company, i.date) for i in reopen(journal_path).interviews] == [
        ("Northwind", dt.date(2026, 12, 10))
    ]
    row.remove.click()
    assert reopen(journal_path).interviews == []
    assert form.interview_rows == ()


def test_blank_interview_row_is_a_draft(journal_path):
    """Is an empty new row neither an error nor saved?"""
    form = profile_form()
    form.add_interview.click()
    form.alias.value = "Asha"
    assert form.interview_rows[0].message.error == ""
    assert reopen(journal_path).interviews == []


def test_readonly_form_is_disabled_with_no_buttons(demo_path, monkeypatch):
    """In the coach view, is every input disabled, no button shown, and nothing saved?"""
    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    form = profile_form()
    inputs = [
        x
        for x in all_widgets(form)
        if isinstance(x, (w.Text, w.Textarea, w.Dropdown, w.DatePicker, DateField))
    ]
    # 9 answers (who the coach is and the language among them), the promotion route's 5 (hidden
    # while it is not ticked), 2 interviews of 3 boxes.
    assert len(inputs) == 9 + 5 + 3 * 2
    assert all(x.disabled for x in inputs) and form.routes.disabled
    assert not [x for x in all_widgets(form) if isinstance(x, w.Button)]
    assert form.status_line.value == ""
    assert form.alias.value == "Asha"
    form.alias.value = "Mallory"
    assert form.save() is None
    with Journal(demo_path, readonly=True) as journal:
        assert journal.record("profile").alias == "Asha"


def test_user_text_is_escaped_in_every_html(journal_path):
    """Does text typed as HTML stay text in every HTML widget the form shows?"""
    form = profile_form()
    attack = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    form.alias.value = attack
    form.years_experience.value = attack
    form.worries.value = attack * 400
    html_values = " ".join(x.value for x in all_widgets(form) if isinstance(x, w.HTML))
    assert "<img" not in html_values and "<script>alert" not in html_values
    assert reopen(journal_path).alias == attack  # stored as typed, shown as text


def test_summary_is_the_plain_text_nbval_compares(demo_path, monkeypatch):
    """Does the display's text/plain carry the whole profile, not a cut-off repr?"""
    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    form = profile_form()
    text = form._repr_mimebundle_()["text/plain"]
    assert "Profile of Asha" in text
    assert "Mid-level engineer → Senior engineer by 2027-03-31" in text
    assert "Lumen Health" in text and text.endswith("two years.")
    assert "next interview: Northwind Analytics on 2026-12-10, in 24 days" in text


def test_level_hint_warns_when_target_is_not_above_current(journal_path):
    form = profile_form()
    form.current_level.value = "senior"
    form.target_level.value = "mid"
    assert "not above your current level" in form.level_hint.value


def test_progress_panel_follows_the_profile(journal_path):
    """Does progress go from not started to started to completed?"""
    assert "not started" in repr(progress_panel())
    form = profile_form()
    form.alias.value = "Asha"
    panel = progress_panel()
    assert "started — Profile started. Next: fill in years of experience" in repr(panel)
    form.years_experience.value = "6"
    form.current_level.value = "mid"
    form.target_level.value = "senior"
    form.target_date.value = dt.date(2027, 1, 1)
    form.worries.value = "deep dives"
    assert "completed" in repr(progress_panel())


def test_progress_follows_saves_and_completed_means_every_step(journal):
    """The table under the profile updates on a save; 02 with half the competencies rated is
    started, not completed."""
    from widgets import competency_ratings

    panel = progress_panel()
    form = profile_form()
    form.alias.value = "Asha"
    assert "Profile started." in panel.summary()  # no re-run of the cell
    ratings = competency_ratings().form
    for row in list(ratings.rows.values())[:5]:
        row.current = "mid"
    radar_line = next(line for line in panel.summary().splitlines() if "Competency radar" in line)
    assert "started" in radar_line and "5 of 10 rated" in radar_line, radar_line
    assert "Next: rate every competency (5 to go)" in radar_line
    for row in ratings.rows.values():
        row.current = "mid"
    radar_line = next(line for line in panel.summary().splitlines() if "Competency radar" in line)
    assert "Next: save a snapshot" in radar_line and "completed" not in radar_line
    assert "Completed: every step the workbook asks for" in panel.table.value


def test_unopenable_journal_shows_a_notice_not_a_traceback(journal_path):
    """Does a corrupt journal give a friendly notice in the notebook, leaving the file alone?"""
    journal_path.write_text("this is not a journal")
    notice = profile_form()
    assert isinstance(notice, ErrorNotice)
    assert "not a SQLite database" in repr(notice)
    assert journal_path.read_text() == "this is not a journal"


def test_the_coach_reads_every_word_in_disabled_boxes(journal, monkeypatch):
    """Read-only boxes grow to their text: no worry scrolled inside its box, no level cut off."""
    worries = "\n".join(["I freeze when they ask why."] * 6 + ["x" * 400])
    journal.save(Profile(alias="Asha", worries=worries))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    form = profile_form()
    assert form.worries.disabled and form.worries.rows == 6 + 12  # 400 characters wrap to 12 lines
    assert form.worries.layout.height == "auto"
    assert form.alias.layout.min_width == "min(100%, calc(190px + 8ch))"

"""The one save path, by example: read-only as an observed trait, listeners released on re-run,
redraws after the commit and coalesced, whole dates only, an entry created once."""

from __future__ import annotations

import asyncio
import datetime as dt

import ipywidgets as w
import pytest

from widgets import belief_charts, competency_radar, competency_ratings, story_bank, thought_records
from widgets.forms.base import DateField, UnreadableDate
from widgets.pages import profile_form
from widgets.storage import current
from widgets.storage.journal import Journal, ReadOnlyJournalError
from widgets.storage.records import Profile, Project, ThoughtRecord

from .helpers import all_widgets, run_async


def _inputs(root):
    return [
        x
        for x in all_widgets(root)
        if isinstance(x, (w.Text, w.Textarea, w.Dropdown, w.Checkbox, w.SelectionSlider, DateField))
    ]


def test_readonly_flipped_after_construction_disables_everything_and_writes_nothing(journal_path):
    form = profile_form()
    form.alias.value = "Asha"
    form.readonly = True
    inputs = _inputs(form)
    assert inputs and all(x.disabled for x in inputs)
    assert form.add_interview.layout.display == "none"
    form.alias.value = "Someone else"
    form.target_date.value = dt.date(2027, 1, 1)
    with Journal(journal_path, readonly=True) as journal:
        assert journal.record("profile").alias == "Asha" and len(journal.history("profile")) == 1
    form.readonly = False
    assert not any(x.disabled for x in _inputs(form))
    form.worries.value = "Deep dives."
    with Journal(journal_path, readonly=True) as journal:
        assert journal.record("profile").worries == "Deep dives."


def test_readonly_thought_record_editor_ignores_its_buttons(journal_path):
    editor = thought_records().editor
    editor.belief.value = "They'll find out."
    editor.readonly = True
    editor.complete_button.click()
    editor.rerate_strength.value = "40"
    editor.rerate_button.click()
    assert editor.complete_button.layout.display == "none"
    with Journal(journal_path, readonly=True) as journal:
        [entry] = journal.entries("thought_record")
        assert entry.data["status"] == "draft" and entry.data["reratings"] == []


def test_rerunning_panels_ten_times_keeps_one_listener_each(journal_path):
    journal = current.current_journal()
    for run in range(10):
        belief_charts(), thought_records(), competency_ratings(), competency_radar(), story_bank()
        if run == 0:
            after_one_run = journal.listener_count()
    assert journal.listener_count() == after_one_run
    redraws = []
    panel = belief_charts()
    panel.redraw = lambda: redraws.append(1)  # the live panel, counted
    journal.save(ThoughtRecord(recorded_on=dt.date(2026, 11, 1), belief="x"))
    assert redraws == [1]


def test_a_closed_panel_stops_listening(journal_path):
    journal = current.current_journal()
    before = journal.listener_count()
    panel = belief_charts()
    assert journal.listener_count() == before + 1
    panel.close()
    assert journal.listener_count() == before


def test_a_panel_nobody_holds_is_dropped(journal_path):
    journal = Journal(journal_path)

    class Listener:
        def __init__(self):
            self.heard = []

        def heard_of(self, kind, entry_id):
            self.heard.append(kind)

    listener = Listener()
    journal.on_change(listener.heard_of)
    journal.save(Profile(alias="A"))
    assert listener.heard == ["profile"]
    del listener
    assert journal.listener_count() == 0
    journal.save(Profile(alias="B"))  # nothing left to call, nothing fails
    journal.close()


def test_in_a_kernel_redraws_come_after_the_commit_and_once_per_burst(journal_path, monkeypatch):
    """In a kernel (its event loop running), ten saves in one burst are told once, after."""
    from widgets.forms.kernel import after_burst
    from widgets.storage import notifications

    def in_a_kernel(flush):  # the forms' scheduler, with the running loop as ipykernel's
        return after_burst(flush, loop_of=asyncio.get_running_loop)

    monkeypatch.setattr(notifications, "_scheduler", [in_a_kernel])
    journal = Journal(journal_path)
    heard = []
    journal.on_change(lambda kind, entry_id: heard.append((kind, journal.record("profile").alias)))

    async def burst():
        for n in range(10):
            journal.save(Profile(alias=f"Asha {n}"))
        assert heard == []  # nothing redraws inside save()
        await asyncio.sleep(0.2)

    run_async(burst)
    assert heard == [("profile", "Asha 9")]
    journal.close()


def test_outside_a_kernel_another_librarys_loop_does_not_delay_redraws(journal_path):
    """A test run with Playwright has an event loop on this thread; saves are still told at once."""
    journal = Journal(journal_path)
    heard = []
    journal.on_change(lambda kind, entry_id: heard.append(kind))

    async def save_inside_a_foreign_loop():
        journal.save(Profile(alias="Asha"))
        assert heard == ["profile"]

    run_async(save_inside_a_foreign_loop)
    journal.close()


def test_a_broken_listener_does_not_undo_the_save_or_silence_others(journal_path):
    journal = Journal(journal_path)
    heard = []
    journal.on_change(lambda kind, entry_id: 1 / 0)
    journal.on_change(lambda kind, entry_id: heard.append(kind))
    journal.save(Profile(alias="Asha"))
    assert heard == ["profile"] and journal.record("profile").alias == "Asha"
    journal.close()


def test_half_typed_and_impossible_dates_are_refused_beside_the_field(journal_path):
    editor = thought_records().editor
    editor.belief.value = "Senior design is beyond me."
    editor.experiment_due.value = dt.date(2026, 12, 5)
    for typed in (
        dt.date(2, 12, 5),
        dt.date(202, 12, 5),
        UnreadableDate("152027-12-05"),
        UnreadableDate("(incomplete)"),
    ):
        editor.experiment_due.value = typed
        assert editor.rows["experiment_due"].error, typed
    editor.experiment_due.value = dt.date(2026, 12, 12)
    assert editor.rows["experiment_due"].error == ""
    with Journal(journal_path, readonly=True) as journal:
        dues = [r.data["experiment"]["due"] for r in journal.history(editor.entry_id)]
    assert dues == [None, "2026-12-05", "2026-12-12"]


def test_the_date_field_reports_what_the_browser_sends():
    field = DateField(value=dt.date(2026, 12, 5))
    assert field.text == "2026-12-05"
    field.set_state(
        {"incomplete": True, "text": ""}
    )  # a partly typed date, then the field was left
    assert isinstance(field.value, UnreadableDate)
    field.set_state({"incomplete": False, "text": "152027-12-05"})
    assert isinstance(field.value, UnreadableDate)
    field.set_state({"incomplete": False, "text": "2027-03-31"})
    assert field.value == dt.date(2027, 3, 31)
    field.set_state({"text": ""})
    assert field.value is None


def test_an_impossible_interview_date_never_reads_all_answers_saved(journal_path):
    form = profile_form()
    form.add_interview.click()
    row = form.interview_rows[0]
    row.company.value = "Ledgerline"
    assert form.status.startswith("All answers saved")
    row.date.set_state({"incomplete": False, "text": "152027-12-05"})
    assert row.message.error and not form.status.startswith("All answers saved")
    # no format of our own: the field shows the browser's (mm/dd/yyyy in en-US)
    assert "Finish the date (every part of it)" in row.message.error
    assert not any(char.isdigit() for char in row.message.error)
    with Journal(journal_path, readonly=True) as journal:
        assert journal.record("profile").interviews[0].date is None


def test_complete_is_the_last_word_after_a_date_change(journal_path):
    editor = thought_records().editor
    editor.belief.value = "They'll find out."
    editor.strength_before.value = "80"
    editor.strength_after.value = "55"
    editor.experiment_due.value = dt.date(2026, 12, 5)
    editor.complete_button.click()
    editor.experiment_due.value = dt.date(
        2026, 12, 6
    )  # a change after completing keeps it complete
    with Journal(journal_path, readonly=True) as journal:
        statuses = [r.data["status"] for r in journal.history(editor.entry_id)]
    assert statuses[-2:] == ["complete", "complete"]
    assert editor.status.startswith("Complete record saved")


def test_new_options_in_the_picker_never_open_another_story(journal):
    journal.save(Project(name="Ledger"))
    first = journal.save(Project(name="Search")).id
    panel = story_bank()
    panel.editor.title.value = "First story"
    opened = panel.editor
    panel.editor.project.value = first
    assert panel.editor is opened
    panel._refresh_picker()
    assert panel.editor is opened
    assert [entry.data["title"] for entry in current.current_journal().entries("story")] == [
        "First story"
    ]


def test_the_coach_kernel_has_no_control_that_writes(demo_path, monkeypatch):
    """In a read-only kernel no button that writes exists (nothing to click over the websocket),
    and the export itself refuses: no reports folder appears beside the journal."""
    from widgets import export_growth_plan, growth_plan
    from widgets.views.report import export_report

    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    current.close_all()
    panels = [export_growth_plan(), growth_plan(), competency_radar()]
    assert not [x for panel in panels for x in all_widgets(panel) if isinstance(x, w.Button)]
    assert panels[0].export() is None
    with (
        Journal(demo_path, readonly=True) as journal,
        pytest.raises(ReadOnlyJournalError, match="writes nothing"),
    ):
        export_report(journal)
    assert not (demo_path.parent / "reports").exists()
    current.close_all()

"""What issue 12 saw in JupyterLab, replayed as written, asserting on the journal on disk.

1. Workbook 01: a date typed digit by digit into *Do it by*, Tab, then *Mark complete* two
   seconds later: the record is complete, and stays complete.
2. Workbook 03: on an empty story bank, a Title typed, Tab, then *From project* picked: one story.
3. Workbook 00: the interview date typed with a six-digit year: a message beside it, never
   "All answers saved" over a date that was not stored; no half-typed year is ever stored.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from widgets.storage.journal import Journal
from widgets.storage.records import FIRST_DAY, Project

from .helpers import poll_journal
from .servers import lab_server, run_all_cells, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-save-path-token"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One Lab for the module; each test works on its own notebook and its own kinds of entry."""
    tmp_path = tmp_path_factory.mktemp("lab")
    journal = tmp_path / "journal.sqlite"
    with Journal(journal) as opened:
        opened.save(Project(name="Ledger rewrite"))
    with lab_server(tmp_path, journal, TOKEN, render_all_cells=True) as server:
        yield server, journal


def _open(page, server, notebook: str) -> None:
    # A workspace of its own: Lab would otherwise bring back the notebook the last test left open.
    page.goto(server.url(f"/lab/workspaces/{notebook.split('_')[0]}/tree/{notebook}"))
    run_all_cells(page)


def _revisions(journal_path, kind: str) -> list[list[dict]]:
    with Journal(journal_path, readonly=True) as journal:
        return [[r.data for r in journal.history(entry.id)] for entry in journal.entries(kind)]


def _years_stored(revisions: list[list[dict]], read) -> set[int]:
    return {
        int(day[:4]) for history in revisions for data in history if data and (day := read(data))
    }


def test_mark_complete_after_typing_a_date_is_the_last_word(page, lab):
    server, journal_path = lab
    _open(page, server, "01_limiting_beliefs.ipynb")
    belief = page.locator(".widget-textarea:has(label:text-is('The belief')) textarea")
    belief.wait_for()
    belief.fill("Senior system design is beyond me.")
    belief.press("Tab")
    for label, value in (("Believe it (0–100)", "80"), ("Original, re-rated", "55")):
        field = page.locator(f".widget-text:has(label:text-is('{label}')) input")
        field.fill(value)
        field.press("Tab")
    due = page.locator(".widget-datepicker:has(label:text-is('Do it by')) input")
    due.click(position={"x": 12, "y": 8})  # the month, as a person starts
    due.press_sequentially("12052026", delay=60)
    due.press("Tab")
    time.sleep(2)
    page.locator("button:has-text('Mark complete')").click()

    def complete(revisions):
        return len(revisions) == 1 and revisions[0][-1]["status"] == "complete"

    revisions = poll_journal(journal_path, lambda j: _revisions(j.path, "thought_record"), complete)
    assert complete(revisions), revisions
    page.wait_for_selector("text=Complete record saved")
    settle(page)  # anything still in flight has landed now
    revisions = _revisions(journal_path, "thought_record")
    assert len(revisions) == 1, "one record, not two"
    statuses = [data["status"] for data in revisions[0]]
    assert statuses[-1] == "complete" and "complete" not in statuses[:-1], statuses
    assert revisions[0][-1]["experiment"]["due"] == "2026-12-05"
    assert all(
        year >= FIRST_DAY.year
        for year in _years_stored(revisions, lambda d: d["experiment"]["due"])
    )


def test_the_first_story_is_saved_once(page, lab):
    server, journal_path = lab
    _open(page, server, "03_project_deep_dives.ipynb")
    title = page.locator(".widget-text:has(label:text-is('Title')) input")
    title.wait_for()
    title.fill("The ledger that balanced")
    title.press("Tab")
    page.locator(".widget-dropdown:has(label:text-is('From project')) select").select_option(
        label="Ledger rewrite"
    )

    def one_linked(revisions):
        return len(revisions) == 1 and revisions[0][-1]["project_id"] is not None

    revisions = poll_journal(journal_path, lambda j: _revisions(j.path, "story"), one_linked)
    settle(page)  # a second story, had one been on its way, is in the journal now
    revisions = _revisions(journal_path, "story")
    assert one_linked(revisions), revisions
    assert revisions[0][-1]["title"] == "The ledger that balanced"
    options = page.locator(
        ".widget-dropdown:has(label:text-is('Your stories')) select option"
    ).all_text_contents()
    assert sum("The ledger that balanced" in option.replace("\xa0", " ") for option in options) == 1


def test_an_impossible_year_gets_a_message_and_no_half_typed_year_is_stored(page, lab):
    server, journal_path = lab
    _open(page, server, "00_start_here.ipynb")
    page.locator("button:has-text('Add interview')").click()
    company = page.locator("input[placeholder='Company']")
    company.fill("Ledgerline")
    company.press("Tab")
    poll_journal(
        journal_path, lambda j: j.record("profile"), lambda p: p is not None and p.interviews
    )
    date = page.locator(".widget-hbox:has(input[placeholder='Company']) input[type=date]")
    date.click(position={"x": 12, "y": 8})
    date.press_sequentially("1205152027", delay=60)
    date.press("Tab")
    company.click()  # and on to the next field
    profile = poll_journal(
        journal_path,
        lambda j: j.record("profile"),
        lambda p: p.interviews[0].date is not None,
        timeout=10,
    )
    stored = profile.interviews[0].date
    shown = date.input_value()
    status = page.locator(".stepup-status, .stepup-error").last.inner_text()
    if stored is None or shown != stored.isoformat():
        assert "All answers saved" not in status, (shown, stored, status)
        assert (
            page.locator(".widget-hbox:has(input[placeholder='Company']) .stepup-error").count()
            == 1
        )
    else:  # the browser kept the year to four digits: what it shows is what is stored
        assert status.startswith("All answers saved"), status
    assert stored is None or FIRST_DAY <= stored <= dt.date(2100, 12, 31)
    years = _years_stored(
        _revisions(journal_path, "profile"), lambda d: (d["interviews"] or [{}])[0].get("date")
    )
    assert all(year >= FIRST_DAY.year for year in years), years

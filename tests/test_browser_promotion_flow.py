"""Issue 30's walk in Chromium, from an empty journal: an engineer on the promotion route fills
the profile (workbook 00), logs two wins with their numbers (05's wins log), and downloads the
promotion case in one click, holding both wins' numbers and the calibration date and no interview
word. Routes are read from the registry (seeds/routes.yaml), never named by id."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from widgets.content.routes import routes
from widgets.storage.journal import Journal

from .helpers import poll_journal
from .servers import lab_server
from .test_browser_workbooks import _run_all_and_wait
from .test_route_words import hits
from .test_tracks import visible_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-promotion-flow-test-token"
TODAY = "2027-02-24"
# The route whose document is the promotion case, and the routes ticked by default to untick.
CASE_ROUTE = next(route for route in routes().entries if route.documents)
OTHER_ROUTES = [route for route in routes().entries if route is not CASE_ROUTE]
CYCLE = {"name": "the May cycle", "packet_due": "2027-04-09", "calibration_on": "2027-05-06"}
# (what changed, what was measured, before, after, unit) → how the case says its numbers
WINS = (
    (("Cut the app's cold start on older phones", "cold start", "3.1", "1.9", "s"),
     "cold start: 3.1 s → 1.9 s"),
    (("Migrated the settings screens to the new navigation", "screens migrated", "0", "40",
      "screens"), "screens migrated: 0 screens → 40 screens"),
)  # fmt: skip


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One Lab over an empty journal for the whole module."""
    folder = tmp_path_factory.mktemp("lab-promotion-flow")
    journal = folder / "journal.sqlite"
    with Journal(journal):
        pass
    env = {"STEPUP_TODAY": TODAY}
    with lab_server(folder, journal, TOKEN, render_all_cells=True, extra_env=env) as server:
        yield server, journal


def _text(page, label: str):
    return page.locator(f".widget-text:has(label:text-is('{label}')) input")


def _type_date(page, label: str, day: str) -> None:
    """Type a day as the engineer does: month first in an American Chromium, then Enter."""
    year, month, date = day.split("-")
    page.locator(f".stepup-date:has(label:text-is('{label}')) input").focus()
    page.keyboard.type(month + date + year)
    page.keyboard.press("Enter")


def _profile(journal) -> dict:
    profile = journal.record("profile")
    return profile.model_dump(mode="json") if profile else {}


def _fill_profile(page, server, journal_path) -> None:
    _run_all_and_wait(page, server, "00_start_here.ipynb")
    _text(page, "Name or alias").press_sequentially("Ines")
    for label, level in (
        ("Current level", "Mid-level engineer"),
        ("Target level", "Senior engineer"),
    ):
        choice = page.locator(f".widget-dropdown:has(label:text-is('{label}')) select")
        choice.select_option(label=level)
    # Ticked first: a profile keeps at least one route.
    page.get_by_role("checkbox", name=CASE_ROUTE.sentence_name).check()
    for route in OTHER_ROUTES:
        page.get_by_role("checkbox", name=route.sentence_name).uncheck()
    cycle = _text(page, "Promotion cycle")
    expect(cycle).to_be_visible()  # shown once the kernel has the route
    cycle.press_sequentially(CYCLE["name"])
    _type_date(page, "Packet due", CYCLE["packet_due"])
    _type_date(page, "Calibration", CYCLE["calibration_on"])

    def filled(held: dict) -> bool:
        return (
            held.get("alias") == "Ines"
            and (held.get("current_level"), held.get("target_level")) == ("mid", "senior")
            and held.get("routes") == [CASE_ROUTE.id]
            and held.get("promotion_cycle") == CYCLE
        )

    held = poll_journal(journal_path, _profile, filled)
    assert filled(held), held


def _wins(journal) -> list[dict]:
    return [entry.data for entry in journal.entries("win")]


def _log_wins(page, server, journal_path) -> None:
    _run_all_and_wait(page, server, "05_growth_plan.ipynb")
    panel = page.locator(".jp-OutputArea-output").filter(
        has=page.get_by_role("button", name="New win")
    )
    for number, ((what, name, before, after, unit), _said) in enumerate(WINS, start=1):
        what_changed = panel.locator(".widget-textarea:has(label:text-is('What changed')) textarea")
        if number > 1:
            panel.get_by_role("button", name="New win").click()
            expect(what_changed).to_have_value("")  # the new win's editor, not the last one's
        what_changed.fill(what)
        for label, value in (
            ("What you measured", name),
            ("Before", before),
            ("After", after),
            ("Unit", unit),
        ):
            field = panel.locator(f".widget-text:has(label:text-is('{label}')) input")
            field.press_sequentially(value)

        def logged(wins: list[dict], number=number) -> bool:
            return len(wins) == number and all(w["measure"]["unit"] for w in wins)

        wins = poll_journal(journal_path, _wins, logged)
        assert logged(wins), wins
    assert [(w["what"], w["measure"]["before"], w["measure"]["after"]) for w in wins] == [
        (what, float(before), float(after)) for (what, _n, before, after, _u), _s in WINS
    ]


def test_fill_the_profile_log_two_wins_and_download_the_case_in_one_click(page, lab):
    server, journal_path = lab
    _fill_profile(page, server, journal_path)
    _log_wins(page, server, journal_path)
    (document,) = CASE_ROUTE.documents
    button = page.locator(".jp-OutputArea-output .stepup-download button", has_text=document.button)
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as pending:
        button.click()
    download = pending.value
    assert download.suggested_filename == f"promotion-case-{TODAY}.html"
    said = " ".join(visible_text(download.path().read_text(encoding="utf-8")).split())
    for _typed, numbers in WINS:
        assert numbers in said
    assert "calibration is on 6 May 2027" in said
    assert "My case for promotion to Senior engineer: Ines" in said
    assert hits(said, set()) == []  # no interview word at all, not even in a cited title

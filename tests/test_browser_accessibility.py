"""axe-core in Chromium over every page people read: the coach view and every workbook in
Voilà, and the growth-plan document. No serious or critical violation on any of them. (Every
workbook in Lab after Run All is checked in tests/test_browser_workbooks.py, on the Lab servers
that test already runs.)
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from widgets.content.resources import workbooks_dir
from widgets.readers.audience import AUDIENCES
from widgets.storage.journal import Journal
from widgets.views.report import render_report

from .helpers import WORKBOOKS
from .servers import VOILA_DRAWN, committed_outputs

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-axe-test-token"

# axe-core's "incomplete" results are the checks it could not decide; on Step Up's own markup each
# is a failure (a date label pointing at the wrong field was only "incomplete"), unless it is
# listed here with why it is fine.
FINE_WHEN_INCOMPLETE: dict[str, str] = {}


def audit(page, context: str | dict | None = None) -> dict:
    return Axe().run(page, context=context).response


def violations(page, context: str | dict | None = None) -> list[dict]:
    return audit(page, context)["violations"]


def _describe(results: list[dict]) -> str:
    return "\n".join(
        f"{r['id']} ({r['impact']}, {len(r['nodes'])}×): {r['help']} — e.g. "
        f"{r['nodes'][0]['target']}"
        + (f" — {r['nodes'][0].get('failureSummary', '')[:200]}" if r["nodes"] else "")
        for r in results
    )


def assert_clean(response: dict, where: str) -> None:
    """No axe violation at any impact, and no undecided check but the ones listed as fine."""
    undecided = [r for r in response["incomplete"] if r["id"] not in FINE_WHEN_INCOMPLETE]
    problems = response["violations"] + undecided
    print(
        f"\naxe {where}: " + (", ".join(f"{r['id']} ({r['impact']})" for r in problems) or "none")
    )
    assert not problems, f"{where}:\n{_describe(problems)}"


@pytest.mark.parametrize("name", ["coach_view.ipynb", *WORKBOOKS])
def test_voila_pages_pass_axe(page, demo_coach, name):
    page.goto(demo_coach.url(f"/voila/render/{name}"), wait_until="networkidle", timeout=120_000)
    drawn = committed_outputs(workbooks_dir() / name)  # the last widgets drawn, then axe
    page.wait_for_function(VOILA_DRAWN, arg=list(drawn), timeout=60_000)
    assert_clean(audit(page), f"Voilà {name}")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_growth_plan_document_passes_axe(page, demo_path, audience):
    with Journal(demo_path, readonly=True) as journal:
        page.set_content(render_report(journal, "html", audience))
    assert_clean(audit(page), "growth-plan document")


def test_the_coachs_list_of_pages_passes_axe(page, demo_coach):
    page.goto(demo_coach.url("/"), wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_clean(audit(page), "the coach's list of pages")


def test_the_roster_and_a_mentees_page_pass_axe(page, demo_path, tmp_path):
    from widgets.views.roster import RosterReader, mentee_page, roster_page

    folder = tmp_path / "mentees"
    folder.mkdir()
    (folder / "asha.sqlite").write_bytes(demo_path.read_bytes())
    reader = RosterReader(folder)
    page.set_content(roster_page(reader.read(), "T"))
    assert_clean(audit(page), "the roster")
    page.set_content(mentee_page(reader, "asha.sqlite", "T"))
    assert_clean(audit(page), "a mentee's page in the roster")

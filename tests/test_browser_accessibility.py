"""axe-core in Chromium over every page people read: the coach view and every workbook in
Voilà, and the growth-plan document. No serious or critical violation on any of them. (Every
workbook in Lab after Run All is checked in tests/test_browser_workbooks.py, on the Lab servers
that test already runs.)
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from widgets.storage.journal import Journal
from widgets.views.report import render_report

from .helpers import WORKBOOKS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BLOCKING = ("serious", "critical")
TOKEN = "stepup-axe-test-token"


def violations(page, context: str | dict | None = None) -> list[dict]:
    results = Axe().run(page, context=context)
    return results.response["violations"]


def _describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — e.g. {v['nodes'][0]['target']}"
        for v in violations
    )


def assert_none_blocking(violations: list[dict], where: str) -> None:
    print(
        f"\naxe {where}: " + (", ".join(f"{v['id']} ({v['impact']})" for v in violations) or "none")
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{where}:\n{_describe(blocking)}"


@pytest.mark.parametrize("name", ["coach_view.ipynb", *WORKBOOKS])
def test_voila_pages_have_no_seriousviolations(page, demo_coach, name):
    page.goto(demo_coach.url(f"/voila/render/{name}"), wait_until="networkidle", timeout=120_000)
    page.wait_for_function("document.querySelectorAll('.jp-OutputArea-output').length > 0")
    page.wait_for_timeout(1000)  # the last widgets drawn
    assert_none_blocking(violations(page), f"Voilà {name}")


def test_the_growth_plan_document_has_no_seriousviolations(page, demo_path):
    with Journal(demo_path, readonly=True) as journal:
        page.set_content(render_report(journal, "html"))
    assert_none_blocking(violations(page), "growth-plan document")

"""Workbook 05 in JupyterLab: one press of the export button downloads the growth plan for the
chosen reader, with nothing in it that reader should not see."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets.content.resources import demo_persona_path
from widgets.storage.journal import Journal
from widgets.storage.plan_records import Win, WinMeasure
from widgets.storage.transfer import demo_date, import_journal
from widgets.views.report import HEADINGS, SECTIONS

from .servers import lab_server
from .test_browser_workbooks import _run_all_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-download-test-token"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One Lab over a copy of the demo persona for the whole module."""
    folder = tmp_path_factory.mktemp("lab-download")
    journal = folder / "journal.sqlite"
    persona = demo_persona_path().read_text(encoding="utf-8")
    import_journal(persona, journal, source="the demo persona")
    with Journal(journal) as kept:  # one win, so every section of the manager's copy is drawn
        kept.save(
            Win(
                on=dt.date.fromisoformat(demo_date(persona)),
                what="Cut the churn model's scoring time",
                measure=WinMeasure(name="scoring time", before=40, after=12, unit="min"),
            )
        )
    env = {"STEPUP_TODAY": demo_date(persona)}
    with lab_server(folder, journal, TOKEN, render_all_cells=True, extra_env=env) as server:
        yield server, journal, demo_date(persona)


def test_one_press_downloads_the_managers_copy(page, lab):
    server, journal, today = lab
    _run_all_and_wait(page, server, "05_growth_plan.ipynb")
    export = page.locator(".jp-OutputArea-output .stepup-download button")
    export.scroll_into_view_if_needed()
    page.get_by_role("radio", name="For my manager").check()
    with page.expect_download(timeout=60_000) as pending:
        export.click()
    download = pending.value
    name = f"growth-plan-for-manager-{today}.html"
    assert download.suggested_filename == name
    document = download.path().read_bytes().decode("utf-8")
    for section in SECTIONS["manager"]:
        assert HEADINGS["manager"][section] in document
    assert "Northwind" not in document
    # the same click wrote the file to the private reports folder, and says so with its size
    written = journal.parent / "reports" / name
    assert written.read_bytes() == download.path().read_bytes()
    result = page.locator(".jp-OutputArea-output .stepup-status", has_text="Downloaded as")
    result.wait_for(timeout=30_000)
    assert f"{written.stat().st_size:,} bytes" in result.inner_text()
    # the button is pressable again once the kernel has answered
    page.wait_for_function(
        "!document.querySelector('.jp-OutputArea-output .stepup-download button').disabled"
    )

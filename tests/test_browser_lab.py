"""The engineer's way in: JupyterLab in headless Chromium, answers landing in the journal."""

from __future__ import annotations

import pytest

from .helpers import poll_journal
from .servers import lab_server, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-lab-test-token"


@pytest.fixture
def lab(tmp_path):
    journal = tmp_path / "journal.sqlite"
    with lab_server(tmp_path, journal, TOKEN) as server:
        yield server, journal


def _alias_input(page):
    return page.locator(".widget-text:has(label:text-is('Name or alias')) input")


def _saved_alias(journal_path, expected: str) -> str | None:
    profile = poll_journal(
        journal_path, lambda j: j.record("profile"), lambda p: p is not None and p.alias == expected
    )
    return profile.alias if profile else None


def test_profile_edit_in_lab_reaches_the_journal_and_survives_a_restart(page, lab):
    """Run all, change a field, find it on disk; restart the kernel, run all, see it again."""
    server, journal_path = lab
    page.goto(server.url("/lab/tree/00_start_here.ipynb"))
    run_all_cells(page)
    alias = _alias_input(page)
    alias.wait_for()
    assert alias.input_value() == ""
    alias.fill("Asha from the browser")
    alias.press("Enter")
    assert _saved_alias(journal_path, "Asha from the browser") == "Asha from the browser"

    page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"
    )
    run_all_cells(page)
    page.wait_for_function(
        "[...document.querySelectorAll('.widget-text input')]"
        ".some(e => e.value === 'Asha from the browser')"
    )
    assert _alias_input(page).input_value() == "Asha from the browser"
    assert "Traceback" not in page.inner_text(".jp-Notebook")
    assert (
        page.get_by_text("Jupyter news").count() == 0
    )  # private by default: Lab never asks to go online


KERNEL_METADATA_SET = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session.kernel;
  const [info, spec] = [await kernel.info, await kernel.spec];
  const language = panel.model.getMetadata('language_info');
  return panel.model.getMetadata('kernelspec')?.name === spec.name
    && language?.name === info.language_info.name
    && language?.version === info.language_info.version;
}"""


def test_first_sight_is_the_first_workbook_clean_and_empty(page, tmp_path):
    """`stepup lab` as an engineer runs it: the root URL opens 00_start_here from their own
    copies, the tab is not marked as changed, and no one else's answers are on the page."""
    journal = tmp_path / "me" / "journal.sqlite"
    with lab_server(tmp_path, journal, TOKEN, workspace=True) as server:
        page.goto(server.url("/"))
        page.wait_for_function(
            "window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.context"
            " && window.jupyterapp.shell.currentWidget.context.isReady"
        )
        path = page.evaluate("window.jupyterapp.shell.currentWidget.context.path")
        assert path == "00_start_here.ipynb"
        page.wait_for_function(
            "window.jupyterapp.shell.currentWidget.sessionContext.session"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
            " === 'idle'"
        )
        # What Lab changes on opening is the notebook's kernelspec and language_info, from the
        # kernel's own: once both say what the kernel says, an edit would have made it dirty.
        page.wait_for_function(KERNEL_METADATA_SET, timeout=30_000)
        assert page.evaluate("window.jupyterapp.shell.currentWidget.context.model.dirty") is False
        assert page.locator(".jp-OutputArea-output").count() == 0
        assert "Asha" not in page.inner_text(".jp-Notebook")  # the demo persona's name
    assert (tmp_path / "me" / "workbooks" / "00_start_here.ipynb").exists()

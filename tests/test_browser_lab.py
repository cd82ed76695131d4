"""The engineer's way in: JupyterLab in headless Chromium, answers landing in the journal."""

from __future__ import annotations

import shutil
import time

import pytest

from widgets.journal import Journal
from widgets.resources import workbooks_dir

from .servers import stepup_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-lab-test-token"


@pytest.fixture
def lab(tmp_path):
    """`stepup lab` on a copy of the workbooks (Lab may save them) and a fresh journal."""
    notebooks = tmp_path / "workbooks"
    shutil.copytree(workbooks_dir(), notebooks)
    config = tmp_path / "jupyter-config"
    config.mkdir()
    # Galata's switch: lets the test call Lab commands instead of clicking through menus.
    (config / "jupyter_lab_config.json").write_text('{"LabApp": {"expose_app_in_browser": true}}')
    journal = tmp_path / "journal.sqlite"
    env = {
        "JUPYTER_CONFIG_DIR": str(config), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "STEPUP_JOURNAL": str(journal),
    }
    args = ["lab", "--no-browser", "--token", TOKEN, "--notebook-dir", str(notebooks), "--journal", str(journal)]
    with stepup_server(args, env, tmp_path / "lab.log", token=TOKEN) as server:
        yield server, journal


def _run_all(page) -> None:
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.sessionContext && window.jupyterapp.shell.currentWidget.sessionContext.session && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel")
    page.wait_for_function("window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.connectionStatus === 'connected'")
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


def _alias_input(page):
    return page.locator(".widget-text:has(label:text-is('Name or alias')) input")


def _saved_alias(journal_path, expected: str, timeout: float = 30) -> str | None:
    deadline = time.monotonic() + timeout
    alias = None
    while time.monotonic() < deadline:
        with Journal(journal_path, readonly=True) as journal:
            profile = journal.record("profile")
        alias = profile.alias if profile else None
        if alias == expected:
            break
        time.sleep(0.3)
    return alias


def test_profile_edit_in_lab_reaches_the_journal_and_survives_a_restart(page, lab):
    """Run all, change a field, find it on disk; restart the kernel, run all, see it again."""
    server, journal_path = lab
    page.goto(server.url("/lab/tree/00_start_here.ipynb"))
    _run_all(page)
    alias = _alias_input(page)
    alias.wait_for()
    assert alias.input_value() == ""
    alias.fill("Asha from the browser")
    alias.press("Enter")
    assert _saved_alias(journal_path, "Asha from the browser") == "Asha from the browser"

    page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    page.wait_for_function("window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'")
    _run_all(page)
    page.wait_for_function(
        "[...document.querySelectorAll('.widget-text input')].some(e => e.value === 'Asha from the browser')"
    )
    assert _alias_input(page).input_value() == "Asha from the browser"
    assert "Traceback" not in page.inner_text(".jp-Notebook")

"""Every workbook in JupyterLab, as the engineer sees it after Run All: with the demo persona and
with an empty journal. Each runs without an error, draws every widget output, has no serious or
critical axe-core violation in what Step Up draws, and leaves a
screenshot (in ``screenshots/``, ignored by git) and its time from Run All to the last widget
drawn (``screenshots/run_all_times.json``), which the README and the issue notes quote."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest

from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.readers.competencies import (
    available_frameworks,
    default_framework_id,
    stored_assessment,
)
from widgets.storage.transfer import demo_date, import_journal

from .helpers import WORKBOOKS, poll_journal
from .servers import NOTEBOOK_DRAWN, lab_server, run_all_cells
from .test_browser_accessibility import assert_clean, audit
from .test_browser_keyboard import UNIQUE_AND_NAMED

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-workbooks-test-token"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
RUN_ALL_TIMES: dict[str, dict[str, float]] = {}


@pytest.fixture(scope="module", params=["demo", "empty"])
def lab(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"lab-{request.param}")
    journal = folder / "journal.sqlite"
    env = {}
    if request.param == "demo":
        persona = demo_persona_path().read_text(encoding="utf-8")
        import_journal(persona, journal, source="the demo persona")
        env["STEPUP_TODAY"] = demo_date(persona)
    with lab_server(folder, journal, TOKEN, render_all_cells=True, extra_env=env) as server:
        yield request.param, server, journal
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "run_all_times.json").write_text(json.dumps(RUN_ALL_TIMES, indent=2))


def _run_all_and_wait(page, server, notebook: str) -> float:
    """Open ``notebook``, clear its committed outputs, Run All; seconds to the last widget drawn."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server.url(f"/lab/tree/{notebook}"))
    # Lab restores the tabs of the last visit: wait until this notebook is the one in front, then
    # clear the committed outputs, so that only what this run draws can count as drawn.
    cells = len(nbformat.read(workbooks_dir() / notebook, as_version=4).cells)
    page.wait_for_function(
        f"window.jupyterapp?.shell.currentWidget?.context?.path === '{notebook}'"
        " && window.jupyterapp.shell.currentWidget.context.isReady"
        f" && window.jupyterapp.shell.currentWidget.content.widgets.length === {cells}"
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget.content.widgets.every(c => c.model.type !== 'code'"
        " || (c.model.outputs.length === 0 && c.model.executionCount === null))"
    )
    started = time.monotonic()
    run_all_cells(page)
    page.wait_for_function(NOTEBOOK_DRAWN, timeout=120_000, polling=50)
    return round(time.monotonic() - started, 2)


# Each form drawn beside its chart: are the two side by side, and is the form's height capped?
BESIDE_LAYOUT = """() => [...document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .stepup-beside')].map(box => {
  const [form, chart] = box.children;
  return {beside:
            Math.abs(form.getBoundingClientRect().top - chart.getBoundingClientRect().top) < 2,
          capped: getComputedStyle(form).maxHeight !== 'none'};
})"""


# The workbooks whose form is drawn beside its chart (widgets.panels.layout.FormWithChart), and
# how many; the others have none.
FORMS_BESIDE_A_CHART = {
    "01_limiting_beliefs.ipynb": 1,
    "02_competency_radar.ipynb": 1,
    "04_design_practice.ipynb": 1,
}


@pytest.mark.parametrize("notebook", WORKBOOKS)
def test_every_workbook_runs_and_draws_every_widget(page, lab, notebook):
    journal, server, _path = lab
    RUN_ALL_TIMES.setdefault(journal, {})[notebook] = _run_all_and_wait(page, server, notebook)
    text = page.evaluate("window.jupyterapp.shell.currentWidget.content.node.innerText")
    for failure in ("Traceback", "Error displaying widget", "Could not render"):
        assert failure not in text, f"{notebook} ({journal}): {failure}"
    if journal == "empty":  # first sight: nobody else's answers, and the page says what to do
        assert "Asha" not in text
    # A form scrolls in a column of its own only beside its chart; stacked, the page scrolls.
    # Lab at 1440 px has room for both; at 1000 px the two are stacked and the form not capped.
    wide = page.evaluate(BESIDE_LAYOUT)
    assert wide == [{"beside": True, "capped": True}] * FORMS_BESIDE_A_CHART.get(notebook, 0), wide
    if wide:
        page.set_viewport_size({"width": 1000, "height": 800})
        page.wait_for_function(f"({BESIDE_LAYOUT})().every(form => !form.beside && !form.capped)")
        page.set_viewport_size({"width": 1440, "height": 900})
    # axe over what Step Up draws (the cells' outputs), not JupyterLab's own editors and panels
    outputs = {"include": [[".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"]]}
    assert_clean(audit(page, outputs), f"Lab {notebook} ({journal})")
    found = page.evaluate(UNIQUE_AND_NAMED)  # ids unique on the page, every control named
    assert found["repeated"] == [] and found["unnamed"] == [], found
    # The picture starts at the workbook's first form (Run All leaves the last cell in view).
    page.evaluate(
        "window.jupyterapp.shell.currentWidget.content.node"
        ".querySelector('.jp-OutputArea-output > .jupyter-widgets').scrollIntoView()"
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"lab_{journal}_{Path(notebook).stem}.png")


OUT_OF_TAB_ORDER = """() => [...document.querySelectorAll(
    '.jp-OutputArea-output input, .jp-OutputArea-output select, .jp-OutputArea-output textarea,'
    + ' .jp-OutputArea-output button, .jp-OutputArea-output [role=slider]')]
  .filter(e => !e.disabled && e.offsetParent !== null && e.tabIndex < 0)
  .map(e => e.outerHTML.slice(0, 120))"""


def test_a_rating_can_be_made_with_the_keyboard_alone(page, lab):
    """From the framework picker, Tab reaches the first level slider; the arrow keys move it and
    the level is saved. No control in a workbook's outputs is out of the tab order."""
    _journal, server, path = lab
    _run_all_and_wait(page, server, "02_competency_radar.ipynb")
    assert page.evaluate(OUT_OF_TAB_ORDER) == []
    page.locator(".jp-OutputArea-output select").first.focus()
    on_slider = "document.activeElement.matches('.stepup-level input[type=range]')"
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate(on_slider):
            break
    assert page.evaluate(on_slider)
    before = page.evaluate("document.activeElement.value")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.activeElement.value !== {before!r}", timeout=10_000)
    saved = page.locator(".jp-OutputArea-output .stepup-status").first
    saved.wait_for(timeout=10_000)
    assert "Saved" in saved.inner_text()
    level = page.evaluate("document.activeElement.getAttribute('aria-valuetext')")
    first = poll_journal(
        path,
        lambda j: stored_assessment(j, default_framework_id(j, available_frameworks(j))),
        lambda own: any(r.current for r in own.ratings.values()),
    )
    assert first is not None and level is not None

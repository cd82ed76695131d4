"""Every workbook in JupyterLab, as the engineer sees it after Run All: with the demo persona and
with an empty journal. Each runs without an error, draws every widget output, and leaves a
screenshot (in ``screenshots/``, ignored by git) and its time from Run All to the last widget
drawn (``screenshots/run_all_times.json``), which the README and the issue notes quote."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest

from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.storage.transfer import demo_date, import_journal

from .servers import lab_server, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-workbooks-test-token"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
WORKBOOKS = [
    "00_start_here.ipynb",
    "01_limiting_beliefs.ipynb",
    "02_competency_radar.ipynb",
    "03_project_deep_dives.ipynb",
    "04_design_practice.ipynb",
    "05_growth_plan.ipynb",
]
RUN_ALL_TIMES: dict[str, dict[str, float]] = {}

# Done: every code cell has run, the kernel is idle, and each widget output of the notebook's
# model has its view drawn in the page.
DRAWN = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session?.kernel;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  if (!kernel || kernel.status !== 'idle') return false;
  if (cells.some(c => c.model.executionCount === null)) return false;
  const mime = 'application/vnd.jupyter.widget-view+json';
  let expected = 0;
  for (const cell of cells) {
    for (let i = 0; i < cell.model.outputs.length; i++) {
      if (cell.model.outputs.get(i).data[mime]) expected += 1;
    }
  }
  const drawn = [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]
    .filter(o => o.firstElementChild && o.firstElementChild.classList.contains('jupyter-widgets'))
    .length;
  return expected > 0 && drawn === expected;
}"""


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
        yield request.param, server
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "run_all_times.json").write_text(json.dumps(RUN_ALL_TIMES, indent=2))


@pytest.mark.parametrize("notebook", WORKBOOKS)
def test_every_workbook_runs_and_draws_every_widget(page, lab, notebook):
    journal, server = lab
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
    page.wait_for_function(DRAWN, timeout=120_000, polling=50)
    RUN_ALL_TIMES.setdefault(journal, {})[notebook] = round(time.monotonic() - started, 2)
    text = page.evaluate("window.jupyterapp.shell.currentWidget.content.node.innerText")
    for failure in ("Traceback", "Error displaying widget", "Could not render"):
        assert failure not in text, f"{notebook} ({journal}): {failure}"
    if journal == "empty":  # first sight: nobody else's answers, and the page says what to do
        assert "Asha" not in text
    # The picture starts at the workbook's first form (Run All leaves the last cell in view).
    page.evaluate(
        "window.jupyterapp.shell.currentWidget.content.node"
        ".querySelector('.jp-OutputArea-output > .jupyter-widgets').scrollIntoView()"
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"lab_{journal}_{Path(notebook).stem}.png")

"""Issue 28 in JupyterLab: no sentence lost at the keyboard, and keys that act on the control.

- A sentence typed into a thought record and never left is in the journal after the tab is
  closed: two seconds after the last key (the kernel's pause), and within 200 ms of it (the
  page's commit on ``pagehide``, or the kernel's pause, which runs whether or not the tab lives).
- Keys in Step Up's controls act on the control: "m" on the profile's level picks "Mid-level"
  and ArrowDown changes a dropdown, while the notebook's cells keep their number, order and
  types (asserted on the notebook's model after every key); Escape returns to the cell.
- Every id inside Step Up's widgets is unique on the page and every form control has a name.
"""

from __future__ import annotations

import time

import psutil
import pytest

from widgets.storage.journal import Journal

from .helpers import poll_journal
from .servers import NOTEBOOK_DRAWN, lab_server, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-keyboard-token"
BELIEF = ".widget-textarea:has(label:text-is('The belief')) textarea"
IDLE = "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"
CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .map(c => c.model.type + ':' + c.model.id)"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("lab")
    journal = tmp_path / "journal.sqlite"
    with Journal(journal):
        pass
    with lab_server(tmp_path, journal, TOKEN, render_all_cells=True) as server:
        yield server, journal


def _open(page, server, notebook: str) -> None:
    page.goto(server.url(f"/lab/workspaces/{notebook.split('_')[0]}-keys/tree/{notebook}"))
    run_all_cells(page)
    page.wait_for_function(NOTEBOOK_DRAWN)


def _beliefs(journal) -> list[str]:
    return [entry.data["belief"] for entry in journal.entries("thought_record")]


@pytest.mark.parametrize("wait_s", [2.0, 0.15], ids=["after-a-pause", "within-200ms"])
def test_a_sentence_never_left_survives_closing_the_tab(browser, lab, wait_s):
    server, journal_path = lab
    context = browser.new_context(viewport={"width": 1280, "height": 1600})
    page = context.new_page()
    page.set_default_timeout(60_000)
    _open(page, server, "01_limiting_beliefs.ipynb")
    page.locator("button:has-text('New thought record')").click()
    page.wait_for_function(IDLE)  # the new record's editor is drawn before anything is typed
    time.sleep(0.3)
    belief = page.locator(BELIEF)
    sentence = f"They will find out my projects were shallow ({wait_s})"
    belief.click()
    belief.press_sequentially(sentence, delay=20)
    time.sleep(wait_s)
    page.close(run_before_unload=False)  # the tab closed mid-sentence: the box was never left
    context.close()
    beliefs = poll_journal(journal_path, _beliefs, lambda held: sentence in held, timeout=20)
    assert sentence in beliefs


def test_words_a_stuck_kernel_has_not_taken_are_said_to_wait(page, lab):
    """The kernel stops answering (stopped with SIGSTOP, as a stuck or swapping one) while the
    engineer types: the form says the words are not saved yet; once it answers again they are
    saved and the sentence goes. (A cell running in ipykernel 7 does not hold widget
    messages up.)"""
    server, journal_path = lab
    _open(page, server, "01_limiting_beliefs.ipynb")
    page.locator("button:has-text('New thought record')").click()
    page.wait_for_function(IDLE)
    time.sleep(0.3)
    kernel_id = page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id"
    )
    [kernel] = [
        p
        for p in psutil.process_iter(["cmdline"])
        if any(f"kernel-{kernel_id}" in part for part in p.info["cmdline"] or ())
    ]
    belief = page.locator(BELIEF)
    belief.click()
    sentence = "Words typed while the kernel was stuck"
    kernel.suspend()
    try:
        belief.press_sequentially(sentence, delay=20)
        notice = page.locator(".stepup-unsaved")
        notice.wait_for(timeout=10_000)
        assert "not saved yet" in notice.inner_text()
        assert sentence not in _beliefs_now(journal_path)
    finally:
        kernel.resume()
    beliefs = poll_journal(journal_path, _beliefs, lambda held: sentence in held, timeout=30)
    assert sentence in beliefs
    notice.wait_for(state="detached", timeout=10_000)


def _beliefs_now(journal_path) -> list[str]:
    with Journal(journal_path, readonly=True) as journal:
        return _beliefs(journal)


def test_keys_act_on_the_control_not_on_the_notebook(page, lab):
    server, journal_path = lab
    _open(page, server, "00_start_here.ipynb")
    cells = page.evaluate(CELLS)
    level = page.locator(".widget-dropdown:has(label:text-is('Current level')) select")
    level.focus()
    level.press("m")  # Lab's "m" makes the cell Markdown; in the control it picks Mid-level
    assert page.evaluate(CELLS) == cells
    assert level.evaluate("s => s.options[s.selectedIndex].text").startswith("Mid")
    track = page.locator(".widget-dropdown:has(label:text-is('Track')) select")
    before = track.evaluate("s => s.selectedIndex")
    track.focus()
    track.press("ArrowDown")  # Lab's ArrowDown selects the next cell
    assert page.evaluate(CELLS) == cells
    assert track.evaluate("s => s.selectedIndex") != before
    active = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
    cell_before = page.evaluate(active)
    track.press("Escape")  # out of the control, to its cell, in command mode
    assert page.evaluate("() => document.activeElement.tagName") != "SELECT"
    assert page.evaluate(active) == cell_before
    assert page.evaluate(CELLS) == cells

    def profile_saved(profiles):
        return profiles and profiles[0].get("current_level") == "mid"

    profiles = poll_journal(
        journal_path, lambda j: [e.data for e in j.entries("profile")], profile_saved
    )
    assert profile_saved(profiles), profiles


UNIQUE_AND_NAMED = """() => {
  const roots = [...document.querySelectorAll('.stepup-keys')];
  const ids = roots.flatMap(r => [...r.querySelectorAll('[id]')].map(e => e.id));
  const seen = new Set(), repeated = [];
  for (const id of [...document.querySelectorAll('[id]')].map(e => e.id)) {
    if (seen.has(id) && ids.includes(id)) repeated.push(id);
    seen.add(id);
  }
  const nameOf = (c) => (c.getAttribute('aria-label') || '').trim()
    || (c.labels && [...c.labels].map(l => l.textContent).join(' ').trim())
    || (c.getAttribute('aria-labelledby') || '').split(' ')
      .map(id => document.getElementById(id)?.textContent || '').join(' ').trim()
    || (c.title || '').trim()
    || (c.placeholder || '').trim();  // the last source of a name, as in Chromium and axe
  const unnamed = roots.flatMap(r => [...r.querySelectorAll('input, select, textarea, button')])
    .filter(c => c.type !== 'hidden' && !nameOf(c)
      && !(c.tagName === 'BUTTON' && c.textContent.trim()))
    .map(c => c.outerHTML.slice(0, 120));
  return { roots: roots.length, controls: ids.length, repeated, unnamed };
}"""


@pytest.mark.parametrize("notebook", ["00_start_here.ipynb", "01_limiting_beliefs.ipynb"])
def test_every_id_is_unique_and_every_control_named(page, lab, notebook):
    server, _journal = lab
    _open(page, server, notebook)
    found = page.evaluate(UNIQUE_AND_NAMED)
    assert found["roots"] > 0 and found["controls"] > 0, found
    assert found["repeated"] == [], found["repeated"]
    assert found["unnamed"] == [], found["unnamed"]


def test_the_profile_filled_with_the_keyboard_alone(page, lab):
    """Workbook 00's profile from its first box to its last with Tab, letters, arrows and digits;
    the notebook's cells are the same after every key, and the journal holds every answer."""
    server, journal_path = lab
    _open(page, server, "00_start_here.ipynb")
    cells = page.evaluate(CELLS)
    page.locator(".widget-text:has(label:text-is('Name or alias')) input").focus()
    keys = [
        *"Mei",  # Name or alias
        "Tab", "M",  # Track: ML engineer (typed: an earlier test may have moved the choice)
        "Tab", "6",  # Years of experience
        "Tab", "m",  # Current level: Mid-level
        "Tab", "s",  # Target level: Senior
        "Tab", *"05012027",  # Target date, month first in an American Chromium
        "Tab",  # sends the date; Chromium's focus stays on the field's calendar button
    ]  # fmt: skip
    for key in keys:
        page.keyboard.press(key)
        assert page.evaluate(CELLS) == cells, f"the notebook changed at {key!r}"
    # On through who the coach is, the route's tick boxes and the interviews, to the last answer.
    worries = page.locator(".widget-textarea:has(label:text-is('What worries you most')) textarea")
    for _ in range(40):
        if worries.evaluate("box => box === document.activeElement"):
            break
        page.keyboard.press("Tab")
        assert page.evaluate(CELLS) == cells, "the notebook changed at 'Tab'"
    assert worries.evaluate("box => box === document.activeElement"), "Tab never reached it"
    for key in "that I freeze":
        page.keyboard.press(key)
        assert page.evaluate(CELLS) == cells, f"the notebook changed at {key!r}"

    def whole(profiles):
        return bool(profiles) and profiles[0].get("worries") == "that I freeze"

    profiles = poll_journal(journal_path, lambda j: [e.data for e in j.entries("profile")], whole)
    assert whole(profiles), profiles
    held = profiles[0]
    assert (held["alias"], held["track"], held["years_experience"]) == ("Mei", "ml", 6)
    assert (held["current_level"], held["target_level"]) == ("mid", "senior")
    assert held["target_date"] == "2027-05-01"


def test_two_hundred_keys_in_four_bursts_make_four_revisions(page, lab):
    server, journal_path = lab
    _open(page, server, "01_limiting_beliefs.ipynb")
    page.locator("button:has-text('New thought record')").click()
    page.wait_for_function(IDLE)
    time.sleep(0.3)
    situation = page.locator(".widget-textarea:has(label:text-is('Situation')) textarea")
    situation.click()
    for burst in range(4):
        situation.press_sequentially(f"burst {burst} " + "x" * 42, delay=15)
        time.sleep(1.6)  # a pause: the kernel commits once
    with Journal(journal_path, readonly=True) as journal:
        [entry] = [e for e in journal.entries("thought_record") if "burst 0" in e.data["situation"]]
        history = journal.history(entry.id)
    assert len(history) == 4, [r.data["situation"][-12:] for r in history]
    assert history[-1].data["situation"].endswith("burst 3 " + "x" * 42)


def test_help_opens_with_the_keyboard_not_only_on_hover(page, lab):
    """Workbook 01's distortion definitions and 02's "why this weight?" are hidden until opened,
    and open with Enter on their button (no hover): keyboard and touch users can read them."""
    server, _journal = lab
    _open(page, server, "01_limiting_beliefs.ipynb")
    definitions = page.locator(".stepup-definition")
    assert definitions.count() > 5 and not any(d.is_visible() for d in definitions.all())
    button = page.locator("button.stepup-define").nth(1)
    button.focus()
    page.keyboard.press("Enter")
    shown = page.locator(f"#{button.get_attribute('aria-controls')}")
    shown.wait_for()
    assert button.get_attribute("aria-expanded") == "true" and len(shown.inner_text()) > 20
    _open(page, server, "02_competency_radar.ipynb")
    why = page.locator("details.stepup-help").first
    assert why.get_attribute("open") is None
    why.locator("summary").focus()
    page.keyboard.press("Enter")
    assert why.get_attribute("open") is not None
    assert why.locator("span").is_visible()


def _press(page, key: str, cells: list) -> None:
    page.keyboard.press(key)
    assert page.evaluate(CELLS) == cells, f"the notebook changed at {key!r}"


def _tab_to(page, label: str, cells: list, tag: str = "input, textarea") -> None:
    """Tab, and only Tab, until the control labelled ``label`` has the focus (at most 80)."""
    here = f"""() => {{
      const a = document.activeElement;
      const named = (a.labels && [...a.labels].map(l => l.textContent.trim()).join(' '))
        || a.textContent.trim();
      return a.matches({tag!r}) && named === {label!r};
    }}"""
    for _ in range(80):
        if page.evaluate(here):
            return
        _press(page, "Tab", cells)
    raise AssertionError(f"Tab never reached {label!r}")


def test_a_whole_thought_record_with_the_keyboard_alone(page, lab):
    """Workbook 01: a record typed, a thinking trap ticked with Space, re-rated and marked
    complete with Enter, moving only with Tab; the cells never change, the journal holds it."""
    server, journal_path = lab
    _open(page, server, "01_limiting_beliefs.ipynb")
    page.locator("button:has-text('New thought record')").click()
    page.wait_for_function(IDLE)
    # The whole editor drawn, down to its last button, before a key is pressed: the form grew
    # (issue 31), and a key typed into a half-drawn form is not what this test is about.
    page.locator("button:has-text('Mark complete')").wait_for()
    time.sleep(0.3)
    cells = page.evaluate(CELLS)
    page.locator(".widget-textarea:has(label:text-is('Situation')) textarea").focus()
    for key in "Quiet in the design review":
        _press(page, key, cells)
    _tab_to(page, "The belief", cells)
    for key in "Keyboard only: they will find out":
        _press(page, key, cells)
    _tab_to(page, "Believe it (0–100)", cells)
    for key in "80":
        _press(page, key, cells)
    _tab_to(page, "Mental filter", cells, tag="input[type=checkbox]")
    _press(page, " ", cells)  # Space ticks it
    _tab_to(page, "Original, re-rated", cells)
    for key in "55":
        _press(page, key, cells)
    _tab_to(page, "Mark complete", cells, tag="button")
    _press(page, "Enter", cells)

    def complete(records):
        # ipywidgets' button click can overtake a value update still held in the page's
        # throttle ("5" stored with the status, "55" a moment later): what counts is the end.
        return any(r["status"] == "complete" and r["strength_after"] == 55 for r in records)

    records = poll_journal(
        journal_path,
        lambda j: [
            e.data
            for e in j.entries("thought_record")
            if e.data["belief"] == "Keyboard only: they will find out"
        ],
        complete,
    )
    assert complete(records), records
    [record] = records
    assert record["situation"] == "Quiet in the design review"
    assert (record["strength_before"], record["strength_after"]) == (80, 55)
    assert record["distortions"] == ["mental_filter"]


def test_two_workbooks_open_in_one_page_share_no_id(page, lab):
    """00 and 01 open side by side in one JupyterLab (two kernels, two sets of Step Up models in
    one page): every id inside Step Up's widgets is still unique, every control still named."""
    server, _journal = lab
    page.goto(server.url("/lab/workspaces/two-workbooks/tree/00_start_here.ipynb"))
    run_all_cells(page)
    page.wait_for_function(NOTEBOOK_DRAWN)
    page.evaluate(
        """async () => {
          const app = window.jupyterapp;
          const opened = await app.commands.execute('docmanager:open',
            {path: '01_limiting_beliefs.ipynb', options: {mode: 'split-right'}});
          app.shell.activateById(opened.id);
        }"""
    )
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget?.context?.path === '01_limiting_beliefs.ipynb'"
    )
    run_all_cells(page)
    page.wait_for_function(NOTEBOOK_DRAWN)
    panels = page.evaluate(
        "() => [...document.querySelectorAll('.jp-NotebookPanel')]"
        ".map(p => p.querySelectorAll('.stepup-keys').length)"
    )
    assert len(panels) == 2 and all(panels), panels
    found = page.evaluate(UNIQUE_AND_NAMED)
    assert found["repeated"] == [] and found["unnamed"] == [], found

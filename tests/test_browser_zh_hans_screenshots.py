"""Every workbook in zh-Hans, in JupyterLab after Run All, as a Chinese-speaking engineer sees it
(issue 32): the demo persona with her profile's language set to zh-Hans (nothing else chooses it:
the tests' environment says en), the workbooks of ``workbooks/zh-Hans/``.

Each page runs without an error, shows Chinese, draws every CJK character with a CJK font (no
boxes: Chromium names the fonts it used for each element holding CJK text), has no axe-core
violation in what Step Up draws, and leaves a screenshot in ``screenshots/zh-Hans/`` (committed;
this test regenerates them). The coach's page in zh-Hans is in tests/test_browser_coach_zh_hans.py.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from widgets import i18n
from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.storage.transfer import demo_date, import_journal

from .helpers import WORKBOOKS
from .servers import lab_server
from .test_browser_accessibility import assert_clean, audit
from .test_browser_workbooks import _run_all_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-zh-hans-screenshots-token"
LANGUAGE = "zh-Hans"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots" / LANGUAGE
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
OUTPUTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"
TIMES: dict[str, float] = {}

# The elements of the outputs whose own text holds CJK characters (at most 40, spread over the
# page), each marked with a data attribute so that the DevTools protocol can find it.
MARK_CJK = """(selector) => {
  const found = [];
  for (const output of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(output, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (/[\\u3400-\\u4dbf\\u4e00-\\u9fff]/.test(node.data) && node.parentElement.offsetParent
          && !found.includes(node.parentElement)) found.push(node.parentElement);
    }
  }
  const step = Math.max(1, Math.floor(found.length / 40));
  const chosen = found.filter((_, i) => i % step === 0).slice(0, 40);
  chosen.forEach((element, i) => element.setAttribute('data-stepup-cjk', String(i)));
  return chosen.length;
}"""


def cjk_fonts() -> re.Pattern:
    """A font family that draws Chinese: one zh-Hans names for its charts, or any CJK one."""
    names = "|".join(re.escape(font) for font in i18n.language(LANGUAGE).chart_fonts)
    return re.compile(rf"CJK|{names}", re.IGNORECASE)


def fonts_without_cjk(page, selector: str = OUTPUTS) -> list[str]:
    """Each element whose CJK text Chromium drew with no CJK font (boxes), with the fonts it
    used (an element not laid out, in a closed section, draws nothing)."""
    count = page.evaluate(MARK_CJK, selector)
    assert count, "no element holds Chinese"
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]["nodeId"]
    wanted, missing, drawn = cjk_fonts(), [], 0
    for index in range(count):
        node = session.send(
            "DOM.querySelector", {"nodeId": root, "selector": f"[data-stepup-cjk='{index}']"}
        )["nodeId"]
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        drawn += bool(fonts)  # none: not laid out (in a closed section), nothing drawn
        if fonts and not any(
            wanted.search(font["familyName"]) and font["glyphCount"] for font in fonts
        ):
            text = session.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"][:80]
            missing.append(f"{text} drawn with {[f['familyName'] for f in fonts]}")
    session.detach()
    assert drawn, "no element holding Chinese was laid out"
    return missing


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One Lab over the demo persona, her profile's language zh-Hans."""
    folder = tmp_path_factory.mktemp("lab-zh-hans-screenshots")
    journal = folder / "journal.sqlite"
    persona = demo_persona_path().read_text(encoding="utf-8")
    import_journal(persona, journal, source="the demo persona")
    with Journal(journal) as kept:
        profile = kept.record(Profile.kind)
        kept.save(Profile.model_validate({**profile.model_dump(), "language": LANGUAGE}))
    env = {"STEPUP_TODAY": demo_date(persona)}
    with lab_server(folder, journal, TOKEN, render_all_cells=True, extra_env=env) as server:
        yield server
    print(f"\nzh-Hans screenshots, Run All to the last widget (s): {TIMES}")


@pytest.mark.parametrize("notebook", WORKBOOKS)
def test_every_workbook_in_chinese_draws_its_words_and_leaves_a_screenshot(page, lab, notebook):
    path = f"{LANGUAGE}/{notebook}"
    assert (workbooks_dir() / path).exists()
    TIMES[notebook] = _run_all_and_wait(page, lab, path)
    text = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").inner_text()
    for failure in ("Traceback", "Error displaying widget", "Could not render"):
        assert failure not in text, f"{notebook}: {failure}"
    outputs = page.locator(OUTPUTS)
    shown = "\n".join(outputs.all_inner_texts())
    assert len(CJK.findall(shown)) > 20, f"{notebook}: the widgets hold little or no Chinese"
    assert fonts_without_cjk(page) == [], f"{notebook}: Chinese drawn without a CJK font (boxes)"
    assert_clean(audit(page, {"include": [[OUTPUTS]]}), f"Lab {path}")
    # The picture starts at the workbook's first widget, on a tall page.
    page.set_viewport_size({"width": 1440, "height": 1800})
    page.evaluate(
        "window.jupyterapp.shell.currentWidget.content.node"
        ".querySelector('.jp-OutputArea-output > .jupyter-widgets').scrollIntoView()"
    )
    time.sleep(0.5)  # images laid out after the scroll
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"lab_{Path(notebook).stem}.png")

"""A Chinese-speaking engineer in JupyterLab (issue 32): her profile's language is zh-Hans, she
fills a thought record in Chinese in workbook 01 (the workbook in zh-Hans), and downloads her
manager's copy of the growth plan in English, since the document is written in its reader's
language. The download is English, with no Chinese but her own words; the journal holds her
Chinese words as typed and ids, never a translated label.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from widgets import i18n
from widgets.panels.plan import audience_choices
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Profile, ThoughtRecord
from widgets.views.report import HEADINGS, SECTIONS

from .helpers import poll_journal
from .servers import lab_server, settle
from .test_browser_workbooks import _run_all_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "stepup-zh-hans-lab-token"
LANGUAGE = "zh-Hans"
TODAY = "2026-11-16"
ALIAS = "李华"
ACTION_ZH = "每周和经理一对一，准备晋升材料"
SITUATION_ZH = "周会上经理让我讲讲推荐系统的设计，我脑子一片空白。"
BELIEF_ZH = "我的系统设计能力不够，晋升到高级工程师是不可能的。"
EMOTIONS_ZH = "焦虑 80，羞愧 50"  # typed on a Chinese keyboard: a full-width comma
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One Lab on a journal whose profile speaks zh-Hans (nothing else chooses it: the test's
    environment says en), with one action of the plan in her words."""
    folder = tmp_path_factory.mktemp("lab-zh-hans")
    journal = folder / "journal.sqlite"
    with Journal(journal) as kept:
        kept.save(
            Profile.model_validate(
                {"alias": ALIAS, "language": LANGUAGE, "current_level": "mid"}
                | {"target_level": "senior", "track": "software"}
            )
        )
        kept.save(Action(what=ACTION_ZH, created_on=dt.date.fromisoformat(TODAY)))
    env = {"STEPUP_TODAY": TODAY}
    with lab_server(folder, journal, TOKEN, render_all_cells=True, extra_env=env) as server:
        yield server, journal


def zh(message: str) -> str:
    """``message`` as the zh-Hans page shows it (the English msgid until it is translated)."""
    with i18n.use(LANGUAGE):
        return i18n.gettext(message)


def _thought_records(journal) -> list[ThoughtRecord]:
    return [journal.record(e.kind, e.id) for e in journal.entries(ThoughtRecord.kind)]


def _field(page, kind: str, label: str):
    element = "textarea" if kind == "textarea" else "input"
    return page.locator(f".widget-{kind}:has(label:text-is('{label}')) {element}")


def test_she_writes_in_chinese_and_her_manager_reads_english(page, lab):
    server, journal_path = lab
    started = time.monotonic()
    _run_all_and_wait(page, server, f"{LANGUAGE}/01_limiting_beliefs.ipynb")
    outputs = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")
    assert CJK.search(outputs.first.inner_text()), "the workbook's widgets are not in Chinese"

    situation = _field(page, "textarea", zh("Situation"))
    situation.fill(SITUATION_ZH)
    belief = _field(page, "textarea", zh("The belief"))
    belief.fill(BELIEF_ZH)
    belief.press("Tab")
    strength = _field(page, "text", zh("Believe it (0–100)"))
    strength.fill("80")
    strength.press("Tab")
    emotions = _field(page, "text", zh("Emotions (0–100)"))
    emotions.fill(EMOTIONS_ZH)
    emotions.press("Tab")
    settle(page)

    def hers(records):
        return len(records) == 1 and records[0].belief == BELIEF_ZH and records[0].emotions

    records = poll_journal(journal_path, _thought_records, hers)
    assert hers(records), records
    record = records[0]
    # Her words as typed, and ids: never a translated label.
    assert record.situation == SITUATION_ZH
    assert [(e.name, e.intensity) for e in record.emotions] == [("焦虑", 80), ("羞愧", 50)]
    assert record.status == "draft" and record.next_step in ("reframe", "act")
    written = "".join(CJK.findall(record.model_dump_json()))
    assert set(written) <= set(SITUATION_ZH + BELIEF_ZH + EMOTIONS_ZH)
    wrote_s = time.monotonic() - started

    # Workbook 05: the manager's copy, its reader's language chosen as English, downloaded.
    _run_all_and_wait(page, server, f"{LANGUAGE}/05_growth_plan.ipynb")
    export = page.locator(".jp-OutputArea-output .stepup-download button").first
    export.scroll_into_view_if_needed()
    with i18n.use(LANGUAGE):
        manager = {value: label for label, value in audience_choices()}["manager"]
    page.get_by_role("radio", name=manager, exact=True).check()
    english = i18n.language("en").name  # a language is offered by its name in itself
    radio = page.get_by_role("radio", name=english, exact=True)
    select = page.locator(f".jp-OutputArea-output select:has(option:text-is('{english}'))")
    try:
        radio.or_(select).first.wait_for(timeout=10_000)
    except PlaywrightTimeout:
        pytest.fail(f"workbook 05's export offers no reader's language (no choice named {english})")
    if radio.count():
        radio.check()
    else:
        select.select_option(label=english)
    with page.expect_download(timeout=60_000) as pending:
        export.click()
    document = pending.value.path().read_bytes().decode("utf-8")
    took = time.monotonic() - started
    print(f"\nzh-Hans Lab: thought record saved at {wrote_s:.1f} s, downloaded at {took:.1f} s")

    assert re.search(r'<html[^>]* lang="en"', document), "the manager's copy is not English"
    for section in SECTIONS["manager"]:  # she logged no win: that section is left out
        assert (HEADINGS["manager"][section] in document) == (section != "wins"), section
    assert ACTION_ZH in document, "her own words are in her manager's copy as she wrote them"
    chinese_ui = [run for run in CJK.findall(document) if run not in ACTION_ZH + ALIAS]
    assert chinese_ui == [], f"Chinese in the English copy that is not her own words: {chinese_ui}"
    assert BELIEF_ZH not in document, "a belief never reaches the manager's copy"

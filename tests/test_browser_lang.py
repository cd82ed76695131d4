"""``lang`` as Chromium reads it (issue 32): the coach's list of workbooks and the roster say
their language (axe-core: html-has-lang, serious, when they did not), and the engineer's words in
another script carry their own, valid, language, so a screen reader switches voice for them."""

from __future__ import annotations

import datetime as dt
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from widgets.content.scripts import page_language
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Profile
from widgets.views.report import render_report

from .servers import stepup_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANG_RULES = ["html-has-lang", "html-lang-valid", "valid-lang"]
ACTION_ZH = "每周和经理一对一，准备晋升材料"


def lang_violations(page) -> list[str]:
    """axe-core's language rules only, and which of them fail."""
    options = {"runOnly": {"type": "rule", "values": LANG_RULES}}
    response = Axe().run(page, options=options).response
    assert {r["id"] for r in response["passes"]} >= {"html-has-lang", "html-lang-valid"}
    return [f"{r['id']}: {r['nodes'][0]['target']}" for r in response["violations"]]


def language_of(page, text: str) -> str:
    """The language Chromium gives the element that holds ``text`` (its nearest ``lang``)."""
    return page.evaluate(
        """(text) => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                if (walker.currentNode.data.includes(text))
                    return walker.currentNode.parentElement.closest("[lang]").lang;
            }
            return null;
        }""",
        text,
    )


def test_the_coachs_list_of_workbooks_says_its_language(page, demo_coach):
    page.goto(demo_coach.url("/"), wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == page_language()
    assert page.locator("html[lang]").count() == 1
    assert lang_violations(page) == []


def test_a_workbooks_page_in_voila_says_its_language(page, demo_coach):
    page.goto(demo_coach.url("/voila/render/coach_view.ipynb"), wait_until="domcontentloaded")
    assert page.evaluate("document.documentElement.lang") == page_language()


@pytest.fixture
def chinese_mentee(demo_path, tmp_path):
    """A roster folder holding the demo persona with a Chinese alias and a Chinese action."""
    with Journal(demo_path) as journal:
        profile = journal.record(Profile.kind)
        journal.save(profile.model_copy(update={"alias": "李华"}))
        journal.save(Action(what=ACTION_ZH, created_on=dt.date(2026, 11, 1)))
    folder = tmp_path / "mentees"
    folder.mkdir()
    (folder / "li.sqlite").write_bytes(demo_path.read_bytes())
    return folder


def test_the_served_roster_says_its_language_and_marks_a_chinese_name(page, chinese_mentee):
    log = chinese_mentee.parent / "roster.log"
    with stepup_server(["coach", "--roster", str(chinese_mentee), "--no-browser"], {}, log) as srv:
        page.goto(srv.url("/"), wait_until="load")
        assert page.evaluate("document.documentElement.lang") == page_language()
        assert language_of(page, "李华") == "zh-Hans"
        assert lang_violations(page) == []
        # A refusal is plain text: the header says its language there.
        with urllib.request.urlopen(srv.url("/")) as answer:
            assert answer.headers["Content-Language"] == page_language()


def test_the_growth_plan_marks_the_engineers_chinese_words(page, chinese_mentee):
    with Journal(chinese_mentee / "li.sqlite", readonly=True) as journal:
        page.set_content(render_report(journal, "html", "me"))
    assert page.evaluate("document.documentElement.lang") == page_language()
    assert language_of(page, ACTION_ZH) == "zh-Hans"
    assert language_of(page, "Growth plan") == page_language()
    assert lang_violations(page) == []

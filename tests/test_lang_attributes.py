"""``lang`` on every page Step Up writes and on the engineer's words in another script (issue 32):
a screen reader picks its voice by it. The language of a field is guessed from its script
(widgets/content/scripts.py); the page's comes from one function, ``page_language()``."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest

from widgets.content import scripts
from widgets.content.scripts import guess_language, other_language, page_language
from widgets.processes import redirect_file
from widgets.readers.audience import AUDIENCES
from widgets.server_flags import voila_command
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Profile
from widgets.views import language
from widgets.views.coach_page import CoachSession
from widgets.views.fragments import fragment
from widgets.views.promotion_case import build_case
from widgets.views.report import render_report
from widgets.views.roster import RosterReader, mentee_page, roster_page

ACTION_ZH = "每周和经理一对一，准备晋升材料"
WORRY_ZH = "我担心自己在系统设计面试里说不清楚取舍"


class _Lang(HTMLParser):
    """Each element's tag, ``lang`` and the text directly inside it, in document order."""

    def __init__(self):
        super().__init__()
        self.elements: list[list] = []  # [tag, lang, text]
        self.open: list[list] = []

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs).get("lang"), ""]
        self.elements.append(element)
        if tag not in ("meta", "img", "br", "link", "input"):
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.open:
            self.open[-1][2] += data


def parsed(html: str) -> list[list]:
    parser = _Lang()
    parser.feed(html)
    return parser.elements


def html_lang(html: str) -> str | None:
    return next((lang for tag, lang, _ in parsed(html) if tag == "html"), None)


def lang_of(html: str, text: str) -> str | None:
    """The ``lang`` of the innermost element whose own text holds ``text``."""
    holders = [lang for _, lang, inside in parsed(html) if text in inside]
    assert holders, f"{text!r} is not on the page"
    return holders[-1]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我不配晋升", "zh-Hans"),
        ("迁移 Kafka 集群", "zh-Hans"),  # a Chinese sentence naming an English tool
        ("私は昇進に値しない", "ja"),  # kanji with kana: Japanese, not Chinese
        ("나는 승진할 준비가 안 됐다", "ko"),
        ("Я не готов к повышению", "ru"),
        ("I'm not senior enough", None),  # Latin: too many languages to guess
        ("I led the 迁移 project", None),  # mostly English, one Chinese word
        ("", None),
        ("2026-11-20, 75 → 55", None),
    ],
)
def test_a_fields_language_is_guessed_from_its_script(text, language):
    assert guess_language(text) == language


def test_the_scripts_are_data():
    """Every language comes from the table: a script added there is guessed with no code."""
    assert {script.language for script in scripts.SCRIPTS} >= {"zh-Hans", "ja", "ko", None}
    source = Path(scripts.__file__).read_text(encoding="utf-8")
    code = source.split("SCRIPTS: tuple", 1)[1].split("\n)\n", 1)[1]  # below the table
    assert '"zh' not in code and '"ja"' not in code and '"ko"' not in code


def test_text_in_the_pages_own_language_needs_no_mark():
    assert other_language("我不配晋升", page="zh-Hans") is None
    assert other_language("我不配晋升", page="en") == "zh-Hans"
    assert other_language("I'm not senior enough", page="zh-Hans") is None


@pytest.fixture
def chinese_notes(demo_path) -> Path:
    """The demo persona with an action, a worry and an alias written in Chinese."""
    with Journal(demo_path) as journal:
        profile = journal.record(Profile.kind)
        journal.save(profile.model_copy(update={"alias": "李华", "worries": WORRY_ZH}))
        journal.save(
            Action(
                what=ACTION_ZH,
                why="Visibility before calibration",
                done_when="四次一对一",
                created_on=dt.date(2026, 11, 1),
            )
        )
    return demo_path


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_growth_plan_marks_the_page_and_the_chinese_fields(chinese_notes, audience):
    with Journal(chinese_notes, readonly=True) as journal:
        page = render_report(journal, "html", audience)
    assert html_lang(page) == page_language()
    assert ACTION_ZH in page or audience != "me"
    if ACTION_ZH in page:
        assert lang_of(page, ACTION_ZH) == "zh-Hans"
        assert lang_of(page, "Visibility before calibration") is None  # English is the page's


def test_the_coach_view_marks_the_engineers_chinese_words(chinese_notes):
    with Journal(chinese_notes, readonly=True) as journal:
        page = str(CoachSession(journal).html)
    assert lang_of(page, WORRY_ZH) == "zh-Hans"
    assert lang_of(page, "李华") == "zh-Hans"


def test_the_promotion_case_has_the_pages_language(chinese_notes):
    with Journal(chinese_notes, readonly=True) as journal:
        page = build_case(journal, "html").data.decode("utf-8")
    assert html_lang(page) == page_language()


def test_the_roster_and_a_mentees_page_have_lang(chinese_notes, tmp_path):
    folder = tmp_path / "mentees"
    folder.mkdir()
    (folder / "li.sqlite").write_bytes(chinese_notes.read_bytes())
    reader = RosterReader(folder)
    roster = roster_page(reader.read(), "T")
    assert html_lang(roster) == page_language()
    assert lang_of(roster, "李华") == "zh-Hans"
    mentee = mentee_page(reader, "li.sqlite", "T")
    assert html_lang(mentee) == page_language()
    assert lang_of(mentee, WORRY_ZH) == "zh-Hans"


def test_the_hubs_page_for_a_login_that_coaches_no_one_has_lang():
    page = fragment("roster/hub_home", css="", user="ines", own_received=False, scope="s")
    assert html_lang(page) == page_language()


def test_the_page_that_opens_the_browser_has_lang(tmp_path):
    page = redirect_file("http://127.0.0.1:1/?token=t", tmp_path).read_text(encoding="utf-8")
    assert html_lang(page) == "en"


def test_the_coachs_voila_pages_are_given_the_pages_language(tmp_path):
    command = voila_command(tmp_path, 8866)
    assert f"--HTMLExporter.language_code={page_language()}" in command  # each workbook's page
    # No nested dict on the command line: traitlets 5 prints a DeprecationWarning for it in the
    # coach's terminal (the list of workbooks gets its words and language from a config file:
    # tests/test_i18n_servers.py).
    assert not [arg for arg in command if arg.startswith("--Voila.tornado_settings=")]


def test_a_panel_says_its_language_when_lab_is_in_another(monkeypatch):
    card = fragment("forms/card", title="迁移", subtitle="", parts=[("What", "Kafka")])
    assert parsed(card)[0][:2] == ["div", None]  # Step Up's pages and Lab's agree: nothing to say
    monkeypatch.setattr(scripts, "page_language", lambda: "zh-Hans")
    card = fragment("forms/card", title="迁移", subtitle="", parts=[("What", "Kafka")])
    assert parsed(card)[0][:2] == ["span", "zh-Hans"]  # the whole piece, once
    assert [lang for _, lang, _ in parsed(card)].count("zh-Hans") == 1  # its Chinese is unmarked
    roster = fragment("roster/hub_home", css="", user="ines", own_received=False, scope="s")
    assert roster.startswith("<!DOCTYPE") and html_lang(roster) == "zh-Hans"  # a page: not wrapped


def test_user_text_stays_escaped_inside_its_mark():
    marked = str(language.lang_span("<b>晋升</b>"))
    assert marked == '<span lang="zh-Hans">&lt;b&gt;晋升&lt;/b&gt;</span>'
    assert str(language.lang_attr("晋升")) == ' lang="zh-Hans"'
    assert str(language.lang_attr("senior")) == ""

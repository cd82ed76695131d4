"""Where the wrapped pieces met (issue 32): the manager's copy in its reader's language from
workbook 05's export, the progress table's statuses, the export's summary, the rehearsal's
summary as whole sentences with plurals, and the workbooks' titles in the reader's language."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from widgets import i18n
from widgets.content.workbooks import TITLES, WORKBOOKS, title
from widgets.forms.rehearsal import rehearsal_heading
from widgets.panels.plan import ReportPanel, language_choices
from widgets.panels.progress import ProgressPanel
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Profile
from widgets.views.report import HEADINGS, build_report

CHINESE = "zh-Hans"
PSEUDO = next(language.id for language in i18n.languages() if language.pseudo)
ACTION_ZH = "每周和经理一对一，准备晋升材料"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")


@pytest.fixture
def chinese_journal(demo_path) -> Journal:
    """The demo persona working in Chinese, with one action of her plan in her own words."""
    with Journal(demo_path) as journal:
        profile = journal.record(Profile.kind)
        journal.save(profile.model_copy(update={"language": CHINESE}))
        journal.save(Action(what=ACTION_ZH, created_on=dt.date(2026, 11, 16)))
    journal = Journal(demo_path)
    yield journal
    journal.close()


def test_the_export_offers_each_language_by_its_name_in_itself():
    with i18n.use(CHINESE):
        offered = language_choices()
    names = {language.id: language.name for language in i18n.languages()}
    assert (names["en"], "en") in offered and (names[CHINESE], CHINESE) in offered
    assert PSEUDO not in [value for _, value in offered]  # a pseudo-locale only when active
    with i18n.use(PSEUDO):
        assert PSEUDO in [value for _, value in language_choices()]


def test_an_engineer_in_chinese_exports_her_managers_copy_in_english(chinese_journal):
    with i18n.use(CHINESE):
        panel = ReportPanel(chinese_journal)
        assert panel.language.value == CHINESE  # the active language first
        assert panel.language.description == "阅读者的语言"
        panel.audience.value = "manager"
        panel.language.value = "en"
        sent = []
        panel.button.send = lambda content, buffers=None: sent.append((content, buffers or []))
        panel.button.click()
        result = panel.result.value
    assert CJK.search(result), "the panel itself still speaks Chinese"
    document = panel.written.read_text(encoding="utf-8")
    (message, [data]) = sent[0]
    assert message["kind"] == "download"
    english = build_report(chinese_journal, "html", "manager", "inline", language="en").text
    for text in (document, bytes(data).decode("utf-8")):
        assert text == english
        assert re.search(r'<html[^>]* lang="en"', text)
        assert HEADINGS["manager"]["goal"] in text and HEADINGS["manager"]["plan"] in text
        assert ACTION_ZH in text
        assert [run for run in CJK.findall(text) if run not in ACTION_ZH] == []


def test_the_default_is_the_documents_language_as_before(chinese_journal):
    """Left on the active language, the copy is in it (here Chinese), and Markdown too."""
    with i18n.use(CHINESE):
        panel = ReportPanel(chinese_journal)
        written = panel.export("manager", "html")
        name, data = panel.document("manager", "md", "en")
    assert 'lang="zh-Hans"' in written.read_text(encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        markdown = archive.read(name.replace(".zip", ".md")).decode("utf-8")
    assert HEADINGS["manager"]["goal"] in markdown and ACTION_ZH in markdown
    assert [run for run in CJK.findall(markdown) if run not in ACTION_ZH] == []


def test_the_progress_table_and_the_exports_summary_are_in_the_readers_language(
    chinese_journal,
):
    with i18n.use(CHINESE):
        progress = ProgressPanel(chinese_journal)
        summary = progress.summary()
        export = ReportPanel(chinese_journal).summary()
        statuses = {item.status_text for item in progress.items}
        table = progress.table.value
    assert statuses <= {"未开始", "已开始", "已完成"} and all(s in table for s in statuses)
    assert all(item.status not in summary for item in progress.items)
    with i18n.use(CHINESE):
        manager = i18n.gettext("for my manager")
    assert manager != "for my manager" and manager in export.splitlines()[0]


def test_a_rehearsal_is_summed_up_in_one_sentence_with_its_plural():
    assert rehearsal_heading("story", 1) == "Rehearsal of the story: 1 take"
    assert rehearsal_heading("story", 2) == "Rehearsal of the story: 2 takes"
    assert rehearsal_heading("project", 0) == "Rehearsal of the project summary: no takes yet"
    assert rehearsal_heading("design_session", 1) == (
        "Rehearsal of the opening of the design answer: 1 take"
    )
    with i18n.use(CHINESE):
        assert rehearsal_heading("story", 3) == "故事的演练：3 次录音"


def test_the_workbooks_titles_are_shown_in_the_readers_language():
    assert title("02_competency_radar.ipynb") == TITLES["02_competency_radar.ipynb"]
    with i18n.use(CHINESE):
        shown = [title(file) for file in TITLES]
        assert WORKBOOKS[0].label == shown[0]
    assert all(CJK.search(text) for text in shown), shown


def test_a_design_sessions_card_says_one_minute(demo_path):
    from widgets.forms.design import session_card
    from widgets.readers.practice import design_sessions, track_practice

    with Journal(demo_path) as journal:
        practice = track_practice(journal)
        _, session = design_sessions(journal)[0]
    first = next(iter(session.sections))
    one = session.model_copy(
        update={"sections": {first: session.sections[first].model_copy(update={"minutes": 1})}}
    )
    assert "1 minute · mean self score" in session_card(one, practice)
    assert f"{session.total_minutes()} minutes · mean self score" in session_card(session, practice)

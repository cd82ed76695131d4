"""The panels in the engineer's language (issue 32): every panel a workbook shows, drawn in the
pseudo-locale (en-XA), leaves no plain English but the engineer's own words, names and the works
cited; in Chinese its headings, buttons and sentences are Chinese; the phrase bank stays English
with a Chinese gloss beside each phrase.

The panels are drawn through the entry points the workbooks call (``widgets/pages.py``) on the
demo persona's journal and on an empty one (the empty states), for the engineer and for the
coach (read-only). What a person reads is every HTML piece (tests/untranslated.py's
``visible_text``), each chart's alt text, and every control's label and tooltip.
"""

from __future__ import annotations

import re

import ipywidgets as w
import pytest
import yaml

import widgets
from widgets import i18n
from widgets.content.communication import communication
from widgets.content.resources import seeds_dir
from widgets.i18n_pseudo import NOT_TEXT
from widgets.panels.chart_image import ChartImage
from widgets.panels.communication import CommunicationPanel
from widgets.panels.download import DownloadButton
from widgets.panels.words import listed
from widgets.views.fragments import fragment

from .helpers import all_widgets, html_shown
from .untranslated import english_lines, english_words, visible_text

PSEUDO = next(language.id for language in i18n.languages() if language.pseudo)
CHINESE = "zh-Hans"

# (entry point, read-only): the panels of the workbooks (widgets/panels/), each as the engineer and,
# where it differs, as the coach sees it. A workbook's form with its chart beside it is drawn here
# as the chart's own entry point: the forms are tested with the forms.
PANELS = [
    ("progress_panel", False),
    ("belief_charts", False),
    ("competency_radar", False),
    ("competency_ratings", True),  # the coach's table of the self-assessment, then the radar
    ("competency_gaps", False),
    ("story_coverage", False),
    ("design_progress", False),
    ("second_language_reference", False),
    ("readiness_timeline", False),
    ("uncertain_year", False),
    ("uncertain_year", True),
    ("reading_list", False),
    ("manager_conversation", False),
    ("manager_conversation", True),
    ("export_growth_plan", False),
    ("share_with_coach", False),
    ("share_with_coach", True),
]

# Words a panel shows that other parts of Step Up make, each translated with its own module in
# issue 32's other steps; per panel, by the module that makes them. Drop a panel's words once its
# module is wrapped: the panels' own sentences have none of them.
ELSEWHERE = {
    # widgets/readers/progress.py (each workbook's detail, MEANING), widgets/notebooks.py (titles)
    "progress_panel": """
        above actions add bank belief beliefs best bring competency Completed covering dives done
        fill go here holds lately least Limiting open overdue profile prompt proposals radar
        records some stories timed weakest workbook
        """,
    # widgets/views/chart_text.py (the series' names in the alt text)
    "competency_radar": "previous",
    # widgets/forms/competency_rows.py (CONFIDENCE, shown through gettext), views/chart_text.py
    "competency_ratings": "fairly previous unsure",
    # widgets/views/chart_text.py (gaps_title)
    "competency_gaps": "gap invest weighted Where",
    # widgets/views/chart_text.py (readiness_words, milestone_words)
    "readiness_timeline": "dotted lines mean none Readiness scored yet",
    # widgets/views/chart_text.py (score_lines)
    "design_progress": "scored",
    # widgets/readers/reading.py (why a topic is listed)
    "reading_list": "lately latest mean",
    # widgets/readers/conversation.py
    "manager_conversation": "far",
    # widgets/content/audiences.py (the hint, MARKED_ACTIONS_NOTE, the sections' headings, the
    # charts' ids in the summary), widgets/views/report.py (review_lines)
    "export_growth_plan": """
        action actions any areas beliefs blockers coach's confidence evidence goal leaves
        manager's marked need radar says strengths unticked whose win
        """,
    # widgets/readers/share.py, widgets/templates/share/contents.html.j2, widgets/hub_client.py
    "share_with_coach": """
        beside coach's drops entries folder folders Here holds hub JupyterHub need programme's
        rating records roster runs send share Sharing snapshot stepup stories this versions where
        works yet
        """,
}
# widgets/views/chart_text.py's alt_text: "…: an empty chart (…)."
EMPTY_CHART = frozenset(("an", "empty", "chart"))


def pending(name: str) -> frozenset[str]:
    return frozenset(ELSEWHERE.get(name, "").split()) | EMPTY_CHART


# Month names: Babel writes dates in the pseudo-locale as in English (it has no accented months).
MONTHS = frozenset(
    (
        *("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov"),
        *("Dec", "January", "February", "March", "April", "June", "July", "August"),
        *("September", "October", "November", "December"),
    )
)
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def _cited() -> frozenset[str]:
    """The words of every work a seed cites (its sources stay as written, in every language)."""
    found: set[str] = set()

    def walk(value, key=""):
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name if name in NOT_TEXT else key)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key in NOT_TEXT:
            found.update(_words(value))

    for path in sorted(seeds_dir().glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    titles = yaml.safe_load((seeds_dir() / "reading_titles.yaml").read_text(encoding="utf-8"))
    walk(titles, "source")  # the titles of the works cited: names, never translated
    return frozenset(found)


def shown(root) -> str:
    """What a person reads of a widget tree: its HTML's visible text, the charts' alt texts, the
    controls' labels, options and tooltips, and its text summary (what a text-only reader gets)."""
    parts = [visible_text(piece) for piece in html_shown(root)] + [repr(root)]
    for widget in all_widgets(root):
        if isinstance(widget, ChartImage):
            parts.append(widget.alt)
        if isinstance(widget, w.Button | DownloadButton):
            parts += [widget.description, widget.tooltip or ""]
        if isinstance(widget, w.ToggleButtons | w.RadioButtons):
            parts += [widget.description, *widget._options_labels]
    return "\n".join(part for part in parts if part)


def draw(name: str, readonly: bool, monkeypatch) -> w.Widget:
    monkeypatch.setenv("STEPUP_READONLY", "1" if readonly else "")
    return getattr(widgets, name)()


@pytest.fixture
def demo(demo_path, demo_text, monkeypatch):
    """The demo persona's journal as the kernel's; yields the persona's own words."""
    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    yield _words(demo_text)


@pytest.fixture(scope="module")
def cited() -> frozenset[str]:
    return _cited()


@pytest.mark.parametrize(("name", "readonly"), PANELS)
def test_every_panel_speaks_the_pseudo_locale_on_the_demo_journal(
    name, readonly, demo, cited, monkeypatch
):
    with i18n.use(PSEUDO):
        text = shown(draw(name, readonly, monkeypatch))
    allowed = demo | cited | MONTHS | pending(name)
    assert text
    assert english_words(text, allowed) == [], english_lines(text, allowed)


# The workbooks' forms with their charts beside them (workbooks 01, 02, 04): the chart is a panel,
# the form is tested with the forms. name → the chart's own entry point (its words elsewhere).
BESIDE_A_FORM = {
    "thought_records_and_charts": "belief_charts",
    "competency_ratings": "competency_radar",
    "design_practice_and_progress": "design_progress",
}


@pytest.mark.parametrize("readonly", [False, True])
@pytest.mark.parametrize("name", sorted(BESIDE_A_FORM))
def test_the_charts_beside_the_forms_speak_the_pseudo_locale(
    name, readonly, demo, cited, monkeypatch
):
    with i18n.use(PSEUDO):
        text = shown(draw(name, readonly, monkeypatch).chart)
    allowed = demo | cited | MONTHS | pending(BESIDE_A_FORM[name])
    assert text
    assert english_words(text, allowed) == [], english_lines(text, allowed)


@pytest.mark.parametrize(("name", "readonly"), PANELS)
def test_every_panel_speaks_the_pseudo_locale_on_an_empty_journal(
    name, readonly, journal, cited, monkeypatch
):
    """The empty states: nothing rated, scored, written or planned yet."""
    with i18n.use(PSEUDO):
        text = shown(draw(name, readonly, monkeypatch))
    allowed = cited | MONTHS | pending(name)
    assert english_words(text, allowed) == [], english_lines(text, allowed)


# -- Chinese ---------------------------------------------------------------------------------------


def test_the_panels_headings_buttons_and_sentences_are_chinese(demo, monkeypatch):
    with i18n.use(CHINESE):
        radar = draw("competency_radar", False, monkeypatch)
        gaps = shown(draw("competency_gaps", False, monkeypatch))
        ratings = shown(draw("competency_ratings", True, monkeypatch))
        export = draw("export_growth_plan", False, monkeypatch)
        progress = shown(draw("progress_panel", False, monkeypatch))
        reference = shown(draw("second_language_reference", False, monkeypatch))
        share = draw("share_with_coach", False, monkeypatch)
        year = draw("uncertain_year", False, monkeypatch)
    assert radar.snapshot_button.description == "保存快照"
    assert radar.radar_image.alt.startswith("能力项雷达图")
    assert "能力项" in gaps and "距目标差几级" in gaps and "优先级" in gaps
    assert "自评" in ratings and "证据" in ratings
    assert export.button.description == "导出并下载"
    assert export.format.description == "格式" and export.audience.description == "给谁看"
    assert "练习册" in progress and "状态" in progress and "已完成" in progress
    assert "先搭结构" in reference and "要准备好的表达" in reference
    assert share.button.description == "分享给我的教练"
    assert year.picker.options[0][0] == "全部话题"


def test_the_text_summaries_are_chinese(demo, monkeypatch):
    with i18n.use(CHINESE):
        gaps = repr(draw("competency_gaps", False, monkeypatch))
        export = repr(draw("export_growth_plan", False, monkeypatch))
        reference = repr(draw("second_language_reference", False, monkeypatch))
        year = repr(draw("uncertain_year", True, monkeypatch))
    assert gaps.startswith("差距 · ")
    assert export.startswith("成长计划导出 ") and "HTML 文档" in export and "计划：" in export
    assert reference.startswith("先搭结构：") and "条表达" in reference
    assert year.startswith("不确定的一年 — 只读")


def test_a_status_line_is_chinese(demo, monkeypatch):
    with i18n.use(CHINESE):
        radar = draw("competency_radar", False, monkeypatch)
        radar.save_snapshot()
    assert "的快照已保存。" in radar.snapshot_status.value


def test_a_list_of_names_reads_as_the_language_writes_one():
    names = ["Design", "Scope", "Delivery"]
    assert listed(names) == "Design, Scope and Delivery"  # as the English pages always had it
    assert listed(names[:1]) == "Design" and listed([]) == ""
    with i18n.use(CHINESE):
        assert listed(names) == "Design、Scope和Delivery"


def test_english_is_as_it_was(demo, monkeypatch):
    """English output keeps its words: the msgids are the old literals."""
    gaps = shown(draw("competency_gaps", False, monkeypatch))
    assert "Levels to target" in gaps and "Priority" in gaps
    export = draw("export_growth_plan", False, monkeypatch)
    assert export.button.description == "Export and download"
    assert export.format.options[0][0] == ("HTML (opens in a browser; print it to PDF)")
    late = fragment("panels/readiness_overdue", overdue=[(_Action(), 1), (_Action(), 3)])
    assert "1 day ago" in late and "3 days ago" in late


class _Action:
    what = "Ship the design doc"
    due = __import__("datetime").date(2026, 11, 1)


# -- The phrase bank: English phrases, each with its gloss ----------------------------------------


def test_every_phrase_has_its_chinese_gloss_and_english_has_none():
    english = communication()
    assert all(group.glosses == [] for group in english.phrase_groups)
    with i18n.use(CHINESE):
        chinese = communication()
    for before, after in zip(english.phrase_groups, chinese.phrase_groups, strict=True):
        assert after.phrases == before.phrases, after.id  # said aloud: English stays
        assert len(after.glosses) == len(after.phrases), after.id
        assert all(re.search(r"[\u4e00-\u9fff]", gloss) for gloss in after.glosses), after.id
        # The gloss keeps every [bracket] the phrase has (what the engineer fills in)
        for phrase, gloss in zip(after.phrases, after.glosses, strict=True):
            assert phrase.count("[") == gloss.count("["), (phrase, gloss)


def test_the_chinese_page_shows_each_phrase_in_english_with_its_gloss_beside_it():
    with i18n.use(CHINESE):
        bank = communication()
        page = CommunicationPanel(bank).page.value
    for group in bank.phrase_groups:
        for phrase, gloss in zip(group.phrases, group.glosses, strict=True):
            pair = (
                f"<span lang=\"en\" class='stepup-phrase'>{_escaped(phrase)}</span><br>"
                f"<span lang=\"{CHINESE}\" class='stepup-muted stepup-gloss'>"
                f"{_escaped(gloss)}</span>"
            )
            assert pair in page, phrase


def test_the_english_page_shows_the_phrases_alone():
    page = CommunicationPanel(communication()).page.value
    assert "stepup-gloss" not in page
    assert "<li>Could you put that another way?</li>" in page


def test_a_gloss_missing_for_a_phrase_is_refused():
    data = communication().model_dump()
    data["phrase_groups"][0]["glosses"] = ["只有一条"]
    with pytest.raises(ValueError, match="glosses"):
        type(communication()).model_validate(data)


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))

"""Workbook 01's thought record, workbook 03's story bank and workbook 05's wins and asks of the
manager in the engineer's language: built on a journal under the pseudo-locale, no plain English
is left but the engineer's own words (seed content comes accented by its overlays); in Chinese,
the key words are Chinese; and whatever the language, the journal keeps ids and the engineer's
own words, never a translated label."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import ipywidgets as w
import pytest

from widgets import i18n
from widgets.content import seeds as content
from widgets.forms.composite_code import STATIC, stub_words
from widgets.forms.stories import StoriesPanel, StoryEditor, story_summary
from widgets.forms.support import ManagerSupportForm
from widgets.forms.thought_record import ThoughtRecordEditor, record_card_html, record_summary
from widgets.forms.wins import WinEditor, WinsPanel, win_card
from widgets.readers.wins import Links
from widgets.storage.journal import Journal
from widgets.storage.records import (
    Emotion,
    Experiment,
    ManagerSupport,
    PlannedAction,
    Rerating,
    Story,
    ThoughtRecord,
    Win,
    WinMeasure,
)
from widgets.views.fragments import fragment

from .untranslated import english_lines, english_words, visible_text

# The engineer's own words (a persona writing in English): the only English allowed on the page.
SITUATION = "Recruiter scheduled the ML design round for Friday."
BELIEF = "Senior ML system design is beyond me."
EVIDENCE = "I froze once in a mock interview."
ACTION = "Redo the feature store design with numbers"
DONE_WHEN = "A reviewer signs off the numbers."
PREDICTION = "I will freeze and they will mark me down."
PLAN = "Run a mock design round with Priya."
OUTCOME = "I stalled twice and recovered both times."
RERATE_NOTE = "after the mock"
WIN_WHAT = "Migrated forty screens to the new navigation"
WIN_MEASURE = "crash-free sessions"
WIN_BENEFITED = "weekly Android users"
STORY = {
    "title": "The deadline we renegotiated",
    "headline": "I turned a vague request into a plan two teams agreed on.",
    "situation": "Two teams wanted the same launch date.",
    "task": "I owned the migration plan.",
    "action": "I split the work and wrote the rollout doc.",
    "result": "We shipped a month early.",
    "learning": "Say the trade-off first.",
}
ASKS = "A project I can own end to end\nFeedback within a week of each design review"
OWN_WORDS = " ".join(
    [SITUATION, BELIEF, EVIDENCE, ACTION, DONE_WHEN, PREDICTION, PLAN, OUTCOME, RERATE_NOTE]
    + [WIN_WHAT, WIN_MEASURE, WIN_BENEFITED, *STORY.values(), ASKS, "anxious ashamed"]
)
# Names and brands every language writes alike.
BRANDS = {"Step", "Up", "STAR", "ML", "Android", "Staff"}
ALLOWED = frozenset(re.findall(r"[A-Za-z']+", OWN_WORDS)) | BRANDS


def shown_text(root: w.Widget, skip: tuple[w.Widget, ...] = ()) -> str:
    """What a person reads or hears of a widget tree: its HTML's visible text, every control's
    label, placeholder, tooltip and options, and the composites' words; the values typed are the
    engineer's, left out (the cards check those)."""
    skipped = {id(widget) for widget in skip}
    parts: list[str] = []

    def visit(widget: w.Widget) -> None:
        if id(widget) in skipped:
            return
        if isinstance(widget, w.HTML):
            parts.append(visible_text(widget.value))
        for name in widget.trait_names(html=True):
            parts.append(visible_text(getattr(widget, name)))
        for name in ("description", "placeholder", "tooltip", "label"):
            said = getattr(widget, name, None)
            if isinstance(said, str):
                parts.append(said)
        if isinstance(widget, (w.Dropdown, w.RadioButtons, w.Select)):
            parts.extend(str(label) for label in widget._options_labels)
        options = getattr(widget, "options", None)
        if not isinstance(widget, (w.Dropdown, w.RadioButtons, w.Select)) and options:
            parts.extend(" ".join(option[1:]) for option in options)  # a tick grid's names, hovers
        words = getattr(widget, "words", None)
        if isinstance(words, dict):
            # less the placeholders the page code fills in ({name}: an option's name)
            parts.extend(re.sub(r"\{\w+\}", "", said) for said in words.values())
        for child in getattr(widget, "children", ()) or ():
            visit(child)

    visit(root)
    return "\n".join(part for part in parts if part and part.strip())


def assert_no_english(text: str) -> None:
    left = english_words(text, ALLOWED)
    assert not left, f"plain English left: {left} in {english_lines(text, ALLOWED)}"


def a_thought_record(prompt_id: str) -> ThoughtRecord:
    """A record that goes through every part: partly true, an action, an experiment done and
    re-rated, re-ratings in later weeks, emotions strong enough for the wellbeing note."""
    return ThoughtRecord(
        recorded_on=dt.date(2026, 11, 2),
        prompt_id=prompt_id,
        situation=SITUATION,
        belief=BELIEF,
        strength_before=85,
        emotions=[Emotion(name="anxious", intensity=95), Emotion(name="ashamed")],
        partly_true="partly",
        distortions=["fortune_telling", "mind_reading"],
        evidence_for=EVIDENCE,
        next_step="act",
        action=PlannedAction(what=ACTION, done_when=DONE_WHEN, due=dt.date(2026, 11, 20)),
        strength_after=60,
        experiment=Experiment(
            prediction=PREDICTION,
            prediction_before=80,
            plan=PLAN,
            due=dt.date(2026, 11, 10),
            outcome=OUTCOME,
            prediction_after=30,
        ),
        reratings=[
            Rerating(on=dt.date(2026, 11, 16), strength=55, note=RERATE_NOTE),
            Rerating(on=dt.date(2026, 11, 23), strength=40),
        ],
    )


def a_win() -> Win:
    return Win(
        on=dt.date(2026, 11, 5),
        what=WIN_WHAT,
        measure=WinMeasure(name=WIN_MEASURE, before=99.6, after=99.8, unit="%"),
        benefited=WIN_BENEFITED,
    )


def a_story(story_types: tuple[str, ...] = ()) -> Story:
    return Story(**STORY, clarity=4, story_types=list(story_types))


@pytest.fixture
def prompt_id() -> str:
    return content.belief_prompts().prompts[0].id


def thought_record_editor(journal: Journal, record: ThoughtRecord) -> ThoughtRecordEditor:
    journal.save(record, "t1")
    return ThoughtRecordEditor(
        journal, content.distortions(), content.belief_prompts(), entry_id="t1", record=record
    )


def story_editor(journal: Journal, record: Story | None = None) -> StoryEditor:
    framework, types = content.frameworks()[0], content.deep_dives().story_types
    if record is not None:
        journal.save(record, "s1")
    return StoryEditor(journal, framework, types, "s1" if record else None, record)


# -- the pseudo-locale: nothing left in plain English ------------------------------------------


def test_the_thought_record_has_no_english_left_but_the_engineers(journal, prompt_id):
    with i18n.use("en-XA"):
        editor = thought_record_editor(journal, a_thought_record(prompt_id))
        assert editor.wellbeing_note.value and editor.guidance.value  # the parts under test
        shown = shown_text(editor)
        card = visible_text(record_card_html(editor.record, content.distortions()))
        summary = record_summary(editor.record, content.distortions())
    assert "Mark complete" not in shown and "Partly true?" not in shown
    for text in (shown, card, summary):
        assert_no_english(text)


def test_a_new_thought_record_and_its_empty_parts_have_no_english_left(journal):
    with i18n.use("en-XA"):
        editor = ThoughtRecordEditor(journal, content.distortions(), content.belief_prompts())
        # no re-ratings yet, "My own belief", the reframe step
        shown = shown_text(editor)
    assert_no_english(shown)


def test_wins_and_their_cards_have_no_english_left(journal):
    with i18n.use("en-XA"):
        journal.save(a_win(), "w1")
        editor = WinEditor(journal, "w1", a_win())
        shown = shown_text(editor)
        card = visible_text(win_card(a_win(), Links(journal)))
        described = WinsPanel.describe(None, a_win())  # the picker's and summary's line
    for text in (shown, card, described):
        assert_no_english(text)


def test_the_asks_of_the_manager_have_no_english_left(journal, tmp_path):
    journal.save(ManagerSupport(needs=ASKS))
    with i18n.use("en-XA"), Journal(tmp_path / "fresh.sqlite") as empty:
        form = ManagerSupportForm(journal)
        shown, summary = shown_text(form), form.summary()
        new = ManagerSupportForm(empty, readonly=True)
        fresh = shown_text(new) + "\n" + new.summary()
    for text in (shown, summary, fresh):
        assert_no_english(text)


def test_the_story_bank_has_no_english_left(journal):
    with i18n.use("en-XA"):
        ticked = content.deep_dives().story_types[0].id  # the guidance for a type ticked
        editor = story_editor(journal, a_story((ticked,)))
        assert editor.guidance.value
        shown = shown_text(editor)
        panel = StoriesPanel.__new__(StoriesPanel)
        panel.journal, panel.framework = journal, editor.framework
        panel.story_types = editor.story_types
        card = visible_text(panel.card("s1", editor.value))
        summary = story_summary(editor.value, editor.framework, editor.story_types)
    for text in (shown, card, summary):
        assert_no_english(text)


def test_the_templates_of_the_area_have_no_english_left():
    with i18n.use("en-XA"):
        linked = visible_text(fragment("forms/linked_stories", titles=STORY["title"]))
        proposal = visible_text(
            fragment("forms/proposal", title="—", note="", why="—", done_when=DONE_WHEN)
        )
        none_yet = visible_text(fragment("forms/reratings", reratings=[]))
    for text in (linked, proposal, none_yet):
        assert_no_english(text)


def test_the_stub_of_a_composite_takes_its_words_from_the_kernel():
    stub = (STATIC / "composite_stub.js").read_text(encoding="utf-8")
    code = re.sub(r"//.*", "", stub)
    assert not re.findall(r"\"[^\"]*[A-Za-z]{3,} [A-Za-z]{3,}[^\"]*\"", code)  # no sentence
    assert 'model.get("words")' in code
    with i18n.use("en-XA"):
        assert_no_english(stub_words()["not_loaded"])
    with i18n.use("zh-Hans"):
        assert stub_words()["not_loaded"].startswith("表单的这一部分没有加载出来")


# -- Chinese ---------------------------------------------------------------------------------


def test_the_thought_record_speaks_chinese(journal, prompt_id):
    with i18n.use("zh-Hans"):
        editor = thought_record_editor(journal, a_thought_record(prompt_id))
        card = record_card_html(editor.record, content.distortions())
        summary = record_summary(editor.record, content.distortions())
    assert editor.complete_button.description == "标记为完成"
    assert editor.rerate_button.description == "添加重新打分"
    assert editor.partly_true.description == "部分属实？"
    assert editor.partly_true.options[1][0].startswith("部分是：")
    assert editor.situation.description == "情境"
    assert editor.situation.placeholder.startswith("发生了什么")
    assert editor.status == "草稿：随写随存。"
    assert "检验它的问题" in editor.guidance.value and "危机热线" in editor.wellbeing_note.value
    assert "<b>支持的证据" in card and "<th>信念的预测</th>" in card
    assert "相信程度：85 → 60 → 55 → 40" in summary and "（2026-11-20 前）" in summary


def test_wins_stories_and_asks_speak_chinese(journal):
    with i18n.use("zh-Hans"):
        win = WinEditor(journal, None, a_win())
        story = story_editor(journal)
        asks = ManagerSupportForm(journal)
        card = win_card(a_win(), Links(journal))
    assert win.what.description == "带来的改变" and win.manager_sees.description == "放进经理版"
    assert "<b>影响" in card and "经理版" in card
    assert story.clarity.options[0][0] == "尚未自评" and story.headline.description == "要点"
    assert story.clarity.tooltip.startswith("大声讲一遍")
    assert asks.needs.description == "我需要你提供的支持"
    assert asks.hint.value.count("“") == 3 and "例如：" in asks.hint.value
    assert asks.status == "停止输入一秒后，你的请求就会保存。"


def test_english_stays_as_it_was(journal, prompt_id):
    with i18n.use("en"):
        editor = thought_record_editor(journal, a_thought_record(prompt_id))
        summary = record_summary(editor.record, content.distortions())
        asks = ManagerSupportForm(journal)
    assert editor.partly_true.options[0] == ("No: it is not true", "no")
    assert summary.splitlines()[1] == "  strength: 85 → 60 → 55 → 40"
    assert f"  evidence supports it; action: {ACTION} (by 2026-11-20)" in summary
    assert f"  experiment: {PLAN} (by 2026-11-10) — done" in summary
    assert asks.summary() == "What I need from my manager: 0 asks\n  (nothing written yet)"


# -- what is stored ----------------------------------------------------------------------------


def test_a_record_filled_in_chinese_stores_ids_and_the_engineers_words(journal_path):
    with i18n.use("zh-Hans"), Journal(journal_path) as journal:
        editor = ThoughtRecordEditor(journal, content.distortions(), content.belief_prompts())
        editor.situation.value = "设计评审改到了周五。"
        editor.belief.value = "我还不够资深。"
        editor.strength_before.value = "85"
        editor.emotions.value = "焦虑 80，羞愧 40"
        editor.partly_true.value = "partly"
        editor.distortions.tick("mind_reading")
        editor.evidence_for.value = "我在模拟面试里卡壳过一次。"
        editor.next_step.value = "act"
        editor.action.value = "重读设计文档，重新算一遍数字"
        editor.experiment_plan.value = "和同事做一次模拟系统设计。"
        editor.strength_after.value = "50"
        editor.save("complete")
        shown = editor.status
    with sqlite3.connect(journal_path) as con:
        (data,) = con.execute("SELECT data FROM entries WHERE kind = 'thought_record'").fetchone()
    assert "已保存完成的记录" in shown  # the status line said it in Chinese
    for held in ('"partly"', '"act"', '"mind_reading"', '"complete"', "我还不够资深。", "焦虑"):
        assert held in data
    with i18n.use("zh-Hans"):
        labels = [
            i18n.gettext(label)
            for label in (
                "Partly: part of it is a real problem (scope, visibility, a skill gap)",
                "The evidence mostly supports it → plan what to do about it",
                "complete",
                "draft",
                "Situation",
                "Emotions (0–100)",
            )
        ]
        labels.append(content.distortions().by_id("mind_reading").name)
    assert all(not label.isascii() for label in labels)  # each really is in Chinese
    assert [label for label in labels if label in data] == []

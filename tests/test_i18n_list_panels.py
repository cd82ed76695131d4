"""The pieces that met when the forms, panels, readers and views were wrapped (issue 32): a list
panel's words and its summary's first line as whole sentences, the growth-plan action a thought
record makes said in the engineer's language when it is made (and never translated later), the
colon after a card's part name and the brackets around a label's note as the language writes
them, the route names listed as the language lists them, workbook 03's probe with its words, and
the coach's role in the pseudo-locale and in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets import i18n
from widgets.content import coach_roles, routes
from widgets.content import seeds as content
from widgets.content.audiences import audience
from widgets.forms import commands
from widgets.forms.composite_code import stub_words
from widgets.forms.drills import probe_words
from widgets.forms.profile import _route_names
from widgets.forms.projects import DrillQuestion, ProjectsPanel
from widgets.forms.stories import StoriesPanel
from widgets.forms.thought_record import ThoughtRecordsPanel
from widgets.forms.wins import WinsPanel
from widgets.readers.plan import action_from
from widgets.storage.records import PlannedAction, ThoughtRecord, Win, WinMeasure
from widgets.storage.sources import ActionSource
from widgets.views.fragments import fragment

from .untranslated import english_words, visible_text

PANELS = (ThoughtRecordsPanel, StoriesPanel, WinsPanel, ProjectsPanel)
BELIEF = "I am not senior material"


def _bare(panel_type, journal, readonly: bool):
    """A list panel with nothing drawn: what ``summary()`` needs."""
    panel = panel_type.__new__(panel_type)
    panel.journal, panel.readonly = journal, readonly
    return panel


def _a_win(journal) -> None:
    journal.save(
        Win(
            on=dt.date(2026, 11, 5),
            what="Cut p99",
            measure=WinMeasure(name="p99", before=1.0, after=0.5, unit="s"),
        )
    )


@pytest.mark.parametrize("panel_type", PANELS)
def test_every_list_panel_says_its_words_in_whole_sentences(panel_type):
    for name in ("picker_label", "new_label", "unsaved_label", "empty_label"):
        assert getattr(panel_type, name), f"{panel_type.__name__}.{name} is left to English"
    own_heading = "count_heading" in vars(panel_type)  # a sentence of its own, with a context
    assert own_heading or (panel_type.count_label and panel_type.readonly_count_label)


def test_the_summary_heading_is_one_sentence_in_each_language(journal):
    _a_win(journal)
    said = {}
    for language in ("en", "zh-Hans", "en-XA"):
        with i18n.use(language):
            said[language] = [
                _bare(WinsPanel, journal, False).summary().splitlines()[0],
                _bare(WinsPanel, journal, True).summary().splitlines()[0],
                _bare(ThoughtRecordsPanel, journal, True).summary().splitlines()[0],
            ]
    assert said["en"] == ["Wins: 1", "Wins: 1 — read-only", "Thought records: 0 — read-only"]
    assert said["zh-Hans"] == ["成果：1", "成果：1（只读）", "思维记录：0（只读）"]
    assert english_words("\n".join(said["en-XA"]), set()) == []


def test_a_thought_records_action_says_why_in_the_language_of_its_day(journal):
    record = ThoughtRecord(
        recorded_on=dt.date(2026, 11, 2),
        situation="Review",
        belief=BELIEF,
        strength_before=80,
        partly_true="partly",
        next_step="act",
        action=PlannedAction(what="Ask for a design review", done_when="Booked"),
    )
    with i18n.use("zh-Hans"):
        commands.save_thought_record(journal, record, "t1", None)
    _id, action, _deleted = action_from(journal, ActionSource.belief("t1"))
    assert action.why == f"证据支持“{BELIEF}”这个想法（2026-11-02 的思维记录，练习册 01）。"
    with i18n.use("en"):  # stored words are never translated again
        _id, later, _deleted = action_from(journal, ActionSource.belief("t1"))
    assert later.why == action.why


def test_a_thought_records_action_in_english_reads_as_it_always_did(journal):
    record = ThoughtRecord(
        recorded_on=dt.date(2026, 11, 2),
        situation="Review",
        belief=BELIEF,
        strength_before=80,
        partly_true="partly",
        next_step="act",
        action=PlannedAction(what="Ask for a design review", done_when="Booked"),
    )
    with i18n.use("en"):
        commands.save_thought_record(journal, record, "t1", None)
    _id, action, _deleted = action_from(journal, ActionSource.belief("t1"))
    assert action.why == (
        f'The evidence supports the thought "{BELIEF}" (thought record of 2026-11-02, workbook 01).'
    )


def test_a_cards_colon_and_a_labels_brackets_are_the_languages():
    card = {"title": "T", "subtitle": "S", "parts": [("Goal", "Ship it")]}
    label = {"title": "Experiment", "note": "optional"}
    with i18n.use("en"):
        assert "<b>Goal:</b> " in fragment("forms/card", **card)
        assert "<span class='stepup-muted'>(optional)</span>" in fragment("forms/label", **label)
    with i18n.use("zh-Hans"):
        assert "<b>Goal：</b>" in fragment("forms/card", **card)
        assert "（optional）" in fragment("forms/label", **label)
    with i18n.use("en-XA"):
        said = visible_text(fragment("forms/label", title="", note="x"))
    assert said.startswith("[") and said.endswith("~]")  # the brackets went through the catalogue


def test_route_names_are_listed_as_the_language_lists_them():
    ids = list(routes.routes().ids())
    with i18n.use("en"):
        english = [routes.routes().get(i).sentence_name for i in ids]
        assert _route_names(ids) == ", ".join(english)
    with i18n.use("zh-Hans"):
        assert "、" in _route_names(ids) and ", " not in _route_names(ids)


def test_workbook_03s_probe_draws_with_its_words():
    question = content.deep_dives().questions[0]
    with i18n.use("zh-Hans"):
        probe = DrillQuestion(question, None)
        assert probe.words == {**stub_words(), **probe_words(question.question)}
        assert probe.words["confidence"] != "Confidence" and all(probe.words.values())
    with i18n.use("en"):
        assert DrillQuestion(question, None).words["confidence"] == "Confidence"


def test_the_coach_role_and_the_form_note_translate():
    with i18n.use("en-XA"):
        labels = [role.label for role in coach_roles.coach_roles().entries]
        note = audience("manager").word("form_note")
        askers = [route.words.askers for route in routes.routes().entries]
    assert english_words(" ".join(labels + [note] + askers), set()) == []
    with i18n.use("zh-Hans"):
        assert [r.label for r in coach_roles.coach_roles().entries] == ["经理", "导师", "教练"]
        assert audience("manager").word("form_note") == "经理版会显示这一项。"
        manager = coach_roles.coach_roles().get("manager")
        assert manager.on_the_page.startswith("你以这位工程师的经理身份")
    with i18n.use("en"):
        assert [r.label for r in coach_roles.coach_roles().entries] == [
            "manager",
            "mentor",
            "coach",
        ]


def test_the_composites_of_these_forms_send_their_stubs_words():
    """What the page says when a composite's code did not come is sent with its words."""
    from widgets.forms import words

    with i18n.use("zh-Hans"):
        said = stub_words()["not_loaded"]
        probe = DrillQuestion(content.deep_dives().questions[0], None)
        for sent in (
            probe.words,
            words.tick_grid_words(),
            words.rating_row_words("系统设计"),
            words.coach_row_words("系统设计"),
        ):
            assert sent["not_loaded"] == said


def test_a_thought_records_status_line_is_one_sentence_in_chinese(journal):
    from widgets.forms.thought_record import ThoughtRecordEditor

    with i18n.use("zh-Hans"):
        editor = ThoughtRecordEditor(journal, content.distortions(), content.belief_prompts())
        editor.belief.value = BELIEF
        editor.save()
    assert editor.status.endswith(" 草稿已保存。") and "Draft" not in editor.status

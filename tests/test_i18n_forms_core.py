"""The forms' own words in the engineer's language (issue 32): the profile, the projects with
their drill and depth, the self-rating and the coach's rating, drawn under the pseudo-locale,
leave no plain English anywhere a person reads (labels, placeholders, buttons, tooltips, the
status line, the cards); under zh-Hans a few key sentences come out in Chinese."""

from __future__ import annotations

import datetime as dt
import re

import ipywidgets as w
import pytest

from widgets import i18n
from widgets.content import seeds as content
from widgets.forms.base import JournalForm
from widgets.forms.competency import CoachRatingsForm, CompetencyRatingsForm, FrameworkChoice
from widgets.forms.entries import EntryListPanel
from widgets.forms.profile import ProfileForm
from widgets.forms.projects import ProjectsPanel
from widgets.storage.journal import Journal
from widgets.storage.records import (
    CoachAssessment,
    CoachRating,
    CompetencyAssessment,
    CompetencyRating,
    Profile,
    Project,
)

from .untranslated import english_lines, english_words, visible_text

# The engineer's own words, typed in the forms: they stay as written in every language.
OWN = {
    "alias": "Wren",
    "company": "Globex",
    "interview_level": "Staff",
    "cycle": "Autumn",
    "rating": "Strong",
    "worries": "Visibility",
    "manager": "Ruth",
    "project": "Ranking features",
    "goal": "Churn dropped",
    "coach": "Dana",
    "coach_note": "Solid designs",
    "evidence": "Designed ingest",
    "who": "Priya",
    "metric": "latency",
    "decision": "Outbox",
    "part": "serving path",
}
ALLOWED = frozenset(word for said in OWN.values() for word in re.findall(r"[A-Za-z]+", said)) | {
    "Step",
    "Up",
    "Dana",  # the coach in the placeholder's example, a name
    "L5",
    "H2",
    "e.g",
    "English",  # a language is offered by its name in itself
}
PLACEHOLDER = re.compile(r"\{\w+\}")  # put in by the page code ({name}: an option's name)


def _texts(widget: w.Widget) -> list[str]:
    """What a person reads or hears of one widget (not its children)."""
    said: list[str] = []
    for name in ("description", "placeholder", "tooltip", "label", "weight_hint"):
        value = getattr(widget, name, "")
        if isinstance(value, str) and value:
            said.append(value)
    if isinstance(widget, w.HTML):
        said.append(visible_text(widget.value))
    for name in widget.trait_names(html=True):
        said.append(visible_text(getattr(widget, name) or ""))
    if isinstance(widget, (w.Dropdown, w.Select)):
        said += [label for label, _value in widget.options]
    for name in widget.trait_names(sync=True):
        if name.endswith("_options"):
            said += [option[0] for option in getattr(widget, name)]
    words = getattr(widget, "words", None)  # a composite's page code's words
    if isinstance(words, dict):
        said += [PLACEHOLDER.sub("", sentence) for sentence in words.values()]
    if isinstance(widget, w.Accordion):
        said += [widget.get_title(i) or "" for i in range(len(widget.children))]
    return said


def shown(root: w.Widget) -> str:
    """Every piece of text a form shows or names, one per line: every part of it, the rehearsal
    under a project, a probe's question and the notes beside free-text fields among them."""
    lines: list[str] = []
    stack = [root]
    while stack:
        widget = stack.pop()
        lines += _texts(widget)
        children = list(getattr(widget, "children", ()) or ())
        stack += children
    if isinstance(root, JournalForm):
        lines.append(root.status)
    return "\n".join(line for line in lines if line)


def assert_no_english(text: str) -> None:
    found = english_words(text, ALLOWED)
    assert found == [], (found, english_lines(text, ALLOWED))


def _profile(journal: Journal) -> None:
    journal.save(
        Profile(
            alias=OWN["alias"],
            current_level="mid",
            target_level="junior",  # not above: the level hint shows
            worries=OWN["worries"],
            manager=OWN["manager"],
            routes=["interview"],  # two: routes.words joins them with an English " or "
            interviews=[
                {
                    "company": OWN["company"],
                    "level": OWN["interview_level"],
                    "date": dt.date(2026, 12, 20),
                }
            ],
            past_ratings=[{"cycle": OWN["cycle"], "rating": OWN["rating"]}],
        )
    )


def _project(journal: Journal) -> None:
    journal.save(
        Project.model_validate(
            {
                "name": OWN["project"],
                "goal": OWN["goal"],
                "drill": {
                    "problem": {"answer": OWN["goal"], "confidence": 2, "needs_research": True}
                },
                "depth": {
                    "artefacts": {"design_doc": {"reread": True, "note": OWN["part"]}},
                    "people": [{"who": OWN["who"], "ask": OWN["goal"]}],
                    "numbers": [{"metric": OWN["metric"], "baseline": {"value": 4}}],
                    "decisions": [{"decision": OWN["decision"], "why": OWN["goal"]}],
                    "not_mine": [{"part": OWN["part"], "steps": {"owner": OWN["goal"]}}],
                },
            }
        )
    )


def _ratings(journal: Journal) -> None:
    framework = content.frameworks()[0]
    competency = framework.competencies[0].id
    journal.save(
        CompetencyAssessment(
            framework_id=framework.id,
            ratings={
                competency: CompetencyRating(
                    current="senior", target="staff", confidence=3, evidence=OWN["evidence"]
                )
            },
        ),
        CompetencyAssessment.entry_id(framework.id),
    )
    journal.save(
        CoachAssessment(
            framework_id=framework.id,
            rater=OWN["coach"],
            rated_on=dt.date(2026, 12, 1),
            ratings={competency: CoachRating(level="mid", note=OWN["coach_note"])},
        )
    )


@pytest.fixture
def filled(journal_path):
    with Journal(journal_path) as journal:
        _profile(journal)
        _project(journal)
        _ratings(journal)
        yield journal


def _project_editor(journal: Journal) -> ProjectsPanel:
    panel = ProjectsPanel(journal, content.deep_dives().questions)
    for part in panel.editor.depth.part_ids:
        panel.editor.depth.open_part(part)
    return panel


def test_the_profile_says_nothing_in_plain_english_under_the_pseudo_locale(filled):
    with i18n.use("en-XA"):
        form = ProfileForm(filled, content.levels())
        assert_no_english(shown(form))
        form.add_interview.click()
        form.years_experience.value = "-3"  # refused: the status line and the message say why
        assert not form.status_ok
        assert_no_english(shown(form))
        form.years_experience.value = "7"
        assert form.status_ok
        assert_no_english(shown(form))
        coach = ProfileForm(filled, content.levels(), readonly=True)
        coach.lists["interviews"].rows = ()
        coach.lists["interviews"].layout()  # "None recorded yet."
        assert_no_english(shown(coach))


def test_the_project_its_drill_and_depth_say_nothing_in_plain_english(filled):
    with i18n.use("en-XA"):
        panel = _project_editor(filled)
        editor = panel.editor
        assert_no_english(shown(panel))
        editor.team_size.value = "many"  # refused
        assert_no_english(shown(panel))
        editor.team_size.value = "4"
        assert editor.status_ok
        assert_no_english(shown(panel))
        panel.new_entry()  # the picker's "New project (not saved yet)"
        assert_no_english(shown(panel))
        coach = ProjectsPanel(filled, content.deep_dives().questions, readonly=True)
        assert_no_english(shown(coach))


def test_the_coach_sees_no_projects_in_the_engineers_language(journal):
    with i18n.use("en-XA"):
        assert_no_english(shown(ProjectsPanel(journal, [], readonly=True)))
    with i18n.use("zh-Hans"):
        assert "还没有项目。" in shown(ProjectsPanel(journal, [], readonly=True))


def test_the_self_rating_and_the_coachs_rating_say_nothing_in_plain_english(filled):
    with i18n.use("en-XA"):
        choice = FrameworkChoice(filled)
        ratings = CompetencyRatingsForm(filled, choice)
        assert_no_english(shown(ratings))
        row = next(iter(ratings.rows.values()))
        row.current = "staff"
        assert ratings.status_ok and row.saved
        assert_no_english(shown(ratings))
        coach = CoachRatingsForm(filled, choice)
        assert_no_english(shown(coach))
        next(iter(coach.rows.values())).level = "senior"
        assert coach.status_ok
        assert_no_english(shown(coach))
        assert_no_english(shown(CoachRatingsForm(filled, choice, readonly=True)))


def test_the_forms_speak_chinese(filled):
    with i18n.use("zh-Hans"):
        form = ProfileForm(filled, content.levels())
        assert form.alias.description == "姓名或昵称"
        assert form.add_interview.description == "添加面试"
        assert form.interview_rows[0].remove.tooltip == "删除这场面试"
        assert "你的目标职级并不高于当前职级" in form.level_hint.value
        form.years_experience.value = "7"
        assert re.fullmatch(r"\d\d:\d\d 所有回答已保存。", form.status)
        editor = _project_editor(filled).editor
        assert editor.depth.get_title(3).endswith("（1 项决策）")
        assert editor.depth.lists["people"].add_button.description == "添加一个人"
        assert editor.team_size.placeholder == "人"
        choice = FrameworkChoice(filled)
        row = next(iter(CompetencyRatingsForm(filled, choice).rows.values()))
        assert row.words["current"] == "你现在"
        assert "⚑ 评分分歧" in row.coach_view and "下一次辅导会谈" in row.coach_view
        assert ("1 · 只是猜测", 1) in row.confidence_options
        coach = CoachRatingsForm(filled, choice)
        assert coach.rater.description == "教练"
        table = CoachRatingsForm(filled, choice, readonly=True).table.value
        assert "能力项" in table and "教练的看法" in table


def test_english_stays_as_it_was(filled):
    with i18n.use("en"):
        form = ProfileForm(filled, content.levels())
        assert form.status == (
            "Saved answers loaded. Each answer saves a second after you stop typing."
        )
        form.years_experience.value = "-3"
        assert form.status == "Not saved: the field marked in red keeps its last good value."
        form.years_experience.value = "7"
        assert re.fullmatch(r"All answers saved at \d\d:\d\d\.", form.status)
        editor = _project_editor(filled).editor
        assert editor.depth.get_title(2).endswith("(0 of 1 with all three numbers)")
        assert editor.depth.get_title(1).endswith("(1 person)")
        row = next(iter(CompetencyRatingsForm(filled, FrameworkChoice(filled)).rows.values()))
        assert row.words["evidence_name"] == f"Evidence: {row.competency.name}"
        assert "⚑ Disagreement · Coach (Dana, 2026-12-01)" in row.coach_view


def test_a_panel_that_names_its_sentences_gets_them_translated():
    assert all(
        getattr(ProjectsPanel, name)
        for name in ("picker_label", "new_label", "unsaved_label", "empty_label")
    )
    assert EntryListPanel.picker_label == ""  # the base: English built from noun


def test_what_a_form_says_of_itself_as_text_is_in_the_engineers_language(filled):
    """The text a notebook keeps of a form (its summary, read where widgets are not drawn)."""
    with i18n.use("en-XA"):
        choice = FrameworkChoice(filled)
        forms = (
            ProfileForm(filled, content.levels(), readonly=True),
            ProjectsPanel(filled, content.deep_dives().questions, readonly=True),
            CompetencyRatingsForm(filled, choice),
            CoachRatingsForm(filled, choice),
        )
        for form in forms:
            assert_no_english(form.summary())
    with i18n.use("zh-Hans"):
        assert ProfileForm(filled, content.levels()).summary().startswith("Wren 的个人档案")
    with i18n.use("en"):
        assert ProfileForm(filled, content.levels()).summary().startswith("Profile of Wren\n")

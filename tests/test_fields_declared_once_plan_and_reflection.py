"""Each answer of the thought record, plan, check-in, manager-support, rehearsal and competency
forms is declared once (issue 29, item 8): one declaration covers every field of its record the
form edits, builds the control, reads it back, and is what the record's card says."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from widgets.content import seeds as content
from widgets.forms.base import field_parts
from widgets.forms.competency_rows import CoachRow, CompetencyRow
from widgets.forms.plan import ActionEditor, CheckinEditor, action_card
from widgets.forms.rehearsal import RATED, SCORES, TEXTS, Recorder
from widgets.forms.support import ManagerSupportForm
from widgets.forms.thought_record import ThoughtRecordEditor, record_card_html
from widgets.storage.records import (
    TAKE_RATINGS,
    Action,
    Checkin,
    CoachRating,
    CompetencyRating,
    Rehearsal,
    ThoughtRecord,
)
from widgets.storage.sources import ActionSource

DAY = dt.date(2026, 3, 2)
FORMS = [ThoughtRecordEditor, ActionEditor, CheckinEditor, ManagerSupportForm]

THOUGHT = ThoughtRecord(
    recorded_on=DAY,
    prompt_id=None,
    situation="Situation words",
    belief="Belief words",
    strength_before=81,
    emotions=[{"name": "anxious", "intensity": 72}, {"name": "flat"}],
    distortions=["fortune_telling", "labeling"],
    evidence_for="For words",
    evidence_against="Against words",
    next_step="act",
    balanced_thought="Balanced words",
    balanced_strength=41,
    action={"what": "Act words", "done_when": "Done words", "due": DAY + dt.timedelta(3)},
    strength_after=52,
    experiment={"plan": "Plan words", "due": DAY + dt.timedelta(5), "outcome": "Outcome words"},
)
ACTION = Action(
    what="Mock deep dive",
    why="Why words",
    source=ActionSource("own"),
    done_when="Done words",
    due=DAY,
    status="in_progress",
    created_on=DAY,
    manager_sees=False,
)
CHECKIN = Checkin(
    week_of=DAY, confidence=6, hours=4.5, wins="Wins words", blockers="B", next_focus="N"
)


def where(field) -> tuple[str, ...]:
    return field.path or (field.name,)


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__)
def test_every_field_the_form_edits_is_declared_exactly_once(form):
    """Every field of the record is either one declared answer or kept as held (``KEPT``, set by
    a button or where the entry came from); none is both, and no answer is declared twice."""
    places = [where(field) for field in form.FIELDS]
    assert len(set(places)) == len(places), "an answer declared twice"
    assert len({f.name for f in form.FIELDS}) == len(form.FIELDS)
    assert len({f.key for f in form.FIELDS}) == len(form.FIELDS), "two answers, one control"
    kept = set(getattr(form, "KEPT", ()))
    assert not kept & {place[0] for place in places}
    assert undeclared(form, form.model) == set()


def undeclared(form, model) -> set[str]:
    """The fields of ``model`` (and of its parts the form edits) no declaration covers."""
    places = [where(field) for field in form.FIELDS]
    missing = set(model.model_fields) - {p[0] for p in places} - set(getattr(form, "KEPT", ()))
    for part in {place[0] for place in places if len(place) > 1}:  # parts: every answer inside
        inside = set(model.model_fields[part].annotation.model_fields)
        missing |= {f"{part}.{name}" for name in inside - {p[1] for p in places if p[0] == part}}
    return missing


def test_a_record_field_not_declared_is_caught():
    class Extended(ThoughtRecord):
        mood_after: str = ""

    assert undeclared(ThoughtRecordEditor, Extended) == {"mood_after"}


def _editor(form, journal, record):
    if form is ThoughtRecordEditor:
        return form(journal, content.distortions(), content.belief_prompts(), "e1", record)
    return form(journal, "e1", record)


@pytest.mark.parametrize(
    ("form", "record"),
    [(ThoughtRecordEditor, THOUGHT), (ActionEditor, ACTION), (CheckinEditor, CHECKIN)],
    ids=["thought_record", "action", "checkin"],
)
def test_the_controls_built_from_the_declarations_read_back_the_record(journal, form, record):
    editor = _editor(form, journal, record)
    assert editor.controls() == [getattr(editor, field.key) for field in form.FIELDS]
    assert form.model.model_validate(editor.collect()) == record
    assert journal.get("e1") is None  # reading the controls wrote nothing


def test_the_support_form_reads_back_its_one_answer(journal):
    form = ManagerSupportForm(journal)
    form.needs.value = "A project I can own\nFeedback within a week"
    assert journal.record("manager_support").needs == form.needs.value
    assert form.controls() == [form.needs] and list(form.rows) == ["needs"]


def _card_parts(card: str) -> list[tuple[str, str]]:
    """(name, words) of every part a card shows, in order."""
    return [
        (html.unescape(name), html.unescape(words).strip())
        for name, words in re.findall(r"<p><b>(.*?):</b> (.*?)</p>", str(card), re.DOTALL)
    ]


def test_the_thought_record_card_says_what_the_declarations_say():
    distortions = content.distortions()
    for step in ("act", "reframe"):
        record = THOUGHT.model_copy(update={"next_step": step})
        shown = _card_parts(record_card_html(record, distortions))
        named = {"distortions": lambda ids: ", ".join(distortions.by_id(i).name for i in ids)}
        declared = field_parts(ThoughtRecordEditor.FIELDS, record, named)
        assert shown == [part for part in declared if part[1]]  # a card leaves out empty parts
        hidden = "Balanced words" if step == "act" else "Act words"
        assert hidden not in str(record_card_html(record, distortions))
    act = dict(_card_parts(record_card_html(THOUGHT, distortions)))
    assert act["What they will do"] == "Act words" and act["Emotions"] == "anxious 72, flat"
    assert act["By"] == "2026-03-05" and act["Do it by"] == "2026-03-07"


def test_the_plan_cards_say_what_the_declarations_say():
    assert _card_parts(action_card(ACTION)) == [
        ("Why", "Why words"),
        ("Done when", "Done words"),
        ("Comes from", "your own"),
        ("Manager's copy", "left out"),
    ]
    declared = field_parts(ActionEditor.FIELDS, ACTION)
    assert [part for part in _card_parts(action_card(ACTION)) if part[0] != "Comes from"] == (
        declared
    )
    assert field_parts(CheckinEditor.FIELDS, CHECKIN) == [
        ("Wins", "Wins words"),
        ("Blockers", "B"),
        ("Next week's focus", "N"),
    ]


def test_the_recorder_holds_each_answer_of_a_take_once():
    take_answers = set(SCORES) | set(TEXTS)
    assert take_answers <= set(Rehearsal.model_fields)
    assert set(Recorder.ANSWERS) == set(RATED) | set(TEXTS)
    assert len(RATED) == len(SCORES) * len(TAKE_RATINGS) == len(set(RATED))
    recorder = Recorder("the story", 120)
    answers = {
        "self_scores": {"clarity": 3, "pace": 2},
        "coach_scores": {"structure": 5},
        "notes": "n",
        "coach_rater": "Dana",
        "coach_note": "c",
    }
    recorder.show(Rehearsal.model_construct(**answers))
    assert recorder.answers() == answers


def test_the_competency_rows_show_and_read_back_a_rating():
    framework = content.frameworks()[0]
    competency = framework.competencies[0]
    level = framework.levels[1].id
    rating = CompetencyRating(current=level, target=None, evidence="e", confidence=4, weight=None)
    row = CompetencyRow(framework, competency, rating)
    assert CompetencyRating.model_validate(row.collect()) == rating
    coach = CoachRow(framework, competency, CoachRating(level=level, note="why"))
    assert coach.answer() == {"level": level, "note": "why"}
    coach.show(None)
    assert coach.answer() is None
    assert set(CoachRow.held(None)) == set(CoachRow.ANSWERS)
    assert set(CompetencyRow.held(rating, competency)) == set(CompetencyRow.ANSWERS)
    assert set(CompetencyRow.ANSWERS) == set(CompetencyRating.model_fields)

"""Gaps that trust evidence (issue 31): a gap is measured from the coach's rating when the coach
rated the competency in the last six months, else from the engineer's own; the table says which,
and the engineer's own rating stays beside it. Self and coach one level or more apart is a
disagreement: a question for the next session, on the engineer's page and the coach's. The
manager's copy shows neither the coach's rating nor a disagreement."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from widgets import coach_session, competency_gaps, competency_ratings
from widgets.content import seeds as content
from widgets.readers.competencies import (
    COACH,
    COACH_RATING_FRESH_DAYS,
    SELF,
    disagreements,
    gaps,
    measured_from,
)
from widgets.storage.journal import Journal
from widgets.storage.records import (
    CoachAssessment,
    CoachRating,
    CompetencyAssessment,
    CompetencyRating,
    Profile,
)
from widgets.storage.sources import ActionSource
from widgets.views.report import build_report

TODAY = dt.date(2026, 11, 20)
FRAMEWORK = content.frameworks()[0]  # software: junior, mid, senior, staff


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    return TODAY


def _own(**levels: str) -> CompetencyAssessment:
    """Self-ratings aimed at senior: competency id → current level id."""
    return CompetencyAssessment(
        framework_id="software",
        ratings={
            cid: CompetencyRating(current=level, target="senior", weight=2)
            for cid, level in levels.items()
        },
    )


def _coach(rated_on: dt.date = TODAY, **levels: str) -> CoachAssessment:
    return CoachAssessment(
        framework_id="software",
        rater="Dana",
        rated_on=rated_on,
        ratings={cid: CoachRating(level=level) for cid, level in levels.items()},
    )


def _save(journal_path, own, coach=None, role="coach") -> None:
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Mei", target_level="senior", coach_role=role))
        journal.save(own, CompetencyAssessment.entry_id("software"))
        if coach is not None:
            journal.save(coach)


def _row(table: str, name: str) -> str:
    return next(row for row in table.split("<tr>") if f"<td>{name}</td>" in row)


def test_a_coach_rating_above_self_shrinks_the_gap_and_the_table_says_so(journal_path, today):
    own, coach = _own(communication="junior"), _coach(communication="mid")
    _save(journal_path, own, coach)
    (before,) = gaps(FRAMEWORK, own)
    (after,) = gaps(FRAMEWORK, own, None, coach)
    assert (before.levels, before.source) == (2, SELF)
    assert (after.levels, after.source, after.current, after.own) == (1, COACH, "mid", "junior")
    panel = competency_gaps()
    assert [(g.competency_id, g.levels, g.weighted) for g in panel.gaps] == [
        ("communication", 1, 2)  # 1 level × her weight 2, down from 2 × 2
    ]
    row = _row(panel.table.value, "Communication")
    # Her own rating stays on the row, beside the coach's, and the row says which one it used.
    assert "<td>Junior engineer</td><td>Mid-level engineer</td>" in row
    assert "your coach's rating" in html.unescape(row)
    assert "measured from the coach's rating: Communication" in panel.summary()


def test_without_a_coach_rating_the_gap_is_as_before(journal_path, today):
    own = _own(communication="junior", system_design="mid")
    _save(journal_path, own, _coach(code_quality="staff"))  # the coach rated something else
    assert gaps(FRAMEWORK, own, None, _coach(code_quality="staff")) == gaps(FRAMEWORK, own)
    assert [(g.levels, g.source) for g in gaps(FRAMEWORK, own)] == [(2, SELF), (1, SELF)]
    table = competency_gaps().table.value
    assert "<td>your rating</td>" in table.replace(' class="stepup-gap-source"', "")
    assert "your coach's rating</td>" not in html.unescape(table)


def test_with_no_coach_at_all_the_table_is_the_one_before_issue_31(journal_path, today):
    _save(journal_path, _own(communication="junior"))
    table = competency_gaps().table.value
    assert "<th>Levels to target</th>" in table and "Gap measured from" not in table


def test_an_old_coach_rating_is_not_used(journal_path, today):
    old = TODAY - dt.timedelta(days=COACH_RATING_FRESH_DAYS + 1)
    own = _own(communication="junior")
    assert measured_from(FRAMEWORK, "communication", own, _coach(old, communication="mid")) == (
        "junior",
        SELF,
    )
    recent = TODAY - dt.timedelta(days=COACH_RATING_FRESH_DAYS)
    assert measured_from(FRAMEWORK, "communication", own, _coach(recent, communication="mid")) == (
        "mid",
        COACH,
    )


def test_a_coach_rating_lower_than_self_widens_the_gap(today):
    own = _own(system_design="mid")
    (gap,) = gaps(FRAMEWORK, own, None, _coach(system_design="junior"))
    assert (gap.levels, gap.source, gap.own) == (2, COACH, "mid")


def test_a_coach_rating_at_target_closes_the_gap_and_the_table_says_why(journal_path, today):
    _save(journal_path, _own(communication="junior"), _coach(communication="senior"))
    panel = competency_gaps()
    assert panel.gaps == []
    said = html.unescape(panel.table.value)
    assert "Not a gap now: your coach rates Communication at or above your target" in said
    assert "No gaps: every rated competency" not in said  # her own rating is below it


def test_a_one_level_disagreement_is_a_question_on_the_engineers_page(journal_path, today):
    _save(journal_path, _own(system_design="mid"), _coach(system_design="senior"))
    (found,) = disagreements(FRAMEWORK, _own(system_design="mid"), _coach(system_design="senior"))
    assert (found.name, found.difference) == ("System design", 1)
    questions = html.unescape(competency_gaps().questions.value)
    assert "where you and your coach disagree" in questions
    assert (
        "You rated <b>System design</b> Mid-level engineer. Your coach rated it Senior engineer."
        " Bring one piece of evidence." in questions
    )
    beside = html.unescape(competency_ratings().form.rows["system_design"].coach_view)
    assert "⚑ Disagreement" in beside and "You rated it Mid-level engineer." in beside
    assert "calibration" not in (questions + beside).lower()


def test_agreeing_is_no_question(journal_path, today):
    _save(journal_path, _own(system_design="mid"), _coach(system_design="mid"))
    assert competency_gaps().questions.value.strip() == ""
    assert "Disagreement" not in competency_ratings().form.rows["system_design"].coach_view


def test_a_one_level_disagreement_is_a_question_on_the_coachs_page(
    journal_path, today, monkeypatch
):
    _save(journal_path, _own(system_design="mid"), _coach(system_design="senior"))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    session = coach_session()
    page = html.unescape(session.html)
    assert "<b>Disagreements</b>" in page
    assert (
        "<b>System design</b>: self Mid-level engineer, coach Senior engineer."
        " Ask for one piece of evidence for each view." in page
    )
    said = session.summary()
    assert "disagreements: System design (Mid-level engineer / Senior engineer)" in said
    assert "calibration" not in page.lower()


def test_the_coachs_page_says_which_rating_each_gap_used(journal_path, today, monkeypatch):
    own = _own(communication="junior", system_design="mid")
    _save(journal_path, own, _coach(communication="mid"))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = coach_session().html
    assert "<th>Gap from</th>" in page
    assert "<td>Communication</td><td>Junior engineer → Senior engineer</td>" in page
    rows = {row.split("</td>")[0]: row for row in page.split("<tr><td>")[1:]}
    assert "<td>coach</td>" in rows["Communication"] and "<td>self</td>" in rows["System design"]


def test_the_managers_copy_shows_no_coach_rating_and_no_disagreement(journal_path, today):
    # Her coach rates System design at staff, one level above her target: by the coach's rating
    # it is no gap, and Communication is a disagreement. The manager reads neither.
    own = _own(system_design="mid", communication="mid")
    _save(journal_path, own, _coach(system_design="staff", communication="senior"))
    with Journal(journal_path) as journal:
        copies = [build_report(journal, fmt, "manager", "none").text for fmt in ("md", "html")]
        mine = build_report(journal, "md", "me", "none").text
    assert "Staff engineer" in mine and "disagree" in mine  # the journal holds both
    for text in copies:
        assert "Staff engineer" not in text and "Dana" not in text
        assert "disagree" not in text.lower() and "coach" not in text.lower()
        assert "System design" in text  # a growth area, measured from her own rating


def test_a_coach_who_is_the_manager_moves_the_managers_gaps_but_shows_no_disagreement(
    journal_path, today
):
    own = _own(system_design="mid", communication="mid")
    _save(journal_path, own, _coach(system_design="staff", communication="senior"), "manager")
    with Journal(journal_path) as journal:
        md = build_report(journal, "md", "manager", "none").text
    assert "| System design |" not in md  # the manager's own rating is at her target
    assert "disagree" not in md.lower()


def test_the_engineers_page_names_the_coach_as_the_profile_does(journal_path, today):
    own = _own(system_design="junior", communication="junior")
    _save(journal_path, own, _coach(system_design="senior", communication="mid"), "manager")
    panel = competency_gaps()
    said = html.unescape(panel.table.value + panel.questions.value)
    assert "<th>Your manager</th>" in said and "your manager's rating" in said
    assert "Not a gap now: your manager rates System design at or above your target." in said
    assert "where you and your manager disagree" in said


@pytest.mark.parametrize(
    "coach_age_days, proposed", [(0, False), (COACH_RATING_FRESH_DAYS + 1, True)]
)
def test_the_plan_and_the_reading_list_measure_gaps_as_the_radar_does(
    journal_path, today, coach_age_days, proposed
):
    """A competency the coach recently rated at its target is no gap on workbook 02's table, so
    workbook 05 proposes no action to close it and the reading list gives it no topic; a coach's
    rating older than six months leaves the engineer's own gap standing."""
    from widgets.readers.plan import proposals
    from widgets.readers.reading import reading_list

    rated_on = TODAY - dt.timedelta(days=coach_age_days)
    _save(journal_path, _own(communication="mid"), _coach(rated_on, communication="senior"))
    with Journal(journal_path, readonly=True) as journal:
        sources = [p.source for p in proposals(journal, TODAY)]
        topics = reading_list(journal).group("gap")
    communication = FRAMEWORK.competency("communication").name
    assert (ActionSource.of("gap", "software", "communication") in sources) is proposed
    assert (communication in [topic.name for topic in topics]) is proposed

"""The route in the profile and its milestones: the form asks the routes and the promotion
cycle, the milestones are read as seeds/routes.yaml says, and 05's runway and timeline, the
roster and the manager's copy follow the nearest one."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets import charts, profile_form, readiness_timeline
from widgets.content import routes
from widgets.forms.plan import proposals_note
from widgets.readers.milestones import milestones, next_milestone
from widgets.readers.plan import Runway, propose
from widgets.storage.journal import Journal
from widgets.storage.records import Checkin, CycleRating, Interview, Profile, PromotionCycle
from widgets.views.overview import overview
from widgets.views.report import render_report
from widgets.views.roster_rows import COLUMNS, mentee_row, sort_mentees

from .test_third_track import PACKAGE, _python_branches

TODAY = dt.date(2027, 3, 1)
INTERVIEW_ID, PROMOTION_ID = routes.routes().ids()  # the registry's ids, never typed in a test


def _profile(route_ids: list[str], interview_in: int | None, calibration_in: int | None):
    """A profile on ``route_ids``, with an interview and a calibration date that many days out."""
    day = lambda n: TODAY + dt.timedelta(days=n) if n is not None else None
    return Profile(
        alias="Mei",
        routes=route_ids,
        interviews=[Interview(company="Northwind", date=day(interview_in))] if interview_in else [],
        promotion_cycle=PromotionCycle(
            name="May cycle",
            packet_due=day(calibration_in - 20) if calibration_in else None,
            calibration_on=day(calibration_in),
        ),
    )


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    return TODAY


def test_the_form_saves_and_reloads_every_answer_of_the_promotion_route(journal_path, today):
    form = profile_form()
    form.routes.tick(PROMOTION_ID)
    form.cycle_name.value = "May cycle"
    form.packet_due.value = dt.date(2027, 4, 20)
    form.calibration_on.value = dt.date(2027, 5, 12)
    form.manager.value = "Dana"
    form.sponsors.value = "Lee (director)"
    ratings = form.lists["past_ratings"]
    for cycle in ("H1 2026", "H2 2026"):
        ratings.add.click()
        ratings.rows[-1].cycle.value = cycle
        ratings.rows[-1].rating.value = "Meets"
    form.save()
    with Journal(journal_path, readonly=True) as journal:
        saved = journal.record(Profile.kind)
    assert saved.routes == [INTERVIEW_ID, PROMOTION_ID]
    assert saved.promotion_cycle == PromotionCycle(
        name="May cycle", packet_due=dt.date(2027, 4, 20), calibration_on=dt.date(2027, 5, 12)
    )
    assert saved.past_ratings == [
        CycleRating(cycle=c, rating="Meets") for c in ("H1 2026", "H2 2026")
    ]
    assert (saved.manager, saved.sponsors) == ("Dana", "Lee (director)")
    # A removed rating is gone from the journal; the others come back in a new form.
    ratings.rows[0].remove.click()
    form.close()
    again = profile_form()
    assert again.routes.chosen == [INTERVIEW_ID, PROMOTION_ID]
    assert again.calibration_on.value == dt.date(2027, 5, 12)
    assert [r.values() for r in again.lists["past_ratings"].rows] == [
        {"cycle": "H2 2026", "rating": "Meets"}
    ]
    assert again.manager.value == "Dana" and again.cycle_name.value == "May cycle"


def test_a_promotion_only_profile_shows_no_interview_rows(journal_path, today):
    form = profile_form()
    # Interview-only at first (the default): the promotion answers are hidden.
    assert form.rows["calibration_on"].layout.display == "none"
    assert form.list_parts["interviews"].layout.display is None
    form.add_interview.click()
    form.interview_rows[0].company.value = "Northwind"
    form.routes.chosen = [PROMOTION_ID]
    assert form.list_parts["interviews"].layout.display == "none"
    assert form.rows["calibration_on"].layout.display is None
    assert form.list_parts["past_ratings"].layout.display is None
    form.save()
    with Journal(journal_path, readonly=True) as journal:
        saved = journal.record(Profile.kind)
    # Hidden, not deleted: ticking the route again finds the interview as it was.
    assert saved.routes == [PROMOTION_ID] and saved.interviews[0].company == "Northwind"
    # The tick boxes are the registry's words.
    assert [name for _id, name, _hover in form.routes.options] == [
        r.sentence_name for r in routes.routes().entries
    ]
    # No route ticked is refused beside the boxes, the last good routes kept.
    form.routes.chosen = []
    form.save()
    assert form.errors.get("routes")
    with Journal(journal_path, readonly=True) as journal:
        assert journal.record(Profile.kind).routes == [PROMOTION_ID]


@pytest.mark.parametrize(
    ("route_ids", "interview_in", "calibration_in", "kind", "days"),
    [
        ([INTERVIEW_ID], 30, 60, "interview", 30),  # the calibration date is not its route's
        ([PROMOTION_ID], 30, 60, "packet_due", 40),  # the interview is not its route's
        ([INTERVIEW_ID, PROMOTION_ID], 45, 60, "packet_due", 40),  # the sooner wins
        ([INTERVIEW_ID, PROMOTION_ID], 10, 60, "interview", 10),
        ([PROMOTION_ID], None, None, None, None),
    ],
)
def test_the_next_milestone_across_routes(route_ids, interview_in, calibration_in, kind, days):
    profile = _profile(route_ids, interview_in, calibration_in)
    nearest = next_milestone(profile, TODAY)
    assert (nearest.kind if nearest else None) == kind
    assert (nearest.days_from(TODAY) if nearest else None) == days
    ahead = milestones(profile, TODAY)
    assert [m.date for m in ahead] == sorted(m.date for m in ahead)
    kinds = [m.kind for m in ahead]
    assert ("calibration" in kinds) == (PROMOTION_ID in route_ids and calibration_in is not None)


def test_the_runway_runs_to_a_calibration_date(journal, today):
    calibration = TODAY + dt.timedelta(days=20)
    journal.save(Profile(routes=[PROMOTION_ID], promotion_cycle={"calibration_on": calibration}))
    found = propose(journal, TODAY)
    runway = found.runway
    assert isinstance(runway, Runway) and runway.milestone.kind == "calibration"
    assert runway.days_left == 20 and runway.preparing
    assert runway.last_day() == calibration - dt.timedelta(days=2)
    assert all(p.due <= calibration - dt.timedelta(days=2) for p in found.shown)
    assert proposals_note(found).startswith("calibration is in 20 days, so these prepare for it")
    assert "interview" not in proposals_note(found)


def test_the_timeline_draws_a_calibration_milestone(journal_path, journal, today):
    calibration = TODAY + dt.timedelta(days=30)
    journal.save(Profile(routes=[PROMOTION_ID], promotion_cycle={"calibration_on": calibration}))
    journal.save(Checkin(week_of=TODAY - dt.timedelta(days=7), confidence=6, hours=3))
    panel = readiness_timeline()
    assert panel.data["milestones"] == [(calibration, "calibration")]
    summary = panel.summary()
    assert f"  next milestone: calibration on {calibration.isoformat()}" in summary
    assert f"  milestones: {calibration.isoformat()} calibration" in summary
    assert "Next milestone:</b> calibration in 30 days" in panel.countdown.value
    assert "Milestones (dotted lines): " + calibration.isoformat() in panel.timeline_image.alt
    figure = charts.readiness_timeline(panel.data["checkins"], panel.data["milestones"])
    marks = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert "calibration" in marks and "(milestones dotted)" in figure.axes[0].get_title()


def test_with_no_calibration_date_05_says_the_routes_sentence(journal_path, journal, today):
    journal.save(Profile(routes=[PROMOTION_ID]))
    countdown = readiness_timeline().countdown.value
    assert routes.routes().get(PROMOTION_ID).undated.split(":")[0] in countdown
    assert "interview" not in countdown.lower()


def test_the_roster_column_is_the_next_milestone_of_either_route(tmp_path, today):
    rows = []
    for n, (route_ids, interview_in, calibration_in) in enumerate(
        [
            ([INTERVIEW_ID], 30, None),
            ([PROMOTION_ID], None, 35),
            ([INTERVIEW_ID, PROMOTION_ID], 50, 45),
        ]
    ):
        with Journal(tmp_path / f"{n}.sqlite") as journal:
            journal.save(_profile(route_ids, interview_in, calibration_in))
            rows.append(mentee_row(f"{n}.sqlite", overview(journal, TODAY, "coach"), None))
    assert [(r.milestone, r.days_to_milestone) for r in rows] == [
        ("Northwind interview", 30),
        ("packet due", 15),
        ("packet due", 25),
    ]
    assert [c.label for c in COLUMNS if c.key == "milestone"] == ["Next milestone"]
    assert [r.file for r in sort_mentees(rows, "milestone")] == ["1.sqlite", "2.sqlite", "0.sqlite"]


def test_a_both_routes_managers_copy_holds_no_interview_milestone(journal, today):
    journal.save(_profile([INTERVIEW_ID, PROMOTION_ID], 10, 60))
    mine = overview(journal, TODAY, "me")
    assert {m.kind for m in mine.milestones} == {"interview", "packet_due", "calibration"}
    managers = overview(journal, TODAY, "manager")
    assert [m.kind for m in managers.milestones] == ["packet_due", "calibration"]
    assert managers.next_milestone.kind == "packet_due"
    assert managers.profile.routes == [PROMOTION_ID]
    for fmt in ("html", "md"):
        assert "Northwind" not in render_report(journal, fmt, "manager")


def test_no_code_branches_on_a_route_id():
    """A route's differences are data in seeds/routes.yaml: no module compares with its id."""
    ids = set(routes.routes().ids())
    assert [
        hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _python_branches(path, ids)
    ] == []

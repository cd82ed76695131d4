"""Every place a coach reads reads as the audience the coach's role names (issue 30): the coach's
page speaks of the next milestone of the routes its reader may know of, the roster's row of a
manager who coaches never shows the next outside interview, a snapshot records the audience it
really holds, and the radar names the coach's line as the role does ("manager")."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from markupsafe import escape

from widgets import coach_session
from widgets.content import coach_roles, routes
from widgets.readers.share import build_share
from widgets.storage.journal import Journal
from widgets.storage.records import Interview, Profile, PromotionCycle
from widgets.storage.transfer import ImportError_, dumps, read_snapshot_file
from widgets.views.overview import chart_calls, chart_words, overview
from widgets.views.roster import read_mentee

from .test_route_words import INTERVIEW_WORDS

TODAY = dt.date(2027, 3, 1)
# The registry's ids and roles, never typed in a test: the private route first, then the shared.
PRIVATE = next(r for r in routes.routes().entries if r.tier == "private")
SHARED = next(r for r in routes.routes().entries if r.tier == "shared")
MANAGER_ROLE = next(r for r in coach_roles.coach_roles().entries if r.reads_as == "manager")
COACH_ROLE = coach_roles.coach_roles().get(coach_roles.default_id())


def engineer(route_ids, role, interview_in=10, calibration_in=60) -> Profile:
    """Mei on ``route_ids``, coached by ``role``: an interview and calibration that many days
    out (None: not dated)."""
    day = lambda n: TODAY + dt.timedelta(days=n) if n is not None else None
    return Profile(
        alias="Mei",
        routes=route_ids,
        coach_role=role.id,
        interviews=[Interview(company="Northwind", date=day(interview_in))] if interview_in else [],
        promotion_cycle=PromotionCycle(name="May cycle", calibration_on=day(calibration_in)),
    )


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    return TODAY


def page_for(journal_path, profile, monkeypatch) -> str:
    with Journal(journal_path) as journal:
        journal.save(profile)
    monkeypatch.setenv("STEPUP_READONLY", "1")
    return coach_session().html


def test_the_coach_page_speaks_of_the_promotions_calibration(journal_path, today, monkeypatch):
    """A promotion-only engineer's coach reads the next milestone, never "No interview"."""
    page = page_for(journal_path, engineer([SHARED.id], COACH_ROLE, None), monkeypatch)
    assert "Next milestone: calibration</b> in <b>60 days</b>" in page
    assert not INTERVIEW_WORDS.search(page.split("<h2")[1].split("</p>")[1])


def test_an_undated_promotion_says_its_routes_sentence(journal_path, today, monkeypatch):
    page = page_for(journal_path, engineer([SHARED.id], COACH_ROLE, None, None), monkeypatch)
    assert escape(SHARED.undated) in page and "No interview dated yet" not in page


def test_a_manager_who_coaches_reads_calibration_not_the_sooner_interview(
    journal_path, today, monkeypatch
):
    both = engineer([PRIVATE.id, SHARED.id], MANAGER_ROLE)
    page = page_for(journal_path, both, monkeypatch)
    assert "Next milestone: calibration" in page and "Northwind" not in page
    assert "Next interview" not in page


@pytest.mark.parametrize(("role", "milestone"), [(MANAGER_ROLE, "calibration"), (COACH_ROLE, "")])
def test_the_roster_row_reads_as_the_coachs_role(journal_path, tmp_path, today, role, milestone):
    """On both routes, the interview in 10 days is the nearest: the coach's row shows it, a
    managing coach's row shows calibration, from the journal and from a snapshot alike."""
    with Journal(journal_path) as journal:
        journal.save(engineer([PRIVATE.id, SHARED.id], role))
        snapshot = tmp_path / "mei.json"
        snapshot.write_text(dumps(build_share(journal).document), encoding="utf-8")
    for path in (journal_path, snapshot):
        row = read_mentee(path, TODAY)
        assert row.milestone == (milestone or "Northwind interview"), path.suffix
        assert row.days_to_milestone == (60 if milestone else 10)


@pytest.mark.parametrize("role", [MANAGER_ROLE, COACH_ROLE])
def test_a_snapshot_records_the_audience_it_holds(journal_path, tmp_path, today, role):
    with Journal(journal_path) as journal:
        journal.save(engineer([PRIVATE.id, SHARED.id], role))
        share = build_share(journal)
    assert share.document["audience"] == role.reads_as == share.reader
    path = tmp_path / "snapshot.json"
    path.write_text(dumps(share.document), encoding="utf-8")
    assert read_snapshot_file(path).audience == role.reads_as


def test_an_older_coach_snapshot_still_loads_and_a_foreign_audience_is_refused(
    journal_path, tmp_path, today
):
    with Journal(journal_path) as journal:
        journal.save(engineer([PRIVATE.id], COACH_ROLE))
        document = build_share(journal).document
    older = tmp_path / "older.json"
    older.write_text(dumps({**document, "audience": "coach"}), encoding="utf-8")
    assert read_snapshot_file(older).audience == "coach"
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({**document, "audience": "board"}), encoding="utf-8")
    with pytest.raises(ImportError_, match="audience must be one of"):
        read_snapshot_file(foreign)


def test_the_radar_names_the_managers_line_as_the_manager(demo_path):
    """The demo's coach rated him: with his manager as coach, the radar, its title and its words
    call that line the manager's, never the coach's."""
    with Journal(demo_path) as journal:
        profile = journal.record(Profile.kind)
        journal.save(profile.model_copy(update={"coach_role": MANAGER_ROLE.id}))
        ov = overview(journal, audience=MANAGER_ROLE.reads_as)
    radar = chart_calls(ov, ("radar",))["radar"]
    assert radar.kwargs["legend"]["coach"] == MANAGER_ROLE.label
    assert "coach" not in radar.kwargs["title"].lower()
    words = chart_words(ov, ("radar",))["radar"]
    assert f"{MANAGER_ROLE.label}:" in words and "coach" not in words.lower()


def test_workbook_02s_radar_names_the_managers_view(demo_path):
    """The engineer's own radar calls the coach's line "manager's view" when the coach is their
    manager, and the picture kept for it is a new one (the legend is part of what it draws)."""
    from widgets.forms.competency import FrameworkChoice
    from widgets.panels.competency import RadarPanel

    with Journal(demo_path) as journal:
        profile = journal.record(Profile.kind)
        journal.save(profile.model_copy(update={"coach_role": MANAGER_ROLE.id}))
        panel = RadarPanel(journal, FrameworkChoice(journal), readonly=True)
        try:
            names = [c.name for c in panel.choice.framework.competencies]
            levels = [lv.name for lv in panel.choice.framework.levels]
            canvas = panel._canvas_for(("test",), names, levels, panel._legend())
            said = [t.get_text() for t in canvas.figure.legends[0].get_texts()]
        finally:
            panel.close()
    assert f"{MANAGER_ROLE.label}'s view" in said and "coach's view" not in said

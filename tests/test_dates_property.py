"""Every date a record accepts can be drawn: charts, the report and the coach view, over the
whole range (hypothesis), with the edges themselves always tried."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from widgets import belief_charts, design_progress, readiness_timeline
from widgets.panels.chart_image import ChartImage
from widgets.storage.journal import Journal
from widgets.storage.records import (
    FIRST_DAY,
    LAST_DAY,
    Action,
    Checkin,
    DesignSession,
    Interview,
    Profile,
    ThoughtRecord,
)
from widgets.views.coach_page import CoachSession
from widgets.views.report import render_report

from .helpers import all_widgets

DAYS = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(interview=DAYS, due=DAYS, week=DAYS, practised=DAYS, recorded=DAYS, today=DAYS)
@example(
    interview=LAST_DAY,
    due=FIRST_DAY,
    week=LAST_DAY,
    practised=FIRST_DAY,
    recorded=LAST_DAY,
    today=FIRST_DAY,
)
@example(
    interview=FIRST_DAY,
    due=LAST_DAY,
    week=FIRST_DAY,
    practised=LAST_DAY,
    recorded=FIRST_DAY,
    today=LAST_DAY,
)
def test_every_accepted_date_draws_everywhere(
    tmp_path_factory, monkeypatch_dates, interview, due, week, practised, recorded, today
):
    path = tmp_path_factory.mktemp("dates") / "journal.sqlite"
    monkeypatch_dates(path, today)
    with Journal(path) as journal:
        journal.save(
            Profile(alias="Asha", interviews=[Interview(company="Ledgerline", date=interview)])
        )
        journal.save(
            ThoughtRecord(
                recorded_on=recorded,
                belief="Behind for my years.",
                strength_before=80,
                strength_after=50,
            )
        )
        journal.save(Action(what="Mock loop", due=due, created_on=recorded))
        journal.save(Checkin(week_of=week, confidence=6, hours=3))
        journal.save(DesignSession(practised_on=practised, self_scores={"requirements_scope": 3}))
        for fmt in ("md", "html"):
            assert "Asha" in render_report(journal, fmt)
        assert "Asha" in CoachSession(journal)._repr_mimebundle_()["text/plain"]
    # Each panel draws its pictures and states the answers saved above, at whatever date.
    shown = {
        belief_charts(): ["Behind for my years.: 80 → 50"],
        design_progress(): [f"{practised.isoformat()} 3"],
        readiness_timeline(): [
            f"{interview.isoformat()} Ledgerline",
            f"{week.isoformat()} 6/10, 3 h",
            f"{practised.isoformat()} 3.0",
        ],
    }
    for panel, answers in shown.items():
        pictures = [c.value for c in all_widgets(panel) if isinstance(c, ChartImage)]
        assert pictures and all(png.startswith(b"\x89PNG") for png in pictures), panel
        for answer in answers:
            assert answer in panel.summary(), (answer, panel.summary())


def test_dates_outside_the_range_are_refused_by_name_on_import(demo_text, tmp_path):
    from widgets.storage.transfer import ImportError_, import_journal

    for year in ("9999", "0001"):
        broken = demo_text.replace('"week_of": "2026-', f'"week_of": "{year}-', 1)
        with pytest.raises(
            ImportError_, match="week_of: Use a date from 1 Jan 1950 to 31 Dec 2100"
        ):
            import_journal(broken, tmp_path / f"{year}.sqlite")
        assert not (tmp_path / f"{year}.sqlite").exists()

"""Workbook 01's reading of the journal: what the belief trend plots."""

from __future__ import annotations

import datetime as dt

from widgets.readers.beliefs import trend
from widgets.storage.records import Rerating, ThoughtRecord

DAY_ONE = dt.date(2026, 11, 2)


def _record(belief: str, reratings=()) -> ThoughtRecord:
    return ThoughtRecord(
        recorded_on=DAY_ONE,
        belief=belief,
        strength_before=80,
        strength_after=60,
        reratings=[Rerating(on=day, strength=s) for day, s in reratings],
    )


def test_day_one_has_no_trend_yet():
    """Before and after on the same day are one day's rating, not a line over time."""
    assert trend([_record("I'm behind for my years.")]) == {}


def test_a_trend_has_one_point_per_day_the_day_ending_where_it_ended():
    later = DAY_ONE + dt.timedelta(days=14)
    record = _record("I'm behind for my years.", [(later, 45), (later, 40)])
    assert trend([record, _record("Design is beyond me.")]) == {
        "I'm behind for my years.": [(DAY_ONE, 60), (later, 40)]
    }

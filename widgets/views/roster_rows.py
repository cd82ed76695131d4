"""A roster's rows: one mentee's figures, and the columns a coach sorts them by.

A row is read from the coach view's own :class:`~widgets.views.overview.Overview` (see
``views/roster.py``), so its figures are the coach view's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from widgets.i18n import N_, gettext
from widgets.views.overview import Overview

RECENT_CONFIDENCE = 4  # the check-ins a confidence trend is read from, as the coach view lists


@dataclass(frozen=True)
class Mentee:
    """One row of the roster: the figures a coach scans to choose whom to see first."""

    file: str
    shared_at: str | None  # when the snapshot was made; None for a journal (read live)
    name: str
    target_level: str
    target_date: dt.date | None
    milestone: str  # the nearest milestone, naming its kind: "Northwind interview", "calibration"
    days_to_milestone: int | None
    last_checkin: dt.date | None
    confidence: tuple[int, ...]  # the recent check-ins' confidence, oldest first
    overdue: tuple[str, ...]
    top_gap: str
    top_gap_weight: int | None

    @property
    def confidence_change(self) -> int | None:
        """Latest confidence less the earliest of the recent check-ins, or None with fewer than
        two."""
        return self.confidence[-1] - self.confidence[0] if len(self.confidence) > 1 else None

    @property
    def trend(self) -> str:
        """The confidence trend in words: "5 → 6 → 8, up 3"; "6, one check-in"; "" when no
        check-in gives a confidence."""
        if not self.confidence:
            return ""
        if len(self.confidence) == 1:
            return gettext("{confidence}, one check-in").format(confidence=self.confidence[0])
        change = self.confidence_change
        if change == 0:
            said = gettext("steady")
        elif change > 0:
            said = gettext("up {change}").format(change=change)
        else:
            said = gettext("down {change}").format(change=-change)
        return " → ".join(map(str, self.confidence)) + f", {said}"


@dataclass(frozen=True)
class Unread:
    """A file in the folder that is not a mentee Step Up can read, and why."""

    file: str
    reason: str


def mentee_row(file: str, ov: Overview, shared_at: str | None) -> Mentee:
    """A mentee's roster row from their overview; ``shared_at`` is when a snapshot was made (None
    for a journal)."""
    recent = [c.confidence for c in ov.checkins if c.confidence is not None][-RECENT_CONFIDENCE:]
    top = ov.gaps[0] if ov.gaps else None
    return Mentee(
        file=file,
        shared_at=shared_at,
        name=ov.profile.alias or Path(file).stem,
        target_level=ov.target_level if ov.profile.target_level else "",
        target_date=ov.profile.target_date,
        milestone=ov.next_milestone.words if ov.next_milestone else "",
        days_to_milestone=ov.days_to_milestone,
        last_checkin=ov.checkins[-1].week_of if ov.checkins else None,
        confidence=tuple(recent),
        overdue=tuple(a.what for a in ov.overdue),
        top_gap=top.name if top else "",
        top_gap_weight=top.weighted_gap if top else None,
    )


@dataclass(frozen=True)
class Column:
    """A roster column the coach can sort by: its label, what it sorts on, and what each
    direction puts first, in words (marked with ``N_``: translated where shown)."""

    key: str
    label: str
    sort_key: Callable[[Mentee], object]  # None sorts last, whichever the direction
    ascending: str  # what each direction puts first, in words
    descending: str


COLUMNS = (
    Column("name", N_("Mentee"), lambda m: m.name.casefold(), N_("A to Z"), N_("Z to A")),
    Column(
        "target",
        N_("Target"),
        lambda m: m.target_date,
        N_("earliest target date first"),
        N_("latest first"),
    ),
    Column(
        "milestone",
        N_("Next milestone"),
        lambda m: m.days_to_milestone,
        N_("soonest first"),
        N_("latest first"),
    ),
    Column(
        "checkin",
        N_("Last check-in"),
        lambda m: m.last_checkin,
        N_("longest ago first"),
        N_("most recent first"),
    ),
    Column(
        "confidence",
        N_("Confidence trend"),
        lambda m: m.confidence_change,
        N_("falling most first"),
        N_("rising most first"),
    ),
    Column(
        "overdue",
        N_("Overdue actions"),
        lambda m: len(m.overdue),
        N_("fewest first"),
        N_("most first"),
    ),
    Column(
        "gap",
        N_("Top gap"),
        lambda m: m.top_gap_weight,
        N_("smallest weighted gap first"),
        N_("largest weighted gap first"),
    ),
)
COLUMN_KEYS = {c.key: c for c in COLUMNS}
DEFAULT_SORT = "milestone"


def sort_mentees(mentees: list[Mentee], key: str, descending: bool = False) -> list[Mentee]:
    """Sorted by ``key`` (one of :data:`COLUMN_KEYS`); rows without a value go last, then by
    name."""
    column = COLUMN_KEYS[key]
    by_name = sorted(mentees, key=lambda m: (m.name.casefold(), m.file))
    valued = [m for m in by_name if column.sort_key(m) is not None]
    missing = [m for m in by_name if column.sort_key(m) is None]
    return sorted(valued, key=column.sort_key, reverse=descending) + missing

"""The engineer's milestones: the dates on the way of each of their routes (an interview, the
promotion packet's due date, calibration), read from the profile as ``seeds/routes.yaml`` says
where each kind is held. Workbook 05's runway and timeline, the roster and the overview all
read them here, so a route's milestones are one entry of data, never a branch on its id.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from pydantic import BaseModel

from widgets.content import routes
from widgets.content.audiences import TIERS
from widgets.content.routes import MilestoneKind


@dataclass(frozen=True, order=True)
class Milestone:
    """One dated milestone: its day, its kind (``routes.yaml``'s id: 'interview',
    'calibration'), how the pages say it ("Ledgerline interview", "calibration") and how a
    sentence names it as the nearest ("your next interview")."""

    date: dt.date
    kind: str
    words: str
    the_next: str = ""

    def days_from(self, today: dt.date) -> int:
        """Days from ``today`` to the milestone (0: today)."""
        return (self.date - today).days


class _Blank(dict):
    """A part's fields for a milestone's words; a field the part lacks reads as empty."""

    def __missing__(self, _key: str) -> str:
        return ""


def _words(kind: MilestoneKind, part: BaseModel) -> str:
    fields = _Blank({k: "" if v is None else v for k, v in part.model_dump().items()})
    return string.Formatter().vformat(kind.words, (), fields).strip()


def _of_kind(profile: BaseModel, kind: MilestoneKind) -> list[Milestone]:
    held = getattr(profile, kind.at, None)
    parts = held if isinstance(held, list) else [held]
    found = []
    for part in parts:
        day = getattr(part, kind.day, None)
        if isinstance(day, dt.date):
            found.append(Milestone(day, kind.kind, _words(kind, part), kind.the_next))
    return found


def all_milestones(profile: BaseModel | None) -> list[Milestone]:
    """Every dated milestone of the engineer's routes, past ones too, soonest first."""
    if profile is None:
        return []
    kinds = [kind for route in routes.of_profile(profile) for kind in route.milestones]
    return sorted(m for kind in kinds for m in _of_kind(profile, kind))


def milestones(profile: BaseModel | None, today: dt.date) -> list[Milestone]:
    """The milestones of the engineer's routes from ``today`` on, soonest first."""
    return [m for m in all_milestones(profile) if m.date >= today]


def next_milestone(profile: BaseModel | None, today: dt.date) -> Milestone | None:
    """The nearest milestone from ``today`` on, of whichever route and kind; None when none is
    dated."""
    ahead = milestones(profile, today)
    return ahead[0] if ahead else None


def undated(profile: BaseModel | None, sees: AbstractSet[str] = frozenset(TIERS)) -> str:
    """What to say while no milestone is ahead: each of the engineer's routes' own sentence, of
    the routes a reader who sees the tiers ``sees`` may know of (every tier: the engineer)."""
    mine = routes.of_profile(profile)
    return " ".join(route.undated for route in mine if route.tier in sees)
